/* test-event-category.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "baladi-category.h"
#include "baladi-event.h"

static void
test_event_public_only_for_replies (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (int kind = BALADI_EVENT_KIND_CREATED; kind <= BALADI_EVENT_KIND_MERGE; kind++)
    {
      g_autoptr(BaladiEvent) event = baladi_event_new ("e1", "r1", kind, "clerk.capital", now);
      gboolean public;

      g_object_get (event, "public", &public, NULL);
      g_assert_cmpint (public, ==, kind == BALADI_EVENT_KIND_REPLY);
      g_assert_cmpint (baladi_event_is_public (event), ==, kind == BALADI_EVENT_KIND_REPLY);
      g_assert_cmpint (baladi_event_get_kind (event), ==, kind);
    }
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_event_fields (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(BaladiEvent) event = g_object_new (BALADI_TYPE_EVENT,
                                               "id", "e2", "request-id", "r1",
                                               "kind", BALADI_EVENT_KIND_STATUS_CHANGE,
                                               "created", now, "old-value", "in_progress",
                                               "new-value", "waiting_citizen", "reason", "صورة الموقع",
                                               NULL);
  g_autofree char *old_value = NULL;
  g_autofree char *reason = NULL;
  guint count = 0;

  g_object_get (event, "old-value", &old_value, "reason", &reason, NULL);
  g_assert_cmpstr (old_value, ==, "in_progress");
  g_assert_cmpstr (reason, ==, "صورة الموقع");
  g_assert_true (g_date_time_equal (baladi_event_get_created (event), now));
  g_assert_cmpstr (baladi_event_get_id (event), ==, "e2");

  g_signal_connect (event, "notify::body", G_CALLBACK (notify_cb), &count);
  baladi_event_set_body (event, "مسودة");
  baladi_event_set_body (event, "مسودة");
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (baladi_event_get_body (event), ==, "مسودة");
}

static void
test_category (void)
{
  g_autoptr(BaladiCategory) category = baladi_category_new ("street-lighting", BALADI_SECTOR_MUNICIPALITIES,
                                                            "إنارة الشوارع", "Street lighting",
                                                            2, BALADI_SLA_UNIT_WORKING_DAYS);
  g_autoptr(BaladiSlaCalendar) calendar = baladi_sla_calendar_new ();
  g_autoptr(GDateTime) received = g_date_time_new (baladi_sla_calendar_get_time_zone (calendar), 2026, 11, 22, 10, 0, 0);
  g_autoptr(GDateTime) expected = g_date_time_new (baladi_sla_calendar_get_time_zone (calendar), 2026, 11, 24, 14, 0, 0);
  g_autoptr(GDateTime) due = baladi_category_compute_due (category, calendar, received, NULL, 0, NULL);
  guint sla_value;

  g_assert_cmpstr (baladi_category_get_code (category), ==, "street-lighting");
  g_assert_cmpstr (baladi_category_get_name (category, "ar"), ==, "إنارة الشوارع");
  g_assert_cmpstr (baladi_category_get_name (category, "en"), ==, "Street lighting");
  g_assert_cmpstr (baladi_category_get_name (category, "fr"), ==, "Street lighting");
  g_assert_cmpint (baladi_category_get_sector (category), ==, BALADI_SECTOR_MUNICIPALITIES);
  g_object_get (category, "sla-value", &sla_value, NULL);
  g_assert_cmpuint (sla_value, ==, 2);
  /* Received on Sunday: Monday and Tuesday are the two working days. */
  g_assert_true (g_date_time_equal (due, expected));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event/public-only-for-replies", test_event_public_only_for_replies);
  g_test_add_func ("/event/fields", test_event_fields);
  g_test_add_func ("/category/due", test_category);

  return g_test_run ();
}
