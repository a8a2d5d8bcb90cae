/* test-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reply templates between a real baladi-server and a real cache file: a
 * sync brings them, a supervisor's save and deletion reach the server and
 * the cache, a stale save fails and the cache takes the server's version,
 * a clerk is refused. Then a hostile server (a libsoup server on this
 * test's main loop, the client in a thread) sends broken lists, each
 * refused whole with the cache unchanged. */

#include "config.h"

#include <string.h>

#include "baladi-store-sync.h"
#include "baladi-sync-client.h"
#include "baladi-sync-json.h"
#include "baladi-sync-templates.h"
#include "baladi-test-server.h"
#include "baladi-test-store.h"

static char *root;

#define new_store(name) baladi_test_store_open (root, (name))

#define count(store, sql) baladi_test_store_count ((store), (sql), NULL)

static BaladiSyncClient *
logged_in (const char *uri,
           const char *user)
{
  BaladiSyncClient *client = baladi_sync_client_new (uri);
  g_autoptr(GError) error = NULL;

  g_assert_true (baladi_sync_client_login (client, user, "Baladi#2026", NULL, &error));
  g_assert_no_error (error);
  return client;
}

static BaladiReplyTemplate *
new_template (const char *title_en,
              const char *body_en)
{
  BaladiReplyTemplate *template = g_new0 (BaladiReplyTemplate, 1);

  template->title_ar = g_strdup ("بلاغ مكرر");
  template->title_en = g_strdup (title_en);
  template->body_ar = g_strdup ("السيد/السيدة {citizen}، بلاغكم {reference} مكرر.");
  template->body_en = g_strdup (body_en);
  return template;
}

static void
test_sync_and_manage (void)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", "20", "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autoptr(BaladiSyncClient) supervisor = logged_in (baladi_test_server_get_uri (server), "supervisor.capital");
  g_autoptr(BaladiSyncClient) clerk = logged_in (baladi_test_server_get_uri (server), "clerk.capital");
  g_autoptr(BaladiStore) store = new_store ("manage.db");
  g_autoptr(BaladiStore) clerk_store = new_store ("manage-clerk.db");
  g_autoptr(BaladiReplyTemplate) draft = new_template ("Duplicate", "Dear {citizen}, {reference} is a duplicate.");
  g_autoptr(BaladiReplyTemplate) saved = NULL;
  g_autoptr(BaladiReplyTemplate) edited = NULL;
  g_autoptr(BaladiReplyTemplate) stale = NULL;
  g_autoptr(BaladiReplyTemplate) cached = NULL;
  g_autoptr(BaladiReplyTemplate) refused = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(JsonNode) on_server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *path = NULL;
  BaladiPullStats stats;

  /* The first sync brings the five templates. */
  g_assert_true (baladi_sync_client_pull (supervisor, store, &stats, NULL, &error));
  g_assert_no_error (error);
  listed = baladi_store_list_reply_templates (store, "ar");
  g_assert_cmpuint (listed->len, ==, 5);
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (listed, 0))->title, ==, "إشعار بالاستلام");
  g_assert_nonnull (strstr (((BaladiReplyTemplate *) g_ptr_array_index (listed, 3))->body_en, "{requirements}"));

  /* A supervisor creates one: on the server and in the cache. */
  saved = baladi_sync_client_save_template (supervisor, store, draft, &field, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  g_assert_null (field);
  g_assert_cmpint (saved->version, ==, 1);
  g_assert_cmpint (saved->position, ==, 6);
  path = g_strconcat ("/api/v1/templates", NULL);
  g_assert_cmpuint (baladi_test_server_call (server, "GET", path, baladi_sync_client_get_token (clerk), NULL, NULL,
                                             NULL, 0, &on_server, NULL), ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (on_server), "templates")), ==, 6);
  cached = baladi_store_get_reply_template (store, saved->id, "en");
  g_assert_cmpstr (cached->title, ==, "Duplicate");
  g_assert_cmpstr (cached->body_en, ==, "Dear {citizen}, {reference} is a duplicate.");

  /* An edit on the version just saved. */
  g_free (saved->title_en);
  saved->title_en = g_strdup ("Already reported");
  edited = baladi_sync_client_save_template (supervisor, store, saved, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (edited->version, ==, 2);
  g_clear_pointer (&cached, baladi_reply_template_free);
  cached = baladi_store_get_reply_template (store, saved->id, "en");
  g_assert_cmpstr (cached->title, ==, "Already reported");

  /* The same edit on version 1 again is stale: the cache takes the
   * server's version 2, the caller learns it. */
  g_free (saved->body_en);
  saved->body_en = g_strdup ("Dear {citizen}, see {reference}.");
  stale = baladi_sync_client_save_template (supervisor, store, saved, NULL, NULL, &error);
  g_assert_null (stale);
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_STALE);
  g_clear_error (&error);
  g_clear_pointer (&cached, baladi_reply_template_free);
  cached = baladi_store_get_reply_template (store, saved->id, "en");
  g_assert_cmpint (cached->version, ==, 2);
  g_assert_cmpstr (cached->body_en, ==, "Dear {citizen}, {reference} is a duplicate.");

  /* An unknown variable: refused, naming the field; nothing stored. */
  g_free (edited->body_en);
  edited->body_en = g_strdup ("Dear {name}");
  refused = baladi_sync_client_save_template (supervisor, store, edited, &field, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_REFUSED);
  g_assert_cmpstr (field, ==, "body.en");
  g_assert_nonnull (strstr (error->message, "{name}"));
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* A clerk may not. */
  g_assert_null (baladi_sync_client_save_template (clerk, clerk_store, draft, NULL, NULL, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (baladi_sync_client_delete_template (clerk, clerk_store, "acknowledge", 1, NULL, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_REFUSED);
  g_clear_error (&error);

  /* Deleting on a stale version fails; on the current one it goes. */
  g_assert_false (baladi_sync_client_delete_template (supervisor, store, saved->id, 1, NULL, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_STALE);
  g_clear_error (&error);
  g_assert_true (baladi_sync_client_delete_template (supervisor, store, saved->id, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM reply_templates"), ==, 5);

  /* Deleted by someone else already: gone from a cache that still had it. */
  g_assert_true (baladi_store_put_reply_template (store, edited, &error));
  g_assert_cmpint (count (store, "SELECT count(*) FROM reply_templates"), ==, 6);
  g_assert_true (baladi_sync_client_delete_template (supervisor, store, saved->id, 2, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM reply_templates"), ==, 5);

  /* The clerk's cache, synced only now, has the server's five. */
  g_assert_true (baladi_sync_client_pull (clerk, clerk_store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (clerk_store, "SELECT count(*) FROM reply_templates"), ==, 5);
  g_assert_cmpint (count (clerk_store, "SELECT count(*) FROM reply_templates WHERE id = 'acknowledge'"), ==, 1);
}

/* ---- A hostile server --------------------------------------------------- */

typedef struct {
  const char         *body;
  BaladiSyncClient   *client;
  BaladiStore        *store;
  GError             *error;
  gboolean            ok;
  gboolean            done;
} Hostile;

static void
templates_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Hostile *hostile = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, hostile->body, strlen (hostile->body));
}

static gpointer
pull_thread (gpointer data)
{
  Hostile *hostile = data;

  hostile->ok = baladi_sync_client_pull_templates (hostile->client, hostile->store, NULL, &hostile->error);
  g_atomic_int_set (&hostile->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

#define GOOD_TEMPLATE \
  "{\"id\": \"acknowledge\", \"title\": {\"ar\": \"إشعار\", \"en\": \"Ack\"}, " \
  "\"body\": {\"ar\": \"نص\", \"en\": \"Text\"}, \"position\": 1, \"version\": \"2\", " \
  "\"updated_at\": \"2026-01-05T08:00:00Z\", \"updated_by\": null}"

static void
test_hostile (void)
{
  static const char *bodies[] = {
    "[]",
    "{\"templates\": {}}",
    "{\"templates\": [" GOOD_TEMPLATE ", 5]}",
    "{\"templates\": [" GOOD_TEMPLATE ", {\"id\": 7}]}",
    "{\"templates\": [{\"id\": \"x\", \"title\": {\"ar\": \"أ\", \"en\": 1}, \"body\": {\"ar\": \"ب\", \"en\": \"b\"}, "
      "\"position\": 1, \"version\": \"1\", \"updated_at\": \"t\", \"updated_by\": null}]}",
    "{\"templates\": [{\"id\": \"x\", \"title\": {\"ar\": \"أ\", \"en\": \"a\"}, \"body\": [\"ب\", \"b\"], "
      "\"position\": 1, \"version\": \"1\", \"updated_at\": \"t\", \"updated_by\": null}]}",
    "{\"templates\": [{\"id\": \"x\", \"title\": {\"ar\": \"أ\", \"en\": \"a\"}, \"body\": {\"ar\": \"ب\", \"en\": \"b\"}, "
      "\"position\": 1.5, \"version\": \"1\", \"updated_at\": \"t\", \"updated_by\": null}]}",
    "{\"templates\": [{\"id\": \"x\", \"title\": {\"ar\": \"أ\", \"en\": \"a\"}, \"body\": {\"ar\": \"ب\", \"en\": \"b\"}, "
      "\"position\": 1, \"version\": 1, \"updated_at\": \"t\", \"updated_by\": null}]}",
    "{\"templates\": [{\"id\": \"x\", \"title\": {\"ar\": \"أ\", \"en\": \"a\"}, \"body\": {\"ar\": \"ب\", \"en\": \"b\"}, "
      "\"position\": 1, \"version\": \"1\", \"updated_at\": \"t\", \"updated_by\": 3}]}",
    "{\"templates\": [{\"id\": \"../x\", \"title\": {\"ar\": \"أ\", \"en\": \"a\"}, \"body\": {\"ar\": \"ب\", \"en\": \"b\"}, "
      "\"position\": 1, \"version\": \"1\", \"updated_at\": \"t\", \"updated_by\": null}]}",
    "{\"templates\": [{\"id\": \"x\", \"title\": {\"ar\": \"\", \"en\": \"a\"}, \"body\": {\"ar\": \"ب\", \"en\": \"b\"}, "
      "\"position\": 1, \"version\": \"1\", \"updated_at\": \"t\", \"updated_by\": null}]}",
  };
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(BaladiStore) store = new_store ("hostile.db");
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *before = NULL;
  Hostile hostile = { GOOD_TEMPLATE, NULL, store, NULL, FALSE, FALSE };
  g_autofree char *good = g_strdup ("{\"templates\": [" GOOD_TEMPLATE "]}");
  GSList *uris;

  soup_server_add_handler (server, "/api/v1/templates", templates_cb, &hostile, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (g_str_has_suffix (uri, "/"))
    uri[strlen (uri) - 1] = '\0';
  client = baladi_sync_client_new (uri);
  hostile.client = client;

  /* A good list first, so that any change would show. */
  for (guint i = 0; i <= G_N_ELEMENTS (bodies); i++)
    {
      GThread *thread;

      hostile.body = i == 0 ? good : bodies[i - 1];
      hostile.done = FALSE;
      g_clear_error (&hostile.error);
      thread = g_thread_new ("pull", pull_thread, &hostile);
      while (!g_atomic_int_get (&hostile.done))
        g_main_context_iteration (NULL, TRUE);
      g_thread_join (thread);

      if (i == 0)
        {
          g_assert_no_error (hostile.error);
          g_assert_true (hostile.ok);
          g_assert_cmpint (count (store, "SELECT count(*) FROM reply_templates WHERE title_en = 'Ack' AND version = 2"), ==, 1);
          continue;
        }

      g_test_message ("%s → %s", hostile.body, hostile.error != NULL ? hostile.error->message : "accepted");
      g_assert_false (hostile.ok);
      g_assert_error (hostile.error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
      g_assert_cmpint (count (store, "SELECT count(*) FROM reply_templates"), ==, 1);
      g_assert_cmpint (count (store, "SELECT count(*) FROM reply_templates WHERE title_en = 'Ack' AND version = 2"), ==, 1);
    }
  g_clear_error (&hostile.error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  root = g_dir_make_tmp ("baladi-templates-XXXXXX", &error);
  g_assert_no_error (error);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/templates/sync-and-manage", test_sync_and_manage);
  g_test_add_func ("/templates/hostile", test_hostile);

  ret = g_test_run ();

  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
