/* bench-dashboard.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long the whole dashboard takes over a large cache.
 *
 *   bench-dashboard [N [RUNS [CACHE]]]
 *
 * fills a fresh cache (or CACHE, kept for the next run, when it is new) with N generated requests (default 1 000 000) by
 * direct inserts, the dashboard's triggers running, spread over two years
 * the way the demo data is (more recent than old, the municipalities,
 * channels and categories in their real shares, mostly answered on time,
 * some late, overdue, waiting or reopened), then computes the whole
 * dashboard for a few periods RUNS times each (default 7) from the
 * aggregates and from the requests alone, and prints the medians. */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "baladi-dashboard.h"
#include "baladi-store-sync.h"

#define HOUR 3600
#define DAY (24 * HOUR)

typedef struct {
  const char *value;
  guint       weight;
} Weighted;

static const Weighted types[] = {
  { "complaint", 600 }, { "inquiry", 180 }, { "suggestion", 120 }, { "note", 70 }, { "compliment", 30 },
};
static const Weighted channels[] = {
  { "tawasul_app", 450 }, { "hotline", 200 }, { "website", 100 }, { "national_portal", 80 },
  { "social_media", 70 }, { "walk_in", 60 }, { "customer_day", 40 },
};
static const Weighted municipalities[] = {
  { "capital", 35 }, { "northern", 30 }, { "southern", 20 }, { "muharraq", 15 },
};

/* The demo categories, with their sectors and time limits in working hours. */
static const struct {
  const char *code, *sector;
  guint       limit_hours;
} categories[] = {
  { "cleanliness", "municipalities", 8 }, { "street-lighting", "municipalities", 14 },
  { "road-damage", "municipalities", 35 }, { "stray-animals", "municipalities", 14 },
  { "pest-control", "municipalities", 21 }, { "parks", "municipalities", 35 },
  { "building-violations", "municipalities", 70 }, { "building-permits", "municipalities", 49 },
  { "advertisements", "municipalities", 35 }, { "zoning-inquiry", "urban-planning", 35 },
  { "subdivision", "urban-planning", 105 }, { "planning-objection", "urban-planning", 105 },
  { "fishing-licences", "agriculture-marine", 35 }, { "marine-violations", "agriculture-marine", 8 },
  { "veterinary", "agriculture-marine", 14 }, { "agricultural-support", "agriculture-marine", 70 },
};

static const char *reasons[] = {
  "بانتظار صور الموقع من المواطن", "بانتظار رد هيئة الكهرباء والماء",
  "بانتظار المخطط المعتمد", "Waiting for the citizen's documents",
};

static const char *
pick (GRand          *rand,
      const Weighted *table,
      gsize           n)
{
  guint total = 0;
  guint x;

  for (gsize i = 0; i < n; i++)
    total += table[i].weight;
  x = g_rand_int_range (rand, 0, total);
  for (gsize i = 0; i < n; i++)
    {
      if (x < table[i].weight)
        return table[i].value;
      x -= table[i].weight;
    }
  g_assert_not_reached ();
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The due time of a limit in working hours, roughly: the bench needs the
 * shape of the data, not the calendar's exact answer (the calendar costs
 * tens of microseconds a request), so a working hour is taken as 24/7 of
 * an hour, the ratio of a week to its working time. */
static gint64
rough_due (gint64 from,
           guint  hours)
{
  return from + (gint64) hours * HOUR * 24 / 7;
}

static void
fill (BaladiStore *store,
      guint        n,
      gint64       now)
{
  sqlite3 *db = baladi_store_get_db (store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  sqlite3_stmt *insert = NULL, *event = NULL;
  char id[32], merged[32];

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO requests (id, reference, type, category, sector, municipality, channel, status, priority, language, "
    "subject, description, citizen_name, assignee, merged_into, created_at, updated_at, first_reply_at, due_at, "
    "closed_at, version) VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'normal', 'ar', 'موضوع', 'وصف', 'مواطن', ?8, ?9, "
    "?10, ?10, ?11, ?12, ?13, '1')", -1, &insert, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "INSERT INTO events (id, request_id, kind, created_at, old_value, new_value, reason) "
    "VALUES (?1 || '-' || ?4, ?1, 'status_change', ?2, ?3, ?4, ?5)", -1, &event, NULL), ==, SQLITE_OK);

  exec (db, "BEGIN");
  for (guint i = 0; i < n; i++)
    {
      guint c = g_rand_int_range (rand, 0, G_N_ELEMENTS (categories));
      const char *municipality = pick (rand, municipalities, G_N_ELEMENTS (municipalities));
      g_autofree char *assignee = g_strdup_printf ("clerk.%s.%d", municipality, g_rand_int_range (rand, 1, 4));
      /* More recent requests than old ones, as the demo data. */
      gint64 created = now - (gint64) ((1.0 - sqrt (g_rand_double (rand))) * 730 * DAY) - g_rand_int_range (rand, 0, DAY);
      gint64 due = rough_due (created, categories[c].limit_hours);
      gint64 pause_start = 0, pause_end = 0, reply = 0, closed = 0;
      const char *pause_status = g_rand_boolean (rand) ? "waiting_citizen" : "waiting_agency";
      const char *status;
      gboolean is_merged = i > 0 && g_rand_int_range (rand, 0, 100) == 0;
      gboolean reopened = FALSE;

      g_snprintf (id, sizeof id, "bench-%08u", i);
      if (g_rand_int_range (rand, 0, 100) < 6)
        {
          pause_start = created + g_rand_int_range (rand, 2 * HOUR, DAY);
          pause_end = pause_start + g_rand_int_range (rand, 1, 4) * DAY;
          due += pause_end - pause_start;
          if (pause_end > now)
            pause_end = 0;
          if (pause_start > now)
            pause_start = 0;
        }
      if (pause_start == 0 || pause_end != 0)
        {
          gboolean answered = due < now ? g_rand_int_range (rand, 0, 1000) < (created < now - 30 * DAY ? 995 : 850)
                                        : g_rand_int_range (rand, 0, 100) < 40;

          if (answered && g_rand_int_range (rand, 0, 100) < 93)
            reply = created + (gint64) ((due - created) * g_rand_double_range (rand, 0.05, 0.95));
          else if (answered)
            reply = due + g_rand_int_range (rand, HOUR, 5 * DAY);
          if (reply > now)
            reply = 0;
        }

      if (reply > 0 && reply < now - 14 * DAY)
        {
          closed = reply + g_rand_int_range (rand, HOUR, 5 * DAY);
          reopened = g_rand_int_range (rand, 0, 100) < 2;
          status = reopened ? "reopened" : "closed";
          if (reopened)
            closed = 0;
        }
      else if (reply > 0)
        status = "answered";
      else if (pause_start > 0 && pause_end == 0)
        status = pause_status;
      else
        status = g_rand_int_range (rand, 0, 100) < 60 ? "in_progress" : "assigned";

      if (is_merged)
        {
          g_snprintf (merged, sizeof merged, "bench-%08u", g_rand_int_range (rand, 0, i));
          status = "closed";
          reply = 0;
          closed = MIN (created + HOUR, now);
        }

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, pick (rand, types, G_N_ELEMENTS (types)), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, categories[c].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, categories[c].sector, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 5, municipality, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 6, pick (rand, channels, G_N_ELEMENTS (channels)), -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 7, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 8, g_str_equal (status, "new") ? NULL : assignee, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 9, is_merged ? merged : NULL, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (insert, 10, created);
      if (reply > 0)
        sqlite3_bind_int64 (insert, 11, reply);
      else
        sqlite3_bind_null (insert, 11);
      sqlite3_bind_int64 (insert, 12, due);
      if (closed > 0)
        sqlite3_bind_int64 (insert, 13, closed);
      else
        sqlite3_bind_null (insert, 13);
      if (sqlite3_step (insert) != SQLITE_DONE)
        g_error ("Insert: %s", sqlite3_errmsg (db));

      if (pause_start > 0)
        {
          sqlite3_reset (event);
          sqlite3_bind_text (event, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (event, 2, pause_start);
          sqlite3_bind_text (event, 3, "in_progress", -1, SQLITE_STATIC);
          sqlite3_bind_text (event, 4, pause_status, -1, SQLITE_STATIC);
          sqlite3_bind_text (event, 5, reasons[g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons))], -1, SQLITE_STATIC);
          if (sqlite3_step (event) != SQLITE_DONE)
            g_error ("Event: %s", sqlite3_errmsg (db));
        }
      if (reopened)
        {
          sqlite3_reset (event);
          sqlite3_bind_text (event, 1, id, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (event, 2, MIN (reply + 15 * DAY, now));
          sqlite3_bind_text (event, 3, "closed", -1, SQLITE_STATIC);
          sqlite3_bind_text (event, 4, "reopened", -1, SQLITE_STATIC);
          sqlite3_bind_null (event, 5);
          if (sqlite3_step (event) != SQLITE_DONE)
            g_error ("Event: %s", sqlite3_errmsg (db));
        }

      if (i % 100000 == 99999)
        {
          exec (db, "COMMIT; BEGIN");
          g_printerr ("  %u requests\n", i + 1);
        }
    }
  exec (db, "COMMIT");

  sqlite3_finalize (insert);
  sqlite3_finalize (event);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

/* The median elapsed and CPU times of @runs computations, in
 * milliseconds: the machine is shared, and the CPU time says what the
 * work costs when others wait for a core. */
static void
time_dashboard (BaladiStore            *store,
                BaladiSlaCalendar      *calendar,
                BaladiDashboardFilter  *filter,
                GDateTime              *now,
                BaladiDashboardFlags    flags,
                guint                   runs,
                double                 *elapsed,
                double                 *cpu,
                BaladiDashboard       **result)
{
  g_autofree double *times = g_new (double, runs);
  g_autofree double *cpu_times = g_new (double, runs);

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 begin = g_get_monotonic_time ();
      double cpu_begin = cpu_ms ();
      BaladiDashboard *dashboard = baladi_dashboard_compute (store, calendar, filter, now, flags, &error);

      times[i] = (g_get_monotonic_time () - begin) / 1000.0;
      cpu_times[i] = cpu_ms () - cpu_begin;
      if (dashboard == NULL)
        g_error ("%s", error->message);
      if (i + 1 < runs)
        g_object_unref (dashboard);
      else
        *result = dashboard;
    }

  qsort (times, runs, sizeof (double), compare_doubles);
  qsort (cpu_times, runs, sizeof (double), compare_doubles);
  *elapsed = times[runs / 2];
  *cpu = cpu_times[runs / 2];
}

static gboolean
same_numbers (BaladiDashboard *a,
              BaladiDashboard *b)
{
  if (memcmp (baladi_dashboard_get_tiles (a), baladi_dashboard_get_tiles (b), sizeof (BaladiDashboardTiles)) != 0)
    return FALSE;

  for (guint id = 0; id < BALADI_DASHBOARD_N_TABLES; id++)
    {
      g_autoptr(GBytes) x = baladi_dashboard_table_to_csv (baladi_dashboard_get_table (a, id));
      g_autoptr(GBytes) y = baladi_dashboard_table_to_csv (baladi_dashboard_get_table (b, id));

      if (!g_bytes_equal (x, y))
        return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 7;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-dashboard-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiSlaCalendar) calendar = baladi_sla_calendar_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GSubprocess) rm = NULL;
  gint64 now_unix = g_date_time_to_unix (now);
  gboolean reuse;
  gint64 begin;
  double seconds;
  /* Periods ending now, and the page's own: this year and this month,
   * from midnight to midnight in Bahrain. */
  const struct {
    const char *name;
    gint64      length;
    const char *municipality;
    const char *channel;
    int         months;
  } periods[] = {
    { "last 365 days, everything", 365 * DAY, NULL, NULL, 0 },
    { "last 90 days, everything", 90 * DAY, NULL, NULL, 0 },
    { "last 30 days, capital", 30 * DAY, "capital", NULL, 0 },
    { "last 7 days, everything", 7 * DAY, NULL, NULL, 0 },
    { "last 730 days, Customer Day", 730 * DAY, NULL, "customer_day", 0 },
    { "this year, everything", 0, NULL, NULL, 12 },
    { "this month, everything", 0, NULL, NULL, 1 },
  };
  g_autoptr(GTimeZone) bahrain = g_time_zone_new_offset (3 * HOUR);

  g_assert_no_error (error);
  if (n == 0 || runs == 0)
    {
      g_printerr ("Usage: %s [N [RUNS]]\n", argv[0]);
      return 1;
    }

  path = argc > 3 ? g_strdup (argv[3]) : g_build_filename (dir, "cache.db", NULL);
  reuse = g_file_test (path, G_FILE_TEST_EXISTS);
  store = baladi_store_open (path, &error);
  g_assert_no_error (error);

  if (reuse)
    {
      /* The requests were made relative to that run's present. */
      g_autofree char *kept = baladi_store_get_meta (store, "bench-now");

      g_assert_nonnull (kept);
      now_unix = g_ascii_strtoll (kept, NULL, 10);
      g_clear_pointer (&now, g_date_time_unref);
      now = g_date_time_new_from_unix_utc (now_unix);
      g_print ("bench-dashboard: the cache %s, as it was filled\n", path);
    }
  else
    {
      g_autofree char *kept = g_strdup_printf ("%" G_GINT64_FORMAT, now_unix);

      /* Filling is the only bulk work: give it memory, then give the
       * dashboard only the default cache, as the application has. */
      exec (baladi_store_get_db (store), "PRAGMA cache_size = -262144");
      begin = g_get_monotonic_time ();
      fill (store, n, now_unix);
      seconds = (g_get_monotonic_time () - begin) / (double) G_USEC_PER_SEC;
      exec (baladi_store_get_db (store), "PRAGMA cache_size = -2000");
      g_assert_true (baladi_store_set_meta (store, "bench-now", kept, NULL));

      g_print ("bench-dashboard: %u requests over two years, inserted with the triggers in %.1f s (%.0f requests/s)\n",
               n, seconds, n / seconds);
    }
  g_print ("median of %u runs, elapsed (CPU) milliseconds\n", runs);
  g_print ("%-28s %20s %22s %8s %8s %5s\n", "period", "with the aggregates", "bare SQL on requests", "received", "on time", "same");

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(GDateTime) local_now = g_date_time_to_timezone (now, bahrain);
      g_autoptr(GDateTime) start = NULL;
      g_autoptr(GDateTime) end = NULL;
      BaladiDashboardFilter filter = { NULL, NULL, periods[i].municipality, NULL, periods[i].channel };
      g_autoptr(BaladiDashboard) fast = NULL;
      g_autoptr(BaladiDashboard) slow = NULL;
      const BaladiDashboardTiles *tiles;
      double fast_ms, fast_cpu, slow_ms, slow_cpu;

      if (periods[i].months == 0)
        {
          start = g_date_time_new_from_unix_utc (now_unix - periods[i].length);
          end = g_date_time_ref (now);
        }
      else
        {
          start = g_date_time_new (bahrain, g_date_time_get_year (local_now),
                                   periods[i].months == 12 ? 1 : g_date_time_get_month (local_now), 1, 0, 0, 0);
          end = g_date_time_add_months (start, periods[i].months);
        }
      filter.start = start;
      filter.end = end;

      time_dashboard (store, calendar, &filter, now, BALADI_DASHBOARD_FLAGS_NONE, runs, &fast_ms, &fast_cpu, &fast);
      time_dashboard (store, calendar, &filter, now, BALADI_DASHBOARD_FLAGS_NO_AGGREGATES, runs, &slow_ms, &slow_cpu, &slow);
      tiles = baladi_dashboard_get_tiles (fast);

      g_print ("%-28s %10.1f (%7.1f) %12.1f (%7.1f) %8u %7.2f%% %5s\n", periods[i].name, fast_ms, fast_cpu,
               slow_ms, slow_cpu, tiles->received, tiles->decided > 0 ? 100.0 * tiles->on_time / tiles->decided : 0.0,
               same_numbers (fast, slow) ? "yes" : "NO");
    }

  g_clear_object (&store);
  if (argc > 3)
    return 0;
  rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", dir, NULL);
  g_subprocess_wait (rm, NULL, NULL);

  return 0;
}
