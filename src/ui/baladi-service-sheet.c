/* baladi-service-sheet.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The service sheet: the caller's answer on paper, or as a PDF to send,
 * in the caller's language. Pango lays it out, so Arabic is shaped and
 * runs right to left (each paragraph takes the direction of its first
 * strong letter, and an Arabic sheet's neutral lines run right to left
 * too); the lines are then cut into pages. */

#include "config.h"

#include "baladi-service-answer.h"
#include "baladi-service-sheet.h"

typedef struct {
  char        *language;
  char        *markup;
  PangoLayout *layout;
  GArray      *page_starts;  /* int: the first line of each page */
} Sheet;

static void
sheet_free (Sheet *sheet)
{
  g_free (sheet->language);
  g_free (sheet->markup);
  g_clear_object (&sheet->layout);
  g_clear_pointer (&sheet->page_starts, g_array_unref);
  g_free (sheet);
}

/* The answer as markup: its first line, the name, as a title, and the
 * headings of its sections (the lines that end in a colon) in bold. */
static char *
sheet_markup (const char *answer)
{
  g_auto(GStrv) lines = g_strsplit (answer, "\n", -1);
  GString *markup = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (lines[i], -1);

      if (i == 0)
        g_string_append_printf (markup, "<span size=\"x-large\" weight=\"bold\">%s</span>\n", escaped);
      else if (g_str_has_suffix (lines[i], ":"))
        g_string_append_printf (markup, "<b>%s</b>\n", escaped);
      else
        g_string_append_printf (markup, "%s\n", escaped);
    }

  return g_string_free (markup, FALSE);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                Sheet             *sheet)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
  double page_height = gtk_print_context_get_height (context) * PANGO_SCALE;
  PangoLayoutIter *iter;
  int page_top = 0;
  int line = 0;

  g_clear_object (&sheet->layout);
  sheet->layout = gtk_print_context_create_pango_layout (context);
  if (g_strcmp0 (sheet->language, "ar") == 0)
    {
      pango_context_set_base_dir (pango_layout_get_context (sheet->layout), PANGO_DIRECTION_RTL);
      pango_layout_context_changed (sheet->layout);
    }
  pango_layout_set_font_description (sheet->layout, font);
  pango_layout_set_width (sheet->layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (sheet->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing (sheet->layout, 3 * PANGO_SCALE);
  pango_layout_set_markup (sheet->layout, sheet->markup, -1);

  g_array_set_size (sheet->page_starts, 0);
  g_array_append_val (sheet->page_starts, line);
  iter = pango_layout_get_iter (sheet->layout);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      if (logical.y + logical.height - page_top > page_height && line > g_array_index (sheet->page_starts, int, sheet->page_starts->len - 1))
        {
          g_array_append_val (sheet->page_starts, line);
          page_top = logical.y;
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  gtk_print_operation_set_n_pages (operation, sheet->page_starts->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              Sheet             *sheet)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (sheet->page_starts, int, page);
  int end = (guint) page + 1 < sheet->page_starts->len ? g_array_index (sheet->page_starts, int, page + 1) : G_MAXINT;
  PangoLayoutIter *iter = pango_layout_get_iter (sheet->layout);
  int page_top = -1;
  int line = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  do
    {
      PangoRectangle logical;

      if (line >= end)
        break;
      if (line >= first)
        {
          /* The line's extents place it: an Arabic line starts at the
           * right margin, an English one at the left. */
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (page_top < 0)
            page_top = logical.y;
          cairo_move_to (cr, (double) logical.x / PANGO_SCALE,
                         (double) (pango_layout_iter_get_baseline (iter) - page_top) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/**
 * baladi_service_sheet_new:
 * @language: the caller's language, "ar" or "en"
 *
 * Returns: (transfer full): a print operation that prints the sheet of
 *   @service in @language, or saves it as a PDF
 */
GtkPrintOperation *
baladi_service_sheet_new (BaladiService *service,
                          const char    *language)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autofree char *answer = baladi_service_compose_answer (service, language);
  Sheet *sheet = g_new0 (Sheet, 1);

  sheet->language = g_strdup (language);
  sheet->markup = sheet_markup (answer);
  sheet->page_starts = g_array_new (FALSE, FALSE, sizeof (int));

  gtk_print_operation_set_job_name (operation, baladi_service_get_name (service, language));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), sheet);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), sheet);
  g_object_set_data_full (G_OBJECT (operation), "baladi-sheet", sheet, (GDestroyNotify) sheet_free);

  return operation;
}

/**
 * baladi_service_sheet_export_pdf:
 * @path: the PDF file to write
 *
 * Writes the sheet of @service in @language to @path, with no dialog.
 */
gboolean
baladi_service_sheet_export_pdf (BaladiService  *service,
                                 const char     *language,
                                 const char     *path,
                                 GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = baladi_service_sheet_new (service, language);

  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}
