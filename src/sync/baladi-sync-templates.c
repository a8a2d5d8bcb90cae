/* baladi-sync-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reply templates between the central API and the cache: the pull that
 * replaces the cached set, and the calls a supervisor's dialog makes to
 * create, change and delete one. Those go to the server at once, never
 * through the outbox: a template is shared by everyone, so a change the
 * server has not taken is not made. Each answer is checked member by
 * member; anything wrong refuses the whole answer. */

#include "config.h"

#include <string.h>

#include "baladi-store-sync.h"
#include "baladi-sync-client-private.h"
#include "baladi-sync-json.h"
#include "baladi-sync-templates.h"
#include "baladi-validate.h"

/* Returns %NULL, so that readers can `return bad (...)`. */
static gpointer
bad (GError     **error,
     const char  *what)
{
  g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
               "The server sent a reply template whose %s is missing or wrong", what);
  return NULL;
}

/* A non-empty string of at most @max_chars at @member of @object. */
static const char *
get_string (JsonObject *object,
            const char *member,
            glong       max_chars)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  text = json_node_get_string (node);
  if (*text == '\0' || g_utf8_strlen (text, -1) > max_chars)
    return NULL;

  return text;
}

static JsonObject *
get_pair (JsonObject *object,
          const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * baladi_reply_template_from_json:
 *
 * Reads a template as GET /api/v1/templates describes it, checking the
 * type of every member it uses and that the server's own limits hold.
 *
 * Returns: (transfer full) (nullable): the template, title unset
 */
BaladiReplyTemplate *
baladi_reply_template_from_json (JsonNode  *node,
                                 GError   **error)
{
  g_autoptr(BaladiReplyTemplate) template = g_new0 (BaladiReplyTemplate, 1);
  JsonObject *object, *title, *body;
  JsonNode *position, *updated_by;
  const char *text;
  guint64 version;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "A reply template is not an object");
      return NULL;
    }
  object = json_node_get_object (node);

  if ((text = get_string (object, "id", 64)) == NULL || !baladi_template_id_is_valid (text))
    return bad (error, "id");
  template->id = g_strdup (text);

  title = get_pair (object, "title");
  body = get_pair (object, "body");
  if (title == NULL || (text = get_string (title, "ar", BALADI_TEMPLATE_MAX_TITLE)) == NULL)
    return bad (error, "title.ar");
  template->title_ar = g_strdup (text);
  if ((text = get_string (title, "en", BALADI_TEMPLATE_MAX_TITLE)) == NULL)
    return bad (error, "title.en");
  template->title_en = g_strdup (text);
  if (body == NULL || (text = get_string (body, "ar", BALADI_TEMPLATE_MAX_BODY)) == NULL)
    return bad (error, "body.ar");
  template->body_ar = g_strdup (text);
  if ((text = get_string (body, "en", BALADI_TEMPLATE_MAX_BODY)) == NULL)
    return bad (error, "body.en");
  template->body_en = g_strdup (text);

  position = json_object_get_member (object, "position");
  if (position == NULL || !JSON_NODE_HOLDS_VALUE (position) || json_node_get_value_type (position) != G_TYPE_INT64 ||
      json_node_get_int (position) < 0 || json_node_get_int (position) > 1000000)
    return bad (error, "position");
  template->position = json_node_get_int (position);

  if ((text = get_string (object, "version", 12)) == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &version, NULL))
    return bad (error, "version");
  template->version = (gint64) version;

  /* Not stored, but a server that sends them wrong is not trusted either. */
  if (get_string (object, "updated_at", 64) == NULL)
    return bad (error, "updated_at");
  updated_by = json_object_get_member (object, "updated_by");
  if (updated_by == NULL ||
      !(JSON_NODE_HOLDS_NULL (updated_by) || get_string (object, "updated_by", 64) != NULL))
    return bad (error, "updated_by");

  return g_steal_pointer (&template);
}

/**
 * baladi_sync_client_pull_templates:
 *
 * Replaces the cached templates with the server's, in one transaction; a
 * malformed answer changes nothing. A server without templates (404: an
 * older one) leaves the cache as it is.
 */
gboolean
baladi_sync_client_pull_templates (BaladiSyncClient  *self,
                                   BaladiStore       *store,
                                   GCancellable      *cancellable,
                                   GError           **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_reply_template_free);
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonNode *list;
  JsonArray *array;
  guint status = 0;

  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), FALSE);

  raw = baladi_sync_client_call_raw (self, "GET", "/api/v1/templates", NULL, NULL, NULL, &status, cancellable, error);
  if (raw == NULL)
    return FALSE;
  if (status == SOUP_STATUS_NOT_FOUND)
    return TRUE;
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "The server no longer accepts this sign-in");
      return FALSE;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "The server answered HTTP %u to the templates", status);
      return FALSE;
    }

  answer = baladi_sync_parse (raw, error);
  if (answer == NULL)
    return FALSE;
  list = JSON_NODE_HOLDS_OBJECT (answer) ? json_object_get_member (json_node_get_object (answer), "templates") : NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "The answer has no list of templates");
      return FALSE;
    }

  array = json_node_get_array (list);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      BaladiReplyTemplate *template = baladi_reply_template_from_json (json_array_get_element (array, i), error);

      if (template == NULL)
        return FALSE;
      g_ptr_array_add (templates, template);
    }

  if (!baladi_store_replace_reply_templates (store, templates, error))
    {
      g_prefix_error (error, "Storing the templates failed: ");
      return FALSE;
    }

  return TRUE;
}

static char *
template_body (const BaladiReplyTemplate *template,
               gboolean                   with_position)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *pairs[][3] = {
    { "title", template->title_ar, template->title_en },
    { "body", template->body_ar, template->body_en },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      json_builder_set_member_name (builder, pairs[i][0]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ar");
      json_builder_add_string_value (builder, pairs[i][1]);
      json_builder_set_member_name (builder, "en");
      json_builder_add_string_value (builder, pairs[i][2]);
      json_builder_end_object (builder);
    }
  if (with_position)
    {
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, template->position);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The Idempotency-Key of a call: the same call again (a retry after a lost
 * answer) has the same key and gets the first answer; any other call, even
 * with the same body on another version, has another. */
static char *
idempotency_key (const char *method,
                 const char *path,
                 const char *if_match,
                 const char *body)
{
  g_autofree char *text = g_strjoin ("\n", method, path, if_match != NULL ? if_match : "", body != NULL ? body : "", NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* The first error of a refusal, as "field: description" or the
 * description alone; @field gets the field. */
static char *
describe_refusal (JsonNode  *answer,
                  char     **field)
{
  JsonObject *object = answer != NULL && JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  JsonNode *errors = object != NULL ? json_object_get_member (object, "errors") : NULL;
  JsonNode *first;
  const char *description, *name;

  if (errors == NULL || !JSON_NODE_HOLDS_ARRAY (errors) || json_array_get_length (json_node_get_array (errors)) == 0)
    return g_strdup ("The server refused the change");

  first = json_array_get_element (json_node_get_array (errors), 0);
  object = JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;
  description = get_string (object, "description", 500);
  name = get_string (object, "field", 100);
  if (field != NULL)
    *field = g_strdup (name);

  if (description == NULL)
    return g_strdup ("The server refused the change");
  return name != NULL ? g_strdup_printf ("%s: %s", name, description) : g_strdup (description);
}

/* Handles what a write answered: stores the template of a 200 or 201, or
 * the current one of a 412, and turns refusals into errors. */
static BaladiReplyTemplate *
finish_write (BaladiStore  *store,
              JsonNode     *answer,
              guint         status,
              char        **field,
              GError      **error)
{
  g_autoptr(BaladiReplyTemplate) template = NULL;
  g_autofree char *refusal = NULL;

  switch (status)
    {
    case SOUP_STATUS_OK:
    case SOUP_STATUS_CREATED:
      template = baladi_reply_template_from_json (answer, error);
      if (template == NULL)
        return NULL;
      if (!baladi_store_put_reply_template (store, template, error))
        return NULL;
      return g_steal_pointer (&template);

    case SOUP_STATUS_PRECONDITION_FAILED:
      /* Someone changed it first: the cache takes theirs, the caller keeps
       * its text to merge by hand. */
      template = baladi_reply_template_from_json (JSON_NODE_HOLDS_OBJECT (answer)
                                                  ? json_object_get_member (json_node_get_object (answer), "current")
                                                  : NULL, error);
      if (template == NULL || !baladi_store_put_reply_template (store, template, error))
        return NULL;
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_STALE,
                   "Someone changed this template since it was read");
      return NULL;

    case SOUP_STATUS_UNAUTHORIZED:
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "The server no longer accepts this sign-in");
      return NULL;

    case SOUP_STATUS_FORBIDDEN:
    case SOUP_STATUS_NOT_FOUND:
    case SOUP_STATUS_CONFLICT:
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      refusal = describe_refusal (answer, field);
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_REFUSED, "%s", refusal);
      return NULL;

    default:
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "The server answered HTTP %u", status);
      return NULL;
    }
}

/**
 * baladi_sync_client_save_template:
 * @template: the template to save: with its id and version to change it,
 *   with a %NULL id to create it (the server chooses the id, and puts it
 *   last)
 * @field: (out) (optional) (nullable): the field the server refused, e.g.
 *   "body.en"
 *
 * Sends @template to the server now and stores what it answers. A stale
 * version fails with %BALADI_SYNC_ERROR_STALE, after the cache took the
 * server's current template; a refusal with %BALADI_SYNC_ERROR_REFUSED.
 *
 * Returns: (transfer full) (nullable): the template as the server has it
 */
BaladiReplyTemplate *
baladi_sync_client_save_template (BaladiSyncClient           *self,
                                  BaladiStore                *store,
                                  const BaladiReplyTemplate  *template,
                                  char                      **field,
                                  GCancellable               *cancellable,
                                  GError                    **error)
{
  g_autofree char *path = NULL;
  g_autofree char *if_match = NULL;
  g_autofree char *body = NULL;
  g_autofree char *key = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status = 0;

  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), NULL);
  g_return_val_if_fail (template != NULL, NULL);

  if (field != NULL)
    *field = NULL;

  if (template->id == NULL)
    {
      path = g_strdup ("/api/v1/templates");
      body = template_body (template, FALSE);
    }
  else
    {
      path = g_strconcat ("/api/v1/templates/", template->id, NULL);
      if_match = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", template->version);
      body = template_body (template, TRUE);
    }
  key = idempotency_key ("POST", path, if_match, body);

  answer = baladi_sync_client_call (self, "POST", path, body, if_match, key, &status, NULL, cancellable, error);
  if (answer == NULL)
    return NULL;

  return finish_write (store, answer, status, field, error);
}

/**
 * baladi_sync_client_delete_template:
 * @version: the version the supervisor saw
 *
 * Deletes the template on the server and then from the cache; one the
 * server no longer has is deleted from the cache too.
 */
gboolean
baladi_sync_client_delete_template (BaladiSyncClient  *self,
                                    BaladiStore       *store,
                                    const char        *id,
                                    gint64             version,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *if_match = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(BaladiReplyTemplate) current = NULL;
  guint status = 0;

  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (baladi_template_id_is_valid (id), FALSE);

  path = g_strconcat ("/api/v1/templates/", id, NULL);
  if_match = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);
  key = idempotency_key ("DELETE", path, if_match, NULL);

  raw = baladi_sync_client_call_raw (self, "DELETE", path, NULL, if_match, key, &status, cancellable, error);
  if (raw == NULL)
    return FALSE;
  /* Gone already, deleted by someone else: what was asked is done. */
  if (status == SOUP_STATUS_NO_CONTENT || status == SOUP_STATUS_NOT_FOUND)
    return baladi_store_delete_reply_template (store, id, error);

  answer = baladi_sync_parse (raw, error);
  if (answer == NULL)
    return FALSE;
  current = finish_write (store, answer, status, NULL, error);
  /* Only 204 means deleted; anything finish_write() took is an error. */
  if (current != NULL)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "The server answered HTTP %u to a deletion", status);
      return FALSE;
    }

  return FALSE;
}
