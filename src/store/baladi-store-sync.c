/* baladi-store-sync.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the sync engine writes into the cache: the server's history of a
 * request, services, removals, the search index, and the cursor. The
 * engine wraps each page in baladi_store_begin()/baladi_store_commit(). */

#include "config.h"

#include <stdarg.h>

#include "baladi-store-sync.h"
#include "baladi-store-writes.h"

static gboolean
fail (sqlite3  *db,
      GError  **error)
{
  g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
exec_bound (BaladiStore  *self,
            const char   *sql,
            GError      **error,
            guint         n,
            ...)
{
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, sql);
  gboolean ok;
  va_list args;

  if (stmt == NULL)
    return fail (db, error);

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
  va_end (args);

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_reset (stmt);
  return ok || fail (db, error);
}

gboolean
baladi_store_begin (BaladiStore  *self,
                    GError      **error)
{
  return exec_bound (self, "BEGIN IMMEDIATE", error, 0);
}

gboolean
baladi_store_commit (BaladiStore  *self,
                     GError      **error)
{
  return exec_bound (self, "COMMIT", error, 0);
}

void
baladi_store_rollback (BaladiStore *self)
{
  sqlite3_exec (baladi_store_get_db (self), "ROLLBACK", NULL, NULL, NULL);
}

/**
 * baladi_store_get_meta:
 *
 * Returns: (transfer full) (nullable): the value of @key
 */
char *
baladi_store_get_meta (BaladiStore *self,
                       const char  *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self), "SELECT value FROM meta WHERE key = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

/**
 * baladi_store_set_meta:
 * @value: (nullable): the value; %NULL removes @key
 */
gboolean
baladi_store_set_meta (BaladiStore  *self,
                       const char   *key,
                       const char   *value,
                       GError      **error)
{
  if (value == NULL)
    return exec_bound (self, "DELETE FROM meta WHERE key = ?1", error, 1, key);

  return exec_bound (self, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error, 2, key, value);
}

/**
 * baladi_store_put_remote_events:
 * @events: (array length=n_events): the request's history on the server
 *
 * The server's history replaces the confirmed history of the cache; events
 * made here and not yet pushed stay.
 */
gboolean
baladi_store_put_remote_events (BaladiStore             *self,
                                const char              *request_id,
                                const BaladiRemoteEvent *events,
                                guint                    n_events,
                                GError                 **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = NULL;

  if (!exec_bound (self, "DELETE FROM events WHERE request_id = ?1 AND local = 0", error, 1, request_id))
    return FALSE;

  stmt = baladi_store_prepare_cached (self, "INSERT OR REPLACE INTO events (id, request_id, kind, author, created_at, "
                                            "body, public, old_value, new_value, reason) "
                                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (stmt == NULL)
    return fail (db, error);

  for (guint i = 0; i < n_events; i++)
    {
      const BaladiRemoteEvent *event = &events[i];

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, event->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, request_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, event->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, event->author, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 5, event->created_at);
      sqlite3_bind_text (stmt, 6, event->body, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 7, event->is_public);
      sqlite3_bind_text (stmt, 8, event->old_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 9, event->new_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 10, event->reason, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return fail (db, error);
        }
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return TRUE;
}

/**
 * baladi_store_replace_events:
 * @events: (element-type BaladiEvent): the request's history on the server
 *
 * baladi_store_put_remote_events() for events as objects.
 */
gboolean
baladi_store_replace_events (BaladiStore  *self,
                             const char   *request_id,
                             GPtrArray    *events,
                             GError      **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree BaladiRemoteEvent *remote = g_new0 (BaladiRemoteEvent, MAX (events->len, 1));

  for (guint i = 0; i < events->len; i++)
    {
      BaladiEvent *event = g_ptr_array_index (events, i);
      char *author = NULL, *body = NULL, *old_value = NULL, *new_value = NULL, *reason = NULL;

      g_object_get (event, "author", &author, "body", &body, "old-value", &old_value,
                    "new-value", &new_value, "reason", &reason, NULL);
      g_ptr_array_add (texts, author);
      g_ptr_array_add (texts, body);
      g_ptr_array_add (texts, old_value);
      g_ptr_array_add (texts, new_value);
      g_ptr_array_add (texts, reason);
      remote[i] = (BaladiRemoteEvent) {
        .id = baladi_event_get_id (event),
        .kind = baladi_enum_to_wire (BALADI_TYPE_EVENT_KIND, baladi_event_get_kind (event)),
        .author = author, .body = body, .old_value = old_value, .new_value = new_value, .reason = reason,
        .created_at = g_date_time_to_unix (baladi_event_get_created (event)),
        .is_public = baladi_event_is_public (event),
      };
    }

  return baladi_store_put_remote_events (self, request_id, remote, events->len, error);
}

gboolean
baladi_store_put_service (BaladiStore  *self,
                          const char   *code,
                          const char   *sector,
                          const char   *category,
                          const char   *document,
                          const char   *version,
                          GError      **error)
{
  /* A pull never undoes a catalogue editor's edit that has not reached
   * the server: the push answers with the server's service. */
  return exec_bound (self, "INSERT OR REPLACE INTO services (code, sector, category, document, version) "
                           "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM outbox WHERE service_code = ?1)",
                     error, 5, code, sector, category, document, version);
}

/**
 * baladi_store_confirm_service_edit:
 *
 * The server took an edit of the service @code and answered with the
 * service as it now is: the cache takes it, unless more edits of the
 * service wait; then the cached document, which holds them all, stays and
 * takes only the new version, for their If-Match.
 */
gboolean
baladi_store_confirm_service_edit (BaladiStore  *self,
                                   const char   *code,
                                   const char   *sector,
                                   const char   *category,
                                   const char   *document,
                                   const char   *version,
                                   GError      **error)
{
  return baladi_store_put_service (self, code, sector, category, document, version, error) &&
         exec_bound (self, "UPDATE services SET version = ?2 WHERE code = ?1 "
                           "AND EXISTS (SELECT 1 FROM outbox WHERE service_code = ?1)", error, 2, code, version);
}

/**
 * baladi_store_remove_request:
 *
 * Forgets a request the user may no longer see, unless edits to it are
 * still waiting in the outbox: those must reach the server or the clerk.
 */
gboolean
baladi_store_remove_request (BaladiStore  *self,
                             const char   *id,
                             GError      **error)
{
  return exec_bound (self, "DELETE FROM requests_search WHERE rowid = (SELECT rowid FROM requests WHERE id = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1))", error, 1, id) &&
         exec_bound (self, "DELETE FROM events WHERE request_id = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1)", error, 1, id) &&
         exec_bound (self, "DELETE FROM requests WHERE id = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1)", error, 1, id);
}

/**
 * baladi_store_index_request:
 *
 * Brings the search index up to date with the cached request @id: its
 * reference, who filed it, its text and its replies.
 */
gboolean
baladi_store_index_request (BaladiStore  *self,
                            const char   *id,
                            GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *select, *insert;
  gboolean ok;
  int rc;

  if (!exec_bound (self, "DELETE FROM requests_search WHERE rowid = (SELECT rowid FROM requests WHERE id = ?1)",
                   error, 1, id))
    return FALSE;

  /* The values are read first and inserted bound: INSERT INTO a virtual
   * table … SELECT goes through a temporary table, and that tripled the
   * cost of indexing a request. */
  select = baladi_store_prepare_cached (self, "SELECT r.rowid, r.reference, "
                                              /* A phone is found as written, as one number, and by its
                                               * eight local digits. */
                                              "  r.citizen_name || ' ' || ifnull (r.citizen_phone, '') || ' ' || "
                                              "  replace (replace (replace (ifnull (r.citizen_phone, ''), ' ', ''), '+', ''), '-', '') || ' ' || "
                                              "  substr (replace (replace (ifnull (r.citizen_phone, ''), ' ', ''), '-', ''), -8) || ' ' || "
                                              "  ifnull (r.citizen_cpr, ''), "
                                              "  r.subject || ' ' || r.description, "
                                              "  (SELECT group_concat(body, ' ') FROM events e WHERE e.request_id = r.id AND e.body IS NOT NULL) "
                                              "FROM requests r WHERE r.id = ?1");
  if (select == NULL)
    return fail (db, error);
  sqlite3_bind_text (select, 1, id, -1, SQLITE_STATIC);
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW)
    {
      /* No such request: nothing to index. */
      if (rc != SQLITE_DONE)
        fail (db, error);
      sqlite3_reset (select);
      return rc == SQLITE_DONE;
    }

  insert = baladi_store_prepare_cached (self, "INSERT INTO requests_search (rowid, reference, citizen, description, replies) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (insert == NULL)
    {
      sqlite3_reset (select);
      return fail (db, error);
    }
  for (int i = 0; i < 5; i++)
    sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));
  ok = sqlite3_step (insert) == SQLITE_DONE;
  if (!ok)
    fail (db, error);
  sqlite3_reset (insert);
  sqlite3_clear_bindings (insert);
  sqlite3_reset (select);

  return ok;
}

/**
 * baladi_store_full_sync_begin:
 *
 * A full sync resends everything the user may see. What it does not
 * resend has gone (merged away, transferred, or a cursor expired over a
 * removal), so the requests seen are noted to forget the others at the
 * end. If the sync stops half-way, nothing is forgotten.
 */
gboolean
baladi_store_full_sync_begin (BaladiStore  *self,
                              GError      **error)
{
  return exec_bound (self, "CREATE TEMP TABLE IF NOT EXISTS sync_seen (id TEXT PRIMARY KEY)", error, 0) &&
         exec_bound (self, "DELETE FROM sync_seen", error, 0);
}

gboolean
baladi_store_mark_seen (BaladiStore  *self,
                        const char   *id,
                        GError      **error)
{
  return exec_bound (self, "INSERT OR IGNORE INTO sync_seen (id) VALUES (?1)", error, 1, id);
}

/**
 * baladi_store_full_sync_end:
 *
 * Forgets the cached requests the full sync did not bring, except those
 * with edits still in the outbox and those imported from an Open311
 * source, which the central API never sends.
 */
gboolean
baladi_store_full_sync_end (BaladiStore  *self,
                            GError      **error)
{
  static const char *gone =
    "SELECT id FROM requests WHERE id NOT IN (SELECT id FROM sync_seen) AND origin IS NULL "
    "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = requests.id)";
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, gone);

  if (stmt == NULL)
    return fail (baladi_store_get_db (self), error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  if (!baladi_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!baladi_store_remove_request (self, g_ptr_array_index (ids, i), error))
      {
        baladi_store_rollback (self);
        return FALSE;
      }

  return baladi_store_commit (self, error) && exec_bound (self, "DELETE FROM sync_seen", error, 0);
}

void
baladi_outbox_entry_free (BaladiOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->request_id);
  g_free (entry->action);
  g_free (entry->payload);
  g_free (entry->idempotency_key);
  g_free (entry->request_version);
  g_free (entry->field);
  g_free (entry->base_value);
  g_free (entry->local_value);
  g_free (entry->server_value);
  g_free (entry->server_version);
  g_free (entry->service_code);
  g_free (entry->last_error);
  g_free (entry->base_version);
  g_free (entry);
}

#define OUTBOX_COLUMNS \
  "o.id, o.request_id, o.action, o.payload, o.idempotency_key, " \
  "CASE WHEN o.service_code IS NOT NULL THEN s.version " \
  "     WHEN o.field IS NULL THEN r.version ELSE coalesce (o.base_version, r.version) END, " \
  "o.attempts, o.field, o.base_value, o.local_value, o.server_value, o.server_version, o.service_code "

static BaladiOutboxEntry *
read_outbox_entry (sqlite3_stmt *stmt)
{
  BaladiOutboxEntry *entry = g_new0 (BaladiOutboxEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->request_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->idempotency_key = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entry->request_version = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  entry->attempts = sqlite3_column_int (stmt, 6);
  entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
  entry->base_value = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  entry->local_value = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  entry->server_value = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  entry->server_version = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  entry->service_code = g_strdup ((const char *) sqlite3_column_text (stmt, 12));

  return entry;
}

/**
 * baladi_store_reset_in_flight:
 *
 * An entry left "in flight" by a process that died may or may not have
 * reached the server: it goes back to pending, and its Idempotency-Key
 * makes sending it again safe.
 */
gboolean
baladi_store_reset_in_flight (BaladiStore  *self,
                              GError      **error)
{
  return exec_bound (self, "UPDATE outbox SET state = 'pending' WHERE state = 'in_flight'", error, 0);
}

/**
 * baladi_store_next_outbox_entry:
 *
 * An edit of a field goes with If-Match of the version it was made on, so
 * that the server says 412 when someone else changed the request since
 * and the push can merge field by field; a note or a reply cannot clash
 * with anything and goes on the latest version the cache has.
 *
 * Returns: (transfer full) (nullable): the oldest pending entry that is
 *   due and has no earlier entry of its request (or of its service) left,
 *   whatever its state: edits of one request go in order or not at all
 */
BaladiOutboxEntry *
baladi_store_next_outbox_entry (BaladiStore *self,
                                gint64       now)
{
  sqlite3_stmt *stmt = NULL;
  BaladiOutboxEntry *entry = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self),
                          "SELECT " OUTBOX_COLUMNS
                          "FROM outbox o LEFT JOIN requests r ON r.id = o.request_id "
                          "LEFT JOIN services s ON s.code = o.service_code "
                          "WHERE o.state = 'pending' AND o.next_attempt_at <= ?1 "
                          "AND NOT EXISTS (SELECT 1 FROM outbox b WHERE (b.request_id = o.request_id OR b.service_code = o.service_code) "
                          "                AND b.id < o.id) "
                          "ORDER BY o.id LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = read_outbox_entry (stmt);
  sqlite3_finalize (stmt);

  return entry;
}

/**
 * baladi_store_set_service_conflict:
 * @outbox_id: an edit of a service the server refused with 412
 * @document: the service as the server has it now
 * @version: its version
 *
 * Someone changed the service on the server since the edit was made: the
 * edit waits for its editor, with the server's service beside it. The
 * server refused it, so it goes again, if it does, under a new
 * Idempotency-Key: the old one would only bring back the 412.
 */
gboolean
baladi_store_set_service_conflict (BaladiStore  *self,
                                   gint64        outbox_id,
                                   const char   *document,
                                   const char   *version,
                                   GError      **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, outbox_id);
  g_autofree char *key = g_uuid_string_random ();

  return exec_bound (self, "UPDATE outbox SET state = 'conflict', server_value = ?2, server_version = ?3, "
                           "idempotency_key = ?4, last_error = 'HTTP 412', attempts = attempts + 1 "
                           "WHERE id = CAST(?1 AS INTEGER)",
                     error, 4, id_text, document, version, key);
}

/**
 * baladi_store_get_service_trouble:
 * @code: a service of the catalogue
 *
 * Returns: (transfer full) (nullable): the first edit of the service that
 *   waits for its editor: in conflict with a change made on the server
 *   (the server's service is then in @server_value), or refused by the
 *   server (its answer in @last_error); %NULL when there is none
 */
BaladiOutboxEntry *
baladi_store_get_service_trouble (BaladiStore *self,
                                  const char  *code)
{
  sqlite3_stmt *stmt = NULL;
  BaladiOutboxEntry *entry = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self),
                          "SELECT " OUTBOX_COLUMNS ", o.last_error "
                          "FROM outbox o LEFT JOIN requests r ON r.id = o.request_id "
                          "LEFT JOIN services s ON s.code = o.service_code "
                          "WHERE o.service_code = ?1 AND o.state IN ('conflict', 'attention') "
                          "ORDER BY o.id LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Reading the edits of a service failed: %s", sqlite3_errmsg (baladi_store_get_db (self)));
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      entry = read_outbox_entry (stmt);
      entry->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
    }
  sqlite3_finalize (stmt);

  return entry;
}

/* The edit of a service @outbox_id, waiting for its editor. */
static BaladiOutboxEntry *
load_service_edit (BaladiStore  *self,
                   gint64        outbox_id,
                   GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  BaladiOutboxEntry *entry = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT " OUTBOX_COLUMNS ", o.last_error, o.base_version "
                              "FROM outbox o LEFT JOIN requests r ON r.id = o.request_id "
                              "LEFT JOIN services s ON s.code = o.service_code "
                              "WHERE o.id = ?1 AND o.service_code IS NOT NULL "
                              "AND o.state IN ('conflict', 'attention')", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (db, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, outbox_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      entry = read_outbox_entry (stmt);
      entry->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 13));
      entry->base_version = g_strdup ((const char *) sqlite3_column_text (stmt, 14));
    }
  else
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID,
                 "This edit no longer waits for you: it was sent, or dropped");
  sqlite3_finalize (stmt);

  return entry;
}

/* Rebuilds the cached service @code from @base, the server's document
 * at @version, with the edits of it still in the outbox on top, in order. */
static gboolean
rebuild_service (BaladiStore  *self,
                 const char   *code,
                 const char   *base,
                 const char   *version,
                 GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autoptr(GPtrArray) patches = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *document = g_strdup (base);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT payload FROM outbox WHERE service_code = ?1 ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (patches, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT json_patch (?1, ?2)", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error);
  for (guint i = 0; i < patches->len; i++)
    {
      sqlite3_bind_text (stmt, 1, document, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (patches, i), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_finalize (stmt);
          return fail (db, error);
        }
      g_free (document);
      document = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  return exec_bound (self, "UPDATE services SET document = ?2, version = ?3, "
                           "category = ifnull (json_extract (?2, '$.category'), category) WHERE code = ?1",
                     error, 3, code, document, version);
}

/* Ends a resolution begun with baladi_store_begin(). */
static gboolean
finish_resolution (BaladiStore  *self,
                   gboolean      ok,
                   GError      **error)
{
  if (ok && baladi_store_commit (self, error))
    return TRUE;
  baladi_store_rollback (self);
  return FALSE;
}

/**
 * baladi_store_keep_service_edit:
 * @outbox_id: an edit of a service in conflict, or refused
 *
 * The editor keeps the edit: in a conflict it goes again on the server's
 * version, over the server's service, and changes only the fields it
 * changed; a refused edit is sent again as it was.
 */
gboolean
baladi_store_keep_service_edit (BaladiStore  *self,
                                gint64        outbox_id,
                                GError      **error)
{
  g_autoptr(BaladiOutboxEntry) entry = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, outbox_id);
  gboolean ok;

  if (!baladi_store_begin (self, error))
    return FALSE;
  entry = load_service_edit (self, outbox_id, error);
  ok = entry != NULL &&
       exec_bound (self, "UPDATE outbox SET state = 'pending', base_version = coalesce (server_version, base_version), "
                         "server_value = NULL, server_version = NULL, attempts = 0, next_attempt_at = 0, "
                         "last_error = NULL WHERE id = CAST(?1 AS INTEGER)", error, 1, id_text) &&
       (entry->server_value == NULL ||
        rebuild_service (self, entry->service_code, entry->server_value, entry->server_version, error));

  return finish_resolution (self, ok, error);
}

/**
 * baladi_store_discard_service_edit:
 * @outbox_id: an edit of a service in conflict, or refused
 *
 * The editor drops the edit: the cached service becomes the server's (the
 * one the 412 brought, or the one the edit was made on), with the later
 * edits of it, if any, still on top.
 */
gboolean
baladi_store_discard_service_edit (BaladiStore  *self,
                                   gint64        outbox_id,
                                   GError      **error)
{
  g_autoptr(BaladiOutboxEntry) entry = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, outbox_id);
  const char *base, *version;
  gboolean ok;

  if (!baladi_store_begin (self, error))
    return FALSE;
  entry = load_service_edit (self, outbox_id, error);
  if (entry == NULL)
    return finish_resolution (self, FALSE, error);
  base = entry->server_value != NULL ? entry->server_value : entry->base_value;
  version = entry->server_value != NULL ? entry->server_version : entry->base_version;
  ok = exec_bound (self, "DELETE FROM outbox WHERE id = CAST(?1 AS INTEGER)", error, 1, id_text) &&
       (base == NULL || rebuild_service (self, entry->service_code, base, version, error));

  return finish_resolution (self, ok, error);
}

/**
 * baladi_store_get_conflicts:
 * @request_id: (nullable): one request, or %NULL for all
 *
 * Returns: (transfer container) (element-type BaladiOutboxEntry): the
 *   edits in conflict, oldest first, with the server's values
 */
GPtrArray *
baladi_store_get_conflicts (BaladiStore *self,
                            const char  *request_id)
{
  GPtrArray *conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_outbox_entry_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self),
                          "SELECT " OUTBOX_COLUMNS
                          "FROM outbox o LEFT JOIN requests r ON r.id = o.request_id "
                          "LEFT JOIN services s ON s.code = o.service_code "
                          "WHERE o.state = 'conflict' AND (?1 IS NULL OR o.request_id = ?1) "
                          "ORDER BY o.id", -1, &stmt, NULL) != SQLITE_OK)
    return conflicts;

  sqlite3_bind_text (stmt, 1, request_id, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (conflicts, read_outbox_entry (stmt));
  sqlite3_finalize (stmt);

  return conflicts;
}

gboolean
baladi_store_set_outbox_state (BaladiStore  *self,
                               gint64        id,
                               const char   *state,
                               const char   *last_error,
                               gint64        next_attempt_at,
                               GError      **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *at_text = g_strdup_printf ("%" G_GINT64_FORMAT, next_attempt_at);

  return exec_bound (self, "UPDATE outbox SET state = ?2, last_error = ?3, next_attempt_at = CAST(?4 AS INTEGER), "
                           "attempts = attempts + (?2 != 'in_flight') WHERE id = CAST(?1 AS INTEGER)",
                     error, 4, id_text, state, last_error, at_text);
}

/**
 * baladi_store_finish_outbox_entry:
 *
 * The server took the edit: the entry goes, and when it was the last one
 * of its request, the request's local events and pending fields go too,
 * since the server's version now holds them.
 */
gboolean
baladi_store_finish_outbox_entry (BaladiStore        *self,
                                  BaladiOutboxEntry  *entry,
                                  GError            **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);

  return exec_bound (self, "DELETE FROM outbox WHERE id = CAST(?1 AS INTEGER)", error, 1, id_text) &&
         exec_bound (self, "DELETE FROM events WHERE request_id = ?1 AND local = 1 "
                           "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1)", error, 1, entry->request_id) &&
         exec_bound (self, "UPDATE requests SET pending_fields = '' WHERE id = ?1 "
                           "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1)", error, 1, entry->request_id);
}

/**
 * baladi_store_rebase_outbox:
 * @done: the entry the server just took, with the If-Match it was sent with
 * @new_version: the request's version after it
 *
 * The server's new version is the old one plus @done. Later edits of the
 * same request made on the old version were made on top of @done too, so
 * they now stand on the new version: they go without a needless 412.
 */
gboolean
baladi_store_rebase_outbox (BaladiStore        *self,
                            BaladiOutboxEntry  *done,
                            const char         *new_version,
                            GError            **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, done->id);

  if (done->request_version == NULL || new_version == NULL)
    return TRUE;

  return exec_bound (self, "UPDATE outbox SET base_version = ?4 WHERE request_id = ?1 "
                           "AND id > CAST(?2 AS INTEGER) AND field IS NOT NULL AND base_version = ?3",
                     error, 4, done->request_id, id_text, done->request_version, new_version);
}

/**
 * baladi_store_merge_stale_entry:
 * @entry: an entry the server answered 412 to
 * @current: the request as the server has it now, already stored
 * @merge: (out): what became of @entry
 *
 * Merges field by field: the field @entry changes is compared with its
 * value when the clerk made the edit (the base) and with the clerk's
 * value. The server changed other fields only: the edit goes again on
 * @current's version. The server has the clerk's value already: the edit
 * is done. The server gave the field another value: a conflict, with the
 * server's value kept for the clerk. A note or a reply always goes again.
 *
 * The Idempotency-Key is renewed: the server remembers its 412 answer to
 * the old one, and that call changed nothing. Run it in the transaction
 * that stored @current.
 */
gboolean
baladi_store_merge_stale_entry (BaladiStore        *self,
                                BaladiOutboxEntry  *entry,
                                const BaladiRemoteRequest *current,
                                BaladiMerge        *merge,
                                GError            **error)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, entry->id);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *theirs = NULL;
  const char *version = current->version;

  if (entry->field == NULL)
    {
      *merge = BALADI_MERGE_RESEND;
    }
  else
    {
      theirs = baladi_remote_request_field (current, entry->field);
      if (g_strcmp0 (theirs, entry->local_value) == 0)
        *merge = BALADI_MERGE_DONE;
      else if (g_strcmp0 (theirs, entry->base_value) == 0)
        *merge = BALADI_MERGE_RESEND;
      else
        *merge = BALADI_MERGE_CONFLICT;
    }

  switch (*merge)
    {
    case BALADI_MERGE_DONE:
      return baladi_store_finish_outbox_entry (self, entry, error);

    case BALADI_MERGE_RESEND:
      return exec_bound (self, "UPDATE outbox SET state = 'pending', base_version = ?2, idempotency_key = ?3, "
                               "last_error = NULL, next_attempt_at = 0 WHERE id = CAST(?1 AS INTEGER)",
                         error, 3, id_text, version, key);

    case BALADI_MERGE_CONFLICT:
      return exec_bound (self, "UPDATE outbox SET state = 'conflict', server_value = ?2, server_version = ?3, "
                               "idempotency_key = ?4, last_error = 'HTTP 412', attempts = attempts + 1 "
                               "WHERE id = CAST(?1 AS INTEGER)",
                         error, 4, id_text, theirs, version, key);

    default:
      g_assert_not_reached ();
    }
}

/**
 * baladi_store_has_newer_request:
 *
 * A write's answer repeated by the server (the same Idempotency-Key sent
 * again after a crash) may be older than what the cache has since pulled:
 * it must not take the cache back.
 *
 * Returns: whether the cached request @id has a version after @version
 */
gboolean
baladi_store_has_newer_request (BaladiStore *self,
                                const char  *id,
                                const char  *version)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, "SELECT version FROM requests WHERE id = ?1");
  guint64 cached = 0, answered = 0;
  gboolean newer = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL &&
      g_ascii_string_to_unsigned ((const char *) sqlite3_column_text (stmt, 0), 10, 0, G_MAXUINT64, &cached, NULL) &&
      version != NULL && g_ascii_string_to_unsigned (version, 10, 0, G_MAXUINT64, &answered, NULL))
    newer = cached > answered;
  sqlite3_reset (stmt);

  return newer;
}

/**
 * baladi_store_retry_attention:
 * @request_id: the request whose refused edits the clerk sends again
 *
 * Edits the server refused wait for the clerk; this queues them again,
 * in their order, for the next push.
 */
gboolean
baladi_store_retry_attention (BaladiStore  *self,
                              const char   *request_id,
                              GError      **error)
{
  return exec_bound (self, "UPDATE outbox SET state = 'pending', next_attempt_at = 0, last_error = NULL "
                           "WHERE request_id = ?1 AND state = 'attention'", error, 1, request_id);
}
