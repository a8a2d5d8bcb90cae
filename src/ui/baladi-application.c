/* baladi-application.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-application.h"
#include "baladi-i18n.h"
#include "baladi-login-window.h"
#include "baladi-store-writes.h"
#include "baladi-sync-engine.h"
#include "baladi-template-manager.h"
#include "baladi-preferences-window.h"
#include "baladi-window.h"

struct _BaladiApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  BaladiStore      *store;
  GError           *store_error;
  char             *user;
  BaladiSyncEngine *engine;
  gboolean          forwarding;     /* the engine's changes, on their way to the store */
  GHashTable       *told_assignments; /* ids of the assignment events already told */
  gboolean          notifications_primed;
  GHashTable       *warned;         /* ids of requests already warned about */
};

G_DEFINE_FINAL_TYPE (BaladiApplication, baladi_application, ADW_TYPE_APPLICATION)

static void
color_scheme_changed_cb (BaladiApplication *self,
                         const char        *key,
                         GSettings         *settings)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *scheme = g_settings_get_string (settings, "color-scheme");
  AdwColorScheme color_scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_strcmp0 (scheme, "light") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_strcmp0 (scheme, "dark") == 0)
    color_scheme = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (style_manager, color_scheme);
}


/* The sync engine {{{ */

static BaladiWindow *
main_window (BaladiApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (BALADI_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* The quiet line under the queue: synced, syncing, offline, how many
 * changes wait and how many need the clerk. */
static void
update_sync_state (BaladiApplication *self)
{
  BaladiWindow *window = main_window (self);
  g_autofree char *text = NULL;
  g_autofree char *attention = NULL;
  const char *icon = "emblem-synchronizing-symbolic";
  guint pending, n_attention;

  if (window == NULL)
    return;

  if (self->engine == NULL)
    {
      baladi_complaints_page_set_sync_state (baladi_window_get_complaints_page (window), "network-offline-symbolic",
                                             _("No central server set"));
      return;
    }

  pending = baladi_sync_engine_get_pending (self->engine);
  n_attention = baladi_sync_engine_get_attention (self->engine);
  switch (baladi_sync_engine_get_state (self->engine))
    {
    case BALADI_SYNC_STATE_SYNCING:
      {
        guint64 rows, bytes;
        guint pages;

        baladi_sync_engine_get_progress (self->engine, &rows, &pages, &bytes);
        text = rows > 0 ? g_strdup_printf (_("Syncing… %u requests"), (guint) rows) : g_strdup (_("Syncing…"));
      }
      break;
    case BALADI_SYNC_STATE_SYNCED:
    case BALADI_SYNC_STATE_IDLE:
      {
        GDateTime *last = baladi_sync_engine_get_last_sync (self->engine);
        g_autoptr(GDateTime) local = last != NULL ? g_date_time_to_local (last) : NULL;
        g_autofree char *time = local != NULL ? g_date_time_format (local, "%H:%M") : NULL;

        icon = "object-select-symbolic";
        /* Translators: %s is a time of day */
        text = time != NULL ? g_strdup_printf (_("Synced at %s"), time) : g_strdup (_("Not synced yet"));
      }
      break;
    case BALADI_SYNC_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      text = pending > 0
             ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offline · %u change waiting", "Offline · %u changes waiting", pending), pending)
             : g_strdup (_("Offline"));
      break;
    case BALADI_SYNC_STATE_SIGNED_OUT:
      icon = "system-users-symbolic";
      text = g_strdup (_("Signed out"));
      break;
    case BALADI_SYNC_STATE_ERROR:
    default:
      icon = "dialog-warning-symbolic";
      text = g_strdup (_("Sync failed; trying again"));
      break;
    }

  if (n_attention > 0)
    {
      g_autofree char *base = g_steal_pointer (&text);

      attention = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change needs you", "%u changes need you", n_attention), n_attention);
      text = g_strdup_printf ("%s · %s", base, attention);
      icon = "dialog-warning-symbolic";
    }
  else if (pending > 0 && baladi_sync_engine_get_state (self->engine) != BALADI_SYNC_STATE_OFFLINE)
    {
      g_autofree char *base = g_steal_pointer (&text);
      g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change waiting", "%u changes waiting", pending), pending);

      text = g_strdup_printf ("%s · %s", base, waiting);
    }

  baladi_complaints_page_set_sync_state (baladi_window_get_complaints_page (window), icon, text);
}

/* Desktop notifications after a sync: what was newly assigned to the
 * clerk by someone else, and theirs that is about to go overdue. */
static void
check_notifications (BaladiApplication *self)
{
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_assigned = 0;

  if (self->store == NULL || self->user == NULL || !g_settings_get_boolean (self->settings, "notifications"))
    return;

  /* Every assignment to the clerk by someone else is told once; those
   * already in the cache when the desk starts are not news. */
  db = baladi_store_get_db (self->store);
  if (sqlite3_prepare_v2 (db, "SELECT e.id FROM events e JOIN requests r ON r.id = e.request_id "
                              "WHERE e.kind = 'assignment' AND e.new_value = ?1 AND ifnull (e.author, '') <> ?1 "
                              "AND r.assignee = ?1 AND e.local = 0", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, self->user, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *event = (const char *) sqlite3_column_text (stmt, 0);

          if (g_hash_table_add (self->told_assignments, g_strdup (event)) && self->notifications_primed)
            n_assigned++;
        }
    }
  sqlite3_finalize (stmt);
  self->notifications_primed = TRUE;

  if (n_assigned > 0)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("New Requests for You"));
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request was assigned to you.",
                                                            "%u requests were assigned to you.", n_assigned), n_assigned);

      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.show-view", "s", "mine");
      g_application_send_notification (G_APPLICATION (self), "assigned", notification);
    }

  /* Within the last working hour: in time to answer. */
  if (sqlite3_prepare_v2 (db, "SELECT id, reference, subject FROM requests WHERE assignee = ?1 AND first_reply_at IS NULL "
                              "AND status NOT IN ('answered', 'closed', 'waiting_citizen', 'waiting_agency') "
                              "AND due_at > ?2 AND due_at <= ?2 + 3600", -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, self->user, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(GNotification) notification = NULL;
      g_autofree char *notification_id = NULL;

      if (g_hash_table_contains (self->warned, id))
        continue;
      g_hash_table_add (self->warned, g_strdup (id));
      notification = g_notification_new (_("A Request Is About to Go Overdue"));
      /* Translators: a request's reference, then its subject */
      g_notification_set_body (notification, (const char *) sqlite3_column_text (stmt, 2));
      g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
      g_notification_set_default_action_and_target (notification, "app.show-view", "s", "mine");
      notification_id = g_strdup_printf ("overdue-%s", id);
      g_application_send_notification (G_APPLICATION (self), notification_id, notification);
    }
  sqlite3_finalize (stmt);
}

static void
on_engine_requests_changed (BaladiSyncEngine   *engine,
                            const char * const *ids,
                            BaladiApplication  *self)
{
  self->forwarding = TRUE;
  baladi_store_emit_many_changed (self->store, ids);
  self->forwarding = FALSE;
}

static void
on_engine_services_changed (BaladiApplication *self)
{
  BaladiWindow *window = main_window (self);

  if (window != NULL)
    baladi_services_page_reload (baladi_window_get_services_page (window));
}

/* A clerk's edit: send it now rather than at the next periodic sync. */
static void
on_store_requests_changed (BaladiStore        *store,
                           const char * const *ids,
                           BaladiApplication  *self)
{
  if (!self->forwarding && self->engine != NULL)
    baladi_sync_engine_request_sync (self->engine);
}

static void
on_engine_last_sync (BaladiApplication *self)
{
  update_sync_state (self);
  check_notifications (self);
}

static void
on_engine_username (BaladiApplication *self)
{
  const char *username = baladi_sync_engine_get_username (self->engine);
  BaladiWindow *window = main_window (self);

  if (username == NULL || g_strcmp0 (username, self->user) == 0)
    return;

  g_free (self->user);
  self->user = g_strdup (username);
  g_hash_table_remove_all (self->told_assignments);
  self->notifications_primed = FALSE;
  if (window != NULL && self->store != NULL)
    baladi_window_set_user (window, self->user);
}

static void
on_password_needed (BaladiSyncEngine  *engine,
                    const char        *username,
                    BaladiApplication *self)
{
  BaladiWindow *window = main_window (self);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (BALADI_IS_LOGIN_WINDOW (l->data))
      return;

  gtk_window_present (GTK_WINDOW (baladi_login_window_new (window != NULL ? GTK_WINDOW (window) : NULL,
                                                           engine, username)));
}

static void
start_engine (BaladiApplication *self)
{
  const char *url = g_getenv ("BALADI_SERVER_URL");
  g_autofree char *setting = g_settings_get_string (self->settings, "server-url");

  if (url == NULL || *url == '\0')
    url = setting;
  if (url == NULL || *url == '\0' || self->store == NULL)
    return;

  self->engine = baladi_sync_engine_new (url, baladi_store_get_path (self->store));
  g_settings_bind (self->settings, "sync-interval", self->engine, "interval", G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->engine, "requests-changed", G_CALLBACK (on_engine_requests_changed), self, 0);
  g_signal_connect_object (self->engine, "services-changed", G_CALLBACK (on_engine_services_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "password-needed", G_CALLBACK (on_password_needed), self, 0);
  g_signal_connect_object (self->engine, "notify::state", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::pending", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::attention", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::progress-rows", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::last-sync", G_CALLBACK (on_engine_last_sync), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->engine, "notify::username", G_CALLBACK (on_engine_username), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "requests-changed", G_CALLBACK (on_store_requests_changed), self, 0);
  baladi_sync_engine_request_sync (self->engine);
}

static void
sync_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  BaladiApplication *self = user_data;

  /* Someone asked: at once, and edits waiting for their backoff go too. */
  if (self->engine != NULL && baladi_sync_engine_get_state (self->engine) != BALADI_SYNC_STATE_SIGNED_OUT)
    baladi_sync_engine_sync_async (self->engine, NULL, NULL, NULL);
}

static void
logged_out (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!baladi_sync_engine_log_out_finish (BALADI_SYNC_ENGINE (source), result, &error))
    g_warning ("Cannot sign out: %s", error->message);
}

static void
log_out_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  BaladiApplication *self = user_data;

  if (self->engine != NULL)
    baladi_sync_engine_log_out_async (self->engine, NULL, logged_out, NULL);
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  BaladiApplication *self = user_data;
  BaladiWindow *window = main_window (self);

  if (window == NULL)
    return;
  baladi_window_set_visible_page (window, "complaints");
  baladi_complaints_page_show_view (baladi_window_get_complaints_page (window), g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

/* }}} */

static void
baladi_application_activate (GApplication *app)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      BaladiApplication *self = BALADI_APPLICATION (app);

      window = GTK_WINDOW (baladi_window_new (ADW_APPLICATION (app)));
      if (self->store != NULL)
        baladi_window_set_store (BALADI_WINDOW (window), self->store, self->user);
      else
        baladi_window_add_toast (BALADI_WINDOW (window), self->store_error->message);
      update_sync_state (self);
    }

  gtk_window_present (window);
}

static void
baladi_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  BaladiApplication *self = user_data;
  GtkWindow *window;
  GtkWidget *about;

  g_assert (BALADI_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-name", _("Baladi Desk"),
                        "application-icon", APPLICATION_ID,
                        /* Translators: the name of the team shown in the About window. */
                        "developer-name", _("The Baladi Desk developers"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "comments", _("Answer citizens’ complaints and suggestions on time, and every caller from the catalogue of municipal services"),
                        "copyright", _("© 2026 The Baladi Desk developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: Replace "translator-credits" with your names, one name per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
baladi_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  BaladiApplication *self = user_data;
  GtkWindow *window;
  BaladiPreferencesWindow *preferences;

  g_assert (BALADI_IS_APPLICATION (self));

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  preferences = baladi_preferences_window_new (window);
  /* Without an application the window could not reach the app.color-scheme
   * action its check buttons are bound to. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (preferences));
}

/* Supervisors' reply templates: only with a central server, whose answer
 * each change waits for. */
static void
manage_templates_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  BaladiApplication *self = user_data;
  g_autofree char *token = NULL;
  BaladiTemplateManager *manager;

  if (self->engine == NULL || self->store == NULL)
    return;

  token = baladi_sync_engine_dup_token (self->engine);
  manager = baladi_template_manager_new (gtk_application_get_active_window (GTK_APPLICATION (self)), self->store,
                                         baladi_sync_engine_get_server_uri (self->engine), token);
  gtk_window_present (GTK_WINDOW (manager));
}

static void
baladi_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  BaladiApplication *self = user_data;
  GList *windows;

  g_assert (BALADI_IS_APPLICATION (self));

  /* Close the windows rather than quitting outright, so each one saves its
   * state on the way out just as it does when closed by hand. */
  windows = gtk_application_get_windows (GTK_APPLICATION (self));
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "quit", baladi_application_quit_action },
  { "preferences", baladi_application_preferences_action },
  { "about", baladi_application_about_action },
  { "sync", sync_action },
  { "log-out", log_out_action },
  { "show-view", show_view_action, "s" },
  { "manage-templates", manage_templates_action },
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.sync", { "F5", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
};

static void
baladi_application_startup (GApplication *app)
{
  BaladiApplication *self = BALADI_APPLICATION (app);
  g_autoptr(GAction) color_scheme_action = NULL;

  G_APPLICATION_CLASS (baladi_application_parent_class)->startup (app);

  /* After the parent's startup, which binds libadwaita's own catalogues. */
  baladi_i18n_bind_adwaita_fallback (PKGDATADIR "/locale");

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  self->settings = g_settings_new (APPLICATION_ID);

  /* The preferences window sets the colour scheme through this action. */
  color_scheme_action = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (self), color_scheme_action);

  {
    g_autoptr(GAction) notifications_action = g_settings_create_action (self->settings, "notifications");

    g_action_map_add_action (G_ACTION_MAP (self), notifications_action);
  }

  {
    g_autoptr(GAction) digits_action = g_settings_create_action (self->settings, "dashboard-digits");

    g_action_map_add_action (G_ACTION_MAP (self), digits_action);
  }

  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb),
                           self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self, "color-scheme", self->settings);

  /* The local cache: everything the window shows and every edit a clerk
   * makes lives there first. */
  self->store = baladi_store_open (NULL, &self->store_error);
  if (self->store == NULL)
    g_warning ("%s", self->store_error->message);
  self->user = g_strdup (g_getenv ("BALADI_USER") != NULL ? g_getenv ("BALADI_USER") : g_get_user_name ());
  self->warned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->told_assignments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  start_engine (self);
  /* Templates are managed on the server: without one, the entry is off. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "manage-templates")),
                               self->engine != NULL);
}

static void
baladi_application_finalize (GObject *object)
{
  BaladiApplication *self = (BaladiApplication *)object;

  g_clear_object (&self->engine);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->warned, g_hash_table_unref);
  g_clear_pointer (&self->told_assignments, g_hash_table_unref);
  g_clear_error (&self->store_error);
  g_free (self->user);

  G_OBJECT_CLASS (baladi_application_parent_class)->finalize (object);
}

static void
baladi_application_class_init (BaladiApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = baladi_application_finalize;

  app_class->activate = baladi_application_activate;
  app_class->startup = baladi_application_startup;
}

static void
baladi_application_init (BaladiApplication *self)
{
}

BaladiApplication *
baladi_application_new (void)
{
  return g_object_new (BALADI_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       NULL);
}

/**
 * baladi_application_get_store:
 *
 * Returns: (transfer none) (nullable): the local cache
 */
BaladiStore *
baladi_application_get_store (BaladiApplication *self)
{
  g_return_val_if_fail (BALADI_IS_APPLICATION (self), NULL);

  return self->store;
}

/**
 * baladi_application_get_engine:
 *
 * Returns: (transfer none) (nullable): the sync engine, when a central
 *   server is set
 */
BaladiSyncEngine *
baladi_application_get_engine (BaladiApplication *self)
{
  g_return_val_if_fail (BALADI_IS_APPLICATION (self), NULL);

  return self->engine;
}
