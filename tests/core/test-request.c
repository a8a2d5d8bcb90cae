/* test-request.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "baladi-request.h"
#include "baladi-validate.h"

static guint n_notifies;

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  n_notifies++;
}

static void
test_properties (void)
{
  g_autoptr(BaladiRequest) request = baladi_request_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) due = g_date_time_new (utc, 2026, 11, 24, 11, 0, 0);
  g_autoptr(GDateTime) same_due = g_date_time_new (utc, 2026, 11, 24, 11, 0, 0);
  g_autoptr(GDateTime) read_due = NULL;
  g_autofree char *subject = NULL;
  BaladiChannel channel;
  double latitude;

  g_assert_true (baladi_id_is_valid (baladi_request_get_id (request)));
  g_signal_connect (request, "notify", G_CALLBACK (notify_cb), NULL);

  g_object_set (request,
                "subject", "إنارة معطلة",
                "channel", BALADI_CHANNEL_CUSTOMER_DAY,
                "municipality", BALADI_MUNICIPALITY_NORTHERN,
                "due", due,
                "has-location", TRUE,
                "latitude", 26.17,
                "longitude", 50.49,
                NULL);
  g_assert_cmpuint (n_notifies, ==, 7);

  /* Setting the same values again notifies nothing. */
  g_object_set (request, "subject", "إنارة معطلة", "channel", BALADI_CHANNEL_CUSTOMER_DAY, "due", same_due, NULL);
  g_assert_cmpuint (n_notifies, ==, 7);

  g_object_get (request, "subject", &subject, "channel", &channel, "latitude", &latitude, "due", &read_due, NULL);
  g_assert_cmpstr (subject, ==, "إنارة معطلة");
  g_assert_cmpint (channel, ==, BALADI_CHANNEL_CUSTOMER_DAY);
  g_assert_cmpfloat (latitude, ==, 26.17);
  g_assert_true (g_date_time_equal (read_due, due));
  g_assert_true (g_date_time_equal (baladi_request_get_due (request), due));
  g_assert_cmpint (baladi_request_get_municipality (request), ==, BALADI_MUNICIPALITY_NORTHERN);
}

static void
test_workflow (void)
{
  g_autoptr(BaladiRequest) request = baladi_request_new ();

  g_assert_cmpint (baladi_request_get_status (request), ==, BALADI_REQUEST_STATUS_NEW);
  g_assert_false (baladi_request_set_status (request, BALADI_REQUEST_STATUS_WAITING_CITIZEN));
  g_assert_true (baladi_request_set_status (request, BALADI_REQUEST_STATUS_ASSIGNED));
  g_assert_true (baladi_request_set_status (request, BALADI_REQUEST_STATUS_WAITING_CITIZEN));
  g_assert_true (baladi_request_set_status (request, BALADI_REQUEST_STATUS_ANSWERED));
  g_assert_false (baladi_request_set_status (request, BALADI_REQUEST_STATUS_NEW));
  g_assert_cmpint (baladi_request_get_status (request), ==, BALADI_REQUEST_STATUS_ANSWERED);
}

static char *
fields_of (GPtrArray *errors)
{
  GString *fields = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      BaladiFieldError *error = g_ptr_array_index (errors, i);

      g_string_append_printf (fields, "%s%s", i > 0 ? "," : "", error->field);
    }

  return g_string_free (fields, FALSE);
}

static void
test_check (void)
{
  g_autoptr(BaladiRequest) request = baladi_request_new ();
  g_autoptr(GPtrArray) empty = baladi_request_check (request);
  g_autoptr(GPtrArray) bad = NULL;
  g_autoptr(GPtrArray) good = NULL;
  g_autofree char *empty_fields = fields_of (empty);
  g_autofree char *bad_fields = NULL;
  g_autofree char *long_text = g_strnfill (4001, 'x');

  g_assert_cmpstr (empty_fields, ==, "category,subject,description,citizen.name");

  g_object_set (request,
                "category", "street-lighting",
                "subject", "إنارة معطلة",
                "description", long_text,
                "citizen-name", "حسن علي",
                "citizen-phone", "3612345",
                "citizen-email", "hasan",
                "citizen-cpr", "12",
                "reference", "CAP-26-1",
                "language", "fr",
                "has-location", TRUE,
                "latitude", 25.2,
                "longitude", 55.27,
                NULL);
  bad = baladi_request_check (request);
  bad_fields = fields_of (bad);
  g_assert_cmpstr (bad_fields, ==, "reference,description,language,citizen.phone,citizen.email,citizen.cpr,address");

  g_object_set (request,
                "description", "عمود الإنارة لا يعمل",
                "citizen-phone", "+973 3612 3456",
                "citizen-email", "hasan@example.com",
                "citizen-cpr", "880112345",
                "reference", "CAP-2026-000001",
                "language", "ar",
                "latitude", 26.22,
                "longitude", 50.59,
                NULL);
  baladi_request_add_attachment (request, baladi_attachment_new ("pole.jpg", "image/jpeg", 182044,
                                                                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
  good = baladi_request_check (request);
  g_assert_cmpuint (good->len, ==, 0);
  g_assert_cmpuint (baladi_request_get_attachments (request)->len, ==, 1);

  baladi_request_add_attachment (request, baladi_attachment_new ("", "image/jpeg", 10, "abc"));
  {
    g_autoptr(GPtrArray) with_bad_file = baladi_request_check (request);
    g_autofree char *fields = fields_of (with_bad_file);

    g_assert_cmpstr (fields, ==, "attachments");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/request/properties", test_properties);
  g_test_add_func ("/request/workflow", test_workflow);
  g_test_add_func ("/request/check", test_check);

  return g_test_run ();
}
