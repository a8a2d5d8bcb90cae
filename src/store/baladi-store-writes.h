/* baladi-store-writes.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-core-enums.h"
#include "baladi-request.h"
#include "baladi-store.h"

G_BEGIN_DECLS

gboolean baladi_store_add_event    (BaladiStore          *self,
                                    const char           *request_id,
                                    BaladiEventKind       kind,
                                    const char           *body,
                                    const char           *author,
                                    GError              **error);
gboolean baladi_store_set_status   (BaladiStore          *self,
                                    const char           *request_id,
                                    BaladiRequestStatus   status,
                                    const char           *reason,
                                    const char           *author,
                                    GError              **error);
gboolean baladi_store_assign       (BaladiStore          *self,
                                    const char           *request_id,
                                    const char           *assignee,
                                    const char           *author,
                                    GError              **error);
gboolean baladi_store_transfer     (BaladiStore          *self,
                                    const char           *request_id,
                                    BaladiMunicipality    municipality,
                                    const char           *reason,
                                    const char           *author,
                                    GError              **error);
gboolean baladi_store_merge        (BaladiStore          *self,
                                    const char           *duplicate_id,
                                    const char           *original_id,
                                    const char           *reason,
                                    const char           *author,
                                    GError              **error);
gboolean baladi_store_file_request (BaladiStore          *self,
                                    BaladiRequest        *request,
                                    const char           *author,
                                    GError              **error);
gboolean baladi_store_apply_remote (BaladiStore          *self,
                                    BaladiRequest        *remote,
                                    GError              **error);
gboolean baladi_store_keep_mine    (BaladiStore          *self,
                                    gint64                outbox_id,
                                    GError              **error);
gboolean baladi_store_take_theirs  (BaladiStore          *self,
                                    gint64                outbox_id,
                                    GError              **error);

BaladiRequest *baladi_store_load_request     (BaladiStore   *self,
                                             const char    *id,
                                             GError       **error);
const char    *baladi_store_request_columns (void);
BaladiRequest *baladi_store_request_from_row (sqlite3_stmt *stmt);

G_END_DECLS
