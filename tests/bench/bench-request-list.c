/* bench-request-list.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The queue's list model over N cached requests (first argument, default
 * 1000000), side by side with the same SQL run bare on its own connection:
 * the whole queue by due time, a filter change (open + municipality +
 * overdue, by due time), a two-word Arabic search, the counts of the saved
 * views, and reading every row as scrolling the whole list would, with the
 * memory it leaves. A second argument names a cache file to fill once and
 * reuse. Prints figures; asserts nothing about speed. */

#include "config.h"

#include <stdio.h>

#include "baladi-fts.h"
#include "baladi-request-list.h"
#include "baladi-server-demo-text.h"
#include "bench-fill.h"

#define RUNS 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

static void
wait_loaded (BaladiRequestList *list)
{
  while (baladi_request_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

/* Shows @query and reads the first screen of rows, as the window would. */
static double
time_model (BaladiRequestList  *list,
            BaladiRequestQuery *query,
            guint              *n_items)
{
  double start = bench_now ();

  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  for (guint i = 0; i < 40 && i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  *n_items = g_list_model_get_n_items (G_LIST_MODEL (list));

  return bench_now () - start;
}

/* The same SQL, run bare: every rowid in order. */
static double
time_bare (sqlite3            *db,
           BaladiRequestQuery *query,
           guint              *n_rows)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *sql = baladi_request_query_to_sql (query, "r.rowid", TRUE, g_get_real_time () / G_USEC_PER_SEC, params);
  double start = bench_now ();
  sqlite3_stmt *stmt = NULL;

  *n_rows = 0;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || !baladi_request_query_bind (stmt, params))
    g_error ("%s", sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    (*n_rows)++;
  sqlite3_finalize (stmt);

  return bench_now () - start;
}

static void
compare (const char         *what,
         BaladiStore        *store,
         BaladiRequestList  *list,
         sqlite3            *bare,
         BaladiRequestQuery *query)
{
  g_autoptr(BaladiRequestQuery) none = baladi_request_query_new ();
  double model[RUNS], raw[RUNS];
  guint n_items = 0, n_rows = 0;

  none->statuses = 1;  /* something else between runs, so each run is a change */
  none->municipality = BALADI_MUNICIPALITY_SOUTHERN;
  for (guint i = 0; i < RUNS; i++)
    {
      guint ignored;

      time_model (list, none, &ignored);
      model[i] = time_model (list, query, &n_items);
      raw[i] = time_bare (bare, query, &n_rows);
    }
  g_assert_cmpuint (n_items, ==, n_rows);
  printf ("%-44s %8u rows   model %8.1f ms   bare SQL %8.1f ms\n", what, n_items, median (model) * 1000, median (raw) * 1000);
}

static void
counted (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GArray **counts = user_data;

  *counts = baladi_store_count_requests_finish (BALADI_STORE (source), result, NULL);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiRequestList) list = NULL;
  g_autoptr(BaladiRequestQuery) query = NULL;
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_request_query_free);
  g_autofree char *search = NULL;
  g_auto(GStrv) subject_words = NULL;
  sqlite3 *bare = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint cached = 0;
  double start, times[RUNS];
  gsize rss_before;

  if (argc > 2)
    path = g_strdup (argv[2]);
  else
    path = g_build_filename ((dir = g_dir_make_tmp ("bench-list-XXXXXX", NULL)), "cache.db", NULL);

  store = baladi_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT count(*) FROM requests", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    cached = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (cached < n)
    {
      double seconds = bench_fill_cache (store, n - cached, 7 + cached, now);

      printf ("Filled %u requests in %.1f s: %.0f rows/s (rows + search index, one transaction)\n",
              n - cached, seconds, (n - cached) / seconds);
      cached = n;
    }
  printf ("Cache: %s, %u requests\n\n", path, cached);

  sqlite3_open_v2 (path, &bare, SQLITE_OPEN_READONLY, NULL);
  baladi_fts_register (bare, NULL);

  /* Opening the queue: all requests by due time, first screen read. */
  for (guint i = 0; i < RUNS; i++)
    {
      g_clear_object (&list);
      start = bench_now ();
      list = baladi_request_list_new (store);
      wait_loaded (list);
      for (guint j = 0; j < 40; j++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), j));
      times[i] = bench_now () - start;
    }
  {
    g_autoptr(BaladiRequestQuery) all = baladi_request_query_new ();
    double raw[RUNS];
    guint n_rows;

    for (guint i = 0; i < RUNS; i++)
      raw[i] = time_bare (bare, all, &n_rows);
    printf ("%-44s %8u rows   model %8.1f ms   bare SQL %8.1f ms\n", "Open the queue (all, by due time)",
            g_list_model_get_n_items (G_LIST_MODEL (list)), median (times) * 1000, median (raw) * 1000);
  }

  query = baladi_request_query_new ();
  query->open_only = TRUE;
  query->municipality = BALADI_MUNICIPALITY_CAPITAL;
  query->overdue = TRUE;
  compare ("Filter: open + Capital + overdue, by due", store, list, bare, query);

  baladi_request_query_free (query);
  query = baladi_request_query_new ();
  query->statuses = (1u << BALADI_REQUEST_STATUS_NEW) | (1u << BALADI_REQUEST_STATUS_ASSIGNED);
  query->municipality = BALADI_MUNICIPALITY_NORTHERN;
  query->sort = BALADI_REQUEST_SORT_RECEIVED;
  query->descending = TRUE;
  compare ("Filter: new/assigned + Northern, newest", store, list, bare, query);

  /* Two Arabic words as a clerk types them: a topic's first word without
   * its hamza, and a place. */
  subject_words = g_strsplit (baladi_demo_topics[0].subject[0], " ", 2);
  search = g_strdup_printf ("%s %s", subject_words[0], baladi_demo_areas[3].name[0]);
  baladi_request_query_free (query);
  query = baladi_request_query_new ();
  query->search = g_strdup (search);
  printf ("Search words: %s\n", search);
  compare ("Search: two Arabic words, by due", store, list, bare, query);

  /* The counts beside the seven saved views. */
  for (guint i = 0; i < 7; i++)
    {
      BaladiRequestQuery *view = baladi_request_query_new ();

      switch (i)
        {
        case 0: view->assignee = g_strdup ("clerk.capital"); view->open_only = TRUE; break;
        case 1: view->unassigned = TRUE; view->open_only = TRUE; view->municipality = 0; break;
        case 2: view->due_before = now + 86400; break;
        case 3: view->overdue = TRUE; break;
        case 4: view->statuses = 1u << BALADI_REQUEST_STATUS_WAITING_CITIZEN; break;
        case 5: view->statuses = 1u << BALADI_REQUEST_STATUS_REOPENED; break;
        default: break;
        }
      g_ptr_array_add (views, view);
    }
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GArray) counts = NULL;

      start = bench_now ();
      baladi_store_count_requests_async (store, views, NULL, counted, &counts);
      while (counts == NULL)
        g_main_context_iteration (NULL, TRUE);
      times[i] = bench_now () - start;
    }
  printf ("%-44s %8s        model %8.1f ms\n", "Counts of the 7 saved views", "", median (times) * 1000);

  /* Scrolling the whole queue: every row read once, in order. */
  baladi_request_query_free (query);
  query = baladi_request_query_new ();
  baladi_request_list_set_query (list, query);
  wait_loaded (list);
  rss_before = bench_rss_kib ();
  start = bench_now ();
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  printf ("%-44s %8u rows   %.1f s (%.0f rows/s); RSS %zu MiB before, %zu MiB after\n", "Read every row in order",
          g_list_model_get_n_items (G_LIST_MODEL (list)), bench_now () - start,
          g_list_model_get_n_items (G_LIST_MODEL (list)) / (bench_now () - start),
          rss_before / 1024, bench_rss_kib () / 1024);

  sqlite3_close (bare);
  return 0;
}
