/* baladi-test-store.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the store and sync tests ask of a cache by SQL written in the
 * test, independent of the code under test. */

#include "config.h"

#include "baladi-test-store.h"

/**
 * baladi_test_store_open:
 * @dir: the test's directory
 * @name: the cache file's name in @dir
 *
 * Returns: (transfer full): the cache, opened (and created) as the desk opens it
 */
BaladiStore *
baladi_test_store_open (const char *dir,
                        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  BaladiStore *store = baladi_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/**
 * baladi_test_store_count:
 * @sql: a query of one number; ?1, if any, is @arg
 * @arg: (nullable): the text bound to ?1
 *
 * Returns: the number, or -1 when the query has no row
 */
gint64
baladi_test_store_count (BaladiStore *store,
                         const char  *sql,
                         const char  *arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}
