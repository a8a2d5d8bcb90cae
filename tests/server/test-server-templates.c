/* test-server-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reply templates on the real baladi-server: the seeded five, creating,
 * changing and deleting them as a supervisor, what other roles get, the
 * validation of each field and the version check. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "baladi-test-server.h"

static JsonArray *
list_templates (BaladiTestServer *server,
                const char       *token,
                JsonNode        **root)
{
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/templates", token, NULL, NULL, NULL, 0, root, NULL), ==, 200);
  return json_object_get_array_member (json_node_get_object (*root), "templates");
}

static JsonObject *
find (JsonArray  *templates,
      const char *id)
{
  for (guint i = 0; i < json_array_get_length (templates); i++)
    {
      JsonObject *template = json_array_get_object_element (templates, i);

      if (g_str_equal (json_object_get_string_member (template, "id"), id))
        return template;
    }

  return NULL;
}

static void
test_seeded (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autoptr(JsonNode) root = NULL;
  JsonArray *templates = list_templates (server, clerk, &root);
  JsonObject *first;

  /* Every signed-in role reads them, in the order of their positions. */
  g_assert_cmpuint (json_array_get_length (templates), ==, 5);
  first = json_array_get_object_element (templates, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "acknowledge");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "title"), "ar"), ==, "إشعار بالاستلام");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "title"), "en"), ==, "Acknowledge");
  g_assert_nonnull (strstr (json_object_get_string_member (json_object_get_object_member (first, "body"), "en"), "{reference}"));
  g_assert_cmpstr (json_object_get_string_member (first, "version"), ==, "1");
  g_assert_true (json_object_get_null_member (first, "updated_by"));
  for (guint i = 1; i < json_array_get_length (templates); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (templates, i - 1), "position"), <,
                     json_object_get_int_member (json_array_get_object_element (templates, i), "position"));
  g_assert_nonnull (find (templates, "service-requirements"));

  /* No token, no templates. */
  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/templates", NULL, NULL, NULL, NULL, 0, NULL, NULL), ==, 401);
}

#define NEW_TEMPLATE \
  "{\"id\": \"closed-duplicate\", \"title\": {\"ar\": \"بلاغ مكرر\", \"en\": \"Duplicate\"}, " \
  "\"body\": {\"ar\": \"السيد/السيدة {citizen}، بلاغكم {reference} مكرر.\", " \
  "\"en\": \"Dear {citizen}, your request {reference} is a duplicate.\"}}"

static void
test_supervisor_writes (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *supervisor = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *clerk = baladi_test_server_login (server, "clerk.capital");
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) edited = NULL;
  g_autoptr(JsonNode) replayed = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) generated = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  JsonObject *object;
  JsonArray *templates;

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates", supervisor, NULL, "t-1",
                                             NEW_TEMPLATE, -1, &created, &headers), ==, 201);
  object = json_node_get_object (created);
  g_assert_cmpstr (json_object_get_string_member (object, "id"), ==, "closed-duplicate");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (object, "updated_by"), ==, "supervisor.capital");
  g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, "\"v1\"");
  /* Without a position it comes last: after the five seeded ones. */
  g_assert_cmpint (json_object_get_int_member (object, "position"), ==, 6);

  /* The same key again: the first answer, nothing created twice. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates", supervisor, NULL, "t-1",
                                             NEW_TEMPLATE, -1, &replayed, NULL), ==, 201);
  /* Another key with the same id: it exists. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates", supervisor, NULL, "t-2",
                                             NEW_TEMPLATE, -1, NULL, NULL), ==, 409);
  /* No key: refused like every write. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates", supervisor, NULL, NULL,
                                             NEW_TEMPLATE, -1, NULL, NULL), ==, 400);

  /* Without an id, the server makes one. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates", supervisor, NULL, "t-3",
                                             "{\"title\": {\"ar\": \"شكر\", \"en\": \"Thanks\"}, "
                                             "\"body\": {\"ar\": \"شكرًا\", \"en\": \"Thank you\"}, \"position\": 0}",
                                             -1, &generated, NULL), ==, 201);
  g_assert_cmpuint (strlen (json_object_get_string_member (json_node_get_object (generated), "id")), ==, 36);

  /* A change of the title alone keeps the body, and bumps the version. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates/closed-duplicate", supervisor, "\"v1\"", "t-4",
                                             "{\"title\": {\"ar\": \"بلاغ مكرر سابقًا\", \"en\": \"Already reported\"}}",
                                             -1, &edited, NULL), ==, 200);
  object = json_node_get_object (edited);
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "title"), "en"), ==, "Already reported");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "body"), "en"), ==,
                   "Dear {citizen}, your request {reference} is a duplicate.");

  /* Everyone sees it, the one at position 0 first. */
  templates = list_templates (server, clerk, &root);
  g_assert_cmpuint (json_array_get_length (templates), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (templates, 0), "id"), ==,
                   json_object_get_string_member (json_node_get_object (generated), "id"));
  g_assert_nonnull (find (templates, "closed-duplicate"));

  /* Deleting needs the current version too. */
  g_assert_cmpuint (baladi_test_server_call (server, "DELETE", "/api/v1/templates/closed-duplicate", supervisor, NULL, "t-5",
                                             NULL, 0, NULL, NULL), ==, 428);
  g_assert_cmpuint (baladi_test_server_call (server, "DELETE", "/api/v1/templates/closed-duplicate", supervisor, "\"v1\"", "t-6",
                                             NULL, 0, NULL, NULL), ==, 412);
  g_assert_cmpuint (baladi_test_server_call (server, "DELETE", "/api/v1/templates/closed-duplicate", supervisor, "\"v2\"", "t-7",
                                             NULL, 0, NULL, NULL), ==, 204);
  g_assert_cmpuint (baladi_test_server_call (server, "DELETE", "/api/v1/templates/closed-duplicate", supervisor, "\"v2\"", "t-8",
                                             NULL, 0, NULL, NULL), ==, 404);
  templates = list_templates (server, clerk, &after);
  g_assert_cmpuint (json_array_get_length (templates), ==, 6);
  g_assert_null (find (templates, "closed-duplicate"));
}

static void
test_roles (void)
{
  static const char *others[] = { "clerk.capital", "director", "editor", NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();

  for (guint i = 0; others[i] != NULL; i++)
    {
      g_autofree char *token = baladi_test_server_login (server, others[i]);
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonNode) error = NULL;

      g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates", token, NULL, "r-1",
                                                 NEW_TEMPLATE, -1, &error, NULL), ==, 403);
      g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates/acknowledge", token, "\"v1\"", "r-2",
                                                 "{\"position\": 9}", -1, NULL, NULL), ==, 403);
      g_assert_cmpuint (baladi_test_server_call (server, "DELETE", "/api/v1/templates/acknowledge", token, "\"v1\"", "r-3",
                                                 NULL, 0, NULL, NULL), ==, 403);
      /* …and nothing changed. */
      g_assert_cmpstr (json_object_get_string_member (find (list_templates (server, token, &root), "acknowledge"), "version"), ==, "1");
    }
}

/* The field the first error names. */
static char *
refused_field (BaladiTestServer *server,
               const char       *token,
               const char       *path,
               const char       *if_match,
               const char       *body)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *key = g_uuid_string_random ();
  JsonArray *errors;

  g_assert_cmpuint (baladi_test_server_call (server, "POST", path, token, if_match, key, body, -1, &answer, NULL), ==, 422);
  errors = json_object_get_array_member (json_node_get_object (answer), "errors");
  return g_strdup (json_object_get_string_member (json_array_get_object_element (errors, 0), "field"));
}

static void
test_validation (void)
{
  static const struct {
    const char *body;
    const char *field;
  } cases[] = {
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": \"Title\"}, \"body\": {\"ar\": \"نص {citizen}\", \"en\": \"Text {name}\"}}", "body.en" },
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": \"Title\"}, \"body\": {\"ar\": \"نص {اسم}\", \"en\": \"Text\"}}", "body.ar" },
    { "{\"title\": {\"ar\": \"\", \"en\": \"Title\"}, \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}}", "title.ar" },
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": \"Title\"}, \"body\": {\"ar\": \"نص\", \"en\": \" \\n \"}}", "body.en" },
    { "{\"title\": {\"ar\": \"عنوان\"}, \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}}", "title.en" },
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": 5}, \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}}", "title.en" },
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": \"Title\"}}", "body" },
    { "{\"title\": \"Title\", \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}}", "title" },
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": \"Title\", \"fr\": \"Titre\"}, \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}}", "title.fr" },
    { "{\"id\": \"Not Valid\", \"title\": {\"ar\": \"عنوان\", \"en\": \"Title\"}, \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}}", "id" },
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": \"Title\"}, \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}, \"position\": \"1\"}", "position" },
    { "{\"title\": {\"ar\": \"عنوان\", \"en\": \"Title\"}, \"body\": {\"ar\": \"نص\", \"en\": \"Text\"}, \"colour\": \"red\"}", "colour" },
  };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *token = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *long_title = NULL;
  g_autofree char *field = NULL;
  g_autofree char *empty = NULL;
  g_autoptr(GString) long_body = g_string_new ("{\"title\": {\"ar\": \"طويل\", \"en\": \"Long\"}, \"body\": {\"ar\": \"");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) ok = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *refused = refused_field (server, token, "/api/v1/templates", NULL, cases[i].body);

      if (g_strcmp0 (refused, cases[i].field) != 0)
        g_error ("Case %u: the error names %s, expected %s", i, refused, cases[i].field);
    }

  /* Sizes: 80 characters of title, 4000 of body. */
  for (guint i = 0; i < 4001; i++)
    g_string_append (long_body, "ب");
  g_string_append (long_body, "\", \"en\": \"Text\"}}");
  field = refused_field (server, token, "/api/v1/templates", NULL, long_body->str);
  g_assert_cmpstr (field, ==, "body.ar");
  g_clear_pointer (&field, g_free);
  long_title = g_strdup_printf ("{\"title\": {\"ar\": \"عنوان\", \"en\": \"%0*d\"}}", 81, 0);
  field = refused_field (server, token, "/api/v1/templates/acknowledge", "\"v1\"", long_title);
  g_assert_cmpstr (field, ==, "title.en");

  /* An empty change is refused; braces around nothing are text. */
  empty = refused_field (server, token, "/api/v1/templates/acknowledge", "\"v1\"", "{}");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates", token, NULL, "v-ok",
                                             "{\"title\": {\"ar\": \"أقواس\", \"en\": \"Braces\"}, "
                                             "\"body\": {\"ar\": \"{ {citizen} }\", \"en\": \"a { b } {due}\"}}",
                                             -1, &ok, NULL), ==, 201);

  /* Nothing refused was stored. */
  g_assert_cmpuint (json_array_get_length (list_templates (server, token, &root)), ==, 6);
}

static void
test_stale (void)
{
  g_autoptr(BaladiTestServer) server = baladi_test_server_start ();
  g_autofree char *first = baladi_test_server_login (server, "supervisor.capital");
  g_autofree char *second = baladi_test_server_login (server, "supervisor.north-south");
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *current;

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates/resolved", first, "\"v1\"", "s-1",
                                             "{\"body\": {\"ar\": \"تم الحل {reference}\", \"en\": \"Solved {reference}\"}}",
                                             -1, NULL, NULL), ==, 200);
  /* The second supervisor still has version 1. */
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates/resolved", second, "\"v1\"", "s-2",
                                             "{\"position\": 1}", -1, &answer, NULL), ==, 412);
  current = json_object_get_object_member (json_node_get_object (answer), "current");
  g_assert_cmpstr (json_object_get_string_member (current, "version"), ==, "2");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (current, "body"), "en"), ==, "Solved {reference}");
  g_assert_cmpstr (json_object_get_string_member (current, "updated_by"), ==, "supervisor.capital");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (answer), "errors"), 0), "code"), ==, "version_mismatch");

  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates/nothing-here", first, "\"v1\"", "s-3",
                                             "{\"position\": 1}", -1, NULL, NULL), ==, 404);
  g_assert_cmpuint (baladi_test_server_call (server, "POST", "/api/v1/templates/resolved", first, NULL, "s-4",
                                             "{\"position\": 1}", -1, NULL, NULL), ==, 428);
}

/* A database of schema 1, from before templates, gets them on opening,
 * through every upgrade to schema 3. */
static void
test_upgrade_from_schema_1 (void)
{
  static const char *suffixes[] = { "", "-wal", "-shm" };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("baladi-schema-1-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *schema = NULL;
  g_autofree char *token = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(BaladiTestServer) server = NULL;
  const char *args[] = { "--db", path, NULL };
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (g_getenv ("BALADI_SERVER_SCHEMA"), &schema, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, schema, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  server = baladi_test_server_start_with (args);
  token = baladi_test_server_login (server, "clerk.capital");
  g_assert_cmpuint (json_array_get_length (list_templates (server, token, &root)), ==, 5);
  baladi_test_server_stop (g_steal_pointer (&server));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-templates/seeded", test_seeded);
  g_test_add_func ("/server-templates/supervisor-writes", test_supervisor_writes);
  g_test_add_func ("/server-templates/roles", test_roles);
  g_test_add_func ("/server-templates/validation", test_validation);
  g_test_add_func ("/server-templates/stale", test_stale);
  g_test_add_func ("/server-templates/upgrade-from-schema-1", test_upgrade_from_schema_1);

  return g_test_run ();
}
