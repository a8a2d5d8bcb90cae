/* test-dashboard.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dashboard's figures on a small cache whose every answer is worked
 * out by hand below, on the SLA calendar of Bahrain (Sunday to Thursday,
 * 07:00–14:00, Eid al-Fitr on 20–22 March 2026), counted both from the
 * aggregates and from the requests, with the aggregates filled by the
 * triggers and by the migration; the CSV export parsed back. And the
 * demo data of a real baladi-server, synced into a real cache, against
 * SQL written here over the raw requests. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "baladi-dashboard.h"
#include "baladi-fts.h"
#include "baladi-store.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"

#define HOUR 3600

static char *root;
static guint disagreements;

/* The warning of counts that disagree with the requests is expected (and
 * counted); every other goes on to fail the test. */
static GLogWriterOutput
count_disagreements (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        (log_level & G_LOG_LEVEL_WARNING) && strstr (fields[i].value, "counts of reply times disagree") != NULL)
      {
        disagreements++;
        return G_LOG_WRITER_HANDLED;
      }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* An instant of March 2026, local time in Bahrain (UTC+3). */
static gint64
at (int day,
    int hour,
    int minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (3 * HOUR);
  g_autoptr(GDateTime) time = g_date_time_new (tz, 2026, 3, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
add_request (sqlite3    *db,
             const char *id,
             const char *municipality,
             const char *sector,
             const char *channel,
             const char *category,
             const char *type,
             const char *assignee,
             const char *status,
             gint64      created,
             gint64      due,
             gint64      first_reply,
             gint64      closed,
             const char *merged_into)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO requests (id, reference, type, category, sector, municipality, channel, status, priority, "
    "language, subject, description, citizen_name, assignee, merged_into, created_at, updated_at, "
    "first_reply_at, due_at, closed_at, version) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'normal', 'ar', "
    "'موضوع', 'وصف', 'مواطن', ?8, ?9, ?10, ?10, ?11, ?12, ?13, '1')", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, category, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sector, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, municipality, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, channel, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, assignee, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, merged_into, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 10, created);
  if (first_reply > 0)
    sqlite3_bind_int64 (stmt, 11, first_reply);
  sqlite3_bind_int64 (stmt, 12, due);
  if (closed > 0)
    sqlite3_bind_int64 (stmt, 13, closed);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
add_status_change (sqlite3    *db,
                   const char *request_id,
                   gint64      created,
                   const char *old_value,
                   const char *new_value,
                   const char *reason)
{
  g_autofree char *id = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO events (id, request_id, kind, created_at, old_value, new_value, reason) "
    "VALUES (?1, ?2, 'status_change', ?3, ?4, ?5, ?6)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, request_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, created);
  sqlite3_bind_text (stmt, 4, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, reason, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A reason with everything CSV must quote: a comma, quotes, a line break. */
#define PHOTO_REASON "صورة العمود \"رقم 12\"،\nمن فضلك, شكرا"
#define ADDRESS_REASON "العنوان غير واضح"

/* The hand-built cache. The working days of March 2026: Sun 1 – Thu 5,
 * Sun 8 – Thu 12, Sun 15 – Thu 19, Mon 23 – Thu 26 (Fri 20 – Sun 22 are
 * Eid al-Fitr and the weekend), Sun 29 …; 07:00–14:00, 7 working hours a
 * day. Due times are those the server computes: a limit in working hours
 * counts from receipt, a limit of N working days ends at closing time on
 * the Nth working day after the day of receipt, and a pause that ended
 * moves the due time out by the working time it covered.
 *
 * The present is Thu 26 March 12:00. The period is Sun 15 March 00:00 to
 * Fri 27 March 00:00 (12 days); the previous one Tue 3 to Sun 15 March. */
static void
fill (sqlite3 *db)
{
  exec (db, "BEGIN");

  /* R1 cleanliness (8 working hours), received Sun 15 09:00: Sun 09–14 is
   * 5 h, Mon 07:00 + 3 h: due Mon 16 10:00. Replied Sun 15 13:00: on
   * time, after 4 working hours. */
  add_request (db, "R1", "capital", "municipalities", "tawasul_app", "cleanliness", "complaint", "clerk.capital",
               "closed", at (15, 9, 0), at (16, 10, 0), at (15, 13, 0), at (16, 9, 0), NULL);
  /* R2 cleanliness, Thu 19 12:00: Thu 2 h, Fri–Sun off, Mon 23 07:00 +
   * 6 h: due Mon 23 13:00. Replied Mon 23 13:30: late, after 2 + 6.5 =
   * 8.5 working hours. */
  add_request (db, "R2", "capital", "municipalities", "hotline", "cleanliness", "complaint", "clerk.capital",
               "answered", at (19, 12, 0), at (23, 13, 0), at (23, 13, 30), 0, NULL);
  /* R3 street lighting (2 working days), Customer Day Mon 16 18:00, after
   * hours: Tue 17 and Wed 18, due Wed 18 14:00. Replied Wed 18 11:00, on
   * time, after Tue 7 h + Wed 4 h = 11 working hours. Closed Thu 19, then
   * reopened Mon 23: open again, still answered on time. */
  add_request (db, "R3", "capital", "municipalities", "customer_day", "street-lighting", "complaint", "clerk.capital",
               "reopened", at (16, 18, 0), at (18, 14, 0), at (18, 11, 0), 0, NULL);
  add_status_change (db, "R3", at (19, 9, 0), "answered", "closed", NULL);
  add_status_change (db, "R3", at (23, 8, 0), "closed", "reopened", NULL);
  /* R4 street lighting, Customer Day Sun 15 08:00: Mon 16 and Tue 17, due
   * Tue 17 14:00 before its pause; it waited on the citizen from Mon 16
   * 10:00 to Wed 18 10:00 (4 + 7 + 3 = 14 working hours), so due Thu 19
   * 14:00. Replied Thu 19 15:00: late, after Sun 6 h + 4 × 7 h = 34
   * working hours (the pause is not deducted: the citizen waited). */
  add_request (db, "R4", "muharraq", "municipalities", "customer_day", "street-lighting", "complaint", "clerk.muharraq",
               "answered", at (15, 8, 0), at (19, 14, 0), at (19, 15, 0), 0, NULL);
  add_status_change (db, "R4", at (16, 10, 0), "assigned", "waiting_citizen", PHOTO_REASON);
  add_status_change (db, "R4", at (18, 10, 0), "waiting_citizen", "in_progress", NULL);
  /* R5 zoning inquiry (5 working days), Tue 17 10:00: Wed 18, Thu 19, Mon
   * 23, Tue 24, Wed 25: due Wed 25 14:00. No reply: overdue by Thu 07–12,
   * 5 working hours, less than a working day. */
  add_request (db, "R5", "northern", "urban-planning", "website", "zoning-inquiry", "inquiry", "clerk.northern",
               "in_progress", at (17, 10, 0), at (25, 14, 0), 0, 0, NULL);
  /* R6 zoning inquiry, Wed 25 09:00: due Wed 1 April 14:00; new, on track. */
  add_request (db, "R6", "northern", "urban-planning", "tawasul_app", "zoning-inquiry", "suggestion", NULL,
               "new", at (25, 9, 0), at (25, 9, 0) + 7 * 24 * HOUR, 0, 0, NULL);
  /* R7 veterinary (2 working days), Sun 8 10:00 (previous period): due
   * Tue 10 14:00; waits on another agency since Mon 9: paused, never
   * overdue, though its cached due time has passed. */
  add_request (db, "R7", "southern", "agriculture-marine", "walk_in", "veterinary", "complaint", "clerk.southern",
               "waiting_agency", at (8, 10, 0), at (10, 14, 0), 0, 0, NULL);
  add_status_change (db, "R7", at (9, 9, 0), "in_progress", "waiting_agency", "بانتظار رد هيئة الكهرباء");
  /* R8 veterinary, Thu 5 10:00 (previous period): due Mon 9 14:00. No
   * reply: overdue by Tue 10 – Thu 12 (21 h), Sun 15 – Thu 19 (35 h),
   * Mon 23 – Wed 25 (21 h) and Thu 07–12 (5 h): 82 h, 11.7 working days. */
  add_request (db, "R8", "southern", "agriculture-marine", "walk_in", "veterinary", "complaint", "clerk.southern",
               "in_progress", at (5, 10, 0), at (9, 14, 0), 0, 0, NULL);
  /* R9 cleanliness, Tue 10 08:00 (previous): due Wed 11 09:00, replied
   * Tue 10 09:00, on time. */
  add_request (db, "R9", "capital", "municipalities", "tawasul_app", "cleanliness", "complaint", "clerk.capital",
               "closed", at (10, 8, 0), at (11, 9, 0), at (10, 9, 0), at (11, 10, 0), NULL);
  /* R10 repeats R4 and was merged into it: received, nothing else. */
  add_request (db, "R10", "muharraq", "municipalities", "social_media", "street-lighting", "complaint", NULL,
               "closed", at (16, 9, 0), at (18, 14, 0), 0, at (16, 10, 0), "R4");
  /* R11 cleanliness, a Customer Day note Mon 23 10:00: Mon 4 h, Tue 07:00
   * + 4 h: due Tue 24 11:00. No reply: overdue by Tue 3 h + Wed 7 h + Thu
   * 5 h = 15 working hours, 2.1 working days. */
  add_request (db, "R11", "capital", "municipalities", "customer_day", "cleanliness", "note", "clerk.capital",
               "in_progress", at (23, 10, 0), at (24, 11, 0), 0, 0, NULL);
  /* R12 cleanliness, Wed 18 13:00: due Thu 19 14:00 before its pause. It
   * waited on the citizen from Wed 18 13:30 until it was closed without a
   * reply Thu 19 13:00 (0.5 + 6 = 6.5 working hours): due Mon 23 13:30.
   * Closed before its due time: on time, but never answered. */
  add_request (db, "R12", "northern", "municipalities", "hotline", "cleanliness", "complaint", "clerk.northern",
               "closed", at (18, 13, 0), at (23, 13, 30), 0, at (19, 13, 0), NULL);
  add_status_change (db, "R12", at (18, 13, 30), "in_progress", "waiting_citizen", ADDRESS_REASON);
  add_status_change (db, "R12", at (19, 13, 0), "waiting_citizen", "closed", NULL);
  /* R13 zoning inquiry, received this morning, Thu 26 08:00: on track. */
  add_request (db, "R13", "southern", "urban-planning", "national_portal", "zoning-inquiry", "complaint", "clerk.southern",
               "assigned", at (26, 8, 0), at (26, 8, 0) + 7 * 24 * HOUR, 0, 0, NULL);
  /* R14 street lighting, Sat 21 20:00, in the weekend and Eid: Mon 23 and
   * Tue 24, due Tue 24 14:00. Replied Sun 22 10:00, on Eid: on time, after
   * no working time at all. */
  add_request (db, "R14", "capital", "municipalities", "tawasul_app", "street-lighting", "complaint", "clerk.capital",
               "answered", at (21, 20, 0), at (24, 14, 0), at (22, 10, 0), 0, NULL);
  /* R15 cleanliness, Customer Day Sun 15 02:00 (Saturday 23:00 in UTC):
   * the clock starts at 07:00, Sun 7 h + Mon 1 h: due Mon 16 08:00.
   * Replied Mon 16 08:00, exactly at the due time: on time, 8 working
   * hours. */
  add_request (db, "R15", "muharraq", "municipalities", "customer_day", "cleanliness", "complaint", "clerk.muharraq",
               "closed", at (15, 2, 0), at (16, 8, 0), at (16, 8, 0), at (16, 12, 0), NULL);
  /* R16 zoning inquiry, Thu 12 10:00 (previous): Sun 15 – Thu 19, due Thu
   * 19 14:00. Replied Sun 15 09:00, in this period: on time, after Thu 4 h
   * + Sun 2 h = 6 working hours. */
  add_request (db, "R16", "northern", "urban-planning", "website", "zoning-inquiry", "inquiry", "clerk.northern",
               "answered", at (12, 10, 0), at (19, 14, 0), at (15, 9, 0), 0, NULL);
  /* R17 cleanliness, Wed 11 12:00 (previous): Wed 2 h, Thu 07:00 + 6 h,
   * due Thu 12 13:00. Replied Thu 12 13:30: late. */
  add_request (db, "R17", "capital", "municipalities", "hotline", "cleanliness", "complaint", "clerk.capital",
               "closed", at (11, 12, 0), at (12, 13, 0), at (12, 13, 30), at (15, 8, 0), NULL);

  exec (db, "COMMIT");
}

static BaladiStore *
open_store (const char *name,
            gboolean    fill_before_migration)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autoptr(GError) error = NULL;
  BaladiStore *store;

  if (fill_before_migration)
    {
      sqlite3 *db;

      /* A cache of schema 1, filled, then brought up to date: the
       * migration counts what was already there. */
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (baladi_fts_register (db, NULL));
      g_assert_true (baladi_store_migrate (db, 1, &error));
      g_assert_no_error (error);
      fill (db);
      sqlite3_close (db);
    }

  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  if (!fill_before_migration)
    fill (baladi_store_get_db (store));

  return store;
}

static GDateTime *
local_time (int day,
            int hour)
{
  return g_date_time_new_from_unix_utc (at (day, hour, 0));
}

static BaladiDashboard *
compute_on (BaladiStore          *store,
            BaladiSlaCalendar    *calendar,
            int                   start_day,
            int                   start_hour,
            int                   end_day,
            int                   end_hour,
            const char           *municipality,
            const char           *channel,
            BaladiDashboardFlags  flags)
{
  g_autoptr(GDateTime) start = local_time (start_day, start_hour);
  g_autoptr(GDateTime) end = local_time (end_day, end_hour);
  g_autoptr(GDateTime) now = local_time (26, 12);
  g_autoptr(GError) error = NULL;
  BaladiDashboardFilter filter = { start, end, municipality, NULL, channel };
  BaladiDashboard *dashboard = baladi_dashboard_compute (store, calendar, &filter, now, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dashboard);
  return dashboard;
}

static BaladiDashboard *
compute (BaladiStore          *store,
         int                   start_day,
         int                   start_hour,
         int                   end_day,
         int                   end_hour,
         const char           *municipality,
         const char           *channel,
         BaladiDashboardFlags  flags)
{
  g_autoptr(BaladiSlaCalendar) calendar = baladi_sla_calendar_new ();

  return compute_on (store, calendar, start_day, start_hour, end_day, end_hour, municipality, channel, flags);
}

/* The times to first reply of 15–27 March with @municipality or @channel,
 * from the counts and from the requests: the same, and those given. */
static void
assert_reply_times (BaladiStore *store,
                    const char  *municipality,
                    const char  *channel,
                    guint        n,
                    gint64       median,
                    gint64       p90)
{
  g_autoptr(BaladiDashboard) counted = compute (store, 15, 0, 27, 0, municipality, channel, BALADI_DASHBOARD_FLAGS_NONE);
  g_autoptr(BaladiDashboard) read = compute (store, 15, 0, 27, 0, municipality, channel, BALADI_DASHBOARD_FLAGS_NO_AGGREGATES);

  for (guint i = 0; i < 2; i++)
    {
      const BaladiDashboardTiles *tiles = baladi_dashboard_get_tiles (i == 0 ? counted : read);

      g_assert_cmpuint (tiles->n_replied, ==, n);
      g_assert_cmpint (tiles->median_reply, ==, median);
      g_assert_cmpint (tiles->p90_reply, ==, p90);
    }
}

/* The value in the row of @key and the column titled @column. */
static double
cell (BaladiDashboard        *dashboard,
      BaladiDashboardTableId  id,
      const char             *key,
      guint                   column)
{
  BaladiDashboardTable *table = baladi_dashboard_get_table (dashboard, id);
  int row = baladi_dashboard_table_find_row (table, key);

  if (row < 0)
    g_error ("No row “%s” in table %s", key, baladi_dashboard_table_get_name (table));
  return baladi_dashboard_table_get_value (table, row, column);
}

/* Breakdown columns: key, name, received, answered, on time, answered or
 * overdue, rate, open, overdue. */
static void
assert_breakdown (BaladiDashboard        *dashboard,
                  BaladiDashboardTableId  id,
                  const char             *key,
                  int                     received,
                  int                     answered,
                  int                     on_time,
                  int                     decided,
                  int                     open,
                  int                     overdue)
{
  g_assert_cmpfloat (cell (dashboard, id, key, 2), ==, received);
  g_assert_cmpfloat (cell (dashboard, id, key, 3), ==, answered);
  g_assert_cmpfloat (cell (dashboard, id, key, 4), ==, on_time);
  g_assert_cmpfloat (cell (dashboard, id, key, 5), ==, decided);
  if (decided > 0)
    g_assert_cmpfloat_with_epsilon (cell (dashboard, id, key, 6), 100.0 * on_time / decided, 1e-9);
  else
    g_assert_true (isnan (cell (dashboard, id, key, 6)));
  g_assert_cmpfloat (cell (dashboard, id, key, 7), ==, open);
  g_assert_cmpfloat (cell (dashboard, id, key, 8), ==, overdue);
}

static void
assert_hand_figures (BaladiStore          *store,
                     BaladiDashboardFlags  flags)
{
  g_autoptr(BaladiDashboard) all = compute (store, 15, 0, 27, 0, NULL, NULL, flags);
  g_autoptr(BaladiDashboard) capital = compute (store, 15, 0, 27, 0, "capital", NULL, flags);
  g_autoptr(BaladiDashboard) odd = compute (store, 16, 12, 25, 10, NULL, NULL, flags);
  g_autoptr(BaladiDashboard) app = compute (store, 15, 0, 27, 0, NULL, "tawasul_app", flags);
  const BaladiDashboardTiles *tiles = baladi_dashboard_get_tiles (all);
  BaladiDashboardTable *table;

  /* Received Sun 15 – Thu 26: R1–R6, R10–R15. */
  g_assert_cmpuint (tiles->received, ==, 12);
  /* On time: R1, R3, R12 (closed in time), R14, R15. Late: R2 and R4
   * (replied late), R5 and R11 (overdue). R6 and R13 are not due yet,
   * R10 is a merged duplicate. */
  g_assert_cmpuint (tiles->on_time, ==, 5);
  g_assert_cmpuint (tiles->decided, ==, 9);
  /* Previous period: R9 and R16 on time, R17 late, R8 overdue; R7 waits. */
  g_assert_cmpuint (tiles->previous_on_time, ==, 2);
  g_assert_cmpuint (tiles->previous_decided, ==, 4);
  /* First replies in the period: R1, R2, R3, R4, R14, R15, R16. */
  g_assert_cmpuint (tiles->answered, ==, 7);
  /* Open now: R3 (reopened), R5, R6, R7, R8, R11, R13; overdue: R5, R8,
   * R11 (R7 is paused). */
  g_assert_cmpuint (tiles->open, ==, 7);
  g_assert_cmpuint (tiles->overdue, ==, 3);
  /* Working hours to first reply: R14 0, R1 4, R16 6, R15 8, R2 8.5, R3
   * 11, R4 34. Median: the 4th of 7, 8 h; 90th percentile: the 7th
   * (ceil (0.9 × 7)), 34 h. */
  g_assert_cmpuint (tiles->n_replied, ==, 7);
  g_assert_cmpint (tiles->median_reply, ==, 8 * HOUR);
  g_assert_cmpint (tiles->p90_reply, ==, 34 * HOUR);
  /* Reopened: R3. Paused: R4 and R12 (R7 was received before). */
  g_assert_cmpuint (tiles->reopened, ==, 1);
  g_assert_cmpuint (tiles->paused, ==, 2);

  table = baladi_dashboard_get_table (all, BALADI_DASHBOARD_TABLE_SUMMARY);
  g_assert_cmpfloat_with_epsilon (cell (all, BALADI_DASHBOARD_TABLE_SUMMARY, "on-time-rate", 1), 500.0 / 9, 1e-9);
  g_assert_cmpstr (baladi_dashboard_table_get_text (table, baladi_dashboard_table_find_row (table, "on-time-rate"), 1),
                   ==, "55.6");
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_SUMMARY, "target", 1), ==, 95);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_SUMMARY, "previous-on-time-rate", 1), ==, 50);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_SUMMARY, "median-reply", 1), ==, 8);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_SUMMARY, "p90-reply", 1), ==, 34);

  /* By municipality (received in the period; open and overdue now):
   *   capital:  R1 R2 R3 R11 R14; replies R1 R2 R3 R14; on time R1 R3 R14;
   *             late R2 R11; open R3 R11; overdue R11
   *   muharraq: R4 R10 R15; replies R4 R15; on time R15; late R4
   *   northern: R5 R6 R12; reply R16 (received before); on time R12; late
   *             R5; open R5 R6; overdue R5
   *   southern: R13; open R7 R8 R13; overdue R8 */
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_MUNICIPALITY, "capital", 5, 4, 3, 5, 2, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_MUNICIPALITY, "muharraq", 3, 2, 1, 2, 0, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_MUNICIPALITY, "northern", 3, 1, 1, 2, 2, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_MUNICIPALITY, "southern", 1, 0, 0, 0, 3, 1);
  g_assert_cmpuint (baladi_dashboard_table_get_n_rows (baladi_dashboard_get_table (all, BALADI_DASHBOARD_TABLE_MUNICIPALITY)), ==, 4);

  /* By channel:
   *   tawasul_app:  R1 R6 R14; replies R1 R14; on time R1 R14; open R6
   *   hotline:      R2 R12; reply R2; on time R12; late R2
   *   customer_day: R3 R4 R11 R15; replies R3 R4 R15; on time R3 R15;
   *                 late R4 R11; open R3 R11; overdue R11
   *   website:      R5; reply R16; late R5; open and overdue R5
   *   walk_in:      nothing received; open R7 R8; overdue R8
   *   social_media: R10, merged; national_portal: R13, open */
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CHANNEL, "tawasul_app", 3, 2, 2, 2, 1, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CHANNEL, "hotline", 2, 1, 1, 2, 0, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CHANNEL, "customer_day", 4, 3, 2, 4, 2, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CHANNEL, "website", 1, 1, 0, 1, 1, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CHANNEL, "walk_in", 0, 0, 0, 0, 2, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CHANNEL, "social_media", 1, 0, 0, 0, 0, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CHANNEL, "national_portal", 1, 0, 0, 0, 1, 0);

  /* By sector: municipalities R1–R4 R10–R12 R14 R15, on time R1 R3 R12 R14
   * R15, late R2 R4 R11; urban planning R5 R6 R13 (+ reply R16), late R5;
   * open R5 R6 R13; agriculture and marine: only R7 and R8, open. */
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_SECTOR, "municipalities", 9, 6, 5, 8, 2, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_SECTOR, "urban-planning", 3, 1, 0, 1, 3, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_SECTOR, "agriculture-marine", 0, 0, 0, 0, 2, 1);
  /* By category: cleanliness R1 R2 R11 R12 R15 (replies R1 R2 R15; on
   * time R1 R12 R15; late R2 R11; open R11); street lighting R3 R4 R10 R14
   * (replies R3 R4 R14; on time R3 R14; late R4; open R3); zoning R5 R6
   * R13 (+ reply R16; late R5; open R5 R6 R13); veterinary: R7 R8 open. */
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CATEGORY, "cleanliness", 5, 3, 3, 5, 1, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CATEGORY, "street-lighting", 4, 3, 2, 3, 1, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CATEGORY, "zoning-inquiry", 3, 1, 0, 1, 3, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_CATEGORY, "veterinary", 0, 0, 0, 0, 2, 1);
  /* By type: complaints R1–R4 R10 R12–R15 (replies R1–R4 R14 R15; on time
   * R1 R3 R12 R14 R15; late R2 R4; open R3 R7 R8 R13; overdue R8);
   * inquiry R5 (+ reply R16); suggestion R6; note R11. */
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_TYPE, "complaint", 9, 6, 5, 7, 4, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_TYPE, "inquiry", 1, 1, 0, 1, 1, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_TYPE, "suggestion", 1, 0, 0, 0, 1, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_TYPE, "note", 1, 0, 0, 1, 1, 1);
  /* By assignee: clerk.capital as capital; clerk.muharraq R4 R15;
   * clerk.northern R5 R12 (+ reply R16); nobody R6 R10; clerk.southern
   * R13, open R7 R8 R13. */
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_ASSIGNEE, "clerk.capital", 5, 4, 3, 5, 2, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_ASSIGNEE, "clerk.muharraq", 2, 2, 1, 2, 0, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_ASSIGNEE, "clerk.northern", 2, 1, 1, 2, 1, 1);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_ASSIGNEE, "", 2, 0, 0, 0, 1, 0);
  assert_breakdown (all, BALADI_DASHBOARD_TABLE_ASSIGNEE, "clerk.southern", 1, 0, 0, 0, 3, 1);

  /* Weeks start on Sunday. Week of 15 March: received R1–R5 R10 R12 R14
   * R15; replies R1 R3 R4 R15 R16; on time R1 R3 R12 R14 R15; late R2 R4
   * R5. Week of 22 March: received R6 R11 R13; replies R2 R14; late R11.
   * Columns: week, received, answered, on time, answered or overdue. */
  table = baladi_dashboard_get_table (all, BALADI_DASHBOARD_TABLE_WEEKS);
  g_assert_cmpuint (baladi_dashboard_table_get_n_rows (table), ==, 2);
  g_assert_cmpstr (baladi_dashboard_table_get_key (table, 0), ==, "2026-03-15");
  g_assert_cmpstr (baladi_dashboard_table_get_key (table, 1), ==, "2026-03-22");
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-15", 1), ==, 9);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-15", 2), ==, 5);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-15", 3), ==, 5);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-15", 4), ==, 8);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-22", 1), ==, 3);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-22", 2), ==, 2);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-22", 3), ==, 0);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-22", 4), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_WEEKS, "2026-03-22", 5), ==, 0);
  g_assert_cmpuint (baladi_dashboard_table_get_n_rows (baladi_dashboard_get_table (all, BALADI_DASHBOARD_TABLE_MONTHS)), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_MONTHS, "2026-03", 1), ==, 12);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_MONTHS, "2026-03", 2), ==, 7);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_MONTHS, "2026-03", 3), ==, 5);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_MONTHS, "2026-03", 4), ==, 9);

  /* Received per week by channel, columns in the order of BaladiChannel:
   * Tawasul, website, portal, hotline, social media, walk-in, Customer Day.
   * Week of 15: R1 R14 | R5 | – | R2 R12 | R10 | – | R3 R4 R15.
   * Week of 22: R6 | – | R13 | – | – | – | R11. */
  {
    const double week15[] = { 2, 1, 0, 2, 1, 0, 3 };
    const double week22[] = { 1, 0, 1, 0, 0, 0, 1 };

    for (guint i = 0; i < G_N_ELEMENTS (week15); i++)
      {
        g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CHANNEL_WEEKS, "2026-03-15", i + 1), ==, week15[i]);
        g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CHANNEL_WEEKS, "2026-03-22", i + 1), ==, week22[i]);
      }
  }

  /* Overdue by working days: R5 0.7, R11 2.1, R8 11.7. */
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_OVERDUE_AGE, "0-1", 1), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_OVERDUE_AGE, "1-3", 1), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_OVERDUE_AGE, "3-7", 1), ==, 0);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_OVERDUE_AGE, "7-", 1), ==, 1);

  /* Customer Day: week of 15, capital R3 (on time), Muharraq R4 (late) and
   * R15 (on time); week of 22, capital R11 (overdue). Columns: week,
   * municipality, received, on time, answered or overdue, rate. */
  g_assert_cmpuint (baladi_dashboard_table_get_n_rows (baladi_dashboard_get_table (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY)), ==, 8);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|capital", 2), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|capital", 3), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|capital", 4), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|muharraq", 2), ==, 2);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|muharraq", 3), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|muharraq", 4), ==, 2);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|muharraq", 5), ==, 50);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-22|capital", 2), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-22|capital", 3), ==, 0);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-22|capital", 4), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-22|northern", 2), ==, 0);

  /* Why: R4 and R12 waited on the citizen, each for its own reason; 1 of
   * 12 received each. */
  table = baladi_dashboard_get_table (all, BALADI_DASHBOARD_TABLE_PAUSE_REASONS);
  g_assert_cmpuint (baladi_dashboard_table_get_n_rows (table), ==, 2);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_PAUSE_REASONS, "waiting_citizen:" PHOTO_REASON, 2), ==, 1);
  g_assert_cmpfloat (cell (all, BALADI_DASHBOARD_TABLE_PAUSE_REASONS, "waiting_citizen:" ADDRESS_REASON, 2), ==, 1);
  g_assert_cmpstr (baladi_dashboard_table_get_text (table, baladi_dashboard_table_find_row (table, "waiting_citizen:" ADDRESS_REASON), 1),
                   ==, ADDRESS_REASON);

  /* The capital alone: received R1 R2 R3 R11 R14, on time R1 R3 R14, late
   * R2 R11; previous R9 on time, R17 late; replies R14 0 h, R1 4 h, R2
   * 8.5 h, R3 11 h: median the 2nd, p90 the 4th. */
  tiles = baladi_dashboard_get_tiles (capital);
  g_assert_cmpuint (tiles->received, ==, 5);
  g_assert_cmpuint (tiles->on_time, ==, 3);
  g_assert_cmpuint (tiles->decided, ==, 5);
  g_assert_cmpuint (tiles->previous_on_time, ==, 1);
  g_assert_cmpuint (tiles->previous_decided, ==, 2);
  g_assert_cmpuint (tiles->answered, ==, 4);
  g_assert_cmpuint (tiles->open, ==, 2);
  g_assert_cmpuint (tiles->overdue, ==, 1);
  g_assert_cmpint (tiles->median_reply, ==, 4 * HOUR);
  g_assert_cmpint (tiles->p90_reply, ==, 11 * HOUR);
  g_assert_cmpuint (baladi_dashboard_table_get_n_rows (baladi_dashboard_get_table (capital, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY)), ==, 2);

  /* Mon 16 12:00 to Wed 25 10:00, ends inside days and weeks: received R2
   * R3 R5 R6 R11 R12 R14 (R10 came at 09:00, R6 at 09:00 on the 25th); on
   * time R3 R12 R14; late R2, R5, R11; replies R2 R3 R4 R14 (R15 came at
   * 08:00 on the 16th): 0, 8.5, 11, 34 h. The previous period, Sat 7 14:00
   * to Mon 16 12:00: R7 (paused) R9 R16 R17 R1 R4 R10 R15: on time R9 R16
   * R1 R15, late R17 R4. Paused: R12. */
  tiles = baladi_dashboard_get_tiles (odd);
  g_assert_cmpuint (tiles->received, ==, 7);
  g_assert_cmpuint (tiles->on_time, ==, 3);
  g_assert_cmpuint (tiles->decided, ==, 6);
  g_assert_cmpuint (tiles->answered, ==, 4);
  g_assert_cmpuint (tiles->previous_on_time, ==, 4);
  g_assert_cmpuint (tiles->previous_decided, ==, 6);
  g_assert_cmpint (tiles->median_reply, ==, 17 * HOUR / 2);
  g_assert_cmpint (tiles->p90_reply, ==, 34 * HOUR);
  g_assert_cmpuint (tiles->paused, ==, 1);
  g_assert_cmpuint (tiles->reopened, ==, 1);
  assert_breakdown (odd, BALADI_DASHBOARD_TABLE_CATEGORY, "cleanliness", 3, 1, 1, 3, 1, 1);
  assert_breakdown (odd, BALADI_DASHBOARD_TABLE_CATEGORY, "street-lighting", 2, 3, 2, 2, 1, 0);
  assert_breakdown (odd, BALADI_DASHBOARD_TABLE_MUNICIPALITY, "capital", 4, 3, 2, 4, 2, 1);

  /* Through the Tawasul app: R1 R6 R14 received; replies R14 (sent on Eid
   * for a request of the weekend: no working time) and R1 (4 h). No
   * Customer Day requests. */
  tiles = baladi_dashboard_get_tiles (app);
  g_assert_cmpuint (tiles->received, ==, 3);
  g_assert_cmpuint (tiles->n_replied, ==, 2);
  g_assert_cmpint (tiles->median_reply, ==, 0);
  g_assert_cmpint (tiles->p90_reply, ==, 4 * HOUR);
  g_assert_cmpfloat (cell (app, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, "2026-03-15|capital", 2), ==, 0);
}

static void
test_hand_built (void)
{
  g_autoptr(BaladiStore) by_triggers = open_store ("triggers.db", FALSE);
  g_autoptr(BaladiStore) by_migration = open_store ("migration.db", TRUE);

  assert_hand_figures (by_triggers, BALADI_DASHBOARD_FLAGS_NONE);
  assert_hand_figures (by_triggers, BALADI_DASHBOARD_FLAGS_NO_AGGREGATES);
  assert_hand_figures (by_migration, BALADI_DASHBOARD_FLAGS_NONE);

  /* Changes keep the aggregates right: R5 replied on time after all, R11
   * moves to Muharraq, R3's reopening and R12 are forgotten, and back. */
  exec (baladi_store_get_db (by_triggers),
        "UPDATE requests SET first_reply_at = due_at - 60, status = 'answered' WHERE id = 'R5';"
        "UPDATE requests SET municipality = 'muharraq' WHERE id = 'R11';"
        "DELETE FROM events WHERE request_id IN ('R3', 'R12');"
        "DELETE FROM requests WHERE id = 'R12';");
  {
    g_autoptr(BaladiDashboard) changed = compute (by_triggers, 15, 0, 27, 0, NULL, NULL, BALADI_DASHBOARD_FLAGS_NONE);
    const BaladiDashboardTiles *tiles = baladi_dashboard_get_tiles (changed);

    g_assert_cmpuint (tiles->received, ==, 11);
    g_assert_cmpuint (tiles->on_time, ==, 5);   /* R1 R3 R5 R14 R15 */
    g_assert_cmpuint (tiles->decided, ==, 8);   /* + R2 R4 R11 */
    g_assert_cmpuint (tiles->answered, ==, 8);  /* + R5 */
    g_assert_cmpuint (tiles->reopened, ==, 0);
    g_assert_cmpuint (tiles->paused, ==, 1);
    assert_breakdown (changed, BALADI_DASHBOARD_TABLE_MUNICIPALITY, "muharraq", 4, 2, 1, 3, 1, 1);
    assert_breakdown (changed, BALADI_DASHBOARD_TABLE_MUNICIPALITY, "northern", 2, 2, 1, 1, 1, 0);
  }

  /* The counts of reply times follow too (the week of 15 March is whole
   * in the period, and counted). R3 is answered Tue 17 09:00 instead,
   * after 2 working hours; R16 (6 h) is forgotten; R15 (8 h) came by the
   * hotline after all. R5's reply, Wed 25 13:59, came after Tue 4 h + Wed,
   * Thu, Mon, Tue 7 h each + Wed 6 h 59 min = 38 h 59 min. Replies: R14
   * 0, R3 2, R1 4, R15 8, R2 8.5, R4 34 h, R5 38 h 59 min: median the 4th,
   * p90 the 7th. On Customer Day, R3 and R4; in the capital R14 R3 R1 R2. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE requests SET first_reply_at = %" G_GINT64_FORMAT " WHERE id = 'R3';"
                                            "DELETE FROM requests WHERE id = 'R16';"
                                            "UPDATE requests SET channel = 'hotline' WHERE id = 'R15';", at (17, 9, 0));

    exec (baladi_store_get_db (by_triggers), sql);
    assert_reply_times (by_triggers, NULL, NULL, 7, 8 * HOUR, 38 * HOUR + 59 * 60);
    assert_reply_times (by_triggers, NULL, "customer_day", 2, 2 * HOUR, 34 * HOUR);
    assert_reply_times (by_triggers, "capital", NULL, 4, 2 * HOUR, 17 * HOUR / 2);
    assert_reply_times (by_triggers, NULL, "hotline", 2, 8 * HOUR, 17 * HOUR / 2);
  }
}

/* Times to first reply counted ahead of time are those of the built-in
 * calendar: another calendar gets them from the requests; a cache whose
 * counts were made on another calendar counts them again when opened; and
 * counts that disagree with the requests are not believed. */
static void
test_reply_time_counts (void)
{
  g_autofree char *path = g_build_filename (root, "reply-counts.db", NULL);
  g_autoptr(BaladiStore) store = open_store ("reply-counts.db", FALSE);
  g_autoptr(BaladiSlaCalendar) holiday = baladi_sla_calendar_new ();
  g_autoptr(GDate) wednesday = g_date_new_dmy (18, G_DATE_MARCH, 2026);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = baladi_store_get_db (store);

  /* Were Wed 18 March a holiday: R3 (Mon 16 18:00 – Wed 18 11:00) took Tue
   * 7 h; R4 (Sun 15 08:00 – Thu 19 15:00) Sun 6 + Mon 7 + Tue 7 + Thu 7 =
   * 27 h. Replies: R14 0, R1 4, R16 6, R3 7, R15 8, R2 8.5, R4 27. */
  baladi_sla_calendar_add_holiday (holiday, wednesday, "A holiday");
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BaladiDashboard) dashboard = compute_on (store, holiday, 15, 0, 27, 0, NULL, NULL,
                                                         i == 0 ? BALADI_DASHBOARD_FLAGS_NONE : BALADI_DASHBOARD_FLAGS_NO_AGGREGATES);
      const BaladiDashboardTiles *tiles = baladi_dashboard_get_tiles (dashboard);

      g_assert_cmpuint (tiles->n_replied, ==, 7);
      g_assert_cmpint (tiles->median_reply, ==, 7 * HOUR);
      g_assert_cmpint (tiles->p90_reply, ==, 27 * HOUR);
    }
  assert_reply_times (store, NULL, NULL, 7, 8 * HOUR, 34 * HOUR);

  /* Counted on some other calendar, and wrong: counted again on opening. */
  exec (db, "UPDATE meta SET value = 'another calendar' WHERE key = 'kpi-calendar';"
            "UPDATE kpi_reply_weeks SET replies = replies + 5;"
            "DELETE FROM kpi_reply_times WHERE bucket = 8;");
  g_clear_object (&store);
  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  db = baladi_store_get_db (store);
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT value = baladi_work_calendar () FROM meta WHERE key = 'kpi-calendar'), "
                                             "(SELECT sum (replies) FROM kpi_reply_weeks WHERE dimension = 'all'), "
                                             "(SELECT count(*) FROM kpi_reply_times WHERE bucket = 8)", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    /* R1 R2 R3 R4 R9 R14 R15 R16 R17 were answered; R15 after 8 working
     * hours, R2 and R17 (Wed 11 12:00 – Thu 12 13:30) after 8.5. */
    g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 9);
    g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 3);
    sqlite3_finalize (stmt);
  }
  assert_reply_times (store, NULL, NULL, 7, 8 * HOUR, 34 * HOUR);

  /* Counts that do not match the replies they count: said, and the
   * figures read from the requests. The replies of the median's bucket
   * gone; then one count too many in a bucket no percentile falls in. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(BaladiDashboard) dashboard = NULL;
      const BaladiDashboardTiles *tiles;

      exec (db, i == 0 ? "DELETE FROM kpi_reply_times WHERE bucket = 8"
                       : "DELETE FROM meta WHERE key = 'kpi-calendar'");
      if (i == 1)
        {
          g_clear_object (&store);
          store = baladi_store_open (path, &error);
          g_assert_no_error (error);
          db = baladi_store_get_db (store);
          /* R1's bucket in the week of 15 March (day 20527). */
          exec (db, "UPDATE kpi_reply_weeks SET replies = replies + 1 WHERE dimension = 'all' AND week = 20527 AND bucket = 4");
          g_assert_cmpint (sqlite3_changes (db), ==, 1);
        }

      disagreements = 0;
      dashboard = compute (store, 15, 0, 27, 0, NULL, NULL, BALADI_DASHBOARD_FLAGS_NONE);
      tiles = baladi_dashboard_get_tiles (dashboard);
      g_assert_cmpuint (disagreements, ==, 1);
      g_assert_cmpuint (tiles->n_replied, ==, 7);
      g_assert_cmpint (tiles->median_reply, ==, 8 * HOUR);
      g_assert_cmpint (tiles->p90_reply, ==, 34 * HOUR);
    }
}

/* The SQL rule and the C rule agree on every request of the cache, and
 * with the states worked out above. */
static void
test_one_rule (void)
{
  g_autoptr(BaladiStore) store = open_store ("rule.db", FALSE);
  g_autoptr(BaladiSlaCalendar) calendar = baladi_sla_calendar_new ();
  g_autoptr(GDateTime) now = local_time (26, 12);
  g_autoptr(GString) states = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
    "SELECT id, created_at, due_at, first_reply_at, closed_at, status, merged_into IS NOT NULL, "
    BALADI_SLA_STATE_SQL ("r", "?1") " FROM requests r ORDER BY CAST(substr(id, 2) AS INTEGER)",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (now));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) created = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));
      g_autoptr(GDateTime) due = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 2));
      g_autoptr(GDateTime) reply = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? NULL
                                   : g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 3));
      g_autoptr(GDateTime) closed = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? NULL
                                    : g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 4));
      int status = 0;
      BaladiSlaState state;
      gboolean counted;

      g_assert_true (baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, (const char *) sqlite3_column_text (stmt, 5), &status));
      counted = baladi_dashboard_request_sla_state (calendar, created, due, reply, closed, status,
                                                    sqlite3_column_int (stmt, 6), now, &state);
      if (!counted)
        {
          g_assert_cmpint (sqlite3_column_type (stmt, 7), ==, SQLITE_NULL);
          g_string_append (states, "-");
          continue;
        }
      /* SQL cannot count working time: due soon is on track there. */
      g_assert_cmpint (sqlite3_column_int (stmt, 7), ==, state == BALADI_SLA_STATE_DUE_SOON ? BALADI_SLA_STATE_ON_TRACK : state);
      g_string_append_c (states, "TSOPtl"[state]);
    }
  sqlite3_finalize (stmt);

  /* R1 t, R2 l, R3 t, R4 l, R5 O, R6 T, R7 P, R8 O, R9 t, R10 merged,
   * R11 O, R12 t, R13 T (4 of 35 working hours gone), R14 t, R15 t,
   * R16 t, R17 l. */
  g_assert_cmpstr (states->str, ==, "tltlOTPOt-OtTtttl");
}

/* A CSV parser as RFC 4180 reads: records of fields, quoted or not. */
static GPtrArray *
parse_csv (const char *text,
           gsize       length)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = NULL;
  GString *field = g_string_new (NULL);
  const char *p = text, *end = text + length;

  while (p < end)
    {
      if (record == NULL)
        record = g_ptr_array_new_with_free_func (g_free);

      if (*p == '"')
        {
          for (p++; p < end; p++)
            {
              if (*p == '"' && p + 1 < end && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (p < end);
          p++;
        }
      while (p < end && *p != ',' && *p != '\r')
        g_string_append_c (field, *p++);

      g_ptr_array_add (record, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (p < end && *p == ',')
        p++;
      else
        {
          g_assert_true (p + 1 < end && p[0] == '\r' && p[1] == '\n');
          p += 2;
          g_ptr_array_add (records, g_steal_pointer (&record));
        }
    }

  g_assert_null (record);
  g_string_free (field, TRUE);
  return records;
}

static void
test_csv (void)
{
  g_autoptr(BaladiStore) store = open_store ("csv.db", FALSE);
  g_autoptr(BaladiDashboard) dashboard = compute (store, 15, 0, 27, 0, NULL, NULL, BALADI_DASHBOARD_FLAGS_NONE);
  BaladiDashboardTable *table = baladi_dashboard_get_table (dashboard, BALADI_DASHBOARD_TABLE_PAUSE_REASONS);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;
  GPtrArray *record;

  bytes = baladi_dashboard_table_to_csv (table);
  data = g_bytes_get_data (bytes, &length);
  g_assert_true (g_utf8_validate (data, length, NULL));
  g_assert_cmpmem (data, 3, "\xEF\xBB\xBF", 3);

  records = parse_csv (data + 3, length - 3);
  g_assert_cmpuint (records->len, ==, 3);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpuint (record->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (record, 0), ==, "Status");
  g_assert_cmpstr (g_ptr_array_index (record, 3), ==, "Share of received (%)");
  /* Rows in the order of their keys: the photo reason sorts after the address. */
  record = g_ptr_array_index (records, 2);
  g_assert_cmpstr (g_ptr_array_index (record, 0), ==, "Waiting on Citizen");
  g_assert_cmpstr (g_ptr_array_index (record, 1), ==, PHOTO_REASON);
  g_assert_cmpstr (g_ptr_array_index (record, 2), ==, "1");
  g_assert_cmpstr (g_ptr_array_index (record, 3), ==, "8.3");
  record = g_ptr_array_index (records, 1);
  g_assert_cmpstr (g_ptr_array_index (record, 1), ==, ADDRESS_REASON);
  /* The quoted field as written: quotes doubled, the line break kept. */
  g_assert_nonnull (g_strstr_len (data, length, "\"صورة العمود \"\"رقم 12\"\"،\nمن فضلك, شكرا\""));

  /* The stream gets the same bytes. */
  g_assert_true (baladi_dashboard_table_write_csv (table, stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  written = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
  g_assert_true (g_bytes_equal (written, bytes));

  /* Every table exports with a header row as wide as its rows. */
  for (guint id = 0; id < BALADI_DASHBOARD_N_TABLES; id++)
    {
      BaladiDashboardTable *each = baladi_dashboard_get_table (dashboard, id);
      g_autoptr(GBytes) csv = baladi_dashboard_table_to_csv (each);
      g_autoptr(GPtrArray) rows = NULL;

      data = g_bytes_get_data (csv, &length);
      rows = parse_csv (data + 3, length - 3);
      g_assert_cmpuint (rows->len, ==, baladi_dashboard_table_get_n_rows (each) + 1);
      for (guint i = 0; i < rows->len; i++)
        g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, i))->len, ==, baladi_dashboard_table_get_n_columns (each));
    }
}

/* The demo data, checked against SQL written here, independently of the
 * dashboard's code, over the raw `requests` and `events` tables. */

typedef struct {
  sqlite3    *db;
  gint64      start;
  gint64      end;
  gint64      now;
  const char *municipality;
} Independent;

static gint64
scalar (Independent *q,
        const char  *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM requests r WHERE (?3 IS NULL OR municipality = ?3) "
                                          "AND (%s)", where);
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (q->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, q->start);
  sqlite3_bind_int64 (stmt, 2, q->end);
  sqlite3_bind_text (stmt, 3, q->municipality, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, q->now);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* ?1–?2 the period, ?4 the present. */
#define RECEIVED   "created_at >= ?1 AND created_at < ?2"
#define RESPONDED_ON_TIME \
  "merged_into IS NULL AND ((first_reply_at IS NOT NULL AND first_reply_at <= due_at) " \
  "OR (first_reply_at IS NULL AND closed_at IS NOT NULL AND closed_at <= due_at))"
#define RESPONDED_LATE \
  "merged_into IS NULL AND ((first_reply_at IS NOT NULL AND first_reply_at > due_at) " \
  "OR (first_reply_at IS NULL AND closed_at IS NOT NULL AND closed_at > due_at))"
#define OVERDUE_NOW \
  "merged_into IS NULL AND first_reply_at IS NULL AND closed_at IS NULL " \
  "AND status NOT IN ('waiting_citizen', 'waiting_agency') AND due_at < ?4"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
assert_matches_sql (BaladiStore *store,
                    gint64       start,
                    gint64       end,
                    gint64       now,
                    const char  *municipality)
{
  g_autoptr(BaladiSlaCalendar) calendar = baladi_sla_calendar_new ();
  g_autoptr(GDateTime) start_time = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) end_time = g_date_time_new_from_unix_utc (end);
  g_autoptr(GDateTime) now_time = g_date_time_new_from_unix_utc (now);
  g_autoptr(GError) error = NULL;
  BaladiDashboardFilter filter = { start_time, end_time, municipality, NULL, NULL };
  g_autoptr(BaladiDashboard) fast = baladi_dashboard_compute (store, calendar, &filter, now_time,
                                                              BALADI_DASHBOARD_FLAGS_NONE, &error);
  g_autoptr(BaladiDashboard) slow = baladi_dashboard_compute (store, calendar, &filter, now_time,
                                                              BALADI_DASHBOARD_FLAGS_NO_AGGREGATES, &error);
  Independent q = { baladi_store_get_db (store), start, end, now, municipality };
  Independent previous = { q.db, start - (end - start), start, now, municipality };
  const BaladiDashboardTiles *tiles;
  g_autoptr(GArray) replies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GTimeZone) bahrain = g_time_zone_new_offset (3 * HOUR);
  guint ageing[4] = { 0, };
  BaladiDashboardTable *table;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_nonnull (fast);
  g_assert_nonnull (slow);
  tiles = baladi_dashboard_get_tiles (fast);

  g_assert_cmpint (tiles->received, ==, scalar (&q, RECEIVED));
  g_assert_cmpint (tiles->answered, ==, scalar (&q, "first_reply_at >= ?1 AND first_reply_at < ?2"));
  g_assert_cmpint (tiles->on_time, ==, scalar (&q, RECEIVED " AND " RESPONDED_ON_TIME));
  g_assert_cmpint (tiles->decided, ==, scalar (&q, RECEIVED " AND (" RESPONDED_ON_TIME " OR " RESPONDED_LATE
                                                   " OR " OVERDUE_NOW ")"));
  g_assert_cmpint (tiles->previous_on_time, ==, scalar (&previous, RECEIVED " AND " RESPONDED_ON_TIME));
  g_assert_cmpint (tiles->previous_decided, ==, scalar (&previous, RECEIVED " AND (" RESPONDED_ON_TIME " OR "
                                                                   RESPONDED_LATE " OR " OVERDUE_NOW ")"));
  g_assert_cmpint (tiles->open, ==, scalar (&q, "status NOT IN ('answered', 'closed')"));
  g_assert_cmpint (tiles->overdue, ==, scalar (&q, OVERDUE_NOW));
  g_assert_cmpint (tiles->reopened, ==, scalar (&q, RECEIVED " AND EXISTS (SELECT 1 FROM events e "
                                                    "WHERE e.request_id = r.id AND e.kind = 'status_change' "
                                                    "AND e.new_value = 'reopened')"));
  g_assert_cmpint (tiles->paused, ==, scalar (&q, RECEIVED " AND EXISTS (SELECT 1 FROM events e "
                                                  "WHERE e.request_id = r.id AND e.kind = 'status_change' "
                                                  "AND e.new_value IN ('waiting_citizen', 'waiting_agency'))"));
  g_assert_cmpint (tiles->on_time, >, 0);
  g_assert_cmpint (tiles->decided, >, tiles->on_time);

  /* Times to first reply, counted by the calendar itself. */
  g_assert_cmpint (sqlite3_prepare_v2 (q.db, "SELECT created_at, first_reply_at FROM requests WHERE first_reply_at >= ?1 "
                                       "AND first_reply_at < ?2 AND (?3 IS NULL OR municipality = ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_text (stmt, 3, municipality, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) a = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));
      g_autoptr(GDateTime) b = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 1));
      gint64 seconds = baladi_sla_calendar_working_seconds_between (calendar, a, b);

      g_array_append_val (replies, seconds);
    }
  sqlite3_finalize (stmt);
  g_array_sort (replies, compare_gint64);
  g_assert_cmpuint (tiles->n_replied, ==, replies->len);
  g_assert_cmpuint (replies->len, >, 10);
  g_assert_cmpint (tiles->median_reply, ==, g_array_index (replies, gint64, (replies->len + 1) / 2 - 1));
  g_assert_cmpint (tiles->p90_reply, ==, g_array_index (replies, gint64, (replies->len * 9 + 9) / 10 - 1));

  /* Overdue requests by working days late, by the calendar. */
  g_assert_cmpint (sqlite3_prepare_v2 (q.db, "SELECT due_at FROM requests r WHERE (?3 IS NULL OR municipality = ?3) AND "
                                       OVERDUE_NOW, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 3, municipality, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) due = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));
      double days = baladi_sla_calendar_working_seconds_between (calendar, due, now_time) /
                    (double) baladi_sla_calendar_get_working_day_length (calendar);

      ageing[days < 1 ? 0 : days < 3 ? 1 : days < 7 ? 2 : 3]++;
    }
  sqlite3_finalize (stmt);
  table = baladi_dashboard_get_table (fast, BALADI_DASHBOARD_TABLE_OVERDUE_AGE);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (baladi_dashboard_table_get_value (table, i, 1), ==, ageing[i]);

  /* Received per municipality, and on time. */
  g_assert_cmpint (sqlite3_prepare_v2 (q.db, "SELECT municipality, count(*), sum(" RESPONDED_ON_TIME ") FROM requests "
                                       "WHERE created_at >= ?1 AND created_at < ?2 AND (?3 IS NULL OR municipality = ?3) "
                                       "GROUP BY municipality", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_text (stmt, 3, municipality, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_cmpfloat (cell (fast, BALADI_DASHBOARD_TABLE_MUNICIPALITY, key, 2), ==, sqlite3_column_int (stmt, 1));
      g_assert_cmpfloat (cell (fast, BALADI_DASHBOARD_TABLE_MUNICIPALITY, key, 4), ==, sqlite3_column_int (stmt, 2));
    }
  sqlite3_finalize (stmt);

  /* Received per category and per assignee: the sums of a few rows. */
  g_assert_cmpint (sqlite3_prepare_v2 (q.db, "SELECT category, count(*) FROM requests WHERE created_at >= ?1 "
                                       "AND created_at < ?2 AND (?3 IS NULL OR municipality = ?3) GROUP BY category",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_text (stmt, 3, municipality, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_cmpfloat (cell (fast, BALADI_DASHBOARD_TABLE_CATEGORY, (const char *) sqlite3_column_text (stmt, 0), 2),
                       ==, sqlite3_column_int (stmt, 1));
  sqlite3_finalize (stmt);

  /* Received per week (Sunday to Saturday, Bahrain time), by GDateTime. */
  g_assert_cmpint (sqlite3_prepare_v2 (q.db, "SELECT created_at FROM requests WHERE created_at >= ?1 AND created_at < ?2 "
                                       "AND (?3 IS NULL OR municipality = ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, end);
  sqlite3_bind_text (stmt, 3, municipality, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, bahrain);
      g_autoptr(GDateTime) sunday = g_date_time_add_days (local, -(g_date_time_get_day_of_week (local) % 7));
      char *key = g_date_time_format (sunday, "%Y-%m-%d");

      g_hash_table_replace (weeks, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (weeks, key)) + 1));
    }
  sqlite3_finalize (stmt);
  table = baladi_dashboard_get_table (fast, BALADI_DASHBOARD_TABLE_WEEKS);
  for (guint i = 0; i < baladi_dashboard_table_get_n_rows (table); i++)
    g_assert_cmpfloat (baladi_dashboard_table_get_value (table, i, 1), ==,
                       GPOINTER_TO_UINT (g_hash_table_lookup (weeks, baladi_dashboard_table_get_key (table, i))));

  /* And from the requests alone, every cell of every table is the same. */
  g_assert_cmpmem (tiles, sizeof *tiles, baladi_dashboard_get_tiles (slow), sizeof *tiles);
  for (guint id = 0; id < BALADI_DASHBOARD_N_TABLES; id++)
    {
      g_autoptr(GBytes) a = baladi_dashboard_table_to_csv (baladi_dashboard_get_table (fast, id));
      g_autoptr(GBytes) b = baladi_dashboard_table_to_csv (baladi_dashboard_get_table (slow, id));

      g_assert_true (g_bytes_equal (a, b));
    }
}

static void
test_demo_data (void)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "3000", "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (root, "demo.db", NULL);
  g_autofree char *clerk = NULL;
  BaladiPullStats stats;
  sqlite3_stmt *stmt;
  gint64 now;

  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_login (client, "director", "Baladi#2026", NULL, &error));
  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_requests, ==, 3000);

  now = g_get_real_time () / G_USEC_PER_SEC;
  /* A year; a month of one municipality; a period that starts and ends
   * in the middle of days and weeks; two years and more. */
  assert_matches_sql (store, now - 365 * 24 * HOUR, now, now, NULL);
  assert_matches_sql (store, now - 30 * 24 * HOUR, now, now, "capital");
  assert_matches_sql (store, now - 200 * 24 * HOUR - 5 * HOUR, now - 17 * 24 * HOUR + 7 * HOUR, now, NULL);
  assert_matches_sql (store, now - 800 * 24 * HOUR, now + 24 * HOUR, now, "northern");

  /* The clerks work on the server; the next pull brings their work and
   * the figures follow: a reply, and a request that starts waiting. */
  clerk = baladi_test_server_login (server, "clerk.capital");
  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
                                       "SELECT id, version FROM requests WHERE municipality = 'capital' "
                                       "AND status IN ('assigned', 'in_progress') ORDER BY created_at LIMIT 2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *if_match = NULL;
      g_autofree char *call = NULL;
      g_autofree char *key = g_strdup_printf ("dashboard-%u", i);

      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if_match = g_strdup_printf ("\"v%s\"", sqlite3_column_text (stmt, 1));
      call = g_strdup_printf ("/api/v1/requests/%s/%s", sqlite3_column_text (stmt, 0), i == 0 ? "replies" : "status");
      g_assert_cmpuint (baladi_test_server_call (server, "POST", call, clerk, if_match, key,
                                                 i == 0 ? "{\"body\": \"تم إصلاح العمود\"}"
                                                        : "{\"status\": \"waiting_citizen\", \"reason\": \"صورة الموقع\"}",
                                                 -1, NULL, NULL), ==, 200);
    }
  sqlite3_finalize (stmt);

  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_requests, ==, 2);
  now = g_get_real_time () / G_USEC_PER_SEC + 1;
  assert_matches_sql (store, now - 365 * 24 * HOUR, now, now, NULL);
  assert_matches_sql (store, now - 800 * 24 * HOUR, now + 24 * HOUR, now, "capital");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  root = g_dir_make_tmp ("baladi-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (count_disagreements, NULL, NULL);

  g_test_add_func ("/dashboard/hand-built", test_hand_built);
  g_test_add_func ("/dashboard/reply-time-counts", test_reply_time_counts);
  g_test_add_func ("/dashboard/one-rule", test_one_rule);
  g_test_add_func ("/dashboard/csv", test_csv);
  g_test_add_func ("/dashboard/demo-data", test_demo_data);

  ret = g_test_run ();

  /* Only ever the directory made above. */
  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
