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
#include "baladi-preferences-window.h"
#include "baladi-window.h"

struct _BaladiApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  BaladiStore    *store;
  GError         *store_error;
  char           *user;
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
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
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
}

static void
baladi_application_finalize (GObject *object)
{
  BaladiApplication *self = (BaladiApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
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
