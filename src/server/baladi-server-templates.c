/* baladi-server-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reply templates on the staff API: everyone signed in reads them (the
 * clients cache them with the lookups), supervisors create, change and
 * delete them. A change needs If-Match with the template's version, as a
 * service edit does; a stale one gets 412 with the current template. */

#include "config.h"

#include <string.h>

#include "baladi-server-db.h"
#include "baladi-server-json.h"
#include "baladi-server-templates.h"
#include "baladi-text.h"

#define TEMPLATE_COLUMNS "id, title_ar, title_en, body_ar, body_en, position, version, updated_at, updated_by"

static void
add_pair (JsonBuilder  *builder,
          const char   *name,
          sqlite3_stmt *stmt,
          int           ar_column)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ar");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, ar_column));
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, ar_column + 1));
  json_builder_end_object (builder);
}

/* The template at the current row of a SELECT of TEMPLATE_COLUMNS. */
static JsonNode *
row_to_json (sqlite3_stmt *stmt)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) updated = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 7));
  g_autofree char *updated_at = g_date_time_format_iso8601 (updated);
  g_autofree char *version = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 6));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
  add_pair (builder, "title", stmt, 1);
  add_pair (builder, "body", stmt, 3);
  json_builder_set_member_name (builder, "position");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 5));
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version);
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, updated_at);
  json_builder_set_member_name (builder, "updated_by");
  if (sqlite3_column_type (stmt, 8) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 8));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
load_template (sqlite3    *db,
               const char *id,
               gint64     *version)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, "SELECT " TEMPLATE_COLUMNS " FROM reply_templates WHERE id = ?1", NULL);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  *version = sqlite3_column_int64 (stmt, 6);
  return row_to_json (stmt);
}

static void
reply_template (SoupServerMessage *msg,
                guint              status,
                JsonNode          *template,
                gint64             version)
{
  g_autofree char *etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  baladi_server_reply_json (msg, status, template);
}

/**
 * baladi_server_list_templates:
 *
 * Handles GET /api/v1/templates: every template, in the menu's order.
 */
void
baladi_server_list_templates (sqlite3           *db,
                              SoupServerMessage *msg)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, "SELECT " TEMPLATE_COLUMNS " FROM reply_templates "
                                                             "ORDER BY position, id", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "templates");
  json_builder_begin_array (builder);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    json_builder_add_value (builder, row_to_json (stmt));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  baladi_server_reply_json (msg, SOUP_STATUS_OK, root);
}

/* Checks {"ar": "…", "en": "…"} at @name; each text not empty, at most
 * @max_chars, and in a body only known variables. Returns the texts. */
static gboolean
check_pair (JsonObject  *body,
            const char  *name,
            gsize        max_chars,
            gboolean     variables,
            GPtrArray   *errors,
            const char **ar,
            const char **en)
{
  static const char *languages[] = { "ar", "en", NULL };
  const char **texts[] = { ar, en };
  JsonObject *pair;

  if (json_object_get_member (body, name) == NULL || JSON_NODE_HOLDS_NULL (json_object_get_member (body, name)))
    {
      baladi_field_errors_add (errors, name, "required", "Both languages are required, as non-empty strings.");
      return FALSE;
    }
  pair = baladi_json_get_nested (body, name, languages, errors);
  if (pair == NULL)
    return FALSE;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *field = g_strdup_printf ("%s.%s", name, languages[i]);
      JsonNode *node = json_object_get_member (pair, languages[i]);
      g_autofree char *unknown = NULL;
      const char *text;

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          baladi_text_is_blank (text = json_node_get_string (node)))
        {
          baladi_field_errors_add (errors, field, "required", "Both languages are required, as non-empty strings.");
          continue;
        }
      if (g_utf8_strlen (text, -1) > (glong) max_chars)
        {
          g_autofree char *description = g_strdup_printf ("At most %" G_GSIZE_FORMAT " characters.", max_chars);

          baladi_field_errors_add (errors, field, "too_long", description);
          continue;
        }
      if (variables && (unknown = baladi_template_find_unknown_variable (text)) != NULL)
        {
          g_autofree char *description = g_strdup_printf ("%s is not a variable; use {citizen}, {reference}, {due}, "
                                                          "{service} or {requirements}.", unknown);

          baladi_field_errors_add (errors, field, "unknown_variable", description);
          continue;
        }
      *texts[i] = text;
    }

  return *ar != NULL && *en != NULL;
}

static gboolean
check_position (JsonObject *body,
                GPtrArray  *errors,
                gint64     *position)
{
  JsonNode *node = json_object_get_member (body, "position");

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 0 || json_node_get_int (node) > 1000000)
    {
      baladi_field_errors_add (errors, "position", "invalid_value", "A whole number from 0 to 1000000.");
      return FALSE;
    }

  *position = json_node_get_int (node);
  return TRUE;
}

static gboolean
is_supervisor (SoupServerMessage *msg,
               BaladiStaff       *staff)
{
  if (staff->role == BALADI_STAFF_ROLE_SUPERVISOR)
    return TRUE;

  baladi_server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Only supervisors manage reply templates.");
  return FALSE;
}

static void
reply_stored (sqlite3           *db,
              SoupServerMessage *msg,
              guint              status,
              const char        *id)
{
  g_autoptr(JsonNode) template = NULL;
  gint64 version = 0;

  template = load_template (db, id, &version);
  reply_template (msg, status, template, version);
}

static void
reply_db_failure (sqlite3           *db,
                  SoupServerMessage *msg)
{
  g_warning ("Storing a reply template failed: %s", sqlite3_errmsg (db));
  baladi_server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The change could not be stored.");
}

/* What a create or a change sends; %NULL (or no position) for what a
 * change leaves as it is. */
typedef struct {
  const char *title_ar, *title_en, *body_ar, *body_en;
  gint64      position;
  gboolean    has_position;
} Fields;

/* Checks the fields of @body: all of them for a new template
 * (@required), those present for a change. */
static void
read_fields (JsonObject *body,
             gboolean    required,
             GPtrArray  *errors,
             Fields     *fields)
{
  if (required || json_object_has_member (body, "title"))
    check_pair (body, "title", BALADI_TEMPLATE_MAX_TITLE, FALSE, errors, &fields->title_ar, &fields->title_en);
  if (required || json_object_has_member (body, "body"))
    check_pair (body, "body", BALADI_TEMPLATE_MAX_BODY, TRUE, errors, &fields->body_ar, &fields->body_en);
  fields->has_position = check_position (body, errors, &fields->position);
}

/* Runs @sql, an INSERT or UPDATE of the template @id with ?2…?5 the texts,
 * ?6 the position, ?7 the time and ?8 the user, and answers with the
 * template as stored. */
static void
store_fields (sqlite3           *db,
              SoupServerMessage *msg,
              const char        *sql,
              const char        *id,
              const Fields      *fields,
              BaladiStaff       *staff,
              guint              status)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, sql, NULL);
  const char *texts[] = { id, fields->title_ar, fields->title_en, fields->body_ar, fields->body_en };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sqlite3_bind_text (stmt, i + 1, texts[i], -1, SQLITE_STATIC);
  if (fields->has_position)
    sqlite3_bind_int64 (stmt, 6, fields->position);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 8, staff->username, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      reply_db_failure (db, msg);
      return;
    }

  reply_stored (db, msg, status, id);
}

/**
 * baladi_server_create_template:
 *
 * Handles POST /api/v1/templates.
 */
void
baladi_server_create_template (sqlite3           *db,
                               SoupServerMessage *msg,
                               BaladiStaff       *staff)
{
  static const char *members[] = { "id", "title", "body", "position", NULL };
  g_autoptr(GPtrArray) errors = baladi_field_errors_new ();
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *id = NULL;
  Fields fields = { NULL, };

  if (!is_supervisor (msg, staff))
    return;

  body = baladi_server_parse_body (msg, members, errors);
  if (body != NULL)
    {
      const char *given = baladi_json_get_string (body, "id", errors, FALSE, 64);

      if (given != NULL && !baladi_template_id_is_valid (given))
        baladi_field_errors_add (errors, "id", "invalid_value", "Lower-case letters, digits and hyphens, up to 64.");
      id = given != NULL ? g_strdup (given) : g_uuid_string_random ();
      read_fields (body, TRUE, errors, &fields);
    }
  if (errors->len > 0)
    {
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  if (baladi_server_db_row_exists (db, "SELECT 1 FROM reply_templates WHERE id = ?1", id))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_CONFLICT, "exists", "A template with this id exists already.");
      return;
    }

  /* Without a position, the new template comes last. */
  store_fields (db, msg,
                "INSERT INTO reply_templates (id, title_ar, title_en, body_ar, body_en, position, updated_at, updated_by) "
                "VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 IS NULL THEN (SELECT ifnull (max (position), 0) + 1 "
                "FROM reply_templates) ELSE ?6 END, ?7, ?8)",
                id, &fields, staff, SOUP_STATUS_CREATED);
}

/* Loads the template @id and checks If-Match against it. Returns it, or
 * %NULL with the answer given (404, 428 or 412). */
static JsonNode *
load_matching (sqlite3           *db,
               SoupServerMessage *msg,
               const char        *id)
{
  g_autoptr(JsonNode) template = NULL;
  g_autofree char *expected = NULL;
  const char *if_match;
  gint64 version = 0;

  template = load_template (db, id, &version);
  if (template == NULL)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No reply template has this id.");
      return NULL;
    }

  if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  expected = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);
  if (if_match == NULL)
    {
      baladi_server_reply_error (msg, 428, "if_match_required", "Changes need an If-Match header with the template's version.");
      return NULL;
    }
  if (!g_str_equal (if_match, expected))
    {
      baladi_server_reply_stale (msg, g_steal_pointer (&template));
      return NULL;
    }

  return g_steal_pointer (&template);
}

/**
 * baladi_server_edit_template:
 *
 * Handles POST /api/v1/templates/{id}: any of title, body and position.
 */
void
baladi_server_edit_template (sqlite3           *db,
                             SoupServerMessage *msg,
                             BaladiStaff       *staff,
                             const char        *id)
{
  static const char *members[] = { "title", "body", "position", NULL };
  g_autoptr(GPtrArray) errors = baladi_field_errors_new ();
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) template = NULL;
  Fields fields = { NULL, };

  if (!is_supervisor (msg, staff) || (template = load_matching (db, msg, id)) == NULL)
    return;

  body = baladi_server_parse_body (msg, members, errors);
  if (body != NULL)
    {
      if (json_object_get_size (body) == 0)
        baladi_field_errors_add (errors, "", "empty_edit", "Send at least one field to change.");
      read_fields (body, FALSE, errors, &fields);
    }
  if (errors->len > 0)
    {
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  store_fields (db, msg,
                "UPDATE reply_templates SET title_ar = ifnull (?2, title_ar), title_en = ifnull (?3, title_en), "
                "body_ar = ifnull (?4, body_ar), body_en = ifnull (?5, body_en), position = ifnull (?6, position), "
                "version = version + 1, updated_at = ?7, updated_by = ?8 WHERE id = ?1",
                id, &fields, staff, SOUP_STATUS_OK);
}

/**
 * baladi_server_delete_template:
 *
 * Handles DELETE /api/v1/templates/{id}.
 */
void
baladi_server_delete_template (sqlite3           *db,
                               SoupServerMessage *msg,
                               BaladiStaff       *staff,
                               const char        *id)
{
  g_autoptr(JsonNode) template = NULL;

  if (!is_supervisor (msg, staff) || (template = load_matching (db, msg, id)) == NULL)
    return;

  if (!baladi_server_db_run (db, "DELETE FROM reply_templates WHERE id = ?1", id, NULL, 0, 0))
    {
      reply_db_failure (db, msg);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_STATIC, "", 0);
}
