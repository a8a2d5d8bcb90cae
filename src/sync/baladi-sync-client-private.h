/* baladi-sync-client-private.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "baladi-sync-client.h"

G_BEGIN_DECLS

/* The calls of the client, for the other files of the API it speaks
 * (baladi-sync-templates.c). */
GBytes   *baladi_sync_client_call_raw (BaladiSyncClient  *self,
                                       const char        *method,
                                       const char        *path,
                                       const char        *json_body,
                                       const char        *if_match,
                                       const char        *idempotency_key,
                                       guint             *status,
                                       GCancellable      *cancellable,
                                       GError           **error);
JsonNode *baladi_sync_client_call     (BaladiSyncClient  *self,
                                       const char        *method,
                                       const char        *path,
                                       const char        *json_body,
                                       const char        *if_match,
                                       const char        *idempotency_key,
                                       guint             *status,
                                       gsize             *n_bytes,
                                       GCancellable      *cancellable,
                                       GError           **error);

G_END_DECLS
