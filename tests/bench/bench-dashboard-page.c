/* bench-dashboard-page.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Dashboard page over a cache of N requests (default 1000000), for
 * each period of its drop-down:
 *  - compute: baladi_dashboard_compute() alone, the figures;
 *  - refresh: what the page does when the period changes: compute, then
 *    fill the tiles, the four charts and the tables;
 *  - draw: one frame of the page as the window shows it (snapshot of
 *    every widget, the charts drawn with cairo, rendered to pixels);
 *  - PDF: the whole report written with cairo.
 * Medians of RUNS runs (default 5). Run it in a display (xvfb-run):
 *   bench-dashboard-page [N [RUNS [CACHE]]]   CACHE is filled once and reused
 * Prints figures; asserts nothing about speed. */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "baladi-dashboard-page.h"
#include "baladi-request-format.h"
#include "bench-fill.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 target = gdk_frame_clock_get_frame_counter (clock) + n;

  while (gdk_frame_clock_get_frame_counter (clock) < target)
    g_main_context_iteration (NULL, TRUE);
}

/* One frame of @widget as the screen would get it, in milliseconds. */
static double
draw (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double begin = bench_now ();

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  return (bench_now () - begin) * 1000;
}

/* The period as the page counts it, in Bahrain: weeks start on Sunday. */
static void
period_bounds (const char  *period,
               GDateTime  **start,
               GDateTime  **end)
{
  g_autoptr(GTimeZone) bahrain = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new_now (bahrain);
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now);
  g_autoptr(GDateTime) today = g_date_time_new (bahrain, year, month, g_date_time_get_day_of_month (now), 0, 0, 0);

  if (g_str_equal (period, "week"))
    *start = g_date_time_add_days (today, -(g_date_time_get_day_of_week (today) % 7));
  else if (g_str_equal (period, "month"))
    *start = g_date_time_new (bahrain, year, month, 1, 0, 0, 0);
  else if (g_str_equal (period, "quarter"))
    *start = g_date_time_new (bahrain, year, (month - 1) / 3 * 3 + 1, 1, 0, 0, 0);
  else
    *start = g_date_time_new (bahrain, year, 1, 1, 0, 0, 0);

  *end = g_str_equal (period, "week") ? g_date_time_add_days (*start, 7)
       : g_str_equal (period, "month") ? g_date_time_add_months (*start, 1)
       : g_str_equal (period, "quarter") ? g_date_time_add_months (*start, 3)
       : g_date_time_add_years (*start, 1);
}

int
main (int   argc,
      char *argv[])
{
  guint n = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  guint runs = argc > 2 ? (guint) g_ascii_strtoull (argv[2], NULL, 10) : 5;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-dashboard-page-XXXXXX", &error);
  g_autofree char *path = argc > 3 ? g_strdup (argv[3]) : g_build_filename (dir, "cache.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  const char *periods[] = { "week", "month", "quarter", "year" };
  GtkWidget *window;
  BaladiDashboardPage *page;
  sqlite3_stmt *stmt = NULL;
  guint cached = 0;

  g_assert_no_error (error);
  if (n == 0 || runs == 0)
    {
      g_printerr ("Usage: %s [N [RUNS [CACHE]]]\n", argv[0]);
      return 1;
    }

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", BENCH_SCHEMA_DIR, FALSE);
  gtk_init ();
  adw_init ();

  store = baladi_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT count(*) FROM requests", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    cached = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (cached < n)
    {
      printf ("Filling %u requests…\n", n - cached);
      bench_fill_cache (store, n - cached, 11 + cached, g_get_real_time () / G_USEC_PER_SEC);
      cached = n;
    }

  settings = g_settings_new (APPLICATION_ID);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 1000);
  page = g_object_new (BALADI_TYPE_DASHBOARD_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  baladi_dashboard_page_set_store (page, store, NULL);
  wait_frames (window, 3);

  printf ("bench-dashboard-page: %u cached requests, median of %u runs, milliseconds\n", cached, runs);
  printf ("%-10s %9s %9s %9s %9s %9s\n", "period", "received", "compute", "refresh", "draw", "PDF");
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autofree double *compute = g_new (double, runs);
      g_autofree double *refresh = g_new (double, runs);
      g_autofree double *drawing = g_new (double, runs);
      g_autofree double *report = g_new (double, runs);
      guint received = 0;

      g_settings_set_string (settings, "dashboard-period", periods[p]);
      for (guint run = 0; run < runs; run++)
        {
          BaladiDashboard *dashboard;
          g_autoptr(BaladiDashboard) again = NULL;
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          BaladiDashboardFilter filter = { 0, };
          double begin;

          begin = bench_now ();
          baladi_dashboard_page_refresh (page);
          refresh[run] = (bench_now () - begin) * 1000;

          /* The same figures computed bare, for what the widgets cost. */
          dashboard = baladi_dashboard_page_get_dashboard (page);
          received = baladi_dashboard_get_tiles (dashboard)->received;
          {
            g_autoptr(GDateTime) start = NULL;
            g_autoptr(GDateTime) end = NULL;

            period_bounds (periods[p], &start, &end);
            filter.start = start;
            filter.end = end;
            begin = bench_now ();
            again = baladi_dashboard_compute (store, baladi_format_get_calendar (), &filter, now,
                                              BALADI_DASHBOARD_FLAGS_NONE, &error);
            compute[run] = (bench_now () - begin) * 1000;
            g_assert_no_error (error);
          }

          /* Let the page lay out its new widgets, then time a frame. */
          wait_frames (window, 2);
          drawing[run] = draw (GTK_WIDGET (page));

          begin = bench_now ();
          if (!baladi_dashboard_page_export_pdf (page, pdf_file, &error))
            g_error ("%s", error->message);
          report[run] = (bench_now () - begin) * 1000;
        }

      printf ("%-10s %9u %9.1f %9.1f %9.1f %9.1f\n", periods[p], received, median (compute, runs),
              median (refresh, runs), median (drawing, runs), median (report, runs));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (pdf);
  if (argc <= 3)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_clear_object (&store);
      g_remove (path);
      g_remove (wal);
      g_remove (shm);
    }
  g_rmdir (dir);

  return 0;
}
