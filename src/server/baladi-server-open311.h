/* baladi-server-open311.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <sqlite3.h>

#include "baladi-sla-calendar.h"

G_BEGIN_DECLS

const char *baladi_open311_handle (sqlite3           *db,
                                   BaladiSlaCalendar *calendar,
                                   SoupServerMessage *msg,
                                   const char        *path,
                                   GHashTable        *query);

G_END_DECLS
