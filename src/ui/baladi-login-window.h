/* baladi-login-window.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-sync-engine.h"

G_BEGIN_DECLS

#define BALADI_TYPE_LOGIN_WINDOW (baladi_login_window_get_type ())

G_DECLARE_FINAL_TYPE (BaladiLoginWindow, baladi_login_window, BALADI, LOGIN_WINDOW, AdwWindow)

BaladiLoginWindow *baladi_login_window_new    (GtkWindow         *parent,
                                               BaladiSyncEngine  *engine,
                                               const char        *username);
void               baladi_login_window_submit (BaladiLoginWindow *self,
                                               const char        *username,
                                               const char        *password);

G_END_DECLS
