/* baladi-dashboard-table.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One table of the dashboard: a title, column titles, and rows of cells,
 * each cell both the text a CSV file or a table view shows and, when it is
 * a number, its value for a chart. Every row has a key: the filter value a
 * drill-down applies (a municipality's wire name, a week's first day…). */

#include "config.h"

#include <math.h>
#include <string.h>

#include "baladi-dashboard-private.h"

struct _BaladiDashboardTable
{
  grefcount  ref_count;
  char      *name;
  char      *title;
  GPtrArray *columns;  /* column titles */
  GPtrArray *keys;     /* one a row */
  GPtrArray *texts;    /* n_rows × n_columns */
  GArray    *values;   /* n_rows × n_columns, NAN for text */
};

G_DEFINE_BOXED_TYPE (BaladiDashboardTable, baladi_dashboard_table,
                     baladi_dashboard_table_ref, baladi_dashboard_table_unref)

BaladiDashboardTable *
baladi_dashboard_table_new (const char *name,
                            const char *title,
                            ...)
{
  BaladiDashboardTable *table = g_new0 (BaladiDashboardTable, 1);
  const char *column;
  va_list args;

  g_ref_count_init (&table->ref_count);
  table->name = g_strdup (name);
  table->title = g_strdup (title);
  table->columns = g_ptr_array_new_with_free_func (g_free);
  table->keys = g_ptr_array_new_with_free_func (g_free);
  table->texts = g_ptr_array_new_with_free_func (g_free);
  table->values = g_array_new (FALSE, FALSE, sizeof (double));

  va_start (args, title);
  while ((column = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (table->columns, g_strdup (column));
  va_end (args);

  return table;
}

BaladiDashboardTable *
baladi_dashboard_table_ref (BaladiDashboardTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  g_ref_count_inc (&table->ref_count);
  return table;
}

void
baladi_dashboard_table_unref (BaladiDashboardTable *table)
{
  g_return_if_fail (table != NULL);

  if (!g_ref_count_dec (&table->ref_count))
    return;

  g_free (table->name);
  g_free (table->title);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->keys);
  g_ptr_array_unref (table->texts);
  g_array_unref (table->values);
  g_free (table);
}

/* Adds a column; only before the first row. */
void
baladi_dashboard_table_add_column (BaladiDashboardTable *table,
                                   const char           *title)
{
  g_assert (table->keys->len == 0);

  g_ptr_array_add (table->columns, g_strdup (title));
}

/* Starts a row; its cells follow with the add functions, in column order. */
void
baladi_dashboard_table_add_row (BaladiDashboardTable *table,
                                const char           *key)
{
  g_assert (table->texts->len == table->keys->len * table->columns->len);

  g_ptr_array_add (table->keys, g_strdup (key));
}

void
baladi_dashboard_table_add_text (BaladiDashboardTable *table,
                                 const char           *text)
{
  double none = NAN;

  g_ptr_array_add (table->texts, g_strdup (text != NULL ? text : ""));
  g_array_append_val (table->values, none);
}

void
baladi_dashboard_table_add_count (BaladiDashboardTable *table,
                                  gint64                count)
{
  double value = count;

  g_ptr_array_add (table->texts, g_strdup_printf ("%" G_GINT64_FORMAT, count));
  g_array_append_val (table->values, value);
}

/* A number shown with one decimal, e.g. a percentage or hours; an empty
 * cell when @value is NAN (nothing to divide). */
void
baladi_dashboard_table_add_number (BaladiDashboardTable *table,
                                   double                value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    g_ptr_array_add (table->texts, g_strdup (""));
  else
    g_ptr_array_add (table->texts, g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value)));
  g_array_append_val (table->values, value);
}

const char *
baladi_dashboard_table_get_name (BaladiDashboardTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->name;
}

/**
 * baladi_dashboard_table_get_title:
 *
 * Returns: the translated title of the table
 */
const char *
baladi_dashboard_table_get_title (BaladiDashboardTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->title;
}

guint
baladi_dashboard_table_get_n_columns (BaladiDashboardTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->columns->len;
}

guint
baladi_dashboard_table_get_n_rows (BaladiDashboardTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->keys->len;
}

const char *
baladi_dashboard_table_get_column_title (BaladiDashboardTable *table,
                                         guint                 column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column < table->columns->len, NULL);

  return g_ptr_array_index (table->columns, column);
}

/**
 * baladi_dashboard_table_get_key:
 *
 * Returns: what identifies @row: the wire name of its municipality,
 *   sector, category, type, channel, the username of its assignee, the
 *   first day of its week (YYYY-MM-DD) or its month (YYYY-MM)…
 */
const char *
baladi_dashboard_table_get_key (BaladiDashboardTable *table,
                                guint                 row)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < table->keys->len, NULL);

  return g_ptr_array_index (table->keys, row);
}

/**
 * baladi_dashboard_table_find_row:
 *
 * Returns: the first row with @key, or -1
 */
int
baladi_dashboard_table_find_row (BaladiDashboardTable *table,
                                 const char           *key)
{
  g_return_val_if_fail (table != NULL, -1);
  g_return_val_if_fail (key != NULL, -1);

  for (guint i = 0; i < table->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (table->keys, i), key))
      return i;

  return -1;
}

const char *
baladi_dashboard_table_get_text (BaladiDashboardTable *table,
                                 guint                 row,
                                 guint                 column)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (row < table->keys->len && column < table->columns->len, NULL);

  return g_ptr_array_index (table->texts, row * table->columns->len + column);
}

/**
 * baladi_dashboard_table_get_value:
 *
 * Returns: the number in the cell, NAN for a text cell or a rate with
 *   nothing to divide
 */
double
baladi_dashboard_table_get_value (BaladiDashboardTable *table,
                                  guint                 row,
                                  guint                 column)
{
  g_return_val_if_fail (table != NULL, NAN);
  g_return_val_if_fail (row < table->keys->len && column < table->columns->len, NAN);

  return g_array_index (table->values, double, row * table->columns->len + column);
}

/* RFC 4180: a field with a comma, a quote or a line break goes between
 * quotes, its quotes doubled. */
static void
append_field (GString    *csv,
              const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (csv, text);
      return;
    }

  g_string_append_c (csv, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static void
append_record (GString    *csv,
               GPtrArray  *fields,
               guint       first,
               guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_field (csv, g_ptr_array_index (fields, first + i));
    }
  g_string_append (csv, "\r\n");
}

/**
 * baladi_dashboard_table_to_csv:
 *
 * The table as a CSV file: UTF-8 with a byte order mark, so that
 * spreadsheet programs read Arabic right; a header row of the column
 * titles; fields quoted as RFC 4180 says, records ending in CRLF.
 *
 * Returns: (transfer full): the file's content
 */
GBytes *
baladi_dashboard_table_to_csv (BaladiDashboardTable *table)
{
  GString *csv = g_string_new ("\xEF\xBB\xBF");
  guint n = table->columns->len;

  g_return_val_if_fail (table != NULL, NULL);

  append_record (csv, table->columns, 0, n);
  for (guint row = 0; row < table->keys->len; row++)
    append_record (csv, table->texts, row * n, n);

  return g_string_free_to_bytes (csv);
}

gboolean
baladi_dashboard_table_write_csv (BaladiDashboardTable  *table,
                                  GOutputStream         *stream,
                                  GCancellable          *cancellable,
                                  GError               **error)
{
  g_autoptr(GBytes) csv = NULL;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  csv = baladi_dashboard_table_to_csv (table);
  return g_output_stream_write_all (stream, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv),
                                    NULL, cancellable, error);
}
