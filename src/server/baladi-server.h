/* baladi-server.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <sqlite3.h>

#include "baladi-server-faults.h"

G_BEGIN_DECLS

typedef struct _BaladiServer BaladiServer;

BaladiServer *baladi_server_new       (sqlite3       *db,
                                       BaladiFaults  *faults,
                                       double         rate_limit,
                                       GError       **error);
void          baladi_server_free      (BaladiServer  *self);
SoupServer   *baladi_server_get_soup  (BaladiServer  *self);
void          baladi_server_set_token_lifetime (BaladiServer *self,
                                                gint64        seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiServer, baladi_server_free)

G_END_DECLS
