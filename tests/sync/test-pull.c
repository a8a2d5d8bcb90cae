/* test-pull.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pulling the changes feed of a real baladi-server into a real cache file:
 * a full sync in pages, an incremental sync with nothing new, a change
 * made on the server arriving, search over what arrived, and bad answers
 * refused whole. */

#include "config.h"

#include "baladi-store-sync.h"
#include "baladi-sync-client.h"
#include "baladi-sync-json.h"
#include "baladi-test-server.h"
#include "baladi-test-store.h"

static char *root;

#define new_store(name) baladi_test_store_open (root, (name))

/* Numbers from the cache, by SQL written here. */
#define count(store, sql) baladi_test_store_count ((store), (sql), NULL)

static BaladiSyncClient *
logged_in (BaladiTestServer *server,
           const char       *user)
{
  BaladiSyncClient *client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;

  g_assert_true (baladi_sync_client_login (client, user, "Baladi#2026", NULL, &error));
  g_assert_no_error (error);
  return client;
}

static void
test_full_then_incremental (void)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "1200", "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncClient) client = logged_in (server, "director");
  g_autoptr(BaladiSyncClient) wrong = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(BaladiStore) store = new_store ("full.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *note_path = NULL;
  g_autofree char *if_match = NULL;
  g_autofree char *id = NULL;
  BaladiPullStats stats;
  sqlite3_stmt *stmt;

  g_assert_false (baladi_sync_client_login (wrong, "director", "wrong", NULL, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  /* Full sync: 1200 requests and 108 services in pages of 500. */
  baladi_sync_client_pull (client, store, &stats, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (stats.full);
  g_assert_cmpuint (stats.n_requests, ==, 1200);
  g_assert_cmpuint (stats.n_services, ==, 108);
  g_assert_cmpuint (stats.n_pages, ==, 3);
  g_assert_cmpuint (stats.n_bytes, >, 1000000);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 1200);
  g_assert_cmpint (count (store, "SELECT count(*) FROM services"), ==, 108);
  /* The reference lists come with a full sync, names in both languages. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM lookups WHERE kind = 'municipalities'"), ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM lookups WHERE kind = 'categories'"), ==, 16);
  g_assert_cmpint (count (store, "SELECT count(*) FROM lookups WHERE kind = 'staff' "
                                 "AND json_extract (document, '$.name.ar') IS NOT NULL"), ==, 8);
  /* Every category of the catalogue has its name, in its sector. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM lookups WHERE kind = 'service_categories'"), ==, 35);
  g_assert_cmpint (count (store, "SELECT count(DISTINCT s.category) FROM services s JOIN lookups l "
                                 "ON l.kind = 'service_categories' AND l.code = s.category "
                                 "AND json_extract (l.document, '$.sector') = s.sector "
                                 "AND json_extract (l.document, '$.name.en') <> '' "
                                 "AND json_extract (l.document, '$.name.ar') <> ''"), ==, 35);
  g_assert_cmpint (count (store, "SELECT count(*) FROM events"), >, 1200 * 3);
  /* What arrived can be searched, however it is spelt. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests_search WHERE requests_search MATCH '\"الانارة\"'"), >, 0);

  /* Nothing new: one round trip, nothing written. */
  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_false (stats.full);
  g_assert_cmpuint (stats.n_pages, ==, 1);
  g_assert_cmpuint (stats.n_requests + stats.n_services, ==, 0);

  /* A clerk adds a note on the server; the next pull brings it. */
  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
                                       "SELECT id, version FROM requests WHERE municipality = 'capital' "
                                       "AND merged_into IS NULL LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if_match = g_strdup_printf ("\"v%s\"", sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  note_path = g_strdup_printf ("/api/v1/requests/%s/notes", id);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", note_path, clerk, if_match, "pull-note",
                                             "{\"body\": \"ملاحظة من الخادم\"}", -1, NULL, NULL), ==, 200);

  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_requests, ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE body = 'ملاحظة من الخادم'"), ==, 1);
}

static void
test_bad_answers_change_nothing (void)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "50", "--faults", "truncate-rate=1", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(BaladiStore) store = new_store ("bad.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  BaladiPullStats stats;

  /* Even the login's answer is cut in half. */
  g_assert_false (baladi_sync_client_login (client, "director", "Baladi#2026", NULL, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
  g_clear_error (&error);

  g_assert_false (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 0);
  cursor = baladi_store_get_meta (store, "cursor");
  g_assert_null (cursor);
}

static void
test_expired_cursor_resyncs (void)
{
  char *message = NULL;
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "50", "--faults", "stale-cursor-rate=1", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncClient) client = logged_in (server, "director");
  g_autoptr(BaladiStore) store = new_store ("stale.db");
  g_autoptr(GError) error = NULL;
  BaladiPullStats stats;

  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_true (stats.full);

  /* Two requests the server no longer sends; one has an edit waiting. */
  sqlite3_exec (baladi_store_get_db (store),
                "INSERT INTO requests (id, type, category, sector, municipality, channel, status, priority, language, "
                "subject, description, citizen_name, created_at, updated_at, due_at) SELECT 'gone-' || n, type, category, "
                "sector, municipality, channel, status, priority, language, subject, description, citizen_name, "
                "created_at, updated_at, due_at FROM (SELECT * FROM requests LIMIT 1), (SELECT 1 AS n UNION SELECT 2);"
                "INSERT INTO outbox (request_id, action, payload, idempotency_key, created_at) "
                "VALUES ('gone-2', 'notes', '{}', 'k', 0);", NULL, NULL, &message);
  g_assert_null (message);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 52);

  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  /* 410, then a full sync that lands on the server's state, keeping what
   * still has to reach it. */
  g_assert_true (stats.full);
  g_assert_cmpuint (stats.n_requests, ==, 50);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 51);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE id = 'gone-2'"), ==, 1);
}

static void
test_hostile_json (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autoptr(GBytes) deep_bytes = g_bytes_new (deep, strlen (deep));
  g_autoptr(GBytes) invalid = g_bytes_new ("{\"a\": \"\xff\"}", 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(BaladiRequest) request = NULL;

  g_assert_null (baladi_sync_parse (deep_bytes, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_null (baladi_sync_parse (invalid, &error));
  g_clear_error (&error);

  /* Wrong types are named, not trusted. */
  g_assert_true (json_parser_load_from_data (parser, "{\"id\": 123456789012345678901234567890}", -1, NULL));
  request = baladi_request_from_json (json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_null (request);
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "“id”"));
}

static void
test_times (void)
{
  static const char *odd[] = {
    "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T10:60:00Z",
    "2026-01-01T10:00:00", "2026-01-01 10:00:00Z", "2026-1-01T10:00:00Z", "", "0000-01-01T00:00:00Z",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  gint64 parsed;

  /* The fast reading of the server's times agrees with GDateTime's. */
  for (guint i = 0; i < 20000; i++)
    {
      gint64 when = (gint64) g_rand_double_range (rand, -62135596800.0, 253402300799.0);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (when);
      g_autofree char *text = g_date_time_format_iso8601 (time);

      g_assert_true (baladi_sync_parse_time (text, &parsed));
      g_assert_cmpint (parsed, ==, when);
    }
  g_assert_true (baladi_sync_parse_time ("2024-02-29T23:59:59Z", &parsed));
  g_assert_cmpint (parsed, ==, 1709251199);
  g_assert_true (baladi_sync_parse_time ("2026-01-01T10:00:00+03:00", &parsed));
  g_assert_cmpint (parsed, ==, 1767250800);
  /* Whatever the fast path refuses, GDateTime decides, as before. */
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (odd[i], NULL);

      g_assert_cmpint (baladi_sync_parse_time (odd[i], &parsed), ==, time != NULL);
      if (time != NULL)
        g_assert_cmpint (parsed, ==, g_date_time_to_unix (time));
    }
  g_assert_false (baladi_sync_parse_time ("2026-02-29T10:00:00Z", &parsed));
  g_assert_false (baladi_sync_parse_time ("2026-01-01T24:00:00Z", &parsed));
  g_assert_false (baladi_sync_parse_time (NULL, &parsed));
}

/* A full sync commits every few pages. One cut short between two commits
 * leaves the cache as the last commit left it, with no transaction open,
 * and the next pull goes on. 2100 requests are five pages: before they
 * are all in, nothing is. */
static void
test_failing_full_sync_rolls_back (void)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "2100",
                         "--faults", "truncate-rate=0.3,seed=7", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(BaladiStore) store = new_store ("cut.db");
  g_autofree char *cursor = NULL;
  guint n_failed = 0;
  gboolean done = FALSE;
  BaladiPullStats stats;

  for (guint attempt = 0; attempt < 100 && !baladi_sync_client_login (client, "director", "Baladi#2026", NULL, NULL); attempt++)
    ;
  for (guint attempt = 0; attempt < 100 && !done; attempt++)
    {
      g_autoptr(GError) error = NULL;
      gint64 n;

      done = baladi_sync_client_pull (client, store, &stats, NULL, &error);
      n = count (store, "SELECT count(*) FROM requests");
      g_assert_true (sqlite3_get_autocommit (baladi_store_get_db (store)));
      if (!done)
        {
          g_assert_nonnull (error);
          g_assert_cmpint (n, ==, 0);
          n_failed++;
        }
    }
  g_test_message ("%u pulls cut short before one went through", n_failed);
  g_assert_true (done);
  g_assert_cmpuint (n_failed, >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 2100);
  cursor = baladi_store_get_meta (store, "cursor");
  g_assert_nonnull (cursor);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("baladi-pull-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/pull/full-then-incremental", test_full_then_incremental);
  g_test_add_func ("/pull/bad-answers-change-nothing", test_bad_answers_change_nothing);
  g_test_add_func ("/pull/expired-cursor-resyncs", test_expired_cursor_resyncs);
  g_test_add_func ("/pull/hostile-json", test_hostile_json);
  g_test_add_func ("/pull/times", test_times);
  g_test_add_func ("/pull/failing-full-sync-rolls-back", test_failing_full_sync_rolls_back);

  ret = g_test_run ();

  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
