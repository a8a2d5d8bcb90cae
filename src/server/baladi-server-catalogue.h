/* baladi-server-catalogue.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "baladi-server-auth.h"

G_BEGIN_DECLS

void     baladi_server_get_service  (sqlite3           *db,
                                     SoupServerMessage *msg,
                                     const char        *code);
void     baladi_server_edit_service (sqlite3           *db,
                                     SoupServerMessage *msg,
                                     BaladiStaff       *staff,
                                     const char        *code);
gboolean baladi_server_is_bilingual (JsonNode          *node);

G_END_DECLS
