/* baladi-server-json.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading request bodies safely and writing answers.
 *
 * json-glib 1.6 has no nesting limit and overflows the stack on deep input,
 * so a body is checked for size, UTF-8 and nesting depth with a cheap byte
 * scan before the parser sees it. Only objects with known members are
 * accepted: an unknown member is an error, not silently dropped, so a
 * client that misspells a field learns about it. */

#include "config.h"

#include "baladi-server-json.h"
#include "baladi-core-enums.h"
#include "baladi-text.h"

/**
 * baladi_server_parse_body:
 * @members: (array zero-terminated=1): the members the object may have
 * @errors: where the problems found are added
 *
 * Returns: (transfer full) (nullable): the body as a JSON object, or %NULL
 *   with at least one problem added to @errors
 */
JsonObject *
baladi_server_parse_body (SoupServerMessage  *msg,
                          const char * const *members,
                          GPtrArray          *errors)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) names = NULL;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  JsonNode *root;
  JsonObject *object;
  guint n_errors = errors->len;

  if (body->length == 0)
    {
      baladi_field_errors_add (errors, "", "empty_body", "The request has no body; a JSON object is expected.");
      return NULL;
    }
  if (!g_utf8_validate_len (body->data, body->length, NULL))
    {
      baladi_field_errors_add (errors, "", "invalid_utf8", "The body is not valid UTF-8.");
      return NULL;
    }
  if (baladi_json_nesting_depth (body->data, body->length) > BALADI_SERVER_MAX_DEPTH)
    {
      baladi_field_errors_add (errors, "", "too_deep", "The body is nested too deeply.");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body->data, body->length, &error))
    {
      baladi_field_errors_add (errors, "", "invalid_json", error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      baladi_field_errors_add (errors, "", "not_an_object", "The body must be a JSON object.");
      return NULL;
    }

  object = json_node_get_object (root);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!g_strv_contains (members, l->data))
        baladi_field_errors_add (errors, l->data, "unknown_field", "This field is not part of the API.");
    }

  if (errors->len > n_errors)
    return NULL;

  return json_object_ref (object);
}

void
baladi_server_reply_json (SoupServerMessage *msg,
                          guint              status,
                          JsonNode          *body)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize len;
  char *data;

  json_generator_set_root (generator, body);
  data = json_generator_to_data (generator, &len);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, data, len);
}

JsonNode *
baladi_server_error_node (const char *code,
                          const char *description,
                          const char *field)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
reply_error_nodes (SoupServerMessage *msg,
                   guint              status,
                   GPtrArray         *nodes)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < nodes->len; i++)
    json_array_add_element (array, g_ptr_array_index (nodes, i));

  json_object_set_array_member (object, "errors", array);
  json_node_take_object (root, object);
  baladi_server_reply_json (msg, status, root);
}

/**
 * baladi_server_reply_error:
 *
 * Answers with @status and a body of one error, in the format every error
 * of the API uses: {"errors": [{"code": …, "description": …}]}.
 */
void
baladi_server_reply_error (SoupServerMessage *msg,
                           guint              status,
                           const char        *code,
                           const char        *description)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  g_ptr_array_add (nodes, baladi_server_error_node (code, description, NULL));
  reply_error_nodes (msg, status, nodes);
}

/**
 * baladi_server_reply_field_errors:
 *
 * Answers 422 with one error per problem, each naming its field.
 */
void
baladi_server_reply_field_errors (SoupServerMessage *msg,
                                  GPtrArray         *errors)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

  for (guint i = 0; i < errors->len; i++)
    {
      BaladiFieldError *error = g_ptr_array_index (errors, i);

      g_ptr_array_add (nodes, baladi_server_error_node (error->code, error->description, error->field));
    }

  reply_error_nodes (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, nodes);
}
const char *
baladi_json_get_string (JsonObject *object,
                        const char *member,
                        GPtrArray  *errors,
                        gboolean    required,
                        gsize       max_chars)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        baladi_field_errors_add (errors, member, "required", "This field is required.");
      return NULL;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      baladi_field_errors_add (errors, member, "not_a_string", "This field must be a string.");
      return NULL;
    }

  value = json_node_get_string (node);
  if (required && baladi_text_is_blank (value))
    {
      baladi_field_errors_add (errors, member, "required", "This field must not be empty.");
      return NULL;
    }
  if (g_utf8_strlen (value, -1) > (glong) max_chars)
    {
      baladi_field_errors_add (errors, member, "too_long", "This field is too long.");
      return NULL;
    }

  return value;
}

const char *
baladi_json_get_enum (JsonObject *object,
                      const char *member,
                      GType       type,
                      int        *value,
                      GPtrArray  *errors,
                      gboolean    required)
{
  const char *wire = baladi_json_get_string (object, member, errors, required, 64);

  if (wire != NULL && !baladi_enum_from_wire (type, wire, value))
    {
      baladi_field_errors_add (errors, member, "unknown_value", "This value is not one the API knows.");
      return NULL;
    }

  return wire;
}

JsonObject *
baladi_json_get_nested (JsonObject         *object,
                        const char         *member,
                        const char * const *allowed,
                        GPtrArray          *errors)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GList) names = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      baladi_field_errors_add (errors, member, "not_an_object", "This field must be an object.");
      return NULL;
    }

  names = json_object_get_members (json_node_get_object (node));
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_autofree char *field = g_strdup_printf ("%s.%s", member, (const char *) l->data);

          baladi_field_errors_add (errors, field, "unknown_field", "This field is not part of the API.");
        }
    }

  return json_node_get_object (node);
}

/**
 * baladi_server_reply_stale:
 * @current: (transfer full): the entity as it is now
 *
 * Answers 412 to a write whose If-Match is stale, with the current entity,
 * so that the client can merge without another round trip.
 */
void
baladi_server_reply_stale (SoupServerMessage *msg,
                           JsonNode          *current)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *errors = json_array_new ();

  json_array_add_element (errors, baladi_server_error_node ("version_mismatch",
                                                            "It changed since this version; the current one is attached.",
                                                            NULL));
  json_object_set_array_member (object, "errors", errors);
  json_object_set_member (object, "current", current);
  json_node_take_object (root, object);
  baladi_server_reply_json (msg, SOUP_STATUS_PRECONDITION_FAILED, root);
}
