/* baladi-server-seed.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define BALADI_DEMO_PASSWORD "Baladi#2026"

gboolean baladi_server_seed_reference (sqlite3     *db,
                                       GError     **error);
gboolean baladi_server_seed_templates (sqlite3     *db,
                                       GError     **error);
gboolean baladi_server_seed_services  (sqlite3     *db,
                                       const char  *directory,
                                       guint       *n_services,
                                       GError     **error);

G_END_DECLS
