/* test-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reply templates in the interface under Xvfb, against a real baladi-server
 * on loopback: a supervisor adds one in the manager, which reaches the
 * server and the cache; a clerk's reply menu lists it after a sync and
 * inserting it fills in the request's variables; a clerk has no manager
 * entry; a save that someone else's change made stale says so and keeps
 * the text; moving and deleting (after a confirmation) reach the server;
 * an unreachable server keeps the text. Screenshots of the manager
 * go to the build dir. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-request-pane.h"
#include "baladi-store-templates.h"
#include "baladi-sync-client.h"
#include "baladi-template-manager.h"
#include "baladi-test-server.h"
#include "baladi-test-ui.h"

#define SUPERVISOR "supervisor.capital"
#define CLERK "clerk.capital"
#define PASSWORD "Baladi#2026"
#define NEW_TITLE_EN "Closed as a duplicate"
#define NEW_TITLE_AR "أُغلق لتكراره"

static BaladiTestServer *server;
static BaladiStore *supervisor_store;
static BaladiStore *clerk_store;
static char *supervisor_token;
static char *new_id;

static BaladiStore *
synced_store (const char *name,
              const char *user)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GError) error = NULL;
  BaladiStore *store = baladi_store_open (path, &error);
  BaladiPullStats stats;

  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_login (client, user, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gboolean
manager_idle (gpointer data)
{
  return !baladi_template_manager_is_busy (data);
}

static void
save_and_wait (BaladiTemplateManager *manager)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "manager.save", NULL));
  baladi_test_ui_wait_until (manager_idle, manager, 20000);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (manager), 2);
}

static BaladiTemplateManager *
open_manager (const char *uri)
{
  BaladiTemplateManager *manager = baladi_template_manager_new (NULL, supervisor_store, uri, supervisor_token);

  gtk_window_set_default_size (GTK_WINDOW (manager), 680, 760);
  gtk_window_present (GTK_WINDOW (manager));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (manager), 3);
  if (baladi_test_ui_is_arabic ())
    g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (manager)), ==, GTK_TEXT_DIR_RTL);
  return manager;
}

/* The template @title_en has on the server, or %NULL. */
static JsonObject *
on_server (JsonNode   **root,
           const char  *title_en)
{
  g_autofree char *clerk = baladi_test_server_login (server, CLERK);
  JsonArray *templates;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/templates", clerk, NULL, NULL, NULL, 0, root, NULL), ==, 200);
  templates = json_object_get_array_member (json_node_get_object (*root), "templates");
  for (guint i = 0; i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);

      if (g_strcmp0 (json_object_get_string_member (json_object_get_object_member (template, "title"), "en"), title_en) == 0)
        return template;
    }

  return NULL;
}

static void
test_supervisor_adds (void)
{
  BaladiTemplateManager *manager = open_manager (baladi_test_server_get_uri (server));
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) cached = NULL;
  g_autofree char *list_png = NULL;
  g_autofree char *form_png = NULL;
  JsonObject *template;

  g_assert_false (baladi_template_manager_is_editing (manager));
  list_png = baladi_test_ui_save_png (GTK_WIDGET (manager), "templates-manager");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "manager.add", NULL));
  g_assert_true (baladi_template_manager_is_editing (manager));
  baladi_template_manager_set_text (manager, "title-ar", NEW_TITLE_AR);
  baladi_template_manager_set_text (manager, "title-en", NEW_TITLE_EN);
  baladi_template_manager_set_text (manager, "body-ar", "السيد/السيدة {citizen} المحترم/ة،\nبلاغكم رقم {reference} مكرر، وسنتابعه ضمن بلاغ سابق.");
  /* A variable the desk does not know: refused here, before the server. */
  baladi_template_manager_set_text (manager, "body-en", "Dear {name},\nYour request {reference} repeats an earlier one.");
  save_and_wait (manager);
  g_assert_nonnull (baladi_template_manager_get_problem (manager));
  g_assert_nonnull (strstr (baladi_template_manager_get_problem (manager), "{name}"));
  g_assert_true (baladi_template_manager_is_editing (manager));
  g_assert_null (on_server (&root, NEW_TITLE_EN));
  g_clear_pointer (&root, json_node_unref);

  baladi_template_manager_set_text (manager, "body-en", "Dear {citizen},\nYour request {reference} repeats an earlier one, "
                                                        "which we are following up.");
  baladi_test_ui_wait_for_frames (GTK_WIDGET (manager), 2);
  form_png = baladi_test_ui_save_png (GTK_WIDGET (manager), "templates-manager-form");
  save_and_wait (manager);
  g_assert_null (baladi_template_manager_get_problem (manager));
  g_assert_false (baladi_template_manager_is_editing (manager));

  /* On the server, by a direct call… */
  template = on_server (&root, NEW_TITLE_EN);
  g_assert_nonnull (template);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (template, "title"), "ar"), ==, NEW_TITLE_AR);
  g_assert_cmpstr (json_object_get_string_member (template, "updated_by"), ==, SUPERVISOR);
  g_assert_cmpint (json_object_get_int_member (template, "position"), ==, 6);
  new_id = g_strdup (json_object_get_string_member (template, "id"));

  /* …and in the supervisor's cache, listed last in the manager. */
  cached = baladi_store_list_reply_templates (supervisor_store, "en");
  g_assert_cmpuint (cached->len, ==, 6);
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (cached, 5))->id, ==, new_id);
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (cached, 5))->title, ==, NEW_TITLE_EN);

  gtk_window_destroy (GTK_WINDOW (manager));
}

/* Whether @model, or a section of it, has an item for @action (with the
 * string target @target, if given) whose label contains @label. */
static gboolean
menu_has (GMenuModel *model,
          const char *action,
          const char *target,
          const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;
      g_autoptr(GVariant) item_target = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has (section, action, target, label))
        return TRUE;
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label);
      item_target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
      if (g_strcmp0 (item_action, action) == 0 &&
          (target == NULL || (item_target != NULL && g_str_equal (g_variant_get_string (item_target, NULL), target))) &&
          (label == NULL || (item_label != NULL && strstr (item_label, label) != NULL)))
        return TRUE;
    }

  return FALSE;
}

static GtkMenuButton *
templates_button (GtkWidget *pane)
{
  g_autoptr(GPtrArray) buttons = baladi_test_ui_find_all (pane, GTK_TYPE_MENU_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_menu_button_get_label (button), _("T_emplates")) == 0)
        {
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
          return button;
        }
    }

  return NULL;
}

/* A request pane in its own window, composing a reply to @request_id. */
static GtkWidget *
reply_pane (BaladiStore *store,
            const char  *user,
            const char  *request_id,
            GtkWindow  **window)
{
  GtkWidget *pane = g_object_new (BALADI_TYPE_REQUEST_PANE, NULL);

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 900, 800);
  gtk_window_set_child (*window, pane);
  baladi_request_pane_set_store (BALADI_REQUEST_PANE (pane), store, user);
  baladi_request_pane_set_request_id (BALADI_REQUEST_PANE (pane), request_id);
  gtk_window_present (*window);
  baladi_request_pane_compose (BALADI_REQUEST_PANE (pane), TRUE, NULL);
  baladi_test_ui_wait_for_frames (pane, 3);

  return pane;
}

static char *
first_request (BaladiStore *store,
               char       **citizen,
               char       **reference)
{
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
                                       "SELECT id, citizen_name, reference FROM requests WHERE citizen_name != '' "
                                       "AND reference IS NOT NULL ORDER BY id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  *citizen = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  *reference = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);

  return id;
}

static void
test_clerk_inserts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autofree char *citizen = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window = NULL;
  GtkWindow *supervisor_window = NULL;
  GtkWidget *pane;
  GtkWidget *supervisor_pane;
  GtkMenuButton *button;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  BaladiPullStats stats;
  const char *expected_title = baladi_test_ui_is_arabic () ? NEW_TITLE_AR : NEW_TITLE_EN;

  g_assert_nonnull (new_id);

  /* Before the next sync, the clerk's cache has only the five. */
  id = first_request (clerk_store, &citizen, &reference);
  pane = reply_pane (clerk_store, CLERK, id, &window);
  button = templates_button (pane);
  g_assert_nonnull (button);
  g_assert_false (menu_has (gtk_menu_button_get_menu_model (button), "request.insert-template", new_id, NULL));
  gtk_window_destroy (window);

  /* A sync brings the new one (the lookups are pulled again when stale:
   * make them so, as an hour would). */
  g_assert_cmpint (sqlite3_exec (baladi_store_get_db (clerk_store), "DELETE FROM meta WHERE key = 'lookups-at'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (baladi_sync_client_login (client, CLERK, PASSWORD, NULL, &error));
  g_assert_true (baladi_sync_client_pull (client, clerk_store, &stats, NULL, &error));
  g_assert_no_error (error);

  pane = reply_pane (clerk_store, CLERK, id, &window);
  button = templates_button (pane);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_true (menu_has (gtk_menu_button_get_menu_model (button), "request.insert-template", new_id, expected_title));
  /* The sixth has the mnemonic 6. */
  g_assert_true (menu_has (gtk_menu_button_get_menu_model (button), "request.insert-template", new_id, "_6"));
  /* A clerk does not manage templates. */
  g_assert_false (menu_has (gtk_menu_button_get_menu_model (button), "app.manage-templates", NULL, NULL));

  /* Inserting it fills in this request's citizen and reference, in the
   * citizen's language, whatever the interface speaks. */
  g_assert_true (gtk_widget_activate_action (pane, "request.insert-template", "s", new_id));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (baladi_test_ui_find_first (pane, GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_test_message ("Inserted: %s", text);
  g_assert_nonnull (strstr (text, citizen));
  g_assert_nonnull (strstr (text, reference));
  g_assert_null (strstr (text, "{citizen}"));
  g_assert_null (strstr (text, "{reference}"));
  g_assert_true (strstr (text, "repeats an earlier one") != NULL || strstr (text, "مكرر") != NULL);
  gtk_window_destroy (window);

  /* A supervisor's menu has the manager's entry. */
  supervisor_pane = reply_pane (supervisor_store, SUPERVISOR, id, &supervisor_window);
  button = templates_button (supervisor_pane);
  g_assert_nonnull (button);
  g_assert_true (menu_has (gtk_menu_button_get_menu_model (button), "app.manage-templates", NULL, NULL));
  gtk_window_destroy (supervisor_window);
}

static void
test_no_templates_yet (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) empty = baladi_store_open (path, &error);
  GtkWindow *window = NULL;
  GtkWidget *pane;
  GtkMenuButton *button;

  g_assert_no_error (error);
  pane = reply_pane (empty, CLERK, NULL, &window);
  button = templates_button (pane);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==,
                   _("No reply templates yet: they arrive with the first sync"));
  gtk_window_destroy (window);
}

static void
test_stale_edit (void)
{
  BaladiTemplateManager *manager = open_manager (baladi_test_server_get_uri (server));
  g_autofree char *other = baladi_test_server_login (server, "supervisor.north-south");
  g_autofree char *typed = NULL;
  g_autofree char *png = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *template;

  g_assert_nonnull (new_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "manager.edit", "s", new_id));
  g_assert_true (baladi_template_manager_is_editing (manager));

  /* Someone else changes it meanwhile. */
  {
    g_autofree char *path = g_strconcat ("/api/v1/templates/", new_id, NULL);
    g_autofree char *key = g_uuid_string_random ();

    g_assert_cmpuint (baladi_test_server_call (server, "POST", path, other, "\"v1\"", key,
                                               "{\"body\": {\"ar\": \"نص آخر {reference}\", \"en\": \"Their text {reference}\"}}",
                                               -1, NULL, NULL), ==, 200);
  }

  baladi_template_manager_set_text (manager, "body-en", "My text for {citizen} about {reference}");
  save_and_wait (manager);
  g_assert_nonnull (baladi_template_manager_get_problem (manager));
  g_assert_true (baladi_template_manager_is_editing (manager));
  typed = baladi_template_manager_get_text (manager, "body-en");
  g_assert_cmpstr (typed, ==, "My text for {citizen} about {reference}");
  png = baladi_test_ui_save_png (GTK_WIDGET (manager), "templates-manager-stale");
  template = on_server (&root, NEW_TITLE_EN);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (template, "body"), "en"), ==,
                   "Their text {reference}");
  g_clear_pointer (&root, json_node_unref);

  /* Told, the supervisor saves again, on their version. */
  save_and_wait (manager);
  g_assert_null (baladi_template_manager_get_problem (manager));
  template = on_server (&root, NEW_TITLE_EN);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (template, "body"), "en"), ==,
                   "My text for {citizen} about {reference}");
  g_assert_cmpstr (json_object_get_string_member (template, "version"), ==, "3");

  gtk_window_destroy (GTK_WINDOW (manager));
}

static gint64
server_position (const char *id)
{
  g_autofree char *clerk = baladi_test_server_login (server, CLERK);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *templates;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/templates", clerk, NULL, NULL, NULL, 0, &root, NULL), ==, 200);
  templates = json_object_get_array_member (json_node_get_object (root), "templates");
  for (guint i = 0; i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);

      if (g_str_equal (json_object_get_string_member (template, "id"), id))
        return json_object_get_int_member (template, "position");
    }

  return -1;
}

static void
test_move_and_delete (void)
{
  BaladiTemplateManager *manager = open_manager (baladi_test_server_get_uri (server));
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) left = NULL;
  GtkWindow *confirm;

  g_assert_nonnull (new_id);
  g_assert_cmpint (server_position (new_id), ==, 6);

  /* Up one: it and the one before it swap places, on the server too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "manager.move-up", "s", new_id));
  baladi_test_ui_wait_until (manager_idle, manager, 20000);
  g_assert_null (baladi_template_manager_get_problem (manager));
  g_assert_cmpint (server_position (new_id), ==, 5);
  g_assert_cmpint (server_position ("transferred"), ==, 6);
  moved = baladi_store_list_reply_templates (supervisor_store, "en");
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (moved, 4))->id, ==, new_id);
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (moved, 5))->id, ==, "transferred");

  /* Deleting asks first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "manager.delete", "s", new_id));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (manager), 2);
  confirm = baladi_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (confirm);
  g_assert_cmpint (server_position (new_id), ==, 5);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (confirm), "apply");
  baladi_test_ui_wait_until (manager_idle, manager, 20000);
  g_assert_null (baladi_template_manager_get_problem (manager));
  g_assert_cmpint (server_position (new_id), ==, -1);
  left = baladi_store_list_reply_templates (supervisor_store, "en");
  g_assert_cmpuint (left->len, ==, 5);

  gtk_window_destroy (GTK_WINDOW (manager));
}

static void
test_unreachable (void)
{
  /* Nothing listens on port 9 of loopback. */
  BaladiTemplateManager *manager = open_manager ("http://127.0.0.1:9");
  g_autofree char *typed = NULL;
  g_autoptr(GPtrArray) cached = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (manager), "manager.add", NULL));
  baladi_template_manager_set_text (manager, "title-ar", "تجربة");
  baladi_template_manager_set_text (manager, "title-en", "Trial");
  baladi_template_manager_set_text (manager, "body-ar", "نص {reference}");
  baladi_template_manager_set_text (manager, "body-en", "Text {reference}");
  save_and_wait (manager);
  g_assert_nonnull (baladi_template_manager_get_problem (manager));
  g_assert_true (baladi_template_manager_is_editing (manager));
  typed = baladi_template_manager_get_text (manager, "title-ar");
  g_assert_cmpstr (typed, ==, "تجربة");
  cached = baladi_store_list_reply_templates (supervisor_store, "en");
  g_assert_cmpuint (cached->len, ==, 5);

  gtk_window_destroy (GTK_WINDOW (manager));
}

int
main (int   argc,
      char *argv[])
{
  const char *args[] = { "--seed-requests", "60", NULL };
  int status;

  baladi_test_ui_init (&argc, &argv);

  server = baladi_test_server_start_with (args);
  supervisor_store = synced_store ("supervisor.db", SUPERVISOR);
  clerk_store = synced_store ("clerk.db", CLERK);
  supervisor_token = baladi_test_server_login (server, SUPERVISOR);

  g_test_add_func ("/templates-ui/supervisor-adds", test_supervisor_adds);
  g_test_add_func ("/templates-ui/clerk-inserts", test_clerk_inserts);
  g_test_add_func ("/templates-ui/no-templates-yet", test_no_templates_yet);
  g_test_add_func ("/templates-ui/stale-edit", test_stale_edit);
  g_test_add_func ("/templates-ui/move-and-delete", test_move_and_delete);
  g_test_add_func ("/templates-ui/unreachable", test_unreachable);
  status = g_test_run ();

  g_clear_object (&supervisor_store);
  g_clear_object (&clerk_store);
  g_free (supervisor_token);
  g_free (new_id);
  baladi_test_server_stop (server);
  return status;
}
