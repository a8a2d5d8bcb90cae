/* baladi-preferences-window.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "baladi-preferences-window.h"

struct _BaladiPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  GtkSpinButton        *interval_spin;
};

G_DEFINE_FINAL_TYPE (BaladiPreferencesWindow, baladi_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The setting is in seconds; the clerk thinks in minutes. */
static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_double (value, g_variant_get_uint32 (variant) / 60.0);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_uint32 ((guint32) CLAMP (g_value_get_double (value) * 60, 30, 86400));
}

static void
baladi_preferences_window_dispose (GObject *object)
{
  BaladiPreferencesWindow *self = (BaladiPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (baladi_preferences_window_parent_class)->dispose (object);
}

static void
baladi_preferences_window_class_init (BaladiPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = baladi_preferences_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiPreferencesWindow, interval_spin);
}

static void
baladi_preferences_window_init (BaladiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind_with_mapping (self->settings, "sync-interval", self->interval_spin, "value", G_SETTINGS_BIND_DEFAULT,
                                seconds_to_minutes, minutes_to_seconds, NULL, NULL);
}

BaladiPreferencesWindow *
baladi_preferences_window_new (GtkWindow *transient_for)
{
  g_return_val_if_fail (!transient_for || GTK_IS_WINDOW (transient_for), NULL);

  return g_object_new (BALADI_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       "modal", transient_for != NULL,
                       NULL);
}
