/* baladi-dashboard-clock.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dashboard's arithmetic: working time between two instants in
 * constant time, for hundreds of thousands of replies, and percentiles. */

#include "config.h"

#include "baladi-dashboard-private.h"

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
 * after @from). The range of days grows, a year at a time, to cover them. */
gint64
baladi_work_clock_between (WorkClock *clock,
                           gint64     from,
                           gint64     to)
{
  gint64 ends[2] = { from, to };
  gint64 at[2];

  if (to <= from)
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

/* The nearest-rank percentile: the smallest value that at least @percent
 * of the values do not exceed. */
gint64
baladi_dashboard_percentile (GArray *values,
                             guint   percent)
{
  gsize rank;

  if (values->len == 0)
    return -1;

  rank = ((gsize) values->len * percent + 99) / 100;
  return select_kth ((gint64 *) (gpointer) values->data, values->len, MAX (rank, 1) - 1);
}
