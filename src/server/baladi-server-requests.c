/* baladi-server-requests.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Requests on the staff API: reading one with its history and filing one
 * on behalf of a caller, and what the writes of baladi-server-writes.c
 * share: loading a request the caller may see, the If-Match check, the
 * due time, the history. */

#include "config.h"

#include <string.h>

#include "baladi-server-db.h"
#include "baladi-server-json.h"
#include "baladi-server-requests-private.h"

#define MAX_SHORT_TEXT 200
static void
add_time (JsonBuilder  *builder,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
      g_autofree char *iso = g_date_time_format_iso8601 (time);

      json_builder_add_string_value (builder, iso);
    }
}

static void
add_text (JsonBuilder  *builder,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, column));
}

static void
add_events (sqlite3     *db,
            JsonBuilder *builder,
            const char  *id)
{
  sqlite3_stmt *stmt = baladi_server_db_cached (db,
    "SELECT id, kind, author, created_at, body, public, old_value, new_value, reason "
    "FROM events WHERE request_id = ?1 ORDER BY created_at, rowid");

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      add_text (builder, "id", stmt, 0);
      add_text (builder, "kind", stmt, 1);
      add_text (builder, "author", stmt, 2);
      add_time (builder, "created_at", stmt, 3);
      add_text (builder, "body", stmt, 4);
      json_builder_set_member_name (builder, "public");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 5));
      add_text (builder, "old_value", stmt, 6);
      add_text (builder, "new_value", stmt, 7);
      add_text (builder, "reason", stmt, 8);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  sqlite3_reset (stmt);
}

/**
 * baladi_server_request_to_json:
 *
 * Returns: (transfer full) (nullable): the request as the API shows it, or
 *   %NULL if there is none with @id
 */
JsonNode *
baladi_server_request_to_json (sqlite3    *db,
                               const char *id,
                               gboolean    with_events)
{
  static const char *simple[] = {
    "id", "reference", "type", "category", "sector", "municipality", "channel", "status",
    "priority", "language", "service_code", "subject", "description", "assignee", "merged_into",
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  sqlite3_stmt *stmt = baladi_server_db_cached (db,
    "SELECT id, reference, type, category, sector, municipality, channel, status, "
    "priority, language, service_code, subject, description, assignee, merged_into, "
    "citizen_name, citizen_phone, citizen_email, citizen_cpr, "
    "address_building, address_road, address_block, address_area, latitude, longitude, "
    "attachments, created_at, updated_at, first_reply_at, due_at, closed_at, version "
    "FROM requests WHERE id = ?1");
  g_autofree char *version = NULL;
  JsonNode *attachments;
  int col = 0;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (simple); i++)
    add_text (builder, simple[i], stmt, col++);

  json_builder_set_member_name (builder, "citizen");
  json_builder_begin_object (builder);
  add_text (builder, "name", stmt, col++);
  add_text (builder, "phone", stmt, col++);
  add_text (builder, "email", stmt, col++);
  add_text (builder, "cpr", stmt, col++);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  add_text (builder, "building", stmt, col++);
  add_text (builder, "road", stmt, col++);
  add_text (builder, "block", stmt, col++);
  add_text (builder, "area", stmt, col++);
  for (guint i = 0; i < 2; i++, col++)
    {
      json_builder_set_member_name (builder, i == 0 ? "latitude" : "longitude");
      if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, sqlite3_column_double (stmt, col));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "attachments");
  attachments = json_from_string ((const char *) sqlite3_column_text (stmt, col++), NULL);
  json_builder_add_value (builder, attachments != NULL ? attachments : json_node_new (JSON_NODE_ARRAY));

  add_time (builder, "created_at", stmt, col++);
  add_time (builder, "updated_at", stmt, col++);
  add_time (builder, "first_reply_at", stmt, col++);
  add_time (builder, "due_at", stmt, col++);
  add_time (builder, "closed_at", stmt, col++);

  /* Versions travel as strings: they are opaque to clients. */
  version = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, col++));
  /* Release the row, and its read snapshot, before anything else runs. */
  sqlite3_reset (stmt);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version);

  if (with_events)
    add_events (db, builder, id);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

void
baladi_request_state_clear (BaladiRequestState *state)
{
  g_clear_pointer (&state->municipality, g_free);
  g_clear_pointer (&state->status, g_free);
  g_clear_pointer (&state->category, g_free);
  g_clear_pointer (&state->assignee, g_free);
  g_clear_pointer (&state->merged_into, g_free);
}

/* Loads the request @id if @staff may see it. A request out of the
 * caller's scope answers 404 exactly like a missing one, so ids cannot be
 * probed. */
gboolean
baladi_server_load_request (sqlite3           *db,
                            SoupServerMessage *msg,
                            BaladiStaff       *staff,
                            const char        *id,
                            BaladiRequestState      *state)
{
  g_autoptr(BaladiStmt) stmt = NULL;

  if (!baladi_id_is_valid (id))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No request has this id.");
      return FALSE;
    }

  stmt = baladi_server_db_prepare (db,
    "SELECT municipality, status, category, version, created_at, first_reply_at IS NOT NULL, "
    "assignee, merged_into FROM requests WHERE id = ?1", NULL);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      staff->role == BALADI_STAFF_ROLE_CATALOGUE_EDITOR ||
      !baladi_staff_can_see (staff, (const char *) sqlite3_column_text (stmt, 0)))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No request has this id.");
      return FALSE;
    }

  state->municipality = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  state->status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  state->category = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  state->version = sqlite3_column_int64 (stmt, 3);
  state->created_at = sqlite3_column_int64 (stmt, 4);
  state->replied = sqlite3_column_int (stmt, 5);
  state->assignee = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  state->merged_into = g_strdup ((const char *) sqlite3_column_text (stmt, 7));

  return TRUE;
}

void
baladi_server_get_request (sqlite3           *db,
                           SoupServerMessage *msg,
                           BaladiStaff       *staff,
                           const char        *id)
{
  g_auto(BaladiRequestState) state = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *etag = NULL;

  if (!baladi_server_load_request (db, msg, staff, id, &state))
    return;

  node = baladi_server_request_to_json (db, id, TRUE);
  etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", state.version);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  baladi_server_reply_json (msg, SOUP_STATUS_OK, node);
}

gboolean
baladi_server_check_if_match (SoupServerMessage *msg,
                              sqlite3           *db,
                              const char        *id,
                              gint64             version)
{
  const char *if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  g_autofree char *expected = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);

  if (if_match == NULL)
    {
      baladi_server_reply_error (msg, 428, "if_match_required",
                                 "Writes to a request need an If-Match header with its version, e.g. If-Match: \"v3\".");
      return FALSE;
    }

  if (g_strcmp0 (if_match, expected) == 0)
    return TRUE;

  baladi_server_reply_stale (msg, baladi_server_request_to_json (db, id, TRUE));
  return FALSE;
}

/* The due time of request @id from its category's time limit and all its
 * pauses, an open pause counting until @now. */
gint64
baladi_server_compute_due (sqlite3           *db,
                           BaladiSlaCalendar *calendar,
                           const char        *category,
                           gint64             created_at,
                           const char        *id,
                           gint64             now)
{
  g_autoptr(BaladiStmt) sla = baladi_server_db_prepare (db,
    "SELECT sla_value, sla_unit FROM categories WHERE code = ?1", NULL);
  g_autoptr(BaladiStmt) pauses = baladi_server_db_prepare (db,
    "SELECT start_at, end_at FROM pauses WHERE request_id = ?1 ORDER BY start_at", NULL);
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (BaladiSlaPause));
  g_autoptr(GDateTime) received = g_date_time_new_from_unix_utc (created_at);
  g_autoptr(GDateTime) now_time = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) due = NULL;
  int unit = BALADI_SLA_UNIT_WORKING_DAYS;
  guint value = 5;
  gint64 result;

  sqlite3_bind_text (sla, 1, category, -1, SQLITE_STATIC);
  if (sqlite3_step (sla) == SQLITE_ROW)
    {
      value = sqlite3_column_int (sla, 0);
      baladi_enum_from_wire (BALADI_TYPE_SLA_UNIT, (const char *) sqlite3_column_text (sla, 1), &unit);
    }

  sqlite3_bind_text (pauses, 1, id, -1, SQLITE_STATIC);
  while (sqlite3_step (pauses) == SQLITE_ROW)
    {
      BaladiSlaPause pause;

      pause.start = g_date_time_new_from_unix_utc (sqlite3_column_int64 (pauses, 0));
      pause.end = sqlite3_column_type (pauses, 1) == SQLITE_NULL
                  ? NULL : g_date_time_new_from_unix_utc (sqlite3_column_int64 (pauses, 1));
      g_array_append_val (list, pause);
    }

  due = baladi_sla_calendar_compute_due (calendar, received, value, unit,
                                         (BaladiSlaPause *) list->data, list->len, now_time);
  result = due != NULL ? g_date_time_to_unix (due) : G_MAXINT64;

  for (guint i = 0; i < list->len; i++)
    {
      g_date_time_unref (g_array_index (list, BaladiSlaPause, i).start);
      g_clear_pointer (&g_array_index (list, BaladiSlaPause, i).end, g_date_time_unref);
    }

  return result;
}

gboolean
baladi_server_insert_event (sqlite3    *db,
                            const char *request_id,
                            const char *kind,
                            const char *author,
                            gint64      now,
                            const char *body,
                            gboolean    public,
                            const char *old_value,
                            const char *new_value,
                            const char *reason)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db,
    "INSERT INTO events (id, request_id, kind, author, created_at, body, public, old_value, new_value, reason) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", NULL);
  g_autofree char *id = g_uuid_string_random ();

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, request_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, author, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, body, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, public);
  sqlite3_bind_text (stmt, 8, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, reason, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_DONE;
}

static gboolean
get_coordinate (JsonObject *address,
                const char *member,
                double     *value,
                GPtrArray  *errors)
{
  JsonNode *node = address != NULL ? json_object_get_member (address, member) : NULL;
  g_autofree char *field = g_strdup_printf ("address.%s", member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    {
      baladi_field_errors_add (errors, field, "not_a_number", "This field must be a number.");
      return FALSE;
    }

  *value = json_node_get_double (node);
  return TRUE;
}

/* The next public reference of @municipality for @year, e.g. CAP-2026-000124. */
static char *
next_reference (sqlite3    *db,
                const char *municipality,
                int         year)
{
  g_autoptr(BaladiStmt) prefix = baladi_server_db_prepare (db, "SELECT prefix FROM municipalities WHERE code = ?1", NULL);
  g_autofree char *key = g_strdup_printf ("serial:%s:%d", municipality, year);
  g_autofree char *last = baladi_server_db_get_meta (db, key);
  g_autofree char *serial = NULL;
  guint64 n = 0;

  if (last != NULL)
    g_ascii_string_to_unsigned (last, 10, 0, G_MAXUINT32, &n, NULL);
  serial = g_strdup_printf ("%" G_GUINT64_FORMAT, n + 1);
  if (!baladi_server_db_set_meta (db, key, serial, NULL))
    return NULL;

  sqlite3_bind_text (prefix, 1, municipality, -1, SQLITE_STATIC);
  if (sqlite3_step (prefix) != SQLITE_ROW)
    return NULL;

  return g_strdup_printf ("%s-%d-%06" G_GUINT64_FORMAT, sqlite3_column_text (prefix, 0), year, n + 1);
}

/**
 * baladi_server_create_request:
 *
 * Handles POST /api/v1/requests: a clerk files a request on behalf of a
 * caller, a walk-in or a Customer Day visitor. The id is made by the
 * client, so that a retried call files the request only once.
 */
void
baladi_server_create_request (sqlite3           *db,
                              BaladiSlaCalendar *calendar,
                              SoupServerMessage *msg,
                              BaladiStaff       *staff)
{
  static const char *members[] = { "id", "type", "category", "municipality", "channel", "priority",
                                   "language", "service_code", "subject", "description", "citizen",
                                   "address", NULL };
  static const char *citizen_members[] = { "name", "phone", "email", "cpr", NULL };
  static const char *address_members[] = { "building", "road", "block", "area", "latitude", "longitude", NULL };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_field_error_free);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) result = NULL;
  JsonObject *citizen, *address;
  const char *id, *type, *category, *municipality, *channel, *priority, *language, *service_code;
  const char *subject, *description, *name, *phone, *email, *cpr;
  const char *building, *road, *block, *area;
  double latitude = 0, longitude = 0;
  gboolean has_latitude, has_longitude;
  int value;

  if (staff->role != BALADI_STAFF_ROLE_CLERK && staff->role != BALADI_STAFF_ROLE_SUPERVISOR)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Only clerks and supervisors file requests.");
      return;
    }

  body = baladi_server_parse_body (msg, members, errors);
  if (body == NULL)
    {
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  id = baladi_json_get_string (body, "id", errors, TRUE, 36);
  if (id != NULL && !baladi_id_is_valid (id))
    baladi_field_errors_add (errors, "id", "invalid_id", "The id must be a lowercase UUID.");
  type = baladi_json_get_enum (body, "type", BALADI_TYPE_REQUEST_TYPE, &value, errors, TRUE);
  channel = baladi_json_get_enum (body, "channel", BALADI_TYPE_CHANNEL, &value, errors, TRUE);
  priority = baladi_json_get_enum (body, "priority", BALADI_TYPE_PRIORITY, &value, errors, FALSE);
  municipality = baladi_json_get_enum (body, "municipality", BALADI_TYPE_MUNICIPALITY, &value, errors, TRUE);
  category = baladi_json_get_string (body, "category", errors, TRUE, 64);
  if (category != NULL && !baladi_server_db_row_exists (db, "SELECT 1 FROM categories WHERE code = ?1", category))
    baladi_field_errors_add (errors, "category", "unknown_value", "There is no such category.");
  service_code = baladi_json_get_string (body, "service_code", errors, FALSE, 64);
  if (service_code != NULL && !baladi_server_db_row_exists (db, "SELECT 1 FROM services WHERE code = ?1", service_code))
    baladi_field_errors_add (errors, "service_code", "unknown_value", "There is no such service.");
  language = baladi_json_get_string (body, "language", errors, FALSE, 2);
  if (language != NULL && g_strcmp0 (language, "ar") != 0 && g_strcmp0 (language, "en") != 0)
    baladi_field_errors_add (errors, "language", "unknown_value", "The language is “ar” or “en”.");
  subject = baladi_json_get_string (body, "subject", errors, TRUE, MAX_SHORT_TEXT);
  description = baladi_json_get_string (body, "description", errors, TRUE, MAX_TEXT);

  citizen = baladi_json_get_nested (body, "citizen", citizen_members, errors);
  if (citizen == NULL)
    baladi_field_errors_add (errors, "citizen", "required", "Who filed the request is required.");
  name = citizen != NULL ? baladi_json_get_string (citizen, "name", errors, TRUE, MAX_SHORT_TEXT) : NULL;
  phone = citizen != NULL ? baladi_json_get_string (citizen, "phone", errors, FALSE, 32) : NULL;
  if (phone != NULL && !baladi_phone_is_valid (phone))
    baladi_field_errors_add (errors, "citizen.phone", "invalid_phone", "A Bahraini number has eight digits, e.g. +973 3612 3456.");
  email = citizen != NULL ? baladi_json_get_string (citizen, "email", errors, FALSE, MAX_SHORT_TEXT) : NULL;
  if (email != NULL && !baladi_email_is_valid (email))
    baladi_field_errors_add (errors, "citizen.email", "invalid_email", "This is not an e-mail address.");
  cpr = citizen != NULL ? baladi_json_get_string (citizen, "cpr", errors, FALSE, 9) : NULL;
  if (cpr != NULL && !baladi_cpr_is_valid (cpr))
    baladi_field_errors_add (errors, "citizen.cpr", "invalid_cpr", "A CPR number has nine digits.");

  address = baladi_json_get_nested (body, "address", address_members, errors);
  building = address != NULL ? baladi_json_get_string (address, "building", errors, FALSE, 16) : NULL;
  road = address != NULL ? baladi_json_get_string (address, "road", errors, FALSE, 16) : NULL;
  block = address != NULL ? baladi_json_get_string (address, "block", errors, FALSE, 16) : NULL;
  area = address != NULL ? baladi_json_get_string (address, "area", errors, FALSE, MAX_SHORT_TEXT) : NULL;
  has_latitude = get_coordinate (address, "latitude", &latitude, errors);
  has_longitude = get_coordinate (address, "longitude", &longitude, errors);
  if (has_latitude != has_longitude)
    baladi_field_errors_add (errors, "address", "incomplete_location", "Give both latitude and longitude, or neither.");
  else if (has_latitude && !baladi_location_is_in_bahrain (latitude, longitude))
    baladi_field_errors_add (errors, "address", "outside_bahrain", "This point is not in Bahrain.");

  if (errors->len > 0)
    {
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  if (!baladi_staff_can_see (staff, municipality))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "out_of_scope",
                                 "You may not file requests for this municipality.");
      return;
    }

  if (baladi_server_db_row_exists (db, "SELECT 1 FROM requests WHERE id = ?1", id))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_CONFLICT, "id_exists", "A request with this id exists already.");
      return;
    }

  {
    BaladiNewRequest request = {
      id, type, category, municipality, channel, priority != NULL ? priority : "normal",
      language != NULL ? language : "ar", service_code, subject, description, name, phone, email, cpr,
      building, road, block, area, has_latitude, latitude, longitude,
    };
    g_autoptr(GError) error = NULL;
    g_autofree char *reference = baladi_server_insert_request (db, calendar, &request, staff->username, &error);

    if (reference == NULL)
      {
        g_warning ("Filing a request failed: %s", error->message);
        baladi_server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The request could not be stored.");
        return;
      }
  }

  result = baladi_server_request_to_json (db, id, TRUE);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", "\"v1\"");
  baladi_server_reply_json (msg, SOUP_STATUS_CREATED, result);
}

/**
 * baladi_server_insert_request:
 * @author: (nullable): the staff member who filed it; %NULL for a citizen
 *
 * Files a valid new request: its reference, its due time from its
 * category, its first event, in one transaction.
 *
 * Returns: (transfer full) (nullable): the new request's reference
 */
char *
baladi_server_insert_request (sqlite3                *db,
                              BaladiSlaCalendar      *calendar,
                              const BaladiNewRequest *request,
                              const char             *author,
                              GError                **error)
{
  g_autoptr(BaladiStmt) insert = NULL;
  g_autoptr(BaladiStmt) sector = NULL;
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autofree char *reference = NULL;
  gint64 now = g_date_time_to_unix (now_time);
  gint64 seq, due;

  if (!baladi_server_db_exec (db, "BEGIN IMMEDIATE", error))
    return NULL;

  seq = baladi_server_db_next_seq (db, error);
  reference = next_reference (db, request->municipality, g_date_time_get_year (now_time));
  due = baladi_server_compute_due (db, calendar, request->category, now, request->id, now);
  sector = baladi_server_db_prepare (db, "SELECT sector FROM categories WHERE code = ?1", error);
  insert = baladi_server_db_prepare (db,
    "INSERT INTO requests (id, reference, type, category, sector, municipality, channel, status, priority, "
    "language, service_code, citizen_name, citizen_phone, citizen_email, citizen_cpr, address_building, "
    "address_road, address_block, address_area, latitude, longitude, subject, description, created_at, "
    "updated_at, due_at, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23, ?24, ?25)", error);
  if (seq == 0 || reference == NULL || sector == NULL || insert == NULL)
    goto fail;

  sqlite3_bind_text (sector, 1, request->category, -1, SQLITE_STATIC);
  if (sqlite3_step (sector) != SQLITE_ROW)
    goto fail;

  {
    const char *texts[] = { request->id, reference, request->type, request->category,
                            (const char *) sqlite3_column_text (sector, 0), request->municipality,
                            request->channel, request->priority, request->language, request->service_code,
                            request->name, request->phone, request->email, request->cpr,
                            request->building, request->road, request->block, request->area };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      sqlite3_bind_text (insert, i + 1, texts[i], -1, SQLITE_STATIC);
  }
  if (request->has_location)
    {
      sqlite3_bind_double (insert, 19, request->latitude);
      sqlite3_bind_double (insert, 20, request->longitude);
    }
  sqlite3_bind_text (insert, 21, request->subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 22, request->description, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 23, now);
  sqlite3_bind_int64 (insert, 24, due);
  sqlite3_bind_int64 (insert, 25, seq);

  if (sqlite3_step (insert) != SQLITE_DONE ||
      !baladi_server_insert_event (db, request->id, "created", author, now, NULL, FALSE, NULL, "new", NULL) ||
      !baladi_server_db_exec (db, "COMMIT", error))
    goto fail;

  return g_steal_pointer (&reference);

fail:
  if (error != NULL && *error == NULL)
    baladi_server_db_set_error (db, error);
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return NULL;
}

