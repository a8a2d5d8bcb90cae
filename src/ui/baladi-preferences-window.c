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
  AdwPreferencesWindow parent_instance;
};

G_DEFINE_FINAL_TYPE (BaladiPreferencesWindow, baladi_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
baladi_preferences_window_class_init (BaladiPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-preferences-window.ui");
}

static void
baladi_preferences_window_init (BaladiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
