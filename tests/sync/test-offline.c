/* test-offline.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A clerk works while the server is down: the real baladi-server is
 * stopped, edits are made through the store (and shown at once), pushes
 * and pulls fail and change nothing, then a server comes back on the same
 * database file and the same port. Every edit is then on the server,
 * exactly once, and the cache is the server's again. */

#include "config.h"

#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"
#include "baladi-test-store.h"

static char *root;

/* Numbers from the cache, by SQL written here. */
#define count(store, sql) baladi_test_store_count ((store), (sql), NULL)

static char *
file_request (BaladiTestServer *server,
              const char       *token,
              guint             i)
{
  char *id = g_uuid_string_random ();
  g_autofree char *key = g_strdup_printf ("offline-file-%u", i);
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"street-lighting\", "
                                           "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                                           "\"subject\": \"عمود إنارة %u\", \"description\": \"العمود لا يعمل\", "
                                           "\"citizen\": {\"name\": \"حسن\"}}", id, i);

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, key, body, -1, NULL, NULL), ==, 201);
  return id;
}

/* How many events with this body the request has on the server. */
static guint
on_server (BaladiTestServer *server,
           const char       *token,
           const char       *id,
           const char       *body,
           char            **status)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", id);
  g_autoptr(JsonNode) json = NULL;
  JsonArray *events;
  guint n = 0;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  events = json_object_get_array_member (json_node_get_object (json), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (json_array_get_object_element (events, i), "body", NULL),
                   body) == 0)
      n++;
  if (status != NULL)
    *status = g_strdup (json_object_get_string_member (json_node_get_object (json), "status"));

  return n;
}

static void
test_offline_edits (void)
{
  g_autofree char *db = g_build_filename (root, "server.db", NULL);
  g_autofree char *cache = g_build_filename (root, "cache.db", NULL);
  const char *first_args[] = { "--rate-limit", "0", "--db", db, NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (first_args);
  g_autofree char *uri = g_strdup (baladi_test_server_get_uri (server));
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (uri);
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor_after = NULL;
  char *ids[3];
  const char *port;
  BaladiPullStats pulled;
  BaladiPushStats pushed;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    ids[i] = file_request (server, token, i);
  g_assert_true (baladi_sync_client_login (client, "clerk.capital", "Baladi#2026", NULL, &error));
  store = baladi_store_open (cache, &error);
  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_pull (client, store, &pulled, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 3);
  cursor = baladi_store_get_meta (store, "cursor");

  /* The server goes away. */
  g_clear_pointer (&server, baladi_test_server_stop);

  /* The clerk keeps working: every edit is in the cache at once. */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *note = g_strdup_printf ("ملاحظة دون اتصال %u", i);
      g_autofree char *reply = g_strdup_printf ("رد دون اتصال %u", i);

      g_assert_true (baladi_store_add_event (store, ids[i], BALADI_EVENT_KIND_INTERNAL_NOTE, note, "clerk.capital", &error));
      g_assert_true (baladi_store_add_event (store, ids[i], BALADI_EVENT_KIND_REPLY, reply, "clerk.capital", &error));
      g_assert_true (baladi_store_set_status (store, ids[i], BALADI_REQUEST_STATUS_IN_PROGRESS, NULL, "clerk.capital", &error));
      g_assert_no_error (error);
    }
  g_assert_true (baladi_store_set_status (store, ids[1], BALADI_REQUEST_STATUS_WAITING_CITIZEN, "ننتظر رقم العمود",
                                          "clerk.capital", &error));
  g_assert_no_error (error);
  /* A note, a reply and a status change each for three, and one more status. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE local = 1"), ==, 10);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE status = 'in_progress'"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 10);

  /* Pushing and pulling fail, and change nothing but the next attempt. */
  g_assert_false (baladi_sync_client_push (client, store, &pushed, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (pushed.n_failed, ==, 1);
  g_assert_false (baladi_sync_client_pull (client, store, &pulled, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==, 10);
  /* A note, a reply and a status change each for three, and one more status. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE local = 1"), ==, 10);
  cursor_after = baladi_store_get_meta (store, "cursor");
  g_assert_cmpstr (cursor_after, ==, cursor);

  /* One more edit after the failed push. */
  g_assert_true (baladi_store_add_event (store, ids[2], BALADI_EVENT_KIND_INTERNAL_NOTE, "بعد فشل الإرسال",
                                         "clerk.capital", &error));
  g_assert_no_error (error);

  /* The server comes back on its database and its port; the client has
   * not changed. The backoff is skipped, as a network monitor would. */
  port = strrchr (uri, ':') + 1;
  {
    const char *again_args[] = { "--rate-limit", "0", "--db", db, "--port", port, NULL };

    server = baladi_test_server_start_with (again_args);
  }
  g_assert_cmpstr (baladi_test_server_get_uri (server), ==, uri);
  g_assert_cmpint (sqlite3_exec (baladi_store_get_db (store), "UPDATE outbox SET next_attempt_at = 0", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  g_assert_true (baladi_sync_client_push (client, store, &pushed, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pushed.n_sent, ==, 11);
  g_assert_cmpuint (pushed.n_conflicts + pushed.n_attention + pushed.n_failed, ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_true (baladi_sync_client_pull (client, store, &pulled, NULL, &error));
  g_assert_no_error (error);
  /* Nothing left to send: pushing again sends nothing twice. */
  g_assert_true (baladi_sync_client_push (client, store, &pushed, NULL, &error));
  g_assert_cmpuint (pushed.n_sent, ==, 0);

  g_free (token);
  token = baladi_test_server_login (server, "clerk.capital");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *note = g_strdup_printf ("ملاحظة دون اتصال %u", i);
      g_autofree char *reply = g_strdup_printf ("رد دون اتصال %u", i);
      g_autofree char *status = NULL;

      g_assert_cmpuint (on_server (server, token, ids[i], note, &status), ==, 1);
      g_assert_cmpuint (on_server (server, token, ids[i], reply, NULL), ==, 1);
      g_assert_cmpstr (status, ==, i == 1 ? "waiting_citizen" : "in_progress");
    }
  g_assert_cmpuint (on_server (server, token, ids[2], "بعد فشل الإرسال", NULL), ==, 1);

  /* And the cache is the server's: no local events or pending fields left. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE local = 1"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE pending_fields != ''"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE status = 'waiting_citizen'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE kind = 'status_change'"), ==, 4);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_free (ids[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("baladi-offline-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/offline-edits", test_offline_edits);

  ret = g_test_run ();

  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
