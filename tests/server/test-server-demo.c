/* test-server-demo.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The generated demo requests, read back through the API as a director
 * would: realistic shares, histories that make sense, an on-time rate in
 * the nineties, and the same requests for the same seed. The catalogue's
 * categories all have names, also in a database older than their table. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "baladi-test-server.h"

#define N_REQUESTS 2000

typedef struct {
  GString    *fingerprint;
  GHashTable *ids;
  GHashTable *statuses;
  GHashTable *channels;
  GHashTable *municipalities;
  GPtrArray  *merged_into;
  guint       n_requests;
  guint       n_services;
  guint       n_replied;
  guint       n_on_time;
  guint       n_overdue_open;
  guint       n_arabic;
} Census;

static void
count (GHashTable *table,
       const char *key)
{
  g_hash_table_replace (table, g_strdup (key),
                        GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

static gboolean
has_arabic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x0621 && g_utf8_get_char (p) <= 0x064A)
      return TRUE;
  return FALSE;
}

static void
census_request (Census     *census,
                JsonObject *request,
                const char *now)
{
  const char *status = json_object_get_string_member (request, "status");
  const char *due = json_object_get_string_member (request, "due_at");
  const char *created = json_object_get_string_member (request, "created_at");
  const char *first_reply = json_object_get_string_member_with_default (request, "first_reply_at", NULL);
  JsonArray *events = json_object_get_array_member (request, "events");
  const char *previous = NULL;

  census->n_requests++;
  g_hash_table_add (census->ids, g_strdup (json_object_get_string_member (request, "id")));
  count (census->statuses, status);
  count (census->channels, json_object_get_string_member (request, "channel"));
  count (census->municipalities, json_object_get_string_member (request, "municipality"));
  g_string_append_printf (census->fingerprint, "%s %s %s\n",
                          json_object_get_string_member (request, "reference"), status, due);

  /* ISO 8601 in UTC compares as text. */
  g_assert_cmpstr (due, >, created);
  if (first_reply != NULL)
    {
      census->n_replied++;
      census->n_on_time += strcmp (first_reply, due) <= 0;
    }
  else if (strcmp (due, now) < 0 && !g_str_equal (status, "closed"))
    census->n_overdue_open++;

  if (!json_object_get_null_member (request, "merged_into"))
    g_ptr_array_add (census->merged_into, g_strdup (json_object_get_string_member (request, "merged_into")));

  /* The language of the text is the citizen's. */
  if (g_str_equal (json_object_get_string_member (request, "language"), "ar"))
    {
      census->n_arabic++;
      g_assert_true (has_arabic (json_object_get_string_member (request, "description")));
    }
  else
    {
      g_assert_false (has_arabic (json_object_get_string_member (request, "description")));
    }

  /* A history starts with its creation and runs forward in time. */
  g_assert_cmpuint (json_array_get_length (events), >=, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "kind"), ==, "created");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      const char *at = json_object_get_string_member (json_array_get_object_element (events, i), "created_at");

      if (previous != NULL)
        g_assert_cmpstr (at, >=, previous);
      previous = at;
    }
}

static void
take_census (Census     *census,
             const char *now_iso)
{
  const char *args[] = { "--rate-limit", "0", "--seed-requests", G_STRINGIFY (N_REQUESTS),
                         "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autofree char *token = baladi_test_server_login (server, "director");
  g_autofree char *cursor = NULL;
  gboolean has_more = TRUE;

  while (has_more)
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?limit=1000%s%s", escaped ? "&since=" : "", escaped ? escaped : "");
      g_autoptr(JsonNode) json = NULL;
      JsonArray *changes;

      g_assert_cmpuint (baladi_test_server_call (server, "GET", path, token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
      changes = json_object_get_array_member (json_node_get_object (json), "changes");
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          if (g_str_equal (json_object_get_string_member (change, "kind"), "request"))
            census_request (census, json_object_get_object_member (change, "entity"), now_iso);
          else
            census->n_services++;
        }
      has_more = json_object_get_boolean_member (json_node_get_object (json), "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (json_node_get_object (json), "cursor"));
    }
}

static void
census_init (Census *census)
{
  census->fingerprint = g_string_new (NULL);
  census->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  census->statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  census->channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  census->municipalities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  census->merged_into = g_ptr_array_new_with_free_func (g_free);
}

static void
census_clear (Census *census)
{
  g_string_free (census->fingerprint, TRUE);
  g_hash_table_unref (census->ids);
  g_hash_table_unref (census->statuses);
  g_hash_table_unref (census->channels);
  g_hash_table_unref (census->municipalities);
  g_ptr_array_unref (census->merged_into);
}

static void
test_demo_requests (void)
{
  static const char *statuses[] = { "closed", "answered", "in_progress", "assigned", "reopened" };
  Census first = { 0, }, second = { 0, };
  /* A fixed present: 22 November 2026, 09:00 in Bahrain. */
  const char *now_iso = "2026-11-22T06:00:00Z";
  double on_time;

  g_setenv ("BALADI_SERVER_DEMO_NOW", "1795327200", TRUE);
  census_init (&first);
  census_init (&second);
  take_census (&first, now_iso);
  take_census (&second, now_iso);

  g_assert_cmpuint (first.n_requests, ==, N_REQUESTS);
  /* The whole catalogue of data/demo. */
  g_assert_cmpuint (first.n_services, ==, 108);
  g_assert_cmpuint (g_hash_table_size (first.ids), ==, N_REQUESTS);
  /* The same seed and present give the same requests. */
  g_assert_cmpstr (first.fingerprint->str, ==, second.fingerprint->str);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (first.statuses, statuses[i])), >, 0);
  g_assert_cmpuint (g_hash_table_size (first.channels), ==, 7);
  g_assert_cmpuint (g_hash_table_size (first.municipalities), ==, 4);

  /* True-looking, not perfect. */
  on_time = (double) first.n_on_time / first.n_replied;
  g_test_message ("%u replied, on time %.4f, %u overdue and open, %u merged, %u in Arabic",
                  first.n_replied, on_time, first.n_overdue_open, first.merged_into->len, first.n_arabic);
  g_assert_cmpfloat (on_time, >=, 0.90);
  g_assert_cmpfloat (on_time, <=, 0.99);
  g_assert_cmpuint (first.n_overdue_open, >, 0);
  g_assert_cmpuint (first.merged_into->len, >, 0);
  for (guint i = 0; i < first.merged_into->len; i++)
    g_assert_true (g_hash_table_contains (first.ids, g_ptr_array_index (first.merged_into, i)));
  g_assert_cmpuint (first.n_arabic, >, N_REQUESTS * 6 / 10);
  g_assert_cmpuint (first.n_arabic, <, N_REQUESTS * 9 / 10);

  census_clear (&first);
  census_clear (&second);
}

/* The named categories of the lookups of a server on @db, by code: the
 * sector, then the names in Arabic and English, one a line. */
static GHashTable *
served_categories (const char *db)
{
  const char *args[] = { "--db", db, "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autoptr(JsonNode) json = NULL;
  GHashTable *categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *list;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/lookups", token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  list = json_object_get_array_member (json_node_get_object (json), "service_categories");
  g_assert_nonnull (list);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *category = json_array_get_object_element (list, i);
      JsonObject *name = json_object_get_object_member (category, "name");

      g_hash_table_insert (categories, g_strdup (json_object_get_string_member (category, "code")),
                           g_strdup_printf ("%s\n%s\n%s", json_object_get_string_member (category, "sector"),
                                            json_object_get_string_member (name, "ar"),
                                            json_object_get_string_member (name, "en")));
    }

  return categories;
}

static int
user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

/* Every category of the whole catalogue of data/demo is named, in its
 * service's sector; a database of version 1, from before the table of
 * names, is upgraded when the server opens it and gets the names too. */
static void
test_service_categories (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("baladi-server-upgrade-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GHashTable) first = NULL;
  g_autoptr(GHashTable) upgraded = NULL;
  GHashTableIter iter;
  gpointer code, value;
  guint n_services = 0;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  first = served_categories (path);
  g_assert_cmpuint (g_hash_table_size (first), ==, 35);

  /* The services, read from the same database, against the names. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (user_version (db), ==, 3);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT category, sector FROM services", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *entry = g_hash_table_lookup (first, sqlite3_column_text (stmt, 0));
        g_auto(GStrv) parts = NULL;

        g_assert_nonnull (entry);
        parts = g_strsplit (entry, "\n", 3);
        g_assert_cmpstr (parts[0], ==, (const char *) sqlite3_column_text (stmt, 1));
        g_assert_cmpstr (parts[1], !=, "");
        g_assert_cmpstr (parts[2], !=, "");
        g_assert_cmpstr (parts[1], !=, parts[2]);
        n_services++;
      }
    sqlite3_finalize (stmt);
  }
  g_assert_cmpuint (n_services, ==, 108);

  /* Back to version 1, as a server before this one left it. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TABLE service_categories; DROP TABLE reply_templates; PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (user_version (db), ==, 1);
  sqlite3_close (db);

  upgraded = served_categories (path);
  g_assert_cmpuint (g_hash_table_size (upgraded), ==, g_hash_table_size (first));
  g_hash_table_iter_init (&iter, first);
  while (g_hash_table_iter_next (&iter, &code, &value))
    g_assert_cmpstr (g_hash_table_lookup (upgraded, code), ==, value);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (user_version (db), ==, 3);
  /* A database newer than the server is refused, not changed. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 4;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  for (guint i = 0; i < 3; i++)
    {
      static const char *suffixes[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (i == 0)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;
          int wait_status;
          const char *argv[] = { g_getenv ("BALADI_SERVER"), "--port", "0", "--db", path, NULL };

          g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error));
          g_assert_no_error (error);
          g_assert_false (g_spawn_check_wait_status (wait_status, NULL));
          g_assert_nonnull (strstr (err, "schema version 4"));
        }
      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-demo/requests", test_demo_requests);
  g_test_add_func ("/server-demo/service-categories", test_service_categories);

  return g_test_run ();
}
