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
      !baladi_server_db_run (db, "INSERT INTO pauses (request_id, status, start_at) VALUES (?1, ?2, ?3) "
                                 /* Paused again in the second it resumed: the same pause goes on. */
                                 "ON CONFLICT (request_id, start_at) DO UPDATE SET end_at = NULL, status = excluded.status", id, to_wire, now, 0))
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

/* What the body of a write says, once checked. */
typedef struct {
  const char *id;
  gint64      seq;
  const char *text;
  const char *reason;
  const char *assignee;
  const char *municipality;
  const char *into;
  int         status;
} WriteArgs;

static void
parse_text (sqlite3 *db, BaladiStaff *staff, BaladiRequestState *state,
            JsonObject *body, WriteArgs *args, GPtrArray *errors)
{
  args->text = baladi_json_get_string (body, "body", errors, TRUE, MAX_TEXT);
}

static void
parse_status (sqlite3 *db, BaladiStaff *staff, BaladiRequestState *state,
              JsonObject *body, WriteArgs *args, GPtrArray *errors)
{
  const char *status = baladi_json_get_string (body, "status", errors, TRUE, 64);
  int from = BALADI_REQUEST_STATUS_NEW;

  args->reason = baladi_json_get_string (body, "reason", errors, FALSE, MAX_TEXT);
  baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, state->status, &from);
  if (status != NULL && !baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, status, &args->status))
    baladi_field_errors_add (errors, "status", "unknown_status", "This is not a status of the workflow.");
  else if (status != NULL && !baladi_request_status_can_transition (from, args->status))
    baladi_field_errors_add (errors, "status", "transition_not_allowed",
                             "The workflow does not allow this change from the current status.");
  else if (status != NULL && baladi_request_status_pauses_clock (args->status) && args->reason == NULL)
    baladi_field_errors_add (errors, "reason", "required", "Say why the request waits.");
}

/* A clerk takes a request or lets it go; a supervisor hands it to anyone
 * who works on requests of its municipality. */
static void
parse_assign (sqlite3 *db, BaladiStaff *staff, BaladiRequestState *state,
              JsonObject *body, WriteArgs *args, GPtrArray *errors)
{
  g_autoptr(BaladiStmt) stmt = NULL;
  JsonNode *node = json_object_get_member (body, "assignee");

  if (node == NULL)
    {
      baladi_field_errors_add (errors, "assignee", "required", "Give a username, or null to unassign.");
      return;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (state->assignee == NULL)
        baladi_field_errors_add (errors, "assignee", "not_assigned", "The request is not assigned to anyone.");
      else if (staff->role == BALADI_STAFF_ROLE_CLERK && g_strcmp0 (state->assignee, staff->username) != 0)
        baladi_field_errors_add (errors, "assignee", "not_yours", "Only a supervisor may take a request from a colleague.");
      return;
    }

  args->assignee = baladi_json_get_string (body, "assignee", errors, TRUE, 64);
  if (args->assignee == NULL)
    return;

  if (staff->role == BALADI_STAFF_ROLE_CLERK && g_strcmp0 (args->assignee, staff->username) != 0)
    {
      baladi_field_errors_add (errors, "assignee", "not_yours", "A clerk may only assign a request to himself or herself.");
      return;
    }

  stmt = baladi_server_db_prepare (db,
    "SELECT 1 FROM staff WHERE username = ?1 AND active = 1 AND role IN ('clerk', 'supervisor') "
    "AND (scope = '*' OR instr(',' || scope || ',', ',' || ?2 || ',') > 0)", NULL);
  sqlite3_bind_text (stmt, 1, args->assignee, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, state->municipality, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    baladi_field_errors_add (errors, "assignee", "out_of_scope",
                             "No clerk or supervisor of this request's municipality has this username.");
  else if (g_strcmp0 (args->assignee, state->assignee) == 0)
    baladi_field_errors_add (errors, "assignee", "unchanged", "The request is already assigned to this person.");
}

static void
parse_transfer (sqlite3 *db, BaladiStaff *staff, BaladiRequestState *state,
                JsonObject *body, WriteArgs *args, GPtrArray *errors)
{
  int municipality;
  int status = BALADI_REQUEST_STATUS_CLOSED;

  args->municipality = baladi_json_get_enum (body, "municipality", BALADI_TYPE_MUNICIPALITY, &municipality, errors, TRUE);
  args->reason = baladi_json_get_string (body, "reason", errors, TRUE, MAX_TEXT);
  if (args->municipality != NULL && g_strcmp0 (args->municipality, state->municipality) == 0)
    baladi_field_errors_add (errors, "municipality", "unchanged", "The request is already with this municipality.");

  baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, state->status, &status);
  if (!baladi_request_status_is_open (status))
    baladi_field_errors_add (errors, "status", "not_open", "Only open requests can be transferred.");
}

/* A duplicate is closed into the request it repeats; both must be visible
 * to the caller, and neither may already be merged away. */
static void
parse_merge (sqlite3 *db, BaladiStaff *staff, BaladiRequestState *state,
             JsonObject *body, WriteArgs *args, GPtrArray *errors)
{
  g_autoptr(BaladiStmt) stmt = NULL;

  args->into = baladi_json_get_string (body, "into", errors, TRUE, 36);
  args->reason = baladi_json_get_string (body, "reason", errors, FALSE, MAX_TEXT);
  if (args->into == NULL)
    return;

  if (state->merged_into != NULL)
    {
      baladi_field_errors_add (errors, "into", "already_merged", "This request was already merged into another.");
      return;
    }

  stmt = baladi_server_db_prepare (db, "SELECT municipality, merged_into FROM requests WHERE id = ?1", NULL);
  sqlite3_bind_text (stmt, 1, args->into, -1, SQLITE_STATIC);
  if (!baladi_id_is_valid (args->into) ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      !baladi_staff_can_see (staff, (const char *) sqlite3_column_text (stmt, 0)))
    baladi_field_errors_add (errors, "into", "unknown_value", "There is no such request that you may see.");
  else if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    baladi_field_errors_add (errors, "into", "already_merged", "That request was itself merged into another.");
  else if (g_str_equal (args->into, args->id))
    baladi_field_errors_add (errors, "into", "same_request", "A request cannot be merged into itself.");
}

static gboolean
bump (sqlite3    *db,
      const char *id,
      gint64      now)
{
  gint64 seq = baladi_server_db_next_seq (db, NULL);

  return seq > 0 &&
         baladi_server_db_run (db, "UPDATE requests SET version = version + 1, seq = ?3, updated_at = ?4 WHERE id = ?1",
                               id, NULL, seq, now);
}

static gboolean
apply (sqlite3            *db,
       BaladiSlaCalendar  *calendar,
       BaladiStaff        *staff,
       const char         *id,
       BaladiRequestState *state,
       BaladiRequestWrite  write,
       WriteArgs          *args,
       gint64              now)
{
  const char *user = staff->username;

  switch (write)
    {
    case BALADI_REQUEST_WRITE_REPLY:
      return baladi_server_insert_event (db, id, "reply", user, now, args->text, TRUE, NULL, NULL, NULL) &&
             baladi_server_db_run (db, "UPDATE requests SET first_reply_at = COALESCE(first_reply_at, ?3) WHERE id = ?1",
                                   id, NULL, now, 0);

    case BALADI_REQUEST_WRITE_NOTE:
      return baladi_server_insert_event (db, id, "internal_note", user, now, args->text, FALSE, NULL, NULL, NULL);

    case BALADI_REQUEST_WRITE_STATUS:
      return baladi_server_insert_event (db, id, "status_change", user, now, NULL, FALSE, state->status,
                                         baladi_enum_to_wire (BALADI_TYPE_REQUEST_STATUS, args->status), args->reason) &&
             apply_status (db, calendar, id, state, args->status, now);

    case BALADI_REQUEST_WRITE_ASSIGN:
      /* Taking a new request starts work on it; letting an untouched one
       * go puts it back in the queue. */
      if (!baladi_server_insert_event (db, id, "assignment", user, now, NULL, FALSE, state->assignee, args->assignee, NULL) ||
          !baladi_server_db_run (db, "UPDATE requests SET assignee = ?2 WHERE id = ?1", id, args->assignee, 0, 0))
        return FALSE;
      if (args->assignee != NULL && g_str_equal (state->status, "new"))
        return baladi_server_insert_event (db, id, "status_change", user, now, NULL, FALSE, "new", "assigned", NULL) &&
               apply_status (db, calendar, id, state, BALADI_REQUEST_STATUS_ASSIGNED, now);
      if (args->assignee == NULL && g_str_equal (state->status, "assigned"))
        return baladi_server_insert_event (db, id, "status_change", user, now, NULL, FALSE, "assigned", "new", NULL) &&
               apply_status (db, calendar, id, state, BALADI_REQUEST_STATUS_NEW, now);
      return TRUE;

    case BALADI_REQUEST_WRITE_TRANSFER:
      /* The receiving municipality starts from its own queue. */
      return baladi_server_insert_event (db, id, "transfer", user, now, NULL, FALSE, state->municipality,
                                         args->municipality, args->reason) &&
             baladi_server_db_run (db, "INSERT INTO departures (request_id, municipality, seq) VALUES (?1, ?2, ?3)",
                                   id, state->municipality, args->seq, 0) &&
             baladi_server_db_run (db, "UPDATE requests SET municipality = ?2, assignee = NULL, "
                                       "status = CASE WHEN status IN ('assigned', 'in_progress') THEN 'new' ELSE status END "
                                       "WHERE id = ?1", id, args->municipality, 0, 0);

    case BALADI_REQUEST_WRITE_MERGE:
      return baladi_server_insert_event (db, id, "merge", user, now, NULL, FALSE, NULL, args->into, args->reason) &&
             baladi_server_insert_event (db, args->into, "merge", user, now, NULL, FALSE, id, args->into, args->reason) &&
             baladi_server_db_run (db, "UPDATE requests SET merged_into = ?2, status = 'closed', closed_at = ?3 "
                                       "WHERE id = ?1", id, args->into, now, 0) &&
             bump (db, args->into, now);

    default:
      g_assert_not_reached ();
    }
}

static const struct {
  const char *members[4];
  void      (*parse) (sqlite3 *, BaladiStaff *, BaladiRequestState *, JsonObject *, WriteArgs *, GPtrArray *);
} writes[] = {
  [BALADI_REQUEST_WRITE_REPLY] = { { "body", NULL }, parse_text },
  [BALADI_REQUEST_WRITE_NOTE] = { { "body", NULL }, parse_text },
  [BALADI_REQUEST_WRITE_STATUS] = { { "status", "reason", NULL }, parse_status },
  [BALADI_REQUEST_WRITE_ASSIGN] = { { "assignee", NULL }, parse_assign },
  [BALADI_REQUEST_WRITE_TRANSFER] = { { "municipality", "reason", NULL }, parse_transfer },
  [BALADI_REQUEST_WRITE_MERGE] = { { "into", "reason", NULL }, parse_merge },
};

/**
 * baladi_server_write_request:
 *
 * Handles POST /api/v1/requests/{id}/replies, …/notes, …/status, …/assign,
 * …/transfer and …/merge.
 */
void
baladi_server_write_request (sqlite3            *db,
                             BaladiSlaCalendar  *calendar,
                             SoupServerMessage  *msg,
                             BaladiStaff        *staff,
                             const char         *id,
                             BaladiRequestWrite  write)
{
  g_auto(BaladiRequestState) state = { 0, };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_field_error_free);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *new_version = NULL;
  WriteArgs args = { id, 0, NULL, NULL, NULL, NULL, NULL, -1 };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert (write < G_N_ELEMENTS (writes));

  if (!baladi_server_load_request (db, msg, staff, id, &state))
    return;

  if (!may_write (staff, write))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Your role may not make this change.");
      return;
    }

  if (!baladi_server_check_if_match (msg, db, id, state.version))
    return;

  body = baladi_server_parse_body (msg, writes[write].members, errors);
  if (body != NULL)
    writes[write].parse (db, staff, &state, body, &args, errors);
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

  /* The change takes its sequence number first: a transfer records it. */
  args.seq = baladi_server_db_next_seq (db, NULL);
  if (args.seq == 0 ||
      !apply (db, calendar, staff, id, &state, write, &args, now) ||
      !baladi_server_db_run (db, "UPDATE requests SET version = version + 1, seq = ?3, updated_at = ?4 WHERE id = ?1",
                             id, NULL, args.seq, now) ||
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
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
