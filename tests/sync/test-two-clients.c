/* test-two-clients.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Two clerks of the Capital Secretariat, each with a cache of their own
 * and a client of the same real baladi-server, edit one request while the
 * other is behind. No update is lost: notes and replies from both arrive
 * once each, and a status edit the server did not see coming is merged on
 * the new version. A true conflict (both change the status, differently)
 * stays with the later clerk, and resolving it either way ("take theirs",
 * "keep mine") brings both caches to the server's state. */

#include "config.h"

#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"
#include "baladi-test-store.h"

static char *root;

typedef struct {
  const char       *username;
  BaladiSyncClient *client;
  BaladiStore      *store;
} Clerk;

/* Numbers from the cache, by SQL written here; ?1 is @arg. */
#define count(store, sql, arg) baladi_test_store_count ((store), (sql), (arg))

static char *
cached_text (BaladiStore *store,
             const char  *sql,
             const char  *arg)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
clerk_start (Clerk            *clerk,
             BaladiTestServer *server,
             const char       *username)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.db", root, username);
  g_autoptr(GError) error = NULL;
  BaladiPullStats stats;

  clerk->username = username;
  clerk->client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_assert_true (baladi_sync_client_login (clerk->client, username, "Baladi#2026", NULL, &error));
  clerk->store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_pull (clerk->client, clerk->store, &stats, NULL, &error));
  g_assert_no_error (error);
}

static void
clerk_clear (Clerk *clerk)
{
  g_clear_object (&clerk->client);
  g_clear_object (&clerk->store);
}

static void
push (Clerk           *clerk,
      BaladiPushStats *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (baladi_sync_client_push (clerk->client, clerk->store, stats, NULL, &error));
  g_assert_no_error (error);
}

static void
pull (Clerk *clerk)
{
  g_autoptr(GError) error = NULL;
  BaladiPullStats stats;

  g_assert_true (baladi_sync_client_pull (clerk->client, clerk->store, &stats, NULL, &error));
  g_assert_no_error (error);
}

static void
note (Clerk      *clerk,
      const char *id,
      const char *body)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (baladi_store_add_event (clerk->store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, body, clerk->username, &error));
  g_assert_no_error (error);
}

static void
set_status (Clerk               *clerk,
            const char          *id,
            BaladiRequestStatus  status,
            const char          *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (baladi_store_set_status (clerk->store, id, status, reason, clerk->username, &error));
  g_assert_no_error (error);
}

static JsonObject *
server_request (BaladiTestServer *server,
                const char       *token,
                const char       *id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", id);
  g_autoptr(JsonNode) json = NULL;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  return json_object_ref (json_node_get_object (json));
}

/* How many events of the request on the server have this body. */
static guint
on_server (JsonObject *request,
           const char *body)
{
  JsonArray *events = json_object_get_array_member (request, "events");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (event, "body", NULL), body) == 0)
        n++;
    }
  return n;
}

/* The clerk's cache holds the request exactly as the server has it, with
 * nothing left to send. */
static void
assert_converged (Clerk      *clerk,
                  JsonObject *request)
{
  const char *id = json_object_get_string_member (request, "id");
  JsonArray *events = json_object_get_array_member (request, "events");
  g_autofree char *status = cached_text (clerk->store, "SELECT status FROM requests WHERE id = ?1", id);
  g_autofree char *version = cached_text (clerk->store, "SELECT version FROM requests WHERE id = ?1", id);
  g_autofree char *pending = cached_text (clerk->store, "SELECT pending_fields FROM requests WHERE id = ?1", id);

  g_assert_cmpstr (status, ==, json_object_get_string_member (request, "status"));
  g_assert_cmpstr (version, ==, json_object_get_string_member (request, "version"));
  g_assert_cmpstr (pending, ==, "");
  g_assert_cmpint (count (clerk->store, "SELECT count(*) FROM outbox WHERE request_id = ?1", id), ==, 0);
  g_assert_cmpint (count (clerk->store, "SELECT count(*) FROM events WHERE request_id = ?1 AND local = 1", id), ==, 0);
  g_assert_cmpint (count (clerk->store, "SELECT count(*) FROM events WHERE request_id = ?1", id), ==,
                   json_array_get_length (events));
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      g_assert_cmpint (count (clerk->store, "SELECT count(*) FROM events WHERE id = ?1",
                              json_object_get_string_member (event, "id")), ==, 1);
    }
}

static void
test_two_clients (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                                           "\"municipality\": \"capital\", \"channel\": \"walk_in\", "
                                           "\"subject\": \"أرجوحة مكسورة\", \"description\": \"الأرجوحة في حديقة الحورة مكسورة\", "
                                           "\"citizen\": {\"name\": \"مريم\"}}", id);
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cached = NULL;
  BaladiOutboxEntry *conflict;
  BaladiPushStats stats;
  Clerk a = { 0, }, b = { 0, };

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, "two-1", body, -1, NULL, NULL), ==, 201);
  clerk_start (&a, server, "clerk.capital");
  clerk_start (&b, server, "supervisor.capital");

  /* 1. Both edit version 1. A's note and reply reach the server first;
   * B's note and status edit meet 412, and go again on the new version,
   * since A did not touch the status. */
  note (&a, id, "A: اتصلت بالمواطنة");
  g_assert_true (baladi_store_add_event (a.store, id, BALADI_EVENT_KIND_REPLY, "A: شكرًا، سنصلحها", a.username, &error));
  note (&b, id, "B: أرسلت فريق الصيانة");
  set_status (&b, id, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL);
  push (&a, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 2);
  g_assert_cmpuint (stats.n_merged + stats.n_conflicts, ==, 0);
  push (&b, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 2);
  g_assert_cmpuint (stats.n_merged, ==, 2);
  g_assert_cmpuint (stats.n_conflicts, ==, 0);

  request = server_request (server, token, id);
  g_assert_cmpuint (on_server (request, "A: اتصلت بالمواطنة"), ==, 1);
  g_assert_cmpuint (on_server (request, "A: شكرًا، سنصلحها"), ==, 1);
  g_assert_cmpuint (on_server (request, "B: أرسلت فريق الصيانة"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "in_progress");
  pull (&a);
  pull (&b);
  assert_converged (&a, request);
  assert_converged (&b, request);

  /* 2. Both change the status, differently. A is first; B's edit is a
   * true conflict, kept with the server's value, and what B did after it
   * waits behind it. */
  set_status (&a, id, BALADI_REQUEST_STATUS_WAITING_CITIZEN, "ننتظر صورة الأرجوحة");
  note (&a, id, "A: طلبت صورة");
  set_status (&b, id, BALADI_REQUEST_STATUS_ANSWERED, NULL);
  note (&b, id, "B: بعد التعارض");
  push (&a, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 2);
  push (&b, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 0);
  g_assert_cmpuint (stats.n_conflicts, ==, 1);

  conflicts = baladi_store_get_conflicts (b.store, id);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "status");
  g_assert_cmpstr (conflict->base_value, ==, "in_progress");
  g_assert_cmpstr (conflict->local_value, ==, "answered");
  g_assert_cmpstr (conflict->server_value, ==, "waiting_citizen");
  g_assert_cmpint (count (b.store, "SELECT count(*) FROM outbox WHERE request_id = ?1 AND state = 'pending'", id), ==, 1);
  /* The server did not take B's status. */
  g_clear_pointer (&request, json_object_unref);
  request = server_request (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "waiting_citizen");
  g_assert_cmpuint (on_server (request, "B: بعد التعارض"), ==, 0);

  /* A pull never overwrites the clerk's pending value, and keeps the
   * server's value of the conflict current. */
  note (&a, id, "A: ملاحظة أخرى");
  push (&a, &stats);
  pull (&b);
  cached = cached_text (b.store, "SELECT status FROM requests WHERE id = ?1", id);
  g_assert_cmpstr (cached, ==, "answered");
  g_clear_pointer (&cached, g_free);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = baladi_store_get_conflicts (b.store, id);
  conflict = g_ptr_array_index (conflicts, 0);
  cached = cached_text (b.store, "SELECT version FROM requests WHERE id = ?1", id);
  g_assert_cmpstr (conflict->server_version, ==, cached);
  g_clear_pointer (&cached, g_free);

  /* "Take theirs": B's status edit goes, the note behind it goes through. */
  g_assert_true (baladi_store_take_theirs (b.store, conflict->id, &error));
  g_assert_no_error (error);
  cached = cached_text (b.store, "SELECT status FROM requests WHERE id = ?1", id);
  g_assert_cmpstr (cached, ==, "waiting_citizen");
  g_clear_pointer (&cached, g_free);
  push (&b, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 1);
  g_assert_cmpuint (stats.n_conflicts, ==, 0);

  g_clear_pointer (&request, json_object_unref);
  request = server_request (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "waiting_citizen");
  g_assert_cmpuint (on_server (request, "A: طلبت صورة"), ==, 1);
  g_assert_cmpuint (on_server (request, "A: ملاحظة أخرى"), ==, 1);
  g_assert_cmpuint (on_server (request, "B: بعد التعارض"), ==, 1);
  pull (&a);
  pull (&b);
  assert_converged (&a, request);
  assert_converged (&b, request);

  /* 3. Again both change the status; this time B keeps his own. A status
   * the workflow does not allow from the server's is refused first. */
  set_status (&a, id, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL);
  set_status (&b, id, BALADI_REQUEST_STATUS_ANSWERED, NULL);
  push (&a, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 1);
  push (&b, &stats);
  g_assert_cmpuint (stats.n_conflicts, ==, 1);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = baladi_store_get_conflicts (b.store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->server_value, ==, "in_progress");

  g_assert_true (baladi_store_keep_mine (b.store, conflict->id, &error));
  g_assert_no_error (error);
  g_assert_false (baladi_store_keep_mine (b.store, conflict->id, &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN);
  g_clear_error (&error);
  push (&b, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 1);
  g_assert_cmpuint (stats.n_conflicts, ==, 0);

  g_clear_pointer (&request, json_object_unref);
  request = server_request (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "answered");
  pull (&a);
  pull (&b);
  assert_converged (&a, request);
  assert_converged (&b, request);

  /* 4. A reopens it; B, behind, closes it. Keeping B's value is refused,
   * since the workflow has no way from reopened to closed, and the
   * conflict stays until B takes A's. */
  set_status (&a, id, BALADI_REQUEST_STATUS_REOPENED, NULL);
  set_status (&b, id, BALADI_REQUEST_STATUS_CLOSED, NULL);
  push (&a, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 1);
  push (&b, &stats);
  g_assert_cmpuint (stats.n_conflicts, ==, 1);
  g_clear_pointer (&conflicts, g_ptr_array_unref);
  conflicts = baladi_store_get_conflicts (b.store, id);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->server_value, ==, "reopened");
  g_assert_cmpstr (conflict->local_value, ==, "closed");
  g_assert_false (baladi_store_keep_mine (b.store, conflict->id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count (b.store, "SELECT count(*) FROM outbox WHERE request_id = ?1 AND state = 'conflict'", id), ==, 1);
  g_assert_true (baladi_store_take_theirs (b.store, conflict->id, &error));
  g_assert_no_error (error);
  push (&b, &stats);
  g_assert_cmpuint (stats.n_sent + stats.n_conflicts + stats.n_attention, ==, 0);

  g_clear_pointer (&request, json_object_unref);
  request = server_request (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "reopened");
  pull (&a);
  pull (&b);
  assert_converged (&a, request);
  assert_converged (&b, request);

  clerk_clear (&a);
  clerk_clear (&b);
}

/* A client that died after the server took its edit sends it again with
 * the same Idempotency-Key, after a pull: the server repeats its first
 * answer, older than the cache, and the cache must still end up as the
 * server has the request now, not as that answer had it. */
static void
test_replayed_answer (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *supervisor = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                                           "\"municipality\": \"capital\", \"channel\": \"hotline\", "
                                           "\"subject\": \"سياج مكسور\", \"description\": \"السياج مكسور\", "
                                           "\"citizen\": {\"name\": \"جاسم\"}}", id);
  g_autofree char *path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *cached = NULL;
  g_autoptr(JsonObject) request = NULL;
  BaladiPushStats stats;
  Clerk a = { 0, };

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, "replay-1", body, -1, NULL, NULL), ==, 201);
  clerk_start (&a, server, "clerk.capital");
  set_status (&a, id, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL);

  /* The edit reaches the server (v2), but the client dies before it
   * knows: its outbox entry stays. */
  key = cached_text (a.store, "SELECT idempotency_key FROM outbox WHERE request_id = ?1", id);
  payload = cached_text (a.store, "SELECT payload FROM outbox WHERE request_id = ?1", id);
  path = g_strdup_printf ("/api/v1/requests/%s/status", id);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, token, "\"v1\"", key, payload, -1, NULL, NULL), ==, 200);
  /* Then a supervisor answers it (v3), and the restarted client pulls
   * first: the status stays the clerk's, since the edit is pending. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, supervisor, "\"v2\"", "replay-sup",
                                             "{\"status\": \"answered\"}", -1, NULL, NULL), ==, 200);
  pull (&a);
  cached = cached_text (a.store, "SELECT status || ' ' || version FROM requests WHERE id = ?1", id);
  g_assert_cmpstr (cached, ==, "in_progress 3");

  /* The push gets the first answer again (v2): it is done, exactly once,
   * and the cache takes the server's v3. */
  push (&a, &stats);
  g_assert_cmpuint (stats.n_sent, ==, 1);
  request = server_request (server, token, id);
  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "answered");
  g_assert_cmpstr (json_object_get_string_member (request, "version"), ==, "3");
  assert_converged (&a, request);

  clerk_clear (&a);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("baladi-two-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/two-clients", test_two_clients);
  g_test_add_func ("/sync/replayed-answer", test_replayed_answer);

  ret = g_test_run ();

  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
