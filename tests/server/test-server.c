/* test-server.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The staff API of the real baladi-server, over HTTP on loopback: logins,
 * every role against every endpoint, the changes feed and its cursors,
 * conditional and idempotent writes, and bad input of every kind. */

#include "config.h"

#include "baladi-test-server.h"

static BaladiTestServer *server;
static char *request_id;

#define CAPITAL_REQUEST \
  "{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"street-lighting\", " \
  "\"municipality\": \"%s\", \"channel\": \"hotline\", \"subject\": \"إنارة معطلة\", " \
  "\"description\": \"عمود الإنارة في طريق 1234 لا يعمل منذ أسبوع\", " \
  "\"citizen\": {\"name\": \"حسن علي\", \"phone\": \"+973 3612 3456\", \"cpr\": \"880112345\"}, " \
  "\"address\": {\"road\": \"1234\", \"block\": \"312\", \"area\": \"الحورة\", " \
  "\"latitude\": 26.22, \"longitude\": 50.59}}"

static JsonObject *
object_of (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

/* The "field" members of the errors of a 422 answer, comma-separated. */
static char *
error_fields (JsonNode *node)
{
  JsonArray *errors = json_object_get_array_member (object_of (node), "errors");
  GString *fields = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *error = json_array_get_object_element (errors, i);

      g_string_append_printf (fields, "%s%s", i > 0 ? "," : "",
                              json_object_get_string_member_with_default (error, "field", ""));
    }

  return g_string_free (fields, FALSE);
}

static const char *
first_error_code (JsonNode *node)
{
  JsonArray *errors = json_object_get_array_member (object_of (node), "errors");

  return json_object_get_string_member (json_array_get_object_element (errors, 0), "code");
}

static void
test_login (void)
{
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");

  g_assert_cmpuint (strlen (token), ==, 64);

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/login", NULL, NULL, NULL,
                                             "{\"username\": \"clerk.capital\", \"password\": \"wrong\"}", -1,
                                             &json, NULL), ==, 401);
  g_assert_cmpstr (first_error_code (json), ==, "invalid_credentials");
  g_clear_pointer (&json, json_node_unref);

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/login", NULL, NULL, NULL,
                                             "{\"username\": \"nobody\", \"password\": \"Baladi#2026\"}", -1,
                                             NULL, NULL), ==, 401);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/login", NULL, NULL, NULL,
                                             "{\"username\": \"clerk.capital\"}", -1, NULL, NULL), ==, 422);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/login", NULL, NULL, NULL,
                                             "{\"username\": 7, \"password\": \"x\"}", -1, NULL, NULL), ==, 422);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/login", NULL, NULL, NULL,
                                             NULL, 0, NULL, NULL), ==, 405);
}

static void
test_unauthorized (void)
{
  static const char *paths[] = { "/api/v1/lookups", "/api/v1/changes",
                                 "/api/v1/requests/00000000-0000-4000-8000-000000000000" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_cmpuint (baladi_test_server_call (server, "GET", paths[i], NULL, NULL, NULL, NULL, 0, NULL, NULL), ==, 401);
      /* A well-formed token this server never issued. */
      g_assert_cmpuint (baladi_test_server_call (server, "GET", paths[i],
                                                 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                                                 NULL, NULL, NULL, 0, NULL, NULL), ==, 401);
      g_assert_cmpuint (baladi_test_server_call (server, "GET", paths[i], "short", NULL, NULL, NULL, 0, NULL, NULL), ==, 401);
    }
}

static void
test_lookups (void)
{
  g_autofree char *token = baladi_test_server_login (server, "clerk.northern");
  g_autoptr(JsonNode) json = NULL;
  JsonObject *lookups;
  JsonObject *first_category;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  lookups = object_of (json);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lookups, "municipalities")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lookups, "sectors")), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lookups, "categories")), ==, 16);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lookups, "channels")), ==, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lookups, "staff")), ==, 8);

  first_category = json_array_get_object_element (json_object_get_array_member (lookups, "categories"), 0);
  /* Numbers that matter travel as strings. */
  g_assert_nonnull (json_object_get_string_member (first_category, "sla_value"));
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (first_category, "name"), "ar"));
}

/* The names of the catalogue's categories come from its files: the
 * fixture names one of the two its services use. */
static void
test_service_categories (void)
{
  g_autofree char *token = baladi_test_server_login (server, "clerk.northern");
  g_autoptr(JsonNode) json = NULL;
  JsonArray *list;
  JsonObject *category;
  JsonObject *name;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  list = json_object_get_array_member (object_of (json), "service_categories");
  g_assert_nonnull (list);
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  category = json_array_get_object_element (list, 0);
  g_assert_cmpuint (json_object_get_size (category), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (category, "code"), ==, "building-licensing");
  g_assert_cmpstr (json_object_get_string_member (category, "sector"), ==, "municipalities");
  name = json_object_get_object_member (category, "name");
  g_assert_cmpuint (json_object_get_size (name), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (name, "ar"), ==, "تراخيص البناء");
  g_assert_cmpstr (json_object_get_string_member (name, "en"), ==, "Building Licences");
}

static void
test_create_request (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *editor = baladi_test_server_login (server, "editor");
  g_autofree char *body = NULL;
  g_autofree char *other_body = NULL;
  g_autofree char *muharraq_body = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) replay = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  JsonObject *request;
  JsonArray *events;

  request_id = g_uuid_string_random ();
  body = g_strdup_printf (CAPITAL_REQUEST, request_id, "capital");

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "create-1",
                                             body, -1, &json, NULL), ==, 201);
  request = object_of (json);
  g_assert_cmpstr (json_object_get_string_member (request, "id"), ==, request_id);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (request, "reference"), "CAP-"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (request, "reference"), "-000001"));
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (request, "sector"), ==, "municipalities");
  g_assert_cmpstr (json_object_get_string_member (request, "version"), ==, "1");
  g_assert_nonnull (json_object_get_string_member (request, "due_at"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (request, "citizen"), "cpr"), ==, "880112345");
  events = json_object_get_array_member (request, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "kind"), ==, "created");

  /* The same call again: the first answer, and nothing filed twice. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "create-1",
                                             body, -1, &replay, &headers), ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Idempotent-Replay"), ==, "true");
  first = json_to_string (json, FALSE);
  second = json_to_string (replay, FALSE);
  g_assert_cmpstr (first, ==, second);

  /* The same key for another call is refused. */
  other_body = g_strdup_printf (CAPITAL_REQUEST, "5d0c5e9e-2f55-4b3b-9f1e-3f2a2b1c0d9e", "capital");
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "create-1",
                                             other_body, -1, &json, NULL), ==, 422);
  g_assert_cmpstr (first_error_code (json), ==, "idempotency_key_reused");

  /* The same id under another key is a conflict, not a second request. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "create-2",
                                             body, -1, NULL, NULL), ==, 409);

  /* Writes need an Idempotency-Key. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, NULL,
                                             other_body, -1, NULL, NULL), ==, 400);

  /* Out of scope, and the wrong role. */
  muharraq_body = g_strdup_printf (CAPITAL_REQUEST, "7b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", "muharraq");
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "create-3",
                                             muharraq_body, -1, NULL, NULL), ==, 403);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", editor, NULL, "create-4",
                                             other_body, -1, NULL, NULL), ==, 403);
}

static void
test_validation (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *fields = NULL;
  const char *bad =
    "{\"id\": \"NOT-A-UUID\", \"type\": \"complaint\", \"category\": \"no-such-category\", "
    "\"municipality\": \"capital\", \"channel\": \"pigeon\", \"subject\": \"  \", "
    "\"description\": \"x\", \"colour\": \"red\", "
    "\"citizen\": {\"name\": \"Ali\", \"phone\": \"12\", \"cpr\": \"12345\", \"email\": \"nope\", \"age\": 3}, "
    "\"address\": {\"latitude\": 40.1, \"longitude\": 50.5}}";

  /* An unknown member stops parsing before anything else is checked. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "bad-1",
                                             bad, -1, &json, NULL), ==, 422);
  fields = error_fields (json);
  g_assert_cmpstr (fields, ==, "colour");

  g_clear_pointer (&json, json_node_unref);
  g_clear_pointer (&fields, g_free);
  {
    g_autofree char *known = g_strdup (bad);
    char *colour = strstr (known, "\"colour\": \"red\", ");

    memset (colour, ' ', strlen ("\"colour\": \"red\", "));
    g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", clerk, NULL, "bad-2",
                                               known, -1, &json, NULL), ==, 422);
  }
  fields = error_fields (json);
  g_assert_cmpstr (fields, ==, "id,channel,category,subject,citizen.age,citizen.phone,citizen.email,"
                               "citizen.cpr,address");
}

static void
test_roles_and_scope (void)
{
  struct {
    const char *user;
    guint       status;
  } readers[] = {
    { "clerk.capital", 200 },
    { "supervisor.capital", 200 },
    { "director", 200 },
    { "clerk.muharraq", 404 },
    { "supervisor.north-south", 404 },
    { "editor", 404 },
  };
  g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", request_id);

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autofree char *token = baladi_test_server_login (server, readers[i].user);

      g_test_message ("%s reads a Capital request", readers[i].user);
      g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, NULL, NULL), ==,
                        readers[i].status);
    }
}

static void
test_writes (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *director = baladi_test_server_login (server, "director");
  g_autofree char *other = baladi_test_server_login (server, "clerk.muharraq");
  g_autofree char *replies = g_strdup_printf ("/api/v1/requests/%s/replies", request_id);
  g_autofree char *notes = g_strdup_printf ("/api/v1/requests/%s/notes", request_id);
  g_autofree char *status = g_strdup_printf ("/api/v1/requests/%s/status", request_id);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  JsonObject *request;
  JsonArray *events;

  /* No If-Match, then a reply on the current version. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", replies, clerk, NULL, "w-1",
                                             "{\"body\": \"شكرًا لتواصلكم، تم إبلاغ الفريق المختص\"}", -1, NULL, NULL), ==, 428);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", replies, clerk, "\"v1\"", "w-2",
                                             "{\"body\": \"شكرًا لتواصلكم، تم إبلاغ الفريق المختص\"}", -1, &json, &headers), ==, 200);
  request = object_of (json);
  g_assert_cmpstr (json_object_get_string_member (request, "version"), ==, "2");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, "\"v2\"");
  g_assert_nonnull (json_object_get_string_member (request, "first_reply_at"));

  /* A stale version gets 412 and the current request to merge with. */
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", replies, clerk, "\"v1\"", "w-3",
                                             "{\"body\": \"رد آخر\"}", -1, &json, NULL), ==, 412);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (json), "current"), "version"), ==, "2");

  /* Directors may note but not reply; clerks out of scope see nothing. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", replies, director, "\"v2\"", "w-4",
                                             "{\"body\": \"x\"}", -1, NULL, NULL), ==, 403);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, director, "\"v2\"", "w-5",
                                             "{\"body\": \"يرجى المتابعة مع المقاول\"}", -1, NULL, NULL), ==, 200);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, other, "\"v3\"", "w-6",
                                             "{\"body\": \"x\"}", -1, NULL, NULL), ==, 404);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, clerk, "\"v3\"", "w-7",
                                             "{\"body\": \"   \"}", -1, NULL, NULL), ==, 422);

  /* The workflow: new → waiting is not allowed, new → in progress is;
   * waiting needs a reason. */
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", status, clerk, "\"v3\"", "w-8",
                                             "{\"status\": \"waiting_citizen\", \"reason\": \"صورة\"}", -1, &json, NULL), ==, 422);
  g_assert_cmpstr (first_error_code (json), ==, "transition_not_allowed");
  g_assert_cmpuint (baladi_test_server_call (server, "POST", status, clerk, "\"v3\"", "w-9",
                                             "{\"status\": \"in_progress\"}", -1, NULL, NULL), ==, 200);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", status, clerk, "\"v4\"", "w-10",
                                             "{\"status\": \"waiting_citizen\"}", -1, NULL, NULL), ==, 422);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", status, clerk, "\"v4\"", "w-11",
                                             "{\"status\": \"waiting_citizen\", \"reason\": \"نحتاج صورة للعمود\"}", -1, NULL, NULL), ==, 200);
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", status, clerk, "\"v5\"", "w-12",
                                             "{\"status\": \"answered\"}", -1, &json, NULL), ==, 200);

  request = object_of (json);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "answered");
  events = json_object_get_array_member (request, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 6);
  /* Replies and internal notes are told apart by kind and by visibility. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "kind"), ==, "reply");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (events, 1), "public"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2), "kind"), ==, "internal_note");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (events, 2), "public"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 4), "reason"), ==, "نحتاج صورة للعمود");
}

static guint
count_feed (const char *token,
            guint       limit,
            guint      *n_requests,
            guint      *n_pages)
{
  g_autofree char *cursor = NULL;
  gboolean has_more = TRUE;
  guint total = 0;

  *n_requests = 0;
  *n_pages = 0;
  while (has_more)
    {
      g_autofree char *path = NULL;
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;
      g_autoptr(JsonNode) json = NULL;
      JsonObject *page;
      JsonArray *changes;

      path = escaped != NULL
             ? g_strdup_printf ("/api/v1/changes?limit=%u&since=%s", limit, escaped)
             : g_strdup_printf ("/api/v1/changes?limit=%u", limit);
      g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
      page = object_of (json);
      changes = json_object_get_array_member (page, "changes");
      g_assert_cmpuint (json_array_get_length (changes), <=, limit);
      for (guint i = 0; i < json_array_get_length (changes); i++)
        *n_requests += g_str_equal (json_object_get_string_member (json_array_get_object_element (changes, i), "kind"), "request");
      total += json_array_get_length (changes);
      has_more = json_object_get_boolean_member (page, "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "cursor"));
      (*n_pages)++;
      g_assert_cmpuint (*n_pages, <, 100);
    }

  return total;
}

static void
test_changes_feed (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *other = baladi_test_server_login (server, "clerk.muharraq");
  g_autofree char *editor = baladi_test_server_login (server, "editor");
  g_autoptr(JsonNode) json = NULL;
  guint n_requests, n_pages;

  /* Two services and the one Capital request, a page of one at a time:
   * the last page says there is no more. */
  g_assert_cmpuint (count_feed (clerk, 1, &n_requests, &n_pages), ==, 3);
  g_assert_cmpuint (n_requests, ==, 1);
  g_assert_cmpuint (n_pages, ==, 3);
  g_assert_cmpuint (count_feed (clerk, 500, &n_requests, &n_pages), ==, 3);
  g_assert_cmpuint (n_pages, ==, 1);

  /* Scope: nothing of the Capital for Muharraq, no requests for the editor. */
  g_assert_cmpuint (count_feed (other, 500, &n_requests, &n_pages), ==, 2);
  g_assert_cmpuint (n_requests, ==, 0);
  g_assert_cmpuint (count_feed (editor, 500, &n_requests, &n_pages), ==, 2);
  g_assert_cmpuint (n_requests, ==, 0);

  /* Cursors: forged, foreign, and silly limits. */
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/changes?since=bm90LmEuY3Vyc29y", clerk,
                                             NULL, NULL, NULL, 0, &json, NULL), ==, 400);
  g_clear_pointer (&json, json_node_unref);
  {
    g_autofree char *foreign = g_base64_encode ((const guchar *) "another-epoch.5.0123456789abcdef", 32);
    g_autofree char *escaped = g_uri_escape_string (foreign, NULL, TRUE);
    g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%s", escaped);

    g_assert_cmpuint (baladi_test_server_call (server, "GET", path, clerk, NULL, NULL, NULL, 0, &json, NULL), ==, 410);
    g_assert_cmpstr (first_error_code (json), ==, "cursor_expired");
  }
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/changes?limit=0", clerk, NULL, NULL, NULL, 0, NULL, NULL), ==, 400);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/changes?limit=1000000", clerk, NULL, NULL, NULL, 0, NULL, NULL), ==, 400);
}

/* Reads the whole feed of @token after @cursor; returns the last cursor
 * and adds "kind:id-or-reference" strings to @seen. */
static char *
read_feed (const char *token,
           const char *cursor,
           GPtrArray  *seen)
{
  g_autofree char *position = g_strdup (cursor);
  gboolean has_more = TRUE;

  while (has_more)
    {
      g_autofree char *escaped = position != NULL ? g_uri_escape_string (position, NULL, TRUE) : NULL;
      g_autofree char *path = escaped != NULL ? g_strdup_printf ("/api/v1/changes?since=%s", escaped)
                                              : g_strdup ("/api/v1/changes");
      g_autoptr(JsonNode) json = NULL;
      JsonArray *changes;

      g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
      changes = json_object_get_array_member (object_of (json), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);
          const char *kind = json_object_get_string_member (change, "kind");
          const char *key = g_str_equal (kind, "removed")
                            ? json_object_get_string_member (change, "id")
                            : g_str_equal (kind, "request")
                            ? json_object_get_string_member (json_object_get_object_member (change, "entity"), "id")
                            : json_object_get_string_member (json_object_get_object_member (change, "entity"), "code");

          g_ptr_array_add (seen, g_strdup_printf ("%s:%s", kind, key));
        }
      has_more = json_object_get_boolean_member (object_of (json), "has_more");
      g_free (position);
      position = g_strdup (json_object_get_string_member (object_of (json), "cursor"));
    }

  return g_steal_pointer (&position);
}

static gboolean
seen_has (GPtrArray  *seen,
          const char *kind,
          const char *id)
{
  g_autofree char *wanted = g_strdup_printf ("%s:%s", kind, id);

  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (g_ptr_array_index (seen, i), wanted))
      return TRUE;

  return FALSE;
}

static char *
file_request (const char *token,
              const char *key)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf (CAPITAL_REQUEST, id, "capital");

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, key,
                                             body, -1, NULL, NULL), ==, 201);
  return g_steal_pointer (&id);
}

static guint
write_to (const char  *token,
          const char  *id,
          const char  *action,
          const char  *version,
          const char  *key,
          const char  *body,
          JsonNode   **json)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s/%s", id, action);
  g_autofree char *if_match = g_strdup_printf ("\"v%s\"", version);

  return baladi_test_server_call (server, "POST", path, token, if_match, key, body, -1, json, NULL);
}

static void
test_assign_merge_transfer (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *supervisor = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *northern = baladi_test_server_login (server, "clerk.northern");
  g_autofree char *original = file_request (clerk, "amt-1");
  g_autofree char *duplicate = file_request (clerk, "amt-2");
  g_autofree char *clerk_cursor = NULL;
  g_autofree char *northern_cursor = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", original);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) json = NULL;
  JsonObject *request;

  /* A clerk takes work for himself only; a supervisor hands it out within
   * the municipality. */
  g_assert_cmpuint (write_to (clerk, original, "assign", "1", "amt-3", "{\"assignee\": \"clerk.muharraq\"}", NULL), ==, 422);
  g_assert_cmpuint (write_to (clerk, original, "assign", "1", "amt-4", "{\"assignee\": \"clerk.capital\"}", &json), ==, 200);
  request = object_of (json);
  g_assert_cmpstr (json_object_get_string_member (request, "assignee"), ==, "clerk.capital");
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "assigned");
  g_assert_cmpuint (write_to (supervisor, original, "assign", "2", "amt-5", "{\"assignee\": \"clerk.northern\"}", NULL), ==, 422);
  g_assert_cmpuint (write_to (supervisor, original, "assign", "2", "amt-6", "{\"assignee\": \"supervisor.capital\"}", NULL), ==, 200);

  /* The duplicate closes into the original, whose history records it. */
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (write_to (clerk, duplicate, "merge", "1", "amt-7", "{\"into\": \"not-an-id\"}", NULL), ==, 422);
  g_assert_cmpuint (write_to (clerk, duplicate, "merge", "1", "amt-8", "{\"into\": \"00000000-0000-4000-8000-000000000000\"}", NULL), ==, 422);
  {
    g_autofree char *into_self = g_strdup_printf ("{\"into\": \"%s\"}", duplicate);
    g_autofree char *into = g_strdup_printf ("{\"into\": \"%s\", \"reason\": \"نفس العمود\"}", original);

    g_assert_cmpuint (write_to (clerk, duplicate, "merge", "1", "amt-9", into_self, NULL), ==, 422);
    g_assert_cmpuint (write_to (clerk, duplicate, "merge", "1", "amt-10", into, &json), ==, 200);
    request = object_of (json);
    g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "closed");
    g_assert_cmpstr (json_object_get_string_member (request, "merged_into"), ==, original);
    g_assert_cmpuint (write_to (clerk, duplicate, "merge", "2", "amt-11", into, NULL), ==, 422);
  }
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, clerk, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (json), "version"), ==, "4");

  /* Both clerks are up to date before the transfer. */
  clerk_cursor = read_feed (clerk, NULL, seen);
  northern_cursor = read_feed (northern, NULL, seen);
  g_ptr_array_set_size (seen, 0);

  g_assert_cmpuint (write_to (clerk, original, "transfer", "4", "amt-12", "{\"municipality\": \"northern\"}", NULL), ==, 422);
  g_assert_cmpuint (write_to (clerk, original, "transfer", "4", "amt-13",
                              "{\"municipality\": \"capital\", \"reason\": \"x\"}", NULL), ==, 422);
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (write_to (clerk, original, "transfer", "4", "amt-14",
                              "{\"municipality\": \"northern\", \"reason\": \"الموقع يتبع المنطقة الشمالية\"}", &json), ==, 200);
  request = object_of (json);
  g_assert_cmpstr (json_object_get_string_member (request, "municipality"), ==, "northern");
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "new");
  g_assert_true (json_object_get_null_member (request, "assignee"));

  /* It left the Capital's scope and arrived in the Northern one. */
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, clerk, NULL, NULL, NULL, 0, NULL, NULL), ==, 404);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, northern, NULL, NULL, NULL, 0, NULL, NULL), ==, 200);

  g_free (read_feed (clerk, clerk_cursor, seen));
  g_assert_true (seen_has (seen, "removed", original));
  g_assert_false (seen_has (seen, "request", original));
  g_ptr_array_set_size (seen, 0);
  g_free (read_feed (northern, northern_cursor, seen));
  g_assert_true (seen_has (seen, "request", original));
  g_assert_false (seen_has (seen, "removed", original));
}

static void
test_bad_input (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *notes = g_strdup_printf ("/api/v1/requests/%s/notes", request_id);
  g_autofree char *huge = g_malloc (10 * 1024 * 1024 + 1);
  g_autofree char *deep = g_malloc (200001);
  g_autoptr(JsonNode) json = NULL;
  static const char *bad_ids[] = {
    "'%3B%20DROP%20TABLE%20requests%3B--", "..%2F..%2Fetc%2Fpasswd", "%00",
    "6A1C2D3E-4F50-4A6B-8C7D-9E0F1A2B3C4D",
  };

  /* A 10 MB body. */
  memset (huge, 'a', 10 * 1024 * 1024);
  huge[10 * 1024 * 1024] = '\0';
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, clerk, "\"v6\"", "b-1", huge, -1, NULL, NULL), ==, 413);

  /* Nesting that would overflow json-glib's stack. */
  memset (deep, '[', 200000);
  deep[200000] = '\0';
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, clerk, "\"v6\"", "b-2", deep, -1, &json, NULL), ==, 422);
  g_assert_cmpstr (first_error_code (json), ==, "too_deep");
  g_clear_pointer (&json, json_node_unref);

  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, clerk, "\"v6\"", "b-3",
                                             "{\"body\": \"\xff\xfe\"}", -1, &json, NULL), ==, 422);
  g_assert_cmpstr (first_error_code (json), ==, "invalid_utf8");
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, clerk, "\"v6\"", "b-4",
                                             "{\"body\": ", -1, &json, NULL), ==, 422);
  g_assert_cmpstr (first_error_code (json), ==, "invalid_json");
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, clerk, "\"v6\"", "b-5",
                                             "[\"body\"]", -1, NULL, NULL), ==, 422);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", notes, clerk, "\"v6\"", "b-6",
                                             "{\"body\": 12}", -1, NULL, NULL), ==, 422);

  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", bad_ids[i]);
      guint status = baladi_test_server_call (server, "GET", path, clerk, NULL, NULL, NULL, 0, NULL, NULL);

      /* libsoup itself refuses some paths with 400 before we see them. */
      g_test_message ("GET /api/v1/requests/%s → %u", bad_ids[i], status);
      g_assert_true (status == 404 || status == 400);
    }

  /* None of it changed the request. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", request_id);

    g_clear_pointer (&json, json_node_unref);
    g_assert_cmpuint (baladi_test_server_call (server, "GET", path, clerk, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
    g_assert_cmpstr (json_object_get_string_member (object_of (json), "version"), ==, "6");
  }
}

static void
test_catalogue (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *editor = baladi_test_server_login (server, "editor");
  g_autofree char *cursor = NULL;
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  const char *path = "/api/v1/services/TST-001";
  const char *fee = "{\"fees\": [{\"amount_bhd\": \"30.000\", \"label\": {\"ar\": \"رسم الطلب\", \"en\": \"Application fee\"}}]}";
  JsonObject *service;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, clerk, NULL, NULL, NULL, 0, &json, &headers), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, "\"v1\"");
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/services/NOP-404", clerk, NULL, NULL, NULL, 0, NULL, NULL), ==, 404);
  cursor = read_feed (clerk, NULL, seen);
  g_ptr_array_set_size (seen, 0);

  /* Only editors edit, on the current version, with well-formed fields. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, clerk, "\"v1\"", "cat-1", fee, -1, NULL, NULL), ==, 403);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, editor, NULL, "cat-2", fee, -1, NULL, NULL), ==, 428);
  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, editor, "\"v1\"", "cat-3",
                                             "{\"fees\": [{\"amount_bhd\": 30, \"label\": {\"ar\": \"x\", \"en\": \"x\"}}], "
                                             "\"name\": {\"ar\": \"اسم\"}, \"duration\": {\"value\": 0, \"unit\": \"days\"}, "
                                             "\"related\": [\"../etc\"]}", -1, &json, NULL), ==, 422);
  {
    g_autofree char *fields = error_fields (json);

    g_assert_nonnull (strstr (fields, "fees"));
    g_assert_nonnull (strstr (fields, "name"));
    g_assert_nonnull (strstr (fields, "duration"));
    g_assert_nonnull (strstr (fields, "related"));
  }
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, editor, "\"v1\"", "cat-4", "{}", -1, NULL, NULL), ==, 422);

  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, editor, "\"v1\"", "cat-5", fee, -1, &json, NULL), ==, 200);
  service = object_of (json);
  g_assert_cmpstr (json_object_get_string_member (service, "version"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (service, "fees"), 0),
                                                  "amount_bhd"), ==, "30.000");
  /* What the edit did not send is kept. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (service, "name"), "en"), ==, "Test building permit");

  g_clear_pointer (&json, json_node_unref);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, editor, "\"v1\"", "cat-6", fee, -1, &json, NULL), ==, 412);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (json), "current"), "version"), ==, "2");

  /* Every clerk's next sync brings the new version. */
  g_free (read_feed (clerk, cursor, seen));
  g_assert_true (seen_has (seen, "service", "TST-001"));
}

static void
test_log_is_clean (void)
{
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *log = baladi_test_server_get_log (server);

  /* One line per call, with route templates only. */
  g_assert_nonnull (strstr (log, "POST /api/v1/requests/{id}/replies 200"));
  g_assert_nonnull (strstr (log, "GET /api/v1/changes 200"));
  g_assert_null (strstr (log, token));
  g_assert_null (strstr (log, request_id));
  g_assert_null (strstr (log, "حسن"));
  g_assert_null (strstr (log, "3612"));
  g_assert_null (strstr (log, "880112345"));
  g_assert_null (strstr (log, "Baladi#2026"));
}


/* Waiting, back in progress and waiting again within one second: the
 * pause goes on rather than failing on a second pause of that second. */
static void
test_pause_twice_in_a_second (void)
{
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = file_request (clerk, "pause-0");
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (write_to (clerk, id, "status", "1", "pause-1", "{\"status\": \"in_progress\"}", NULL), ==, 200);
  g_assert_cmpuint (write_to (clerk, id, "status", "2", "pause-2",
                              "{\"status\": \"waiting_citizen\", \"reason\": \"صورة\"}", NULL), ==, 200);
  g_assert_cmpuint (write_to (clerk, id, "status", "3", "pause-3", "{\"status\": \"in_progress\"}", NULL), ==, 200);
  g_assert_cmpuint (write_to (clerk, id, "status", "4", "pause-4",
                              "{\"status\": \"waiting_citizen\", \"reason\": \"صورة أوضح\"}", NULL), ==, 200);
  g_assert_cmpuint (write_to (clerk, id, "status", "5", "pause-5", "{\"status\": \"in_progress\"}", &json), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "status"), ==, "in_progress");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = baladi_test_server_start ();

  g_test_add_func ("/server/login", test_login);
  g_test_add_func ("/server/unauthorized", test_unauthorized);
  g_test_add_func ("/server/lookups", test_lookups);
  g_test_add_func ("/server/service-categories", test_service_categories);
  g_test_add_func ("/server/create-request", test_create_request);
  g_test_add_func ("/server/validation", test_validation);
  g_test_add_func ("/server/roles-and-scope", test_roles_and_scope);
  g_test_add_func ("/server/writes", test_writes);
  g_test_add_func ("/server/changes-feed", test_changes_feed);
  g_test_add_func ("/server/assign-merge-transfer", test_assign_merge_transfer);
  g_test_add_func ("/server/pause-twice-in-a-second", test_pause_twice_in_a_second);
  g_test_add_func ("/server/bad-input", test_bad_input);
  g_test_add_func ("/server/catalogue", test_catalogue);
  g_test_add_func ("/server/log-is-clean", test_log_is_clean);

  ret = g_test_run ();

  baladi_test_server_stop (server);
  g_free (request_id);

  return ret;
}
