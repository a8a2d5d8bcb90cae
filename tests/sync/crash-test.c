/* crash-test.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Kills the syncing process with SIGKILL at random moments, and checks
 * that nothing the store acknowledged is lost or applied twice.
 *
 * The parent starts a real baladi-server and files a few requests. Each
 * round it starts a child (this program again, with --child) that opens
 * the same cache file and loops: a few edits through the store (notes,
 * replies, status changes), a push, a pull. As soon as an edit's
 * transaction has committed, the child appends its Idempotency-Key and
 * marker to a side file (write + fsync). The parent kills the child with
 * SIGKILL after a random delay (seeded; the seed is printed) and checks
 * the cache: PRAGMA integrity_check, the FTS index's integrity-check,
 * nothing needing attention or in conflict.
 *
 * After the last round, one sync runs to the end in the parent. Then
 * every acknowledged edit must be on the server exactly once, no edit may
 * be there twice, and the cache must be the server's.
 *
 *   crash-test [--rounds N] [--seed S] [--max-delay MS]
 *
 * The test suite runs a handful of rounds; as a benchmark, run it with
 * --rounds 200 and read the figures it prints. */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"

#define N_REQUESTS 12
#define PASSWORD "Baladi#2026"
#define USER "clerk.capital"

static gboolean failed;

#define check(condition, ...) G_STMT_START { \
    if (!(condition)) \
      { \
        g_printerr ("FAILED: " __VA_ARGS__); \
        g_printerr ("\n"); \
        failed = TRUE; \
      } \
  } G_STMT_END

/* ---- The child: edits and syncs until it is killed ---------------------- */

static GPtrArray *
cached_ids (BaladiStore *store)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT id FROM requests ORDER BY id", -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);
    }
  return ids;
}

static char *
cached_status (BaladiStore *store,
               const char  *id)
{
  sqlite3_stmt *stmt;
  char *status = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT status FROM requests WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return status;
}

/* The key of the outbox entry the last committed edit appended. */
static char *
last_key (BaladiStore *store)
{
  sqlite3 *db = baladi_store_get_db (store);
  sqlite3_stmt *stmt;
  char *key = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT idempotency_key FROM outbox WHERE id = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, sqlite3_last_insert_rowid (db));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
    }
  return key;
}

/* One edit of a random request. Returns its marker (the note's or reply's
 * body, or the status change's reason), or %NULL if nothing was done. */
static char *
make_edit (BaladiStore *store,
           GPtrArray   *ids,
           GRand       *rand,
           const char  *round,
           guint        n)
{
  const char *id = g_ptr_array_index (ids, g_rand_int_range (rand, 0, ids->len));
  g_autofree char *marker = g_strdup_printf ("crash %s-%u", round, n);
  g_autoptr(GError) error = NULL;
  int dice = g_rand_int_range (rand, 0, 10);
  gboolean ok;

  if (dice < 6)
    ok = baladi_store_add_event (store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, marker, USER, &error);
  else if (dice < 8)
    ok = baladi_store_add_event (store, id, BALADI_EVENT_KIND_REPLY, marker, USER, &error);
  else
    {
      /* Back and forth between assigned and in progress, each move with
       * its marker as the reason. (Not through a waiting status: the
       * server refuses, with 500, a second pause of a request in the
       * same second.) */
      g_autofree char *status = cached_status (store, id);
      BaladiRequestStatus to = g_strcmp0 (status, "in_progress") == 0
                               ? BALADI_REQUEST_STATUS_ASSIGNED : BALADI_REQUEST_STATUS_IN_PROGRESS;

      ok = baladi_store_set_status (store, id, to, marker, USER, &error);
    }

  if (!ok)
    {
      g_printerr ("child: edit refused: %s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&marker);
}

static int
run_child (const char *cache,
           const char *ack_path,
           const char *uri,
           const char *seed_text,
           const char *round)
{
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (uri);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (seed_text, NULL, 10));
  int ack = open (ack_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  guint n = 0;

  if (ack < 0 || (store = baladi_store_open (cache, &error)) == NULL)
    {
      g_printerr ("child: cannot open the cache or the side file: %s\n", error != NULL ? error->message : g_strerror (errno));
      return 2;
    }
  while (!baladi_sync_client_login (client, USER, PASSWORD, NULL, &error))
    {
      g_printerr ("child: login: %s\n", error->message);
      g_clear_error (&error);
      g_usleep (G_USEC_PER_SEC / 10);
    }

  for (;;)
    {
      BaladiPushStats pushed;
      BaladiPullStats pulled;
      guint n_edits = g_rand_int_range (rand, 1, 4);

      if (ids == NULL || ids->len == 0)
        {
          g_clear_pointer (&ids, g_ptr_array_unref);
          ids = cached_ids (store);
        }

      for (guint i = 0; ids->len > 0 && i < n_edits; i++)
        {
          g_autofree char *marker = make_edit (store, ids, rand, round, n++);
          g_autofree char *key = NULL;
          g_autofree char *line = NULL;

          if (marker == NULL)
            continue;
          /* The store acknowledged it: say so before anything else. */
          key = last_key (store);
          line = g_strdup_printf ("%s\t%s\n", key, marker);
          if (write (ack, line, strlen (line)) != (gssize) strlen (line) || fsync (ack) != 0)
            return 3;
        }

      if (!baladi_sync_client_push (client, store, &pushed, NULL, &error))
        {
          g_printerr ("child: push: %s\n", error->message);
          g_clear_error (&error);
        }
      if (!baladi_sync_client_pull (client, store, &pulled, NULL, &error))
        {
          g_printerr ("child: pull: %s\n", error->message);
          g_clear_error (&error);
        }
      g_usleep (g_rand_int_range (rand, 0, 5000));
    }
}

/* ---- The parent: rounds of kills, then the checks ----------------------- */

static char *
file_request (BaladiTestServer *server,
              const char       *token,
              guint             i)
{
  char *id = g_uuid_string_random ();
  g_autofree char *key = g_strdup_printf ("crash-file-%u", i);
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"street-lighting\", "
                                           "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                                           "\"subject\": \"إنارة %u\", \"description\": \"عمود الإنارة معطل\", "
                                           "\"citizen\": {\"name\": \"سلمان\"}}", id, i);
  guint status = baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, key, body, -1, NULL, NULL);

  g_assert_cmpuint (status, ==, 201);
  return id;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return g_strdup (sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* What a crash may leave, and what it must not. */
static void
check_cache (const char *cache,
             guint       round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = baladi_store_open (cache, &error);
  g_autofree char *integrity = NULL;
  g_autofree char *fts = NULL;
  g_autofree char *stuck = NULL;
  sqlite3 *db;

  check (store != NULL, "round %u: the cache does not open: %s", round, error->message);
  if (store == NULL)
    return;
  db = baladi_store_get_db (store);
  integrity = query_text (db, "PRAGMA integrity_check");
  check (g_strcmp0 (integrity, "ok") == 0, "round %u: integrity_check: %s", round, integrity);
  check (sqlite3_exec (db, "INSERT INTO requests_search (requests_search) VALUES ('integrity-check')",
                       NULL, NULL, NULL) == SQLITE_OK,
         "round %u: the search index is damaged: %s", round, sqlite3_errmsg (db));
  stuck = query_text (db, "SELECT count(*) FROM outbox WHERE state IN ('attention', 'conflict')");
  check (g_strcmp0 (stuck, "0") == 0, "round %u: %s outbox entries need attention or are in conflict", round, stuck);
}

static void
drain (const char *cache,
       const char *uri,
       guint      *n_sent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = baladi_store_open (cache, &error);
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (uri);
  g_autofree char *left = NULL;
  BaladiPushStats pushed;
  BaladiPullStats pulled;

  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_login (client, USER, PASSWORD, NULL, &error));
  /* Edits a killed push left waiting for their backoff go now. */
  g_assert_cmpint (sqlite3_exec (baladi_store_get_db (store), "UPDATE outbox SET next_attempt_at = 0", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  check (baladi_sync_client_push (client, store, &pushed, NULL, &error), "final push: %s", error->message);
  g_clear_error (&error);
  *n_sent = pushed.n_sent;
  check (baladi_sync_client_pull (client, store, &pulled, NULL, &error), "final pull: %s", error->message);
  left = query_text (baladi_store_get_db (store), "SELECT count(*) FROM outbox");
  check (g_strcmp0 (left, "0") == 0, "%s edits are left in the outbox", left);
}

/* Markers of the edits on the server, with how many times each is there,
 * and checks that the cache holds each request as the server does. */
static GHashTable *
server_markers (BaladiTestServer  *server,
                const char        *token,
                char             **ids,
                const char        *cache)
{
  GHashTable *markers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = baladi_store_open (cache, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < N_REQUESTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", ids[i]);
      g_autofree char *sql = NULL;
      g_autofree char *cached = NULL;
      g_autoptr(JsonNode) json = NULL;
      JsonObject *request;
      JsonArray *events;

      g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
      request = json_node_get_object (json);
      events = json_object_get_array_member (request, "events");
      for (guint j = 0; j < json_array_get_length (events); j++)
        {
          JsonObject *event = json_array_get_object_element (events, j);
          const char *body = json_object_get_string_member_with_default (event, "body", NULL);
          const char *reason = json_object_get_string_member_with_default (event, "reason", NULL);
          const char *marker = body != NULL ? body : reason;

          if (marker != NULL && g_str_has_prefix (marker, "crash "))
            g_hash_table_insert (markers, g_strdup (marker),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (markers, marker)) + 1));
        }

      /* The cache converged on the server's request. */
      sql = sqlite3_mprintf ("SELECT version || ' ' || status || ' ' || (SELECT count(*) FROM events e "
                             "WHERE e.request_id = r.id) FROM requests r WHERE id = %Q", ids[i]);
      cached = query_text (baladi_store_get_db (store), sql);
      sqlite3_free (g_steal_pointer (&sql));
      {
        g_autofree char *expected = g_strdup_printf ("%s %s %u", json_object_get_string_member (request, "version"),
                                                     json_object_get_string_member (request, "status"),
                                                     json_array_get_length (events));

        check (g_strcmp0 (cached, expected) == 0, "request %u: cache has “%s”, server “%s”", i, cached, expected);
      }
    }

  return markers;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— kill a syncing client at random moments");
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiTestServer) server = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GHashTable) acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) markers = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *ack_path = NULL;
  g_autofree char *token = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *uri = NULL;
  char *ids[N_REQUESTS];
  gboolean child = FALSE;
  int rounds = 8;
  gint64 seed = -1;
  int max_delay = 400;
  guint n_sent = 0, n_unacked = 0, n_duplicates = 0, n_missing = 0, n_on_server = 0;
  double killed_after = 0;
  GHashTableIter iter;
  gpointer key, value;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "How many times to kill the client (default 8)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "The random seed (default: from the clock)", "S" },
    { "max-delay", 0, 0, G_OPTION_ARG_INT, &max_delay, "Longest life of a client before the kill (default 400)", "MS" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &child, NULL, NULL },
    { NULL },
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (child)
    {
      if (argc != 6)
        return 2;
      return run_child (argv[1], argv[2], argv[3], argv[4], argv[5]);
    }
  if (rounds < 1 || max_delay < 1)
    return 2;

  /* Run by hand, the program finds the server of its build. */
  g_setenv ("BALADI_SERVER", BALADI_SERVER_PATH, FALSE);
  g_setenv ("BALADI_TEST_DEMO_DATA", BALADI_FIXTURES_PATH, FALSE);

  if (seed < 0)
    seed = g_get_real_time () % G_MAXUINT32;
  rand = g_rand_new_with_seed ((guint32) seed);
  g_print ("seed %" G_GINT64_FORMAT ", %d rounds, kills within %d ms\n", seed, rounds, max_delay);

  dir = g_dir_make_tmp ("baladi-crash-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (dir, "cache.db", NULL);
  ack_path = g_build_filename (dir, "acknowledged.txt", NULL);

  server = baladi_test_server_start ();
  uri = g_strdup (baladi_test_server_get_uri (server));
  token = baladi_test_server_login (server, USER);
  for (guint i = 0; i < N_REQUESTS; i++)
    ids[i] = file_request (server, token, i);

  for (int round = 0; round < rounds && !failed; round++)
    {
      g_autofree char *child_seed = g_strdup_printf ("%u", g_rand_int (rand));
      g_autofree char *round_text = g_strdup_printf ("%d", round);
      g_autoptr(GSubprocess) process = NULL;
      int delay = g_rand_int_range (rand, 1, max_delay + 1);

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_path, "--child",
                                  cache, ack_path, uri, child_seed, round_text, NULL);
      g_assert_no_error (error);
      g_usleep ((gulong) delay * 1000);
      killed_after += delay;
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, NULL);
      check (g_subprocess_get_if_signaled (process) && g_subprocess_get_term_sig (process) == SIGKILL,
             "round %d: the child ended by itself before the kill", round);

      check_cache (cache, round);
    }

  drain (cache, uri, &n_sent);

  /* What the store acknowledged, in the child's words. A line cut by the
   * kill (no newline) was never acknowledged. */
  if (g_file_get_contents (ack_path, &contents, NULL, NULL))
    {
      lines = g_strsplit (contents, "\n", -1);
      for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
        {
          g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 2);

          if (g_strv_length (fields) == 2)
            g_hash_table_insert (acked, g_strdup (fields[1]), g_strdup (fields[0]));
        }
    }

  markers = server_markers (server, token, ids, cache);
  g_hash_table_iter_init (&iter, acked);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (markers, key));

      if (n == 0)
        n_missing++;
      check (n == 1, "the edit “%s” (key %s) is on the server %u times", (char *) key, (char *) value, n);
    }
  g_hash_table_iter_init (&iter, markers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      n_on_server++;
      if (GPOINTER_TO_UINT (value) > 1)
        n_duplicates++;
      if (!g_hash_table_contains (acked, key))
        n_unacked++;
    }
  check (n_duplicates == 0, "%u edits are on the server more than once", n_duplicates);
  /* An edit committed just before a kill, before the child could say so,
   * reaches the server too: at most one a round. */
  check (n_unacked <= (guint) rounds, "%u edits on the server were never made", n_unacked);

  g_print ("rounds                 %d\n", rounds);
  g_print ("mean life of a child   %.0f ms\n", killed_after / rounds);
  g_print ("edits acknowledged     %u\n", g_hash_table_size (acked));
  g_print ("edits on the server    %u (%u committed but killed before the acknowledgement)\n", n_on_server, n_unacked);
  g_print ("acknowledged, missing  %u\n", n_missing);
  g_print ("duplicates             %u\n", n_duplicates);
  g_print ("left for the last push %u\n", n_sent);
  g_print ("integrity_check        %s\n", failed ? "see above" : "ok after every kill");
  g_print ("time                   %.1f s\n", g_timer_elapsed (timer, NULL));
  g_print ("%s\n", failed ? "FAILED" : "PASSED");
  if (failed)
    {
      g_autofree char *log = baladi_test_server_get_log (server);
      g_auto(GStrv) log_lines = g_strsplit (log, "\n", -1);

      g_printerr ("What the server did not answer with 200 or 201:\n");
      for (guint i = 0; log_lines[i] != NULL; i++)
        if (strstr (log_lines[i], " 200 ") == NULL && strstr (log_lines[i], " 201 ") == NULL)
          g_printerr ("%s\n", log_lines[i]);
    }

  for (guint i = 0; i < N_REQUESTS; i++)
    g_free (ids[i]);
  g_assert_true (g_str_has_prefix (dir, g_get_tmp_dir ()));
  {
    g_autoptr(GSubprocess) rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", dir, NULL);

    g_subprocess_wait (rm, NULL, NULL);
  }

  return failed ? 1 : 0;
}
