/* baladi-test-catalogue.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "baladi-store.h"

G_BEGIN_DECLS

GPtrArray *baladi_test_read_catalogue (const char   *dir);
void       baladi_test_put_service    (BaladiStore  *store,
                                       JsonObject   *service,
                                       const char   *version);
guint      baladi_test_load_catalogue (BaladiStore  *store,
                                       const char   *dir);
JsonObject *baladi_test_generate_service (GPtrArray *demo,
                                          guint      k);

G_END_DECLS
