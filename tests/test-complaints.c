/* test-complaints.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Complaints page in the real window under Xvfb, over a cache synced
 * from a real baladi-server on loopback: views, filters and search show
 * what the cache holds; the clerk's actions (note, reply with its
 * confirmation, assign, bulk assign, status with a reason) change the
 * cache at once, and after a push they are on the server. Screenshots of
 * the queue and of a request with its timeline go to the build dir. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-application.h"
#include "baladi-complaints-page.h"
#include "baladi-new-request-window.h"
#include "baladi-request-pane.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"
#include "baladi-test-ui.h"
#include "baladi-window.h"

#define USER "clerk.capital"
#define PASSWORD "Baladi#2026"

static BaladiTestServer *server;
static BaladiApplication *app;
static BaladiWindow *window;
static BaladiComplaintsPage *page;
static BaladiStore *store;

/* A number from the cache, by SQL written here; ?1 is @text. */
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

static gint64
count (const char *sql)
{
  return count_with (sql, NULL);
}

static gboolean
list_loaded (gpointer data)
{
  return !baladi_request_list_get_loading (baladi_complaints_page_get_list (page));
}

static void
wait_list (void)
{
  /* The query runs in a thread: let it start, then wait for it. */
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 1);
  baladi_test_ui_wait_until (list_loaded, NULL, 20000);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
}

static guint
n_rows (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (baladi_complaints_page_get_list (page)));
}

static void
activate (GtkWidget  *widget,
          const char *action,
          GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (widget, action, param));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
}

static GtkWidget *
pane (void)
{
  return baladi_test_ui_find_first (GTK_WIDGET (page), BALADI_TYPE_REQUEST_PANE);
}

/* The page's search entry, not the one inside a drop-down's popover. */
static GtkEditable *
search_entry (void)
{
  g_autoptr(GPtrArray) entries = baladi_test_ui_find_all (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);

  for (guint i = 0; i < entries->len; i++)
    if (gtk_widget_get_ancestor (g_ptr_array_index (entries, i), GTK_TYPE_POPOVER) == NULL)
      return GTK_EDITABLE (g_ptr_array_index (entries, i));

  g_assert_not_reached ();
}

static GtkColumnView *
column_view (void)
{
  return GTK_COLUMN_VIEW (baladi_test_ui_find_first (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
}

static void
select_row (guint position)
{
  GtkSelectionModel *model = gtk_column_view_get_model (column_view ());

  g_assert_true (gtk_selection_model_select_item (model, position, TRUE));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
}

/* The dialog that offers @response and is still shown: an answered one
 * closes, but may not be gone yet. */
static AdwMessageDialog *
find_dialog (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (toplevel), response))
        found = ADW_MESSAGE_DIALOG (toplevel);
    }

  g_assert_nonnull (found);
  return found;
}

static void
set_composer_text (const char *text)
{
  GtkTextView *view = GTK_TEXT_VIEW (baladi_test_ui_find_first (pane (), GTK_TYPE_TEXT_VIEW));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
test_queue (void)
{
  gint64 all = count ("SELECT count(*) FROM requests");
  gint64 overdue = count ("SELECT count(*) FROM requests WHERE first_reply_at IS NULL AND due_at < strftime('%s', 'now') "
                          "AND status NOT IN ('answered', 'closed', 'waiting_citizen', 'waiting_agency')");
  gint64 waiting = count ("SELECT count(*) FROM requests WHERE status = 'waiting_citizen'");
  GtkListBox *views;
  g_autofree char *png = NULL;
  g_autoptr(BaladiRequest) first = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *word = NULL;
  g_autofree char *like = NULL;
  gint64 matching;

  wait_list ();
  g_assert_cmpint (all, >, 100);
  g_assert_cmpuint (n_rows (), ==, all);

  /* The columns say what a clerk needs, translated. */
  {
    GListModel *columns = gtk_column_view_get_columns (column_view ());

    /* The five a clerk needs most; the others from any header's menu. */
    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.column-channel", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 6);
    {
      g_autoptr(GtkColumnViewColumn) channel = g_list_model_get_item (columns, 4);

      g_assert_cmpstr (gtk_column_view_column_get_title (channel), ==, _("Channel"));
    }
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "queue.column-channel", NULL));
    g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 5);
    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        const char *title = gtk_column_view_column_get_title (column);

        if (baladi_test_ui_is_arabic ())
          g_assert_false (g_ascii_isalpha (title[0]));
      }
  }

  /* The saved views show the same numbers as SQL written here. */
  views = GTK_LIST_BOX (baladi_test_ui_find_first (GTK_WIDGET (page), GTK_TYPE_LIST_BOX));
  baladi_complaints_page_show_view (page, "overdue");
  wait_list ();
  g_assert_cmpuint (n_rows (), ==, overdue);
  baladi_complaints_page_show_view (page, "waiting");
  wait_list ();
  g_assert_cmpuint (n_rows (), ==, waiting);
  g_assert_nonnull (views);

  /* Search as you type, by a word of the subject of the first request. */
  baladi_complaints_page_show_view (page, "all");
  wait_list ();
  first = g_list_model_get_item (G_LIST_MODEL (baladi_complaints_page_get_list (page)), 0);
  g_object_get (first, "subject", &subject, NULL);
  word = g_strndup (subject, strchr (subject, ' ') != NULL ? (gsize) (strchr (subject, ' ') - subject) : strlen (subject));
  gtk_editable_set_text (search_entry (), word);
  g_usleep (300 * 1000);  /* the entry waits for typing to pause */
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 5);
  wait_list ();
  like = g_strdup_printf ("%%%s%%", word);
  matching = count_with ("SELECT count(*) FROM requests WHERE subject LIKE ?1 OR description LIKE ?1", like);
  g_test_message ("Searched for “%s”: %u rows, %" G_GINT64_FORMAT " with it in the text", word, n_rows (), matching);
  g_assert_cmpuint (n_rows (), >, 0);
  g_assert_cmpuint (n_rows (), >=, matching);
  g_assert_cmpuint (n_rows (), <, all);

  gtk_editable_set_text (search_entry (), "");
  g_usleep (300 * 1000);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 5);
  wait_list ();
  g_assert_cmpuint (n_rows (), ==, all);

  /* A dashboard's drill-down: every request of one channel, then of one
   * clerk. */
  baladi_complaints_page_drill_down (page, "channel", "hotline");
  wait_list ();
  g_assert_cmpuint (n_rows (), ==, count ("SELECT count(*) FROM requests WHERE channel = 'hotline'"));
  baladi_complaints_page_drill_down (page, "assignee", USER);
  wait_list ();
  g_assert_cmpuint (n_rows (), ==, count ("SELECT count(*) FROM requests WHERE assignee = '" USER "'"));
  baladi_complaints_page_drill_down (page, "channel", NULL);
  wait_list ();
  g_assert_cmpuint (n_rows (), ==, all);

  select_row (0);
  png = baladi_test_ui_save_png (GTK_WIDGET (window), "complaints-queue");
  g_test_message ("Screenshot: %s", png);
}

static void
test_actions (void)
{
  g_autoptr(BaladiRequest) request = NULL;
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *png = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) json = NULL;
  BaladiPushStats push = { 0, };
  gint64 events_before;
  JsonArray *events;
  gboolean note_found = FALSE, reply_found = FALSE;

  /* An open request of the clerk's municipality, nobody's yet. */
  baladi_complaints_page_show_view (page, "unassigned");
  wait_list ();
  g_assert_cmpuint (n_rows (), >, 3);
  select_row (0);
  request = g_list_model_get_item (G_LIST_MODEL (baladi_complaints_page_get_list (page)), 0);
  id = g_strdup (baladi_request_get_id (request));
  g_assert_cmpstr (baladi_request_pane_get_request_id (BALADI_REQUEST_PANE (pane ())), ==, id);
  events_before = count_with ("SELECT count(*) FROM events WHERE request_id = ?1", id);

  /* A note: no confirmation, never public. */
  activate (pane (), "request.note", NULL);
  set_composer_text ("اتصلت بالمقاول وسيصلح العمود غدًا");
  activate (pane (), "request.send", NULL);
  g_assert_cmpint (count_with ("SELECT count(*) FROM events WHERE request_id = ?1", id), ==, events_before + 1);

  /* A reply asks first; "keep editing" sends nothing. */
  activate (pane (), "request.reply", NULL);
  set_composer_text ("شكرًا لتواصلكم، تم إصلاح العمود.");
  activate (pane (), "request.send", NULL);
  adw_message_dialog_response (find_dialog ("send"), "cancel");
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (count_with ("SELECT count(*) FROM events WHERE request_id = ?1", id), ==, events_before + 1);
  activate (pane (), "request.send", NULL);
  {
    AdwMessageDialog *dialog = find_dialog ("send");

    /* The clerk reads what the citizen will read. */
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "تم إصلاح العمود"));
    adw_message_dialog_response (dialog, "send");
  }
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (count_with ("SELECT count(*) FROM events WHERE request_id = ?1", id), ==, events_before + 2);

  /* Assign to me: the view of unassigned requests loses it. */
  activate (pane (), "request.assign-me", NULL);
  wait_list ();
  g_assert_cmpint (baladi_request_list_find (baladi_complaints_page_get_list (page), id), ==, -1);
  g_assert_cmpint (count_with ("SELECT count(*) FROM requests WHERE id = ?1 AND assignee = '" USER "' AND status = 'assigned'", id), ==, 1);

  /* Waiting on the citizen stops the clock and needs a reason. */
  activate (pane (), "request.set-status", g_variant_new_string ("waiting_citizen"));
  {
    AdwMessageDialog *dialog = find_dialog ("apply");
    GtkWidget *entry = baladi_test_ui_find_first (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);

    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "apply"));
    gtk_editable_set_text (GTK_EDITABLE (entry), "نحتاج صورة للموقع");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "apply"));
    adw_message_dialog_response (dialog, "apply");
  }
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (count_with ("SELECT count(*) FROM requests WHERE id = ?1 AND status = 'waiting_citizen'", id), ==, 1);

  /* The request with its timeline. */
  baladi_complaints_page_show_view (page, "unsent");
  wait_list ();
  g_assert_cmpint (baladi_request_list_find (baladi_complaints_page_get_list (page), id), >=, 0);
  png = baladi_test_ui_save_png (GTK_WIDGET (window), "complaints-request");
  g_test_message ("Screenshot: %s", png);

  /* The request in a tab of its own, once however often it is asked. */
  select_row (baladi_request_list_find (baladi_complaints_page_get_list (page), id));
  activate (GTK_WIDGET (page), "queue.open-in-tab", NULL);
  activate (GTK_WIDGET (page), "queue.open-in-tab", NULL);
  g_assert_cmpuint (baladi_complaints_page_get_n_tabs (page), ==, 2);
  {
    AdwTabView *tabs = ADW_TAB_VIEW (baladi_test_ui_find_first (GTK_WIDGET (page), ADW_TYPE_TAB_VIEW));
    AdwTabPage *tab = adw_tab_view_get_selected_page (tabs);
    g_autofree char *tab_png = NULL;

    g_assert_true (BALADI_IS_REQUEST_PANE (adw_tab_page_get_child (tab)));
    g_assert_cmpstr (baladi_request_pane_get_request_id (BALADI_REQUEST_PANE (adw_tab_page_get_child (tab))), ==, id);
    baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
    tab_png = baladi_test_ui_save_png (GTK_WIDGET (window), "complaints-tab");
    adw_tab_view_close_page (tabs, tab);
    baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
    g_assert_cmpuint (baladi_complaints_page_get_n_tabs (page), ==, 1);
  }

  /* Bulk: three unassigned requests to me at once. */
  baladi_complaints_page_show_view (page, "unassigned");
  wait_list ();
  {
    GtkSelectionModel *model = gtk_column_view_get_model (column_view ());
    gint64 mine = count ("SELECT count(*) FROM requests WHERE assignee = '" USER "'");

    gtk_selection_model_select_range (model, 0, 3, TRUE);
    activate (GTK_WIDGET (page), "queue.bulk-assign-me", NULL);
    g_assert_cmpint (count ("SELECT count(*) FROM requests WHERE assignee = '" USER "'"), ==, mine + 3);
  }

  /* Everything reaches the server. */
  g_assert_true (baladi_sync_client_login (client, USER, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_sent, ==, 7);
  g_assert_cmpint (count ("SELECT count(*) FROM outbox"), ==, 0);

  token = baladi_test_server_login (server, USER);
  path = g_strdup_printf ("/api/v1/requests/%s", id);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "status"), ==, "waiting_citizen");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "assignee"), ==, USER);
  events = json_object_get_array_member (json_node_get_object (json), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      const char *kind = json_object_get_string_member (event, "kind");

      if (g_str_equal (kind, "internal_note") && !json_object_get_boolean_member (event, "public"))
        note_found = TRUE;
      if (g_str_equal (kind, "reply") && json_object_get_boolean_member (event, "public"))
        reply_found = TRUE;
    }
  g_assert_true (note_found);
  g_assert_true (reply_found);
}


static void
test_new_request (void)
{
  BaladiNewRequestWindow *dialog;
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *png = NULL;
  g_autoptr(JsonNode) json = NULL;
  BaladiPushStats push = { 0, };
  gint64 before = count ("SELECT count(*) FROM requests");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-request", NULL));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  dialog = BALADI_NEW_REQUEST_WINDOW (baladi_test_ui_find_toplevel (BALADI_TYPE_NEW_REQUEST_WINDOW));
  g_assert_nonnull (dialog);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);

  /* Empty, and with a phone that is not Bahraini: refused, nothing logged. */
  g_assert_false (baladi_new_request_window_save (dialog));
  baladi_new_request_window_set_field (dialog, "subject", "شجرة ساقطة على الرصيف");
  baladi_new_request_window_set_field (dialog, "description", "سقطت شجرة بعد الرياح وتسد الرصيف أمام المدرسة");
  baladi_new_request_window_set_field (dialog, "citizen-name", "حسين عبدالله");
  baladi_new_request_window_set_field (dialog, "citizen-phone", "12345");
  baladi_new_request_window_set_field (dialog, "category", "parks");
  g_assert_false (baladi_new_request_window_save (dialog));
  g_assert_cmpint (count ("SELECT count(*) FROM requests"), ==, before);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (dialog), 3);
  png = baladi_test_ui_save_png (GTK_WIDGET (dialog), "new-request");
  g_test_message ("Screenshot: %s", png);

  baladi_new_request_window_set_field (dialog, "citizen-phone", "+973 3900 1122");
  g_assert_true (baladi_new_request_window_save (dialog));
  id = g_strdup (baladi_new_request_window_get_id (dialog));
  g_assert_cmpint (count ("SELECT count(*) FROM requests"), ==, before + 1);
  g_assert_cmpint (count_with ("SELECT count(*) FROM requests WHERE id = ?1 AND channel = 'hotline' "
                               "AND category = 'parks' AND status = 'new' AND due_at > created_at", id), ==, 1);

  /* It is in the queue at once, and filed on the server by the push. */
  wait_list ();
  g_assert_cmpint (baladi_request_list_find (baladi_complaints_page_get_list (page), id), >=, 0);
  g_assert_true (baladi_sync_client_login (client, USER, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_sent, ==, 1);
  token = baladi_test_server_login (server, USER);
  path = g_strdup_printf ("/api/v1/requests/%s", id);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "subject"), ==, "شجرة ساقطة على الرصيف");
  g_assert_cmpint (count_with ("SELECT count(*) FROM requests WHERE id = ?1 AND reference LIKE 'CAP-%'", id), ==, 1);
}


/* Two people changed the same request: the clerk sees both values and
 * takes the other's; the cache then agrees with the server. */
static void
test_conflict (void)
{
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(BaladiRequest) request = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *id = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *version = NULL;
  g_autofree char *if_match = NULL;
  g_autofree char *text = NULL;
  g_autofree char *png = NULL;
  BaladiPushStats push = { 0, };
  GtkWidget *bar;

  baladi_complaints_page_show_view (page, "unassigned");
  wait_list ();
  g_assert_cmpuint (n_rows (), >, 0);
  request = g_list_model_get_item (G_LIST_MODEL (baladi_complaints_page_get_list (page)), 0);
  id = g_strdup (baladi_request_get_id (request));
  g_object_get (request, "version", &version, NULL);

  /* Here: in progress. On the server, meanwhile: answered. */
  g_assert_true (baladi_store_set_status (store, id, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL, USER, &error));
  g_assert_no_error (error);
  token = baladi_test_server_login (server, "supervisor.capital");
  path = g_strdup_printf ("/api/v1/requests/%s/status", id);
  if_match = g_strdup_printf ("\"v%s\"", version);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, token, if_match, "conflict-1",
                                             "{\"status\": \"answered\"}", -1, NULL, NULL), ==, 200);

  g_assert_true (baladi_sync_client_login (client, USER, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_cmpuint (push.n_conflicts, ==, 1);
  baladi_store_emit_changed (store, id);

  baladi_complaints_page_show_view (page, "unsent");
  wait_list ();
  select_row (baladi_request_list_find (baladi_complaints_page_get_list (page), id));
  g_assert_cmpstr (baladi_request_pane_get_request_id (BALADI_REQUEST_PANE (pane ())), ==, id);
  bar = baladi_test_ui_find_first (pane (), GTK_TYPE_BOX);
  text = baladi_test_ui_collect_text (pane (), TRUE);
  /* Both values are shown, the other person's and the clerk's. */
  g_assert_nonnull (strstr (text, baladi_request_status_get_label (BALADI_REQUEST_STATUS_ANSWERED)));
  g_assert_nonnull (strstr (text, baladi_request_status_get_label (BALADI_REQUEST_STATUS_IN_PROGRESS)));
  g_assert_nonnull (bar);
  png = baladi_test_ui_save_png (GTK_WIDGET (window), "complaints-conflict");
  g_test_message ("Screenshot: %s", png);

  activate (pane (), "request.take-theirs", NULL);
  g_assert_cmpint (count_with ("SELECT count(*) FROM outbox WHERE request_id = ?1", id), ==, 0);
  g_assert_cmpint (count_with ("SELECT count(*) FROM requests WHERE id = ?1 AND status = 'answered'", id), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--seed-requests", "400", NULL };
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
  /* Today's calls, filed on the server: open requests nobody holds yet. */
  {
    g_autofree char *token = baladi_test_server_login (server, USER);

    for (guint i = 0; i < 6; i++)
      {
        g_autofree char *id = g_uuid_string_random ();
        g_autofree char *key = g_uuid_string_random ();
        g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"street-lighting\", "
                                                 "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                                                 "\"subject\": \"إنارة معطلة في الطريق %u\", "
                                                 "\"description\": \"عمود الإنارة لا يعمل منذ أسبوع قرب المسجد\", "
                                                 "\"citizen\": {\"name\": \"مريم حسن\", \"phone\": \"+973 3612 34%02u\"}}",
                                                 id, 1200 + i, i);

        g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, key, body, -1, NULL, NULL), ==, 201);
      }
  }
  client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_assert_true (baladi_sync_client_login (client, USER, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);

  app = baladi_application_new ();
  /* The English and the Arabic runs share a D-Bus session. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  window = BALADI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 900);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  page = baladi_window_get_complaints_page (window);
  g_object_unref (store);
  store = g_object_ref (baladi_application_get_store (app));

  g_test_add_func ("/complaints/queue", test_queue);
  g_test_add_func ("/complaints/actions", test_actions);
  g_test_add_func ("/complaints/new-request", test_new_request);
  g_test_add_func ("/complaints/conflict", test_conflict);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  g_clear_object (&app);
  baladi_test_server_stop (server);
  return status;
}
