/* baladi-test-server.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Starts the real baladi-server binary of this build on a free loopback
 * port with a fresh database in a temporary directory, and calls it over
 * HTTP with libsoup, as a client would. */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "baladi-test-server.h"

struct _BaladiTestServer
{
  GSubprocess *process;
  SoupSession *session;
  char        *dir;
  char        *log_path;
  char        *base_uri;
};

/* A test that fails aborts without stopping its server: have the kernel
 * stop it when the test process goes away. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * baladi_test_server_start:
 *
 * Starts a server without a rate limit, for tests that make many calls.
 */
BaladiTestServer *
baladi_test_server_start (void)
{
  static const char *no_limit[] = { "--rate-limit", "0", NULL };

  return baladi_test_server_start_with (no_limit);
}

/**
 * baladi_test_server_start_with:
 * @extra_args: (array zero-terminated=1): more arguments for baladi-server
 */
BaladiTestServer *
baladi_test_server_start_with (const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *line = NULL;
  BaladiTestServer *self = g_new0 (BaladiTestServer, 1);
  const char *binary = g_getenv ("BALADI_SERVER");
  const char *demo_data = g_getenv ("BALADI_TEST_DEMO_DATA");

  g_assert_nonnull (binary);
  g_assert_nonnull (demo_data);

  self->dir = g_dir_make_tmp ("baladi-server-test-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (self->dir, "server.db", NULL);
  self->log_path = g_build_filename (self->dir, "server.log", NULL);

  /* A cheap password hash keeps logins fast in tests. */
  g_subprocess_launcher_setenv (launcher, "BALADI_SERVER_PBKDF2_ITERATIONS", "1000", TRUE);
  g_subprocess_launcher_set_stderr_file_path (launcher, self->log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_ptr_array_add (argv, (char *) binary);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, db);
  g_ptr_array_add (argv, (char *) "--seed-demo");
  g_ptr_array_add (argv, (char *) "--demo-data");
  g_ptr_array_add (argv, (char *) demo_data);
  /* No generated requests unless a test asks for them. */
  g_ptr_array_add (argv, (char *) "--seed-requests");
  g_ptr_array_add (argv, (char *) "0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http://127.0.0.1:") ||
                 g_str_has_prefix (line, "Listening on https://127.0.0.1:"));
  self->base_uri = g_strdup (line + strlen ("Listening on "));
  if (g_str_has_suffix (self->base_uri, "/"))
    self->base_uri[strlen (self->base_uri) - 1] = '\0';

  self->session = soup_session_new_with_options ("timeout", 10, NULL);

  return self;
}

void
baladi_test_server_stop (BaladiTestServer *self)
{
  g_autofree char *db = NULL;

  if (self == NULL)
    return;

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
  g_clear_object (&self->session);

  for (guint i = 0; i < 4; i++)
    {
      static const char *names[] = { "server.db", "server.db-wal", "server.db-shm", "server.log" };
      g_autofree char *path = g_build_filename (self->dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (self->dir);

  g_free (self->dir);
  g_free (self->log_path);
  g_free (self->base_uri);
  g_free (self);
}

/**
 * baladi_test_server_get_log:
 *
 * Returns: (transfer full): what the server has logged so far
 */
char *
baladi_test_server_get_log (BaladiTestServer *self)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (self->log_path, &contents, NULL, NULL));

  return contents;
}

/**
 * baladi_test_server_get_uri:
 *
 * Returns: the base URI of the server, without a trailing slash
 */
const char *
baladi_test_server_get_uri (BaladiTestServer *self)
{
  return self->base_uri;
}

/**
 * baladi_test_server_call:
 * @json: (out) (optional): the parsed answer, if it is JSON
 *
 * Returns: the HTTP status of the answer, or 0 if the connection failed
 */
guint
baladi_test_server_call (BaladiTestServer    *self,
                         const char          *method,
                         const char          *path,
                         const char          *token,
                         const char          *if_match,
                         const char          *idempotency_key,
                         const char          *body,
                         gssize               body_len,
                         JsonNode           **json,
                         SoupMessageHeaders **response_headers)
{
  g_autofree char *uri = g_strconcat (self->base_uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, body_len < 0 ? strlen (body) : (gsize) body_len);

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (self->session, msg, NULL, &error);
  if (error != NULL)
    {
      g_test_message ("%s %s: %s", method, path, error->message);
      return 0;
    }

  if (json != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      *json = NULL;
      if (g_bytes_get_size (answer) > 0 &&
          json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), NULL))
        *json = json_node_copy (json_parser_get_root (parser));
    }
  if (response_headers != NULL)
    *response_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  return soup_message_get_status (msg);
}

/**
 * baladi_test_server_login:
 *
 * Returns: (transfer full): a bearer token of the demo user @username
 */
char *
baladi_test_server_login (BaladiTestServer *self,
                          const char       *username)
{
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"Baladi#2026\"}", username);
  g_autoptr(JsonNode) json = NULL;
  guint status;

  status = baladi_test_server_call (self, "POST", "/api/v1/login", NULL, NULL, NULL, body, -1, &json, NULL);
  g_assert_cmpuint (status, ==, 200);

  return g_strdup (json_object_get_string_member (json_node_get_object (json), "token"));
}
