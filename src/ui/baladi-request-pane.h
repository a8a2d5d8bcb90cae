/* baladi-request-pane.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_REQUEST_PANE (baladi_request_pane_get_type ())

G_DECLARE_FINAL_TYPE (BaladiRequestPane, baladi_request_pane, BALADI, REQUEST_PANE, GtkWidget)

void        baladi_request_pane_set_store      (BaladiRequestPane *self,
                                                BaladiStore       *store,
                                                const char        *user);
const char *baladi_request_pane_get_request_id (BaladiRequestPane *self);
void        baladi_request_pane_set_request_id (BaladiRequestPane *self,
                                                const char        *request_id);
void        baladi_request_pane_compose        (BaladiRequestPane *self,
                                                gboolean           reply,
                                                const char        *text);

G_END_DECLS
