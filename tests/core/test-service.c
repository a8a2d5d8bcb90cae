/* test-service.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "baladi-service.h"

static void
test_fils (void)
{
  const char *bad[] = { "", "25", "25.0", "25.0000", ".500", "25,000", "-1.000", "1.2a3", "abc.def", "1.-00" };
  gint64 fils = -1;

  g_assert_true (baladi_fils_parse_bhd ("25.000", &fils));
  g_assert_cmpint (fils, ==, 25000);
  g_assert_true (baladi_fils_parse_bhd ("0.300", &fils));
  g_assert_cmpint (fils, ==, 300);
  g_assert_true (baladi_fils_parse_bhd ("1000.005", &fils));
  g_assert_cmpint (fils, ==, 1000005);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (baladi_fils_parse_bhd (bad[i], &fils));
  g_assert_false (baladi_fils_parse_bhd (NULL, &fils));

  {
    g_autofree char *a = baladi_fils_format_bhd (25000);
    g_autofree char *b = baladi_fils_format_bhd (300);
    g_autofree char *c = baladi_fils_format_bhd (1000005);

    g_assert_cmpstr (a, ==, "25.000");
    g_assert_cmpstr (b, ==, "0.300");
    g_assert_cmpstr (c, ==, "1000.005");
  }
}

static void
test_service (void)
{
  g_autoptr(BaladiService) service = baladi_service_new ("MUN-001");
  const char *documents_ar[] = { "نسخة من البطاقة الذكية", "نسخة من وثيقة الملكية", NULL };
  g_auto(GStrv) read_back = NULL;
  g_autofree char *category = NULL;
  guint duration;

  g_object_set (service,
                "name-ar", "رخصة بناء مسكن خاص",
                "name-en", "Building permit for a private house",
                "category", "building-licensing",
                "documents-ar", documents_ar,
                "duration-value", 10,
                "duration-unit", BALADI_SLA_UNIT_WORKING_DAYS,
                "e-service", TRUE,
                NULL);
  baladi_service_add_fee (service, baladi_fee_new (25000, "رسم الطلب", "Application fee"));
  baladi_service_add_fee (service, baladi_fee_new (300, "رسم المتر", "Per square metre"));

  g_assert_cmpstr (baladi_service_get_code (service), ==, "MUN-001");
  g_assert_cmpstr (baladi_service_get_name (service, "ar"), ==, "رخصة بناء مسكن خاص");
  g_assert_cmpstr (baladi_service_get_name (service, "en"), ==, "Building permit for a private house");
  g_assert_cmpuint (baladi_service_get_fees (service)->len, ==, 2);
  g_assert_cmpint (baladi_service_get_total_fils (service), ==, 25300);

  g_object_get (service, "documents-ar", &read_back, "category", &category, "duration-value", &duration, NULL);
  g_assert_true (g_strv_equal ((const char * const *) read_back, documents_ar));
  g_assert_cmpstr (category, ==, "building-licensing");
  g_assert_cmpuint (duration, ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/service/fils", test_fils);
  g_test_add_func ("/service/properties", test_service);

  return g_test_run ();
}
