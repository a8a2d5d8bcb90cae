/* bench-engine.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the sync engine costs over the bare client: a real baladi-server
 * on loopback with N generated requests (first argument, default 20000),
 * a full sync through BaladiSyncEngine (worker thread, its own cache
 * connection, a step posted to the main loop per page) and through
 * baladi_sync_client_pull() called directly, then incremental syncs with
 * nothing new (second argument: how many, default 20), median of each.
 * The keyring is libsecret's file backend in a temporary directory. Prints
 * figures; asserts nothing about speed. */

#include "config.h"

#include <glib/gstdio.h>

#include "baladi-sync-client.h"
#include "baladi-sync-engine.h"
#include "baladi-test-server.h"

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static void
count_pages_cb (BaladiSyncEngine *engine,
                GStrv             ids,
                guint            *n)
{
  (*n)++;
}

int
main (int   argc,
      char *argv[])
{
  guint n_requests = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 20000;
  guint n_incremental = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 20;
  g_autofree char *n_text = g_strdup_printf ("%u", n_requests);
  const char *args[] = { "--rate-limit", "0", "--seed-requests", n_text, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("baladi-bench-engine-XXXXXX", &error);
  g_autofree char *keyring = g_build_filename (dir, "bench.keyring", NULL);
  g_autofree char *engine_cache = g_build_filename (dir, "engine.db", NULL);
  g_autofree char *client_cache = g_build_filename (dir, "client.db", NULL);
  g_autoptr(BaladiTestServer) server = NULL;
  g_autoptr(BaladiSyncEngine) engine = NULL;
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GArray) engine_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) client_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GSubprocess) rm = NULL;
  BaladiPullStats stats;
  guint64 rows;
  guint pages, steps = 0;
  gint64 start;
  double engine_s, client_s;

  g_assert_no_error (error);
  g_setenv ("BALADI_SERVER", BENCH_SERVER, FALSE);
  g_setenv ("BALADI_TEST_DEMO_DATA", BENCH_DEMO_DATA, FALSE);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "bench", TRUE);

  g_print ("Starting baladi-server with %u requests…\n", n_requests);
  server = baladi_test_server_start_with (args);

  /* The engine: log in, which starts the first (full) sync. */
  engine = g_object_new (BALADI_TYPE_SYNC_ENGINE, "server-uri", baladi_test_server_get_uri (server),
                         "store-path", engine_cache, "interval", 0, "debounce", 0, NULL);
  g_signal_connect (engine, "requests-changed", G_CALLBACK (count_pages_cb), &steps);
  start = g_get_monotonic_time ();
  baladi_sync_engine_log_in_async (engine, "director", "Baladi#2026", NULL, result_cb, &result);
  if (!baladi_sync_engine_log_in_finish (engine, wait_result (&result), &error))
    g_error ("Login failed: %s", error->message);
  while (baladi_sync_engine_get_state (engine) != BALADI_SYNC_STATE_SYNCED)
    {
      if (baladi_sync_engine_get_state (engine) != BALADI_SYNC_STATE_SYNCING)
        g_error ("The sync failed");
      g_main_context_iteration (NULL, TRUE);
    }
  engine_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  baladi_sync_engine_get_progress (engine, &rows, &pages, NULL);

  /* The bare client, in this thread, into another cache. */
  client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  store = baladi_store_open (client_cache, &error);
  start = g_get_monotonic_time ();
  if (store == NULL || !baladi_sync_client_login (client, "director", "Baladi#2026", NULL, &error) ||
      !baladi_sync_client_pull (client, store, &stats, NULL, &error))
    g_error ("The client's pull failed: %s", error->message);
  client_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  g_print ("full sync, engine (login included): %" G_GUINT64_FORMAT " rows in %u pages, %.2f s, %.0f rows/s, "
           "%u requests-changed emitted\n", rows, pages, engine_s, rows / engine_s, steps);
  g_print ("full sync, bare client (login included): %u rows in %u pages, %.2f s, %.0f rows/s\n",
           stats.n_requests + stats.n_services, stats.n_pages, client_s,
           (stats.n_requests + stats.n_services) / client_s);

  for (guint i = 0; i < n_incremental; i++)
    {
      double ms;

      g_clear_object (&result);
      start = g_get_monotonic_time ();
      baladi_sync_engine_sync_async (engine, NULL, result_cb, &result);
      if (!baladi_sync_engine_sync_finish (engine, wait_result (&result), &error))
        g_error ("The sync failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (engine_times, ms);

      start = g_get_monotonic_time ();
      if (!baladi_sync_client_pull (client, store, &stats, NULL, &error))
        g_error ("The client's pull failed: %s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (client_times, ms);
    }
  if (n_incremental > 0)
    g_print ("incremental sync with nothing new, median of %u: engine (push + pull, worker, own connection) %.2f ms, "
             "bare client pull %.2f ms\n", n_incremental, median (engine_times), median (client_times));

  g_clear_object (&engine);
  g_clear_object (&store);
  g_clear_pointer (&server, baladi_test_server_stop);
  rm = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", dir, NULL);
  g_subprocess_wait (rm, NULL, NULL);

  return 0;
}
