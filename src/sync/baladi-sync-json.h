/* baladi-sync-json.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "baladi-event.h"
#include "baladi-request.h"
#include "baladi-store-sync.h"

G_BEGIN_DECLS

#define BALADI_SYNC_ERROR (baladi_sync_error_quark ())

typedef enum {
  BALADI_SYNC_ERROR_BAD_RESPONSE,
  BALADI_SYNC_ERROR_HTTP,
  BALADI_SYNC_ERROR_UNAUTHORIZED,
  BALADI_SYNC_ERROR_CURSOR_EXPIRED,
  BALADI_SYNC_ERROR_STORE,
  /* A write the server found stale (412) or refused (403, 404, 409, 422). */
  BALADI_SYNC_ERROR_STALE,
  BALADI_SYNC_ERROR_REFUSED,
} BaladiSyncError;

#define BALADI_SYNC_MAX_RESPONSE (64 * 1024 * 1024)
#define BALADI_SYNC_MAX_DEPTH 64
/* No text the API sends is near this long (a description has at most
 * 4000 characters); a string past it is hostile or broken. */
#define BALADI_SYNC_MAX_STRING (64 * 1024)

GQuark         baladi_sync_error_quark   (void);
JsonNode      *baladi_sync_parse         (GBytes      *body,
                                          GError     **error);
BaladiRequest *baladi_request_from_json  (JsonObject  *object,
                                          GError     **error);
BaladiEvent   *baladi_event_from_json    (JsonObject  *object,
                                          const char  *request_id,
                                          GError     **error);
gboolean       baladi_remote_request_from_json (JsonObject           *object,
                                                BaladiRemoteRequest  *remote,
                                                GError              **error);
gboolean       baladi_remote_event_from_json   (JsonObject           *object,
                                                BaladiRemoteEvent    *remote,
                                                GError              **error);
gboolean       baladi_sync_parse_time    (const char  *text,
                                          gint64      *unix_time);

G_END_DECLS
