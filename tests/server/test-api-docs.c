/* test-api-docs.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* docs/api.md is the contract of baladi-server. This test reads every
 * "### METHOD /path" heading of it, calls that endpoint on the real
 * server, and checks in the server's log that the call reached the route
 * the heading names and got an answer the documentation lists: a route
 * documented but not served, or served under another name, fails here. */

#include "config.h"

#include "baladi-test-server.h"

typedef struct {
  char *method;
  char *path;
} Endpoint;

static void
endpoint_free (Endpoint *endpoint)
{
  g_free (endpoint->method);
  g_free (endpoint->path);
  g_free (endpoint);
}

static GPtrArray *
documented_endpoints (GHashTable *documented_statuses)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *endpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) endpoint_free);

  g_assert_true (g_file_get_contents (g_getenv ("BALADI_API_DOCS"), &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autofree char *code = g_strndup (lines[i], 5);
      guint64 status;

      if (g_str_has_prefix (lines[i], "### GET /") || g_str_has_prefix (lines[i], "### POST /") ||
          g_str_has_prefix (lines[i], "### DELETE /"))
        {
          Endpoint *endpoint = g_new0 (Endpoint, 1);

          words = g_strsplit (lines[i] + 4, " ", 2);
          endpoint->method = g_strdup (words[0]);
          endpoint->path = g_strdup (words[1]);
          g_ptr_array_add (endpoints, endpoint);
        }
      /* The rows of the status code table: "| 404 | ...". */
      else if (g_str_has_prefix (code, "| ") &&
               g_ascii_string_to_unsigned (code + 2, 10, 100, 599, &status, NULL))
        {
          g_hash_table_add (documented_statuses, GUINT_TO_POINTER ((guint) status));
        }
    }

  return endpoints;
}

static void
test_every_documented_endpoint (void)
{
  const char *args[] = { "--rate-limit", "0", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(GHashTable) statuses = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) endpoints = documented_endpoints (statuses);
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                                           "\"municipality\": \"capital\", \"channel\": \"walk_in\", "
                                           "\"subject\": \"Broken bench\", \"description\": \"The bench is broken.\", "
                                           "\"citizen\": {\"name\": \"Ali\"}}", id);
  g_autoptr(JsonNode) created = NULL;
  g_autofree char *log = NULL;
  const char *reference;

  /* 200, 201 and 204 are not in the error table, and are fine. */
  g_hash_table_add (statuses, GUINT_TO_POINTER (200));
  g_hash_table_add (statuses, GUINT_TO_POINTER (201));
  g_assert_cmpuint (g_hash_table_size (statuses), >=, 10);
  g_assert_cmpuint (endpoints->len, >=, 15);

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, "docs-0",
                                             body, -1, &created, NULL), ==, 201);
  reference = json_object_get_string_member (json_node_get_object (created), "reference");

  for (guint i = 0; i < endpoints->len; i++)
    {
      Endpoint *endpoint = g_ptr_array_index (endpoints, i);
      g_autoptr(GString) path = g_string_new (endpoint->path);
      g_autofree char *key = g_strdup_printf ("docs-%u", i + 1);
      gboolean open311 = g_str_has_prefix (endpoint->path, "/open311/");
      guint status;

      g_string_replace (path, "{id}", open311 ? reference : id, 0);
      g_string_replace (path, "{code}", "street-lighting", 0);
      /* Bodies that the endpoint must refuse (or accept): either way the
       * call reaches its route. */
      status = baladi_test_server_call (server, endpoint->method, path->str, token, "\"v1\"", key,
                                        g_str_equal (endpoint->method, "POST") ? (open311 ? "x=1" : "{}") : NULL,
                                        -1, NULL, NULL);
      g_test_message ("%s %s → %u", endpoint->method, path->str, status);
      if (!g_hash_table_contains (statuses, GUINT_TO_POINTER (status)))
        g_error ("%s %s answered %u, which docs/api.md does not list", endpoint->method, endpoint->path, status);
    }

  log = baladi_test_server_get_log (server);
  for (guint i = 0; i < endpoints->len; i++)
    {
      Endpoint *endpoint = g_ptr_array_index (endpoints, i);
      g_autoptr(GString) route = g_string_new (endpoint->path);
      g_autofree char *line = NULL;

      /* The log names Open311 routes without their format. */
      g_string_replace (route, ".json", "", 0);
      line = g_strdup_printf ("%s %s ", endpoint->method, route->str);
      if (strstr (log, line) == NULL)
        g_error ("docs/api.md documents %s %s, but the server never routed a call there", endpoint->method, endpoint->path);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-docs/every-documented-endpoint", test_every_documented_endpoint);

  return g_test_run ();
}
