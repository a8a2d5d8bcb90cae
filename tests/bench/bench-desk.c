/* bench-desk.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Complaints page over a cache of N requests (default 1000000):
 *  - launch: from starting the process to the first frame that shows the
 *    queue's rows, beside the same for a bare AdwApplicationWindow;
 *  - a search and a filter change, until their results are on screen,
 *    beside the same SQL run bare;
 *  - memory after scrolling the whole list, top to bottom.
 * Run it in a display (xvfb-run). Usage:
 *   bench-desk [N [CACHE]]     CACHE is filled once and reused
 * Prints figures; asserts nothing about speed. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "baladi-application.h"
#include "baladi-complaints-page.h"
#include "baladi-fts.h"
#include "baladi-request-list.h"
#include "baladi-server-demo-text.h"
#include "baladi-window.h"
#include "bench-fill.h"

static double start_time;

/* Child modes {{{ */

static void
print_first_frame (GdkFrameClock *clock,
                   gpointer       user_data)
{
  GtkWidget *window = user_data;
  BaladiComplaintsPage *page;

  if (BALADI_IS_WINDOW (window))
    {
      page = baladi_window_get_complaints_page (BALADI_WINDOW (window));
      if (baladi_complaints_page_get_list (page) == NULL ||
          g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (page))) == 0)
        return;
    }

  printf ("first-frame %.4f rss %zu\n", bench_now () - start_time, bench_rss_kib ());
  fflush (stdout);
  exit (0);
}

static void
watch_frames (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (print_first_frame), window);
}

static void
hello_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), gtk_label_new ("Hello"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  g_signal_connect (window, "map", G_CALLBACK (watch_frames), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
desk_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  gtk_window_set_default_size (window, 1400, 860);
  watch_frames (GTK_WIDGET (window));
}

static int
run_child (const char *mode,
           int         argc,
           char       *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  start_time = g_ascii_strtod (argv[0], NULL);
  if (g_str_equal (mode, "--hello"))
    {
      app = GTK_APPLICATION (adw_application_new ("org.baladi.Desk.BenchHello", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (hello_activate), NULL);
    }
  else
    {
      app = GTK_APPLICATION (baladi_application_new ());
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      /* After the application's own activate has made the window. */
      g_signal_connect_after (app, "activate", G_CALLBACK (desk_activate), NULL);
    }

  return g_application_run (G_APPLICATION (app), 0, NULL);
}

/* Starts this program in @mode and reads the line it prints at its first
 * frame: the seconds from spawning it, and its memory then. */
static double
launch (const char *self,
        const char *mode,
        gsize      *rss)
{
  g_autofree char *now = g_strdup_printf ("%.6f", bench_now ());
  const char *argv[] = { self, mode, now, NULL };
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  double seconds = -1;

  /* The child measures from the same monotonic clock. */
  g_free (now);
  now = g_strdup_printf ("%.6f", bench_now ());
  argv[2] = now;
  child = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &out, NULL, &error))
    g_error ("%s", error->message);
  if (out == NULL || sscanf (out, "first-frame %lf rss %zu", &seconds, rss) != 2)
    g_error ("The %s run printed no first frame: %s", mode, out != NULL ? out : "");

  return seconds;
}

/* }}} */

/* In this process: search, filter, scroll {{{ */

static BaladiComplaintsPage *page;
static GtkWidget *window;
static gboolean painted;
static double answered;  /* the list's answer, before it was drawn */

static void
on_paint (GdkFrameClock *clock,
          gpointer       user_data)
{
  painted = TRUE;
}

/* The longest the main loop went without running a 5 ms timeout while
 * the window waited for an answer: how long the window could not react
 * (the queries themselves run in threads). */
static double last_tick, longest_pause;

static gboolean
on_tick (gpointer data)
{
  double now = bench_now ();

  longest_pause = MAX (longest_pause, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* Until the list has answered and a frame with its rows is drawn. */
static double
until_shown (double since)
{
  BaladiRequestList *list = baladi_complaints_page_get_list (page);
  guint tick;

  last_tick = since;
  longest_pause = 0;
  tick = g_timeout_add (5, on_tick, NULL);
  while (baladi_request_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
  answered = bench_now () - since;
  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  on_tick (NULL);
  g_source_remove (tick);

  return bench_now () - since;
}

static double searched_at;

static void
on_search_changed (GtkSearchEntry *entry)
{
  searched_at = bench_now ();
}

static double
bare_sql (sqlite3            *db,
          BaladiRequestQuery *query,
          guint              *n)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *sql = baladi_request_query_to_sql (query, "r.rowid", TRUE, g_get_real_time () / G_USEC_PER_SEC, params);
  sqlite3_stmt *stmt = NULL;
  double start = bench_now ();

  *n = 0;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || !baladi_request_query_bind (stmt, params))
    g_error ("%s", sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    (*n)++;
  sqlite3_finalize (stmt);

  return bench_now () - start;
}

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = GTK_IS_POPOVER (child) ? NULL : find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The queue's search entry, not the one inside a drop-down's popover. */
static GtkEditable *
search_entry (void)
{
  return GTK_EDITABLE (find_search_entry (GTK_WIDGET (page)));
}

static GtkScrollable *
column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return GTK_SCROLLABLE (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkScrollable *found = column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
measure_in_process (const char *path)
{
  g_autoptr(BaladiRequestQuery) search = baladi_request_query_new ();
  g_autoptr(BaladiRequestQuery) filter = baladi_request_query_new ();
  g_auto(GStrv) subject_words = g_strsplit (baladi_demo_topics[0].subject[0], " ", 2);
  g_autofree char *words = g_strdup_printf ("%s %s", subject_words[0], baladi_demo_areas[3].name[0]);
  GtkAdjustment *adjustment;
  sqlite3 *bare = NULL;
  double start, seconds, sql;
  guint n;
  gsize rss_before;

  sqlite3_open_v2 (path, &bare, SQLITE_OPEN_READONLY, NULL);
  baladi_fts_register (bare, NULL);

  /* A search typed in the box: from the moment the entry reports it,
   * once the clerk stops typing (GTK waits 150 ms for that). */
  g_signal_connect (search_entry (), "search-changed", G_CALLBACK (on_search_changed), NULL);
  searched_at = 0;
  gtk_editable_set_text (search_entry (), words);
  while (searched_at == 0)
    g_main_context_iteration (NULL, TRUE);
  start = searched_at;
  seconds = until_shown (start);
  search->search = g_strdup (words);
  sql = bare_sql (bare, search, &n);
  printf ("%-46s %9u rows  answered %6.1f ms, drawn %6.1f ms   bare SQL %6.1f ms   window unresponsive at most %5.1f ms\n",
          "Search (two Arabic words)", g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (page))),
          answered * 1000, seconds * 1000, sql * 1000, longest_pause * 1000);
  searched_at = 0;
  gtk_editable_set_text (search_entry (), "");
  while (searched_at == 0)
    g_main_context_iteration (NULL, TRUE);
  start = searched_at;
  seconds = until_shown (start);
  printf ("%-46s %9u rows  answered %6.1f ms, drawn %6.1f ms   window unresponsive at most %5.1f ms\n",
          "Search cleared (every request again)", g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (page))),
          answered * 1000, seconds * 1000, longest_pause * 1000);

  /* A saved view: overdue, by due time. */
  start = bench_now ();
  baladi_complaints_page_show_view (page, "overdue");
  seconds = until_shown (start);
  filter->overdue = TRUE;
  sql = bare_sql (bare, filter, &n);
  printf ("%-46s %9u rows  answered %6.1f ms, drawn %6.1f ms   bare SQL %6.1f ms   window unresponsive at most %5.1f ms\n",
          "Filter (the Overdue view)", g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (page))),
          answered * 1000, seconds * 1000, sql * 1000, longest_pause * 1000);

  /* The whole list, top to bottom, in 400 jumps with a frame each. */
  baladi_complaints_page_show_view (page, "all");
  until_shown (bench_now ());
  adjustment = gtk_scrollable_get_vadjustment (column_view (GTK_WIDGET (page)));
  rss_before = bench_rss_kib ();
  start = bench_now ();
  for (guint i = 0; i <= 400; i++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

      gtk_adjustment_set_value (adjustment, upper * i / 400);
      painted = FALSE;
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
    }
  printf ("%-46s %9u rows  %.1f s for 401 frames; RSS %zu MiB before, %zu MiB after\n", "Scroll the whole list",
          g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (page))),
          bench_now () - start, rss_before / 1024, bench_rss_kib () / 1024);

  sqlite3_close (bare);
}

static void
on_window_mapped (GtkWidget *widget,
                  char      *path)
{
  g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint", G_CALLBACK (on_paint), NULL);
}

static void
measure_activate (GApplication *app,
                  char         *path)
{
  GtkWidget *active = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  if (gtk_widget_get_frame_clock (active) == NULL)
    {
      g_signal_connect (active, "map", G_CALLBACK (on_window_mapped), path);
      while (gtk_widget_get_frame_clock (active) == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      on_window_mapped (active, path);
    }
  window = active;
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  page = baladi_window_get_complaints_page (BALADI_WINDOW (window));
  until_shown (bench_now ());
  measure_in_process (path);
  g_application_quit (app);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 && argv[1][0] != '-' ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autofree char *data = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiApplication) app = NULL;
  double desk, hello;
  gsize desk_rss, hello_rss;
  guint cached = 0;

  if (argc > 2 && (g_str_equal (argv[1], "--hello") || g_str_equal (argv[1], "--desk")))
    return run_child (argv[1], argc - 2, argv + 2);

  /* The application finds its cache in $XDG_DATA_HOME/baladi-desk/. */
  data = g_dir_make_tmp ("bench-desk-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (data, "baladi-desk", NULL);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, "cache.db", NULL);
  if (argc > 2)
    {
      g_autoptr(BaladiStore) store = baladi_store_open (argv[2], &error);
      sqlite3_stmt *stmt = NULL;

      if (store == NULL)
        g_error ("%s", error->message);
      if (sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT count(*) FROM requests", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        cached = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      if (cached < n)
        bench_fill_cache (store, n - cached, 11 + cached, g_get_real_time () / G_USEC_PER_SEC);
      g_clear_object (&store);
      if (symlink (argv[2], path) != 0)
        g_error ("Cannot link the cache: %s", g_strerror (errno));
    }
  else
    {
      g_autoptr(BaladiStore) store = baladi_store_open (path, &error);

      if (store == NULL)
        g_error ("%s", error->message);
      printf ("Filling %u requests…\n", n);
      bench_fill_cache (store, n, 11, g_get_real_time () / G_USEC_PER_SEC);
    }
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_unsetenv ("BALADI_SERVER_URL");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  /* Launch to first frame, three times each, the median. */
  {
    double desk_runs[3], hello_runs[3];

    for (guint i = 0; i < 3; i++)
      {
        desk_runs[i] = launch (argv[0], "--desk", &desk_rss);
        hello_runs[i] = launch (argv[0], "--hello", &hello_rss);
      }
    desk = MIN (MIN (desk_runs[0], desk_runs[1]), desk_runs[2]);
    hello = MIN (MIN (hello_runs[0], hello_runs[1]), hello_runs[2]);
  }
  printf ("%-46s desk %7.0f ms, RSS %zu MiB   bare AdwApplicationWindow %7.0f ms, RSS %zu MiB\n",
          "Launch to the first frame of the queue (best of 3)", desk * 1000, desk_rss / 1024, hello * 1000, hello_rss / 1024);

  /* The rest in this process. */
  app = baladi_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (measure_activate), path);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}
