/* test-services.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Services page in the real window under Xvfb, over a cache synced
 * from a real baladi-server on loopback: browsing by sector and category,
 * search with spelling variants and highlights, a service with its
 * checklist and the requests about it, the caller's answer on the
 * clipboard in both languages, the sheet as a PDF, starting a request,
 * and editing, which only a catalogue editor can do and which reaches the
 * server through the outbox. Screenshots go to the build dir. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "baladi-application.h"
#include "baladi-service-answer.h"
#include "baladi-service-editor.h"
#include "baladi-service-format.h"
#include "baladi-service-pane.h"
#include "baladi-service-sheet.h"
#include "baladi-services-page.h"
#include "baladi-store-lookups.h"
#include "baladi-store-services.h"
#include "baladi-store-sync.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"
#include "baladi-test-ui.h"
#include "baladi-window.h"

#define CLERK "clerk.capital"
#define EDITOR "editor"
#define PASSWORD "Baladi#2026"
#define SERVICE "MUN-001"
#define N_FILED 3

static BaladiTestServer *server;
static BaladiApplication *app;
static BaladiWindow *window;
static BaladiServicesPage *page;
static BaladiStore *store;

static gint64
count_with (const char *sql,
            const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static char *
text_with (const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static void
frames (guint n)
{
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), n);
}

static guint
n_rows (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (baladi_services_page_get_list (page)));
}

static BaladiServicePane *
pane (void)
{
  return BALADI_SERVICE_PANE (baladi_test_ui_find_first (GTK_WIDGET (page), BALADI_TYPE_SERVICE_PANE));
}

static GtkSearchEntry *
search_entry (void)
{
  return GTK_SEARCH_ENTRY (baladi_test_ui_find_first (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY));
}

/* The widget of @type at or below @root whose label is @label. */
static GtkWidget *
find_labelled (GtkWidget  *root,
               GType       type,
               const char *label)
{
  g_autoptr(GPtrArray) widgets = baladi_test_ui_find_all (root, type);

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);
      const char *text = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget))
                         : GTK_IS_LABEL (widget) ? gtk_label_get_label (GTK_LABEL (widget)) : NULL;

      if (g_strcmp0 (text, label) == 0)
        return widget;
    }

  return NULL;
}

static gboolean
search_settled (gpointer data)
{
  const char *wanted = data;

  return g_strcmp0 (baladi_service_list_get_search_text (baladi_services_page_get_list (page)),
                    *wanted == '\0' ? NULL : wanted) == 0;
}

/* Types @text as a clerk would and waits for the results on screen;
 * returns how long that took, in microseconds. */
static gint64
type_search (const char *text)
{
  gint64 start = g_get_monotonic_time ();

  gtk_editable_set_text (GTK_EDITABLE (search_entry ()), text);
  baladi_test_ui_wait_until (search_settled, (gpointer) text, 5000);
  frames (1);
  return g_get_monotonic_time () - start;
}

/* The Arabic interface shows no English: service codes and web
 * addresses are the only Latin letters allowed. */
static void
assert_no_english (GtkWidget *root)
{
  g_autofree char *text = baladi_test_ui_collect_text (root, TRUE);
  g_autoptr(GRegex) allowed = g_regex_new ("[A-Z]{3}-[0-9]{3}|https://\\S+", 0, 0, NULL);
  g_autofree char *rest = g_regex_replace_literal (allowed, text, -1, 0, "", 0, NULL);

  if (!baladi_test_ui_is_arabic ())
    return;

  for (const char *p = rest; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      {
        g_autofree char *line_start = g_strndup (MAX (rest, p - 30), 60);

        g_error ("English in the Arabic interface: “%s”", line_start);
      }
}

/* The first label at or below @widget. */
static GtkLabel *
first_label (GtkWidget *widget)
{
  g_autoptr(GPtrArray) labels = baladi_test_ui_find_all (widget, GTK_TYPE_LABEL);

  g_assert_cmpuint (labels->len, >, 0);
  return g_ptr_array_index (labels, 0);
}

/* The sidebar titles each category with its name from the cache, in the
 * interface's language, the directorate underneath: no title twice in a
 * sector, and the titles of a sector in order. */
/* The sidebar: the list whose first row is All Services. */
static GtkListBox *
find_sidebar (void)
{
  g_autoptr(GPtrArray) lists = baladi_test_ui_find_all (GTK_WIDGET (page), GTK_TYPE_LIST_BOX);

  for (guint i = 0; i < lists->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (g_ptr_array_index (lists, i), 0);

      if (row != NULL && g_str_equal (gtk_label_get_label (first_label (GTK_WIDGET (row))), _("All Services")))
        return g_ptr_array_index (lists, i);
    }
  g_assert_not_reached ();
}

static void
assert_sidebar_titles (void)
{
  const char *language = baladi_test_ui_is_arabic () ? "ar" : "en";
  g_autofree char *name_sql = g_strdup_printf ("SELECT json_extract (document, '$.name.%s') FROM lookups "
                                               "WHERE kind = 'service_categories' AND code = ?1", language);
  g_autofree char *directorate_sql = g_strdup_printf ("SELECT json_extract (document, '$.directorate.%s') FROM services "
                                                      "WHERE category = ?1 GROUP BY 1 ORDER BY count(*) DESC, "
                                                      "json_extract (document, '$.directorate.en') LIMIT 1", language);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;
  GtkListBox *sidebar = find_sidebar ();
  guint n_categories = 0;

  for (int i = 1; gtk_list_box_get_row_at_index (sidebar, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, i);
      const char *sector = g_object_get_data (G_OBJECT (row), "sector");
      const char *category = g_object_get_data (G_OBJECT (row), "category");
      g_autoptr(GPtrArray) labels = baladi_test_ui_find_all (GTK_WIDGET (row), GTK_TYPE_LABEL);
      const char *title = gtk_label_get_label (g_ptr_array_index (labels, 0));
      g_autofree char *name = NULL;
      g_autofree char *directorate = NULL;

      g_assert_nonnull (sector);
      if (category == NULL)
        {
          g_clear_pointer (&previous, g_free);
          continue;
        }

      name = text_with (name_sql, category);
      directorate = text_with (directorate_sql, category);
      g_assert_nonnull (name);
      g_assert_cmpstr (name, !=, "");
      g_assert_cmpstr (title, ==, name);
      /* Title, directorate, count. */
      g_assert_cmpuint (labels->len, ==, 3);
      g_assert_cmpstr (gtk_label_get_label (g_ptr_array_index (labels, 1)), ==, directorate);
      g_assert_false (g_hash_table_contains (seen, title));
      g_hash_table_add (seen, g_strdup (title));
      if (previous != NULL)
        g_assert_cmpint (g_utf8_collate (previous, title), <, 0);
      g_free (previous);
      previous = g_strdup (title);
      n_categories++;
    }
  g_assert_cmpuint (n_categories, ==, count_with ("SELECT count(DISTINCT category) FROM services", NULL));
  g_assert_cmpuint (n_categories, ==, 35);
}

static void
test_catalogue (void)
{
  gint64 all = count_with ("SELECT count(*) FROM services", NULL);
  gint64 urban = count_with ("SELECT count(*) FROM services WHERE sector = ?1", "urban-planning");
  g_autofree char *category = text_with ("SELECT category FROM services WHERE code = ?1", SERVICE);
  gint64 in_category = count_with ("SELECT count(*) FROM services WHERE category = ?1", category);
  g_autofree char *png = NULL;
  g_autofree char *count_text = NULL;

  baladi_window_set_visible_page (window, "services");
  frames (3);
  g_assert_cmpint (all, ==, 108);
  g_assert_cmpuint (n_rows (), ==, all);

  /* The sidebar's numbers are the cache's. */
  count_text = g_strdup_printf ("%" G_GINT64_FORMAT, all);
  g_assert_nonnull (find_labelled (GTK_WIDGET (page), GTK_TYPE_LABEL, count_text));
  assert_sidebar_titles ();

  baladi_services_page_browse (page, "urban-planning", NULL);
  frames (2);
  g_assert_cmpuint (n_rows (), ==, urban);
  baladi_services_page_browse (page, "municipalities", category);
  frames (2);
  g_assert_cmpuint (n_rows (), ==, in_category);
  g_assert_cmpuint (n_rows (), <, all);
  baladi_services_page_browse (page, NULL, NULL);
  frames (2);
  g_assert_cmpuint (n_rows (), ==, all);

  /* All the services, their categories in the sidebar's order. */
  {
    g_autoptr(GPtrArray) in_sidebar = g_ptr_array_new ();
    g_autoptr(GPtrArray) in_list = g_ptr_array_new_with_free_func (g_free);
    GtkListBox *sidebar = find_sidebar ();
    for (int i = 1; gtk_list_box_get_row_at_index (sidebar, i) != NULL; i++)
      {
        const char *code = g_object_get_data (G_OBJECT (gtk_list_box_get_row_at_index (sidebar, i)), "category");

        if (code != NULL)
          g_ptr_array_add (in_sidebar, (gpointer) code);
      }
    for (guint i = 0; i < n_rows (); i++)
      {
        g_autoptr(BaladiService) service = g_list_model_get_item (G_LIST_MODEL (baladi_services_page_get_list (page)), i);
        g_autofree char *code = text_with ("SELECT category FROM services WHERE code = ?1", baladi_service_get_code (service));

        if (in_list->len == 0 || !g_str_equal (g_ptr_array_index (in_list, in_list->len - 1), code))
          g_ptr_array_add (in_list, g_steal_pointer (&code));
      }
    g_assert_cmpuint (in_list->len, ==, in_sidebar->len);
    for (guint i = 0; i < in_list->len; i++)
      g_assert_cmpstr (g_ptr_array_index (in_list, i), ==, g_ptr_array_index (in_sidebar, i));
  }

  /* Each row: name, then sector, e-service or not, duration and fee. */
  {
    g_autoptr(BaladiService) first = g_list_model_get_item (G_LIST_MODEL (baladi_services_page_get_list (page)), 0);
    g_autofree char *name = NULL;
    BaladiSector sector;

    g_object_get (first, baladi_test_ui_is_arabic () ? "name-ar" : "name-en", &name, "sector", &sector, NULL);
    g_assert_nonnull (find_labelled (GTK_WIDGET (page), GTK_TYPE_LABEL, name));
  }

  png = baladi_test_ui_save_png (GTK_WIDGET (window), "services-catalogue");
  g_test_message ("Screenshot: %s", png);
  assert_no_english (GTK_WIDGET (page));
}

static void
test_search (void)
{
  g_autofree char *png = NULL;
  g_autofree char *markup = NULL;
  gint64 first_results;
  gboolean found = FALSE;

  /* Taa marbuta written as haa, and the article: still the permit. */
  first_results = type_search ("رخصه البناء");
  g_test_message ("From typing to the first results drawn: %.1f ms (the entry waits %d ms for typing to pause)",
                  first_results / 1000.0, 60);
  g_assert_cmpuint (n_rows (), >, 0);
  g_assert_cmpuint (n_rows (), <, 108);
  for (guint i = 0; i < MIN (n_rows (), 3u); i++)
    {
      g_autoptr(BaladiService) service = g_list_model_get_item (G_LIST_MODEL (baladi_services_page_get_list (page)), i);

      found |= g_str_equal (baladi_service_get_code (service), SERVICE);
    }
  g_assert_true (found);

  /* The words found are in bold in the row's name, escaped markup. */
  {
    g_autoptr(GPtrArray) labels = baladi_test_ui_find_all (GTK_WIDGET (page), GTK_TYPE_LABEL);

    for (guint i = 0; i < labels->len && markup == NULL; i++)
      if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), "<b>") != NULL)
        markup = g_strdup (gtk_label_get_label (g_ptr_array_index (labels, i)));
  }
  if (baladi_test_ui_is_arabic ())
    {
      g_assert_nonnull (markup);
      g_test_message ("Highlighted: %s", markup);
      g_assert_nonnull (strstr (markup, "<b>"));
    }

  /* A typo of one letter, in English. */
  type_search ("demolision");
  found = FALSE;
  for (guint i = 0; i < MIN (n_rows (), 3u); i++)
    {
      g_autoptr(BaladiService) service = g_list_model_get_item (G_LIST_MODEL (baladi_services_page_get_list (page)), i);

      found |= g_str_equal (baladi_service_get_code (service), "MUN-003");
    }
  g_assert_true (found);

  /* Nothing found says so. */
  type_search ("zzzzqqq");
  g_assert_cmpuint (n_rows (), ==, 0);

  type_search ("رخصه البناء");
  png = baladi_test_ui_save_png (GTK_WIDGET (window), "services-search");
  g_test_message ("Screenshot: %s", png);
  type_search ("");
  g_assert_cmpuint (n_rows (), ==, 108);
}

static void
test_open (void)
{
  gint64 filed = count_with ("SELECT count(*) FROM requests WHERE service_code = ?1", SERVICE);
  gint64 counted = count_with ("SELECT count(*) FROM requests WHERE service_code = ?1 "
                               "AND (first_reply_at IS NOT NULL OR due_at < strftime('%s', 'now'))", SERVICE);
  gint64 on_time = count_with ("SELECT count(*) FROM requests WHERE service_code = ?1 "
                               "AND first_reply_at <= due_at", SERVICE);
  g_autoptr(BaladiService) service = baladi_store_get_service (store, SERVICE, NULL);
  g_auto(GStrv) documents = NULL;
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *png = NULL;
  g_autofree char *rate = NULL;
  guint n_checks = 0;

  g_assert_cmpint (filed, ==, N_FILED);
  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  frames (3);
  g_assert_cmpstr (baladi_service_get_code (baladi_service_pane_get_service (pane ())), ==, SERVICE);
  g_assert_nonnull (find_labelled (GTK_WIDGET (pane ()), GTK_TYPE_LABEL,
                                   baladi_service_get_name (service, baladi_test_ui_is_arabic () ? "ar" : "en")));
  /* Its sector, category, directorate and code under its name. */
  {
    const char *language = baladi_test_ui_is_arabic () ? "ar" : "en";
    g_autofree char *category = NULL;
    g_autofree char *category_name = NULL;
    g_autofree char *directorate = NULL;
    g_autofree char *line = NULL;
    BaladiSector sector;

    g_object_get (service, "category", &category, "sector", &sector,
                  baladi_test_ui_is_arabic () ? "directorate-ar" : "directorate-en", &directorate, NULL);
    category_name = baladi_store_get_service_category_name (store, category, language);
    g_assert_nonnull (category_name);
    line = g_strdup_printf (_("%s › %s · %s · %s"), baladi_sector_get_label (sector), category_name, directorate, SERVICE);
    g_assert_nonnull (find_labelled (GTK_WIDGET (pane ()), GTK_TYPE_LABEL, line));
  }

  /* The documents as a checklist the clerk ticks. */
  g_object_get (service, baladi_test_ui_is_arabic () ? "documents-ar" : "documents-en", &documents, NULL);
  checks = baladi_test_ui_find_all (GTK_WIDGET (pane ()), GTK_TYPE_CHECK_BUTTON);
  for (guint i = 0; i < checks->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (checks, i)))
      n_checks++;
  g_assert_cmpuint (n_checks, ==, g_strv_length (documents));
  g_assert_cmpuint (n_checks, >, 0);
  gtk_check_button_set_active (g_ptr_array_index (checks, 0), TRUE);

  /* The requests about it, with the KPI's rule, as SQL written here says. */
  g_assert_cmpuint (baladi_service_pane_get_n_requests (pane ()), ==, filed);
  g_assert_cmpint (counted, ==, 1);
  rate = g_strdup_printf (_("%.1f %% answered on time (%u of %u)"), 100.0 * on_time / counted, (guint) on_time, (guint) counted);
  {
    AdwActionRow *row = ADW_ACTION_ROW (baladi_test_ui_find_first (GTK_WIDGET (pane ()), ADW_TYPE_ACTION_ROW));
    g_autoptr(GPtrArray) rows = baladi_test_ui_find_all (GTK_WIDGET (pane ()), ADW_TYPE_ACTION_ROW);
    gboolean found = FALSE;

    g_assert_nonnull (row);
    for (guint i = 0; i < rows->len; i++)
      found |= g_strcmp0 (adw_action_row_get_subtitle (g_ptr_array_index (rows, i)), rate) == 0;
    g_assert_true (found);
  }

  png = baladi_test_ui_save_png (GTK_WIDGET (window), "services-service");
  g_test_message ("Screenshot: %s", png);
  assert_no_english (GTK_WIDGET (page));

  /* The requests, in the Complaints page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "service.show-requests", NULL));
  frames (2);
  g_assert_cmpstr (baladi_window_get_visible_page (window), ==, "complaints");
  {
    BaladiRequestList *list = baladi_complaints_page_get_list (baladi_window_get_complaints_page (window));

    for (guint i = 0; i < 200 && baladi_request_list_get_loading (list); i++)
      frames (1);
    frames (2);
    while (baladi_request_list_get_loading (list))
      frames (1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, filed);
    baladi_complaints_page_show_service (baladi_window_get_complaints_page (window), NULL, NULL);
  }
  baladi_window_set_visible_page (window, "services");
  frames (2);
}

static void
read_text_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static char *
clipboard_text (void)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL, read_text_done, &text);
  baladi_test_ui_wait_until (is_set, &text, 5000);
  g_assert_nonnull (text);
  return text;
}

static void
test_copy_answer (void)
{
  BaladiService *service;
  g_autofree char *arabic = NULL;
  g_autofree char *english = NULL;
  g_autofree char *expected_ar = NULL;
  g_autofree char *expected_en = NULL;

  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  service = baladi_service_pane_get_service (pane ());
  expected_ar = baladi_service_compose_answer (service, "ar");
  expected_en = baladi_service_compose_answer (service, "en");

  /* In the caller's language, whatever the interface's. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "service.copy-answer-ar", NULL));
  arabic = clipboard_text ();
  g_assert_cmpstr (arabic, ==, expected_ar);
  g_assert_true (g_str_has_prefix (arabic, baladi_service_get_name (service, "ar")));
  g_assert_nonnull (strstr (arabic, "المستندات المطلوبة"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "service.copy-answer-en", NULL));
  english = clipboard_text ();
  g_assert_cmpstr (english, ==, expected_en);
  g_assert_true (g_str_has_prefix (english, baladi_service_get_name (service, "en")));
  g_assert_nonnull (strstr (english, "Required documents"));
}

static char *
pdf_text (const char *language)
{
  BaladiService *service = baladi_service_pane_get_service (pane ());
  g_autofree char *dir = g_dir_make_tmp ("sheet-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "sheet.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  int status;

  g_assert_true (baladi_service_sheet_export_pdf (service, language, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (pdf);
  g_rmdir (dir);

  /* Presentation forms, if any, back to letters. */
  return g_utf8_normalize (out, -1, G_NORMALIZE_ALL_COMPOSE);
}

/* pdftotext puts spaces inside Arabic words where the glyphs of a
 * shaped word sit apart, and bidi marks around lines: what matters is
 * the letters, in reading order. */
static char *
letters_only (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_FORMAT)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
sheet_has (const char *sheet,
           const char *text)
{
  g_autofree char *haystack = letters_only (sheet);
  g_autofree char *needle = letters_only (text);

  return strstr (haystack, needle) != NULL;
}

static void
test_print (void)
{
  BaladiService *service;
  g_autofree char *arabic = NULL;
  g_autofree char *english = NULL;
  g_auto(GStrv) words = NULL;

  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  service = baladi_service_pane_get_service (pane ());

  arabic = pdf_text ("ar");
  g_test_message ("Arabic sheet as pdftotext reads it:\n%s", arabic);
  /* Shaped, in order, right to left: pdftotext gives back the name. */
  g_assert_nonnull (strstr (arabic, baladi_service_get_name (service, "ar")));
  g_assert_true (sheet_has (arabic, "المستندات المطلوبة"));
  g_assert_true (sheet_has (arabic, "نسخة من البطاقة الذكية لمقدم الطلب"));
  /* Nothing of the English sheet. */
  g_assert_false (sheet_has (arabic, "Required documents"));

  english = pdf_text ("en");
  g_assert_nonnull (strstr (english, baladi_service_get_name (service, "en")));
  g_assert_true (sheet_has (english, "Required documents"));
  g_assert_false (sheet_has (english, baladi_service_get_name (service, "ar")));
  words = g_strsplit (english, " ", -1);
  g_assert_cmpuint (g_strv_length (words), >, 20);
}

static void
test_new_request (void)
{
  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "service.new-request", NULL));
  frames (2);
  g_assert_cmpstr (baladi_window_get_visible_page (window), ==, "complaints");
  baladi_window_set_visible_page (window, "services");
  frames (2);
}

static GtkWidget *
edit_button (void)
{
  return find_labelled (GTK_WIDGET (pane ()), GTK_TYPE_BUTTON, _("_Edit"));
}

static void
test_clerk_cannot_edit (void)
{
  g_autofree char *text = NULL;

  baladi_window_set_store (window, store, CLERK);
  frames (2);
  g_assert_false (baladi_services_page_get_can_edit (page));
  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  frames (2);

  /* No control at all, and the action refuses. */
  g_assert_nonnull (edit_button ());
  g_assert_false (gtk_widget_get_visible (edit_button ()));
  text = baladi_test_ui_collect_text (GTK_WIDGET (page), TRUE);
  g_assert_null (strstr (text, _("Edit This Service in the Catalogue")));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (pane ()), "service.edit", NULL) &&
                  baladi_test_ui_find_toplevel (BALADI_TYPE_SERVICE_EDITOR) != NULL);
  g_assert_null (baladi_test_ui_find_toplevel (BALADI_TYPE_SERVICE_EDITOR));
}

static void
test_editor_edits (void)
{
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *token = NULL;
  g_autofree char *version_before = text_with ("SELECT version FROM services WHERE code = ?1", SERVICE);
  g_autofree char *cached = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *base = NULL;
  g_autofree char *png = NULL;
  g_autofree char *version_after = NULL;
  const char *new_name = "رخصة بناء مسكن خاص جديد";
  BaladiServiceEditor *editor;
  BaladiPushStats push;
  JsonObject *object;

  baladi_window_set_store (window, store, EDITOR);
  frames (2);
  g_assert_true (baladi_services_page_get_can_edit (page));
  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  frames (2);
  g_assert_true (gtk_widget_get_visible (edit_button ()));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "service.edit", NULL));
  frames (3);
  editor = BALADI_SERVICE_EDITOR (baladi_test_ui_find_toplevel (BALADI_TYPE_SERVICE_EDITOR));
  g_assert_nonnull (editor);

  /* The Arabic name in English letters is refused, and nothing is saved. */
  baladi_service_editor_set_text (editor, "name-ar", "Private house permit");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_nonnull (baladi_service_editor_get_problem (editor));
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE service_code = ?1", SERVICE), ==, 0);

  baladi_service_editor_set_text (editor, "name-ar", new_name);
  baladi_service_editor_set_duration (editor, 12);
  png = baladi_test_ui_save_png (GTK_WIDGET (editor), "services-editor");
  g_test_message ("Screenshot: %s", png);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  frames (3);
  g_assert_null (baladi_test_ui_find_toplevel (BALADI_TYPE_SERVICE_EDITOR));

  /* In the cache at once, and in the outbox with the version it was made on. */
  cached = text_with ("SELECT json_extract (document, '$.name.ar') FROM services WHERE code = ?1", SERVICE);
  g_assert_cmpstr (cached, ==, new_name);
  g_assert_cmpint (count_with ("SELECT json_extract (document, '$.duration.value') FROM services WHERE code = ?1", SERVICE), ==, 12);
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE service_code = ?1", SERVICE), ==, 1);
  payload = text_with ("SELECT payload FROM outbox WHERE service_code = ?1", SERVICE);
  base = text_with ("SELECT base_version FROM outbox WHERE service_code = ?1", SERVICE);
  g_test_message ("Outbox: %s (If-Match \"v%s\")", payload, base);
  g_assert_cmpstr (base, ==, version_before);
  g_assert_nonnull (strstr (payload, "\"name\""));
  g_assert_nonnull (strstr (payload, "\"duration\""));
  /* Only what changed. */
  g_assert_null (strstr (payload, "\"documents\""));
  g_assert_cmpstr (baladi_service_get_name (baladi_service_pane_get_service (pane ()), "ar"), ==, new_name);

  /* The search finds it by its new name. */
  type_search ("مسكن خاص جديد");
  g_assert_cmpuint (n_rows (), >, 0);
  {
    g_autoptr(BaladiService) first = g_list_model_get_item (G_LIST_MODEL (baladi_services_page_get_list (page)), 0);

    g_assert_cmpstr (baladi_service_get_code (first), ==, SERVICE);
  }
  type_search ("");

  /* On the server after a push, signed in as the editor. */
  g_assert_true (baladi_sync_client_login (client, EDITOR, PASSWORD, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_sent, ==, 1);
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox", NULL), ==, 0);

  token = baladi_test_server_login (server, CLERK);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/services/" SERVICE, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "name"), "ar"), ==, new_name);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "duration"), "value"), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (object, "version"), !=, version_before);
  version_after = text_with ("SELECT version FROM services WHERE code = ?1", SERVICE);
  g_assert_cmpstr (version_after, ==, json_object_get_string_member (object, "version"));
}

/* Someone else changes the service on the server (as another desk would)
 * while an edit made here waits: 412, and the edit waits for its editor
 * in a bar over the service. */
static void
edit_behind_their_back (const char *their_body,
                        const char *my_changes)
{
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autofree char *token = baladi_test_server_login (server, EDITOR);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *if_match = NULL;
  BaladiPushStats push;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/services/" SERVICE, token, NULL, NULL, NULL, 0,
                                             &current, NULL), ==, 200);
  if_match = g_strdup_printf ("\"v%s\"", json_object_get_string_member (json_node_get_object (current), "version"));
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/services/" SERVICE, token, if_match, key,
                                             their_body, -1, NULL, NULL), ==, 200);

  g_assert_true (baladi_store_edit_service (store, SERVICE, my_changes, &error));
  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_login (client, EDITOR, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_conflicts, ==, 1);
  g_assert_cmpuint (push.n_services, ==, 1);
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE service_code = ?1 AND state = 'conflict'", SERVICE), ==, 1);

  baladi_services_page_reload (page);
  frames (3);
}

static char *
server_text (const char *member,
             const char *language)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *token = baladi_test_server_login (server, CLERK);

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/services/" SERVICE, token, NULL, NULL, NULL, 0,
                                             &json, NULL), ==, 200);
  return g_strdup (json_object_get_string_member (json_object_get_object_member (json_node_get_object (json), member),
                                                  language));
}

static void
test_edit_conflict (void)
{
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;
  g_autofree char *png = NULL;
  g_autofree char *cached_description = NULL;
  g_autofree char *cached_eligibility = NULL;
  g_autofree char *server_description = NULL;
  g_autofree char *server_eligibility = NULL;
  g_autofree char *cached_version = NULL;
  BaladiPushStats push;

  baladi_window_set_store (window, store, EDITOR);
  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  frames (2);
  g_assert_null (baladi_store_get_service_trouble (store, SERVICE));
  g_assert_null (baladi_service_pane_get_trouble (pane ()));

  /* They change the eligibility; this desk changes the description. */
  edit_behind_their_back ("{\"eligibility\": {\"ar\": \"المالك أو وكيله\", \"en\": \"The owner or an agent\"}}",
                          "{\"description\": {\"ar\": \"وصف محدّث من المكتب\", \"en\": \"Description updated at the desk\"}}");
  g_assert_nonnull (baladi_store_get_service_trouble (store, SERVICE));
  g_assert_nonnull (baladi_service_pane_get_trouble (pane ()));
  g_test_message ("The bar says: %s", baladi_service_pane_get_trouble (pane ()));
  png = baladi_test_ui_save_png (GTK_WIDGET (window), "services-edit-conflict");
  g_test_message ("Screenshot: %s", png);

  /* Keep Mine: the edit goes again over their version, which keeps
   * their eligibility; the cache shows both at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "pane.keep-edit", NULL));
  frames (2);
  g_assert_null (baladi_store_get_service_trouble (store, SERVICE));
  g_assert_null (baladi_service_pane_get_trouble (pane ()));
  cached_eligibility = text_with ("SELECT json_extract (document, '$.eligibility.en') FROM services WHERE code = ?1", SERVICE);
  cached_description = text_with ("SELECT json_extract (document, '$.description.en') FROM services WHERE code = ?1", SERVICE);
  g_assert_cmpstr (cached_eligibility, ==, "The owner or an agent");
  g_assert_cmpstr (cached_description, ==, "Description updated at the desk");
  g_assert_true (baladi_sync_client_login (client, EDITOR, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("Pushed: %u sent, %u conflicts, %u attention", push.n_sent, push.n_conflicts, push.n_attention);
  g_assert_cmpuint (push.n_sent, ==, 1);
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE service_code = ?1", SERVICE), ==, 0);
  server_description = server_text ("description", "en");
  server_eligibility = server_text ("eligibility", "en");
  g_assert_cmpstr (server_description, ==, "Description updated at the desk");
  g_assert_cmpstr (server_eligibility, ==, "The owner or an agent");
  g_clear_pointer (&server_description, g_free);
  g_clear_pointer (&cached_description, g_free);

  /* Again, and this time Take Theirs: the cache becomes the server's
   * service, and nothing of the dropped edit goes. */
  edit_behind_their_back ("{\"description\": {\"ar\": \"وصف من مكتب آخر\", \"en\": \"Their description\"}}",
                          "{\"description\": {\"ar\": \"وصفي\", \"en\": \"My description\"}}");
  g_assert_nonnull (baladi_store_get_service_trouble (store, SERVICE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "pane.drop-edit", NULL));
  frames (2);
  g_assert_null (baladi_store_get_service_trouble (store, SERVICE));
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE service_code = ?1", SERVICE), ==, 0);
  cached_description = text_with ("SELECT json_extract (document, '$.description.en') FROM services WHERE code = ?1", SERVICE);
  g_assert_cmpstr (cached_description, ==, "Their description");
  server_description = server_text ("description", "en");
  g_assert_cmpstr (server_description, ==, "Their description");
  cached_version = text_with ("SELECT version FROM services WHERE code = ?1", SERVICE);
  {
    g_autoptr(BaladiService) shown = baladi_store_get_service (store, SERVICE, NULL);
    g_autofree char *description = baladi_service_dup_text (shown, "description", "en");

    g_assert_cmpstr (description, ==, "Their description");
  }
  /* The next edit goes on the server's version, without a 412. */
  g_assert_true (baladi_store_edit_service (store, SERVICE, "{\"description\": {\"ar\": \"وصف أخير\", \"en\": \"Last description\"}}", &error));
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_sent, ==, 1);
  g_assert_cmpuint (push.n_conflicts, ==, 0);
  g_test_message ("Resolved on version %s", cached_version);

  /* An edit the server refuses (a duration over 365 days): it waits with
   * the server's answer; dropping it brings back the service it was made
   * on. */
  g_clear_pointer (&cached_description, g_free);
  cached_description = text_with ("SELECT json_extract (document, '$.duration.value') FROM services WHERE code = ?1", SERVICE);
  g_assert_true (baladi_store_edit_service (store, SERVICE, "{\"duration\": {\"value\": 999, \"unit\": \"working_days\"}}", &error));
  g_assert_cmpint (count_with ("SELECT json_extract (document, '$.duration.value') FROM services WHERE code = ?1", SERVICE), ==, 999);
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_attention, ==, 1);
  baladi_services_page_reload (page);
  frames (2);
  {
    g_autofree char *state = text_with ("SELECT state || ' ' || ifnull (last_error, '-') FROM outbox WHERE service_code = ?1", SERVICE);
    BaladiService *shown = baladi_service_pane_get_service (pane ());

    g_test_message ("Outbox: %s; the pane shows %s", state, shown != NULL ? baladi_service_get_code (shown) : "nothing");
  }
  g_assert_nonnull (baladi_service_pane_get_trouble (pane ()));
  g_test_message ("The bar says: %s", baladi_service_pane_get_trouble (pane ()));
  g_assert_nonnull (strstr (baladi_service_pane_get_trouble (pane ()), "422"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "pane.drop-edit", NULL));
  frames (2);
  g_assert_null (baladi_service_pane_get_trouble (pane ()));
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE service_code = ?1", SERVICE), ==, 0);
  g_assert_cmpint (count_with ("SELECT json_extract (document, '$.duration.value') FROM services WHERE code = ?1", SERVICE), ==,
                   g_ascii_strtoll (cached_description, NULL, 10));
}

/* Search words and related services are edited too: a related code that
 * is not in the catalogue is refused; the new words find the service. */
static void
test_editor_lists (void)
{
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *token = NULL;
  g_autofree char *payload = NULL;
  BaladiServiceEditor *editor;
  BaladiPushStats push;
  JsonObject *object;
  JsonArray *related;

  baladi_window_set_store (window, store, EDITOR);
  g_assert_true (baladi_services_page_show_service (page, SERVICE));
  frames (2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane ()), "service.edit", NULL));
  frames (3);
  editor = BALADI_SERVICE_EDITOR (baladi_test_ui_find_toplevel (BALADI_TYPE_SERVICE_EDITOR));
  g_assert_nonnull (editor);

  baladi_service_editor_set_text (editor, "keywords-ar", "بيت العائلة، فيلا جديدة");
  baladi_service_editor_set_text (editor, "keywords-en", "family home, new villa");
  baladi_service_editor_set_text (editor, "related", "mun-002, XYZ-999");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_nonnull (baladi_service_editor_get_problem (editor));
  g_assert_nonnull (strstr (baladi_service_editor_get_problem (editor), "XYZ-999"));
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE service_code = ?1", SERVICE), ==, 0);

  baladi_service_editor_set_text (editor, "related", "mun-002, MUN-004");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  frames (3);
  g_assert_null (baladi_test_ui_find_toplevel (BALADI_TYPE_SERVICE_EDITOR));
  payload = text_with ("SELECT payload FROM outbox WHERE service_code = ?1", SERVICE);
  g_test_message ("Outbox: %s", payload);
  g_assert_nonnull (strstr (payload, "\"keywords\""));
  g_assert_nonnull (strstr (payload, "\"MUN-002\""));

  /* The search finds the service by a new word, in another spelling. */
  type_search ("فلا جديده");
  g_assert_cmpuint (n_rows (), >, 0);
  {
    g_autoptr(BaladiService) first = g_list_model_get_item (G_LIST_MODEL (baladi_services_page_get_list (page)), 0);

    g_assert_cmpstr (baladi_service_get_code (first), ==, SERVICE);
  }
  type_search ("");

  g_assert_true (baladi_sync_client_login (client, EDITOR, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_sent, ==, 1);
  token = baladi_test_server_login (server, CLERK);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/services/" SERVICE, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  object = json_node_get_object (json);
  related = json_object_get_array_member (object, "related");
  g_assert_cmpuint (json_array_get_length (related), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (related, 0), ==, "MUN-002");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (json_object_get_object_member (object, "keywords"), "en"), 1),
                   ==, "new villa");
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--seed-requests", "200", NULL };
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  BaladiPullStats stats;
  int status;

  baladi_test_ui_init (&argc, &argv);
  g_setenv ("BALADI_USER", CLERK, TRUE);

  server = baladi_test_server_start_with (args);
  store = baladi_store_open (NULL, &error);
  g_assert_no_error (error);

  /* Calls about one service: one answered at once, the others open. */
  {
    g_autofree char *token = baladi_test_server_login (server, CLERK);

    for (guint i = 0; i < N_FILED; i++)
      {
        g_autofree char *id = g_uuid_string_random ();
        g_autofree char *key = g_uuid_string_random ();
        g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"inquiry\", \"category\": \"building-permits\", "
                                                 "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                                                 "\"service_code\": \"" SERVICE "\", "
                                                 "\"subject\": \"استفسار عن رخصة البناء %u\", "
                                                 "\"description\": \"يسأل المتصل عن مستندات رخصة بناء مسكن\", "
                                                 "\"citizen\": {\"name\": \"علي أحمد\", \"phone\": \"+973 3612 55%02u\"}}",
                                                 id, i, i);

        g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, key, body, -1, NULL, NULL), ==, 201);
        if (i == 0)
          {
            g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s/replies", id);
            g_autofree char *reply_key = g_uuid_string_random ();

            g_assert_cmpuint (baladi_test_server_call (server, "POST", path, token, "\"v1\"", reply_key,
                                                       "{\"body\": \"المستندات المطلوبة مذكورة في دليل الخدمات\"}", -1, NULL, NULL), ==, 200);
          }
      }
  }
  client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_assert_true (baladi_sync_client_login (client, CLERK, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);

  app = baladi_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = BALADI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  frames (3);
  page = baladi_window_get_services_page (window);
  g_object_unref (store);
  store = g_object_ref (baladi_application_get_store (app));

  g_test_add_func ("/services/catalogue", test_catalogue);
  g_test_add_func ("/services/search", test_search);
  g_test_add_func ("/services/open", test_open);
  g_test_add_func ("/services/copy-answer", test_copy_answer);
  g_test_add_func ("/services/print", test_print);
  g_test_add_func ("/services/new-request", test_new_request);
  g_test_add_func ("/services/clerk-cannot-edit", test_clerk_cannot_edit);
  g_test_add_func ("/services/editor-edits", test_editor_edits);
  g_test_add_func ("/services/edit-conflict", test_edit_conflict);
  g_test_add_func ("/services/editor-lists", test_editor_lists);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_clear_object (&app);
  baladi_test_server_stop (server);
  return status;
}
