/* baladi-server-templates.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <sqlite3.h>

#include "baladi-server-auth.h"

G_BEGIN_DECLS

void baladi_server_list_templates  (sqlite3           *db,
                                    SoupServerMessage *msg);
void baladi_server_create_template (sqlite3           *db,
                                    SoupServerMessage *msg,
                                    BaladiStaff       *staff);
void baladi_server_edit_template   (sqlite3           *db,
                                    SoupServerMessage *msg,
                                    BaladiStaff       *staff,
                                    const char        *id);
void baladi_server_delete_template (sqlite3           *db,
                                    SoupServerMessage *msg,
                                    BaladiStaff       *staff,
                                    const char        *id);

G_END_DECLS
