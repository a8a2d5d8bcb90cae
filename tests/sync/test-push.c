/* test-push.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pushing the outbox to a real baladi-server: edits arrive in order, a
 * status changed meanwhile by someone else is a conflict kept for the
 * clerk, a refused edit needs attention, and a failing server leaves
 * everything queued for later. Nothing is ever dropped. */

#include "config.h"

#include <string.h>

#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"
#include "baladi-test-store.h"

static char *root;

/* Numbers from the cache, by SQL written here. */
#define count(store, sql) baladi_test_store_count ((store), (sql), NULL)

/* Files a request on the server as clerk.capital; returns its id. */
static char *
file_request (BaladiTestServer *server,
              const char       *token,
              const char       *key)
{
  char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                                           "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                                           "\"subject\": \"مقعد مكسور\", \"description\": \"المقعد في الحديقة مكسور\", "
                                           "\"citizen\": {\"name\": \"علي\"}}", id);

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, key, body, -1, NULL, NULL), ==, 201);
  return id;
}

static BaladiStore *
synced_store (BaladiSyncClient *client,
              const char       *name)
{
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autoptr(GError) error = NULL;
  BaladiStore *store = baladi_store_open (path, &error);
  BaladiPullStats stats;

  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_pull (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
test_push (void)
{
  const char *args[] = { "--rate-limit", "0", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *supervisor = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *first = file_request (server, token, "p-1");
  g_autofree char *second = file_request (server, token, "p-2");
  g_autofree char *third = file_request (server, token, "p-3");
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *path = NULL;
  BaladiPushStats stats;
  JsonObject *request;

  g_assert_true (baladi_sync_client_login (client, "clerk.capital", "Baladi#2026", NULL, &error));
  store = synced_store (client, "push.db");
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 3);

  /* Offline edits of the first request: a note, a reply, a status. */
  g_assert_true (baladi_store_add_event (store, first, BALADI_EVENT_KIND_INTERNAL_NOTE, "اتصلت بالمقاول", "clerk.capital", &error));
  g_assert_true (baladi_store_add_event (store, first, BALADI_EVENT_KIND_REPLY, "شكرًا، جاري الإصلاح", "clerk.capital", &error));
  g_assert_true (baladi_store_set_status (store, first, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL, "clerk.capital", &error));
  /* The second: a status the supervisor changes meanwhile on the server. */
  g_assert_true (baladi_store_set_status (store, second, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL, "clerk.capital", &error));
  g_assert_true (baladi_store_add_event (store, second, BALADI_EVENT_KIND_INTERNAL_NOTE, "بعد التعارض", "clerk.capital", &error));
  path = g_strdup_printf ("/api/v1/requests/%s/status", second);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, supervisor, "\"v1\"", "sup-1",
                                             "{\"status\": \"answered\"}", -1, NULL, NULL), ==, 200);
  /* The third: transferred away on the server, so the note is refused. */
  g_assert_true (baladi_store_add_event (store, third, BALADI_EVENT_KIND_INTERNAL_NOTE, "لن تصل", "clerk.capital", &error));
  g_free (path);
  path = g_strdup_printf ("/api/v1/requests/%s/transfer", third);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, supervisor, "\"v1\"", "sup-2",
                                             "{\"municipality\": \"northern\", \"reason\": \"يتبع الشمالية\"}", -1, NULL, NULL), ==, 200);
  g_assert_no_error (error);

  g_assert_true (baladi_sync_client_push (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_sent, ==, 3);
  g_assert_cmpuint (stats.n_conflicts, ==, 1);
  g_assert_cmpuint (stats.n_attention, ==, 1);

  /* The first request is on the server as the clerk left it… */
  g_free (path);
  path = g_strdup_printf ("/api/v1/requests/%s", first);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  request = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "in_progress");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (request, "events")), ==, 4);
  /* …and the cache holds the server's version, with nothing pending. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE local = 1 AND request_id IN "
                                 "(SELECT id FROM requests WHERE status = 'in_progress' AND pending_fields = '')"), ==, 0);

  /* Nothing was dropped: the conflict and what follows it, and the refused
   * note, wait for the clerk. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'conflict'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'attention'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==, 1);
}

static void
test_failing_server_keeps_everything (void)
{
  const char *args[] = { "--rate-limit", "0", "--faults", "error-rate=1", NULL };
  const char *plain[] = { "--rate-limit", "0", NULL };
  g_autoptr(BaladiTestServer) good = baladi_test_server_start_with (plain);
  g_autoptr(BaladiTestServer) bad = baladi_test_server_start_with (args);
  g_autofree char *token = baladi_test_server_login (good, "clerk.capital");
  g_autofree char *id = file_request (good, token, "f-1");
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (good));
  g_autoptr(BaladiSyncClient) failing = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GError) error = NULL;
  BaladiPushStats stats;

  g_assert_true (baladi_sync_client_login (client, "clerk.capital", "Baladi#2026", NULL, &error));
  store = synced_store (client, "failing.db");
  g_assert_true (baladi_store_add_event (store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, "ملاحظة", "clerk.capital", &error));

  /* Every call fails with 500 or 503. */
  failing = baladi_sync_client_new (baladi_test_server_get_uri (bad));
  g_assert_false (baladi_sync_client_push (failing, store, &stats, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'pending' AND attempts = 1"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE local = 1"), ==, 1);

  /* The next answer is 503 with Retry-After: 1, which sets the next try. */
  g_clear_error (&error);
  sqlite3_exec (baladi_store_get_db (store), "UPDATE outbox SET next_attempt_at = 0", NULL, NULL, NULL);
  g_assert_false (baladi_sync_client_push (failing, store, &stats, NULL, &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE attempts = 2 AND "
                                 "next_attempt_at - CAST(strftime('%s', 'now') AS INTEGER) BETWEEN 0 AND 1"), ==, 1);

  /* And a server that is not there at all. */
  g_clear_pointer (&bad, baladi_test_server_stop);
  g_clear_error (&error);
  sqlite3_exec (baladi_store_get_db (store), "UPDATE outbox SET next_attempt_at = 0", NULL, NULL, NULL);
  g_assert_false (baladi_sync_client_push (failing, store, &stats, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox WHERE state = 'pending' AND attempts = 3"), ==, 1);

  /* Back online: it goes through, once. */
  g_clear_error (&error);
  sqlite3_exec (baladi_store_get_db (store), "UPDATE outbox SET next_attempt_at = 0", NULL, NULL, NULL);
  g_assert_true (baladi_sync_client_push (client, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_sent, ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);
}


/* A request logged at the desk (a hotline call) is filed on the server
 * with the desk's id, gets its reference, and a note written before the
 * push follows it; a second push files nothing twice. Assign, transfer
 * and merge made here arrive too. */
static void
test_file_and_other_actions (void)
{
  const char *args[] = { "--rate-limit", "0", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autofree char *token = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *original = file_request (server, token, "f-1");
  g_autofree char *duplicate = file_request (server, token, "f-2");
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiRequest) request = baladi_request_new ();
  g_autoptr(BaladiRequest) filed = NULL;
  g_autoptr(BaladiRequest) invalid = baladi_request_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *path = NULL;
  BaladiPushStats push = { 0, };
  JsonObject *object;

  g_assert_true (baladi_sync_client_login (client, "supervisor.capital", "Baladi#2026", NULL, &error));
  store = synced_store (client, "file.db");

  /* The same checks as the server: no citizen name, no filing. */
  g_object_set (invalid, "category", "parks", "subject", "مقعد", "description", "مكسور", NULL);
  g_assert_false (baladi_store_file_request (store, invalid, "supervisor.capital", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_object_set (request, "type", BALADI_REQUEST_TYPE_COMPLAINT, "category", "street-lighting",
                "municipality", BALADI_MUNICIPALITY_CAPITAL, "channel", BALADI_CHANNEL_HOTLINE,
                "subject", "إنارة معطلة", "description", "العمود رقم 7 لا يعمل \"منذ أسبوع\"",
                "citizen-name", "زينب علي", "citizen-phone", "+973 3612 3456", NULL);
  g_assert_true (baladi_store_file_request (store, request, "supervisor.capital", &error));
  g_assert_no_error (error);
  g_assert_false (baladi_store_file_request (store, request, "supervisor.capital", &error));
  g_clear_error (&error);
  g_assert_true (baladi_store_add_event (store, baladi_request_get_id (request), BALADI_EVENT_KIND_INTERNAL_NOTE,
                                         "اتصل المواطن مرة ثانية", "supervisor.capital", &error));
  g_assert_true (baladi_store_assign (store, original, "clerk.capital", "supervisor.capital", &error));
  g_assert_true (baladi_store_merge (store, duplicate, original, "نفس العمود", "supervisor.capital", &error));
  g_assert_no_error (error);

  /* Shown at once, due by its category's time limit. */
  filed = baladi_store_load_request (store, baladi_request_get_id (request), &error);
  g_assert_nonnull (baladi_request_get_due (filed));
  g_assert_null (baladi_request_get_reference (filed));
  g_clear_object (&filed);

  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (push.n_sent, ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);

  filed = baladi_store_load_request (store, baladi_request_get_id (request), &error);
  g_assert_nonnull (baladi_request_get_reference (filed));
  g_assert_true (g_str_has_prefix (baladi_request_get_reference (filed), "CAP-"));

  path = g_strdup_printf ("/api/v1/requests/%s", baladi_request_get_id (request));
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  object = json_node_get_object (json);
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "hotline");
  g_assert_cmpstr (json_object_get_string_member (object, "description"), ==, "العمود رقم 7 لا يعمل \"منذ أسبوع\"");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "events")), ==, 2);
  g_clear_pointer (&json, json_node_unref);
  g_free (path);
  path = g_strdup_printf ("/api/v1/requests/%s", duplicate);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "merged_into"), ==, original);
  g_clear_pointer (&json, json_node_unref);
  g_free (path);
  path = g_strdup_printf ("/api/v1/requests/%s", original);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "assignee"), ==, "clerk.capital");

  /* Nothing left to send: nothing sent twice. */
  memset (&push, 0, sizeof push);
  g_assert_true (baladi_sync_client_push (client, store, &push, NULL, &error));
  g_assert_cmpuint (push.n_sent, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("baladi-push-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/push/in-order-conflicts-and-attention", test_push);
  g_test_add_func ("/push/failing-server-keeps-everything", test_failing_server_keeps_everything);
  g_test_add_func ("/push/file-and-other-actions", test_file_and_other_actions);

  ret = g_test_run ();

  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
