/* test-engine.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sync engine against the real baladi-server on loopback, in a main
 * loop, with libsecret's file backend as the keyring (see meson.build):
 * the token in the keyring and never in the logs, re-login after a 401,
 * the states, edits reaching the server, going offline and coming back
 * (by the network monitor and by backoff), the precise requests-changed,
 * the periodic sync, coalescing, and disposing while a sync runs.
 *
 * Nothing here waits a fixed time and then asserts: each test waits for
 * the event it expects, and meson's timeout catches an engine that never
 * gets there. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "baladi-credentials.h"
#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-sync-engine-private.h"
#include "baladi-sync-json.h"
#include "baladi-test-server.h"

#define PASSWORD "Baladi#2026"

static char *root;
static GString *captured_log;
static GPtrArray *seen_tokens;

/* ---- A network monitor the test switches ---------------------------------- */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static gboolean
test_monitor_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_iface_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_iface_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- Helpers --------------------------------------------------------------- */

/* Every message of the engine and the libraries goes through here too:
 * none may hold a token. */
static GLogWriterOutput
capture_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      message = fields[i].value;
    else if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
      domain = fields[i].value;

  if (message != NULL)
    {
      g_string_append_printf (captured_log, "%s: %s\n", domain, message);
      /* The engine's own debug messages, as TAP comments. */
      if (g_strcmp0 (domain, "baladi-sync-engine") == 0 && (log_level & G_LOG_LEVEL_DEBUG))
        g_test_message ("%s", message);
    }

  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
note_token (const char *token)
{
  if (token != NULL)
    g_ptr_array_add (seen_tokens, g_strdup (token));
}

/* The token the keyring keeps for @server, or NULL; the username too. */
static char *
keyring_token (BaladiTestServer  *server,
               char             **username)
{
  g_autoptr(GError) error = NULL;
  char *token = NULL;

  g_assert_true (baladi_credentials_lookup (baladi_test_server_get_uri (server), username, &token, NULL, &error));
  g_assert_no_error (error);
  note_token (token);
  return token;
}

static void
wait_for_workers (void)
{
  /* The last step of a worker may be in another thread: poll. */
  while (baladi_sync_engine_count_workers () > 0)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (G_USEC_PER_SEC / 100);
}

static void
wait_for_state (BaladiSyncEngine *engine,
                BaladiSyncState   state)
{
  while (baladi_sync_engine_get_state (engine) != state)
    g_main_context_iteration (NULL, TRUE);
}

/* Waits until nothing runs nor waits to run, in @state. */
static void
wait_settled (BaladiSyncEngine *engine,
              BaladiSyncState   state)
{
  while (baladi_sync_engine_get_state (engine) != state || baladi_sync_engine_is_run_scheduled (engine))
    g_main_context_iteration (NULL, TRUE);
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
log_in (BaladiSyncEngine *engine,
        const char       *username,
        const char       *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  baladi_sync_engine_log_in_async (engine, username, password, NULL, async_result_cb, &result);
  g_assert_true (baladi_sync_engine_log_in_finish (engine, wait_result (&result), &error));
  g_assert_no_error (error);
}

static gboolean
sync_now (BaladiSyncEngine  *engine,
          GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  baladi_sync_engine_sync_async (engine, NULL, async_result_cb, &result);
  return baladi_sync_engine_sync_finish (engine, wait_result (&result), error);
}

static char *
store_path (const char *name)
{
  return g_build_filename (root, name, NULL);
}

static BaladiSyncEngine *
new_engine (BaladiTestServer *server,
            const char       *cache,
            GNetworkMonitor  *monitor)
{
  g_autofree char *path = store_path (cache);

  return g_object_new (BALADI_TYPE_SYNC_ENGINE,
                       "server-uri", baladi_test_server_get_uri (server),
                       "store-path", path,
                       "network-monitor", monitor,
                       "debounce", 20,
                       "interval", 0,
                       NULL);
}

static gint64
count (const char *cache,
       const char *sql)
{
  g_autofree char *path = store_path (cache);
  g_autoptr(BaladiStore) store = baladi_store_open (path, NULL);
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_nonnull (store);
  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Files a request on the server; returns its id. */
static char *
file_request (BaladiTestServer *server,
              const char       *token,
              const char       *municipality)
{
  char *id = g_uuid_string_random ();
  g_autofree char *body = g_strdup_printf ("{\"id\": \"%s\", \"type\": \"complaint\", \"category\": \"parks\", "
                                           "\"municipality\": \"%s\", \"channel\": \"hotline\", "
                                           "\"subject\": \"مقعد مكسور\", \"description\": \"المقعد في الحديقة مكسور\", "
                                           "\"citizen\": {\"name\": \"علي\"}}", id, municipality);

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/requests", token, NULL, id, body, -1, NULL, NULL), ==, 201);
  return id;
}

/* Adds a note on the server, as @token, to the request at @version. */
static void
server_note (BaladiTestServer *server,
             const char       *token,
             const char       *id,
             const char       *version)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s/notes", id);
  g_autofree char *if_match = g_strdup_printf ("\"v%s\"", version);
  g_autofree char *key = g_uuid_string_random ();

  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, token, if_match, key,
                                             "{\"body\": \"ملاحظة من الخادم\"}", -1, NULL, NULL), ==, 200);
}

/* The events of a request on the server whose body is @body. */
static guint
server_events_with_body (BaladiTestServer *server,
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
local_note (const char *cache,
            const char *id,
            const char *body)
{
  g_autofree char *path = store_path (cache);
  g_autoptr(BaladiStore) store = baladi_store_open (path, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  g_assert_true (baladi_store_add_event (store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, body, "clerk.capital", &error));
  g_assert_no_error (error);
}

static void
count_cb (gpointer  instance,
          gpointer  user_data)
{
  (*(guint *) user_data)++;
}

/* For g_signal_connect_swapped(), whatever the signal's arguments. */
static void
increment_cb (guint *counter)
{
  (*counter)++;
}

/* ---- Credentials ------------------------------------------------------------ */

static void
password_needed_count_cb (BaladiSyncEngine *engine,
                          const char       *username,
                          guint            *count)
{
  (*count)++;
}

static void
test_credentials (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "credentials.db", NULL);
  g_autoptr(BaladiSyncEngine) second = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *username = NULL;
  g_autofree char *keyring = NULL;
  guint asked = 0;

  g_signal_connect (engine, "password-needed", G_CALLBACK (password_needed_count_cb), &asked);

  /* Nothing in the keyring: signed out, and the password is asked for. */
  g_assert_false (sync_now (engine, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_cmpint (baladi_sync_engine_get_state (engine), ==, BALADI_SYNC_STATE_SIGNED_OUT);
  g_assert_cmpuint (asked, ==, 1);

  /* A wrong password stores nothing. */
  baladi_sync_engine_log_in_async (engine, "clerk.capital", "wrong", NULL, async_result_cb, &result);
  g_assert_false (baladi_sync_engine_log_in_finish (engine, wait_result (&result), &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);
  g_assert_null (keyring_token (server, NULL));

  /* Logging in keeps the token and the username in the keyring, and syncs. */
  log_in (engine, "clerk.capital", PASSWORD);
  token = keyring_token (server, &username);
  g_assert_nonnull (token);
  g_assert_cmpuint (strlen (token), ==, 64);
  g_assert_cmpstr (username, ==, "clerk.capital");
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", token, NULL, NULL, NULL, 0, NULL, NULL), ==, 200);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpint (count ("credentials.db", "SELECT count(*) FROM services"), >, 0);

  /* The keyring file is encrypted: the token is not in it in clear. */
  g_assert_true (g_file_get_contents (g_getenv ("SECRET_FILE_TEST_PATH"), &keyring, NULL, NULL));
  g_assert_null (strstr (keyring, token));

  /* A new engine (the desk started again) starts from the keyring. */
  g_clear_object (&engine);
  wait_for_workers ();
  second = new_engine (server, "credentials.db", NULL);
  g_signal_connect (second, "password-needed", G_CALLBACK (password_needed_count_cb), &asked);
  g_assert_true (sync_now (second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (baladi_sync_engine_get_state (second), ==, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpstr (baladi_sync_engine_get_username (second), ==, "clerk.capital");
  g_assert_cmpuint (asked, ==, 1);

  /* Logging out wipes the token; syncing then needs a login. */
  g_clear_object (&result);
  baladi_sync_engine_log_out_async (second, NULL, async_result_cb, &result);
  g_assert_true (baladi_sync_engine_log_out_finish (second, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_null (keyring_token (server, NULL));
  g_assert_cmpint (baladi_sync_engine_get_state (second), ==, BALADI_SYNC_STATE_SIGNED_OUT);
  g_assert_false (sync_now (second, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED);
}

/* ---- Re-login ------------------------------------------------------------- */

typedef struct {
  guint   asked;
  char   *username;
} Relogin;

static void
relogin_cb (BaladiSyncEngine *engine,
            const char       *username,
            Relogin          *relogin)
{
  relogin->asked++;
  g_free (relogin->username);
  relogin->username = g_strdup (username);
  /* What the desk does once the clerk typed the password again. */
  baladi_sync_engine_log_in_async (engine, username, PASSWORD, NULL, NULL, NULL);
}

static void
test_relogin_revoked (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = file_request (server, clerk, "capital");
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "revoked.db", NULL);
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  const char *revoked = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  Relogin relogin = { 0, };

  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_clear_object (&engine);
  wait_for_workers ();

  /* An edit made offline, and a token the server does not take any more. */
  local_note ("revoked.db", id, "قبل انتهاء الجلسة");
  g_assert_true (baladi_credentials_store (baladi_test_server_get_uri (server), "clerk.capital", revoked, NULL, &error));
  g_assert_no_error (error);

  engine = new_engine (server, "revoked.db", NULL);
  g_signal_connect (engine, "password-needed", G_CALLBACK (relogin_cb), &relogin);
  baladi_sync_engine_request_sync (engine);
  while (relogin.asked == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (relogin.username, ==, "clerk.capital");
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);

  /* The edit waited for the new login, and reached the server once. */
  g_assert_cmpuint (relogin.asked, ==, 1);
  g_assert_cmpuint (baladi_sync_engine_get_pending (engine), ==, 0);
  g_assert_cmpuint (baladi_sync_engine_get_attention (engine), ==, 0);
  g_assert_cmpuint (server_events_with_body (server, clerk, id, "قبل انتهاء الجلسة", NULL), ==, 1);
  token = keyring_token (server, NULL);
  g_assert_cmpstr (token, !=, revoked);
  g_free (relogin.username);
}

static void
test_relogin_expired (void)
{
  const char *args[] = { "--rate-limit", "0", "--token-lifetime", "2", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "expired.db", NULL);
  g_autofree char *token = NULL;
  Relogin relogin = { 0, };
  guint asked;

  /* Every token lives two seconds: on a slow machine one may expire
   * before its sync, and the engine asks again. */
  g_signal_connect (engine, "password-needed", G_CALLBACK (relogin_cb), &relogin);
  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  token = keyring_token (server, NULL);
  asked = relogin.asked;

  /* Wait for the server to refuse the token: it expired. */
  while (baladi_test_server_call (server, "GET", "/api/v1/lookups", token, NULL, NULL, NULL, 0, NULL, NULL) != 401)
    g_usleep (G_USEC_PER_SEC / 5);

  baladi_sync_engine_request_sync (engine);
  while (relogin.asked == asked)
    g_main_context_iteration (NULL, TRUE);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpstr (relogin.username, ==, "clerk.capital");
  g_assert_cmpint (count ("expired.db", "SELECT count(*) FROM services"), >, 0);
  g_free (relogin.username);
}

/* ---- States and edits ------------------------------------------------------- */

static void
state_changed_cb (BaladiSyncEngine *engine,
                  GParamSpec       *pspec,
                  GArray           *states)
{
  BaladiSyncState state = baladi_sync_engine_get_state (engine);

  g_array_append_val (states, state);
}

static void
collect_ids_cb (BaladiSyncEngine  *engine,
                const char *const *ids,
                GPtrArray         *changes)
{
  /* One entry per emission; "*" stands for NULL, "anything". */
  if (ids == NULL)
    g_ptr_array_add (changes, g_strdup ("*"));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    g_ptr_array_add (changes, g_strdup (ids[i]));
}

static void
test_states_and_edit (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = file_request (server, clerk, "capital");
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "states.db", NULL);
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (BaladiSyncState));
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *status = NULL;
  guint services_changed = 0;

  g_signal_connect (engine, "notify::state", G_CALLBACK (state_changed_cb), states);
  g_signal_connect (engine, "requests-changed", G_CALLBACK (collect_ids_cb), changes);
  g_signal_connect (engine, "services-changed", G_CALLBACK (count_cb), &services_changed);
  g_assert_cmpint (baladi_sync_engine_get_state (engine), ==, BALADI_SYNC_STATE_IDLE);
  g_assert_null (baladi_sync_engine_get_last_sync (engine));

  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_cmpint (g_array_index (states, BaladiSyncState, 0), ==, BALADI_SYNC_STATE_SYNCING);
  g_assert_cmpint (g_array_index (states, BaladiSyncState, 1), ==, BALADI_SYNC_STATE_SYNCED);
  g_assert_nonnull (baladi_sync_engine_get_last_sync (engine));
  g_assert_cmpuint (services_changed, >=, 1);
  /* A full sync: the request, then "anything may have changed". */
  g_assert_true (g_ptr_array_find_with_equal_func (changes, id, g_str_equal, NULL));
  g_assert_cmpstr (g_ptr_array_index (changes, changes->len - 1), ==, "*");
  g_assert_cmpint (count ("states.db", "SELECT count(*) FROM requests"), ==, 1);

  /* A local edit, then request_sync(): it reaches the server. */
  local_note ("states.db", id, "من المكتب");
  g_ptr_array_set_size (changes, 0);
  g_array_set_size (states, 0);
  baladi_sync_engine_request_sync (engine);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpuint (states->len, ==, 2);
  g_assert_cmpuint (server_events_with_body (server, clerk, id, "من المكتب", &status), ==, 1);
  g_assert_cmpuint (baladi_sync_engine_get_pending (engine), ==, 0);
  g_assert_cmpint (count ("states.db", "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (count ("states.db", "SELECT count(*) FROM events WHERE local = 1"), ==, 0);
  g_assert_true (g_ptr_array_find_with_equal_func (changes, id, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (changes, "*", g_str_equal, NULL));
}

/* ---- Offline and back ----------------------------------------------------------- */

/* A server on a database of the test's own, so that it can be stopped and
 * started again on the same port with the same data. */
static BaladiTestServer *
start_server_on (const char *db,
                 const char *port)
{
  const char *args[] = { "--rate-limit", "0", "--db", db, "--port", port != NULL ? port : "0", NULL };

  return baladi_test_server_start_with (args);
}

static void
test_offline_then_network_back (void)
{
  g_autofree char *db = store_path ("offline-server.db");
  g_autoptr(BaladiTestServer) server = start_server_on (db, NULL);
  g_autofree char *port = g_strdup (strrchr (baladi_test_server_get_uri (server), ':') + 1);
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = file_request (server, clerk, "capital");
  g_autofree char *status = NULL;
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "offline.db", G_NETWORK_MONITOR (monitor));
  g_autoptr(BaladiStore) store = NULL;
  g_autofree char *path = store_path ("offline.db");
  g_autoptr(GError) error = NULL;
  guint runs = 0;

  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);

  /* The network goes, and the server with it. */
  test_monitor_set_available (monitor, FALSE);
  g_clear_pointer (&server, baladi_test_server_stop);

  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (baladi_store_add_event (store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, "بلا شبكة", "clerk.capital", &error));
  g_assert_true (baladi_store_set_status (store, id, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL, "clerk.capital", &error));
  g_assert_no_error (error);
  baladi_sync_engine_request_sync (engine);
  wait_settled (engine, BALADI_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (baladi_sync_engine_get_pending (engine), ==, 2);
  /* The edits show in the cache at once, and wait. */
  g_assert_cmpint (count ("offline.db", "SELECT count(*) FROM requests WHERE status = 'in_progress'"), ==, 1);

  /* The server and the network come back: a sync at once, without
   * waiting for the backoff. */
  server = start_server_on (db, port);
  g_signal_connect_swapped (engine, "notify::last-sync", G_CALLBACK (increment_cb), &runs);
  test_monitor_set_available (monitor, TRUE);
  g_assert_true (baladi_sync_engine_is_run_scheduled (engine));
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpuint (runs, ==, 1);
  g_assert_cmpuint (baladi_sync_engine_get_pending (engine), ==, 0);
  g_assert_cmpuint (server_events_with_body (server, clerk, id, "بلا شبكة", &status), ==, 1);
  g_assert_cmpstr (status, ==, "in_progress");
}

static void
test_offline_then_backoff (void)
{
  g_autofree char *db = store_path ("backoff-server.db");
  g_autoptr(BaladiTestServer) server = start_server_on (db, NULL);
  g_autofree char *port = g_strdup (strrchr (baladi_test_server_get_uri (server), ':') + 1);
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = file_request (server, clerk, "capital");
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "backoff.db", G_NETWORK_MONITOR (monitor));

  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);

  /* Only the server goes: the network is still there. */
  g_clear_pointer (&server, baladi_test_server_stop);
  local_note ("backoff.db", id, "أثناء توقف الخادم");
  baladi_sync_engine_request_sync (engine);
  wait_settled (engine, BALADI_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (baladi_sync_engine_get_pending (engine), ==, 1);

  /* Nobody asks again: the retry timer finds the server back. */
  server = start_server_on (db, port);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpuint (baladi_sync_engine_get_pending (engine), ==, 0);
  g_assert_cmpuint (server_events_with_body (server, clerk, id, "أثناء توقف الخادم", NULL), ==, 1);
}

/* ---- requests-changed --------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
test_requests_changed_exactly (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *northern = baladi_test_server_login (server, "clerk.northern");
  g_autofree char *first = file_request (server, clerk, "capital");
  g_autofree char *second = file_request (server, clerk, "capital");
  g_autofree char *untouched = file_request (server, clerk, "capital");
  g_autofree char *third = NULL;
  g_autofree char *elsewhere = NULL;
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "changed.db", NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();

  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpint (count ("changed.db", "SELECT count(*) FROM requests"), ==, 3);

  /* Between two syncs, on the server: two requests change, one is filed,
   * and one is filed in a municipality this clerk does not see. */
  g_signal_connect (engine, "requests-changed", G_CALLBACK (collect_ids_cb), changes);
  server_note (server, clerk, first, "1");
  server_note (server, clerk, second, "1");
  server_note (server, clerk, second, "2");
  third = file_request (server, clerk, "capital");
  elsewhere = file_request (server, northern, "northern");
  baladi_sync_engine_request_sync (engine);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);

  g_ptr_array_add (expected, first);
  g_ptr_array_add (expected, second);
  g_ptr_array_add (expected, third);
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (changes, compare_strings);
  g_assert_cmpuint (changes->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (changes, i), ==, g_ptr_array_index (expected, i));
  g_assert_false (g_ptr_array_find_with_equal_func (changes, untouched, g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (changes, elsewhere, g_str_equal, NULL));
  g_assert_cmpint (count ("changed.db", "SELECT count(*) FROM requests"), ==, 4);
}

/* ---- Progress of a full sync -------------------------------------------------- */

static void
pages_changed_cb (BaladiSyncEngine *engine,
                  GParamSpec       *pspec,
                  GArray           *pages)
{
  guint n;

  baladi_sync_engine_get_progress (engine, NULL, &n, NULL);
  g_array_append_val (pages, n);
}

static void
test_full_sync_progress (void)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "1100", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "progress.db", NULL);
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64 rows, bytes;
  guint n_pages;

  g_signal_connect (engine, "notify::progress-pages", G_CALLBACK (pages_changed_cb), pages);
  log_in (engine, "director", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);

  /* 1100 requests and the services, 500 changes a page: at least three
   * pages, each told as it was stored. */
  baladi_sync_engine_get_progress (engine, &rows, &n_pages, &bytes);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (rows, ==, count ("progress.db", "SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM services)"));
  g_assert_cmpuint (count ("progress.db", "SELECT count(*) FROM requests"), ==, 1100);
  g_assert_cmpuint (bytes, >, rows * 100);
  /* 0 when the sync started, then 1, 2, 3… */
  g_assert_cmpuint (pages->len, ==, n_pages);
  for (guint i = 0; i < pages->len; i++)
    g_assert_cmpuint (g_array_index (pages, guint, i), ==, i + 1);
}

/* ---- Timers and coalescing ------------------------------------------------------ */

static void
test_periodic (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autofree char *id = NULL;
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "periodic.db", NULL);
  guint runs = 0;

  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpint (count ("periodic.db", "SELECT count(*) FROM requests"), ==, 0);

  /* Nobody asks for a sync: the interval brings the new request. */
  id = file_request (server, clerk, "capital");
  g_signal_connect_swapped (engine, "notify::last-sync", G_CALLBACK (increment_cb), &runs);
  baladi_sync_engine_set_interval (engine, 1);
  while (runs < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count ("periodic.db", "SELECT count(*) FROM requests"), ==, 1);

  /* 0 stops it: no timer is left that could start one. */
  baladi_sync_engine_set_interval (engine, 0);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
}

static void
test_coalescing (void)
{
  const char *args[] = { "--rate-limit", "0", "--faults", "delay=300ms", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncEngine) engine = new_engine (server, "coalesce.db", NULL);
  guint runs = 0;

  log_in (engine, "clerk.capital", PASSWORD);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_signal_connect_swapped (engine, "notify::last-sync", G_CALLBACK (increment_cb), &runs);

  /* Five requests at once: one sync. */
  for (guint i = 0; i < 5; i++)
    baladi_sync_engine_request_sync (engine);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpuint (runs, ==, 1);

  /* Three more while one runs (each call is 300 ms late): one more. */
  baladi_sync_engine_request_sync (engine);
  wait_for_state (engine, BALADI_SYNC_STATE_SYNCING);
  for (guint i = 0; i < 3; i++)
    baladi_sync_engine_request_sync (engine);
  wait_settled (engine, BALADI_SYNC_STATE_SYNCED);
  g_assert_cmpuint (runs, ==, 3);
}

/* ---- Disposing while a sync runs ----------------------------------------------- */

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  *(gboolean *) data = TRUE;
}

static void
after_finalize_cb (gpointer user_data)
{
  gboolean *finalized = user_data;

  g_assert_false (*finalized);
}

static void
test_dispose_while_syncing (void)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "1100", "--faults", "delay=200ms", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  BaladiSyncEngine *engine = new_engine (server, "dispose.db", NULL);
  gboolean finalized = FALSE;

  log_in (engine, "director", PASSWORD);
  wait_for_state (engine, BALADI_SYNC_STATE_SYNCING);
  g_signal_connect_swapped (engine, "requests-changed", G_CALLBACK (after_finalize_cb), &finalized);
  g_signal_connect_swapped (engine, "notify", G_CALLBACK (after_finalize_cb), &finalized);
  g_object_weak_ref (G_OBJECT (engine), finalized_cb, &finalized);

  g_object_unref (engine);
  g_assert_true (finalized);
  /* The worker stops at its next call; what it still posts goes nowhere. */
  wait_for_workers ();
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Every page stored is whole; the cursor is at the last of them. */
  g_assert_cmpint (count ("dispose.db", "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
  g_assert_cmpint (count ("dispose.db", "SELECT count(*) FROM requests"), <, 1100);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_getenv ("SECRET_BACKEND"), ==, "file");
  g_assert_nonnull (g_getenv ("SECRET_FILE_TEST_PATH"));
  g_remove (g_getenv ("SECRET_FILE_TEST_PATH"));

  captured_log = g_string_new (NULL);
  seen_tokens = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_log_writer, NULL, NULL);
  root = g_dir_make_tmp ("baladi-engine-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/engine/credentials", test_credentials);
  g_test_add_func ("/engine/relogin-revoked", test_relogin_revoked);
  g_test_add_func ("/engine/relogin-expired", test_relogin_expired);
  g_test_add_func ("/engine/states-and-edit", test_states_and_edit);
  g_test_add_func ("/engine/offline-then-network-back", test_offline_then_network_back);
  g_test_add_func ("/engine/offline-then-backoff", test_offline_then_backoff);
  g_test_add_func ("/engine/requests-changed-exactly", test_requests_changed_exactly);
  g_test_add_func ("/engine/full-sync-progress", test_full_sync_progress);
  g_test_add_func ("/engine/periodic", test_periodic);
  g_test_add_func ("/engine/coalescing", test_coalescing);
  g_test_add_func ("/engine/dispose-while-syncing", test_dispose_while_syncing);

  ret = g_test_run ();

  /* Whatever was logged, by the engine or the libraries, has no token. */
  g_assert_cmpuint (seen_tokens->len, >, 0);
  g_assert_nonnull (strstr (captured_log->str, "baladi-sync-engine: Sync failed"));
  for (guint i = 0; i < seen_tokens->len; i++)
    g_assert_null (strstr (captured_log->str, g_ptr_array_index (seen_tokens, i)));

  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);
  g_string_free (captured_log, TRUE);
  g_ptr_array_unref (seen_tokens);

  return ret;
}
