/* test-desk-sync.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The desk as a clerk starts it: a central server set, nobody signed in.
 * The application asks for the password, syncs, and shows the queue; the
 * server goes away and the clerk keeps working, the status line saying
 * what waits; the server comes back and everything done offline is on it.
 * The token lives in libsecret's file backend, in the test's home. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "baladi-application.h"
#include "baladi-complaints-page.h"
#include "baladi-login-window.h"
#include "baladi-request.h"
#include "baladi-request-pane.h"
#include "baladi-sync-engine.h"
#include "baladi-test-server.h"
#include "baladi-test-ui.h"
#include "baladi-window.h"

#define USER "clerk.capital"
#define PASSWORD "Baladi#2026"

static BaladiTestServer *server;
static char *server_db;
static char *server_port;
static BaladiApplication *app;
static BaladiWindow *window;

/* A stand-in for the desktop's notification service (org.gtk.Notifications,
 * which GLib's notification backend talks to): it keeps the titles. */
static GPtrArray *notified;

static void
notifications_method (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) notification = g_variant_get_child_value (parameters, 2);
      const char *title = NULL;

      g_variant_lookup (notification, "title", "&s", &title);
      g_ptr_array_add (notified, g_strdup (title));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
start_notification_service (void)
{
  static const char xml[] =
    "<node><interface name='org.gtk.Notifications'>"
    "<method name='AddNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='a{sv}' direction='in'/></method>"
    "<method name='RemoveNotification'><arg type='s' direction='in'/><arg type='s' direction='in'/></method>"
    "</interface></node>";
  static const GDBusInterfaceVTable vtable = { notifications_method, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (xml, NULL);
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  notified = g_ptr_array_new_with_free_func (g_free);
  g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  /* 1: the primary owner (the suite runs this program alone). */
  {
    guint32 owner;

    g_variant_get (reply, "(u)", &owner);
    g_assert_cmpuint (owner, ==, 1);
  }
}

static gboolean
notified_with (gpointer data)
{
  for (guint i = 0; i < notified->len; i++)
    if (g_strcmp0 (g_ptr_array_index (notified, i), data) == 0)
      return TRUE;
  return FALSE;
}

static BaladiTestServer *
start_server (const char *port)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "300", "--db", server_db, "--port", port, NULL };

  return baladi_test_server_start_with (args);
}

static gboolean
login_shown (gpointer data)
{
  return baladi_test_ui_find_toplevel (BALADI_TYPE_LOGIN_WINDOW) != NULL;
}

static gboolean
engine_in_state (gpointer data)
{
  return baladi_sync_engine_get_state (baladi_application_get_engine (app)) == GPOINTER_TO_INT (data);
}

static gboolean
nothing_pending (gpointer data)
{
  BaladiSyncEngine *engine = baladi_application_get_engine (app);

  return baladi_sync_engine_get_pending (engine) == 0 &&
         baladi_sync_engine_get_state (engine) == BALADI_SYNC_STATE_SYNCED;
}

static gboolean
list_has_rows (gpointer data)
{
  BaladiRequestList *list = baladi_complaints_page_get_list (baladi_window_get_complaints_page (window));

  return !baladi_request_list_get_loading (list) && g_list_model_get_n_items (G_LIST_MODEL (list)) > 0;
}

static char *
status_line (void)
{
  return baladi_test_ui_collect_text (GTK_WIDGET (baladi_window_get_complaints_page (window)), TRUE);
}

static void
test_sign_in_and_sync (void)
{
  BaladiLoginWindow *login;
  g_autofree char *text = NULL;

  /* Nobody signed in on this computer: the desk asks. A wrong password
   * is said so, and the window stays. */
  baladi_test_ui_wait_until (login_shown, NULL, 20000);
  login = BALADI_LOGIN_WINDOW (baladi_test_ui_find_toplevel (BALADI_TYPE_LOGIN_WINDOW));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (login), 5);
  baladi_test_ui_save_png (GTK_WIDGET (login), "sign-in");
  baladi_login_window_submit (login, USER, "wrong password");
  baladi_test_ui_wait_for_frames (GTK_WIDGET (login), 20);
  baladi_test_ui_wait_until (engine_in_state, GINT_TO_POINTER (BALADI_SYNC_STATE_SIGNED_OUT), 20000);
  g_assert_true (login_shown (NULL));

  baladi_login_window_submit (login, USER, PASSWORD);
  baladi_test_ui_wait_until (nothing_pending, NULL, 60000);
  baladi_test_ui_wait_until (list_has_rows, NULL, 20000);
  g_assert_false (login_shown (NULL));
  g_assert_cmpstr (baladi_sync_engine_get_username (baladi_application_get_engine (app)), ==, USER);

  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  text = status_line ();
  g_assert_nonnull (strstr (text, baladi_test_ui_is_arabic () ? "تمت المزامنة" : "Synced at"));
}

static void
test_offline_and_back (void)
{
  BaladiComplaintsPage *page = baladi_window_get_complaints_page (window);
  BaladiRequestList *list = baladi_complaints_page_get_list (page);
  GtkWidget *pane = baladi_test_ui_find_first (GTK_WIDGET (page), BALADI_TYPE_REQUEST_PANE);
  g_autoptr(BaladiRequest) request = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) json = NULL;
  GtkTextView *composer;
  JsonArray *events;
  guint notes = 0;

  /* The server goes away. */
  baladi_test_server_stop (server);
  server = NULL;

  /* The clerk goes on: a note on the first request. */
  gtk_selection_model_select_item (gtk_column_view_get_model (GTK_COLUMN_VIEW (baladi_test_ui_find_first (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW))), 0, TRUE);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);
  request = g_list_model_get_item (G_LIST_MODEL (list), 0);
  id = g_strdup (baladi_request_get_id (request));
  g_assert_true (gtk_widget_activate_action (pane, "request.note", NULL));
  composer = GTK_TEXT_VIEW (baladi_test_ui_find_first (pane, GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "كُتبت دون اتصال بالخادم", -1);
  g_assert_true (gtk_widget_activate_action (pane, "request.send", NULL));

  /* The desk says the change waits. */
  baladi_test_ui_wait_until (engine_in_state, GINT_TO_POINTER (BALADI_SYNC_STATE_OFFLINE), 30000);
  g_assert_cmpuint (baladi_sync_engine_get_pending (baladi_application_get_engine (app)), ==, 1);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);
  text = status_line ();
  g_assert_nonnull (strstr (text, baladi_test_ui_is_arabic () ? "دون اتصال" : "Offline"));
  baladi_test_ui_save_png (GTK_WIDGET (window), "offline");

  /* It comes back on the same address; the clerk asks for a sync. */
  server = start_server (server_port);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "sync"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  baladi_test_ui_wait_until (nothing_pending, NULL, 60000);

  /* The note is on the server, once. */
  token = baladi_test_server_login (server, USER);
  path = g_strdup_printf ("/api/v1/requests/%s", id);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  events = json_object_get_array_member (json_node_get_object (json), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      notes += g_strcmp0 (json_object_get_string_member_with_default (event, "body", ""), "كُتبت دون اتصال بالخادم") == 0;
    }
  g_assert_cmpuint (notes, ==, 1);
}


/* A supervisor gives the clerk a request on the server: after the next
 * sync the desktop says so, once. */
static void
test_notification (void)
{
  g_autofree char *supervisor = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *clerk = baladi_test_server_login (server, USER);
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                                           "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                                           "\"subject\": \"أرجوحة مكسورة\", \"description\": \"في حديقة الحي\", "
                                           "\"citizen\": {\"name\": \"سلمى\"}}", id);
  g_autofree char *assign = g_strdup_printf ("/api/v1/requests/%s/assign", id);
  const char *title = baladi_test_ui_is_arabic () ? "طلبات جديدة لك" : "New Requests for You";

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", supervisor, NULL, "n-1", body, -1, NULL, NULL), ==, 201);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", assign, supervisor, "\"v1\"", "n-2",
                                             "{\"assignee\": \"" USER "\"}", -1, NULL, NULL), ==, 200);
  g_assert_false (notified_with ((gpointer) title));
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  baladi_test_ui_wait_until (notified_with, (gpointer) title, 60000);

  /* Assigning it to oneself is no news. */
  g_ptr_array_set_size (notified, 0);
  g_free (id);
  id = g_uuid_string_random ();
  g_free (body);
  body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                          "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                          "\"subject\": \"مقعد\", \"description\": \"مكسور\", \"citizen\": {\"name\": \"سلمى\"}}", id);
  g_free (assign);
  assign = g_strdup_printf ("/api/v1/requests/%s/assign", id);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "n-3", body, -1, NULL, NULL), ==, 201);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", assign, clerk, "\"v1\"", "n-4",
                                             "{\"assignee\": \"" USER "\"}", -1, NULL, NULL), ==, 200);
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  baladi_test_ui_wait_until (nothing_pending, NULL, 60000);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 10);
  g_assert_false (notified_with ((gpointer) title));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *keyring = NULL;
  const char *uri;
  int status;

  baladi_test_ui_init (&argc, &argv);
  start_notification_service ();

  /* The keyring: libsecret's file backend, in the private home. */
  keyring = g_build_filename (g_get_user_data_dir (), "test.keyring", NULL);
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "baladi-test-keyring", TRUE);

  server_db = g_build_filename (g_get_user_data_dir (), "server.db", NULL);
  server = start_server ("0");
  uri = baladi_test_server_get_uri (server);
  server_port = g_strdup (strrchr (uri, ':') + 1);
  g_setenv ("BALADI_SERVER_URL", uri, TRUE);

  app = baladi_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (baladi_application_get_engine (app));
  g_application_activate (G_APPLICATION (app));
  window = BALADI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);

  g_test_add_func ("/desk-sync/sign-in-and-sync", test_sign_in_and_sync);
  g_test_add_func ("/desk-sync/offline-and-back", test_offline_and_back);
  g_test_add_func ("/desk-sync/notification", test_notification);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&app);
  g_clear_pointer (&server, baladi_test_server_stop);
  return status;
}
