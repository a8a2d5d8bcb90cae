/* baladi-sync-templates.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "baladi-store-templates.h"
#include "baladi-sync-client.h"

G_BEGIN_DECLS

BaladiReplyTemplate *baladi_reply_template_from_json    (JsonNode                   *node,
                                                         GError                    **error);
gboolean             baladi_sync_client_pull_templates  (BaladiSyncClient           *self,
                                                         BaladiStore                *store,
                                                         GCancellable               *cancellable,
                                                         GError                    **error);
BaladiReplyTemplate *baladi_sync_client_save_template   (BaladiSyncClient           *self,
                                                         BaladiStore                *store,
                                                         const BaladiReplyTemplate  *template,
                                                         char                      **field,
                                                         GCancellable               *cancellable,
                                                         GError                    **error);
gboolean             baladi_sync_client_delete_template (BaladiSyncClient           *self,
                                                         BaladiStore                *store,
                                                         const char                 *id,
                                                         gint64                      version,
                                                         GCancellable               *cancellable,
                                                         GError                    **error);

G_END_DECLS
