/* baladi-server-db.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The server's SQLite database: opening it, creating the schema of
 * baladi-server-schema.sql, and the global change sequence that the
 * changes feed pages through. */

#include "config.h"

#include <gio/gio.h>

#include "baladi-server-db.h"
#include "baladi-server-resources.h"
#include "baladi-server-seed.h"

G_DEFINE_QUARK (baladi-server-db-error-quark, baladi_server_db_error)

/**
 * baladi_server_db_set_error:
 *
 * Sets @error from the last error of @db.
 *
 * Returns: %FALSE, so that callers can `return baladi_server_db_set_error (...)`
 */
gboolean
baladi_server_db_set_error (sqlite3  *db,
                            GError  **error)
{
  g_set_error (error, BALADI_SERVER_DB_ERROR, BALADI_SERVER_DB_ERROR_SQLITE,
               "Database error: %s", sqlite3_errmsg (db));
  return FALSE;
}

gboolean
baladi_server_db_exec (sqlite3     *db,
                       const char  *sql,
                       GError     **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return baladi_server_db_set_error (db, error);

  return TRUE;
}

sqlite3_stmt *
baladi_server_db_prepare (sqlite3     *db,
                          const char  *sql,
                          GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      baladi_server_db_set_error (db, error);
      return NULL;
    }

  return stmt;
}

/* The schema after version 1, as forward upgrades: upgrades[N] takes a
 * database from user_version N + 1 to N + 2, with its SQL and then, if it
 * has one, the function that fills what it made. New databases get the
 * schema of version 1 and then every upgrade, so that both roads meet. */
static const struct {
  const char *sql;
  gboolean  (*fill) (sqlite3 *db, GError **error);
} upgrades[] = {
  /* 1 → 2: the names of the catalogue's own categories (building-licensing…),
   * loaded with its files; they are not the categories of requests. */
  { "CREATE TABLE service_categories ("
    "  code    TEXT PRIMARY KEY,"
    "  sector  TEXT NOT NULL REFERENCES sectors (code),"
    "  name_ar TEXT NOT NULL,"
    "  name_en TEXT NOT NULL"
    ") WITHOUT ROWID;", NULL },
  /* 2 → 3: reply templates, the canned replies supervisors manage
   * (docs/api.md, "Reply templates"), starting with the five of
   * baladi_server_seed_templates(); inserted once, so that a template
   * supervisors deleted stays deleted. Bodies use {citizen}, {reference},
   * {due}, {service} and {requirements}; updated_by is NULL for the
   * seeded ones. */
  { "CREATE TABLE reply_templates ("
    "  id         TEXT PRIMARY KEY,"
    "  title_ar   TEXT NOT NULL,"
    "  title_en   TEXT NOT NULL,"
    "  body_ar    TEXT NOT NULL,"
    "  body_en    TEXT NOT NULL,"
    "  position   INTEGER NOT NULL,"
    "  version    INTEGER NOT NULL DEFAULT 1,"
    "  updated_at INTEGER NOT NULL,"
    "  updated_by TEXT"
    ") WITHOUT ROWID;", baladi_server_seed_templates },
};

#define LATEST_VERSION ((int) G_N_ELEMENTS (upgrades) + 1)

static gboolean
upgrade (sqlite3  *db,
         int       version,
         GError  **error)
{
  for (; version < LATEST_VERSION; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!baladi_server_db_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!baladi_server_db_exec (db, upgrades[version - 1].sql, error) ||
          (upgrades[version - 1].fill != NULL && !upgrades[version - 1].fill (db, error)) ||
          !baladi_server_db_exec (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!baladi_server_db_exec (db, "COMMIT", error))
        return FALSE;
    }

  return TRUE;
}
static gboolean
create_schema (sqlite3  *db,
               GError  **error)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *sql = NULL;
  gsize len;

  baladi_server_register_resource ();
  schema = g_resources_lookup_data ("/org/baladi/Server/baladi-server-schema.sql",
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (schema == NULL)
    return FALSE;

  sql = g_strndup (g_bytes_get_data (schema, &len), g_bytes_get_size (schema));

  if (!baladi_server_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!baladi_server_db_exec (db, sql, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return baladi_server_db_exec (db, "COMMIT", error);
}

/**
 * baladi_server_db_open:
 * @path: the database file; created with the schema if new
 *
 * Returns: (transfer full) (nullable): the open database
 */
sqlite3 *
baladi_server_db_open (const char  *path,
                       GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  int version = -1;

  if (sqlite3_open_v2 (path, &db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, BALADI_SERVER_DB_ERROR, BALADI_SERVER_DB_ERROR_SQLITE,
                   "Cannot open database “%s”: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_busy_timeout (db, 5000);
  if (!baladi_server_db_exec (db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", error))
    goto fail;

  stmt = baladi_server_db_prepare (db, "PRAGMA user_version", error);
  if (stmt == NULL)
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version == 0)
    {
      if (!create_schema (db, error))
        goto fail;
      version = 1;
    }
  else if (version < 0 || version > LATEST_VERSION)
    {
      g_set_error (error, BALADI_SERVER_DB_ERROR, BALADI_SERVER_DB_ERROR_SCHEMA,
                   "Database “%s” has schema version %d; this baladi-server knows versions up to %d",
                   path, version, LATEST_VERSION);
      goto fail;
    }
  if (!upgrade (db, version, error))
    goto fail;

  return db;

fail:
  sqlite3_close (db);
  return NULL;
}

/**
 * baladi_server_db_get_meta:
 *
 * Returns: (transfer full) (nullable): the value of @key in the meta table
 */
char *
baladi_server_db_get_meta (sqlite3    *db,
                           const char *key)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, "SELECT value FROM meta WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
baladi_server_db_set_meta (sqlite3     *db,
                           const char  *key,
                           const char  *value,
                           GError     **error)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db,
    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return baladi_server_db_set_error (db, error);

  return TRUE;
}

/**
 * baladi_server_db_next_seq:
 *
 * Takes the next number of the global change sequence. Call it inside the
 * transaction of the change it numbers, so that a change and its number
 * are stored together or not at all.
 *
 * Returns: the new sequence number, or 0 on error
 */
gint64
baladi_server_db_next_seq (sqlite3  *db,
                           GError  **error)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db,
    "INSERT INTO meta (key, value) VALUES ('seq', '1') "
    "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 "
    "RETURNING CAST(value AS INTEGER)", error);

  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      baladi_server_db_set_error (db, error);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}
gboolean
baladi_server_db_run (sqlite3    *db,
                      const char *sql,
                      const char *text1,
                      const char *text2,
                      gint64      int3,
                      gint64      int4)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, sql, NULL);

  if (stmt == NULL)
    return FALSE;

  /* Parameters the statement does not use are refused by SQLite with
   * SQLITE_RANGE, which is harmless here. */
  sqlite3_bind_text (stmt, 1, text1, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, int3);
  sqlite3_bind_int64 (stmt, 4, int4);

  return sqlite3_step (stmt) == SQLITE_DONE;
}

gboolean
baladi_server_db_row_exists (sqlite3    *db,
                             const char *sql,
                             const char *key)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (db, sql, NULL);

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/**
 * baladi_server_db_cached:
 * @sql: a string literal: the cache is keyed by its address
 *
 * Returns a prepared statement for @sql, reset and with its bindings
 * cleared, preparing it only the first time. The changes feed serialises
 * thousands of requests a page, and parsing the same SQL for each was a
 * good part of its cost.
 *
 * Returns: (transfer none) (nullable): the statement; do not finalize it
 */
sqlite3_stmt *
baladi_server_db_cached (sqlite3    *db,
                         const char *sql)
{
  static GHashTable *cache;
  sqlite3_stmt *stmt;

  if (cache == NULL)
    cache = g_hash_table_new (NULL, NULL);

  stmt = g_hash_table_lookup (cache, sql);
  if (stmt != NULL && sqlite3_db_handle (stmt) == db)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    return NULL;

  /* A statement of a database closed since is not finalized here: the
   * server has one database for its whole life. */
  g_hash_table_replace (cache, (gpointer) sql, stmt);

  return stmt;
}
