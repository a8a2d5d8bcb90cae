/* baladi-server-writes.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The writes of the clerk's day on an existing request. Every write checks
 * the caller's scope and role and the version in If-Match, and stores the
 * change, its event and its new change sequence number in one
 * transaction. */

#include "config.h"

#include "baladi-server-db.h"
#include "baladi-server-json.h"
#include "baladi-server-requests-private.h"

static gboolean
may_write (BaladiStaff        *staff,
           BaladiRequestWrite  write)
{
  switch (staff->role)
    {
    case BALADI_STAFF_ROLE_CLERK:
    case BALADI_STAFF_ROLE_SUPERVISOR:
      return TRUE;

    /* Directors read everything and may leave internal notes, but the
     * work on a request itself belongs to the clerks. */
    case BALADI_STAFF_ROLE_DIRECTOR:
      return write == BALADI_REQUEST_WRITE_NOTE;

    case BALADI_STAFF_ROLE_CATALOGUE_EDITOR:
    default:
      return FALSE;
    }
}

/* Applies a status change inside the open transaction: pauses open and
 * close with the waiting states, and the due time follows them. */
static gboolean
apply_status (sqlite3           *db,
              BaladiSlaCalendar *calendar,
              const char        *id,
              BaladiRequestState      *state,
              int                to,
              gint64             now)
{
  int from = BALADI_REQUEST_STATUS_NEW;
  const char *to_wire = baladi_enum_to_wire (BALADI_TYPE_REQUEST_STATUS, to);

  baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, state->status, &from);

  if (baladi_request_status_pauses_clock (from) &&
      !baladi_server_db_run (db, "UPDATE pauses SET end_at = ?3 WHERE request_id = ?1 AND end_at IS NULL", id, NULL, now, 0))
    return FALSE;
  if (baladi_request_status_pauses_clock (to) &&
      !baladi_server_db_run (db, "INSERT INTO pauses (request_id, status, start_at) VALUES (?1, ?2, ?3)", id, to_wire, now, 0))
    return FALSE;

  if (!baladi_server_db_run (db, "UPDATE requests SET status = ?2, "
                "closed_at = CASE WHEN ?2 = 'closed' THEN ?3 WHEN ?2 = 'reopened' THEN NULL ELSE closed_at END "
                "WHERE id = ?1", id, to_wire, now, 0))
    return FALSE;

  if (baladi_request_status_pauses_clock (from) || baladi_request_status_pauses_clock (to))
    {
      gint64 due = baladi_server_compute_due (db, calendar, state->category, state->created_at, id, now);

      if (!baladi_server_db_run (db, "UPDATE requests SET due_at = ?3 WHERE id = ?1", id, NULL, due, 0))
        return FALSE;
    }

  return TRUE;
}

/**
 * baladi_server_write_request:
 *
 * Handles POST /api/v1/requests/{id}/replies, …/notes and …/status.
 */
void
baladi_server_write_request (sqlite3            *db,
                             BaladiSlaCalendar  *calendar,
                             SoupServerMessage  *msg,
                             BaladiStaff        *staff,
                             const char         *id,
                             BaladiRequestWrite  write)
{
  static const char *text_members[] = { "body", NULL };
  static const char *status_members[] = { "status", "reason", NULL };
  g_auto(BaladiRequestState) state = { 0, };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_field_error_free);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *new_version = NULL;
  const char *text = NULL;
  const char *reason = NULL;
  int to = -1;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 seq;
  gboolean ok;

  if (!baladi_server_load_request (db, msg, staff, id, &state))
    return;

  if (!may_write (staff, write))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Your role may not make this change.");
      return;
    }

  if (!baladi_server_check_if_match (msg, db, id, state.version))
    return;

  body = baladi_server_parse_body (msg, write == BALADI_REQUEST_WRITE_STATUS ? status_members : text_members, errors);
  if (body != NULL && write == BALADI_REQUEST_WRITE_STATUS)
    {
      const char *status = baladi_json_get_string (body, "status", errors, TRUE, 64);
      int from = BALADI_REQUEST_STATUS_NEW;

      reason = baladi_json_get_string (body, "reason", errors, FALSE, MAX_TEXT);
      baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, state.status, &from);
      if (status != NULL && !baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, status, &to))
        baladi_field_errors_add (errors, "status", "unknown_status", "This is not a status of the workflow.");
      else if (status != NULL && !baladi_request_status_can_transition (from, to))
        baladi_field_errors_add (errors, "status", "transition_not_allowed",
                                 "The workflow does not allow this change from the current status.");
      else if (status != NULL && baladi_request_status_pauses_clock (to) && reason == NULL)
        baladi_field_errors_add (errors, "reason", "required", "Say why the request waits.");
    }
  else if (body != NULL)
    {
      text = baladi_json_get_string (body, "body", errors, TRUE, MAX_TEXT);
    }

  if (errors->len > 0)
    {
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "busy", "The database is busy; try again.");
      return;
    }

  seq = baladi_server_db_next_seq (db, NULL);
  ok = seq > 0;
  switch (write)
    {
    case BALADI_REQUEST_WRITE_REPLY:
      ok = ok && baladi_server_insert_event (db, id, "reply", staff->username, now, text, TRUE, NULL, NULL, NULL) &&
           baladi_server_db_run (db, "UPDATE requests SET first_reply_at = COALESCE(first_reply_at, ?3) WHERE id = ?1",
                id, NULL, now, 0);
      break;

    case BALADI_REQUEST_WRITE_NOTE:
      ok = ok && baladi_server_insert_event (db, id, "internal_note", staff->username, now, text, FALSE, NULL, NULL, NULL);
      break;

    case BALADI_REQUEST_WRITE_STATUS:
      ok = ok && baladi_server_insert_event (db, id, "status_change", staff->username, now, NULL, FALSE,
                               state.status, baladi_enum_to_wire (BALADI_TYPE_REQUEST_STATUS, to), reason) &&
           apply_status (db, calendar, id, &state, to, now);
      break;

    default:
      g_assert_not_reached ();
    }

  ok = ok && baladi_server_db_run (db, "UPDATE requests SET version = version + 1, seq = ?3, updated_at = ?4 WHERE id = ?1",
                  id, NULL, seq, now);

  if (!ok || sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_warning ("Write to a request failed: %s", sqlite3_errmsg (db));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      baladi_server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The change could not be stored.");
      return;
    }

  result = baladi_server_request_to_json (db, id, TRUE);
  new_version = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", state.version + 1);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", new_version);
  baladi_server_reply_json (msg, SOUP_STATUS_OK, result);
}
