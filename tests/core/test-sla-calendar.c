/* test-sla-calendar.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The expected due times below were worked out by hand from the rules of
 * baladi_sla_calendar_compute_due(): working hours 07:00–14:00 Bahrain
 * time (UTC+3), Sunday to Thursday, less public holidays. November 2026
 * starts on a Sunday: 22 Nov is a Sunday, 26 Nov a Thursday. */

#include "config.h"

#include "baladi-sla-calendar.h"

static BaladiSlaCalendar *calendar;

static GDateTime *
local_time (int year, int month, int day, int hour, int minute)
{
  return g_date_time_new (baladi_sla_calendar_get_time_zone (calendar),
                          year, month, day, hour, minute, 0);
}

static void
assert_local_time (GDateTime *actual,
                   int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) expected = local_time (year, month, day, hour, minute);

  g_assert_nonnull (actual);
  if (!g_date_time_equal (actual, expected))
    {
      g_autofree char *a = g_date_time_format_iso8601 (actual);
      g_autofree char *e = g_date_time_format_iso8601 (expected);

      g_error ("Expected %s, got %s", e, a);
    }
}

static GDateTime *
due_in (GDateTime *received, guint value, BaladiSlaUnit unit)
{
  return baladi_sla_calendar_compute_due (calendar, received, value, unit, NULL, 0, NULL);
}

static void
test_working_days_of_week (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (22, G_DATE_NOVEMBER, 2026);

  for (guint i = 0; i < 7; i++)
    {
      GDateWeekday weekday = g_date_get_weekday (date);
      gboolean weekend = weekday == G_DATE_FRIDAY || weekday == G_DATE_SATURDAY;

      g_assert_cmpint (baladi_sla_calendar_is_working_day (calendar, date), ==, !weekend);
      g_date_add_days (date, 1);
    }

  /* National Day falls on a Wednesday and a Thursday in 2026. */
  g_date_set_dmy (date, 16, G_DATE_DECEMBER, 2026);
  g_assert_false (baladi_sla_calendar_is_working_day (calendar, date));
  g_assert_nonnull (baladi_sla_calendar_get_holiday (calendar, date));
  g_date_set_dmy (date, 15, G_DATE_DECEMBER, 2026);
  g_assert_true (baladi_sla_calendar_is_working_day (calendar, date));
  g_assert_null (baladi_sla_calendar_get_holiday (calendar, date));
}

static void
test_working_seconds_between (void)
{
  g_autoptr(GDateTime) sunday = local_time (2026, 11, 22, 0, 0);
  g_autoptr(GDateTime) next_sunday = local_time (2026, 11, 29, 0, 0);
  g_autoptr(GDateTime) morning = local_time (2026, 11, 22, 9, 30);
  g_autoptr(GDateTime) evening = local_time (2026, 11, 22, 20, 0);

  /* Five working days of seven hours. */
  g_assert_cmpint (baladi_sla_calendar_working_seconds_between (calendar, sunday, next_sunday), ==, 5 * 7 * 3600);
  /* 09:30 to closing at 14:00. */
  g_assert_cmpint (baladi_sla_calendar_working_seconds_between (calendar, morning, evening), ==, 4 * 3600 + 1800);
  g_assert_cmpint (baladi_sla_calendar_working_seconds_between (calendar, evening, morning), ==, 0);
  g_assert_cmpint (baladi_sla_calendar_get_working_day_length (calendar), ==, 7 * 3600);
}

static void
test_working_hours (void)
{
  struct {
    int received[5];
    guint hours;
    int due[5];
    const char *why;
  } cases[] = {
    { { 2026, 11, 22, 9, 0 }, 4, { 2026, 11, 22, 13, 0 }, "within one morning" },
    { { 2026, 11, 22, 12, 0 }, 4, { 2026, 11, 23, 9, 0 }, "two hours today, two tomorrow" },
    { { 2026, 11, 22, 5, 0 }, 2, { 2026, 11, 22, 9, 0 }, "before opening counts from 07:00" },
    { { 2026, 11, 22, 16, 0 }, 1, { 2026, 11, 23, 8, 0 }, "after closing counts from the next opening" },
    { { 2026, 11, 22, 13, 0 }, 1, { 2026, 11, 22, 14, 0 }, "ending exactly at closing time stays on the day" },
    { { 2026, 11, 26, 13, 0 }, 3, { 2026, 11, 29, 9, 0 }, "Thursday afternoon rolls over the weekend" },
    { { 2026, 11, 27, 10, 0 }, 1, { 2026, 11, 29, 8, 0 }, "received on a Friday" },
    { { 2026, 11, 28, 23, 59 }, 7, { 2026, 11, 29, 14, 0 }, "a whole working day from Saturday night" },
    { { 2026, 3, 19, 13, 0 }, 2, { 2026, 3, 23, 8, 0 }, "Thursday before Eid al-Fitr (20–22 March)" },
    { { 2026, 12, 31, 13, 0 }, 2, { 2027, 1, 3, 8, 0 }, "across the new year (1 January is a Friday and a holiday)" },
    { { 2026, 12, 15, 13, 0 }, 8, { 2026, 12, 20, 14, 0 }, "over National Day (16–17 December) and the weekend" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) received = local_time (cases[i].received[0], cases[i].received[1],
                                                  cases[i].received[2], cases[i].received[3],
                                                  cases[i].received[4]);
      g_autoptr(GDateTime) due = due_in (received, cases[i].hours, BALADI_SLA_UNIT_WORKING_HOURS);

      g_test_message ("%s", cases[i].why);
      assert_local_time (due, cases[i].due[0], cases[i].due[1], cases[i].due[2],
                         cases[i].due[3], cases[i].due[4]);
    }
}

static void
test_working_days (void)
{
  struct {
    int received[5];
    guint days;
    int due[3];
    const char *why;
  } cases[] = {
    { { 2026, 11, 22, 10, 0 }, 1, { 2026, 11, 23 }, "the day of receipt does not count" },
    { { 2026, 11, 22, 6, 0 }, 1, { 2026, 11, 23 }, "not even when received before opening" },
    { { 2026, 11, 22, 10, 0 }, 3, { 2026, 11, 25 }, "three working days" },
    { { 2026, 11, 26, 10, 0 }, 1, { 2026, 11, 29 }, "Thursday to Sunday" },
    { { 2026, 11, 27, 10, 0 }, 1, { 2026, 11, 29 }, "Friday to Sunday" },
    { { 2026, 11, 22, 10, 0 }, 10, { 2026, 12, 6 }, "two working weeks" },
    { { 2026, 12, 15, 10, 0 }, 2, { 2026, 12, 21 }, "National Day and the weekend are skipped" },
    { { 2026, 5, 25, 10, 0 }, 1, { 2026, 5, 31 }, "Arafat Day and Eid al-Adha (26–29 May)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) received = local_time (cases[i].received[0], cases[i].received[1],
                                                  cases[i].received[2], cases[i].received[3],
                                                  cases[i].received[4]);
      g_autoptr(GDateTime) due = due_in (received, cases[i].days, BALADI_SLA_UNIT_WORKING_DAYS);

      g_test_message ("%s", cases[i].why);
      /* A limit in working days always ends at closing time. */
      assert_local_time (due, cases[i].due[0], cases[i].due[1], cases[i].due[2], 14, 0);
    }
}

static void
test_pauses (void)
{
  g_autoptr(GDateTime) received = local_time (2026, 11, 22, 9, 0);
  g_autoptr(GDateTime) ten = local_time (2026, 11, 22, 10, 0);
  g_autoptr(GDateTime) half_past_eleven = local_time (2026, 11, 22, 11, 30);
  g_autoptr(GDateTime) noon = local_time (2026, 11, 22, 12, 0);
  g_autoptr(GDateTime) one = local_time (2026, 11, 22, 13, 0);
  g_autoptr(GDateTime) monday_nine = local_time (2026, 11, 23, 9, 0);
  g_autoptr(GDateTime) monday_eight = local_time (2026, 11, 23, 8, 0);
  g_autoptr(GDateTime) sunday_eleven = local_time (2026, 11, 22, 11, 0);
  g_autoptr(GDateTime) due = NULL;
  BaladiSlaPause pause;

  /* 4 h from 09:00 plus 1.5 h paused: five hours are left on Sunday, the
   * last half hour falls on Monday. */
  pause = (BaladiSlaPause) { ten, half_past_eleven };
  due = baladi_sla_calendar_compute_due (calendar, received, 4, BALADI_SLA_UNIT_WORKING_HOURS, &pause, 1, NULL);
  assert_local_time (due, 2026, 11, 23, 7, 30);
  g_clear_pointer (&due, g_date_time_unref);

  /* Paused from 13:00 Sunday to 09:00 Monday covers 1 h + 2 h of working
   * time: 7 h in all from 09:00 Sunday. */
  pause = (BaladiSlaPause) { one, monday_nine };
  due = baladi_sla_calendar_compute_due (calendar, received, 4, BALADI_SLA_UNIT_WORKING_HOURS, &pause, 1, NULL);
  assert_local_time (due, 2026, 11, 23, 9, 0);
  g_clear_pointer (&due, g_date_time_unref);

  /* A pause still open counts until now: 10:00 to 12:00. */
  pause = (BaladiSlaPause) { ten, NULL };
  due = baladi_sla_calendar_compute_due (calendar, received, 4, BALADI_SLA_UNIT_WORKING_HOURS, &pause, 1, noon);
  assert_local_time (due, 2026, 11, 23, 8, 0);
  g_clear_pointer (&due, g_date_time_unref);

  /* Two pauses add up. */
  {
    BaladiSlaPause two[] = { { ten, half_past_eleven }, { one, monday_nine } };

    due = baladi_sla_calendar_compute_due (calendar, received, 4, BALADI_SLA_UNIT_WORKING_HOURS, two, 2, NULL);
    /* 4 + 1.5 + 3 = 8.5 h: Sunday 5 h, Monday 3.5 h. */
    assert_local_time (due, 2026, 11, 23, 10, 30);
    g_clear_pointer (&due, g_date_time_unref);
  }

  /* In working days the clock starts at Monday's opening, so only the
   * hour of the pause after 07:00 Monday counts. */
  pause = (BaladiSlaPause) { sunday_eleven, monday_eight };
  due = baladi_sla_calendar_compute_due (calendar, received, 1, BALADI_SLA_UNIT_WORKING_DAYS, &pause, 1, NULL);
  assert_local_time (due, 2026, 11, 24, 8, 0);
  g_clear_pointer (&due, g_date_time_unref);

  /* A pause over a weekend covers no working time. */
  {
    g_autoptr(GDateTime) thursday_evening = local_time (2026, 11, 26, 15, 0);
    g_autoptr(GDateTime) sunday_morning = local_time (2026, 11, 29, 6, 0);
    g_autoptr(GDateTime) thursday = local_time (2026, 11, 26, 9, 0);

    pause = (BaladiSlaPause) { thursday_evening, sunday_morning };
    due = baladi_sla_calendar_compute_due (calendar, thursday, 2, BALADI_SLA_UNIT_WORKING_HOURS, &pause, 1, NULL);
    assert_local_time (due, 2026, 11, 26, 11, 0);
  }
}

static void
test_time_zones (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) received_utc = g_date_time_new (utc, 2026, 11, 22, 6, 0, 0);
  g_autoptr(GDateTime) received_local = local_time (2026, 11, 22, 9, 0);
  g_autoptr(GDateTime) due_utc = due_in (received_utc, 4, BALADI_SLA_UNIT_WORKING_HOURS);
  g_autoptr(GDateTime) due_local = due_in (received_local, 4, BALADI_SLA_UNIT_WORKING_HOURS);
  g_autofree char *iso = g_date_time_format_iso8601 (due_utc);

  /* 06:00 UTC is 09:00 in Bahrain; the answer comes back in UTC. */
  g_assert_true (g_date_time_equal (due_utc, due_local));
  g_assert_cmpstr (iso, ==, "2026-11-22T10:00:00Z");

  /* 22:30 UTC on Saturday is already 01:30 on Sunday in Bahrain. */
  {
    g_autoptr(GDateTime) late = g_date_time_new (utc, 2026, 11, 28, 22, 30, 0);
    g_autoptr(GDateTime) due = due_in (late, 1, BALADI_SLA_UNIT_WORKING_DAYS);

    assert_local_time (due, 2026, 11, 30, 14, 0);
  }
}

static void
test_evaluate (void)
{
  g_autoptr(GDateTime) received = local_time (2026, 11, 22, 9, 0);
  g_autoptr(GDateTime) due = due_in (received, 4, BALADI_SLA_UNIT_WORKING_HOURS);
  g_autoptr(GDateTime) just_after = g_date_time_add_seconds (due, 1);
  g_autoptr(GDateTime) half_hour_before = g_date_time_add_minutes (due, -30);
  g_autoptr(GDateTime) ten = local_time (2026, 11, 22, 10, 0);

  /* A reply at the due instant is on time; a second later is late. */
  g_assert_cmpint (baladi_sla_calendar_evaluate (calendar, received, due, due, FALSE, just_after), ==, BALADI_SLA_STATE_MET_ON_TIME);
  g_assert_cmpint (baladi_sla_calendar_evaluate (calendar, received, due, just_after, FALSE, just_after), ==, BALADI_SLA_STATE_MET_LATE);
  g_assert_cmpint (baladi_sla_calendar_evaluate (calendar, received, due, NULL, FALSE, just_after), ==, BALADI_SLA_STATE_OVERDUE);
  g_assert_cmpint (baladi_sla_calendar_evaluate (calendar, received, due, NULL, FALSE, due), ==, BALADI_SLA_STATE_DUE_SOON);
  g_assert_cmpint (baladi_sla_calendar_evaluate (calendar, received, due, NULL, FALSE, half_hour_before), ==, BALADI_SLA_STATE_DUE_SOON);
  g_assert_cmpint (baladi_sla_calendar_evaluate (calendar, received, due, NULL, FALSE, ten), ==, BALADI_SLA_STATE_ON_TRACK);
  g_assert_cmpint (baladi_sla_calendar_evaluate (calendar, received, due, NULL, TRUE, just_after), ==, BALADI_SLA_STATE_PAUSED);
}

static void
test_load_holidays (void)
{
  g_autoptr(BaladiSlaCalendar) local = baladi_sla_calendar_new ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GKeyFile) bad = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) tuesday = g_date_new_dmy (24, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) national_day = g_date_new_dmy (16, G_DATE_DECEMBER, 2026);
  g_autoptr(GDate) wednesday = g_date_new_dmy (25, G_DATE_NOVEMBER, 2026);

  g_assert_true (g_key_file_load_from_data (key_file,
                                            "[holidays]\n2026-11-24=Announced holiday\n"
                                            "[working-days]\n2026-12-16=Moved\n",
                                            -1, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_true (baladi_sla_calendar_load_holidays (local, key_file, &error));
  g_assert_no_error (error);
  g_assert_false (baladi_sla_calendar_is_working_day (local, tuesday));
  g_assert_cmpstr (baladi_sla_calendar_get_holiday (local, tuesday), ==, "Announced holiday");
  g_assert_true (baladi_sla_calendar_is_working_day (local, national_day));

  /* One bad date and nothing at all is loaded. */
  g_assert_true (g_key_file_load_from_data (bad,
                                            "[holidays]\n2026-11-25=Fine\n2026-13-01=Bad\n",
                                            -1, G_KEY_FILE_NONE, NULL));
  g_assert_false (baladi_sla_calendar_load_holidays (local, bad, &error));
  g_assert_error (error, BALADI_SLA_CALENDAR_ERROR, BALADI_SLA_CALENDAR_ERROR_INVALID_DATE);
  g_assert_true (baladi_sla_calendar_is_working_day (local, wednesday));
}

static void
test_builtin_table (void)
{
  g_autoptr(BaladiSlaCalendar) empty = baladi_sla_calendar_new_empty ();
  g_autoptr(GDate) date = g_date_new ();

  /* Every year of the table has its fixed holidays. */
  for (guint year = 2024; year <= 2028; year++)
    {
      g_date_set_dmy (date, 1, G_DATE_JANUARY, year);
      g_assert_nonnull (baladi_sla_calendar_get_holiday (calendar, date));
      g_date_set_dmy (date, 1, G_DATE_MAY, year);
      g_assert_nonnull (baladi_sla_calendar_get_holiday (calendar, date));
      g_date_set_dmy (date, 16, G_DATE_DECEMBER, year);
      g_assert_nonnull (baladi_sla_calendar_get_holiday (calendar, date));
      g_assert_null (baladi_sla_calendar_get_holiday (empty, date));
    }

  /* Custom working hours change every computation. */
  {
    g_autoptr(GDateTime) received = g_date_time_new (baladi_sla_calendar_get_time_zone (empty), 2026, 11, 22, 7, 30, 0);
    g_autoptr(GDateTime) due = NULL;
    g_autoptr(GDateTime) expected = g_date_time_new (baladi_sla_calendar_get_time_zone (empty), 2026, 11, 23, 8, 30, 0);

    baladi_sla_calendar_set_working_hours (empty, 7 * 60 + 30, 14 * 60 + 30);
    due = baladi_sla_calendar_compute_due (empty, received, 8, BALADI_SLA_UNIT_WORKING_HOURS, NULL, 0, NULL);
    g_assert_true (g_date_time_equal (due, expected));
  }
}

/* Two calendars share a fingerprint exactly when they count the same
 * working time: a holiday on a Friday changes nothing, one on a Monday or
 * other working hours do. */
static void
test_fingerprint (void)
{
  g_autoptr(BaladiSlaCalendar) same = baladi_sla_calendar_new ();
  g_autoptr(BaladiSlaCalendar) other = baladi_sla_calendar_new ();
  g_autofree char *builtin = baladi_sla_calendar_dup_fingerprint (calendar);
  g_autofree char *weekend = NULL;
  g_autofree char *monday = NULL;
  g_autofree char *back = NULL;
  g_autofree char *hours = NULL;
  g_autoptr(GDate) friday = g_date_new_dmy (6, G_DATE_NOVEMBER, 2026);
  g_autoptr(GDate) mon = g_date_new_dmy (9, G_DATE_NOVEMBER, 2026);
  g_autofree char *copy = baladi_sla_calendar_dup_fingerprint (same);

  g_assert_cmpuint (strlen (builtin), ==, 64);
  g_assert_cmpstr (builtin, ==, copy);

  baladi_sla_calendar_add_holiday (other, friday, "Friday");
  weekend = baladi_sla_calendar_dup_fingerprint (other);
  g_assert_cmpstr (weekend, ==, builtin);

  baladi_sla_calendar_add_holiday (other, mon, "Monday");
  monday = baladi_sla_calendar_dup_fingerprint (other);
  g_assert_cmpstr (monday, !=, builtin);

  g_assert_true (baladi_sla_calendar_remove_holiday (other, mon));
  back = baladi_sla_calendar_dup_fingerprint (other);
  g_assert_cmpstr (back, ==, builtin);

  baladi_sla_calendar_set_working_hours (other, 7 * 60, 15 * 60);
  hours = baladi_sla_calendar_dup_fingerprint (other);
  g_assert_cmpstr (hours, !=, builtin);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  calendar = baladi_sla_calendar_new ();

  g_test_add_func ("/sla-calendar/working-days-of-week", test_working_days_of_week);
  g_test_add_func ("/sla-calendar/working-seconds-between", test_working_seconds_between);
  g_test_add_func ("/sla-calendar/working-hours", test_working_hours);
  g_test_add_func ("/sla-calendar/working-days", test_working_days);
  g_test_add_func ("/sla-calendar/pauses", test_pauses);
  g_test_add_func ("/sla-calendar/time-zones", test_time_zones);
  g_test_add_func ("/sla-calendar/evaluate", test_evaluate);
  g_test_add_func ("/sla-calendar/load-holidays", test_load_holidays);
  g_test_add_func ("/sla-calendar/builtin-table", test_builtin_table);
  g_test_add_func ("/sla-calendar/fingerprint", test_fingerprint);

  ret = g_test_run ();
  g_clear_object (&calendar);

  return ret;
}
