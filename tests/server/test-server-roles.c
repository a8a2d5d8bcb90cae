/* test-server-roles.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every role against every staff endpoint, on a request of the Capital
 * Secretariat: who may read, who may write, and what the others get. A
 * fresh server per user keeps each user's writes from changing what the
 * next user sees. */

#include "config.h"

#include "baladi-test-server.h"

/* Expected statuses, in the order of the calls in check_user(). 422 means
 * the role may make the call but this body is refused; 412 that the role
 * passed every check up to the version. */
static const struct {
  const char *user;
  guint       status[13];
} matrix[] = {
  /*                        lookups changes get  file  reply note status assign merge transfer svc-get svc-edit other-mun */
  { "clerk.capital",      { 200,    200,    200, 201,  200,  200, 200,   200,   422,  200,     200,    403,     403 } },
  { "supervisor.capital", { 200,    200,    200, 201,  200,  200, 200,   200,   422,  200,     200,    403,     403 } },
  { "clerk.muharraq",     { 200,    200,    404, 403,  404,  404, 404,   404,   404,     404,  200,    403,     201 } },
  { "supervisor.north-south", { 200, 200,   404, 403,  404,  404, 404,   404,   404,     404,  200,    403,     403 } },
  { "director",           { 200,    200,    200, 403,  403,  200, 403,   403,   403,     403,  200,    403,     403 } },
  { "editor",             { 200,    200,    404, 403,  404,  404, 404,   404,   404,     404,  200,    200,     403 } },
};

static char *
request_body (const char *municipality)
{
  g_autofree char *id = g_uuid_string_random ();

  return g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                          "\"municipality\": \"%s\", \"channel\": \"hotline\", \"subject\": \"Bench\", "
                          "\"description\": \"The bench in the park is broken.\", \"citizen\": {\"name\": \"Ali\"}}",
                          id, municipality);
}

static void
check_user (guint row)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *owner = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *token = baladi_test_server_login (server, matrix[row].user);
  g_autofree char *target_body = request_body ("capital");
  g_autofree char *own_body = request_body ("capital");
  g_autofree char *other_body = request_body ("muharraq");
  g_autofree char *file_body = request_body ("capital");
  g_autoptr(JsonNode) target = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autofree char *base = NULL;
  g_autofree char *assign = g_strdup_printf ("{\"assignee\": \"%s\"}", matrix[row].user);
  struct {
    const char *method;
    char       *path;
    const char *body;
  } calls[13];
  guint n = 0;

  /* Two Capital requests filed by its clerk: the one acted on, and one
   * that makes the feed and the scope tests meaningful. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", owner, NULL, "own-1", target_body, -1, &target, NULL), ==, 201);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", owner, NULL, "own-2", own_body, -1, &other, NULL), ==, 201);
  base = g_strdup_printf ("/api/v1/requests/%s", json_object_get_string_member (json_node_get_object (target), "id"));

#define CALL(m, p, b) calls[n].method = m; calls[n].path = p; calls[n].body = b; n++
  CALL ("GET", g_strdup ("/api/v1/lookups"), NULL);
  CALL ("GET", g_strdup ("/api/v1/changes"), NULL);
  CALL ("GET", g_strdup (base), NULL);
  CALL ("POST", g_strdup ("/api/v1/requests"), file_body);
  CALL ("POST", g_strconcat (base, "/replies", NULL), "{\"body\": \"شكرًا لتواصلكم\"}");
  CALL ("POST", g_strconcat (base, "/notes", NULL), "{\"body\": \"ملاحظة داخلية\"}");
  CALL ("POST", g_strconcat (base, "/status", NULL), "{\"status\": \"in_progress\"}");
  CALL ("POST", g_strconcat (base, "/assign", NULL), assign);
  /* Merging into a request that does not exist: allowed roles get 422. */
  CALL ("POST", g_strconcat (base, "/merge", NULL), "{\"into\": \"00000000-0000-4000-8000-000000000000\"}");
  CALL ("POST", g_strconcat (base, "/transfer", NULL), "{\"municipality\": \"southern\", \"reason\": \"يتبع الجنوبية\"}");
  CALL ("GET", g_strdup ("/api/v1/services/TST-002"), NULL);
  CALL ("POST", g_strdup ("/api/v1/services/TST-002"), "{\"e_service\": true}");
  CALL ("POST", g_strdup ("/api/v1/requests"), other_body);
#undef CALL
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (matrix[row].status));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("matrix-%u", i);
      guint status;

      /* Each write goes on the version the previous one left: v1, v2, … */
      g_autoptr(JsonNode) current = NULL;
      g_autofree char *if_match = NULL;

      if (baladi_test_server_call (server, "GET", base, owner, NULL, NULL, NULL, 0, &current, NULL) == 200)
        if_match = g_strdup_printf ("\"v%s\"", json_object_get_string_member (json_node_get_object (current), "version"));
      if (g_str_has_prefix (calls[i].path, "/api/v1/services/"))
        {
          g_free (if_match);
          if_match = g_strdup ("\"v1\"");
        }

      status = baladi_test_server_call (server, calls[i].method, calls[i].path, token, if_match, key,
                                        calls[i].body, -1, NULL, NULL);
      if (status != matrix[row].status[i])
        g_error ("%s: %s %s answered %u, expected %u", matrix[row].user, calls[i].method, calls[i].path,
                 status, matrix[row].status[i]);
      g_free (calls[i].path);
    }
}

static void
test_role (gconstpointer data)
{
  check_user (GPOINTER_TO_UINT (data));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (matrix); i++)
    {
      g_autofree char *name = g_strdup_printf ("/server-roles/%s", matrix[i].user);

      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_role);
    }

  return g_test_run ();
}
