/* baladi-sync-json.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading what the server sends, trusting none of it. json-glib 1.6 has no
 * depth limit (deep nesting overflows the stack), turns a 30-digit integer
 * into -1 and accepts any type anywhere, so: the size is capped, the depth
 * is checked with a byte scan before parsing, and every member is checked
 * for its type. Ids and versions are strings. */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "baladi-sync-json.h"
#include "baladi-validate.h"

G_DEFINE_QUARK (baladi-sync-error-quark, baladi_sync_error)

/**
 * baladi_sync_parse:
 *
 * Returns: (transfer full) (nullable): the parsed body
 */
JsonNode *
baladi_sync_parse (GBytes  *body,
                   GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (len > BALADI_SYNC_MAX_RESPONSE)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is too large (%" G_GSIZE_FORMAT " bytes)", len);
      return NULL;
    }
  if (len == 0 || !g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is empty or not valid UTF-8");
      return NULL;
    }
  if (baladi_json_nesting_depth (data, len) > BALADI_SYNC_MAX_DEPTH)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is nested too deeply");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &parse_error))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is not valid JSON: %s", parse_error->message);
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* The string value of @member, which must be a string or, if @nullable,
 * null or absent. */
static gboolean
get_text (JsonObject  *object,
          const char  *member,
          gboolean     nullable,
          const char **value,
          GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (strlen (json_node_get_string (node)) > BALADI_SYNC_MAX_STRING)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a “%s” longer than any the API has", member);
          return FALSE;
        }
      *value = json_node_get_string (node);
      return TRUE;
    }

  g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
               "The server sent a request whose “%s” is missing or not a string", member);
  return FALSE;
}

static const struct {
  const char *member;
  const char *property;
  gboolean    nullable;
} text_members[] = {
  { "id", "id", FALSE }, { "reference", "reference", TRUE }, { "category", "category", FALSE },
  { "language", "language", FALSE }, { "service_code", "service-code", TRUE }, { "subject", "subject", FALSE },
  { "description", "description", FALSE }, { "assignee", "assignee", TRUE }, { "merged_into", "merged-into", TRUE },
  { "version", "version", FALSE },
};

static const struct {
  const char *member;
  const char *property;
  GType     (*get_type) (void);
} enum_members[] = {
  { "type", "type", baladi_request_type_get_type }, { "channel", "channel", baladi_channel_get_type },
  { "status", "status", baladi_request_status_get_type }, { "priority", "priority", baladi_priority_get_type },
  { "sector", "sector", baladi_sector_get_type }, { "municipality", "municipality", baladi_municipality_get_type },
};

static const struct {
  const char *member;
  const char *property;
  gboolean    nullable;
} time_members[] = {
  { "created_at", "created", FALSE }, { "updated_at", "updated", FALSE }, { "first_reply_at", "first-reply", TRUE },
  { "due_at", "due", FALSE }, { "closed_at", "closed", TRUE },
};

static const struct {
  const char *object;
  const char *member;
  const char *property;
} nested_members[] = {
  { "citizen", "name", "citizen-name" }, { "citizen", "phone", "citizen-phone" },
  { "citizen", "email", "citizen-email" }, { "citizen", "cpr", "citizen-cpr" },
  { "address", "building", "address-building" }, { "address", "road", "address-road" },
  { "address", "block", "address-block" }, { "address", "area", "address-area" },
};

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * baladi_request_from_json:
 *
 * Returns: (transfer full) (nullable): the request the server described,
 *   or %NULL with @error naming the first member that is wrong
 */
BaladiRequest *
baladi_request_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(BaladiRequest) request = g_object_new (BALADI_TYPE_REQUEST, NULL);
  JsonObject *address;
  JsonNode *lat, *lon;
  const char *text;

  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    {
      if (!get_text (object, text_members[i].member, text_members[i].nullable, &text, error))
        return NULL;
      g_object_set (request, text_members[i].property, text, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (enum_members); i++)
    {
      int value;

      if (!get_text (object, enum_members[i].member, FALSE, &text, error))
        return NULL;
      if (!baladi_enum_from_wire (enum_members[i].get_type (), text, &value))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent an unknown %s “%s”", enum_members[i].member, text);
          return NULL;
        }
      g_object_set (request, enum_members[i].property, value, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (time_members); i++)
    {
      g_autoptr(GDateTime) time = NULL;

      if (!get_text (object, time_members[i].member, time_members[i].nullable, &text, error))
        return NULL;
      if (text != NULL && (time = g_date_time_new_from_iso8601 (text, NULL)) == NULL)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a bad time in “%s”", time_members[i].member);
          return NULL;
        }
      g_object_set (request, time_members[i].property, time, NULL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (nested_members); i++)
    {
      JsonObject *nested = get_object (object, nested_members[i].object);

      if (nested == NULL ||
          !get_text (nested, nested_members[i].member, !g_str_equal (nested_members[i].member, "name"), &text, error))
        {
          if (nested == NULL)
            g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                         "The server sent a request without “%s”", nested_members[i].object);
          return NULL;
        }
      g_object_set (request, nested_members[i].property, text, NULL);
    }

  address = get_object (object, "address");
  lat = json_object_get_member (address, "latitude");
  lon = json_object_get_member (address, "longitude");
  if (lat != NULL && lon != NULL && !JSON_NODE_HOLDS_NULL (lat) && !JSON_NODE_HOLDS_NULL (lon))
    {
      if (!JSON_NODE_HOLDS_VALUE (lat) || !JSON_NODE_HOLDS_VALUE (lon) ||
          (json_node_get_value_type (lat) != G_TYPE_DOUBLE && json_node_get_value_type (lat) != G_TYPE_INT64) ||
          (json_node_get_value_type (lon) != G_TYPE_DOUBLE && json_node_get_value_type (lon) != G_TYPE_INT64))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a location that is not numbers");
          return NULL;
        }
      if (ABS (json_node_get_double (lat)) > 90 || ABS (json_node_get_double (lon)) > 180)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a location off the globe");
          return NULL;
        }
      g_object_set (request, "has-location", TRUE, "latitude", json_node_get_double (lat),
                    "longitude", json_node_get_double (lon), NULL);
    }

  return g_steal_pointer (&request);
}

/**
 * baladi_event_from_json:
 *
 * Returns: (transfer full) (nullable): one event of a request's history
 */
BaladiEvent *
baladi_event_from_json (JsonObject  *object,
                        const char  *request_id,
                        GError     **error)
{
  g_autoptr(GDateTime) created = NULL;
  const char *id, *kind_text, *created_text, *author, *body, *old_value, *new_value, *reason;
  int kind;

  if (object == NULL ||
      !get_text (object, "id", FALSE, &id, error) ||
      !get_text (object, "kind", FALSE, &kind_text, error) ||
      !get_text (object, "created_at", FALSE, &created_text, error) ||
      !get_text (object, "author", TRUE, &author, error) ||
      !get_text (object, "body", TRUE, &body, error) ||
      !get_text (object, "old_value", TRUE, &old_value, error) ||
      !get_text (object, "new_value", TRUE, &new_value, error) ||
      !get_text (object, "reason", TRUE, &reason, error))
    {
      if (object == NULL)
        g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "The server sent an event that is not an object");
      return NULL;
    }

  if (!baladi_enum_from_wire (BALADI_TYPE_EVENT_KIND, kind_text, &kind) ||
      (created = g_date_time_new_from_iso8601 (created_text, NULL)) == NULL)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server sent an event with an unknown kind or a bad time");
      return NULL;
    }

  return g_object_new (BALADI_TYPE_EVENT,
                       "id", id, "request-id", request_id, "kind", kind, "author", author,
                       "created", created, "body", body, "old-value", old_value,
                       "new-value", new_value, "reason", reason, NULL);
}
