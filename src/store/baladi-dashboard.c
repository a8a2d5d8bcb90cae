/* baladi-dashboard.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The numbers of the Dashboard page, computed from the local cache.
 *
 * What does not depend on the present is counted by triggers into two
 * tables (schema migration 1 → 2): kpi_days, per local day × municipality
 * × sector × channel, and kpi_weeks, per week × the same × one category,
 * type, assignee or pause reason. A day table with every dimension would
 * hold about as many rows as there are requests; a week of a thousand
 * requests fits in a few hundred rows of each.
 *
 * A period rarely starts and ends at midnight on a Sunday, so its whole
 * days come from kpi_days, its whole weeks from kpi_weeks, and the pieces
 * at both ends from the requests themselves, through a covering index.
 * The open backlog is counted by triggers too, in kpi_open. What depends
 * on the present (what is overdue and for how long, the late requests not
 * answered yet) comes from the unanswered requests due before now, through
 * a partial index.
 *
 * Times to first reply are working time on the calendar. The triggers of
 * schema 7 keep each one, on the built-in calendar, in kpi_reply_times
 * (by bucket of a working hour, then time of the reply) and count them
 * per week and bucket in kpi_reply_weeks: the median and the 90th
 * percentile of a year are found by adding up the counts of its whole
 * weeks (and the few replies at its ends, read one by one) to learn which
 * bucket each falls in, then reading that bucket's replies alone. On
 * another calendar, or with more than one filter, every reply of the
 * period is read, through a covering index. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "baladi-dashboard-private.h"

G_STATIC_ASSERT (BALADI_SLA_STATE_ON_TRACK == 0);
G_STATIC_ASSERT (BALADI_SLA_STATE_OVERDUE == 2);
G_STATIC_ASSERT (BALADI_SLA_STATE_PAUSED == 3);
G_STATIC_ASSERT (BALADI_SLA_STATE_MET_ON_TIME == 4);
G_STATIC_ASSERT (BALADI_SLA_STATE_MET_LATE == 5);

struct _BaladiDashboard
{
  GObject               parent_instance;

  BaladiDashboardTiles  tiles;
  BaladiDashboardTable *tables[BALADI_DASHBOARD_N_TABLES];
};

G_DEFINE_FINAL_TYPE (BaladiDashboard, baladi_dashboard, G_TYPE_OBJECT)

const char * const baladi_dashboard_dimensions[N_DIMS] = {
  "municipality", "sector", "channel", "category", "type", "assignee",
};

/**
 * baladi_dashboard_request_sla_state:
 * @received: when the request reached the ministry
 * @due: its cached due time
 * @first_reply: (nullable): its first public reply
 * @closed: (nullable): when it was closed
 * @status: its status
 * @merged: whether it was merged into another request
 * @now: the present
 * @state: (out): where it stands against its time limit
 *
 * The on-time rule of BALADI_SLA_STATE_SQL() for one request, through
 * baladi_sla_calendar_evaluate(), which also tells due soon from on track.
 *
 * Returns: %FALSE for a merged duplicate, which has no state of its own
 */
gboolean
baladi_dashboard_request_sla_state (BaladiSlaCalendar   *calendar,
                                    GDateTime           *received,
                                    GDateTime           *due,
                                    GDateTime           *first_reply,
                                    GDateTime           *closed,
                                    BaladiRequestStatus  status,
                                    gboolean             merged,
                                    GDateTime           *now,
                                    BaladiSlaState      *state)
{
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (calendar), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (merged)
    return FALSE;

  *state = baladi_sla_calendar_evaluate (calendar, received, due,
                                         first_reply != NULL ? first_reply : closed,
                                         baladi_request_status_pauses_clock (status), now);
  return TRUE;
}

static Counts *
counts_for (GHashTable *table,
            const char *key)
{
  Counts *counts = g_hash_table_lookup (table, key);

  if (counts == NULL)
    {
      counts = g_new0 (Counts, 1);
      g_hash_table_insert (table, g_strdup (key), counts);
    }
  return counts;
}

/* counts_for() with a memory of the last key of dimension @dim. */
static Counts *
counts_for_dim (Totals     *totals,
                guint       dim,
                const char *key)
{
  gpointer stored_key, counts;

  if (totals->last_key[dim] != NULL && strcmp (totals->last_key[dim], key) == 0)
    return totals->last_counts[dim];

  if (!g_hash_table_lookup_extended (totals->dims[dim], key, &stored_key, &counts))
    {
      counts = counts_for (totals->dims[dim], key);
      g_hash_table_lookup_extended (totals->dims[dim], key, &stored_key, NULL);
    }
  totals->last_key[dim] = stored_key;
  totals->last_counts[dim] = counts;

  return counts;
}

static int
channel_index (const char *channel)
{
  static const char * const channels[] = {
    "tawasul_app", "website", "national_portal", "hotline", "social_media", "walk_in", "customer_day",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (channels) == BALADI_CHANNEL_CUSTOMER_DAY + 1);

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (strcmp (channels[i], channel) == 0)
      return i;

  return -1;
}

static Counts *
counts_for_int (GHashTable *table,
                gint64      key)
{
  Counts *counts = g_hash_table_lookup (table, &key);

  if (counts == NULL)
    {
      gint64 *copy = g_new (gint64, 1);

      *copy = key;
      counts = g_new0 (Counts, 1);
      g_hash_table_insert (table, copy, counts);
    }
  return counts;
}

static void
add_uint (GHashTable *table,
          char       *key,
          guint       n)
{
  guint old = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, key, GUINT_TO_POINTER (old + n));
}

/* A row of kpi_days, or one request's share of it: what was received on
 * @day (with its outcome), and what was answered on @day. */
static void
add_day (Totals     *totals,
         gint64      day,
         const char *municipality,
         const char *sector,
         const char *channel,
         guint       received,
         guint       on_time,
         guint       late,
         guint       answered,
         guint       reopened,
         guint       paused)
{
  const char *keys[] = { municipality, sector, channel };
  gint64 week = week_of_day (day);
  Counts *series[2];

  totals->tiles.received += received;
  totals->tiles.on_time += on_time;
  totals->late += late;
  totals->tiles.answered += answered;
  totals->tiles.reopened += reopened;
  totals->tiles.paused += paused;
  if (totals->totals_only)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      Counts *counts = counts_for_dim (totals, i, keys[i]);

      counts->received += received;
      counts->on_time += on_time;
      counts->late += late;
      counts->answered += answered;
    }

  if (totals->last_series[0] == NULL || totals->last_day != day)
    {
      totals->last_day = day;
      totals->last_series[0] = counts_for_int (totals->weeks, week);
      totals->last_series[1] = counts_for_int (totals->months, month_of_day (day));
    }
  series[0] = totals->last_series[0];
  series[1] = totals->last_series[1];
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      series[i]->received += received;
      series[i]->on_time += on_time;
      series[i]->late += late;
      series[i]->answered += answered;
    }

  if (received > 0)
    {
      int index = channel_index (channel);

      if (index >= 0)
        series[0]->by_channel[index] += received;
    }

  if (g_str_equal (channel, "customer_day"))
    {
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s", week, municipality);
      Counts *counts = counts_for (totals->customer_days, key);

      counts->received += received;
      counts->on_time += on_time;
      counts->late += late;
    }
}

/* A row of kpi_weeks, or one request's share of it. */
static void
add_week_dimension (Totals     *totals,
                    const char *dimension,
                    const char *value,
                    guint       received,
                    guint       on_time,
                    guint       late,
                    guint       answered)
{
  Counts *counts;

  if (totals->totals_only)
    return;
  if (g_str_equal (dimension, "pause"))
    {
      add_uint (totals->pauses, g_strdup (value), received);
      return;
    }

  for (guint i = DIM_CATEGORY; i < N_DIMS; i++)
    if (strcmp (dimension, baladi_dashboard_dimensions[i]) == 0)
      {
        counts = counts_for_dim (totals, i, value);
        counts->received += received;
        counts->on_time += on_time;
        counts->late += late;
        counts->answered += answered;
      }
}

/* The statements, with the filter as ?3, ?4, ?5 after the range ?1–?2. */
#define FILTER "(?3 IS NULL OR municipality = ?3) AND (?4 IS NULL OR sector = ?4) AND (?5 IS NULL OR channel = ?5)"

static const char *days_sql =
  "SELECT day, municipality, sector, channel, received, on_time, late, answered, reopened, paused "
  "FROM kpi_days WHERE day >= ?1 AND day < ?2 AND " FILTER;
/* The same days as one row, for the previous period's tiles only. */
static const char *days_total_sql =
  "SELECT 0, '', '', '', sum(received), sum(on_time), sum(late), sum(answered), sum(reopened), sum(paused) "
  "FROM kpi_days WHERE day >= ?1 AND day < ?2 AND " FILTER;
static const char *weeks_sql =
  "SELECT dimension, value, received, on_time, late, answered "
  "FROM kpi_weeks WHERE week >= ?1 AND week < ?2 AND " FILTER;
static const char *received_sql =
  "SELECT created_at, municipality, sector, channel, category, type, ifnull(assignee, ''), "
  BALADI_SLA_STATE_SQL ("requests", "NULL") ", kpi_reopened, kpi_pause "
  "FROM requests INDEXED BY requests_kpi_received WHERE created_at >= ?1 AND created_at < ?2 AND " FILTER;
static const char *answered_sql =
  "SELECT first_reply_at, municipality, sector, channel, category, type, ifnull(assignee, '') "
  "FROM requests INDEXED BY requests_kpi_replied "
  "WHERE first_reply_at IS NOT NULL AND first_reply_at >= ?1 AND first_reply_at < ?2 AND " FILTER;
static const char *open_sql =
  "SELECT dimension, value, municipality, sector, channel, open FROM kpi_open WHERE open > 0 AND ?1 < ?2 AND " FILTER;
static const char *bare_open_sql =
  "SELECT 'category', category, municipality, sector, channel, 1 FROM requests "
  "WHERE status NOT IN ('answered', 'closed') AND ?1 < ?2 AND " FILTER " UNION ALL "
  "SELECT 'type', type, municipality, sector, channel, 1 FROM requests "
  "WHERE status NOT IN ('answered', 'closed') AND ?1 < ?2 AND " FILTER " UNION ALL "
  "SELECT 'assignee', ifnull(assignee, ''), municipality, sector, channel, 1 FROM requests "
  "WHERE status NOT IN ('answered', 'closed') AND ?1 < ?2 AND " FILTER;
/* The unanswered requests due before now: overdue, or waiting. */
static const char *overdue_sql =
  "SELECT created_at, due_at, municipality, sector, channel, category, type, ifnull(assignee, ''), "
  BALADI_SLA_STATE_SQL ("requests", "?2") " FROM requests WHERE " BALADI_DASHBOARD_UNANSWERED_SQL
  " AND due_at < ?2 AND ?1 < ?2 AND " FILTER;
static const char *replies_sql =
  "SELECT created_at, first_reply_at FROM requests INDEXED BY requests_kpi_replied "
  "WHERE first_reply_at IS NOT NULL AND first_reply_at >= ?1 AND first_reply_at < ?2 AND " FILTER;
/* The counts of reply times per bucket (?1–?2 weeks, ?3–?4 the
 * dimension and value), and the reply times of bucket ?6. */
static const char *reply_weeks_sql =
  "SELECT bucket, replies FROM kpi_reply_weeks WHERE dimension = ?3 AND value = ?4 AND week >= ?1 AND week < ?2";
static const char *reply_bucket_sql =
  "SELECT work FROM kpi_reply_times WHERE bucket = ?6 AND first_reply_at >= ?1 AND first_reply_at < ?2 AND " FILTER;
static const char *kpi_calendar_sql =
  "SELECT value FROM meta WHERE key = 'kpi-calendar'";
/* Without a filter, the narrowest index, the most read of all. */
static const char *all_replies_sql =
  "SELECT created_at, first_reply_at FROM requests INDEXED BY requests_kpi_reply_times "
  "WHERE first_reply_at IS NOT NULL AND first_reply_at >= ?1 AND first_reply_at < ?2 "
  "AND coalesce(?3, ?4, ?5) IS NULL";

/* The dashboard reads through its own read-only connection to the cache:
 * with the file mapped in memory, its lookups cost no system call, and
 * the store's connection keeps its settings (and could go on writing in
 * another thread). */
typedef struct {
  sqlite3    *db;
  GHashTable *statements;  /* SQL (by address) → statement */
} Reader;

static void
reader_free (gpointer data)
{
  Reader *reader = data;

  g_hash_table_unref (reader->statements);
  sqlite3_close (reader->db);
  g_free (reader);
}

static Reader *
get_reader (BaladiStore  *store,
            GError      **error)
{
  Reader *reader = g_object_get_data (G_OBJECT (store), "baladi-dashboard-reader");
  const char *path = sqlite3_db_filename (baladi_store_get_db (store), "main");
  sqlite3 *db = NULL;

  if (reader != NULL)
    return reader;

  if (path == NULL || *path == '\0' ||
      sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN,
                   "Cannot read the cache for the dashboard: %s", db != NULL ? sqlite3_errmsg (db) : "no file");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);

  reader = g_new0 (Reader, 1);
  reader->db = db;
  reader->statements = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sqlite3_finalize);
  g_object_set_data_full (G_OBJECT (store), "baladi-dashboard-reader", reader, reader_free);

  return reader;
}

typedef struct {
  Reader                      *reader;
  const BaladiDashboardFilter *filter;
  GError                     **error;
} Query;

/* The reader's statement for @sql, prepared once. */
static sqlite3_stmt *
query_statement (Query      *query,
                 const char *sql)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (query->reader->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (query->reader->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        {
          g_set_error (query->error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                       "Cannot read the dashboard’s figures: %s", sqlite3_errmsg (query->reader->db));
          return NULL;
        }
      g_hash_table_insert (query->reader->statements, (gpointer) sql, stmt);
    }

  return stmt;
}

/* The statement for @sql with the range [@from, @to) and the filter bound. */
static sqlite3_stmt *
query_prepare (Query      *query,
               const char *sql,
               gint64      from,
               gint64      to)
{
  sqlite3_stmt *stmt = query_statement (query, sql);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_text (stmt, 3, query->filter->municipality, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, query->filter->sector, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, query->filter->channel, -1, SQLITE_STATIC);

  return stmt;
}

static gboolean
query_finish (Query        *query,
              sqlite3_stmt *stmt,
              int           rc)
{
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

  g_set_error (query->error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
               "Cannot read the dashboard’s figures: %s", sqlite3_errmsg (query->reader->db));
  return FALSE;
}

#define TEXT(stmt, i) ((const char *) sqlite3_column_text ((stmt), (i)))

/* Requests received in [@from, @to): all their figures when @whole_days,
 * else only those kpi_days does not hold, i.e. by category, type,
 * assignee and pause reason. */
static gboolean
add_received (Query  *query,
              Totals *totals,
              gint64  from,
              gint64  to,
              gboolean whole_days)
{
  sqlite3_stmt *stmt;
  int rc;

  if (from >= to)
    return TRUE;
  if ((stmt = query_prepare (query, received_sql, from, to)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int state = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 7);
      guint on_time = state == BALADI_SLA_STATE_MET_ON_TIME;
      guint late = state == BALADI_SLA_STATE_MET_LATE;
      const char *pause = TEXT (stmt, 9);

      if (whole_days)
        add_day (totals, local_day (sqlite3_column_int64 (stmt, 0)), TEXT (stmt, 1), TEXT (stmt, 2), TEXT (stmt, 3),
                 1, on_time, late, 0, sqlite3_column_int (stmt, 8), pause != NULL);
      add_week_dimension (totals, "category", TEXT (stmt, 4), 1, on_time, late, 0);
      add_week_dimension (totals, "type", TEXT (stmt, 5), 1, on_time, late, 0);
      add_week_dimension (totals, "assignee", TEXT (stmt, 6), 1, on_time, late, 0);
      if (pause != NULL)
        add_week_dimension (totals, "pause", pause, 1, 0, 0, 0);
    }

  return query_finish (query, stmt, rc);
}

/* Requests first answered in [@from, @to), as add_received() does. */
static gboolean
add_answered (Query    *query,
              Totals   *totals,
              gint64    from,
              gint64    to,
              gboolean  whole_days)
{
  sqlite3_stmt *stmt;
  int rc;

  if (from >= to || totals->totals_only)
    return TRUE;
  if ((stmt = query_prepare (query, answered_sql, from, to)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (whole_days)
        add_day (totals, local_day (sqlite3_column_int64 (stmt, 0)), TEXT (stmt, 1), TEXT (stmt, 2), TEXT (stmt, 3),
                 0, 0, 0, 1, 0, 0);
      add_week_dimension (totals, "category", TEXT (stmt, 4), 0, 0, 0, 1);
      add_week_dimension (totals, "type", TEXT (stmt, 5), 0, 0, 0, 1);
      add_week_dimension (totals, "assignee", TEXT (stmt, 6), 0, 0, 0, 1);
    }

  return query_finish (query, stmt, rc);
}

static gboolean
add_days (Query  *query,
          Totals *totals,
          gint64  first_day,
          gint64  end_day)
{
  sqlite3_stmt *stmt;
  int rc;

  if (first_day >= end_day)
    return TRUE;
  if ((stmt = query_prepare (query, totals->totals_only ? days_total_sql : days_sql, first_day, end_day)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_day (totals, sqlite3_column_int64 (stmt, 0), TEXT (stmt, 1), TEXT (stmt, 2), TEXT (stmt, 3),
             sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5), sqlite3_column_int (stmt, 6),
             sqlite3_column_int (stmt, 7), sqlite3_column_int (stmt, 8), sqlite3_column_int (stmt, 9));

  return query_finish (query, stmt, rc);
}

static gboolean
add_weeks (Query  *query,
           Totals *totals,
           gint64  first_week,
           gint64  end_week)
{
  sqlite3_stmt *stmt;
  int rc;

  if (first_week >= end_week)
    return TRUE;
  if ((stmt = query_prepare (query, weeks_sql, first_week, end_week)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_week_dimension (totals, TEXT (stmt, 0), TEXT (stmt, 1), sqlite3_column_int (stmt, 2),
                        sqlite3_column_int (stmt, 3), sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5));

  return query_finish (query, stmt, rc);
}

/* The whole local days [@first_day, @end_day) and the whole weeks
 * [@first_week, @end_week) (first days, Sundays) inside [@start, @end). */
static void
whole_days_and_weeks (gint64  start,
                      gint64  end,
                      gint64 *first_day,
                      gint64 *end_day,
                      gint64 *first_week,
                      gint64 *end_week)
{
  *first_day = local_day (start) + (day_start (local_day (start)) < start ? 1 : 0);
  *end_day = local_day (end);
  *first_week = week_of_day (*first_day) + (week_of_day (*first_day) < *first_day ? 7 : 0);
  *end_week = week_of_day (*end_day);
}

/* Everything received or answered in [@start, @end) that does not depend
 * on the present. The period splits into
 *
 *   start … first midnight … first Sunday … last Sunday … last midnight … end
 *
 * the whole days between the midnights from kpi_days, the whole weeks
 * between the Sundays from kpi_weeks, and the rest from the requests. */
static gboolean
add_period (Query    *query,
            Totals   *totals,
            gint64    start,
            gint64    end,
            gboolean  use_aggregates)
{
  gint64 first_day, end_day, first_week, end_week;

  whole_days_and_weeks (start, end, &first_day, &end_day, &first_week, &end_week);

  if (!use_aggregates || first_day >= end_day)
    return add_received (query, totals, start, end, TRUE) &&
           add_answered (query, totals, start, end, TRUE);

  /* The ends outside whole days, then the whole days. */
  if (!add_received (query, totals, start, day_start (first_day), TRUE) ||
      !add_answered (query, totals, start, day_start (first_day), TRUE) ||
      !add_received (query, totals, day_start (end_day), end, TRUE) ||
      !add_answered (query, totals, day_start (end_day), end, TRUE) ||
      !add_days (query, totals, first_day, end_day))
    return FALSE;
  if (totals->totals_only)
    return TRUE;

  if (first_week >= end_week)
    return add_received (query, totals, day_start (first_day), day_start (end_day), FALSE) &&
           add_answered (query, totals, day_start (first_day), day_start (end_day), FALSE);

  /* Whole days outside whole weeks, then the whole weeks. */
  return add_received (query, totals, day_start (first_day), day_start (first_week), FALSE) &&
         add_answered (query, totals, day_start (first_day), day_start (first_week), FALSE) &&
         add_received (query, totals, day_start (end_week), day_start (end_day), FALSE) &&
         add_answered (query, totals, day_start (end_week), day_start (end_day), FALSE) &&
         add_weeks (query, totals, first_week, end_week);
}

/* The open backlog, by every dimension. */
static gboolean
add_open (Query    *query,
          Totals   *totals,
          gboolean  use_aggregates)
{
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = query_prepare (query, use_aggregates ? open_sql : bare_open_sql, 0, 1)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *dimension = TEXT (stmt, 0);
      guint open = sqlite3_column_int (stmt, 5);

      /* Each request is in one row of each dimension: the municipalities,
       * sectors, channels and the total are counted with the categories. */
      if (strcmp (dimension, "category") == 0)
        {
          totals->tiles.open += open;
          for (guint i = DIM_MUNICIPALITY; i <= DIM_CHANNEL; i++)
            counts_for_dim (totals, i, TEXT (stmt, 2 + i))->open += open;
        }
      for (guint i = DIM_CATEGORY; i < N_DIMS; i++)
        if (strcmp (dimension, baladi_dashboard_dimensions[i]) == 0)
          counts_for_dim (totals, i, TEXT (stmt, 1))->open += open;
    }

  return query_finish (query, stmt, rc);
}

/* What is overdue now and for how long, and the late requests of the
 * period (and of the previous one) that have no reply yet. */
static gboolean
add_overdue (Query     *query,
             Totals    *totals,
             WorkClock *clock,
             gint64     start,
             gint64     end,
             gint64     previous_start,
             gint64     now)
{
  gint64 day_length = clock->closes - clock->opens;
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = query_prepare (query, overdue_sql, 0, now)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 created = sqlite3_column_int64 (stmt, 0);
      gboolean in_period = created >= start && created < end;
      gint64 late_days;

      if (sqlite3_column_int (stmt, 8) != BALADI_SLA_STATE_OVERDUE)
        continue;

      totals->tiles.overdue++;
      for (guint i = 0; i < N_DIMS; i++)
        {
          Counts *counts = counts_for_dim (totals, i, TEXT (stmt, 2 + i));

          counts->overdue++;
          counts->late += in_period;
        }

      late_days = baladi_work_clock_between (clock, sqlite3_column_int64 (stmt, 1), now) / day_length;
      totals->ageing[late_days < 1 ? 0 : late_days < 3 ? 1 : late_days < 7 ? 2 : 3]++;

      if (created >= previous_start && created < start)
        totals->previous_late++;
      if (in_period)
        {
          gint64 day = local_day (created);

          totals->late++;
          counts_for_int (totals->weeks, week_of_day (day))->late++;
          counts_for_int (totals->months, month_of_day (day))->late++;
          if (strcmp (TEXT (stmt, 4), "customer_day") == 0)
            {
              g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT "|%s", week_of_day (day), TEXT (stmt, 2));

              counts_for (totals->customer_days, key)->late++;
            }
        }
    }

  return query_finish (query, stmt, rc);
}

/* The working time to first reply of every request first answered in
 * [@from, @to), appended to @times. */
static gboolean
scan_reply_times (Query     *query,
                  WorkClock *clock,
                  gint64     from,
                  gint64     to,
                  GArray    *times)
{
  const BaladiDashboardFilter *filter = query->filter;
  gboolean filtered = filter->municipality != NULL || filter->sector != NULL || filter->channel != NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (from >= to)
    return TRUE;
  if ((stmt = query_prepare (query, filtered ? replies_sql : all_replies_sql, from, to)) == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seconds = baladi_work_clock_between (clock, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));

      g_array_append_val (times, seconds);
    }

  return query_finish (query, stmt, rc);
}

/* From every reply time of the period. */
static gboolean
reply_times_from_requests (Query     *query,
                           Totals    *totals,
                           WorkClock *clock,
                           gint64     start,
                           gint64     end)
{
  g_array_set_size (totals->reply_times, 0);
  if (!scan_reply_times (query, clock, start, end, totals->reply_times))
    return FALSE;

  totals->n_replied = totals->reply_times->len;
  totals->median_reply = baladi_dashboard_percentile (totals->reply_times, 50);
  totals->p90_reply = baladi_dashboard_percentile (totals->reply_times, 90);

  return TRUE;
}

/* The number of reply times of the period in each bucket: the whole
 * weeks' from kpi_reply_weeks, @edges' (those outside whole weeks) one by
 * one. */
static gboolean
count_reply_buckets (Query        *query,
                     GArray       *edges,
                     gint64        first_week,
                     gint64        end_week,
                     const char   *dimension,
                     const char   *value,
                     guint64      *counts)
{
  sqlite3_stmt *stmt = query_statement (query, reply_weeks_sql);
  int rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < edges->len; i++)
    counts[reply_bucket (g_array_index (edges, gint64, i))]++;

  sqlite3_bind_int64 (stmt, 1, first_week);
  sqlite3_bind_int64 (stmt, 2, end_week);
  sqlite3_bind_text (stmt, 3, dimension, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, value, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 bucket = sqlite3_column_int64 (stmt, 0);
      gint64 replies = sqlite3_column_int64 (stmt, 1);

      /* Counts the triggers keep are never outside these. */
      if (bucket < 0 || bucket > KPI_REPLY_LAST_BUCKET || replies < 0)
        {
          sqlite3_reset (stmt);
          g_set_error (query->error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                       "Cannot read the dashboard’s figures: a count of replies is out of range");
          return FALSE;
        }
      counts[bucket] += replies;
    }

  return query_finish (query, stmt, rc);
}

/* The reply times of @bucket: the whole weeks' [@from, @to) from
 * kpi_reply_times, and those of @edges in it. */
static gboolean
read_reply_bucket (Query  *query,
                   GArray *edges,
                   guint   bucket,
                   gint64  from,
                   gint64  to,
                   GArray *times)
{
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < edges->len; i++)
    if (reply_bucket (g_array_index (edges, gint64, i)) == bucket)
      g_array_append_val (times, g_array_index (edges, gint64, i));

  if ((stmt = query_prepare (query, reply_bucket_sql, from, to)) == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 6, bucket);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seconds = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (times, seconds);
    }

  return query_finish (query, stmt, rc);
}

/* The number of replies in the period, and their median and 90th
 * percentile working time to first reply. After add_period(): the
 * number is checked against the requests answered.
 *
 * With @use_counts, for a period with whole weeks and at most one of
 * municipality, sector and channel in the filter, the counts per bucket
 * find the bucket each percentile falls in and only that bucket's replies
 * are read: a few thousand for a year of a million requests, instead of
 * every reply. Otherwise, and should a bucket not hold as many replies as
 * counted, every reply of the period is read. */
static gboolean
add_reply_times (Query     *query,
                 Totals    *totals,
                 WorkClock *clock,
                 gint64     start,
                 gint64     end,
                 gboolean   use_counts)
{
  const BaladiDashboardFilter *filter = query->filter;
  const char *dimension = "all", *value = "";
  guint n_filters = (filter->municipality != NULL) + (filter->sector != NULL) + (filter->channel != NULL);
  gint64 first_day, end_day, first_week, end_week;
  guint64 counts[KPI_REPLY_LAST_BUCKET + 1] = { 0, };
  const guint percents[] = { 50, 90 };
  gint64 *results[] = { &totals->median_reply, &totals->p90_reply };
  g_autoptr(GArray) times = NULL;
  guint loaded = G_MAXUINT;
  guint64 n = 0;

  whole_days_and_weeks (start, end, &first_day, &end_day, &first_week, &end_week);
  if (!use_counts || n_filters > 1 || first_week >= end_week)
    return reply_times_from_requests (query, totals, clock, start, end);

  if (filter->municipality != NULL)
    dimension = "municipality", value = filter->municipality;
  else if (filter->sector != NULL)
    dimension = "sector", value = filter->sector;
  else if (filter->channel != NULL)
    dimension = "channel", value = filter->channel;

  /* The ends of the period outside whole weeks, from the requests. */
  g_array_set_size (totals->reply_times, 0);
  if (!scan_reply_times (query, clock, start, day_start (first_week), totals->reply_times) ||
      !scan_reply_times (query, clock, day_start (end_week), end, totals->reply_times) ||
      !count_reply_buckets (query, totals->reply_times, first_week, end_week, dimension, value, counts))
    return FALSE;

  /* The requests answered in the period are those replies, counted
   * apart in kpi_days. */
  for (guint b = 0; b <= KPI_REPLY_LAST_BUCKET; b++)
    n += counts[b];
  if (n != totals->tiles.answered)
    {
      g_warning ("The dashboard’s counts of reply times disagree with the requests (%" G_GUINT64_FORMAT
                 " replies counted, %u answered); reading every reply", n, totals->tiles.answered);
      return reply_times_from_requests (query, totals, clock, start, end);
    }
  totals->n_replied = n;
  totals->median_reply = totals->p90_reply = -1;
  if (n == 0)
    return TRUE;

  times = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < G_N_ELEMENTS (percents); i++)
    {
      guint64 rank = baladi_dashboard_percentile_rank (n, percents[i]);
      guint64 below = 0;
      guint bucket = 0;

      while (below + counts[bucket] <= rank)
        below += counts[bucket++];

      if (bucket != loaded)
        {
          g_array_set_size (times, 0);
          if (!read_reply_bucket (query, totals->reply_times, bucket, day_start (first_week), day_start (end_week), times))
            return FALSE;
          loaded = bucket;
        }
      if (times->len != counts[bucket])
        {
          g_warning ("The dashboard’s counts of reply times disagree with the requests (%u in bucket %u, counted %"
                     G_GUINT64_FORMAT "); reading every reply", times->len, bucket, counts[bucket]);
          return reply_times_from_requests (query, totals, clock, start, end);
        }
      *results[i] = baladi_dashboard_select_kth ((gint64 *) (gpointer) times->data, times->len, rank - below);
    }

  return TRUE;
}

/* Whether the cache's counts of reply times were made on @calendar. */
static gboolean
counted_on (Query             *query,
            BaladiSlaCalendar *calendar,
            gboolean          *same)
{
  g_autofree char *fingerprint = baladi_sla_calendar_dup_fingerprint (calendar);
  sqlite3_stmt *stmt = query_statement (query, kpi_calendar_sql);
  int rc;

  if (stmt == NULL)
    return FALSE;

  *same = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *same = g_strcmp0 (TEXT (stmt, 0), fingerprint) == 0;

  return query_finish (query, stmt, rc);
}

static void
totals_init (Totals *totals)
{
  memset (totals, 0, sizeof *totals);
  for (guint i = 0; i < N_DIMS; i++)
    totals->dims[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  totals->weeks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  totals->months = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  totals->customer_days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  totals->pauses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  totals->reply_times = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
totals_clear (Totals *totals)
{
  for (guint i = 0; i < N_DIMS; i++)
    g_hash_table_unref (totals->dims[i]);
  g_hash_table_unref (totals->weeks);
  g_hash_table_unref (totals->months);
  g_hash_table_unref (totals->customer_days);
  g_hash_table_unref (totals->pauses);
  g_array_unref (totals->reply_times);
}

static void
baladi_dashboard_finalize (GObject *object)
{
  BaladiDashboard *self = (BaladiDashboard *)object;

  for (guint i = 0; i < BALADI_DASHBOARD_N_TABLES; i++)
    g_clear_pointer (&self->tables[i], baladi_dashboard_table_unref);

  G_OBJECT_CLASS (baladi_dashboard_parent_class)->finalize (object);
}

static void
baladi_dashboard_class_init (BaladiDashboardClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baladi_dashboard_finalize;
}

static void
baladi_dashboard_init (BaladiDashboard *self)
{
}

/**
 * baladi_dashboard_compute:
 * @store: the local cache
 * @calendar: the SLA calendar, for working time
 * @filter: the period and the municipality, sector and channel
 * @now: the present: what is open and overdue is counted as of @now
 * @flags: %BALADI_DASHBOARD_FLAGS_NONE, or
 *   %BALADI_DASHBOARD_FLAGS_NO_AGGREGATES to count from the requests
 *
 * Computes every figure and table of the dashboard. Requests count in the
 * period they were received in (on time, late, reopened, paused) or first
 * answered in (answered, time to first reply); the backlog and the
 * overdue requests are those of @now, whatever the period.
 *
 * Returns: (transfer full) (nullable): the dashboard
 */
BaladiDashboard *
baladi_dashboard_compute (BaladiStore                  *store,
                          BaladiSlaCalendar            *calendar,
                          const BaladiDashboardFilter  *filter,
                          GDateTime                    *now,
                          BaladiDashboardFlags          flags,
                          GError                      **error)
{
  g_autoptr(BaladiDashboard) self = NULL;
  gboolean use_aggregates = (flags & BALADI_DASHBOARD_FLAGS_NO_AGGREGATES) == 0;
  Query query = { NULL, filter, error };
  Totals totals, previous;
  WorkClock clock = { NULL, };
  gint64 start, end, now_unix, length;
  gboolean same_calendar = FALSE;
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_STORE (store), NULL);
  g_return_val_if_fail (BALADI_IS_SLA_CALENDAR (calendar), NULL);
  g_return_val_if_fail (filter != NULL && filter->start != NULL && filter->end != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((query.reader = get_reader (store, error)) == NULL)
    return NULL;

  start = g_date_time_to_unix (filter->start);
  end = g_date_time_to_unix (filter->end);
  now_unix = g_date_time_to_unix (now);
  length = MAX (end - start, 0);

  totals_init (&totals);
  totals_init (&previous);
  /* Of the previous period, only the on-time rate is shown. */
  previous.totals_only = TRUE;
  /* A year of days either side covers nearly every reply and overdue
   * request; the rare others are counted by the calendar itself. */
  baladi_work_clock_init (&clock, calendar, local_day (MIN (start, now_unix)) - 400,
                   local_day (MAX (end, now_unix)) + 400);

  /* One read transaction: every figure from the same state of the cache. */
  ok = sqlite3_exec (query.reader->db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK &&
       counted_on (&query, calendar, &same_calendar) &&
       add_period (&query, &totals, start, end, use_aggregates) &&
       add_period (&query, &previous, start - length, start, use_aggregates) &&
       add_open (&query, &totals, use_aggregates) &&
       add_overdue (&query, &totals, &clock, start, end, start - length, now_unix) &&
       add_reply_times (&query, &totals, &clock, start, end, use_aggregates && same_calendar);
  sqlite3_exec (query.reader->db, "COMMIT", NULL, NULL, NULL);
  if (!ok && error != NULL && *error == NULL)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                 "Cannot read the dashboard’s figures: %s", sqlite3_errmsg (query.reader->db));

  if (ok)
    {
      self = g_object_new (BALADI_TYPE_DASHBOARD, NULL);
      self->tiles = totals.tiles;
      self->tiles.decided = totals.tiles.on_time + totals.late;
      self->tiles.previous_on_time = previous.tiles.on_time;
      self->tiles.previous_decided = previous.tiles.on_time + previous.late + totals.previous_late;
      self->tiles.n_replied = totals.n_replied;
      self->tiles.median_reply = totals.median_reply;
      self->tiles.p90_reply = totals.p90_reply;
      baladi_dashboard_build_tables (self->tables, &self->tiles, &totals, filter, start, end);
    }

  baladi_work_clock_clear (&clock);
  totals_clear (&totals);
  totals_clear (&previous);

  return g_steal_pointer (&self);
}

/**
 * baladi_dashboard_get_tiles:
 *
 * Returns: (transfer none): the headline figures
 */
const BaladiDashboardTiles *
baladi_dashboard_get_tiles (BaladiDashboard *self)
{
  g_return_val_if_fail (BALADI_IS_DASHBOARD (self), NULL);

  return &self->tiles;
}

/**
 * baladi_dashboard_get_table:
 *
 * Returns: (transfer none): one table of the dashboard
 */
BaladiDashboardTable *
baladi_dashboard_get_table (BaladiDashboard        *self,
                            BaladiDashboardTableId  id)
{
  g_return_val_if_fail (BALADI_IS_DASHBOARD (self), NULL);
  g_return_val_if_fail (id < BALADI_DASHBOARD_N_TABLES, NULL);

  return self->tables[id];
}
