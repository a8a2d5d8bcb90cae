/* bench-initial-sync.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The initial (full) sync measured against its floor, in one run:
 *
 *  - sync: a real baladi-server on loopback with N generated requests
 *    (first argument, default 100000), a fresh cache, BaladiSyncClient's
 *    login and pull, with the time split the pull reports (waiting for
 *    the server and reading its answer, checking and parsing it, storing
 *    it);
 *  - floor A: bench_fill_cache(), N generated requests inserted into a
 *    fresh cache's requests table and search index by two prepared
 *    statements in one transaction (no history);
 *  - floor B: the very rows the sync stored (requests, their history and
 *    their search entries) copied into a fresh cache by the same kind of
 *    minimal prepared-statement loop, so the floor has exactly the sync's
 *    data;
 *  - incremental syncs with nothing new (third argument: how many,
 *    default 20): one round trip each, median and minimum.
 *
 * Generating a million requests in the server takes minutes: a second
 * argument names a server database to keep and reuse across runs (the
 * server only generates requests into an empty one). Prints figures;
 * asserts nothing about speed. */

#include "config.h"

#include <glib/gstdio.h>

#include "baladi-fts.h"
#include "baladi-store-sync.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"
#include "bench-fill.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : 0;
}

/* Copies @n_columns columns of every row of @select (on @from) into @insert
 * (on @to), value for value. */
static guint64
copy_rows (sqlite3    *from,
           const char *select,
           sqlite3    *to,
           const char *insert,
           int         n_columns)
{
  sqlite3_stmt *source = NULL;
  sqlite3_stmt *target = NULL;
  guint64 n = 0;

  if (sqlite3_prepare_v2 (from, select, -1, &source, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (to, insert, -1, &target, NULL) != SQLITE_OK)
    g_error ("Cannot copy the rows: %s / %s", sqlite3_errmsg (from), sqlite3_errmsg (to));

  while (sqlite3_step (source) == SQLITE_ROW)
    {
      sqlite3_reset (target);
      for (int i = 0; i < n_columns; i++)
        sqlite3_bind_value (target, i + 1, sqlite3_column_value (source, i));
      if (sqlite3_step (target) != SQLITE_DONE)
        g_error ("Cannot copy the rows: %s", sqlite3_errmsg (to));
      n++;
    }

  sqlite3_finalize (source);
  sqlite3_finalize (target);
  return n;
}

/* Floor B: the synced cache's requests, events and search entries,
 * inserted into @store row by row in one transaction. The rows are read
 * first into memory (as the sync has them from the network), so that the
 * time counts the inserts only. */
static double
copy_floor (const char  *synced_path,
            BaladiStore *store)
{
  static const char *columns =
    "id, reference, type, category, sector, municipality, channel, status, priority, language, service_code, "
    "subject, description, citizen_name, citizen_phone, citizen_email, citizen_cpr, address_building, "
    "address_road, address_block, address_area, latitude, longitude, attachments, assignee, merged_into, "
    "created_at, updated_at, first_reply_at, due_at, closed_at, version";
  sqlite3 *db = baladi_store_get_db (store);
  sqlite3 *memory = NULL;
  char *attach = NULL;
  g_autofree char *copy_requests = g_strdup_printf ("CREATE TABLE requests AS SELECT rowid AS rid, %s FROM synced.requests", columns);
  g_autofree char *select_requests = g_strdup_printf ("SELECT rid, %s FROM requests ORDER BY rid", columns);
  g_autofree char *insert_requests = g_strdup_printf ("INSERT INTO requests (rowid, %s) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                                                      "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
                                                      "?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33)", columns);
  char *message = NULL;
  double start;

  /* Everything the sync stored, in an in-memory database. */
  attach = sqlite3_mprintf ("ATTACH %Q AS synced", synced_path);
  if (sqlite3_open (":memory:", &memory) != SQLITE_OK || !baladi_fts_register (memory, NULL) ||
      sqlite3_exec (memory, attach, NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (memory, copy_requests, NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (memory, "CREATE TABLE events AS SELECT id, request_id, kind, author, created_at, body, public, "
                            "old_value, new_value, reason FROM synced.events ORDER BY request_id, created_at;"
                            "CREATE TABLE search AS SELECT rowid AS rid, reference, citizen, description, replies "
                            "FROM synced.requests_search ORDER BY rowid;"
                            "DETACH synced;", NULL, NULL, &message) != SQLITE_OK)
    g_error ("Cannot read the synced cache: %s", message);
  sqlite3_free (attach);

  start = bench_now ();
  sqlite3_exec (db, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, &message) != SQLITE_OK)
    g_error ("Cannot fill the cache: %s", message);
  copy_rows (memory, select_requests, db, insert_requests, 33);
  copy_rows (memory, "SELECT * FROM events", db,
             "INSERT INTO events (id, request_id, kind, author, created_at, body, public, old_value, new_value, reason) "
             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", 10);
  copy_rows (memory, "SELECT * FROM search", db,
             "INSERT INTO requests_search (rowid, reference, citizen, description, replies) VALUES (?1, ?2, ?3, ?4, ?5)", 5);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, &message) != SQLITE_OK)
    g_error ("Cannot fill the cache: %s", message);

  sqlite3_close (memory);
  return bench_now () - start;
}

int
main (int   argc,
      char *argv[])
{
  guint n_requests = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 100000;
  const char *server_db = argc > 2 && *argv[2] != '\0' ? argv[2] : NULL;
  guint n_incremental = argc > 3 ? (guint) g_ascii_strtoull (argv[3], NULL, 10) : 20;
  g_autofree char *n_text = g_strdup_printf ("%u", n_requests);
  const char *args[] = { "--rate-limit", "0", "--seed-requests", n_text,
                         server_db != NULL ? "--db" : NULL, server_db, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("baladi-bench-sync-XXXXXX", &error);
  g_autofree char *sync_path = g_build_filename (dir, "sync.db", NULL);
  g_autofree char *fill_path = g_build_filename (dir, "fill.db", NULL);
  g_autofree char *copy_path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *wal_path = g_strconcat (sync_path, "-wal", NULL);
  g_autoptr(BaladiTestServer) server = NULL;
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiStore) fill = NULL;
  g_autoptr(BaladiStore) copy = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSubprocess) rm = NULL;
  BaladiPullStats stats;
  gint64 n_events;
  double start, login_s, sync_s, fill_s, copy_s, sync_rate, fill_rate, copy_rate;

  g_assert_no_error (error);
  g_setenv ("BALADI_SERVER", BENCH_SERVER, FALSE);
  g_setenv ("BALADI_TEST_DEMO_DATA", BENCH_DEMO_DATA, FALSE);

  g_print ("Starting baladi-server with %u requests%s%s...\n", n_requests,
           server_db != NULL ? " in " : "", server_db != NULL ? server_db : "");
  start = bench_now ();
  server = baladi_test_server_start_with (args);
  g_print ("%-46s %9.2f s\n", "server start (generating if needed)", bench_now () - start);

  /* The sync, as the desk's first one: login, then a full pull. */
  client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  store = baladi_store_open (sync_path, &error);
  g_assert_no_error (error);
  start = bench_now ();
  if (!baladi_sync_client_login (client, "director", "Baladi#2026", NULL, &error))
    g_error ("Login failed: %s", error->message);
  login_s = bench_now () - start;
  start = bench_now ();
  if (!baladi_sync_client_pull (client, store, &stats, NULL, &error))
    g_error ("The pull failed: %s", error->message);
  sync_s = bench_now () - start;
  n_events = count (baladi_store_get_db (store), "SELECT count(*) FROM events");
  if (!stats.full || count (baladi_store_get_db (store), "SELECT count(*) FROM requests") != stats.n_requests ||
      count (baladi_store_get_db (store), "SELECT count(*) FROM requests_search") != stats.n_requests)
    g_error ("The sync did not store what it pulled");
  if (stats.n_requests != n_requests)
    g_print ("(the server database holds %u requests, not %u)\n", stats.n_requests, n_requests);

  /* Nothing new: one round trip each. */
  for (guint i = 0; i < n_incremental; i++)
    {
      BaladiPullStats again;
      double ms;

      start = bench_now ();
      if (!baladi_sync_client_pull (client, store, &again, NULL, &error))
        g_error ("The pull failed: %s", error->message);
      ms = (bench_now () - start) * 1000;
      if (again.full || again.n_pages != 1 || again.n_requests + again.n_services + again.n_removed != 0)
        g_error ("An incremental sync with nothing new brought something");
      g_array_append_val (times, ms);
    }
  g_clear_pointer (&server, baladi_test_server_stop);

  /* The floors, with the server stopped. */
  fill = baladi_store_open (fill_path, &error);
  g_assert_no_error (error);
  fill_s = bench_fill_cache (fill, stats.n_requests, 20260101, g_get_real_time () / G_USEC_PER_SEC);
  copy = baladi_store_open (copy_path, &error);
  g_assert_no_error (error);
  copy_s = copy_floor (sync_path, copy);
  if (count (baladi_store_get_db (copy), "SELECT count(*) FROM events") != n_events)
    g_error ("The copy is not the synced data");

  sync_rate = stats.n_requests / sync_s;
  fill_rate = stats.n_requests / fill_s;
  copy_rate = stats.n_requests / copy_s;
  g_print ("%-46s %9.2f s\n", "login", login_s);
  g_print ("%-46s %9.2f s %9.0f rows/s  (%u requests, %u services, %" G_GINT64_FORMAT " events, "
           "%u pages, %.1f MB, %.1f MB/s)\n",
           "full sync (pull)", sync_s, sync_rate, stats.n_requests, stats.n_services, n_events,
           stats.n_pages, stats.n_bytes / 1e6, stats.n_bytes / 1e6 / sync_s);
  g_print ("%-46s %9.2f s  waiting for the server and reading its answers\n", "  of which", stats.wait_usec / 1e6);
  g_print ("%-46s %9.2f s  checking and parsing the JSON\n", "", stats.parse_usec / 1e6);
  g_print ("%-46s %9.2f s  storing (SQLite, search index)\n", "", stats.store_usec / 1e6);
  g_print ("%-46s %9.2f s %9.0f rows/s  sync is %.2fx slower\n", "floor A: bench_fill_cache (requests + search)",
           fill_s, fill_rate, fill_rate / sync_rate);
  g_print ("%-46s %9.2f s %9.0f rows/s  sync is %.2fx slower\n", "floor B: the synced rows copied (+ history)",
           copy_s, copy_rate, copy_rate / sync_rate);
  g_print ("%-46s %9.1f MB (WAL %.1f MB)\n", "cache file after the sync", file_size (sync_path) / 1e6, file_size (wal_path) / 1e6);
  if (times->len > 0)
    {
      g_array_sort (times, compare_doubles);
      g_print ("%-46s %9.2f ms median, %.2f ms best of %u\n", "incremental sync, nothing new (1 round trip)",
               g_array_index (times, double, times->len / 2), g_array_index (times, double, 0), times->len);
    }

  g_clear_object (&store);
  g_clear_object (&fill);
  g_clear_object (&copy);
  rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", dir, NULL);
  g_subprocess_wait (rm, NULL, NULL);

  return 0;
}
