/* test-server-faults.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The misbehaviour baladi-server can be asked for, so that clients can be
 * tested against it: each injected fault really happens, and the rate
 * limit answers 429 with Retry-After. */

#include "config.h"

#include "baladi-test-server.h"

static BaladiTestServer *
start_with_faults (const char *spec)
{
  const char *args[] = { "--rate-limit", "0", "--faults", spec, NULL };

  return baladi_test_server_start_with (args);
}

static void
test_errors (void)
{
  g_autoptr(BaladiTestServer) server = start_with_faults ("error-rate=1");
  g_autoptr(SoupMessageHeaders) headers = NULL;

  /* A crash, then an overload with Retry-After, and so on. */
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", NULL, NULL, NULL, NULL, 0, NULL, NULL), ==, 500);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", NULL, NULL, NULL, NULL, 0, NULL, &headers), ==, 503);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Retry-After"), ==, "1");
}

static void
test_truncate (void)
{
  g_autoptr(BaladiTestServer) server = start_with_faults ("truncate-rate=1");
  g_autoptr(JsonNode) json = NULL;

  /* The login happens, but its answer is cut in half. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/login", NULL, NULL, NULL,
                                             "{\"username\": \"director\", \"password\": \"Baladi#2026\"}", -1,
                                             &json, NULL), ==, 200);
  g_assert_null (json);
}

static void
test_drop (void)
{
  g_autoptr(BaladiTestServer) server = start_with_faults ("drop-rate=1");
  g_autofree char *log = NULL;

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/login", NULL, NULL, NULL,
                                             "{\"username\": \"director\", \"password\": \"Baladi#2026\"}", -1,
                                             NULL, NULL), ==, 0);
  /* The server did handle it: only the answer was lost. */
  log = baladi_test_server_get_log (server);
  g_assert_nonnull (strstr (log, "POST /api/v1/login 200"));
}

static void
test_delay (void)
{
  g_autoptr(BaladiTestServer) server = start_with_faults ("delay=300ms");
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", NULL, NULL, NULL, NULL, 0, NULL, NULL), ==, 401);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
}

static void
test_stale_cursor (void)
{
  g_autoptr(BaladiTestServer) server = start_with_faults ("stale-cursor-rate=1");
  g_autofree char *token = baladi_test_server_login (server, "director");
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;

  /* Without a cursor nothing can go stale. */
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/changes", token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  escaped = g_uri_escape_string (json_object_get_string_member (json_node_get_object (json), "cursor"), NULL, TRUE);
  path = g_strdup_printf ("/api/v1/changes?since=%s", escaped);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, NULL, NULL), ==, 410);
}

static void
test_seeded_rates (void)
{
  g_autoptr(BaladiTestServer) server = start_with_faults ("error-rate=0.3,seed=7");
  g_autoptr(BaladiTestServer) again = start_with_faults ("error-rate=0.3,seed=7");
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GString) second = g_string_new (NULL);
  guint n_faults = 0;

  /* About a third fail, and the same seed fails the same calls. */
  for (guint i = 0; i < 60; i++)
    {
      guint a = baladi_test_server_call (server, "GET", "/api/v1/lookups", NULL, NULL, NULL, NULL, 0, NULL, NULL);
      guint b = baladi_test_server_call (again, "GET", "/api/v1/lookups", NULL, NULL, NULL, NULL, 0, NULL, NULL);

      g_string_append_printf (first, "%u ", a);
      g_string_append_printf (second, "%u ", b);
      n_faults += a >= 500;
    }

  g_assert_cmpstr (first->str, ==, second->str);
  g_assert_cmpuint (n_faults, >=, 8);
  g_assert_cmpuint (n_faults, <=, 32);
}

static void
test_rate_limit (void)
{
  const char *args[] = { "--rate-limit", "2", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(SoupMessageHeaders) headers = NULL;
  guint n_ok = 0;
  guint status = 0;

  /* A burst of five seconds' worth (10 calls) goes through, then 429. */
  while (n_ok < 50)
    {
      g_clear_pointer (&headers, soup_message_headers_unref);
      status = baladi_test_server_call (server, "GET", "/api/v1/lookups", NULL, NULL, NULL, NULL, 0, NULL, &headers);
      if (status == 429)
        break;
      n_ok++;
    }

  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpuint (n_ok, >=, 9);
  g_assert_cmpuint (n_ok, <=, 11);
  g_assert_nonnull (soup_message_headers_get_one (headers, "Retry-After"));
  g_assert_cmpint (atoi (soup_message_headers_get_one (headers, "Retry-After")), >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-faults/errors", test_errors);
  g_test_add_func ("/server-faults/truncate", test_truncate);
  g_test_add_func ("/server-faults/drop", test_drop);
  g_test_add_func ("/server-faults/delay", test_delay);
  g_test_add_func ("/server-faults/stale-cursor", test_stale_cursor);
  g_test_add_func ("/server-faults/seeded-rates", test_seeded_rates);
  g_test_add_func ("/server-faults/rate-limit", test_rate_limit);

  return g_test_run ();
}
