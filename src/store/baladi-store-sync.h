/* baladi-store-sync.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-event.h"
#include "baladi-store.h"

G_BEGIN_DECLS

gboolean  baladi_store_begin           (BaladiStore  *self,
                                        GError      **error);
gboolean  baladi_store_commit          (BaladiStore  *self,
                                        GError      **error);
void      baladi_store_rollback        (BaladiStore  *self);
char     *baladi_store_get_meta        (BaladiStore  *self,
                                        const char   *key);
gboolean  baladi_store_set_meta        (BaladiStore  *self,
                                        const char   *key,
                                        const char   *value,
                                        GError      **error);
gboolean  baladi_store_replace_events  (BaladiStore  *self,
                                        const char   *request_id,
                                        GPtrArray    *events,
                                        GError      **error);
gboolean  baladi_store_put_service     (BaladiStore  *self,
                                        const char   *code,
                                        const char   *sector,
                                        const char   *category,
                                        const char   *document,
                                        const char   *version,
                                        GError      **error);
gboolean  baladi_store_remove_request  (BaladiStore  *self,
                                        const char   *id,
                                        GError      **error);
gboolean  baladi_store_index_request   (BaladiStore  *self,
                                        const char   *id,
                                        GError      **error);

G_END_DECLS
