/* test-store.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "baladi-fts.h"
#include "baladi-store.h"
#include "baladi-store-sync.h"
#include "baladi-store-templates.h"

static char *root;

static BaladiReplyTemplate *
make_template (const char *id,
               const char *title_ar,
               const char *title_en,
               const char *body_ar,
               const char *body_en,
               gint64      position,
               gint64      version)
{
  BaladiReplyTemplate *template = g_new0 (BaladiReplyTemplate, 1);

  template->id = g_strdup (id);
  template->title_ar = g_strdup (title_ar);
  template->title_en = g_strdup (title_en);
  template->body_ar = g_strdup (body_ar);
  template->body_en = g_strdup (body_en);
  template->position = position;
  template->version = version;

  return template;
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static void
test_default_location_and_modes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autofree char *path = baladi_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_true (g_str_has_prefix (path, root));
  store = baladi_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (baladi_store_get_version (store), ==, baladi_store_latest_version ());

  g_assert_cmpint (sqlite3_exec (baladi_store_get_db (store),
                                 "INSERT INTO meta (key, value) VALUES ('cursor', 'abc')", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Citizens' data: only the clerk's account may read it. */
  g_assert_cmpuint (mode_of (dir), ==, 0700);
  g_assert_cmpuint (mode_of (path), ==, 0600);
  g_assert_cmpuint (mode_of (wal), ==, 0600);

  /* Reopening keeps what was there. */
  g_clear_object (&store);
  store = baladi_store_open (NULL, &error);
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt;

    sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT value FROM meta WHERE key = 'cursor'", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "abc");
    sqlite3_finalize (stmt);
  }
}

/* The first column of the first row of @sql, as text, or "none". */
static char *
text_of (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup (sqlite3_column_type (stmt, 0) == SQLITE_NULL ? "NULL" : (const char *) sqlite3_column_text (stmt, 0));
  else
    text = g_strdup ("none");
  sqlite3_finalize (stmt);

  return text;
}

static void
assert_text (sqlite3    *db,
             const char *sql,
             const char *expected)
{
  g_autofree char *text = text_of (db, sql);

  g_assert_cmpstr (text, ==, expected);
}

#define FIND_SERVICE(word) \
  "SELECT group_concat (i.code, ' ') FROM services_search JOIN service_index i ON i.docid = services_search.rowid " \
  "WHERE services_search MATCH '" word "'"

static void
test_migrations_from_every_version (void)
{
  /* Schema 5 (the origin of imported rows) comes after schema 2 (service
   * search), 3 (the outbox's fields) and 4 (the dashboard): a cache at any
   * of them must reach it. */
  g_assert_cmpint (baladi_store_latest_version (), >=, 6);

  for (int from = 0; from < baladi_store_latest_version (); from++)
    {
      g_autofree char *name = g_strdup_printf ("from-%d.db", from);
      g_autofree char *path = g_build_filename (root, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(BaladiStore) store = NULL;
      sqlite3 *db;

      /* A cache as an older Baladi Desk left it, with a request and a
       * service of the central API. */
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (baladi_fts_register (db, NULL));
      g_assert_true (baladi_store_migrate (db, from, &error));
      g_assert_no_error (error);
      if (from >= 1)
        g_assert_cmpint (sqlite3_exec (db, "INSERT INTO requests (id, type, category, sector, municipality, channel, "
                                           "status, priority, language, subject, description, citizen_name, created_at, "
                                           "updated_at, due_at) VALUES ('old', 'complaint', 'parks', 'municipalities', "
                                           "'capital', 'hotline', 'new', 'normal', 'ar', 's', 'd', 'n', 1, 1, 2);"
                                           /* Received Sun 1 March 2026 08:00 in Bahrain, first answered
                                            * Mon 2 March 09:30: 6 + 2.5 working hours. */
                                           "INSERT INTO requests (id, type, category, sector, municipality, channel, "
                                           "status, priority, language, subject, description, citizen_name, created_at, "
                                           "updated_at, due_at, first_reply_at) VALUES ('replied', 'complaint', 'parks', "
                                           "'municipalities', 'northern', 'website', 'answered', 'normal', 'ar', 's', 'd', "
                                           "'n', 1772341200, 1772433000, 1772433000, 1772433000);"
                                           "INSERT INTO services (code, sector, category, document, version) VALUES "
                                           "('MUN-034', 'municipalities', 'cemeteries', "
                                           "'{\"name\": {\"ar\": \"تصريح دفن\", \"en\": \"Burial permit\"}}', '1');"
                                           "INSERT INTO meta (key, value) VALUES ('lookups-at', '1700000000')",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = baladi_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (baladi_store_get_version (store), ==, baladi_store_latest_version ());
      db = baladi_store_get_db (store);
      g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM requests, outbox, requests_search, services_search, services_vocab, service_index",
                                     NULL, NULL, NULL), ==, SQLITE_OK);

      /* Schema 2's service index, with its five weighted columns. */
      g_assert_cmpint (sqlite3_exec (db, "SELECT name, keywords, description, requirements, details FROM services_search",
                                     NULL, NULL, NULL), ==, SQLITE_OK);

      /* Schema 5: the origin of imported rows, none for the central API's. */
      g_assert_cmpint (sqlite3_exec (db, "SELECT origin, media_url FROM requests; SELECT origin FROM services",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      if (from >= 1)
        {
          assert_text (db, "SELECT ifnull (origin, 'central') || '/' || ifnull (media_url, '-') FROM requests WHERE id = 'old'",
                       "central/-");
          assert_text (db, "SELECT ifnull (origin, 'central') FROM services WHERE code = 'MUN-034'", "central");
          /* The service the cache held is still found. */
          assert_text (db, FIND_SERVICE ("الدفن"), "MUN-034");
        }

      /* Schema 6: reply templates, none until the first sync after it. */
      assert_text (db, "SELECT count(*) FROM reply_templates", "0");
      /* …which the next sync fetches, with the lookups (forgotten by the
       * migration to schema 6). */
      assert_text (db, "SELECT count(*) FROM meta WHERE key = 'lookups-at'", from < 6 ? "0" : "1");
      {
        g_autoptr(GPtrArray) templates = baladi_store_list_reply_templates (store, "ar");
        g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_reply_template_free);

        g_assert_cmpuint (templates->len, ==, 0);
        g_ptr_array_add (fresh, make_template ("acknowledge", "إشعار بالاستلام", "Acknowledge", "شكرًا {citizen}",
                                               "Thanks {citizen}", 1, 3));
        g_assert_true (baladi_store_replace_reply_templates (store, fresh, &error));
        g_assert_no_error (error);
        assert_text (db, "SELECT title_ar || '/' || body_en || '/' || version FROM reply_templates",
                     "إشعار بالاستلام/Thanks {citizen}/3");
      }

      /* Schema 7: the reply time of the request already answered, in its
       * bucket and counted in its week (Sunday 1 March: day 20513) for all,
       * its municipality, sector and channel; on the built-in calendar. */
      assert_text (db, "SELECT group_concat (bucket || ':' || work || ':' || municipality || ':' || sector || ':' || channel) "
                       "FROM kpi_reply_times", from >= 1 ? "8:30600:northern:municipalities:website" : "NULL");
      assert_text (db, "SELECT group_concat (dimension || '=' || value || ':' || week || ':' || bucket || ':' || replies, ' ') "
                       "FROM (SELECT * FROM kpi_reply_weeks ORDER BY dimension)",
                   from >= 1 ? "all=:20513:8:1 channel=website:20513:8:1 municipality=northern:20513:8:1 "
                               "sector=municipalities:20513:8:1" : "NULL");
      assert_text (db, "SELECT value = baladi_work_calendar () FROM meta WHERE key = 'kpi-calendar'", "1");

      /* The triggers of schema 2 still index services written with an
       * origin, as an import writes them, and follow their changes. */
      g_assert_cmpint (sqlite3_exec (db, "INSERT INTO services (code, sector, category, document, version, origin) VALUES "
                                         "('open311:city:7', 'municipalities', '7', "
                                         "'{\"name\": {\"ar\": \"حفر الطرق\", \"en\": \"Potholes\"}}', NULL, 'city')",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      assert_text (db, FIND_SERVICE ("potholes"), "open311:city:7");
      g_assert_cmpint (sqlite3_exec (db, "UPDATE services SET document = '{\"name\": {\"en\": \"Road holes\"}}' "
                                         "WHERE code = 'open311:city:7'", NULL, NULL, NULL), ==, SQLITE_OK);
      assert_text (db, FIND_SERVICE ("potholes"), "NULL");
      assert_text (db, FIND_SERVICE ("road"), "open311:city:7");
      g_assert_cmpint (sqlite3_exec (db, "DELETE FROM services WHERE code = 'open311:city:7'", NULL, NULL, NULL), ==, SQLITE_OK);
      assert_text (db, FIND_SERVICE ("road"), "NULL");
      assert_text (db, "SELECT count(*) FROM service_index WHERE code = 'open311:city:7'", "0");
    }
}

/* Schema 2 indexes the services a schema 1 cache already holds. */
/* The cache's templates: replaced whole by a pull, or not at all; one put
 * or deleted after a supervisor's save. */
static void
test_reply_templates (void)
{
  g_autofree char *path = g_build_filename (root, "templates.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = baladi_store_open (path, &error);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_reply_template_free);
  g_autoptr(GPtrArray) broken = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_reply_template_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(BaladiReplyTemplate) got = NULL;
  g_autoptr(BaladiReplyTemplate) a = make_template ("resolved", "تمت المعالجة", "Resolved", "تم {reference}", "Done {reference}", 2, 1);
  BaladiReplyTemplate *b = make_template ("acknowledge", "إشعار بالاستلام", "Acknowledge", "وصل {reference}", "Got {reference}", 1, 4);

  g_assert_no_error (error);
  g_ptr_array_add (first, baladi_reply_template_copy (a));
  g_ptr_array_add (first, b);
  g_assert_true (baladi_store_replace_reply_templates (store, first, &error));
  g_assert_no_error (error);

  /* In the menu's order, titled in the language asked for. */
  listed = baladi_store_list_reply_templates (store, "ar");
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (listed, 0))->id, ==, "acknowledge");
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (listed, 0))->title, ==, "إشعار بالاستلام");
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (listed, 0))->body_en, ==, "Got {reference}");
  g_assert_cmpint (((BaladiReplyTemplate *) g_ptr_array_index (listed, 0))->version, ==, 4);
  got = baladi_store_get_reply_template (store, "resolved", "en");
  g_assert_cmpstr (got->title, ==, "Resolved");
  g_assert_cmpstr (got->body_ar, ==, "تم {reference}");
  g_assert_null (baladi_store_get_reply_template (store, "missing", "en"));

  /* A list that cannot be stored changes nothing. */
  g_ptr_array_add (broken, baladi_reply_template_copy (b));
  /* No Arabic title: the cache refuses it. */
  g_ptr_array_add (broken, make_template ("bad", NULL, "Bad", "x", "x", 3, 1));
  g_assert_false (baladi_store_replace_reply_templates (store, broken, &error));
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE);
  g_clear_error (&error);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = baladi_store_list_reply_templates (store, "en");
  g_assert_cmpuint (listed->len, ==, 2);

  /* One saved, one deleted. */
  g_free (a->title_en);
  a->title_en = g_strdup ("Dealt with");
  a->version = 2;
  g_assert_true (baladi_store_put_reply_template (store, a, &error));
  g_assert_true (baladi_store_delete_reply_template (store, "acknowledge", &error));
  g_assert_no_error (error);
  after = baladi_store_list_reply_templates (store, "en");
  g_assert_cmpuint (after->len, ==, 1);
  g_assert_cmpstr (((BaladiReplyTemplate *) g_ptr_array_index (after, 0))->title, ==, "Dealt with");
  g_assert_cmpint (((BaladiReplyTemplate *) g_ptr_array_index (after, 0))->version, ==, 2);
}

static void
test_migration_indexes_services (void)
{
  g_autofree char *path = g_build_filename (root, "services-1.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (baladi_fts_register (db, NULL));
  g_assert_true (baladi_store_migrate (db, 1, &error));
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO services (code, sector, category, document, version) VALUES "
                                     "('MUN-034', 'municipalities', 'cemeteries', "
                                     "'{\"name\": {\"ar\": \"تصريح دفن\", \"en\": \"Burial permit\"}}', '1')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
                                       "SELECT i.code FROM services_search JOIN service_index i ON i.docid = services_search.rowid "
                                       "WHERE services_search MATCH 'الدفن'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "MUN-034");
  sqlite3_finalize (stmt);
}

static void
test_refuses_newer_and_unwritable (void)
{
  g_autofree char *path = g_build_filename (root, "future.db", NULL);
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", baladi_store_latest_version () + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = baladi_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);

  store = baladi_store_open ("/dev/null/cache.db", &error);
  g_assert_null (store);
  g_assert_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN);
}

/* Schema 3 knows which field an edit changes: a status edit queued by
 * schema 1 or 2 gets its field and value, and no base (so a 412 can only
 * make it a conflict, never a silent overwrite). */
static void
test_migration_3_outbox_fields (gconstpointer data)
{
  int from = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("outbox-%d.db", from);
  g_autofree char *path = g_build_filename (root, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) store = NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (baladi_fts_register (db, NULL));
  g_assert_true (baladi_store_migrate (db, from, &error));
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO outbox (request_id, action, payload, idempotency_key, created_at) "
                                     "VALUES ('r', 'status', '{\"status\": \"answered\"}', 'k1', 0), "
                                     "('r', 'notes', '{\"body\": \"x\"}', 'k2', 0)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = baladi_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store),
                                       "SELECT field, local_value, base_value FROM outbox ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "status");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "answered");
  g_assert_null (sqlite3_column_text (stmt, 2));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_null (sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
}

static gpointer
write_meta (gpointer data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = baladi_store_set_meta (data, "written", "while locked", &error);

  g_assert_no_error (error);
  return GINT_TO_POINTER (ok);
}

/* A write that waits for another connection's transaction tells its
 * holder (a full sync ends its batch for it), and goes through once the
 * holder commits. */
static void
test_waiting_writer (void)
{
  g_autofree char *path = g_build_filename (root, "waiting.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiStore) holder = baladi_store_open (path, &error);
  g_autoptr(BaladiStore) writer = NULL;
  g_autofree char *value = NULL;
  gint64 deadline;
  GThread *thread;
  gboolean told = FALSE;

  g_assert_no_error (error);
  writer = baladi_store_open (path, &error);
  g_assert_no_error (error);

  /* Nobody waits on a lock nobody holds. */
  g_assert_true (baladi_store_set_meta (writer, "before", "free", &error));
  g_assert_no_error (error);
  baladi_store_take_writer_waiting ();
  g_assert_false (baladi_store_take_writer_waiting ());

  g_assert_true (baladi_store_begin (holder, &error));
  g_assert_no_error (error);
  g_assert_true (baladi_store_set_meta (holder, "holder", "busy", &error));
  thread = g_thread_new ("writer", write_meta, writer);
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (!(told = baladi_store_take_writer_waiting ()) && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_true (told);
  g_assert_true (baladi_store_commit (holder, &error));
  g_assert_no_error (error);

  g_assert_true (GPOINTER_TO_INT (g_thread_join (thread)));
  value = baladi_store_get_meta (holder, "written");
  g_assert_cmpstr (value, ==, "while locked");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  int ret;

  root = g_dir_make_tmp ("baladi-store-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", root, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/default-location-and-modes", test_default_location_and_modes);
  g_test_add_func ("/store/migrations-from-every-version", test_migrations_from_every_version);
  g_test_add_func ("/store/migration-indexes-services", test_migration_indexes_services);
  g_test_add_func ("/store/reply-templates", test_reply_templates);
  g_test_add_data_func ("/store/migration-3-outbox-fields/from-1", GINT_TO_POINTER (1), test_migration_3_outbox_fields);
  g_test_add_data_func ("/store/migration-3-outbox-fields/from-2", GINT_TO_POINTER (2), test_migration_3_outbox_fields);
  g_test_add_func ("/store/refuses-newer-and-unwritable", test_refuses_newer_and_unwritable);
  g_test_add_func ("/store/waiting-writer", test_waiting_writer);

  ret = g_test_run ();

  /* Only ever the directory made above. */
  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
