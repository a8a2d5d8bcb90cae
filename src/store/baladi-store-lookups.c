/* baladi-store-lookups.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reference lists the server sends (categories, staff, …), kept as
 * their JSON documents and read with SQLite's JSON functions: the desk
 * shows names in the interface's language and offers colleagues to
 * assign requests to, offline too. */

#include "config.h"

#include "baladi-store-lookups.h"

void
baladi_lookup_free (BaladiLookup *lookup)
{
  if (lookup == NULL)
    return;

  g_free (lookup->code);
  g_free (lookup->name);
  g_free (lookup->parent);
  g_free (lookup->role);
  g_free (lookup);
}

/**
 * baladi_store_put_lookup:
 * @kind: "categories", "service_categories", "staff", "municipalities" or
 *   "sectors"
 * @document: the entry as JSON
 */
gboolean
baladi_store_put_lookup (BaladiStore  *self,
                         const char   *kind,
                         const char   *code,
                         const char   *document,
                         GError      **error)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, "INSERT OR REPLACE INTO lookups (kind, code, document) "
                                                          "VALUES (?1, ?2, json (?3))");
  gboolean ok;

  if (stmt == NULL)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (baladi_store_get_db (self)));
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, document, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (baladi_store_get_db (self)));
  sqlite3_reset (stmt);

  return ok;
}

/**
 * baladi_store_clear_lookups:
 *
 * Forgets every entry of @kind, for a list the server sends whole.
 */
gboolean
baladi_store_clear_lookups (BaladiStore  *self,
                            const char   *kind,
                            GError      **error)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, "DELETE FROM lookups WHERE kind = ?1");
  gboolean ok;

  if (stmt == NULL)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (baladi_store_get_db (self)));
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (baladi_store_get_db (self)));
  sqlite3_reset (stmt);

  return ok;
}

/**
 * baladi_store_list_lookups:
 * @language: "ar" or "en"
 *
 * Returns: (transfer full) (element-type BaladiLookup): the entries of
 *   @kind, by name
 */
GPtrArray *
baladi_store_list_lookups (BaladiStore *self,
                           const char  *kind,
                           const char  *language)
{
  GPtrArray *lookups = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_lookup_free);
  g_autofree char *path = g_strdup_printf ("$.name.%s", g_strcmp0 (language, "ar") == 0 ? "ar" : "en");
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self),
                          "SELECT code, ifnull (json_extract (document, ?2), code), "
                          "  coalesce (json_extract (document, '$.sector'), json_extract (document, '$.scope')), "
                          "  json_extract (document, '$.role') "
                          "FROM lookups WHERE kind = ?1 ORDER BY 2", -1, &stmt, NULL) != SQLITE_OK)
    return lookups;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, path, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BaladiLookup *lookup = g_new0 (BaladiLookup, 1);

      lookup->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      lookup->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      lookup->parent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      lookup->role = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (lookups, lookup);
    }
  sqlite3_finalize (stmt);

  return lookups;
}

/* The name of @code of @kind in @language, if the cache has one. */
static char *
find_name (BaladiStore *self,
           const char  *kind,
           const char  *code,
           const char  *language)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, "SELECT json_extract (document, ?3) FROM lookups "
                                                          "WHERE kind = ?1 AND code = ?2");
  g_autofree char *path = g_strdup_printf ("$.name.%s", g_strcmp0 (language, "ar") == 0 ? "ar" : "en");
  char *name = NULL;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, path, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT &&
          sqlite3_column_bytes (stmt, 0) > 0)
        name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return name;
}

/**
 * baladi_store_get_lookup_name:
 *
 * Returns: (transfer full): the name of @code in @language, or @code
 *   itself when the cache does not know it
 */
char *
baladi_store_get_lookup_name (BaladiStore *self,
                              const char  *kind,
                              const char  *code,
                              const char  *language)
{
  char *name;

  if (code == NULL)
    return NULL;

  name = find_name (self, kind, code, language);
  return name != NULL ? name : g_strdup (code);
}

/**
 * baladi_store_get_service_category_name:
 * @code: a catalogue category, the "category" of a service
 * @language: "ar" or "en"
 *
 * The catalogue's categories (building-licensing…) are not the categories
 * of requests: their names are the lookups' service_categories.
 *
 * Returns: (transfer full) (nullable): the name of @code in @language, or
 *   %NULL when the cache has none (a server that does not send them)
 */
char *
baladi_store_get_service_category_name (BaladiStore *self,
                                        const char  *code,
                                        const char  *language)
{
  if (code == NULL)
    return NULL;

  return find_name (self, "service_categories", code, language);
}

/**
 * baladi_store_get_staff_role:
 *
 * Returns: (transfer full) (nullable): the role of @username ("clerk",
 *   "supervisor"…) by the staff list of the last sync, or %NULL
 */
char *
baladi_store_get_staff_role (BaladiStore *self,
                             const char  *username)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, "SELECT json_extract (document, '$.role') FROM lookups "
                                                          "WHERE kind = 'staff' AND code = ?1");
  char *role = NULL;

  if (username == NULL || stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    role = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return role;
}
