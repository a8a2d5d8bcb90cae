/* baladi-store-sync.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-event.h"
#include "baladi-request.h"
#include "baladi-store.h"

G_BEGIN_DECLS

/* A time a remote request or event does not have. */
#define BALADI_REMOTE_NO_TIME G_MININT64

/**
 * BaladiRemoteRequest:
 *
 * A request as the server sent it, as the plain values the cache stores:
 * the sync fills it straight from the JSON it checked, without building a
 * BaladiRequest. Strings are borrowed; enums are their wire strings; times
 * are Unix seconds, %BALADI_REMOTE_NO_TIME when absent.
 */
typedef struct {
  const char *id;
  const char *reference;
  const char *type;
  const char *category;
  const char *sector;
  const char *municipality;
  const char *channel;
  const char *status;
  const char *priority;
  const char *language;
  const char *service_code;
  const char *subject;
  const char *description;
  const char *citizen_name;
  const char *citizen_phone;
  const char *citizen_email;
  const char *citizen_cpr;
  const char *address_building;
  const char *address_road;
  const char *address_block;
  const char *address_area;
  const char *assignee;
  const char *merged_into;
  const char *version;
  gboolean    has_location;
  double      latitude;
  double      longitude;
  gint64      created_at;
  gint64      updated_at;
  gint64      first_reply_at;
  gint64      due_at;
  gint64      closed_at;
} BaladiRemoteRequest;

/**
 * BaladiRemoteEvent:
 *
 * One event of a request's history as the server sent it; strings are
 * borrowed, @kind is the wire string.
 */
typedef struct {
  const char *id;
  const char *kind;
  const char *author;
  const char *body;
  const char *old_value;
  const char *new_value;
  const char *reason;
  gint64      created_at;
  gboolean    is_public;
} BaladiRemoteEvent;

gboolean  baladi_store_put_remote      (BaladiStore               *self,
                                        const BaladiRemoteRequest *remote,
                                        GError                   **error);
char              *baladi_remote_request_field (const BaladiRemoteRequest *remote,
                                               const char                *column);
gboolean  baladi_store_put_remote_events (BaladiStore             *self,
                                          const char              *request_id,
                                          const BaladiRemoteEvent *events,
                                          guint                    n_events,
                                          GError                 **error);

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
  /* The version to send in If-Match. */
  char   *request_version;
  guint   attempts;
  /* The field the edit changes (NULL for a note or a reply), its value
   * when the clerk made the edit, and the value the clerk gave it. */
  char   *field;
  char   *base_value;
  char   *local_value;
  /* In a conflict: the server's value of the field, and its version. */
  char   *server_value;
  char   *server_version;
  /* The service a catalogue edit changes; NULL for a request's edit. */
  char   *service_code;
  /* Only from baladi_store_get_service_trouble(): the server's refusal;
   * and the version an edit of a service was made on. */
  char   *last_error;
  char   *base_version;
} BaladiOutboxEntry;

/**
 * BaladiMerge:
 * @BALADI_MERGE_RESEND: the server changed other fields; the edit goes
 *   again on the server's version
 * @BALADI_MERGE_DONE: the server already has the clerk's value
 * @BALADI_MERGE_CONFLICT: the server gave the field another value; the
 *   clerk decides (baladi_store_keep_mine(), baladi_store_take_theirs())
 *
 * What a field-by-field merge did with an edit the server found stale.
 */
typedef enum {
  BALADI_MERGE_RESEND,
  BALADI_MERGE_DONE,
  BALADI_MERGE_CONFLICT,
} BaladiMerge;

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
gboolean           baladi_store_rebase_outbox      (BaladiStore       *self,
                                                    BaladiOutboxEntry *done,
                                                    const char        *new_version,
                                                    GError           **error);
gboolean           baladi_store_merge_stale_entry  (BaladiStore       *self,
                                                    BaladiOutboxEntry *entry,
                                                    const BaladiRemoteRequest *current,
                                                    BaladiMerge       *merge,
                                                    GError           **error);
gboolean           baladi_store_has_newer_request  (BaladiStore       *self,
                                                    const char        *id,
                                                    const char        *version);
GPtrArray         *baladi_store_get_conflicts      (BaladiStore       *self,
                                                    const char        *request_id);
gboolean           baladi_store_set_service_conflict (BaladiStore  *self,
                                                      gint64        outbox_id,
                                                      const char   *document,
                                                      const char   *version,
                                                      GError      **error);
BaladiOutboxEntry *baladi_store_get_service_trouble  (BaladiStore  *self,
                                                      const char   *code);
gboolean           baladi_store_keep_service_edit    (BaladiStore  *self,
                                                      gint64        outbox_id,
                                                      GError      **error);
gboolean           baladi_store_discard_service_edit (BaladiStore  *self,
                                                      gint64        outbox_id,
                                                      GError      **error);
gboolean           baladi_store_retry_attention    (BaladiStore       *self,
                                                    const char        *request_id,
                                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiOutboxEntry, baladi_outbox_entry_free)

G_END_DECLS
