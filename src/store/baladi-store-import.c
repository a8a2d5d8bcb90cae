/* baladi-store-import.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What an import from another system writes into the cache: requests and
 * services marked with the name of their origin, which makes them
 * read-only here (see load_request() in baladi-store-writes.c), and the
 * requests' rows in their search index (services are indexed by the
 * triggers of the services table). The importer wraps each page in
 * baladi_store_begin()/baladi_store_commit(). */

#include "config.h"

#include "baladi-store-import.h"
#include "baladi-store-sync.h"
#include "baladi-store-writes.h"

static gboolean
step_bound (BaladiStore  *self,
            const char   *sql,
            const char  **values,
            guint         n_values,
            GError      **error)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, sql);
  gboolean ok;

  if (stmt != NULL)
    {
      for (guint i = 0; i < n_values; i++)
        sqlite3_bind_text (stmt, i + 1, values[i], -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
      if (ok)
        return TRUE;
    }

  g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s",
               sqlite3_errmsg (baladi_store_get_db (self)));
  return FALSE;
}

/**
 * baladi_store_put_imported_request:
 * @origin: the name of the source, never %NULL: it makes the row read-only
 * @media_url: (nullable): the address of the picture the source links to
 * @events: (element-type BaladiEvent): the history the source gives
 *
 * Stores a request read from another system, with its history, and
 * indexes it for search. Its id must be one the central API can never
 * give (the importer prefixes it with the name of its source).
 */
gboolean
baladi_store_put_imported_request (BaladiStore    *self,
                                   BaladiRequest  *request,
                                   const char     *origin,
                                   const char     *media_url,
                                   GPtrArray      *events,
                                   GError        **error)
{
  const char *id = baladi_request_get_id (request);
  const char *values[] = { id, origin, media_url };

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);
  g_return_val_if_fail (origin != NULL && id != NULL, FALSE);

  return baladi_store_apply_remote (self, request, error) &&
         step_bound (self, "UPDATE requests SET origin = ?2, media_url = ?3 WHERE id = ?1",
                     values, G_N_ELEMENTS (values), error) &&
         baladi_store_replace_events (self, id, events, error) &&
         baladi_store_index_request (self, id, error);
}

/**
 * baladi_store_put_imported_service:
 * @document: the service as JSON, in the shape of the central catalogue's
 *   as far as the source tells
 *
 * Stores a service read from another system, as a pull stores the central
 * catalogue's (baladi_store_put_service()): the triggers of the services
 * table index it for search. Then marks it with its origin, which the
 * triggers do not look at.
 */
gboolean
baladi_store_put_imported_service (BaladiStore  *self,
                                   const char   *code,
                                   const char   *sector,
                                   const char   *category,
                                   const char   *document,
                                   const char   *origin,
                                   GError      **error)
{
  const char *values[] = { code, origin };

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL && origin != NULL, FALSE);

  return baladi_store_put_service (self, code, sector, category, document, NULL, error) &&
         step_bound (self, "UPDATE services SET origin = ?2 WHERE code = ?1",
                     values, G_N_ELEMENTS (values), error);
}

/**
 * baladi_store_list_category_limits:
 *
 * The central API's categories the cache knows from its lookups (in the
 * shape of GET /api/v1/lookups), with their sectors and time limits;
 * entries that are not whole are left out.
 *
 * Returns: (transfer full) (element-type utf8 BaladiCategoryLimit): the
 *   categories by code
 */
GHashTable *
baladi_store_list_category_limits (BaladiStore *self)
{
  GHashTable *categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (BALADI_IS_STORE (self), categories);

  if (sqlite3_prepare_v2 (baladi_store_get_db (self),
                          "SELECT code, json_extract (document, '$.sector'), "
                          "  CAST (json_extract (document, '$.sla_value') AS INTEGER), "
                          "  json_extract (document, '$.sla_unit') "
                          "FROM lookups WHERE kind = 'categories' AND json_valid (document)", -1, &stmt, NULL) != SQLITE_OK)
    return categories;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BaladiCategoryLimit limit;
      int sector, unit;
      gint64 value = sqlite3_column_int64 (stmt, 2);

      if (!baladi_enum_from_wire (BALADI_TYPE_SECTOR, (const char *) sqlite3_column_text (stmt, 1), &sector) ||
          !baladi_enum_from_wire (BALADI_TYPE_SLA_UNIT, (const char *) sqlite3_column_text (stmt, 3), &unit) ||
          value < 1 || value > 365 * 24)
        continue;

      limit.sector = sector;
      limit.sla_value = (guint) value;
      limit.sla_unit = unit;
      g_hash_table_replace (categories, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                            g_memdup2 (&limit, sizeof limit));
    }
  sqlite3_finalize (stmt);

  return categories;
}
