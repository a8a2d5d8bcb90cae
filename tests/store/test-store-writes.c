/* test-store-writes.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Local writes and pulls on a real cache file: each action changes the
 * row and queues its outbox entry together, a refused action changes
 * nothing, and a pull keeps the clerk's fields that are not pushed yet. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-store-writes.h"

static BaladiStore *store;
static char *root;

static BaladiRequest *
remote_request (const char *status,
                const char *subject,
                const char *version)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) due = g_date_time_add_days (now, 2);
  BaladiRequest *request = g_object_new (BALADI_TYPE_REQUEST,
                                         "id", "2e30de9a-5c8a-4cf0-a22d-65efa8657b46",
                                         "reference", "CAP-2026-000001",
                                         "category", "street-lighting",
                                         "subject", subject,
                                         "description", "عمود الإنارة لا يعمل",
                                         "citizen-name", "حسن علي",
                                         "created", now, "updated", now, "due", due,
                                         "version", version,
                                         NULL);
  int value;

  g_assert_true (baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, status, &value));
  g_object_set (request, "status", value, NULL);
  return request;
}

static char *
query_text (const char *sql)
{
  sqlite3_stmt *stmt;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static void
test_writes_and_outbox (void)
{
  g_autoptr(BaladiRequest) remote = remote_request ("new", "إنارة معطلة", "1");
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  g_autofree char *outbox = NULL;
  g_autofree char *publics = NULL;

  g_assert_true (baladi_store_apply_remote (store, remote, &error));
  g_assert_no_error (error);

  g_assert_true (baladi_store_add_event (store, "2e30de9a-5c8a-4cf0-a22d-65efa8657b46",
                                         BALADI_EVENT_KIND_INTERNAL_NOTE, "تم التواصل مع المقاول \"الرئيسي\"",
                                         "clerk.capital", &error));
  g_assert_true (baladi_store_add_event (store, "2e30de9a-5c8a-4cf0-a22d-65efa8657b46",
                                         BALADI_EVENT_KIND_REPLY, "شكرًا لتواصلكم", "clerk.capital", &error));
  g_assert_no_error (error);

  /* A move the workflow refuses changes nothing. */
  g_assert_false (baladi_store_set_status (store, "2e30de9a-5c8a-4cf0-a22d-65efa8657b46",
                                           BALADI_REQUEST_STATUS_REOPENED, NULL, "clerk.capital", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (baladi_store_set_status (store, "00000000-0000-4000-8000-000000000000",
                                           BALADI_REQUEST_STATUS_ASSIGNED, NULL, "clerk.capital", &error));
  g_clear_error (&error);
  count = query_text ("SELECT count(*) FROM outbox");
  g_assert_cmpstr (count, ==, "2");

  g_assert_true (baladi_store_set_status (store, "2e30de9a-5c8a-4cf0-a22d-65efa8657b46",
                                          BALADI_REQUEST_STATUS_IN_PROGRESS, NULL, "clerk.capital", &error));
  g_assert_no_error (error);

  /* In order, each with its own key, on the version the clerk saw. */
  outbox = query_text ("SELECT group_concat(action || ':' || base_version || ':' || length(idempotency_key), ' ') "
                       "FROM (SELECT * FROM outbox ORDER BY id)");
  g_assert_cmpstr (outbox, ==, "notes:1:36 replies:1:36 status:1:36");
  g_free (count);
  count = query_text ("SELECT count(DISTINCT idempotency_key) FROM outbox");
  g_assert_cmpstr (count, ==, "3");
  publics = query_text ("SELECT group_concat(kind || '=' || public, ' ') FROM (SELECT * FROM events ORDER BY kind)");
  g_assert_cmpstr (publics, ==, "internal_note=0 reply=1 status_change=0");
  g_free (count);
  count = query_text ("SELECT json_extract(payload, '$.body') FROM outbox WHERE action = 'notes'");
  g_assert_cmpstr (count, ==, "تم التواصل مع المقاول \"الرئيسي\"");
}

static void
test_pull_keeps_pending_fields (void)
{
  g_autoptr(BaladiRequest) remote = remote_request ("assigned", "إنارة معطلة في الطريق 12", "2");
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *version = NULL;

  g_assert_true (baladi_store_apply_remote (store, remote, &error));
  g_assert_no_error (error);

  /* The clerk's status is still waiting to be pushed: it stays. The rest
   * follows the server. */
  status = query_text ("SELECT status FROM requests");
  subject = query_text ("SELECT subject FROM requests");
  version = query_text ("SELECT version FROM requests");
  g_assert_cmpstr (status, ==, "in_progress");
  g_assert_cmpstr (subject, ==, "إنارة معطلة في الطريق 12");
  g_assert_cmpstr (version, ==, "2");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("baladi-writes-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (root, "cache.db", NULL);
  store = baladi_store_open (path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/store-writes/writes-and-outbox", test_writes_and_outbox);
  g_test_add_func ("/store-writes/pull-keeps-pending-fields", test_pull_keeps_pending_fields);

  ret = g_test_run ();

  g_clear_object (&store);
  g_assert_true (g_str_has_prefix (root, g_get_tmp_dir ()));
  subprocess = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "rm", "-rf", "--", root, NULL);
  g_subprocess_wait (subprocess, NULL, NULL);
  g_free (root);

  return ret;
}
