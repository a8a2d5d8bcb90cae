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
gboolean  baladi_store_confirm_service_edit (BaladiStore  *self,
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
gboolean  baladi_store_full_sync_begin (BaladiStore  *self,
                                        GError      **error);
gboolean  baladi_store_mark_seen       (BaladiStore  *self,
                                        const char   *id,
                                        GError      **error);
gboolean  baladi_store_full_sync_end   (BaladiStore  *self,
                                        GError      **error);

G_END_DECLS

G_BEGIN_DECLS

/**
 * BaladiOutboxEntry:
 *
 * One local edit waiting to reach the server: of a request
 * (@request_id), or of a service of the catalogue (@service_code). Its
 * @request_version is the version of the one or the other.
 */
typedef struct {
  gint64  id;
  char   *request_id;
  char   *action;
  char   *payload;
  char   *idempotency_key;
  char   *request_version;
  guint   attempts;
  char   *service_code;
} BaladiOutboxEntry;

void               baladi_outbox_entry_free        (BaladiOutboxEntry *entry);
gboolean           baladi_store_reset_in_flight    (BaladiStore       *self,
                                                    GError           **error);
BaladiOutboxEntry *baladi_store_next_outbox_entry  (BaladiStore       *self,
                                                    gint64             now);
gboolean           baladi_store_set_outbox_state   (BaladiStore       *self,
                                                    gint64             id,
                                                    const char        *state,
                                                    const char        *last_error,
                                                    gint64             next_attempt_at,
                                                    GError           **error);
gboolean           baladi_store_finish_outbox_entry (BaladiStore      *self,
                                                    BaladiOutboxEntry *entry,
                                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiOutboxEntry, baladi_outbox_entry_free)

G_END_DECLS
