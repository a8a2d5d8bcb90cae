/* baladi-request-history.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_REQUEST_HISTORY (baladi_request_history_get_type ())

G_DECLARE_FINAL_TYPE (BaladiRequestHistory, baladi_request_history, BALADI, REQUEST_HISTORY, GObject)

BaladiRequestHistory *baladi_request_history_new            (BaladiStore          *store,
                                                             const char           *request_id);
const char           *baladi_request_history_get_request_id (BaladiRequestHistory *self);

G_END_DECLS
