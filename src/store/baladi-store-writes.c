/* baladi-store-writes.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a clerk does, stored at once and never lost: each action changes
 * the cached request and appends its outbox entry in one BEGIN IMMEDIATE
 * transaction, so either both are on disk or neither is. The sync engine
 * pushes the outbox later.
 *
 * And what the server says, applied without undoing the clerk: a pulled
 * request never overwrites a field that has a local edit still waiting
 * (the request's pending_fields). */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "baladi-store-writes.h"

static gboolean
set_sqlite_error (sqlite3  *db,
                  GError  **error)
{
  g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (db));
  return FALSE;
}

/* Reads what a local action needs of the cached request. A request
 * imported from an Open311 source is read-only: its edits could never
 * reach the system it comes from. */
static gboolean
load_request (sqlite3     *db,
              const char  *id,
              char       **status,
              char       **version,
              GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;
  gboolean imported = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT status, version, origin IS NOT NULL FROM requests WHERE id = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *version = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      imported = sqlite3_column_int (stmt, 2);
    }
  sqlite3_finalize (stmt);

  if (!found)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN,
                 _("The request is not in the cache."));
  else if (imported)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_READ_ONLY,
                 _("This request comes from another system through Open311 and cannot be changed here."));
  return found && !imported;
}

/* Runs @sql with @n text parameters, ?1 to ?n. */
static gboolean
run (sqlite3     *db,
     const char  *sql,
     GError     **error,
     guint        n,
     ...)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  va_list args;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    sqlite3_bind_text (stmt, i + 1, va_arg (args, const char *), -1, SQLITE_TRANSIENT);
  va_end (args);

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  sqlite3_finalize (stmt);

  return ok || set_sqlite_error (db, error);
}

static gboolean
append_outbox (sqlite3     *db,
               const char  *request_id,
               const char  *action,
               const char  *payload,
               const char  *base_version,
               GError     **error)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  return run (db, "INSERT INTO outbox (request_id, action, payload, idempotency_key, base_version, created_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS INTEGER))",
              error, 6, request_id, action, payload, key, base_version, now);
}

/* A JSON string literal of @text, quotes and control characters escaped. */
static char *
json_string (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

static gboolean
in_transaction (sqlite3   *db,
                gboolean   ok,
                GError   **error)
{
  if (ok && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  if (error != NULL && *error == NULL)
    set_sqlite_error (db, error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * baladi_store_add_event:
 * @kind: %BALADI_EVENT_KIND_REPLY or %BALADI_EVENT_KIND_INTERNAL_NOTE
 *
 * Records a reply to the citizen or an internal note, shown at once in the
 * request's history and queued for the server.
 */
gboolean
baladi_store_add_event (BaladiStore      *self,
                        const char       *request_id,
                        BaladiEventKind   kind,
                        const char       *body,
                        const char       *author,
                        GError          **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *status = NULL;
  g_autofree char *version = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  gboolean reply = kind == BALADI_EVENT_KIND_REPLY;
  gboolean ok;

  g_return_val_if_fail (kind == BALADI_EVENT_KIND_REPLY || kind == BALADI_EVENT_KIND_INTERNAL_NOTE, FALSE);
  g_return_val_if_fail (body != NULL && g_utf8_validate (body, -1, NULL), FALSE);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  quoted = json_string (body);
  payload = g_strdup_printf ("{\"body\": %s}", quoted);
  /* Public only when it is a reply: a note can never reach the citizen. */
  ok = load_request (db, request_id, &status, &version, error) &&
       run (db, "INSERT INTO events (id, request_id, kind, author, created_at, body, public, local) "
                "VALUES (?1, ?2, ?3, ?4, CAST(?5 AS INTEGER), ?6, ?3 = 'reply', 1)",
            error, 6, event_id, request_id, reply ? "reply" : "internal_note", author, now, body) &&
       append_outbox (db, request_id, reply ? "replies" : "notes", payload, version, error);

  return in_transaction (db, ok, error);
}

/**
 * baladi_store_set_status:
 * @reason: (nullable): why, required when the request starts waiting
 *
 * Moves a cached request along the workflow and queues the change.
 */
gboolean
baladi_store_set_status (BaladiStore          *self,
                         const char           *request_id,
                         BaladiRequestStatus   status,
                         const char           *reason,
                         const char           *author,
                         GError              **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *current = NULL;
  g_autofree char *version = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *quoted_reason = reason != NULL ? json_string (reason) : NULL;
  const char *wire = baladi_enum_to_wire (BALADI_TYPE_REQUEST_STATUS, status);
  int from = BALADI_REQUEST_STATUS_NEW;
  gboolean ok;

  g_return_val_if_fail (wire != NULL, FALSE);

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  if (!load_request (db, request_id, &current, &version, error))
    return in_transaction (db, FALSE, error);

  baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, current, &from);
  if (!baladi_request_status_can_transition (from, status) ||
      (baladi_request_status_pauses_clock (status) && reason == NULL))
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   baladi_request_status_pauses_clock (status) && reason == NULL
                   ? _("Say why the request waits.")
                   : _("The workflow does not allow this change."));
      return in_transaction (db, FALSE, error);
    }

  payload = quoted_reason != NULL
            ? g_strdup_printf ("{\"status\": \"%s\", \"reason\": %s}", wire, quoted_reason)
            : g_strdup_printf ("{\"status\": \"%s\"}", wire);
  ok = run (db, "UPDATE requests SET status = ?2, "
                "pending_fields = CASE WHEN instr(pending_fields, ',status,') > 0 THEN pending_fields "
                "ELSE pending_fields || ',status,' END WHERE id = ?1",
            error, 2, request_id, wire) &&
       append_outbox (db, request_id, "status", payload, version, error);

  return in_transaction (db, ok, error);
}

/* The columns a pull writes, with the properties of BaladiRequest they
 * come from. */
static const struct {
  const char *column;
  const char *property;
  enum { TEXT, ENUM, TIME, REAL } kind;
} remote_columns[] = {
  { "id", "id", TEXT }, { "reference", "reference", TEXT }, { "type", "type", ENUM },
  { "category", "category", TEXT }, { "sector", "sector", ENUM }, { "municipality", "municipality", ENUM },
  { "channel", "channel", ENUM }, { "status", "status", ENUM }, { "priority", "priority", ENUM },
  { "language", "language", TEXT }, { "service_code", "service-code", TEXT }, { "subject", "subject", TEXT },
  { "description", "description", TEXT }, { "citizen_name", "citizen-name", TEXT },
  { "citizen_phone", "citizen-phone", TEXT }, { "citizen_email", "citizen-email", TEXT },
  { "citizen_cpr", "citizen-cpr", TEXT }, { "address_building", "address-building", TEXT },
  { "address_road", "address-road", TEXT }, { "address_block", "address-block", TEXT },
  { "address_area", "address-area", TEXT }, { "latitude", "latitude", REAL }, { "longitude", "longitude", REAL },
  { "assignee", "assignee", TEXT }, { "merged_into", "merged-into", TEXT }, { "created_at", "created", TIME },
  { "updated_at", "updated", TIME }, { "first_reply_at", "first-reply", TIME }, { "due_at", "due", TIME },
  { "closed_at", "closed", TIME }, { "version", "version", TEXT },
};

/* INSERT … ON CONFLICT DO UPDATE that keeps every column named in the
 * cached row's pending_fields. Built from the constant table above only. */
static char *
build_upsert (void)
{
  GString *sql = g_string_new ("INSERT INTO requests (");
  GString *values = g_string_new (") VALUES (");
  GString *update = g_string_new (") ON CONFLICT (id) DO UPDATE SET ");

  for (guint i = 0; i < G_N_ELEMENTS (remote_columns); i++)
    {
      const char *column = remote_columns[i].column;

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", column);
      g_string_append_printf (values, "%s?%u", i > 0 ? ", " : "", i + 1);
      if (i > 0)
        g_string_append_printf (update, "%s%s = CASE WHEN instr(requests.pending_fields, ',%s,') > 0 "
                                        "THEN requests.%s ELSE excluded.%s END",
                                i > 1 ? ", " : "", column, column, column, column);
    }

  g_string_append (sql, values->str);
  g_string_append (sql, update->str);
  g_string_free (values, TRUE);
  g_string_free (update, TRUE);

  return g_string_free (sql, FALSE);
}

/**
 * baladi_store_apply_remote:
 * @remote: the request as the server has it
 *
 * Stores a pulled request, except for the fields the clerk changed here
 * and that have not reached the server yet.
 */
gboolean
baladi_store_apply_remote (BaladiStore    *self,
                           BaladiRequest  *remote,
                           GError        **error)
{
  static char *sql;
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  gboolean has_location;
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_REQUEST (remote), FALSE);

  if (sql == NULL)
    sql = build_upsert ();
  stmt = baladi_store_prepare_cached (self, sql);
  if (stmt == NULL)
    return set_sqlite_error (db, error);

  g_object_get (remote, "has-location", &has_location, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (remote_columns); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (remote), remote_columns[i].property);

      g_value_init (&value, pspec->value_type);
      g_object_get_property (G_OBJECT (remote), remote_columns[i].property, &value);
      switch (remote_columns[i].kind)
        {
        case TEXT:
          sqlite3_bind_text (stmt, i + 1, g_value_get_string (&value), -1, SQLITE_TRANSIENT);
          break;
        case ENUM:
          sqlite3_bind_text (stmt, i + 1, baladi_enum_to_wire (pspec->value_type, g_value_get_enum (&value)), -1, SQLITE_STATIC);
          break;
        case TIME:
          if (g_value_get_boxed (&value) != NULL)
            sqlite3_bind_int64 (stmt, i + 1, g_date_time_to_unix (g_value_get_boxed (&value)));
          break;
        case REAL:
          if (has_location)
            sqlite3_bind_double (stmt, i + 1, g_value_get_double (&value));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    set_sqlite_error (db, error);
  sqlite3_reset (stmt);

  return ok;
}
