/* bench-services-page.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* From typing to the first results drawn, in the Services page itself:
 * each query of the relevance set is typed into the page's search entry
 * and timed until the frame that shows its results has been painted. On
 * the demo catalogue (108 services), then on generated ones (10 000 by
 * default). Twice each: with the entry's pause for typing (what a clerk
 * sees), and with no pause (the page's own work). Needs a display:
 *
 *   xvfb-run -a build/tests/bench/bench-services-page [N_GENERATED] [ROUNDS]
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "baladi-services-page.h"
#include "baladi-store-sync.h"
#include "baladi-test-catalogue.h"
#include "baladi-test-queries.h"

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

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
  g_print ("  %-40s median %7.2f ms  p95 %7.2f ms  max %7.2f ms  mean %7.2f ms  (%u searches)\n", what,
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, MIN (ms->len - 1, (guint) (ms->len * 0.95))),
           g_array_index (ms, double, ms->len - 1), sum / ms->len, ms->len);
}

/* Types @text and waits for the list to hold its results and for the
 * next frame to be painted. */
static double
type_and_draw (GtkWidget          *window,
               BaladiServicesPage *page,
               const char         *text)
{
  BaladiServiceList *list = baladi_services_page_get_list (page);
  gint64 start = g_get_monotonic_time ();

  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (window), "entry")), text);
  while (g_strcmp0 (baladi_service_list_get_search_text (list), *text != '\0' ? text : NULL) != 0)
    g_main_context_iteration (NULL, TRUE);
  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
measure (BaladiStore *store,
         guint        rounds)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (BALADI_TYPE_SERVICES_PAGE, NULL);
  GtkSearchEntry *entry = NULL;
  GtkWidget *child;
  g_autoptr(GArray) paused = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) direct = g_array_new (FALSE, FALSE, sizeof (double));

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  baladi_services_page_set_store (BALADI_SERVICES_PAGE (page), store, "bench");
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);

  /* The page's own search entry, found by walking its tree. */
  for (child = page; child != NULL && entry == NULL;)
    {
      if (GTK_IS_SEARCH_ENTRY (child))
        entry = GTK_SEARCH_ENTRY (child);
      else if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != page && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == page ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
  g_assert (entry != NULL);
  g_object_set_data (G_OBJECT (window), "entry", entry);

  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  type_and_draw (window, BALADI_SERVICES_PAGE (page), "رخصة");
  type_and_draw (window, BALADI_SERVICES_PAGE (page), "");

  for (guint round = 0; round < rounds; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        double ms = type_and_draw (window, BALADI_SERVICES_PAGE (page), queries[i].typed);

        g_array_append_val (paused, ms);
        type_and_draw (window, BALADI_SERVICES_PAGE (page), "");
      }

  gtk_search_entry_set_search_delay (entry, 0);
  for (guint round = 0; round < rounds; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        double ms = type_and_draw (window, BALADI_SERVICES_PAGE (page), queries[i].typed);

        g_array_append_val (direct, ms);
        type_and_draw (window, BALADI_SERVICES_PAGE (page), "");
      }

  print_figures ("typed to drawn, with the typing pause", paused);
  print_figures ("typed to drawn, no pause", direct);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  guint n_generated = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10000;
  guint rounds = argc > 2 ? MAX ((guint) g_ascii_strtoull (argv[2], NULL, 10), 1) : 1;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-services-page-XXXXXX", &error);
  g_autofree char *small_path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *large_path = g_build_filename (dir, "generated.db", NULL);
  g_autoptr(BaladiStore) small = NULL;
  g_autoptr(BaladiStore) large = NULL;
  g_autoptr(GPtrArray) demo = NULL;
  g_autoptr(GSubprocess) cleanup = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  adw_init ();
  g_assert_no_error (error);

  small = baladi_store_open (small_path, &error);
  g_assert_no_error (error);
  g_print ("Demo catalogue: %u services, %u queries × %u rounds\n",
           baladi_test_load_catalogue (small, BENCH_DEMO_DATA), (guint) G_N_ELEMENTS (queries), rounds);
  measure (small, rounds);

  demo = baladi_test_read_catalogue (BENCH_DEMO_DATA);
  large = baladi_store_open (large_path, &error);
  g_assert_no_error (error);
  baladi_store_begin (large, &error);
  for (guint k = 0; k < n_generated; k++)
    {
      g_autoptr(JsonObject) service = baladi_test_generate_service (demo, k);

      baladi_test_put_service (large, service, "1");
    }
  baladi_store_commit (large, &error);
  g_assert_no_error (error);
  g_print ("Generated catalogue: %u services\n", n_generated);
  measure (large, rounds);

  g_clear_object (&small);
  g_clear_object (&large);
  cleanup = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", dir, NULL);
  g_subprocess_wait (cleanup, NULL, NULL);

  return 0;
}
