/* test-fts.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Search in a real SQLite file with the "baladi" FTS5 tokenizer: spelling
 * variants find the same rows, highlights mark the words as written, and
 * nothing a user types can break the query. */

#include "config.h"

#include <glib/gstdio.h>

#include "baladi-fts.h"

static sqlite3 *db;
static char *dir;

static const char *rows[] = {
  "عمود الإنارة في طريق ١٢٣ لا يعمل منذ أسبوع",
  "تراكم القمامة بجانب الحاوية في المجمع 312",
  "حفرة عميقة في الطريق أمام المستشفى",
  "The street lights on road 1234 are broken",
  "Rubbish piling up next to the café",
  "كلاب ضالة قرب المدرسة",
  "CAP-2026-000123 متابعة البلاغ",
  "المسؤول عن البلدية لم يرد",
};

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  sqlite3_stmt *insert;

  dir = g_dir_make_tmp ("baladi-fts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "cache.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (baladi_fts_register (db, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_exec (db, "CREATE VIRTUAL TABLE search USING fts5 (body, tokenize = 'baladi')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO search (rowid, body) VALUES (?1, ?2)", -1, &insert, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int (insert, 1, i + 1);
      sqlite3_bind_text (insert, 2, rows[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (insert), ==, SQLITE_DONE);
    }
  sqlite3_finalize (insert);
}

/* The rowids that @typed finds, as "1,3". */
static char *
search (const char *typed)
{
  g_autofree char *query = baladi_fts_build_query (typed);
  GString *found = g_string_new (NULL);
  sqlite3_stmt *stmt;

  if (query == NULL)
    return g_string_free (found, FALSE);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rowid FROM search WHERE search MATCH ?1 ORDER BY rowid",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (found, "%s%d", found->len > 0 ? "," : "", sqlite3_column_int (stmt, 0));
  if (sqlite3_errcode (db) != SQLITE_OK && sqlite3_errcode (db) != SQLITE_DONE && sqlite3_errcode (db) != SQLITE_ROW)
    g_error ("“%s” (query %s) failed: %s", typed, query, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return g_string_free (found, FALSE);
}

static void
assert_finds (const char *typed,
              const char *expected)
{
  g_autofree char *found = search (typed);

  if (g_strcmp0 (found, expected) != 0)
    g_error ("“%s” found [%s], expected [%s]", typed, found, expected);
}

static void
test_variants (void)
{
  assert_finds ("انارة ", "1");
  assert_finds ("الاناره ", "1");
  assert_finds ("بالإنارة ", "1");
  assert_finds ("طريق 123 ", "1");
  assert_finds ("قمامه ", "2");
  assert_finds ("والقمامة الحاويه ", "2");
  assert_finds ("مستشفي ", "3");
  assert_finds ("الطريق ", "1,3");
  assert_finds ("مسئول ", "8");
  assert_finds ("بلديه ", "8");
  assert_finds ("STREET LIGHTS ", "4");
  assert_finds ("cafe ", "5");
  assert_finds ("cap 2026 000123 ", "7");
  assert_finds ("CAP-2026-000123 ", "7");
  /* All words must match. */
  assert_finds ("قمامة مستشفى ", "");
}

static void
test_prefix_while_typing (void)
{
  assert_finds ("المدر", "6");
  assert_finds ("street li", "4");
  assert_finds ("Rubb", "5");
}

static void
test_highlight (void)
{
  g_autofree char *query = baladi_fts_build_query ("الانارة ");
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT highlight(search, 0, '[', ']') FROM search WHERE search MATCH ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* The word as it was written, with its hamza and article. */
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "عمود [الإنارة] في طريق ١٢٣ لا يعمل منذ أسبوع");
  sqlite3_finalize (stmt);
}

static void
test_hostile_input (void)
{
  g_autofree char *long_text = g_strnfill (10000, 'x');
  const char *hostile[] = {
    "\"", "'", ") OR 1=1 --", "NEAR(", "*", "^", "body:x", "\"\"\"", "a AND", "OR", "NOT قمامة",
    "(((", "قمامة\" OR \"", "\xff\xfe\xfd", "", "   ", "\t\n", "{body}: x", "-", "+",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_free (search (hostile[i]));
  g_free (search (long_text));

  /* Operators typed are just words: "OR" finds nothing here, and does not
   * turn the search into a union. */
  assert_finds ("قمامة OR مستشفى ", "");
  g_assert_null (baladi_fts_build_query ("  \"  ( ) * "));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  setup ();

  g_test_add_func ("/fts/variants", test_variants);
  g_test_add_func ("/fts/prefix-while-typing", test_prefix_while_typing);
  g_test_add_func ("/fts/highlight", test_highlight);
  g_test_add_func ("/fts/hostile-input", test_hostile_input);

  ret = g_test_run ();

  sqlite3_close (db);
  {
    g_autofree char *path = g_build_filename (dir, "cache.db", NULL);

    g_remove (path);
    g_rmdir (dir);
  }
  g_free (dir);

  return ret;
}
