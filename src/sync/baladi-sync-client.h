/* baladi-sync-client.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "baladi-store.h"

G_BEGIN_DECLS

typedef struct {
  guint   n_pages;
  guint   n_requests;
  guint   n_services;
  guint   n_removed;
  guint64 n_bytes;
  gboolean full;
  /* Where the time went, for benchmarks: waiting for the server and
   * reading its answers (as long as the storing thread waited), checking
   * and parsing them (in a thread of their own after the first page,
   * overlapping the storing), storing them. */
  gint64  wait_usec;
  gint64  parse_usec;
  gint64  store_usec;
} BaladiPullStats;

typedef struct {
  guint n_sent;
  /* Met a 412 and merged: sent again on the new version, or found done. */
  guint n_merged;
  guint n_conflicts;
  guint n_attention;
  guint n_failed;
  /* Of the entries sent or kept for the clerk: edits of services. */
  guint n_services;
} BaladiPushStats;

/**
 * BaladiPullPageFunc:
 * @stats: the totals of the pull so far, this page included
 * @request_ids: (element-type utf8): the requests stored or removed by the
 *   pages committed with this one (empty while a full sync's transaction
 *   is still open)
 * @n_services: how many services those pages stored
 *
 * Called in the pulling thread after each page is stored: a full sync
 * commits every few pages, any other pull every page.
 */
typedef void (*BaladiPullPageFunc) (const BaladiPullStats *stats,
                                    GPtrArray             *request_ids,
                                    guint                  n_services,
                                    gpointer               user_data);

#define BALADI_TYPE_SYNC_CLIENT (baladi_sync_client_get_type ())

G_DECLARE_FINAL_TYPE (BaladiSyncClient, baladi_sync_client, BALADI, SYNC_CLIENT, GObject)

BaladiSyncClient *baladi_sync_client_new   (const char        *base_uri);
gboolean          baladi_sync_client_login (BaladiSyncClient  *self,
                                            const char        *username,
                                            const char        *password,
                                            GCancellable      *cancellable,
                                            GError           **error);
gboolean          baladi_sync_client_pull_lookups (BaladiSyncClient *self,
                                                   BaladiStore      *store,
                                                   GCancellable     *cancellable,
                                                   GError          **error);
void              baladi_sync_client_set_token (BaladiSyncClient *self,
                                                const char       *token);
const char       *baladi_sync_client_get_token (BaladiSyncClient *self);
gint64            baladi_sync_client_get_retry_after (BaladiSyncClient *self);
void              baladi_sync_client_set_pull_page_func (BaladiSyncClient   *self,
                                                         BaladiPullPageFunc  func,
                                                         gpointer            user_data);
gboolean          baladi_sync_client_pull  (BaladiSyncClient  *self,
                                            BaladiStore       *store,
                                            BaladiPullStats   *stats,
                                            GCancellable      *cancellable,
                                            GError           **error);

gboolean          baladi_sync_client_push  (BaladiSyncClient  *self,
                                            BaladiStore       *store,
                                            BaladiPushStats   *stats,
                                            GCancellable      *cancellable,
                                            GError           **error);

G_END_DECLS
