/* baladi-dashboard-private.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "baladi-dashboard.h"

G_BEGIN_DECLS

#define DAY_SECONDS (24 * 60 * 60)

static inline gint64
local_day (gint64 unix_time)
{
  gint64 t = unix_time + BALADI_DASHBOARD_UTC_OFFSET;

  return t >= 0 ? t / DAY_SECONDS : -((-t + DAY_SECONDS - 1) / DAY_SECONDS);
}

static inline gint64
day_start (gint64 day)
{
  return day * DAY_SECONDS - BALADI_DASHBOARD_UTC_OFFSET;
}

/* The Sunday a working week starts on; 1 January 1970 was a Thursday. */
static inline gint64
week_of_day (gint64 day)
{
  return day - (((day + 4) % 7) + 7) % 7;
}

static inline void
day_to_date (gint64  day,
             GDate  *date)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, 1, G_DATE_JANUARY, 1970);
  g_date_add_days (date, (guint) day);
}

/* The month of @day as year × 12 + month - 1, by the arithmetic of the
 * proleptic Gregorian calendar (days since 1970-01-01, from 0000-03-01). */
static inline gint64
month_of_day (gint64 day)
{
  gint64 z = day + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 day_of_era = z - era * 146097;
  gint64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  gint64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  gint64 shifted = (5 * day_of_year + 2) / 153;
  gint64 month = shifted < 10 ? shifted + 3 : shifted - 9;

  return (year_of_era + era * 400 + (month <= 2)) * 12 + month - 1;
}

/* Times to first reply are counted, per week of the reply, in buckets of
 * a working hour, the last holding everything from 400 working hours on
 * (schema 7: kpi_reply_weeks). */
#define KPI_REPLY_BUCKET_SECONDS 3600
#define KPI_REPLY_LAST_BUCKET    400

static inline guint
reply_bucket (gint64 working_seconds)
{
  return MIN (working_seconds / KPI_REPLY_BUCKET_SECONDS, KPI_REPLY_LAST_BUCKET);
}

/* The counts behind one row of a breakdown or a series. */
typedef struct {
  guint received;
  guint answered;
  guint on_time;
  guint late;
  guint open;
  guint overdue;
  guint by_channel[BALADI_CHANNEL_CUSTOMER_DAY + 1];  /* received, in the week series */
} Counts;

enum {
  DIM_MUNICIPALITY,
  DIM_SECTOR,
  DIM_CHANNEL,
  DIM_CATEGORY,
  DIM_TYPE,
  DIM_ASSIGNEE,
  N_DIMS
};

extern const char * const baladi_dashboard_dimensions[N_DIMS];

/* Everything a period adds up to. */
typedef struct {
  gboolean              totals_only;      /* the tiles, nothing else */
  BaladiDashboardTiles  tiles;
  guint                 late;
  guint                 previous_late;
  GHashTable           *dims[N_DIMS];     /* key → Counts */
  GHashTable           *weeks;            /* first day → Counts */
  GHashTable           *months;           /* year × 12 + month - 1 → Counts */
  GHashTable           *customer_days;    /* "day|municipality" → Counts */
  GHashTable           *pauses;           /* "status:reason" → guint */
  guint                 ageing[4];
  /* The last row's keys: rows come in key order, so most repeat. */
  const char           *last_key[N_DIMS];
  Counts               *last_counts[N_DIMS];
  gint64                last_day;
  Counts               *last_series[2];
  GArray               *reply_times;      /* gint64 working seconds read one by one */
  guint                 n_replied;
  gint64                median_reply;
  gint64                p90_reply;
} Totals;

/* Working time in O(1): for each local day of a range, when it opens and
 * closes and how much working time came before it, from the calendar. */
typedef struct {
  BaladiSlaCalendar *calendar;
  gint64             first_day;
  GArray            *before;   /* gint64 working seconds before each day */
  GArray            *working;  /* gboolean */
  gint64             opens;    /* seconds after local midnight */
  gint64             closes;
} WorkClock;

void   baladi_work_clock_init      (WorkClock         *clock,
                                    BaladiSlaCalendar *calendar,
                                    gint64             first_day,
                                    gint64             last_day);
void   baladi_work_clock_clear     (WorkClock         *clock);
gint64 baladi_work_clock_between   (WorkClock         *clock,
                                    gint64             from,
                                    gint64             to);
gint64 baladi_dashboard_percentile (GArray            *values,
                                    guint              percent);
gsize  baladi_dashboard_percentile_rank (gsize         n,
                                         guint         percent);
gint64 baladi_dashboard_select_kth (gint64            *values,
                                    gsize              n,
                                    gsize              k);

gboolean baladi_dashboard_register_functions (sqlite3  *db,
                                              GError  **error);

void baladi_dashboard_build_tables (BaladiDashboardTable        **tables,
                                   const BaladiDashboardTiles   *tiles,
                                   Totals                       *totals,
                                   const BaladiDashboardFilter  *filter,
                                   gint64                        start,
                                   gint64                        end);


BaladiDashboardTable *baladi_dashboard_table_new        (const char           *name,
                                                         const char           *title,
                                                         ...) G_GNUC_NULL_TERMINATED;
void                  baladi_dashboard_table_add_column (BaladiDashboardTable *table,
                                                         const char           *title);
void                  baladi_dashboard_table_add_row    (BaladiDashboardTable *table,
                                                         const char           *key);
void                  baladi_dashboard_table_add_text   (BaladiDashboardTable *table,
                                                         const char           *text);
void                  baladi_dashboard_table_add_count  (BaladiDashboardTable *table,
                                                         gint64                count);
void                  baladi_dashboard_table_add_number (BaladiDashboardTable *table,
                                                         double                value);

G_END_DECLS
