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

#include "baladi-sla-calendar.h"
#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-validate.h"

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

/* Queues an edit. @field is the request field it changes, with its
 * value before (@base_value) and after (@local_value), or %NULL for an
 * edit that only adds to the history: a 412 merges them field by field. */
static gboolean
append_outbox (sqlite3     *db,
               const char  *request_id,
               const char  *action,
               const char  *payload,
               const char  *base_version,
               const char  *field,
               const char  *base_value,
               const char  *local_value,
               GError     **error)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  return run (db, "INSERT INTO outbox (request_id, action, payload, idempotency_key, base_version, created_at, "
                  "field, base_value, local_value) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS INTEGER), ?7, ?8, ?9)",
              error, 9, request_id, action, payload, key, base_version, now, field, base_value, local_value);
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
status_is_open (const char *wire)
{
  int status;

  return baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, wire, &status) &&
         baladi_request_status_is_open (status);
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

/* Adds ,field, to the row's pending_fields for each field named. */
static gboolean
mark_pending (sqlite3     *db,
              const char  *request_id,
              GError     **error,
              const char  *first_field,
              ...)
{
  va_list args;
  gboolean ok = TRUE;

  va_start (args, first_field);
  for (const char *field = first_field; ok && field != NULL; field = va_arg (args, const char *))
    {
      g_autofree char *mark = g_strdup_printf (",%s,", field);

      ok = run (db, "UPDATE requests SET pending_fields = pending_fields || ?2 "
                    "WHERE id = ?1 AND instr(pending_fields, ?2) = 0",
                error, 2, request_id, mark);
    }
  va_end (args);

  return ok;
}

/* A history entry made here, shown at once and replaced by the server's
 * own when the request is next pulled. */
static gboolean
add_local_event (sqlite3     *db,
                 const char  *request_id,
                 const char  *kind,
                 const char  *author,
                 const char  *old_value,
                 const char  *new_value,
                 const char  *reason,
                 GError     **error)
{
  g_autofree char *event_id = g_uuid_string_random ();
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  return run (db, "INSERT INTO events (id, request_id, kind, author, created_at, old_value, new_value, reason, local) "
                  "VALUES (?1, ?2, ?3, ?4, CAST(?5 AS INTEGER), ?6, ?7, ?8, 1)",
              error, 8, event_id, request_id, kind, author, now, old_value, new_value, reason);
}

/* Reads one text column of the cached request; NULL when it is NULL. */
static char *
load_column (sqlite3    *db,
             const char *sql,
             const char *id)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID, message);
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
       append_outbox (db, request_id, reply ? "replies" : "notes", payload, version, NULL, NULL, NULL, error);

  return in_transaction (db, ok, error) && (baladi_store_emit_changed (self, request_id), TRUE);
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
       add_local_event (db, request_id, "status_change", author, current, wire, reason, error) &&
       append_outbox (db, request_id, "status", payload, version, "status", current, wire, error);

  return in_transaction (db, ok, error) && (baladi_store_emit_changed (self, request_id), TRUE);
}

/* The columns a pull writes, where BaladiRemoteRequest has them, and the
 * properties of BaladiRequest they come from. */
typedef enum { TEXT, ENUM, TIME, REAL } ColumnKind;

static const struct {
  const char *column;
  const char *property;
  ColumnKind  kind;
  gsize       offset;
} remote_columns[] = {
#define COLUMN(column, property, kind) { #column, property, kind, G_STRUCT_OFFSET (BaladiRemoteRequest, column) }
  COLUMN (id, "id", TEXT), COLUMN (reference, "reference", TEXT), COLUMN (type, "type", ENUM),
  COLUMN (category, "category", TEXT), COLUMN (sector, "sector", ENUM), COLUMN (municipality, "municipality", ENUM),
  COLUMN (channel, "channel", ENUM), COLUMN (status, "status", ENUM), COLUMN (priority, "priority", ENUM),
  COLUMN (language, "language", TEXT), COLUMN (service_code, "service-code", TEXT), COLUMN (subject, "subject", TEXT),
  COLUMN (description, "description", TEXT), COLUMN (citizen_name, "citizen-name", TEXT),
  COLUMN (citizen_phone, "citizen-phone", TEXT), COLUMN (citizen_email, "citizen-email", TEXT),
  COLUMN (citizen_cpr, "citizen-cpr", TEXT), COLUMN (address_building, "address-building", TEXT),
  COLUMN (address_road, "address-road", TEXT), COLUMN (address_block, "address-block", TEXT),
  COLUMN (address_area, "address-area", TEXT), COLUMN (latitude, "latitude", REAL), COLUMN (longitude, "longitude", REAL),
  COLUMN (assignee, "assignee", TEXT), COLUMN (merged_into, "merged-into", TEXT), COLUMN (created_at, "created", TIME),
  COLUMN (updated_at, "updated", TIME), COLUMN (first_reply_at, "first-reply", TIME), COLUMN (due_at, "due", TIME),
  COLUMN (closed_at, "closed", TIME), COLUMN (version, "version", TEXT),
#undef COLUMN
};

/* The fields an edit of a request may change (columns of requests), about
 * which the clerk and the server can disagree. */
static const char *const merge_fields[] = { "status", "assignee", "municipality", "merged_into" };

/* Keeps the server's value of a field in conflict up to date, so that
 * "take theirs" takes what the server has now. */
static gboolean
refresh_conflicts (BaladiStore                *self,
                   const BaladiRemoteRequest  *remote,
                   GError                    **error)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self,
    "UPDATE outbox SET server_value = CASE field WHEN 'status' THEN ?2 WHEN 'assignee' THEN ?3 "
    "WHEN 'municipality' THEN ?4 WHEN 'merged_into' THEN ?5 ELSE server_value END, server_version = ?6 "
    "WHERE request_id = ?1 AND state = 'conflict'");
  gboolean ok;

  if (stmt == NULL)
    return set_sqlite_error (baladi_store_get_db (self), error);

  sqlite3_bind_text (stmt, 1, remote->id, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < G_N_ELEMENTS (merge_fields); i++)
    sqlite3_bind_text (stmt, i + 2, baladi_remote_request_field (remote, merge_fields[i]), -1, g_free);
  sqlite3_bind_text (stmt, 6, remote->version, -1, SQLITE_TRANSIENT);

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    set_sqlite_error (baladi_store_get_db (self), error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return ok;
}

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
 * baladi_store_put_remote:
 * @remote: the request as the server has it
 *
 * Stores a pulled request, except for the fields the clerk changed here
 * and that have not reached the server yet; an edit of it in conflict
 * keeps the server's latest value beside it.
 */
gboolean
baladi_store_put_remote (BaladiStore                *self,
                         const BaladiRemoteRequest  *remote,
                         GError                    **error)
{
  static char *sql;
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (g_once_init_enter (&sql))
    g_once_init_leave (&sql, build_upsert ());
  stmt = baladi_store_prepare_cached (self, sql);
  if (stmt == NULL)
    return set_sqlite_error (db, error);

  for (guint i = 0; i < G_N_ELEMENTS (remote_columns); i++)
    {
      gconstpointer field = G_STRUCT_MEMBER_P (remote, remote_columns[i].offset);

      switch (remote_columns[i].kind)
        {
        case TEXT:
        case ENUM:
          sqlite3_bind_text (stmt, i + 1, *(const char * const *) field, -1, SQLITE_STATIC);
          break;
        case TIME:
          if (*(const gint64 *) field != BALADI_REMOTE_NO_TIME)
            sqlite3_bind_int64 (stmt, i + 1, *(const gint64 *) field);
          break;
        case REAL:
          if (remote->has_location)
            sqlite3_bind_double (stmt, i + 1, *(const double *) field);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    set_sqlite_error (db, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return ok && refresh_conflicts (self, remote, error);
}

/**
 * baladi_store_apply_remote:
 * @remote: the request as the server has it
 *
 * baladi_store_put_remote() for a request as an object.
 */
gboolean
baladi_store_apply_remote (BaladiStore    *self,
                           BaladiRequest  *remote,
                           GError        **error)
{
  GValue values[G_N_ELEMENTS (remote_columns)] = { G_VALUE_INIT, };
  BaladiRemoteRequest row = { 0, };
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_REQUEST (remote), FALSE);

  g_object_get (remote, "has-location", &row.has_location, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (remote_columns); i++)
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (remote), remote_columns[i].property);
      gpointer field = G_STRUCT_MEMBER_P (&row, remote_columns[i].offset);

      g_value_init (&values[i], pspec->value_type);
      g_object_get_property (G_OBJECT (remote), remote_columns[i].property, &values[i]);
      switch (remote_columns[i].kind)
        {
        case TEXT:
          *(const char **) field = g_value_get_string (&values[i]);
          break;
        case ENUM:
          *(const char **) field = baladi_enum_to_wire (pspec->value_type, g_value_get_enum (&values[i]));
          break;
        case TIME:
          *(gint64 *) field = g_value_get_boxed (&values[i]) != NULL
                              ? g_date_time_to_unix (g_value_get_boxed (&values[i])) : BALADI_REMOTE_NO_TIME;
          break;
        case REAL:
          *(double *) field = g_value_get_double (&values[i]);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  ok = baladi_store_put_remote (self, &row, error);
  for (guint i = 0; i < G_N_ELEMENTS (remote_columns); i++)
    g_value_unset (&values[i]);

  return ok;
}

/**
 * baladi_remote_request_field:
 * @column: a text column of the requests table, e.g. "status"
 *
 * Returns: (transfer full) (nullable): the value of @column for @remote,
 *   as the cache stores it (enums by their wire names)
 */
char *
baladi_remote_request_field (const BaladiRemoteRequest *remote,
                             const char                *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (remote_columns); i++)
    if (g_str_equal (remote_columns[i].column, column) &&
        (remote_columns[i].kind == TEXT || remote_columns[i].kind == ENUM))
      return g_strdup (*(const char * const *) G_STRUCT_MEMBER_P (remote, remote_columns[i].offset));

  g_return_val_if_reached (NULL);
}

/* Looks @field up among the fields an edit may change, so that SQL naming
 * it is built from this constant table only. */
static const char *
merge_column (const char *field)
{
  for (guint i = 0; field != NULL && i < G_N_ELEMENTS (merge_fields); i++)
    if (g_str_equal (merge_fields[i], field))
      return merge_fields[i];

  return NULL;
}

/* Reads a conflict of the outbox: its request, field and both values. */
static gboolean
load_conflict (sqlite3     *db,
               gint64       outbox_id,
               char       **request_id,
               const char **column,
               char       **local_value,
               char       **server_value,
               char       **server_version,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT request_id, field, local_value, server_value, server_version "
                              "FROM outbox WHERE id = ?1 AND state = 'conflict'", -1, &stmt, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  sqlite3_bind_int64 (stmt, 1, outbox_id);
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      (*column = merge_column ((const char *) sqlite3_column_text (stmt, 1))) != NULL)
    {
      found = TRUE;
      *request_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *local_value = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      *server_value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      *server_version = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
    }
  sqlite3_finalize (stmt);

  if (!found)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN,
                 "Outbox entry %" G_GINT64_FORMAT " is not a conflict of one field", outbox_id);
  return found;
}

/**
 * baladi_store_keep_mine:
 * @outbox_id: an entry in conflict
 *
 * The clerk keeps the value he or she gave the field: the edit is queued
 * again on the server's version, as if it had been made on it. A status
 * the workflow does not allow from the server's status is refused.
 */
gboolean
baladi_store_keep_mine (BaladiStore  *self,
                        gint64        outbox_id,
                        GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *request_id = NULL, *mine = NULL, *theirs = NULL, *version = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, outbox_id);
  const char *column = NULL;
  int from, to;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  if (!load_conflict (db, outbox_id, &request_id, &column, &mine, &theirs, &version, error))
    return in_transaction (db, FALSE, error);

  if (g_str_equal (column, "status") &&
      (!baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, theirs, &from) ||
       !baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, mine, &to) ||
       !baladi_request_status_can_transition (from, to)))
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   _("The workflow does not allow this change."));
      return in_transaction (db, FALSE, error);
    }

  return in_transaction (db, run (db, "UPDATE outbox SET state = 'pending', base_version = server_version, "
                                      "base_value = server_value, server_value = NULL, server_version = NULL, "
                                      "attempts = 0, next_attempt_at = 0, last_error = NULL "
                                      "WHERE id = CAST(?1 AS INTEGER)", error, 1, id_text), error);
}

/**
 * baladi_store_take_theirs:
 * @outbox_id: an entry in conflict
 *
 * The clerk takes the server's value: the local edit is dropped and the
 * cached field gets the server's value. A later edit of the same field,
 * made on top of the dropped one, is now in conflict too unless it was
 * made from the server's value.
 */
gboolean
baladi_store_take_theirs (BaladiStore  *self,
                          gint64        outbox_id,
                          GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *request_id = NULL, *mine = NULL, *theirs = NULL, *version = NULL;
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, outbox_id);
  g_autofree char *set_field = NULL;
  const char *column = NULL;
  gboolean ok;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  if (!load_conflict (db, outbox_id, &request_id, &column, &mine, &theirs, &version, error))
    return in_transaction (db, FALSE, error);

  set_field = g_strdup_printf ("UPDATE requests SET %s = ?2, pending_fields = replace (pending_fields, ',%s,', '') "
                               "WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1 AND field = ?3)",
                               column, column);
  ok = run (db, "DELETE FROM outbox WHERE id = CAST(?1 AS INTEGER)", error, 1, id_text) &&
       run (db, "UPDATE outbox SET state = 'conflict', server_value = ?4, server_version = ?5, last_error = 'HTTP 412' "
                "WHERE request_id = ?1 AND field = ?2 AND id > CAST(?3 AS INTEGER) AND base_value IS NOT ?4",
            error, 5, request_id, column, id_text, theirs, version) &&
       run (db, "UPDATE outbox SET base_version = ?4 "
                "WHERE request_id = ?1 AND field = ?2 AND id > CAST(?3 AS INTEGER) AND state = 'pending'",
            error, 4, request_id, column, id_text, version) &&
       run (db, set_field, error, 3, request_id, theirs, column) &&
       run (db, "DELETE FROM events WHERE request_id = ?1 AND local = 1 "
                "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1)", error, 1, request_id) &&
       run (db, "UPDATE requests SET pending_fields = '' WHERE id = ?1 "
                "AND NOT EXISTS (SELECT 1 FROM outbox WHERE request_id = ?1)", error, 1, request_id);

  return in_transaction (db, ok, error);
}

/**
 * baladi_store_assign:
 * @assignee: (nullable): the clerk to give the request to, or %NULL to let it go
 *
 * Assigns the cached request as the server would: a new request becomes
 * assigned, an assigned one that is let go becomes new again.
 */
gboolean
baladi_store_assign (BaladiStore  *self,
                     const char   *request_id,
                     const char   *assignee,
                     const char   *author,
                     GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *status = NULL;
  g_autofree char *version = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *quoted = assignee != NULL ? json_string (assignee) : g_strdup ("null");
  g_autofree char *payload = g_strdup_printf ("{\"assignee\": %s}", quoted);
  const char *new_status;
  gboolean ok;

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);
  if (!load_request (db, request_id, &status, &version, error))
    return in_transaction (db, FALSE, error);
  if (!status_is_open (status))
    return in_transaction (db, refuse (error, _("A closed request cannot be assigned.")), error);

  previous = load_column (db, "SELECT assignee FROM requests WHERE id = ?1", request_id);
  if (g_strcmp0 (previous, assignee) == 0)
    return in_transaction (db, TRUE, error);

  new_status = status;
  if (assignee != NULL && g_str_equal (status, "new"))
    new_status = "assigned";
  else if (assignee == NULL && g_str_equal (status, "assigned"))
    new_status = "new";

  ok = run (db, "UPDATE requests SET assignee = ?2, status = ?3 WHERE id = ?1",
            error, 3, request_id, assignee, new_status) &&
       mark_pending (db, request_id, error, "assignee", "status", NULL) &&
       add_local_event (db, request_id, "assignment", author, previous, assignee, NULL, error) &&
       (g_str_equal (new_status, status) ||
        add_local_event (db, request_id, "status_change", author, status, new_status, NULL, error)) &&
       append_outbox (db, request_id, "assign", payload, version, "assignee", previous, assignee, error);

  return in_transaction (db, ok, error) && (baladi_store_emit_changed (self, request_id), TRUE);
}

/**
 * baladi_store_transfer:
 * @municipality: where the request goes
 * @reason: why; required
 *
 * Sends an open request to another municipality's queue: it loses its
 * assignee and starts again from new there.
 */
gboolean
baladi_store_transfer (BaladiStore         *self,
                       const char          *request_id,
                       BaladiMunicipality   municipality,
                       const char          *reason,
                       const char          *author,
                       GError             **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  const char *wire = baladi_enum_to_wire (BALADI_TYPE_MUNICIPALITY, municipality);
  g_autofree char *status = NULL;
  g_autofree char *version = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *payload = NULL;
  const char *new_status;
  gboolean ok;

  g_return_val_if_fail (wire != NULL, FALSE);

  if (is_blank (reason))
    return refuse (error, _("Say why the request moves."));

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);
  if (!load_request (db, request_id, &status, &version, error))
    return in_transaction (db, FALSE, error);
  if (!status_is_open (status))
    return in_transaction (db, refuse (error, _("Only an open request can be transferred.")), error);

  previous = load_column (db, "SELECT municipality FROM requests WHERE id = ?1", request_id);
  if (g_strcmp0 (previous, wire) == 0)
    return in_transaction (db, refuse (error, _("The request is already in that municipality.")), error);

  quoted = json_string (reason);
  payload = g_strdup_printf ("{\"municipality\": \"%s\", \"reason\": %s}", wire, quoted);
  new_status = g_str_equal (status, "assigned") || g_str_equal (status, "in_progress") ? "new" : status;

  ok = run (db, "UPDATE requests SET municipality = ?2, assignee = NULL, status = ?3 WHERE id = ?1",
            error, 3, request_id, wire, new_status) &&
       mark_pending (db, request_id, error, "municipality", "assignee", "status", NULL) &&
       add_local_event (db, request_id, "transfer", author, previous, wire, reason, error) &&
       append_outbox (db, request_id, "transfer", payload, version, "municipality", previous, wire, error);

  return in_transaction (db, ok, error) && (baladi_store_emit_changed (self, request_id), TRUE);
}

/**
 * baladi_store_merge:
 * @duplicate_id: the request that repeats another
 * @original_id: the request it repeats
 * @reason: (nullable): why
 *
 * Closes a duplicate into its original.
 */
gboolean
baladi_store_merge (BaladiStore  *self,
                    const char   *duplicate_id,
                    const char   *original_id,
                    const char   *reason,
                    const char   *author,
                    GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *status = NULL;
  g_autofree char *version = NULL;
  g_autofree char *original_status = NULL;
  g_autofree char *original_version = NULL;
  g_autofree char *original_merged = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *quoted_into = json_string (original_id);
  g_autofree char *quoted_reason = reason != NULL ? json_string (reason) : g_strdup ("null");
  g_autofree char *payload = g_strdup_printf ("{\"into\": %s, \"reason\": %s}", quoted_into, quoted_reason);
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  gboolean ok;

  if (g_strcmp0 (duplicate_id, original_id) == 0)
    return refuse (error, _("A request cannot be merged into itself."));

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);
  if (!load_request (db, duplicate_id, &status, &version, error) ||
      !load_request (db, original_id, &original_status, &original_version, error))
    return in_transaction (db, FALSE, error);

  merged = load_column (db, "SELECT merged_into FROM requests WHERE id = ?1", duplicate_id);
  original_merged = load_column (db, "SELECT merged_into FROM requests WHERE id = ?1", original_id);
  if (merged != NULL || original_merged != NULL)
    return in_transaction (db, refuse (error, _("A request already merged away cannot take part in a merge.")), error);

  ok = run (db, "UPDATE requests SET merged_into = ?2, status = 'closed', closed_at = CAST(?3 AS INTEGER) WHERE id = ?1",
            error, 3, duplicate_id, original_id, now) &&
       mark_pending (db, duplicate_id, error, "merged_into", "status", "closed_at", NULL) &&
       add_local_event (db, duplicate_id, "merge", author, NULL, original_id, reason, error) &&
       add_local_event (db, original_id, "merge", author, duplicate_id, NULL, reason, error) &&
       append_outbox (db, duplicate_id, "merge", payload, version, "merged_into", NULL, original_id, error);

  if (!in_transaction (db, ok, error))
    return FALSE;

  baladi_store_emit_changed (self, duplicate_id);
  baladi_store_emit_changed (self, original_id);
  return TRUE;
}

/**
 * baladi_store_request_columns:
 *
 * Returns: the columns baladi_store_request_from_row() reads, in order,
 *   qualified by the table alias `r`, then the request's local state
 */
const char *
baladi_store_request_columns (void)
{
  static char *columns;

  if (g_once_init_enter (&columns))
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (remote_columns); i++)
        g_string_append_printf (list, "%sr.%s", i > 0 ? ", " : "", remote_columns[i].column);
      /* Conflict outranks attention outranks waiting. */
      g_string_append (list, ", CASE WHEN r.pending_fields = '' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.request_id = r.id) THEN 0 "
                             "ELSE ifnull ((SELECT max (CASE o.state WHEN 'conflict' THEN 3 WHEN 'attention' THEN 2 ELSE 1 END) "
                             "FROM outbox o WHERE o.request_id = r.id), 1) END");
      g_once_init_leave (&columns, g_string_free (list, FALSE));
    }

  return columns;
}

/**
 * baladi_store_request_from_row:
 * @stmt: a row that selected baladi_store_request_columns() first
 *
 * Returns: (transfer full): the request of the row
 */
BaladiRequest *
baladi_store_request_from_row (sqlite3_stmt *stmt)
{
  const guint n = G_N_ELEMENTS (remote_columns);
  const char *names[G_N_ELEMENTS (remote_columns) + 2];
  GValue values[G_N_ELEMENTS (remote_columns) + 2] = { G_VALUE_INIT, };
  GObjectClass *klass = g_type_class_ref (BALADI_TYPE_REQUEST);
  guint n_set = 0;
  guint n_coordinates = 0;
  BaladiRequest *request;

  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = g_object_class_find_property (klass, remote_columns[i].property);
      int type = sqlite3_column_type (stmt, i);
      GValue *value = &values[n_set];

      if (type == SQLITE_NULL)
        continue;

      g_value_init (value, pspec->value_type);
      switch (remote_columns[i].kind)
        {
        case TEXT:
          g_value_set_string (value, (const char *) sqlite3_column_text (stmt, i));
          break;
        case ENUM:
          {
            int number = 0;

            if (!baladi_enum_from_wire (pspec->value_type, (const char *) sqlite3_column_text (stmt, i), &number))
              {
                g_value_unset (value);
                continue;
              }
            g_value_set_enum (value, number);
          }
          break;
        case TIME:
          g_value_take_boxed (value, g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, i)));
          break;
        case REAL:
          g_value_set_double (value, sqlite3_column_double (stmt, i));
          n_coordinates++;
          break;
        default:
          g_assert_not_reached ();
        }
      names[n_set++] = remote_columns[i].property;
    }

  if (n_coordinates == 2)
    {
      g_value_init (&values[n_set], G_TYPE_BOOLEAN);
      g_value_set_boolean (&values[n_set], TRUE);
      names[n_set++] = "has-location";
    }

  g_value_init (&values[n_set], BALADI_TYPE_LOCAL_STATE);
  g_value_set_enum (&values[n_set], sqlite3_column_int (stmt, n));
  names[n_set++] = "local-state";

  request = BALADI_REQUEST (g_object_new_with_properties (BALADI_TYPE_REQUEST, n_set, names, values));

  for (guint i = 0; i < n_set; i++)
    g_value_unset (&values[i]);
  g_type_class_unref (klass);

  return request;
}

/**
 * baladi_store_load_request:
 *
 * Returns: (transfer full) (nullable): the cached request @id
 */
BaladiRequest *
baladi_store_load_request (BaladiStore  *self,
                           const char   *id,
                           GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM requests r WHERE r.id = ?1", baladi_store_request_columns ());
  sqlite3_stmt *stmt = NULL;
  BaladiRequest *request = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (db, error);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    request = baladi_store_request_from_row (stmt);
  else
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN, _("The request is not in the cache."));
  sqlite3_finalize (stmt);

  return request;
}

/* A JSON member "name": value, or null, for the filing payload. */
static void
append_member (GString    *json,
               const char *name,
               const char *value)
{
  g_autofree char *quoted = value != NULL ? json_string (value) : NULL;

  g_string_append_printf (json, "%s\"%s\": %s", json->str[json->len - 1] == '{' ? "" : ", ", name,
                          quoted != NULL ? quoted : "null");
}

/* The due time of a request received @now in @category: the category's
 * time limit from the cached lookups, on the ministry's calendar. */
static gint64
local_due_time (sqlite3    *db,
                const char *category,
                gint64      now)
{
  g_autoptr(BaladiSlaCalendar) calendar = baladi_sla_calendar_new ();
  g_autoptr(GDateTime) received = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) due = NULL;
  sqlite3_stmt *stmt = NULL;
  guint value = 5;
  BaladiSlaUnit unit = BALADI_SLA_UNIT_WORKING_DAYS;

  if (sqlite3_prepare_v2 (db, "SELECT CAST (json_extract (document, '$.sla_value') AS INTEGER), json_extract (document, '$.sla_unit') "
                              "FROM lookups WHERE kind = 'categories' AND code = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, category, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
        {
          value = sqlite3_column_int (stmt, 0);
          unit = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "working_hours") == 0
                 ? BALADI_SLA_UNIT_WORKING_HOURS : BALADI_SLA_UNIT_WORKING_DAYS;
        }
    }
  sqlite3_finalize (stmt);

  due = baladi_sla_calendar_compute_due (calendar, received, value, unit, NULL, 0, received);
  return due != NULL ? g_date_time_to_unix (due) : now + 5 * 86400;
}

/**
 * baladi_store_file_request:
 * @request: a new request, from baladi_request_new(): its id is made
 *   here, so that sending it twice can never file it twice
 *
 * Logs a request taken by phone, at the counter or on Customer Day. It is
 * checked as the server will check it; it shows at once, with the due
 * time its category gives, and is filed on the server by the next push.
 */
gboolean
baladi_store_file_request (BaladiStore    *self,
                           BaladiRequest  *request,
                           const char     *author,
                           GError        **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  g_autoptr(GPtrArray) problems = baladi_request_check (request);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GString) payload = g_string_new ("{");
  g_autofree char *category = NULL, *language = NULL, *subject = NULL, *description = NULL, *service = NULL;
  g_autofree char *name = NULL, *phone = NULL, *email = NULL, *cpr = NULL;
  g_autofree char *building = NULL, *road = NULL, *block = NULL, *area = NULL;
  g_autofree char *sector = NULL;
  int type, municipality, channel, priority;
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_REQUEST (request), FALSE);

  if (problems->len > 0)
    {
      BaladiFieldError *first = g_ptr_array_index (problems, 0);

      g_set_error_literal (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID, first->description);
      return FALSE;
    }

  g_object_get (request, "category", &category, "language", &language, "subject", &subject,
                "description", &description, "service-code", &service, "citizen-name", &name,
                "citizen-phone", &phone, "citizen-email", &email, "citizen-cpr", &cpr,
                "address-building", &building, "address-road", &road, "address-block", &block,
                "address-area", &area, "type", &type, "municipality", &municipality, "channel", &channel,
                "priority", &priority, NULL);

  append_member (payload, "id", baladi_request_get_id (request));
  append_member (payload, "type", baladi_enum_to_wire (BALADI_TYPE_REQUEST_TYPE, type));
  append_member (payload, "category", category);
  append_member (payload, "municipality", baladi_enum_to_wire (BALADI_TYPE_MUNICIPALITY, municipality));
  append_member (payload, "channel", baladi_enum_to_wire (BALADI_TYPE_CHANNEL, channel));
  append_member (payload, "priority", baladi_enum_to_wire (BALADI_TYPE_PRIORITY, priority));
  append_member (payload, "language", language);
  append_member (payload, "service_code", service);
  append_member (payload, "subject", subject);
  append_member (payload, "description", description);
  g_string_append (payload, ", \"citizen\": {");
  append_member (payload, "name", name);
  append_member (payload, "phone", phone);
  append_member (payload, "email", email);
  append_member (payload, "cpr", cpr);
  g_string_append (payload, "}, \"address\": {");
  append_member (payload, "building", building);
  append_member (payload, "road", road);
  append_member (payload, "block", block);
  append_member (payload, "area", area);
  g_string_append (payload, "}}");

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return set_sqlite_error (db, error);

  if (load_column (db, "SELECT id FROM requests WHERE id = ?1", baladi_request_get_id (request)) != NULL)
    return in_transaction (db, refuse (error, _("This request is already logged.")), error);

  /* What the server will say, until it says it: new, received now, due
   * by the category's time limit, in the category's sector. */
  due = g_date_time_new_from_unix_utc (local_due_time (db, category, g_date_time_to_unix (now)));
  sector = load_column (db, "SELECT json_extract (document, '$.sector') FROM lookups WHERE kind = 'categories' AND code = ?1", category);
  {
    int sector_value = 0;

    if (sector != NULL && baladi_enum_from_wire (BALADI_TYPE_SECTOR, sector, &sector_value))
      g_object_set (request, "sector", sector_value, NULL);
  }
  g_object_set (request, "status", BALADI_REQUEST_STATUS_NEW, "created", now, "updated", now, "due", due,
                "version", NULL, "reference", NULL, NULL);

  ok = baladi_store_apply_remote (self, request, error) &&
       run (db, "UPDATE requests SET pending_fields = ',filed,' WHERE id = ?1", error, 1, baladi_request_get_id (request)) &&
       add_local_event (db, baladi_request_get_id (request), "created", author, NULL, "new", NULL, error) &&
       append_outbox (db, baladi_request_get_id (request), "file", payload->str, NULL, NULL, NULL, NULL, error) &&
       baladi_store_index_request (self, baladi_request_get_id (request), error);

  return in_transaction (db, ok, error) && (baladi_store_emit_changed (self, baladi_request_get_id (request)), TRUE);
}
