/* baladi-new-request-window.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_NEW_REQUEST_WINDOW (baladi_new_request_window_get_type ())

G_DECLARE_FINAL_TYPE (BaladiNewRequestWindow, baladi_new_request_window, BALADI, NEW_REQUEST_WINDOW, AdwWindow)

BaladiNewRequestWindow *baladi_new_request_window_new       (GtkWindow              *parent,
                                                             BaladiStore            *store,
                                                             const char             *user,
                                                             const char             *service_code);
void                    baladi_new_request_window_set_field (BaladiNewRequestWindow *self,
                                                             const char             *field,
                                                             const char             *value);
gboolean                baladi_new_request_window_save      (BaladiNewRequestWindow *self);
const char             *baladi_new_request_window_get_id    (BaladiNewRequestWindow *self);

G_END_DECLS
