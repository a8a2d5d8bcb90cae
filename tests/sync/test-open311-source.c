/* test-open311-source.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Open311 GeoReport v2 import into real cache files: from the real
 * baladi-server in JSON and XML, checked against what the central API's
 * own feed says of the same requests; and from fixtures with the quirks of
 * other servers (empty elements, missing fields, numeric ids, time zones,
 * paging or none) and hostile answers (entity bombs, external entities,
 * deep nesting, huge values, invalid UTF-8), served by a small SoupServer
 * of this test. A hostile answer is refused with an error and leaves the
 * cache exactly as it was. */

#include "config.h"

#include <string.h>

#include "baladi-open311-source.h"
#include "baladi-request-list.h"
#include "baladi-service-search.h"
#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-sync-json.h"
#include "baladi-test-server.h"
#include "baladi-test-store.h"

static char *root;
static char *fixtures;

/* The fixture server runs in a thread of its own: the import blocks on
 * its answers. */
static GMutex lock;
static GHashTable *generated;     /* case → GBytes, served as its first page of requests */
static GHashTable *last_query;    /* the query of the last requests call */
static GMainContext *server_context;
static GMainLoop *server_loop;
static GThread *server_thread;
static char *fixture_uri;

#define new_store(name) baladi_test_store_open (root, (name))

/* Numbers from the cache, by SQL written here. */
#define count(store, sql) baladi_test_store_count ((store), (sql), NULL)

/* The first column of the first row of @sql with @param as ?1, as text;
 * "NULL" for a null and "none" for no row. */
static char *
text_of (BaladiStore *store,
         const char  *sql,
         const char  *param)
{
  sqlite3_stmt *stmt;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    text = g_strdup ("none");
  else if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    text = g_strdup ("NULL");
  else
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static void
assert_text (BaladiStore *store,
             const char  *sql,
             const char  *param,
             const char  *expected)
{
  g_autofree char *text = text_of (store, sql, param);

  g_assert_cmpstr (text, ==, expected);
}

/* Every row of the tables an import writes, as text. */
static char *
dump (BaladiStore *store,
      const char  *requests_where)
{
  g_autofree char *requests = g_strdup_printf ("SELECT * FROM requests %s ORDER BY id", requests_where);
  const char *queries[] = {
    requests,
    "SELECT * FROM events ORDER BY id",
    "SELECT * FROM services ORDER BY code",
    "SELECT i.code, s.name, s.keywords, s.description, s.requirements, s.details "
    "FROM service_index i JOIN services_search s ON s.rowid = i.docid ORDER BY i.code",
    "SELECT reference, citizen, description, replies FROM requests_search ORDER BY reference, description",
    "SELECT * FROM meta ORDER BY key",
    "SELECT * FROM outbox ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), queries[i], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                ? "NULL" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (out, "--\n");
    }

  return g_string_free (out, FALSE);
}

static gint64
unix_of (const char *iso)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

static void
assert_time (BaladiStore *store,
             const char  *column,
             const char  *id,
             const char  *expected_iso)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM requests WHERE id = ?1", column);
  g_autofree char *text = text_of (store, sql, id);
  g_autofree char *expected = expected_iso != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, unix_of (expected_iso))
                                                   : g_strdup ("NULL");

  g_assert_cmpstr (text, ==, expected);
}

/* Serves tests/sync/fixtures/CASE/: services.EXT (or quirks' own), and
 * requests.EXT page N from requests-all.EXT, requests-N.EXT, or for page
 * 1 CASE.EXT beside the folders or a body the test generated; any other
 * page is an empty list. */
static void
fixture_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", 2);
  g_autofree char *contents = NULL;
  const char *page = query != NULL && g_hash_table_lookup (query, "page") != NULL
                     ? g_hash_table_lookup (query, "page") : "1";
  const char *ext;
  const char *name;
  gsize len = 0;

  if (g_strv_length (parts) != 2 || (!g_str_has_suffix (parts[1], ".json") && !g_str_has_suffix (parts[1], ".xml")))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  name = parts[0];
  ext = g_str_has_suffix (parts[1], ".xml") ? "xml" : "json";

  if (g_str_has_prefix (parts[1], "services."))
    {
      g_autofree char *own = g_strdup_printf ("%s/%s/services.%s", fixtures, name, ext);
      g_autofree char *quirks = g_strdup_printf ("%s/quirks/services.%s", fixtures, ext);

      if (!g_file_get_contents (own, &contents, &len, NULL))
        g_assert_true (g_file_get_contents (quirks, &contents, &len, NULL));
    }
  else if (g_str_has_prefix (parts[1], "requests."))
    {
      g_autofree char *all = g_strdup_printf ("%s/%s/requests-all.%s", fixtures, name, ext);
      g_autofree char *numbered = g_strdup_printf ("%s/%s/requests-%s.%s", fixtures, name, page, ext);
      g_autofree char *flat = g_strdup_printf ("%s/%s.%s", fixtures, name, ext);
      GBytes *bytes;

      g_mutex_lock (&lock);
      g_clear_pointer (&last_query, g_hash_table_unref);
      last_query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      if (query != NULL)
        {
          GHashTableIter iter;
          gpointer key, value;

          g_hash_table_iter_init (&iter, query);
          while (g_hash_table_iter_next (&iter, &key, &value))
            g_hash_table_insert (last_query, g_strdup (key), g_strdup (value));
        }
      bytes = g_hash_table_lookup (generated, name);
      if (bytes != NULL && g_str_equal (page, "1"))
        contents = g_memdup2 (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
      g_mutex_unlock (&lock);

      if (contents == NULL &&
          !g_file_get_contents (all, &contents, &len, NULL) &&
          !g_file_get_contents (numbered, &contents, &len, NULL) &&
          !(g_str_equal (page, "1") && g_file_get_contents (flat, &contents, &len, NULL)))
        {
          contents = g_strdup (g_str_equal (ext, "xml") ? "<service_requests/>" : "[]");
          len = strlen (contents);
        }
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, g_str_equal (ext, "xml") ? "text/xml" : "application/json",
                                    SOUP_MEMORY_TAKE, g_steal_pointer (&contents), len);
}

static gpointer
run_fixture_server (gpointer data)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  g_main_context_push_thread_default (server_context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, fixture_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);

  g_mutex_lock (&lock);
  fixture_uri = g_uri_to_string (uris->data);
  g_mutex_unlock (&lock);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  g_main_loop_run (server_loop);
  g_main_context_pop_thread_default (server_context);
  return NULL;
}

static char *
fixture_base (const char *name)
{
  return g_strdup_printf ("%s%s/", fixture_uri, name);
}

static const char *
query_value (const char *name)
{
  const char *value;

  g_mutex_lock (&lock);
  value = last_query != NULL ? g_hash_table_lookup (last_query, name) : NULL;
  g_mutex_unlock (&lock);
  return value;
}

static BaladiOpen311Source *
fixture_source (const char          *name,
                BaladiOpen311Format  format)
{
  g_autofree char *base = fixture_base (name);
  BaladiOpen311Source *source = baladi_open311_source_new (base, format);

  g_assert_true (baladi_open311_source_set_name (source, "quirks"));
  return source;
}

static void
import_quirks (BaladiStore         *store,
               BaladiOpen311Format  format)
{
  g_autoptr(BaladiOpen311Source) source = fixture_source ("quirks", format);
  g_autoptr(GError) error = NULL;
  BaladiOpen311Stats stats;

  g_assert_true (baladi_open311_source_import (source, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_services, ==, 3);
  g_assert_cmpuint (stats.n_requests, ==, 4);
  g_assert_cmpuint (stats.n_skipped, ==, 1);
  g_assert_cmpuint (stats.n_pages, ==, 1);
  g_assert_false (stats.truncated);
}

/* The service search of the desk finds @code first for @text. */
static void
assert_found (BaladiStore *store,
              const char  *text,
              const char  *code)
{
  g_autoptr(BaladiServiceSearch) search = baladi_service_search_new (store);
  g_autoptr(BaladiServiceQuery) query = baladi_service_search_parse (search, text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = baladi_service_search_run (search, query, NULL, NULL, 10, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >=, 1);
  g_assert_cmpstr (baladi_service_hit_get_code (g_ptr_array_index (hits, 0)), ==, code);
}

static void
check_quirks (BaladiStore *store)
{
  static const struct {
    const char *id, *column, *expected;
  } fields[] = {
    /* A numeric id, a time without seconds in +03:00, numbers for lat and
     * long, an agency in English, no due time: the SLA calendar's. */
    { "open311:quirks:1001", "reference", "1001" },
    { "open311:quirks:1001", "category", "101" },
    { "open311:quirks:1001", "service_code", "open311:quirks:101" },
    { "open311:quirks:1001", "sector", "municipalities" },
    { "open311:quirks:1001", "municipality", "muharraq" },
    { "open311:quirks:1001", "status", "new" },
    { "open311:quirks:1001", "channel", "tawasul_app" },
    { "open311:quirks:1001", "type", "complaint" },
    { "open311:quirks:1001", "language", "ar" },
    { "open311:quirks:1001", "description", "حفرة كبيرة أمام المدرسة" },
    { "open311:quirks:1001", "address_area", "Block 204, Road 5" },
    { "open311:quirks:1001", "latitude", "26.2571" },
    { "open311:quirks:1001", "longitude", "50.6119" },
    { "open311:quirks:1001", "media_url", "https://example.org/photos/1001.jpg" },
    { "open311:quirks:1001", "origin", "quirks" },
    { "open311:quirks:1001", "version", "NULL" },
    /* Closed, with notes; its group and agency in Arabic; empty location
     * and address; a link that is no web address. */
    { "open311:quirks:CAP-77", "status", "closed" },
    { "open311:quirks:CAP-77", "sector", "urban-planning" },
    { "open311:quirks:CAP-77", "municipality", "capital" },
    { "open311:quirks:CAP-77", "description", "Street light out <again>" },
    { "open311:quirks:CAP-77", "latitude", "NULL" },
    { "open311:quirks:CAP-77", "address_area", "NULL" },
    { "open311:quirks:CAP-77", "media_url", "NULL" },
    /* Only a token and a date; no description: its service's name. */
    { "open311:quirks:token:tk-9", "reference", "NULL" },
    { "open311:quirks:token:tk-9", "category", "101" },
    { "open311:quirks:token:tk-9", "description", "Potholes" },
    /* An agency not ours, 0,0 for no location, no description. */
    { "open311:quirks:x-5", "municipality", "capital" },
    { "open311:quirks:x-5", "latitude", "NULL" },
    { "open311:quirks:x-5", "status", "new" },
    { "open311:quirks:x-5", "description", "Trees" },
    { "open311:quirks:x-5", "language", "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM requests WHERE id = ?1", fields[i].column);

      assert_text (store, sql, fields[i].id, fields[i].expected);
    }

  /* Received Sunday 22 November 09:14 in Bahrain; five working days, not
   * counting that day: Mon, Tue, Wed, Thu, Sun 29, closing at 14:00. */
  assert_time (store, "created_at", "open311:quirks:1001", "2026-11-22T06:14:00Z");
  assert_time (store, "updated_at", "open311:quirks:1001", "2026-11-22T06:20:00Z");
  assert_time (store, "due_at", "open311:quirks:1001", "2026-11-29T11:00:00Z");
  assert_time (store, "first_reply_at", "open311:quirks:1001", NULL);
  assert_time (store, "closed_at", "open311:quirks:1001", NULL);
  /* Fractions of a second; a time without a zone is Bahrain's. */
  assert_time (store, "created_at", "open311:quirks:CAP-77", "2026-11-19T07:00:00Z");
  assert_time (store, "due_at", "open311:quirks:CAP-77", "2026-11-23T11:00:00Z");
  assert_time (store, "closed_at", "open311:quirks:CAP-77", "2026-11-20T05:00:00Z");
  assert_time (store, "first_reply_at", "open311:quirks:CAP-77", "2026-11-20T05:00:00Z");
  /* A date alone is its midnight in Bahrain, before Sunday's opening. */
  assert_time (store, "created_at", "open311:quirks:token:tk-9", "2026-11-21T21:00:00Z");
  assert_time (store, "due_at", "open311:quirks:token:tk-9", "2026-11-29T11:00:00Z");
  assert_time (store, "created_at", "open311:quirks:x-5", "2026-11-18T12:30:00Z");
  assert_time (store, "updated_at", "open311:quirks:x-5", "2026-11-18T12:30:00Z");

  /* The status notes are the citizen's reply, and searchable. */
  assert_text (store, "SELECT body || '/' || kind || '/' || public FROM events WHERE request_id = ?1",
               "open311:quirks:CAP-77", "Replaced the lamp & the cable./reply/1");
  g_assert_cmpint (count (store, "SELECT count(*) FROM events"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests_search WHERE requests_search MATCH '\"cable\"'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests_search WHERE requests_search MATCH '\"المدرسه\"'"), ==, 1);

  /* Services: numeric and padded codes, groups in either language. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM services WHERE origin = 'quirks'"), ==, 3);
  assert_text (store, "SELECT sector FROM services WHERE code = ?1", "open311:quirks:lights", "urban-planning");
  assert_text (store, "SELECT sector FROM services WHERE code = ?1", "open311:quirks:101", "municipalities");
  assert_text (store, "SELECT sector FROM services WHERE code = ?1", "open311:quirks:trees", "municipalities");
  assert_text (store, "SELECT json_extract(document, '$.keywords') FROM services WHERE code = ?1",
               "open311:quirks:101", "{\"ar\":[\"حفرة\"],\"en\":[\"road\",\"hole\"]}");
  assert_text (store, "SELECT json_extract(document, '$.name.ar') FROM services WHERE code = ?1",
               "open311:quirks:lights", "إنارة الشوارع");

  /* The services table's triggers index them like the central
   * catalogue's: the service search finds them by keyword, in either
   * spelling, and by name. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM service_index WHERE code LIKE 'open311:quirks:%'"), ==, 3);
  assert_found (store, "الحفره", "open311:quirks:101");
  assert_found (store, "hole", "open311:quirks:101");
  assert_found (store, "إنارة", "open311:quirks:lights");
}

static void
test_quirks (void)
{
  g_autoptr(BaladiStore) json = new_store ("quirks-json.db");
  g_autoptr(BaladiStore) xml = new_store ("quirks-xml.db");
  g_autofree char *json_rows = NULL;
  g_autofree char *xml_rows = NULL;

  import_quirks (json, BALADI_OPEN311_FORMAT_JSON);
  check_quirks (json);
  import_quirks (xml, BALADI_OPEN311_FORMAT_XML);
  check_quirks (xml);

  /* The same requests in either format make the same cache. */
  json_rows = dump (json, "");
  xml_rows = dump (xml, "");
  g_assert_cmpstr (json_rows, ==, xml_rows);
}

/* A service code that is one of the central API's categories takes its
 * sector and time limit from the cache's lookups. */
static void
test_category_limits (void)
{
  g_autoptr(BaladiStore) store = new_store ("categories.db");

  g_assert_cmpint (sqlite3_exec (baladi_store_get_db (store),
                                 "INSERT INTO lookups (kind, code, document) VALUES ('categories', '101', "
                                 "'{\"code\": \"101\", \"sector\": \"agriculture-marine\", \"sla_value\": \"8\", "
                                 "\"sla_unit\": \"working_hours\", \"name\": {\"ar\": \"حفر\", \"en\": \"Holes\"}}')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  import_quirks (store, BALADI_OPEN311_FORMAT_JSON);

  /* Eight working hours from Sunday 09:14 in Bahrain: 4 h 46 min to the
   * 14:00 closing, 3 h 14 min from Monday's 07:00 opening. */
  assert_time (store, "due_at", "open311:quirks:1001", "2026-11-23T07:14:00Z");
  assert_text (store, "SELECT sector FROM requests WHERE id = ?1", "open311:quirks:1001", "agriculture-marine");
  /* Received at Sunday's midnight: counted from the 07:00 opening, 7 h
   * on Sunday and 1 h on Monday. */
  assert_time (store, "due_at", "open311:quirks:token:tk-9", "2026-11-23T05:00:00Z");
  /* Another category keeps the default: five working days. */
  assert_time (store, "due_at", "open311:quirks:x-5", "2026-11-25T11:00:00Z");
}

static void
progress_cb (BaladiOpen311Source      *source,
             const BaladiOpen311Stats *stats,
             gpointer                  user_data)
{
  guint *n_calls = user_data;

  (*n_calls)++;
  g_assert_cmpuint (stats->n_pages, ==, *n_calls);
}

/* Each requests-changed, its ids joined by spaces; and whether the page
 * was committed when it came. */
static void
collect_changes_cb (BaladiStore        *store,
                    const char * const *ids,
                    gpointer            user_data)
{
  GPtrArray *changes = user_data;

  g_assert_nonnull (ids);
  g_assert_true (sqlite3_get_autocommit (baladi_store_get_db (store)));
  g_ptr_array_add (changes, g_strjoinv (" ", (char **) ids));
}

static void
wait_loaded (BaladiRequestList *list)
{
  while (baladi_request_list_get_loading (list))
    g_main_context_iteration (NULL, TRUE);
}

static void
test_paging (void)
{
  g_autoptr(BaladiStore) store = new_store ("paging.db");
  g_autoptr(BaladiRequestList) list = baladi_request_list_new (store);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(BaladiOpen311Source) source = fixture_source ("paging", BALADI_OPEN311_FORMAT_JSON);
  g_autoptr(BaladiOpen311Source) ignores = fixture_source ("nopaging", BALADI_OPEN311_FORMAT_JSON);
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00+03:00", NULL);
  g_autoptr(GError) error = NULL;
  BaladiOpen311Stats stats;
  guint n_calls = 0;

  /* Pages of three: a full page, then a short one ends it. */
  baladi_open311_source_set_page_size (source, 3);
  baladi_open311_source_set_dates (source, start, NULL);
  baladi_open311_source_set_jurisdiction_id (source, "bh.example");
  baladi_open311_source_set_api_key (source, "k&y=1");
  g_signal_connect (source, "progress", G_CALLBACK (progress_cb), &n_calls);
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_signal_connect (store, "requests-changed", G_CALLBACK (collect_changes_cb), changes);
  g_assert_true (baladi_open311_source_import (source, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_pages, ==, 2);
  g_assert_cmpuint (n_calls, ==, 2);

  /* Each committed page told the list models which requests it brought,
   * and the queue's model shows them. */
  g_signal_handlers_disconnect_by_func (store, collect_changes_cb, changes);
  g_assert_cmpuint (changes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==,
                   "open311:quirks:P-1 open311:quirks:P-2 open311:quirks:P-3");
  g_assert_cmpstr (g_ptr_array_index (changes, 1), ==, "open311:quirks:P-4 open311:quirks:P-5");
  wait_loaded (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_cmpint (baladi_request_list_find (list, "open311:quirks:P-5"), >=, 0);
  g_assert_cmpuint (stats.n_requests, ==, 5);
  g_assert_cmpstr (query_value ("page"), ==, "2");
  g_assert_cmpstr (query_value ("page_size"), ==, "3");
  g_assert_cmpstr (query_value ("start_date"), ==, "2025-12-31T21:00:00Z");
  g_assert_null (query_value ("updated_after"));
  g_assert_null (query_value ("end_date"));
  g_assert_cmpstr (query_value ("jurisdiction_id"), ==, "bh.example");
  g_assert_cmpstr (query_value ("api_key"), ==, "k&y=1");
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE id LIKE 'open311:quirks:P-%'"), ==, 5);
  g_signal_handlers_disconnect_by_func (source, progress_cb, &n_calls);

  /* The next import asks only for what changed since the newest change
   * seen: P-5, updated 15 November 09:00 in Bahrain. */
  assert_text (store, "SELECT value FROM meta WHERE key = ?1", "open311:quirks:updated-after", "2026-11-15T06:00:00Z");
  g_assert_true (baladi_open311_source_import (source, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (query_value ("updated_after"), ==, "2026-11-15T06:00:00Z");

  /* A server that ignores paging sends the same page again: one page. */
  baladi_open311_source_set_page_size (ignores, 3);
  g_assert_true (baladi_open311_source_import (ignores, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_pages, ==, 1);
  g_assert_cmpuint (stats.n_requests, ==, 3);
  g_assert_cmpstr (query_value ("page"), ==, "2");
}

static void
test_max_requests (void)
{
  g_autoptr(BaladiStore) store = new_store ("max.db");
  g_autoptr(BaladiOpen311Source) source = fixture_source ("paging", BALADI_OPEN311_FORMAT_JSON);
  g_autoptr(GError) error = NULL;
  BaladiOpen311Stats stats;

  baladi_open311_source_set_page_size (source, 3);
  baladi_open311_source_set_max_requests (source, 4);
  g_assert_true (baladi_open311_source_import (source, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (stats.truncated);
  g_assert_cmpuint (stats.n_requests, ==, 4);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests"), ==, 4);
  /* Incomplete: the next import starts over, not from a mark. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM meta WHERE key LIKE 'open311:%'"), ==, 0);
}

static void
test_second_page_bad (void)
{
  g_autoptr(BaladiStore) store = new_store ("second-bad.db");
  g_autoptr(BaladiOpen311Source) source = fixture_source ("secondbad", BALADI_OPEN311_FORMAT_JSON);
  g_autoptr(GError) error = NULL;
  BaladiOpen311Stats stats;

  baladi_open311_source_set_page_size (source, 2);
  g_assert_false (baladi_open311_source_import (source, store, &stats, NULL, &error));
  g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
  g_assert_true (g_str_has_suffix (error->message, " (page 2, item 2)"));
  g_assert_nonnull (strstr (error->message, "“description”"));

  /* The first page stays; nothing of the second is written, not even its
   * good first item; and no mark is kept. */
  g_assert_cmpuint (stats.n_requests, ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE id IN ('open311:quirks:P-1', 'open311:quirks:P-2')"), ==, 2);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE id = 'open311:quirks:P-3'"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM meta WHERE key LIKE 'open311:%'"), ==, 0);
}

/* Bodies too large or too deep to keep as files. */
static void
generate_hostile_bodies (void)
{
  GString *deep_xml = g_string_new ("<service_requests><request><description>");
  GString *deep_json = g_string_new (NULL);
  GString *huge_value = g_string_new ("[{\"service_request_id\": \"1\", \"service_code\": \"lights\", "
                                      "\"requested_datetime\": \"2026-11-22T08:00:00Z\", \"description\": \"");
  GString *long_field = g_string_new ("<service_requests><request><service_request_id>1</service_request_id>"
                                      "<service_code>lights</service_code>"
                                      "<requested_datetime>2026-11-22T08:00:00Z</requested_datetime><description>");
  GString *many = g_string_new ("[");
  GString *oversize = g_string_new ("[");

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep_xml, "<a>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep_json, "[");
  for (guint i = 0; i < 200000; i++)
    g_string_append_c (huge_value, 'x');
  g_string_append (huge_value, "\"}]");
  for (guint i = 0; i < 10001; i++)
    g_string_append_unichar (long_field, i == 0 ? 'x' : 0x0628);
  g_string_append (long_field, "</description></request></service_requests>");
  for (guint i = 0; i <= BALADI_OPEN311_MAX_ITEMS; i++)
    g_string_append_printf (many, "%s{\"service_request_id\": \"%u\"}", i > 0 ? "," : "", i);
  g_string_append_c (many, ']');
  g_string_set_size (oversize, BALADI_OPEN311_MAX_RESPONSE + 1);
  memset (oversize->str + 1, ' ', oversize->len - 1);
  g_string_append_c (oversize, ']');

  g_hash_table_insert (generated, g_strdup ("hostile-deep-nesting-xml"), g_string_free_to_bytes (deep_xml));
  g_hash_table_insert (generated, g_strdup ("hostile-deep-nesting-json"), g_string_free_to_bytes (deep_json));
  g_hash_table_insert (generated, g_strdup ("hostile-huge-value"), g_string_free_to_bytes (huge_value));
  g_hash_table_insert (generated, g_strdup ("hostile-long-field"), g_string_free_to_bytes (long_field));
  g_hash_table_insert (generated, g_strdup ("hostile-too-many-items"), g_string_free_to_bytes (many));
  g_hash_table_insert (generated, g_strdup ("hostile-oversize"), g_string_free_to_bytes (oversize));
}

static void
test_hostile (void)
{
  static const struct {
    const char          *name;
    BaladiOpen311Format  format;
    const char          *message;
  } cases[] = {
    { "hostile-billion-laughs", BALADI_OPEN311_FORMAT_XML, "document type" },
    { "hostile-external-entity", BALADI_OPEN311_FORMAT_XML, "document type" },
    { "hostile-undeclared-entity", BALADI_OPEN311_FORMAT_XML, "not well-formed" },
    { "hostile-not-well-formed", BALADI_OPEN311_FORMAT_XML, "not well-formed" },
    { "hostile-deep-nesting-xml", BALADI_OPEN311_FORMAT_XML, "not well-formed" },
    { "hostile-long-field", BALADI_OPEN311_FORMAT_XML, "longer than 10000 characters" },
    { "hostile-invalid-utf8", BALADI_OPEN311_FORMAT_XML, "not valid UTF-8" },
    { "hostile-invalid-utf8", BALADI_OPEN311_FORMAT_JSON, "not valid UTF-8" },
    { "hostile-deep-nesting-json", BALADI_OPEN311_FORMAT_JSON, "nested too deeply" },
    { "hostile-huge-value", BALADI_OPEN311_FORMAT_JSON, "a value of 200000 bytes" },
    { "hostile-huge-number", BALADI_OPEN311_FORMAT_JSON, "too large to be read exactly" },
    { "hostile-wrong-type", BALADI_OPEN311_FORMAT_JSON, "not text" },
    { "hostile-not-a-list", BALADI_OPEN311_FORMAT_JSON, "not a list" },
    { "hostile-bad-time", BALADI_OPEN311_FORMAT_JSON, "not an ISO 8601 time" },
    { "hostile-off-globe", BALADI_OPEN311_FORMAT_JSON, "not a latitude and a longitude" },
    { "hostileservices", BALADI_OPEN311_FORMAT_XML, "document type" },
    { "hostile-too-many-items", BALADI_OPEN311_FORMAT_JSON, "more than 10000 items" },
    { "hostile-oversize", BALADI_OPEN311_FORMAT_JSON, "larger than" },
  };
  g_autoptr(BaladiStore) store = new_store ("hostile.db");
  g_autofree char *before = NULL;

  g_mutex_lock (&lock);
  generate_hostile_bodies ();
  g_mutex_unlock (&lock);

  import_quirks (store, BALADI_OPEN311_FORMAT_JSON);
  before = dump (store, "");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(BaladiOpen311Source) source = fixture_source (cases[i].name, cases[i].format);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      BaladiOpen311Stats stats;

      g_test_message ("%s.%s", cases[i].name, baladi_open311_format_to_string (cases[i].format));
      g_assert_false (baladi_open311_source_import (source, store, &stats, NULL, &error));
      g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE);
      g_test_message ("  %s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_cmpuint (stats.n_requests, ==, 0);

      after = dump (store, "");
      g_assert_cmpstr (after, ==, before);
    }

  /* Nothing from /etc/passwd anywhere. */
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE description LIKE '%root:%'"), ==, 0);
}

static void
test_cli (void)
{
  g_autofree char *base = fixture_base ("quirks");
  g_autofree char *cache = g_build_filename (root, "cli.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              g_getenv ("BALADI_SYNC"), "--open311", base, "--format", "xml", "--name", "quirks",
                              "--cache", cache, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "page 1: 4 requests so far\n"));
  g_assert_nonnull (strstr (out, "open311 import: 3 services, 4 requests, 1 skipped in 1 pages"));

  store = new_store ("cli.db");
  check_quirks (store);
  g_clear_object (&store);

  /* A bad format is refused before anything is fetched. */
  g_clear_object (&process);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              g_getenv ("BALADI_SYNC"), "--open311", base, "--format", "csv", "--cache", cache, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
}

/* The real server: its Open311 side against its own changes feed. */
static void
test_real_server (void)
{
  const char *args[] = { "--seed-requests", "300", "--demo-data", g_getenv ("BALADI_DEMO_DATA"), NULL };
  g_autoptr(BaladiTestServer) server = baladi_test_server_start_with (args);
  g_autofree char *base = g_strconcat (baladi_test_server_get_uri (server), "/open311/v2/", NULL);
  g_autoptr(BaladiOpen311Source) json = baladi_open311_source_new (base, BALADI_OPEN311_FORMAT_JSON);
  g_autoptr(BaladiOpen311Source) xml = baladi_open311_source_new (base, BALADI_OPEN311_FORMAT_XML);
  g_autoptr(BaladiStore) store = new_store ("real-json.db");
  g_autoptr(BaladiStore) xml_store = new_store ("real-xml.db");
  g_autoptr(BaladiSyncClient) client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 ("2020-01-01T00:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *json_rows = NULL;
  g_autofree char *xml_rows = NULL;
  g_autofree char *id = NULL;
  g_autofree char *central = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  BaladiOpen311Stats stats;
  BaladiPullStats pulled;
  BaladiPushStats pushed;
  gint64 imported, matching;

  g_assert_true (baladi_open311_source_set_name (json, "baladi"));
  g_assert_true (baladi_open311_source_set_name (xml, "baladi"));
  g_assert_false (baladi_open311_source_set_name (json, "no spaces"));
  g_assert_false (baladi_open311_source_set_name (json, "a:b"));
  baladi_open311_source_set_page_size (json, 100);
  baladi_open311_source_set_page_size (xml, 100);
  baladi_open311_source_set_dates (json, start, NULL);
  baladi_open311_source_set_dates (xml, start, NULL);

  /* All of the server's requests (less the duplicates merged away, which
   * GeoReport leaves out) in pages of 100, and its 16 categories. */
  g_assert_true (baladi_open311_source_import (json, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_services, ==, 16);
  g_assert_cmpuint (stats.n_requests, >, 250);
  g_assert_cmpuint (stats.n_requests, <=, 300);
  g_assert_cmpuint (stats.n_pages, ==, (stats.n_requests + 99) / 100);
  g_assert_cmpuint (stats.n_skipped, ==, 0);
  imported = stats.n_requests;
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE origin = 'baladi'"), ==, imported);

  /* The same from XML. */
  g_assert_true (baladi_open311_source_import (xml, xml_store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_requests, ==, imported);
  json_rows = dump (store, "");
  xml_rows = dump (xml_store, "");
  g_assert_cmpstr (json_rows, ==, xml_rows);

  /* Now the central API's full sync into the same cache: it keeps the
   * imported rows, and each of them says what the feed says of the same
   * request, as far as GeoReport tells. */
  g_assert_true (baladi_sync_client_login (client, "director", "Baladi#2026", NULL, &error));
  g_assert_true (baladi_sync_client_pull (client, store, &pulled, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pulled.full);
  g_assert_cmpuint (pulled.n_requests, ==, 300);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE origin = 'baladi'"), ==, imported);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE origin IS NULL AND merged_into IS NULL"), ==, imported);
  matching = count (store,
    "SELECT count(*) FROM requests o JOIN requests c ON c.reference = o.reference AND c.origin IS NULL "
    "WHERE o.origin = 'baladi' AND o.id = 'open311:baladi:' || c.reference "
    "AND o.category = c.category AND o.sector = c.sector AND o.municipality = c.municipality "
    "AND o.created_at = c.created_at AND o.updated_at = c.updated_at AND o.due_at = c.due_at "
    "AND o.description = c.description AND o.channel = 'tawasul_app' "
    "AND (o.status = 'closed') = (c.status IN ('answered', 'closed')) "
    "AND ((o.latitude IS NULL AND c.latitude IS NULL) OR (abs(o.latitude - c.latitude) < 1e-6 "
    "     AND abs(o.longitude - c.longitude) < 1e-6)) "
    "AND ifnull((SELECT body FROM events WHERE request_id = o.id), '') = "
    "    ifnull((SELECT body FROM events e WHERE e.request_id = c.id AND e.public = 1 "
    "            ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1), '')");
  g_assert_cmpint (matching, ==, imported);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE origin = 'baladi' AND status = 'closed'"), >, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE origin = 'baladi' AND status = 'new'"), >, 0);

  /* Imported requests are read-only: no edit, nothing in the outbox. */
  id = text_of (store, "SELECT id FROM requests WHERE origin = 'baladi' AND status = 'new' LIMIT 1", NULL);
  before = dump (store, "");
  g_assert_false (baladi_store_add_event (store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, "ملاحظة", "director", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (baladi_store_set_status (store, id, BALADI_REQUEST_STATUS_IN_PROGRESS, NULL, "director", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (baladi_store_assign (store, id, "clerk.capital", "director", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (baladi_store_transfer (store, id, BALADI_MUNICIPALITY_MUHARRAQ, "ليست من اختصاصنا", "director", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Nor can one take part in a merge, either way round. */
  central = text_of (store, "SELECT id FROM requests WHERE origin IS NULL AND merged_into IS NULL "
                            "AND status NOT IN ('answered', 'closed') LIMIT 1", NULL);
  g_assert_cmpstr (central, !=, "none");
  g_assert_false (baladi_store_merge (store, id, central, NULL, "director", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (baladi_store_merge (store, central, id, NULL, "director", &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  after = dump (store, "");
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count (store, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (count (store, "SELECT count(*) FROM events WHERE local = 1"), ==, 0);
  g_assert_true (baladi_sync_client_push (client, store, &pushed, NULL, &error));
  g_assert_cmpuint (pushed.n_sent, ==, 0);

  /* A citizen files a request; the next import asks only for changes. */
  {
    g_autofree char *uri = g_strconcat (base, "requests.json", NULL);
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", uri);
    static const char form_text[] = "service_code=parks&address_string=Riffa&municipality=southern"
                                    "&description=Broken+bench";
    g_autoptr(GBytes) form = g_bytes_new_static (form_text, strlen (form_text));
    g_autoptr(GBytes) answer = NULL;

    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", form);
    answer = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  }
  g_assert_true (baladi_open311_source_import (json, store, &stats, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_pages, ==, 1);
  g_assert_cmpuint (stats.n_requests, >=, 1);
  g_assert_cmpuint (stats.n_requests, <, 10);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE origin = 'baladi' AND description = 'Broken bench' "
                                 "AND municipality = 'southern' AND category = 'parks' AND sector = 'municipalities'"), ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM requests WHERE origin = 'baladi'"), ==, imported + 1);

  /* A wrong address is an HTTP error with the server's description. */
  {
    g_autofree char *wrong = g_strconcat (baladi_test_server_get_uri (server), "/open311/v3/", NULL);
    g_autoptr(BaladiOpen311Source) nowhere = baladi_open311_source_new (wrong, BALADI_OPEN311_FORMAT_XML);

    g_assert_false (baladi_open311_source_import (nowhere, store, &stats, NULL, &error));
    g_assert_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP);
    g_assert_nonnull (strstr (error->message, "HTTP 404"));
    g_test_message ("%s", error->message);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("baladi-open311-XXXXXX", &error);
  g_assert_no_error (error);
  fixtures = g_strdup (g_getenv ("BALADI_OPEN311_FIXTURES"));
  g_assert_nonnull (fixtures);
  generated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);

  server_context = g_main_context_new ();
  server_loop = g_main_loop_new (server_context, FALSE);
  server_thread = g_thread_new ("fixture-server", run_fixture_server, NULL);
  while (TRUE)
    {
      gboolean ready;

      g_mutex_lock (&lock);
      ready = fixture_uri != NULL;
      g_mutex_unlock (&lock);
      if (ready)
        break;
      g_usleep (1000);
    }

  g_test_add_func ("/open311/quirks", test_quirks);
  g_test_add_func ("/open311/category-limits", test_category_limits);
  g_test_add_func ("/open311/paging", test_paging);
  g_test_add_func ("/open311/max-requests", test_max_requests);
  g_test_add_func ("/open311/second-page-bad", test_second_page_bad);
  g_test_add_func ("/open311/hostile", test_hostile);
  g_test_add_func ("/open311/cli", test_cli);
  g_test_add_func ("/open311/real-server", test_real_server);

  ret = g_test_run ();

  g_main_loop_quit (server_loop);
  g_thread_join (server_thread);
  g_main_loop_unref (server_loop);
  g_main_context_unref (server_context);
  g_hash_table_unref (generated);
  g_clear_pointer (&last_query, g_hash_table_unref);

  /* Only ever the directory made above. */
  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);
  g_free (fixtures);
  g_free (fixture_uri);

  return ret;
}
