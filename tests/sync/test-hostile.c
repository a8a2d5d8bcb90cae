/* test-hostile.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A server that sends hostile changes: deep nesting, 30-digit numbers,
 * wrong types, huge strings, invalid UTF-8, an answer past the size cap.
 * The cache is first filled from the real baladi-server; the hostile
 * pages are that server's real page with one thing broken (and its first
 * request visibly changed, so that storing any part of the page would
 * show). Each is refused with a clear error, and the cache file's content
 * is exactly what it was. The hostile server is a libsoup server in a
 * thread of this test: the real one never misbehaves this way. */

#include "config.h"

#include <string.h>

#include "baladi-store-lookups.h"
#include "baladi-store-sync.h"
#include "baladi-sync-client.h"
#include "baladi-sync-json.h"
#include "baladi-test-server.h"

static char *root;

typedef struct {
  GMutex        lock;
  GCond         ready;
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *uri;
  GBytes       *body;
  GBytes       *lookups;  /* NULL: valid and empty lists */
} Hostile;

static void
changes_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Hostile *hostile = user_data;
  g_autoptr(GBytes) body = NULL;

  g_mutex_lock (&hostile->lock);
  body = g_bytes_ref (hostile->body);
  g_mutex_unlock (&hostile->lock);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* The reference lists a full sync asks for first: valid and empty, since
 * the breakage under test is in the changes, unless a test breaks them
 * (and then without service_categories, as a server before them). */
static void
lookups_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  static const char empty[] = "{\"municipalities\": [], \"sectors\": [], \"categories\": [], \"staff\": []}";
  Hostile *hostile = user_data;
  g_autoptr(GBytes) lookups = NULL;

  g_mutex_lock (&hostile->lock);
  lookups = hostile->lookups != NULL ? g_bytes_ref (hostile->lookups) : g_bytes_new_static (empty, strlen (empty));
  g_mutex_unlock (&hostile->lock);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (lookups, NULL), g_bytes_get_size (lookups));
}

static gpointer
hostile_thread (gpointer data)
{
  Hostile *hostile = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (hostile->context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/api/v1/changes", changes_cb, hostile, NULL);
  soup_server_add_handler (server, "/api/v1/lookups", lookups_cb, hostile, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);

  g_mutex_lock (&hostile->lock);
  hostile->uri = g_uri_to_string (uris->data);
  g_cond_signal (&hostile->ready);
  g_mutex_unlock (&hostile->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (hostile->loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (hostile->context);

  return NULL;
}

static void
hostile_start (Hostile *hostile)
{
  g_mutex_init (&hostile->lock);
  g_cond_init (&hostile->ready);
  hostile->context = g_main_context_new ();
  hostile->loop = g_main_loop_new (hostile->context, FALSE);
  hostile->body = g_bytes_new_static ("{}", 2);
  hostile->thread = g_thread_new ("hostile-server", hostile_thread, hostile);

  g_mutex_lock (&hostile->lock);
  while (hostile->uri == NULL)
    g_cond_wait (&hostile->ready, &hostile->lock);
  g_mutex_unlock (&hostile->lock);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
hostile_stop (Hostile *hostile)
{
  g_main_context_invoke (hostile->context, quit_cb, hostile->loop);
  g_thread_join (hostile->thread);
  g_main_loop_unref (hostile->loop);
  g_main_context_unref (hostile->context);
  g_bytes_unref (hostile->body);
  g_clear_pointer (&hostile->lookups, g_bytes_unref);
  g_free (hostile->uri);
  g_mutex_clear (&hostile->lock);
  g_cond_clear (&hostile->ready);
}

static void
hostile_set (Hostile *hostile,
             GBytes  *body)
{
  g_mutex_lock (&hostile->lock);
  g_bytes_unref (hostile->body);
  hostile->body = g_bytes_ref (body);
  g_mutex_unlock (&hostile->lock);
}

/* The rows of @queries, as one digest; @n_rows says how many there were. */
static char *
digest (BaladiStore        *store,
        const char * const *queries,
        guint              *n_rows)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  *n_rows = 0;
  for (guint t = 0; queries[t] != NULL; t++)
    {
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), queries[t], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          (*n_rows)++;
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const guchar *text = sqlite3_column_text (stmt, c);

              g_checksum_update (checksum, text != NULL ? text : (const guchar *) "\x01NULL", -1);
              g_checksum_update (checksum, (const guchar *) "\x02", 1);
            }
        }
      sqlite3_finalize (stmt);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Everything the cache holds, as one digest. */
static char *
fingerprint (BaladiStore *store)
{
  static const char *tables[] = {
    "SELECT * FROM requests ORDER BY id", "SELECT * FROM events ORDER BY id",
    "SELECT * FROM services ORDER BY code", "SELECT * FROM meta ORDER BY key",
    "SELECT * FROM outbox ORDER BY id", "SELECT rowid, * FROM requests_search ORDER BY rowid", NULL,
  };
  guint n_rows;
  char *result = digest (store, tables, &n_rows);

  g_assert_cmpuint (n_rows, >, 100);

  return result;
}

/* The real server's first page, with its first request changed so that
 * storing it would show, and handed to @mutate to be broken. */
static GBytes *
hostile_page (const char  *real_page,
              void       (*mutate) (JsonObject *page, JsonObject *first, JsonObject *last),
              const char  *replace_from,
              const char  *replace_to)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *page, *first, *last;
  JsonArray *changes;
  g_autofree char *text = NULL;

  g_assert_true (json_parser_load_from_data (parser, real_page, -1, NULL));
  page = json_node_get_object (json_parser_get_root (parser));
  changes = json_object_get_array_member (page, "changes");
  first = NULL;
  last = NULL;
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "kind"), "request"))
        {
          if (first == NULL)
            first = json_object_get_object_member (change, "entity");
          last = json_object_get_object_member (change, "entity");
        }
    }
  g_assert_true (first != last);
  json_object_set_string_member (first, "subject", "لا ينبغي أن يُحفظ هذا");
  json_object_set_string_member (first, "version", "999");
  json_object_set_string_member (page, "cursor", "not-to-be-stored");
  if (mutate != NULL)
    mutate (page, first, last);

  text = json_to_string (json_parser_get_root (parser), FALSE);
  if (replace_from != NULL)
    {
      g_autoptr(GString) string = g_string_new (text);

      g_assert_nonnull (strstr (string->str, replace_from));
      g_string_replace (string, replace_from, replace_to, 1);
      return g_bytes_new (string->str, string->len);
    }
  return g_bytes_new_take (g_steal_pointer (&text), strlen (text));
}

static void
huge_string (JsonObject *page, JsonObject *first, JsonObject *last)
{
  g_autofree char *huge = g_strnfill (2 * 1024 * 1024, 'x');

  json_object_set_string_member (last, "description", huge);
}

static void
huge_event (JsonObject *page, JsonObject *first, JsonObject *last)
{
  g_autofree char *huge = g_strnfill (BALADI_SYNC_MAX_STRING + 1, 'x');
  JsonArray *events = json_object_get_array_member (last, "events");

  json_object_set_string_member (json_array_get_object_element (events, 0), "body", huge);
}

static void
wrong_type (JsonObject *page, JsonObject *first, JsonObject *last)
{
  json_object_set_int_member (last, "subject", 5);
}

static void
wrong_has_more (JsonObject *page, JsonObject *first, JsonObject *last)
{
  json_object_set_string_member (page, "has_more", "no");
}

static void
wrong_events (JsonObject *page, JsonObject *first, JsonObject *last)
{
  json_object_set_string_member (last, "events", "none");
}

static void
mark_last (JsonObject *page, JsonObject *first, JsonObject *last)
{
  json_object_set_string_member (last, "reference", "@@MARK@@");
}

static void
mark_version (JsonObject *page, JsonObject *first, JsonObject *last)
{
  json_object_set_string_member (last, "version", "@@MARK@@");
}

typedef struct {
  const char *what;
  GBytes     *body;
  const char *message;
} Case;

static void
test_hostile_server (void)
{
  g_autoptr(BaladiTestServer) server = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = g_build_filename (root, "hostile.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *real_page = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiSyncClient) real = NULL;
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  BaladiPullStats stats;
  Hostile hostile = { 0, };
  g_autofree char *brackets = g_strnfill (200000, '[');
  g_autofree char *deep = g_strconcat ("{\"changes\": ", brackets, NULL);
  gsize too_large_len = BALADI_SYNC_MAX_RESPONSE + 1024;
  char *too_large = g_strnfill (too_large_len, ' ');
  Case cases[9];
  guint n_cases = 0;

  {
    const char *args[] = { "--rate-limit", "0", "--seed-requests", "40", "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };

    server = baladi_test_server_start_with (args);
  }
  token = baladi_test_server_login (server, "director");
  real = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_assert_true (baladi_sync_client_login (real, "director", "Baladi#2026", NULL, &error));
  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_pull (real, store, &stats, NULL, &error));
  g_assert_no_error (error);
  before = fingerprint (store);

  /* The page the real server sends, to break. */
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/changes?limit=1000", token, NULL, NULL, NULL, 0,
                                             &json, NULL), ==, 200);
  real_page = json_to_string (json, FALSE);

  cases[n_cases++] = (Case) { "deep nesting", g_bytes_new (deep, strlen (deep)), "nested too deeply" };
  cases[n_cases++] = (Case) { "30-digit number", hostile_page (real_page, mark_version, "\"@@MARK@@\"",
                                                                            "123456789012345678901234567890"), "“version”" };
  cases[n_cases++] = (Case) { "wrong type", hostile_page (real_page, wrong_type, NULL, NULL), "“subject”" };
  cases[n_cases++] = (Case) { "wrong type of has_more", hostile_page (real_page, wrong_has_more, NULL, NULL), "has_more" };
  cases[n_cases++] = (Case) { "wrong type of events", hostile_page (real_page, wrong_events, NULL, NULL), "events" };
  cases[n_cases++] = (Case) { "huge string", hostile_page (real_page, huge_string, NULL, NULL), "“description” longer" };
  cases[n_cases++] = (Case) { "huge event", hostile_page (real_page, huge_event, NULL, NULL), "“body” longer" };
  cases[n_cases++] = (Case) { "invalid UTF-8", hostile_page (real_page, mark_last, "@@MARK@@", "CAP-\xff\xfe"), "UTF-8" };
  too_large[0] = '{';
  cases[n_cases++] = (Case) { "answer past the cap", g_bytes_new_take (too_large, too_large_len), "too large" };
  g_assert_cmpuint (n_cases, ==, G_N_ELEMENTS (cases));

  hostile_start (&hostile);
  client = baladi_sync_client_new (hostile.uri);

  /* The unbroken page is taken, so each refusal below is the breakage's. */
  {
    g_autofree char *fine_path = g_build_filename (root, "fine.db", NULL);
    g_autoptr(BaladiStore) fine = baladi_store_open (fine_path, &error);
    g_autoptr(GBytes) body = hostile_page (real_page, NULL, NULL, NULL);

    hostile_set (&hostile, body);
    g_assert_true (baladi_sync_client_pull (client, fine, &stats, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.n_requests, >=, 2);
  }

  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *after = NULL;
      g_autofree char *cursor = NULL;

      g_test_message ("%s", cases[i].what);
      hostile_set (&hostile, cases[i].body);
      g_assert_false (baladi_sync_client_pull (client, store, &stats, NULL, &error));
      g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("%s: the error “%s” does not say “%s”", cases[i].what, error->message, cases[i].message);
      g_clear_error (&error);

      after = fingerprint (store);
      g_assert_cmpstr (after, ==, before);
      cursor = baladi_store_get_meta (store, "cursor");
      g_assert_cmpstr (cursor, !=, "not-to-be-stored");
      g_bytes_unref (cases[i].body);
    }

  hostile_stop (&hostile);
}

/* The lookups the cache holds, as one digest. */
static char *
lookups_fingerprint (BaladiStore *store)
{
  static const char *tables[] = { "SELECT kind, code, document FROM lookups ORDER BY kind, code", NULL };
  guint n_rows;

  return digest (store, tables, &n_rows);
}

static gint64
count_service_categories (BaladiStore *store)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT count(*) FROM lookups WHERE kind = 'service_categories'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

/* The real server's lookups with its service_categories replaced by
 * @list (JSON), or taken out if @list is NULL. */
static GBytes *
lookups_with (JsonNode   *real,
              const char *list)
{
  g_autoptr(JsonNode) copy = json_node_copy (real);
  JsonObject *lookups = json_node_get_object (copy);
  g_autofree char *text = NULL;

  json_object_remove_member (lookups, "service_categories");
  if (list != NULL)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node = json_from_string (list, &error);

      g_assert_no_error (error);
      json_object_set_member (lookups, "service_categories", node);
    }
  text = json_to_string (copy, FALSE);

  return g_bytes_new_take (g_steal_pointer (&text), strlen (text));
}

/* The names of the catalogue's categories: each entry's code, sector and
 * names are checked, a list of the wrong shape changes nothing, a server
 * without the list leaves the names as they are, and a list replaces
 * them whole. */
static void
test_hostile_lookups (void)
{
  static const struct {
    const char *what, *list;
  } cases[] = {
    { "not a list", "{\"code\": \"payments\"}" },
    { "an entry that is not an object", "[\"payments\"]" },
    { "a code that is a number", "[{\"code\": 7, \"sector\": \"municipalities\", \"name\": {\"ar\": \"س\", \"en\": \"P\"}}]" },
    { "no sector", "[{\"code\": \"payments\", \"name\": {\"ar\": \"س\", \"en\": \"P\"}}]" },
    { "a name that is text", "[{\"code\": \"payments\", \"sector\": \"municipalities\", \"name\": \"Payments\"}]" },
    { "no English name", "[{\"code\": \"payments\", \"sector\": \"municipalities\", \"name\": {\"ar\": \"س\"}}]" },
    { "an empty Arabic name", "[{\"code\": \"payments\", \"sector\": \"municipalities\", \"name\": {\"ar\": \"\", \"en\": \"P\"}}]" },
    { "an Arabic name that is a number",
      "[{\"code\": \"payments\", \"sector\": \"municipalities\", \"name\": {\"ar\": 5, \"en\": \"P\"}}]" },
    { "a bad entry after a good one",
      "[{\"code\": \"payments\", \"sector\": \"municipalities\", \"name\": {\"ar\": \"س\", \"en\": \"P\"}}, null]" },
  };
  g_autoptr(BaladiTestServer) server = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = g_build_filename (root, "lookups.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *name = NULL;
  g_autoptr(JsonNode) real_lookups = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiSyncClient) real = NULL;
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  Hostile hostile = { 0, };

  {
    const char *args[] = { "--rate-limit", "0", "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };

    server = baladi_test_server_start_with (args);
  }
  token = baladi_test_server_login (server, "clerk.capital");
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", token, NULL, NULL, NULL, 0,
                                             &real_lookups, NULL), ==, 200);
  real = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_assert_true (baladi_sync_client_login (real, "clerk.capital", "Baladi#2026", NULL, &error));
  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (baladi_sync_client_pull_lookups (real, store, NULL, &error));
  g_assert_no_error (error);

  /* The whole catalogue's names, from the real server. */
  g_assert_cmpint (count_service_categories (store), ==, 35);
  name = baladi_store_get_service_category_name (store, "customer-day", "en");
  g_assert_cmpstr (name, ==, "Customer Day Appointments");
  g_free (name);
  name = baladi_store_get_service_category_name (store, "customer-day", "ar");
  g_assert_cmpstr (name, ==, "مواعيد يوم العميل");
  g_free (name);
  /* A request category is not a catalogue one. */
  name = baladi_store_get_service_category_name (store, "street-lighting", "en");
  g_assert_null (name);
  before = lookups_fingerprint (store);

  hostile_start (&hostile);
  client = baladi_sync_client_new (hostile.uri);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *after = NULL;

      g_test_message ("%s", cases[i].what);
      g_mutex_lock (&hostile.lock);
      g_clear_pointer (&hostile.lookups, g_bytes_unref);
      hostile.lookups = lookups_with (real_lookups, cases[i].list);
      g_mutex_unlock (&hostile.lock);

      g_assert_false (baladi_sync_client_pull_lookups (client, store, NULL, &error));
      g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
      if (strstr (error->message, "service_categories") == NULL)
        g_error ("%s: the error “%s” does not name service_categories", cases[i].what, error->message);
      g_clear_error (&error);
      after = lookups_fingerprint (store);
      g_assert_cmpstr (after, ==, before);
    }

  /* A server from before the list: the names stay. */
  g_mutex_lock (&hostile.lock);
  g_clear_pointer (&hostile.lookups, g_bytes_unref);
  hostile.lookups = lookups_with (real_lookups, NULL);
  g_mutex_unlock (&hostile.lock);
  g_assert_true (baladi_sync_client_pull_lookups (client, store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_service_categories (store), ==, 35);

  /* A list replaces the names whole. */
  g_mutex_lock (&hostile.lock);
  g_clear_pointer (&hostile.lookups, g_bytes_unref);
  hostile.lookups = lookups_with (real_lookups, "[{\"code\": \"payments\", \"sector\": \"municipalities\", "
                                                "\"name\": {\"ar\": \"المدفوعات\", \"en\": \"Payments\"}}]");
  g_mutex_unlock (&hostile.lock);
  g_assert_true (baladi_sync_client_pull_lookups (client, store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_service_categories (store), ==, 1);
  name = baladi_store_get_service_category_name (store, "payments", "ar");
  g_assert_cmpstr (name, ==, "المدفوعات");
  g_free (name);
  name = baladi_store_get_service_category_name (store, "customer-day", "en");
  g_assert_null (name);

  hostile_stop (&hostile);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("baladi-hostile-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/sync/hostile-server", test_hostile_server);
  g_test_add_func ("/sync/hostile-lookups", test_hostile_lookups);

  ret = g_test_run ();

  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
