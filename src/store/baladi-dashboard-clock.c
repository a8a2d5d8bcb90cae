/* baladi-dashboard-clock.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dashboard's arithmetic: working time between two instants in
 * constant time, for hundreds of thousands of replies, and percentiles. */

#include "config.h"

#include <sqlite3.h>

#include "baladi-dashboard-private.h"
#include "baladi-store.h"

/* 1 January 2200, 00:00 UTC. */
#define WORK_CLOCK_LAST_INSTANT G_GINT64_CONSTANT (7258118400)

void
baladi_work_clock_init (WorkClock         *clock,
                        BaladiSlaCalendar *calendar,
                        gint64             first_day,
                        gint64             last_day)
{
  gint64 total = 0;

  clock->calendar = calendar;
  clock->first_day = first_day;
  clock->opens = baladi_sla_calendar_get_opens_at (calendar) * 60;
  clock->closes = baladi_sla_calendar_get_closes_at (calendar) * 60;
  g_clear_pointer (&clock->before, g_array_unref);
  g_clear_pointer (&clock->working, g_array_unref);
  clock->before = g_array_new (FALSE, FALSE, sizeof (gint64));
  clock->working = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (gint64 day = first_day; day <= last_day; day++)
    {
      GDate date;
      gboolean working;

      day_to_date (day, &date);
      working = baladi_sla_calendar_is_working_day (calendar, &date);
      g_array_append_val (clock->before, total);
      g_array_append_val (clock->working, working);
      if (working)
        total += clock->closes - clock->opens;
    }
}

void
baladi_work_clock_clear (WorkClock *clock)
{
  g_clear_pointer (&clock->before, g_array_unref);
  g_clear_pointer (&clock->working, g_array_unref);
}

/* Working seconds between @from and @to on the calendar (0 if @to is not
 * after @from). The range of days grows, a year at a time, to cover them.
 * Instants outside 1970–2199 count as those years' ends: a wild date from
 * elsewhere must not make the table of days grow without bound. */
gint64
baladi_work_clock_between (WorkClock *clock,
                           gint64     from,
                           gint64     to)
{
  gint64 ends[2] = { CLAMP (from, 0, WORK_CLOCK_LAST_INSTANT), CLAMP (to, 0, WORK_CLOCK_LAST_INSTANT) };
  gint64 at[2];

  if (ends[1] <= ends[0])
    return 0;

  for (guint i = 0; i < 2; i++)
    {
      gint64 index = local_day (ends[i]) - clock->first_day;
      gint64 last_day = clock->first_day + clock->before->len - 1;
      gint64 into;

      if (index < 0 || index >= (gint64) clock->before->len)
        {
          baladi_work_clock_init (clock, clock->calendar, MIN (clock->first_day, local_day (ends[i]) - 366),
                           MAX (last_day, local_day (ends[i]) + 366));
          index = local_day (ends[i]) - clock->first_day;
        }

      into = ends[i] - day_start (index + clock->first_day);
      at[i] = g_array_index (clock->before, gint64, index);
      if (g_array_index (clock->working, gboolean, index) && into > clock->opens)
        at[i] += MIN (into, clock->closes) - clock->opens;
    }

  return at[1] - at[0];
}

/* The @k-th smallest (from 0) of @values, which it reorders. */
static gint64
select_kth (gint64 *values,
            gssize  n,
            gssize  k)
{
  gssize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      gint64 pivot = values[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (values[i] < pivot)
            i++;
          while (values[j] > pivot)
            j--;
          if (i <= j)
            {
              gint64 swap = values[i];

              values[i++] = values[j];
              values[j--] = swap;
            }
        }

      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return values[k];
    }

  return values[k];
}

/* The nearest-rank percentile of @n values: the index (from 0, in
 * ascending order) of the smallest value that at least @percent of the
 * values do not exceed. @n must not be 0. */
gsize
baladi_dashboard_percentile_rank (gsize n,
                                  guint percent)
{
  gsize rank = (n * percent + 99) / 100;

  return MAX (rank, 1) - 1;
}

gint64
baladi_dashboard_select_kth (gint64 *values,
                             gsize   n,
                             gsize   k)
{
  g_return_val_if_fail (k < n, -1);

  return select_kth (values, n, k);
}

/* The nearest-rank percentile of @values (reordered), -1 if empty. */
gint64
baladi_dashboard_percentile (GArray *values,
                             guint   percent)
{
  if (values->len == 0)
    return -1;

  return select_kth ((gint64 *) (gpointer) values->data, values->len,
                     baladi_dashboard_percentile_rank (values->len, percent));
}

/* The SQL functions of the cache's triggers, on the built-in calendar:
 * baladi_work_seconds (from, to) is baladi_work_clock_between() (never
 * NULL), and
 * baladi_work_calendar () that calendar's fingerprint. */
typedef struct {
  WorkClock  clock;
  char      *fingerprint;
} WorkFunctions;

static void
work_functions_free (gpointer data)
{
  WorkFunctions *functions = data;

  g_object_unref (functions->clock.calendar);
  baladi_work_clock_clear (&functions->clock);
  g_free (functions->fingerprint);
  g_free (functions);
}

static void
work_seconds (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  WorkFunctions *functions = sqlite3_user_data (context);

  /* Read as the dashboard reads the requests' columns, whatever they hold:
   * the figures must not depend on which of the two counted them. */
  sqlite3_result_int64 (context, baladi_work_clock_between (&functions->clock, sqlite3_value_int64 (argv[0]),
                                                            sqlite3_value_int64 (argv[1])));
}

static void
work_calendar (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  WorkFunctions *functions = sqlite3_user_data (context);

  sqlite3_result_text (context, functions->fingerprint, -1, SQLITE_STATIC);
}

/**
 * baladi_dashboard_register_functions:
 * @db: a connection to the cache
 *
 * Adds the SQL functions the dashboard's triggers call to @db: every
 * connection that writes requests needs them.
 *
 * Returns: %TRUE on success
 */
gboolean
baladi_dashboard_register_functions (sqlite3  *db,
                                     GError  **error)
{
  WorkFunctions *functions = g_new0 (WorkFunctions, 1);
  BaladiSlaCalendar *calendar = baladi_sla_calendar_new ();
  gint64 today = local_day (g_get_real_time () / G_USEC_PER_SEC);

  /* The clock owns the calendar; two years back cover most replies. */
  functions->fingerprint = baladi_sla_calendar_dup_fingerprint (calendar);
  baladi_work_clock_init (&functions->clock, calendar, today - 800, today + 400);

  /* One WorkFunctions for both: the second registration owns it (and
   * frees it if it fails). */
  if (sqlite3_create_function_v2 (db, "baladi_work_calendar", 0, SQLITE_UTF8 | SQLITE_DETERMINISTIC, functions,
                                  work_calendar, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function_v2 (db, "baladi_work_seconds", 2, SQLITE_UTF8, functions,
                                  work_seconds, NULL, NULL, work_functions_free) != SQLITE_OK)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Cannot add the dashboard’s functions to the cache: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}
