/* baladi-server-catalogue.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The service catalogue on the staff API: reading one service, and the
 * edits of catalogue editors. An edit sends only the fields it changes;
 * each is checked for its shape (bilingual text has both languages, fees
 * are amounts in BHD with three decimals, and so on), merged into the
 * stored document, and the service gets a new version and change number. */

#include "config.h"

#include <string.h>

#include "baladi-server-catalogue.h"
#include "baladi-server-db.h"
#include "baladi-server-json.h"

#define MAX_TEXT 4000

static gboolean
is_text (JsonNode *node,
         gsize     max_chars)
{
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  text = json_node_get_string (node);
  return *text != '\0' && g_utf8_strlen (text, -1) <= (glong) max_chars;
}

/**
 * baladi_server_is_bilingual:
 *
 * Returns: whether @node is {"ar": "…", "en": "…"}, both present, not
 *   empty, and nothing else
 */
gboolean
baladi_server_is_bilingual (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  return json_object_get_size (object) == 2 &&
         is_text (json_object_get_member (object, "ar"), MAX_TEXT) &&
         is_text (json_object_get_member (object, "en"), MAX_TEXT);
}

static gboolean
is_list_of (JsonNode  *node,
            gboolean (*check) (JsonNode *element),
            guint      max_length)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  array = json_node_get_array (node);
  if (json_array_get_length (array) > max_length)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!check (json_array_get_element (array, i)))
      return FALSE;

  return TRUE;
}

static gboolean
is_short_text (JsonNode *node)
{
  return is_text (node, 200);
}

static gboolean
is_channel (JsonNode *node)
{
  static const char *channels[] = { "online", "counter", "phone", "tawasul", "mobile_app", NULL };

  return is_text (node, 32) && g_strv_contains (channels, json_node_get_string (node));
}

static gboolean
is_service_code (JsonNode *node)
{
  return is_text (node, 16) && g_regex_match_simple ("^[A-Z]{3}-[0-9]{3}$", json_node_get_string (node), 0, 0);
}

/* {"amount_bhd": "25.000", "label": {"ar", "en"}}: money as a string with
 * fils, never a float. */
static gboolean
is_fee (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  return json_object_get_size (object) == 2 &&
         is_text (json_object_get_member (object, "amount_bhd"), 12) &&
         g_regex_match_simple ("^[0-9]{1,6}\\.[0-9]{3}$",
                               json_object_get_string_member (object, "amount_bhd"), 0, 0) &&
         baladi_server_is_bilingual (json_object_get_member (object, "label"));
}

static gboolean
is_duration (JsonNode *node)
{
  JsonObject *object;
  JsonNode *value;
  const char *unit;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  value = json_object_get_member (object, "value");
  unit = json_object_get_string_member_with_default (object, "unit", NULL);
  return json_object_get_size (object) == 2 &&
         value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64 &&
         json_node_get_int (value) > 0 && json_node_get_int (value) <= 365 &&
         (g_strcmp0 (unit, "working_hours") == 0 || g_strcmp0 (unit, "working_days") == 0);
}

static gboolean
is_keywords (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  return json_object_get_size (object) == 2 &&
         is_list_of (json_object_get_member (object, "ar"), is_short_text, 30) &&
         is_list_of (json_object_get_member (object, "en"), is_short_text, 30);
}

static gboolean
check_field (const char *name,
             JsonNode   *node)
{
  if (g_str_equal (name, "name") || g_str_equal (name, "directorate") || g_str_equal (name, "description") ||
      g_str_equal (name, "eligibility"))
    return baladi_server_is_bilingual (node);
  if (g_str_equal (name, "documents") || g_str_equal (name, "steps"))
    return is_list_of (node, baladi_server_is_bilingual, 30);
  if (g_str_equal (name, "fees"))
    return is_list_of (node, is_fee, 10);
  if (g_str_equal (name, "duration"))
    return is_duration (node);
  if (g_str_equal (name, "channels"))
    return is_list_of (node, is_channel, 5);
  if (g_str_equal (name, "e_service"))
    return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
  if (g_str_equal (name, "e_service_url"))
    return JSON_NODE_HOLDS_NULL (node) ||
           (is_text (node, 500) && g_str_has_prefix (json_node_get_string (node), "https://"));
  if (g_str_equal (name, "keywords"))
    return is_keywords (node);
  if (g_str_equal (name, "related"))
    return is_list_of (node, is_service_code, 10);
  if (g_str_equal (name, "category"))
    return is_text (node, 64);

  g_assert_not_reached ();
}

static JsonNode *
load_service (sqlite3    *db,
              const char *code,
              gint64     *version)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, "SELECT document, version, sector FROM services WHERE code = ?1", NULL);
  JsonNode *document;
  g_autofree char *text = NULL;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  document = json_from_string ((const char *) sqlite3_column_text (stmt, 0), NULL);
  *version = sqlite3_column_int64 (stmt, 1);
  text = g_strdup_printf ("%" G_GINT64_FORMAT, *version);
  json_object_set_string_member (json_node_get_object (document), "version", text);
  json_object_set_string_member (json_node_get_object (document), "sector", (const char *) sqlite3_column_text (stmt, 2));

  return document;
}

static void
reply_service (SoupServerMessage *msg,
               JsonNode          *document,
               gint64             version)
{
  g_autofree char *etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
  baladi_server_reply_json (msg, SOUP_STATUS_OK, document);
}

void
baladi_server_get_service (sqlite3           *db,
                           SoupServerMessage *msg,
                           const char        *code)
{
  g_autoptr(JsonNode) document = NULL;
  gint64 version = 0;

  document = load_service (db, code, &version);
  if (document == NULL)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No service has this code.");
      return;
    }

  reply_service (msg, document, version);
}

/**
 * baladi_server_edit_service:
 *
 * Handles POST /api/v1/services/{code}: catalogue editors change fields of
 * a service.
 */
void
baladi_server_edit_service (sqlite3           *db,
                            SoupServerMessage *msg,
                            BaladiStaff       *staff,
                            const char        *code)
{
  static const char *members[] = { "name", "directorate", "category", "description", "eligibility", "documents",
                                   "fees", "duration", "channels", "steps", "e_service", "e_service_url",
                                   "keywords", "related", NULL };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_field_error_free);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GList) names = NULL;
  g_autoptr(BaladiStmt) update = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  const char *if_match;
  JsonObject *object;
  gint64 version = 0;
  gint64 seq;

  if (staff->role != BALADI_STAFF_ROLE_CATALOGUE_EDITOR)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Only catalogue editors change services.");
      return;
    }

  document = load_service (db, code, &version);
  if (document == NULL)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "No service has this code.");
      return;
    }

  if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  expected = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);
  if (if_match == NULL)
    {
      baladi_server_reply_error (msg, 428, "if_match_required", "Edits need an If-Match header with the service's version.");
      return;
    }
  if (!g_str_equal (if_match, expected))
    {
      baladi_server_reply_stale (msg, json_node_ref (document));
      return;
    }

  body = baladi_server_parse_body (msg, members, errors);
  if (body != NULL)
    {
      names = json_object_get_members (body);
      if (names == NULL)
        baladi_field_errors_add (errors, "", "empty_edit", "Send at least one field to change.");
      for (GList *l = names; l != NULL; l = l->next)
        if (!check_field (l->data, json_object_get_member (body, l->data)))
          baladi_field_errors_add (errors, l->data, "invalid_value", "This value does not have the shape docs/api.md gives.");
    }
  if (errors->len > 0)
    {
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  object = json_node_get_object (document);
  for (GList *l = names; l != NULL; l = l->next)
    json_object_set_member (object, l->data, json_node_copy (json_object_get_member (body, l->data)));
  json_object_remove_member (object, "version");
  json_object_remove_member (object, "sector");
  text = json_to_string (document, FALSE);

  if (!baladi_server_db_exec (db, "BEGIN IMMEDIATE", NULL) ||
      (seq = baladi_server_db_next_seq (db, NULL)) == 0 ||
      (update = baladi_server_db_prepare (db,
         "UPDATE services SET document = ?2, category = json_extract(?2, '$.category'), "
         "version = version + 1, updated_at = ?3, seq = ?4 WHERE code = ?1", NULL)) == NULL)
    goto fail;

  sqlite3_bind_text (update, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (update, 2, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 3, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (update, 4, seq);
  if (sqlite3_step (update) != SQLITE_DONE || !baladi_server_db_exec (db, "COMMIT", NULL))
    goto fail;

  g_clear_pointer (&document, json_node_unref);
  document = load_service (db, code, &version);
  reply_service (msg, document, version);
  return;

fail:
  g_warning ("Editing a service failed: %s", sqlite3_errmsg (db));
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  baladi_server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "The change could not be stored.");
}
