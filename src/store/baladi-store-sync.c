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
  return exec_bound (self, "INSERT OR REPLACE INTO services (code, sector, category, document, version) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)", error, 5, code, sector, category, document, version);
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
 * with edits still in the outbox.
 */
gboolean
baladi_store_full_sync_end (BaladiStore  *self,
                            GError      **error)
{
  static const char *gone =
    "SELECT id FROM requests WHERE id NOT IN (SELECT id FROM sync_seen) "
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
  g_free (entry);
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
 * Returns: (transfer full) (nullable): the oldest pending entry that is
 *   due, skipping requests with an earlier entry that needs attention or
 *   is in conflict: edits of one request go in order or not at all
 */
BaladiOutboxEntry *
baladi_store_next_outbox_entry (BaladiStore *self,
                                gint64       now)
{
  sqlite3_stmt *stmt = NULL;
  BaladiOutboxEntry *entry = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self),
                          "SELECT o.id, o.request_id, o.action, o.payload, o.idempotency_key, r.version, o.attempts "
                          "FROM outbox o LEFT JOIN requests r ON r.id = o.request_id "
                          "WHERE o.state = 'pending' AND o.next_attempt_at <= ?1 "
                          "AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.request_id = o.request_id "
                          "                AND b.id < o.id AND b.state IN ('attention', 'conflict')) "
                          "ORDER BY o.id LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      entry = g_new0 (BaladiOutboxEntry, 1);
      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->request_id = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->idempotency_key = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->request_version = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->attempts = sqlite3_column_int (stmt, 6);
    }
  sqlite3_finalize (stmt);

  return entry;
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
