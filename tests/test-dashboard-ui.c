/* test-dashboard-ui.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Dashboard page in the real window under Xvfb, over a cache synced
 * from a real baladi-server's demo data, signed in as the director: the
 * tiles for a period and a municipality chosen in its drop-downs against
 * SQL written here; a change in the cache recomputes them; a row drills
 * down into the Complaints page; the tables exported as CSV and parsed
 * back, the report exported as PDF and read with pdftotext. Screenshots
 * in the light and the dark style go to the build dir. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "baladi-application.h"
#include "baladi-chart.h"
#include "baladi-complaints-page.h"
#include "baladi-dashboard-page.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"
#include "baladi-test-ui.h"
#include "baladi-window.h"

#define USER "director"
#define PASSWORD "Baladi#2026"

static BaladiTestServer *server;
static BaladiApplication *app;
static BaladiWindow *window;
static BaladiDashboardPage *page;
static BaladiStore *store;

/* The period the page counts, worked out here: Bahrain is UTC+3. */
typedef struct {
  gint64      start;
  gint64      end;
  gint64      now;
  const char *municipality;
} Period;

static gint64
count_where (const Period *period,
             const char   *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM requests WHERE (?3 IS NULL OR municipality = ?3) "
                                          "AND (%s)", where);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, period->start);
  sqlite3_bind_int64 (stmt, 2, period->end);
  sqlite3_bind_text (stmt, 3, period->municipality, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, period->now);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

#define RECEIVED "created_at >= ?1 AND created_at < ?2"
#define ON_TIME \
  "merged_into IS NULL AND coalesce (first_reply_at, closed_at) IS NOT NULL " \
  "AND coalesce (first_reply_at, closed_at) <= due_at"
#define LATE \
  "merged_into IS NULL AND coalesce (first_reply_at, closed_at) IS NOT NULL " \
  "AND coalesce (first_reply_at, closed_at) > due_at"
#define OVERDUE \
  "merged_into IS NULL AND first_reply_at IS NULL AND closed_at IS NULL " \
  "AND status NOT IN ('waiting_citizen', 'waiting_agency') AND due_at < ?4"

/* A figure as shown, in Arabic-Indic or Western digits, as a number. */
static double
parse_figure (const char *text)
{
  g_autoptr(GString) ascii = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        g_string_append_c (ascii, c);
      else if (c >= 0x0660 && c <= 0x0669)
        g_string_append_c (ascii, '0' + (c - 0x0660));
      else if (c == '.' || c == 0x066B)
        g_string_append_c (ascii, '.');
      /* Group separators (",", "٬") and signs are left out. */
    }

  g_assert_cmpuint (ascii->len, >, 0);
  return g_ascii_strtod (ascii->str, NULL);
}

static double
tile (const char *id)
{
  const char *text = baladi_dashboard_page_get_tile (page, id);

  g_assert_nonnull (text);
  g_test_message ("Tile %s: %s", id, text);
  return parse_figure (text);
}

static gboolean
has_latin_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      return TRUE;
  return FALSE;
}

static gboolean
has_arabic_digit (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x0660 && g_utf8_get_char (p) <= 0x0669)
      return TRUE;
  return FALSE;
}

static GtkWidget *
find_named (GtkWidget  *root,
            GType       type,
            const char *name)
{
  g_autoptr(GPtrArray) widgets = baladi_test_ui_find_all (root, type);

  for (guint i = 0; i < widgets->len; i++)
    if (g_strcmp0 (gtk_widget_get_name (g_ptr_array_index (widgets, i)), name) == 0)
      return g_ptr_array_index (widgets, i);

  return NULL;
}

static GtkDropDown *
dropdown (const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, name);

  g_assert_nonnull (widget);
  return GTK_DROP_DOWN (widget);
}

/* Midnight in Bahrain of a day given in Bahrain. */
static gint64
bahrain_midnight (int year,
                  int month,
                  int day)
{
  g_autoptr(GTimeZone) bahrain = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) time = g_date_time_new (bahrain, year, month, day, 0, 0, 0);

  return g_date_time_to_unix (time);
}

static void
check_tiles (const Period *period)
{
  gint64 on_time = count_where (period, RECEIVED " AND " ON_TIME);
  gint64 decided = count_where (period, RECEIVED " AND (" ON_TIME " OR " LATE " OR " OVERDUE ")");
  gint64 received = count_where (period, RECEIVED);

  g_test_message ("SQL: %" G_GINT64_FORMAT " received, %" G_GINT64_FORMAT " on time of %" G_GINT64_FORMAT,
                  received, on_time, decided);
  g_assert_cmpfloat (tile ("received"), ==, received);
  g_assert_cmpfloat (tile ("answered"), ==, count_where (period, "first_reply_at >= ?1 AND first_reply_at < ?2"));
  g_assert_cmpfloat (tile ("open"), ==, count_where (period, "status NOT IN ('answered', 'closed')"));
  g_assert_cmpfloat (tile ("overdue"), ==, count_where (period, OVERDUE));
  if (decided > 0)
    g_assert_cmpfloat (fabs (tile ("on-time") - 100.0 * on_time / decided), <=, 0.05 + 1e-9);
  if (received > 0)
    g_assert_cmpfloat (fabs (tile ("reopened") -
                             100.0 * count_where (period, RECEIVED " AND EXISTS (SELECT 1 FROM events e WHERE "
                                                          "e.request_id = requests.id AND e.kind = 'status_change' "
                                                          "AND e.new_value = 'reopened')") / received), <=, 0.05 + 1e-9);

  /* The digits the language uses. */
  g_assert_true (has_arabic_digit (baladi_dashboard_page_get_tile (page, "received")) == baladi_test_ui_is_arabic ());
}

static void
select_period (guint position)
{
  gtk_drop_down_set_selected (dropdown ("period"), position);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
}

static void
select_municipality (const char *nick)
{
  GEnumClass *klass = g_type_class_ref (BALADI_TYPE_MUNICIPALITY);
  guint position = 0;

  for (guint i = 0; nick != NULL && i < klass->n_values; i++)
    if (g_str_equal (klass->values[i].value_nick, nick))
      position = i + 1;
  g_type_class_unref (klass);
  g_assert_true (nick == NULL || position > 0);

  gtk_drop_down_set_selected (dropdown ("municipality"), position);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
}

static gboolean
recomputed (gpointer data)
{
  GDateTime *before = data;

  return baladi_dashboard_page_get_computed_at (page) != NULL &&
         !g_date_time_equal (before, baladi_dashboard_page_get_computed_at (page));
}

static void
test_figures (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GTimeZone) bahrain = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) today = g_date_time_new_now (bahrain);
  int year = g_date_time_get_year (today), month = g_date_time_get_month (today);
  Period period = { 0, };
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dashboard"));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_nonnull (baladi_dashboard_page_get_dashboard (page));

  /* This year, every municipality. */
  select_period (3);
  period.start = bahrain_midnight (year, 1, 1);
  period.end = bahrain_midnight (year + 1, 1, 1);
  period.now = g_date_time_to_unix (baladi_dashboard_page_get_computed_at (page));
  g_assert_cmpfloat (tile ("received"), >, 20);
  check_tiles (&period);

  /* This month, in Muharraq. */
  select_municipality ("muharraq");
  select_period (1);
  period.start = bahrain_midnight (year, month, 1);
  period.end = month == 12 ? bahrain_midnight (year + 1, 1, 1) : bahrain_midnight (year, month + 1, 1);
  period.now = g_date_time_to_unix (baladi_dashboard_page_get_computed_at (page));
  period.municipality = "muharraq";
  check_tiles (&period);

  /* The choices are remembered for the next run. */
  stored = g_settings_get_string (settings, "dashboard-period");
  g_assert_cmpstr (stored, ==, "month");
  g_clear_pointer (&stored, g_free);
  stored = g_settings_get_string (settings, "dashboard-municipality");
  g_assert_cmpstr (stored, ==, "muharraq");

  /* A change in the cache is counted once the changes pause. */
  {
    sqlite3_stmt *stmt = NULL;
    g_autofree char *id = NULL;
    g_autoptr(GError) error = NULL;
    GDateTime *before = g_date_time_ref (baladi_dashboard_page_get_computed_at (page));
    double open = tile ("open");

    g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
                                         "SELECT id FROM requests WHERE municipality = 'muharraq' "
                                         "AND status = 'in_progress' LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);

    g_assert_true (baladi_store_set_status (store, id, BALADI_REQUEST_STATUS_ANSWERED, NULL, USER, &error));
    g_assert_no_error (error);
    baladi_test_ui_wait_until (recomputed, before, 10000);
    g_date_time_unref (before);
    g_assert_cmpfloat (tile ("open"), ==, open - 1);
    period.now = g_date_time_to_unix (baladi_dashboard_page_get_computed_at (page));
    check_tiles (&period);
  }

  /* Every chart says in words what it shows, and shows as a table. */
  {
    g_autoptr(GPtrArray) charts = baladi_test_ui_find_all (GTK_WIDGET (page), BALADI_TYPE_CHART);
    g_autoptr(GPtrArray) toggles = baladi_test_ui_find_all (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON);
    GtkWidget *toggle = NULL;
    GtkStack *stack;

    g_assert_cmpuint (charts->len, ==, 4);
    for (guint i = 0; i < charts->len; i++)
      {
        const char *summary = baladi_chart_get_summary (g_ptr_array_index (charts, i));

        g_test_message ("Chart: %s", summary);
        g_assert_cmpuint (strlen (summary), >, 10);
        if (baladi_test_ui_is_arabic ())
          g_assert_false (has_latin_letter (summary));
      }

    for (guint i = 0; i < toggles->len && toggle == NULL; i++)
      if (GTK_IS_TOGGLE_BUTTON (g_ptr_array_index (toggles, i)) &&
          g_strcmp0 (gtk_button_get_label (g_ptr_array_index (toggles, i)), _("Show as Table")) == 0)
        toggle = g_ptr_array_index (toggles, i);
    g_assert_nonnull (toggle);
    stack = GTK_STACK (gtk_widget_get_ancestor (g_ptr_array_index (charts, 0), GTK_TYPE_STACK));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "chart");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "table");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
  }

  /* Arabic throughout, but for what people typed (reasons, names). */
  if (baladi_test_ui_is_arabic ())
    {
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (page)), ==, GTK_TEXT_DIR_RTL);
      {
        g_autoptr(GPtrArray) boxes = baladi_test_ui_find_all (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX);

        /* The filters, the tiles and the charts. */
        g_assert_cmpuint (boxes->len, ==, 3);
        g_ptr_array_insert (boxes, 0, find_named (GTK_WIDGET (page), GTK_TYPE_BOX, "filter-bar"));
        for (guint i = 0; i < 3; i++)
          {
            g_autofree char *box_text = baladi_test_ui_collect_text (g_ptr_array_index (boxes, i), TRUE);
            g_auto(GStrv) lines = g_strsplit (box_text, "\n", -1);

            for (guint j = 0; lines[j] != NULL; j++)
              if (has_latin_letter (lines[j]))
                g_error ("English text left in the Arabic dashboard: “%s”", lines[j]);
          }
      }
    }
  text = baladi_test_ui_collect_text (GTK_WIDGET (page), TRUE);
  g_assert_nonnull (strstr (text, baladi_municipality_get_label (BALADI_MUNICIPALITY_MUHARRAQ)));
}

static void
test_drill_down (void)
{
  GtkWidget *list = find_named (GTK_WIDGET (page), GTK_TYPE_LIST_BOX, "municipalities");
  BaladiComplaintsPage *complaints = baladi_window_get_complaints_page (window);
  GtkWidget *row = NULL;
  Period period = { 0, 0, 0, "muharraq" };

  g_assert_nonnull (list);
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "key"), "muharraq") == 0)
      row = child;
  g_assert_nonnull (row);

  gtk_widget_activate (row);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (baladi_window_get_visible_page (window), ==, "complaints");
  while (baladi_request_list_get_loading (baladi_complaints_page_get_list (complaints)))
    g_main_context_iteration (NULL, TRUE);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (complaints))), ==,
                    count_where (&period, "1"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (complaints))), <,
                    count_where (&(Period) { 0, 0, 0, NULL }, "1"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dashboard"));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
}

/* A CSV file as rows of fields (RFC 4180: quotes, doubled quotes, CRLF). */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (field, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p++;
        }
      else
        g_string_append_c (field, *p);
    }

  g_assert_cmpuint (row->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

/* Text as pdftotext gives it back, for comparison: without spaces (it
 * splits Arabic words where glyphs' advances leave gaps) and direction
 * marks (it wraps right-to-left runs in them), and with the two letters of
 * a lam-alef ligature in the order it writes them, alef first. */
static char *
as_extracted (const char *text)
{
  GString *result = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (g_unichar_isspace (c) || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
          (c >= 0x2066 && c <= 0x2069))
        continue;
      if (c == 0x0644 && (next == 0x0627 || next == 0x0623 || next == 0x0625 || next == 0x0622))
        {
          g_string_append_unichar (result, next);
          g_string_append_unichar (result, c);
          p = g_utf8_next_char (p);
          continue;
        }
      g_string_append_unichar (result, c);
    }

  return g_string_free (result, FALSE);
}

static gboolean
extracted_contains (const char *extracted,
                    const char *text)
{
  g_autofree char *haystack = NULL;
  g_autofree char *needle = as_extracted (text);

  /* The extracted text has its ligatures in order already. */
  {
    GString *stripped = g_string_new (NULL);

    for (const char *p = extracted; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (!g_unichar_isspace (c) && c != 0x200E && c != 0x200F && !(c >= 0x202A && c <= 0x202E) &&
            !(c >= 0x2066 && c <= 0x2069))
          g_string_append_unichar (stripped, c);
      }
    haystack = g_string_free (stripped, FALSE);
  }

  if (strstr (haystack, needle) == NULL)
    {
      g_test_message ("Not in the PDF: “%s”", text);
      return FALSE;
    }
  return TRUE;
}

/* Each word of @text: pdftotext moves numbers about in right-to-left
 * lines, so a date's day, month and year are looked for one by one. */
static gboolean
extracted_contains_words (const char *extracted,
                          const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  gboolean found = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      found &= extracted_contains (extracted, words[i]);

  return found;
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dashboard-export-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) pdf = g_file_get_child (folder, "report.pdf");
  g_autofree char *csv_path = g_build_filename (dir, "municipalities.csv", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *pdf_text = NULL;
  g_autofree char *pdf_path = g_file_get_path (pdf);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GTimeZone) bahrain = g_time_zone_new_offset (3 * 3600);
  g_autoptr(GDateTime) today = g_date_time_new_now (bahrain);
  int year = g_date_time_get_year (today), month = g_date_time_get_month (today);
  Period period = { bahrain_midnight (year, month, 1),
                    month == 12 ? bahrain_midnight (year + 1, 1, 1) : bahrain_midnight (year, month + 1, 1),
                    0, "muharraq" };
  const char *argv[] = { "pdftotext", pdf_path, "-", NULL };
  int wait_status;
  GtkLabel *period_label = NULL;

  g_assert_no_error (error);

  /* Every table, one file each; the municipalities' says what SQL says. */
  g_assert_true (baladi_dashboard_page_export_csv (page, folder, &error));
  g_assert_no_error (error);
  for (guint id = 0; id < BALADI_DASHBOARD_N_TABLES; id++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", baladi_dashboard_table_get_name (
                                                 baladi_dashboard_get_table (baladi_dashboard_page_get_dashboard (page), id)));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  rows = parse_csv (csv + 3);
  g_assert_cmpuint (rows->len, ==, 2);
  {
    GPtrArray *header = g_ptr_array_index (rows, 0);
    GPtrArray *row = g_ptr_array_index (rows, 1);

    g_assert_cmpstr (g_ptr_array_index (header, 2), ==, C_("requests", "Received"));
    g_assert_cmpstr (g_ptr_array_index (row, 0), ==, "muharraq");
    g_assert_cmpstr (g_ptr_array_index (row, 1), ==, baladi_municipality_get_label (BALADI_MUNICIPALITY_MUHARRAQ));
    g_assert_cmpint (g_ascii_strtoll (g_ptr_array_index (row, 2), NULL, 10), ==, count_where (&period, RECEIVED));
  }

  /* The report: title, period, filters, in the language of the interface. */
  g_assert_true (baladi_dashboard_page_export_pdf (page, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &pdf_text, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_test_message ("The report begins: %.400s", pdf_text);
  g_assert_true (extracted_contains (pdf_text, _("Performance Dashboard")));
  g_assert_true (extracted_contains (pdf_text, baladi_municipality_get_label (BALADI_MUNICIPALITY_MUHARRAQ)));
  g_assert_true (extracted_contains (pdf_text, _("Answered on Time")));
  {
    g_autoptr(GPtrArray) labels = baladi_test_ui_find_all (GTK_WIDGET (page), GTK_TYPE_LABEL);

    for (guint i = 0; i < labels->len && period_label == NULL; i++)
      if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "title-3"))
        period_label = g_ptr_array_index (labels, i);
    g_assert_nonnull (period_label);
    if (baladi_test_ui_is_arabic ())
      g_assert_true (extracted_contains_words (pdf_text, gtk_label_get_text (period_label)));
    else
      g_assert_true (extracted_contains (pdf_text, gtk_label_get_text (period_label)));
  }
  if (baladi_test_ui_is_arabic ())
    g_assert_true (extracted_contains (pdf_text, "بلدية المحرق"));
  else
    g_assert_true (extracted_contains (pdf_text, "Muharraq"));

  g_assert_no_errno (g_remove (pdf_path));
  {
    g_autoptr(GDir) files = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (files)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_assert_no_errno (g_remove (path));
      }
  }
  g_assert_no_errno (g_rmdir (dir));
}

static void
test_screenshots (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *content = find_named (GTK_WIDGET (page), GTK_TYPE_BOX, "content");

  /* Everything, this year, from the top. */
  select_municipality (NULL);
  select_period (3);
  g_assert_nonnull (content);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (content, GTK_TYPE_SCROLLED_WINDOW))), 0);

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *name = g_strdup_printf ("dashboard-%s", dark ? "dark" : "light");
      g_autofree char *content_name = g_strdup_printf ("dashboard-full-%s", dark ? "dark" : "light");
      g_autofree char *png = NULL;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 4);
      png = baladi_test_ui_save_png (GTK_WIDGET (window), name);
      g_test_message ("Screenshot: %s", png);
      g_free (png);
      png = baladi_test_ui_save_png (content, content_name);
      g_test_message ("Screenshot: %s", png);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--seed-requests", "800", NULL };
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  BaladiPullStats stats;
  int status;

  baladi_test_ui_init (&argc, &argv);
  g_setenv ("BALADI_USER", USER, TRUE);

  /* A cache synced from a real server, where the application looks. */
  server = baladi_test_server_start_with (args);
  store = baladi_store_open (NULL, &error);
  g_assert_no_error (error);
  client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_assert_true (baladi_sync_client_login (client, USER, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  app = baladi_application_new ();
  /* The English and the Arabic runs share a D-Bus session. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = BALADI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 1000);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  page = baladi_window_get_dashboard_page (window);
  store = g_object_ref (baladi_application_get_store (app));

  g_test_add_func ("/dashboard/figures", test_figures);
  g_test_add_func ("/dashboard/drill-down", test_drill_down);
  g_test_add_func ("/dashboard/export", test_export);
  g_test_add_func ("/dashboard/screenshots", test_screenshots);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_clear_object (&app);
  baladi_test_server_stop (server);
  return status;
}
