/* baladi-sync-engine.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * BaladiSyncState:
 * @BALADI_SYNC_STATE_IDLE: not synced yet since the engine started
 * @BALADI_SYNC_STATE_SYNCING: a sync is running
 * @BALADI_SYNC_STATE_SYNCED: the last sync went through
 * @BALADI_SYNC_STATE_OFFLINE: the server could not be reached; retrying
 * @BALADI_SYNC_STATE_SIGNED_OUT: no valid token: someone must log in
 * @BALADI_SYNC_STATE_ERROR: the server or the cache failed; retrying
 */
typedef enum {
  BALADI_SYNC_STATE_IDLE,
  BALADI_SYNC_STATE_SYNCING,
  BALADI_SYNC_STATE_SYNCED,
  BALADI_SYNC_STATE_OFFLINE,
  BALADI_SYNC_STATE_SIGNED_OUT,
  BALADI_SYNC_STATE_ERROR,
} BaladiSyncState;

#define BALADI_TYPE_SYNC_STATE (baladi_sync_state_get_type ())
GType baladi_sync_state_get_type (void);

#define BALADI_TYPE_SYNC_ENGINE (baladi_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (BaladiSyncEngine, baladi_sync_engine, BALADI, SYNC_ENGINE, GObject)

BaladiSyncEngine *baladi_sync_engine_new            (const char           *server_uri,
                                                     const char           *store_path);
BaladiSyncState   baladi_sync_engine_get_state      (BaladiSyncEngine     *self);
guint             baladi_sync_engine_get_pending    (BaladiSyncEngine     *self);
guint             baladi_sync_engine_get_attention  (BaladiSyncEngine     *self);
GDateTime        *baladi_sync_engine_get_last_sync  (BaladiSyncEngine     *self);
const char       *baladi_sync_engine_get_username   (BaladiSyncEngine     *self);
const char       *baladi_sync_engine_get_server_uri (BaladiSyncEngine   *self);
char             *baladi_sync_engine_dup_token     (BaladiSyncEngine     *self);
guint             baladi_sync_engine_get_interval   (BaladiSyncEngine     *self);
void              baladi_sync_engine_set_interval   (BaladiSyncEngine     *self,
                                                     guint                 seconds);
void              baladi_sync_engine_get_progress   (BaladiSyncEngine     *self,
                                                     guint64              *rows,
                                                     guint                *pages,
                                                     guint64              *bytes);
void              baladi_sync_engine_request_sync   (BaladiSyncEngine     *self);
void              baladi_sync_engine_sync_async     (BaladiSyncEngine     *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          baladi_sync_engine_sync_finish    (BaladiSyncEngine     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              baladi_sync_engine_log_in_async   (BaladiSyncEngine     *self,
                                                     const char           *username,
                                                     const char           *password,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          baladi_sync_engine_log_in_finish  (BaladiSyncEngine     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
void              baladi_sync_engine_log_out_async  (BaladiSyncEngine     *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gboolean          baladi_sync_engine_log_out_finish (BaladiSyncEngine     *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
