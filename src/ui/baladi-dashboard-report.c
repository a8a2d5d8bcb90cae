/* baladi-dashboard-report.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The dashboard as a PDF report, drawn with cairo on A4 pages: the title,
 * the period, the filters and when the figures were computed, then the
 * headline figures, the charts (drawn by the same code as on the screen,
 * in the light style's colours) and every table, its header repeated on
 * each page it runs over. Text goes through Pango, which shapes Arabic
 * and lays it out from right to left; an Arabic report is mirrored as the
 * window is. */

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>

#include "baladi-dashboard-report.h"

/* A4 in points, and the margins. */
#define PAGE_WIDTH 595.0
#define PAGE_HEIGHT 842.0
#define MARGIN 40.0
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM (PAGE_HEIGHT - MARGIN)

typedef struct {
  const BaladiDashboardReport *report;
  cairo_t                     *cr;
  PangoContext                *context;
  PangoLayout                 *layout;
  double                       y;
} Writer;

static void
set_font (Writer     *writer,
          const char *font)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (writer->layout, description);
}

/* Lays @text out in @width and returns its height. */
static double
prepare (Writer     *writer,
         const char *text,
         double      width,
         double      align)
{
  int height;

  pango_layout_set_text (writer->layout, text, -1);
  pango_layout_set_width (writer->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (writer->layout, PANGO_WRAP_WORD_CHAR);
  if (align == 0.5)
    pango_layout_set_alignment (writer->layout, PANGO_ALIGN_CENTER);
  else
    pango_layout_set_alignment (writer->layout, (align == 1) != writer->report->rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_get_pixel_size (writer->layout, NULL, &height);

  return height;
}

/* @x is a distance from the start edge: the right one in Arabic. */
static double
start_x (Writer *writer,
         double  x,
         double  width)
{
  return writer->report->rtl ? PAGE_WIDTH - MARGIN - x - width : MARGIN + x;
}

static void
show (Writer *writer,
      double  x,
      double  y)
{
  cairo_move_to (writer->cr, x, y);
  pango_cairo_show_layout (writer->cr, writer->layout);
}

static void
new_page (Writer *writer)
{
  cairo_show_page (writer->cr);
  writer->y = MARGIN;
}

static void
need (Writer *writer,
      double  height)
{
  if (writer->y + height > BOTTOM)
    new_page (writer);
}

static void
paragraph (Writer     *writer,
           const char *font,
           const char *text,
           double      gray,
           double      space_after)
{
  double height;

  set_font (writer, font);
  height = prepare (writer, text, CONTENT_WIDTH, 0);
  need (writer, height);
  cairo_set_source_rgb (writer->cr, gray, gray, gray);
  show (writer, MARGIN, writer->y);
  writer->y += height + space_after;
}

static void
write_tiles (Writer *writer)
{
  const guint per_line = 3;
  const double gap = 10;
  double width = (CONTENT_WIDTH - gap * (per_line - 1)) / per_line;
  guint n = writer->report->tiles->len / 3;

  for (guint first = 0; first < n; first += per_line)
    {
      double line_height = 0;

      /* The height of the line is that of its tallest tile. */
      for (guint i = first; i < MIN (first + per_line, n); i++)
        {
          double height = 8;

          set_font (writer, "Noto Sans, Noto Sans Arabic, Sans 8");
          height += prepare (writer, g_ptr_array_index (writer->report->tiles, 3 * i), width - 16, 0) + 2;
          set_font (writer, "Noto Sans, Noto Sans Arabic, Sans Bold 16");
          height += prepare (writer, g_ptr_array_index (writer->report->tiles, 3 * i + 1), width - 16, 0) + 2;
          set_font (writer, "Noto Sans, Noto Sans Arabic, Sans 7.5");
          height += prepare (writer, g_ptr_array_index (writer->report->tiles, 3 * i + 2), width - 16, 0) + 8;
          line_height = MAX (line_height, height);
        }
      need (writer, line_height);

      for (guint i = first; i < MIN (first + per_line, n); i++)
        {
          double x = start_x (writer, (i - first) * (width + gap), width);
          double y = writer->y + 8;
          double height;

          cairo_set_source_rgb (writer->cr, 0.96, 0.96, 0.97);
          cairo_rectangle (writer->cr, x, writer->y, width, line_height);
          cairo_fill_preserve (writer->cr);
          cairo_set_source_rgb (writer->cr, 0.8, 0.8, 0.82);
          cairo_set_line_width (writer->cr, 0.5);
          cairo_stroke (writer->cr);

          for (guint part = 0; part < 3; part++)
            {
              static const char * const fonts[] = { "Noto Sans, Noto Sans Arabic, Sans 8", "Noto Sans, Noto Sans Arabic, Sans Bold 16", "Noto Sans, Noto Sans Arabic, Sans 7.5" };
              static const double grays[] = { 0.35, 0.0, 0.3 };

              set_font (writer, fonts[part]);
              cairo_set_source_rgb (writer->cr, grays[part], grays[part], grays[part]);
              height = prepare (writer, g_ptr_array_index (writer->report->tiles, 3 * i + part), width - 16, 0);
              show (writer, x + 8, y);
              y += height + 2;
            }
        }
      writer->y += line_height + gap;
    }
}

static void
write_charts (Writer *writer)
{
  const double gap = 15, height = 170;
  double width = (CONTENT_WIDTH - gap) / 2;
  BaladiChartPalette palette;
  PangoContext *context = pango_cairo_create_context (writer->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Noto Sans, Noto Sans Arabic, Sans 6.5");

  baladi_chart_get_print_palette (&palette);
  pango_context_set_base_dir (context, writer->report->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_context_set_font_description (context, font);

  for (guint i = 0; i < writer->report->charts->len; i += 2)
    {
      double title_height = 0;

      set_font (writer, "Noto Sans, Noto Sans Arabic, Sans Bold 9");
      for (guint j = i; j < MIN (i + 2, writer->report->charts->len); j++)
        title_height = MAX (title_height, prepare (writer, baladi_chart_get_title (g_ptr_array_index (writer->report->charts, j)), width, 0));
      need (writer, title_height + 4 + height);

      for (guint j = i; j < MIN (i + 2, writer->report->charts->len); j++)
        {
          BaladiChart *chart = g_ptr_array_index (writer->report->charts, j);
          double x = start_x (writer, (j - i) * (width + gap), width);

          set_font (writer, "Noto Sans, Noto Sans Arabic, Sans Bold 9");
          prepare (writer, baladi_chart_get_title (chart), width, 0);
          cairo_set_source_rgb (writer->cr, 0, 0, 0);
          show (writer, x, writer->y);

          cairo_save (writer->cr);
          cairo_translate (writer->cr, x, writer->y + title_height + 4);
          baladi_chart_draw (chart, writer->cr, width, height, &palette, context, writer->report->rtl);
          cairo_restore (writer->cr);
        }
      writer->y += title_height + 4 + height + gap;
    }

  g_object_unref (context);
}

typedef struct {
  guint  first;
  guint  n;
  double widths[16];
  double offsets[16];
  gboolean numeric[16];
} Columns;

static void
plan_columns (BaladiDashboardTable *table,
              guint                 first,
              Columns              *columns)
{
  guint n_text = 0;
  double text_width, number_width;

  columns->first = first;
  columns->n = MIN (baladi_dashboard_table_get_n_columns (table) - first, G_N_ELEMENTS (columns->widths));
  for (guint i = 0; i < columns->n; i++)
    {
      /* A column of numbers has a number in its first row. */
      columns->numeric[i] = baladi_dashboard_table_get_n_rows (table) > 0 &&
                            (!isnan (baladi_dashboard_table_get_value (table, 0, first + i)) ||
                             *baladi_dashboard_table_get_text (table, 0, first + i) == '\0');
      n_text += !columns->numeric[i];
    }

  if (n_text == 0 || n_text == columns->n)
    text_width = number_width = CONTENT_WIDTH / columns->n;
  else
    {
      text_width = MIN (CONTENT_WIDTH * 0.45, 180.0) / n_text;
      number_width = (CONTENT_WIDTH - text_width * n_text) / (columns->n - n_text);
    }

  for (guint i = 0; i < columns->n; i++)
    {
      columns->widths[i] = columns->numeric[i] ? number_width : text_width;
      columns->offsets[i] = i == 0 ? 0 : columns->offsets[i - 1] + columns->widths[i - 1];
    }
}

/* One row of cells; returns its height. With @draw FALSE, only measures. */
static double
table_row (Writer       *writer,
           Columns      *columns,
           char * const *cells,
           gboolean      header,
           gboolean      draw)
{
  double height = 0;

  set_font (writer, header ? "Noto Sans, Noto Sans Arabic, Sans Bold 7" : "Noto Sans, Noto Sans Arabic, Sans 7.5");
  for (guint i = 0; i < columns->n; i++)
    {
      double cell_height = prepare (writer, cells[i], columns->widths[i] - 6, columns->numeric[i] ? 1 : 0);

      if (draw)
        show (writer, start_x (writer, columns->offsets[i], columns->widths[i]) + 3, writer->y + 2);
      height = MAX (height, cell_height);
    }

  return height + 4;
}

static void
write_table (Writer               *writer,
             BaladiDashboardTable *table,
             guint                 first)
{
  Columns columns;
  g_auto(GStrv) header = NULL;
  double header_height;

  plan_columns (table, first, &columns);
  header = g_new0 (char *, columns.n + 1);
  for (guint i = 0; i < columns.n; i++)
    header[i] = g_strdup (baladi_dashboard_table_get_column_title (table, first + i));

  header_height = table_row (writer, &columns, header, TRUE, FALSE);
  set_font (writer, "Noto Sans, Noto Sans Arabic, Sans Bold 11");
  need (writer, prepare (writer, baladi_dashboard_table_get_title (table), CONTENT_WIDTH, 0) + 6 + header_height * 3);
  paragraph (writer, "Noto Sans, Noto Sans Arabic, Sans Bold 11", baladi_dashboard_table_get_title (table), 0, 6);

  for (int row = -1; row < (int) baladi_dashboard_table_get_n_rows (table); row++)
    {
      g_auto(GStrv) cells = NULL;
      double height;

      if (row >= 0 && !writer->report->row_shown (table, row, writer->report->cell_data))
        continue;
      if (row >= 0)
        {
          cells = g_new0 (char *, columns.n + 1);
          for (guint i = 0; i < columns.n; i++)
            cells[i] = writer->report->cell (table, row, first + i, writer->report->cell_data);
        }

      height = table_row (writer, &columns, row < 0 ? header : cells, row < 0, FALSE);
      if (writer->y + height > BOTTOM)
        {
          /* The header again at the top of the next page. */
          new_page (writer);
          cairo_set_source_rgb (writer->cr, 0, 0, 0);
          writer->y += table_row (writer, &columns, header, TRUE, TRUE);
        }

      if (row < 0 || row % 2 == 1)
        {
          cairo_set_source_rgb (writer->cr, row < 0 ? 0.90 : 0.96, row < 0 ? 0.92 : 0.96, row < 0 ? 0.95 : 0.97);
          cairo_rectangle (writer->cr, MARGIN, writer->y, CONTENT_WIDTH, height);
          cairo_fill (writer->cr);
        }
      cairo_set_source_rgb (writer->cr, 0, 0, 0);
      table_row (writer, &columns, row < 0 ? header : cells, row < 0, TRUE);
      writer->y += height;
    }

  writer->y += 16;
}

/**
 * baladi_dashboard_report_write_pdf:
 * @path: where to write the PDF file
 *
 * Writes @report as a PDF file of A4 pages.
 */
gboolean
baladi_dashboard_report_write_pdf (const BaladiDashboardReport  *report,
                                   const char                   *path,
                                   GError                      **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  Writer writer = { report, NULL, NULL, NULL, MARGIN };

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, report->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Baladi Desk");
  writer.cr = cairo_create (surface);
  writer.context = pango_cairo_create_context (writer.cr);
  pango_context_set_base_dir (writer.context, report->rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  writer.layout = pango_layout_new (writer.context);

  paragraph (&writer, "Noto Sans, Noto Sans Arabic, Sans Bold 18", report->title, 0, 6);
  paragraph (&writer, "Noto Sans, Noto Sans Arabic, Sans 10", report->period, 0.15, 3);
  paragraph (&writer, "Noto Sans, Noto Sans Arabic, Sans 9", report->filters, 0.3, 3);
  paragraph (&writer, "Noto Sans, Noto Sans Arabic, Sans 8", report->generated, 0.4, 14);

  write_tiles (&writer);
  writer.y += 6;
  write_charts (&writer);
  for (guint i = 0; i < report->tables->len; i++)
    write_table (&writer, g_ptr_array_index (report->tables, i), g_array_index (report->first_columns, guint, i));

  g_object_unref (writer.layout);
  g_object_unref (writer.context);
  cairo_destroy (writer.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %s is the reason, from the drawing library */
                   _("Cannot write the report: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
