/* baladi-server-demo.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean baladi_server_seed_requests (sqlite3  *db,
                                      guint     n_requests,
                                      guint32   seed,
                                      gint64    now,
                                      GError  **error);

G_END_DECLS
