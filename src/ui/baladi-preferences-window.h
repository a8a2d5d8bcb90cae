/* baladi-preferences-window.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BALADI_TYPE_PREFERENCES_WINDOW (baladi_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (BaladiPreferencesWindow, baladi_preferences_window, BALADI, PREFERENCES_WINDOW, AdwPreferencesWindow)

BaladiPreferencesWindow *baladi_preferences_window_new (GtkWindow *transient_for);

G_END_DECLS
