/* bench-service-search.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Service search latency over the relevance set's queries: on the demo
 * catalogue (108 services), then on a catalogue of generated services
 * (10 000 by default) made by crossing the demo services with each other.
 * For each query, two figures: the search alone (parse, typo correction,
 * FTS5, ranking; the first 50 hits), and what a search box costs before
 * the first results are on screen: the list model's search, its
 * items-changed, and the first 20 BaladiService objects built.
 *
 *   build/tests/bench/bench-service-search [N_GENERATED] [ROUNDS]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "baladi-service-list.h"
#include "baladi-service-search.h"
#include "baladi-store-services.h"
#include "baladi-store-sync.h"
#include "baladi-test-catalogue.h"
#include "baladi-test-queries.h"
#include "baladi-test-store.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_figures (const char *what,
               GArray     *ms)
{
  double sum = 0;

  g_array_sort (ms, compare_doubles);
  for (guint i = 0; i < ms->len; i++)
    sum += g_array_index (ms, double, i);
  g_print ("  %-34s median %7.3f ms  p95 %7.3f ms  max %7.3f ms  mean %7.3f ms  (%u searches)\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (guint) (ms->len * 0.95))),
           g_array_index (ms, double, ms->len - 1), sum / ms->len, ms->len);
}

static void
measure (BaladiStore *store,
         guint        rounds)
{
  g_autoptr(BaladiServiceSearch) search = baladi_service_search_new (store);
  g_autoptr(BaladiServiceList) list = baladi_service_list_new (store);
  g_autoptr(GArray) parse_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) screen_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;
  double first;

  /* The first search after the catalogue changed also loads the
   * vocabulary. */
  start = g_get_monotonic_time ();
  g_ptr_array_unref (baladi_service_search_find (search, "رخصة بناء", 50, NULL));
  first = (g_get_monotonic_time () - start) / 1000.0;
  g_print ("  first search (vocabulary load)    %7.3f ms\n", first);

  for (guint round = 0; round < rounds; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) hits = NULL;
        double ms;

        start = g_get_monotonic_time ();
        baladi_service_query_unref (baladi_service_search_parse (search, queries[i].typed));
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (parse_ms, ms);

        start = g_get_monotonic_time ();
        hits = baladi_service_search_find (search, queries[i].typed, 50, &error);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_assert_no_error (error);
        g_array_append_val (search_ms, ms);

        /* From the browse list to the first screen of results, and back. */
        start = g_get_monotonic_time ();
        baladi_service_list_set_search_text (list, queries[i].typed);
        for (guint j = 0; j < MIN (20u, g_list_model_get_n_items (G_LIST_MODEL (list))); j++)
          g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), j));
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (screen_ms, ms);
        baladi_service_list_set_search_text (list, NULL);
      }

  print_figures ("words understood (parse)", parse_ms);
  print_figures ("search, 50 hits (with parse)", search_ms);
  print_figures ("list model, first 20 rows", screen_ms);
}

int
main (int   argc,
      char *argv[])
{
  guint n_generated = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint rounds = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 3;
  g_autofree char *demo_dir = g_build_filename (BENCH_DEMO_DATA, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-service-search-XXXXXX", &error);
  g_autoptr(BaladiStore) small = NULL;
  g_autoptr(BaladiStore) large = NULL;
  g_autoptr(GPtrArray) demo = NULL;
  g_autoptr(GSubprocess) cleanup = NULL;
  gint64 start;

  setlocale (LC_ALL, "C.UTF-8");
  g_assert_no_error (error);
  rounds = MAX (rounds, 1);

  small = baladi_test_store_open (dir, "demo.db");
  g_print ("Demo catalogue: %u services, %u queries × %u rounds\n",
           baladi_test_load_catalogue (small, demo_dir), (guint) G_N_ELEMENTS (queries), rounds);
  measure (small, rounds);

  demo = baladi_test_read_catalogue (demo_dir);
  large = baladi_test_store_open (dir, "generated.db");
  start = g_get_monotonic_time ();
  baladi_store_begin (large, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < n_generated; k++)
    {
      g_autoptr(JsonObject) service = baladi_test_generate_service (demo, k);

      baladi_test_put_service (large, service, "1");
    }
  baladi_store_commit (large, &error);
  g_assert_no_error (error);
  g_print ("Generated catalogue: %u services stored and indexed in %.2f s\n", n_generated,
           (g_get_monotonic_time () - start) / 1e6);
  measure (large, rounds);

  g_clear_object (&small);
  g_clear_object (&large);
  cleanup = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", dir, NULL);
  g_subprocess_wait (cleanup, NULL, NULL);

  return 0;
}
