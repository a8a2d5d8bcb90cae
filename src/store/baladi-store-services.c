/* baladi-store-services.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The cached catalogue as BaladiService objects. The cache keeps each
 * service as the server's JSON document; SQLite's JSON functions read its
 * fields here, so the store needs no JSON library. Lists come out joined
 * by the unit separator (and a fee's parts by the record separator),
 * characters no catalogue text contains. */

#include "config.h"

#include <string.h>

#include "baladi-store-services.h"

#define UNIT "char(31)"
#define RECORD "char(30)"
#define DOC "s.document"
#define TEXT(path) "json_extract (" DOC ", '" path "')"
#define LIST(path, item) "(SELECT group_concat (ifnull (" item ", ''), " UNIT ") FROM json_each (" DOC ", '" path "'))"

void
baladi_service_group_free (BaladiServiceGroup *group)
{
  if (group == NULL)
    return;

  g_free (group->sector);
  g_free (group->category);
  g_free (group->directorate_ar);
  g_free (group->directorate_en);
  g_free (group->example_ar);
  g_free (group->example_en);
  g_free (group->name_ar);
  g_free (group->name_en);
  g_free (group);
}

/* The text properties of BaladiService, then its lists, in the order of
 * the columns the query below reads after its first four. */
static const char *text_properties[] = {
  "name-ar", "name-en", "directorate-ar", "directorate-en", "description-ar", "description-en",
  "eligibility-ar", "eligibility-en", "e-service-url",
};
static const char *list_properties[] = {
  "documents-ar", "documents-en", "steps-ar", "steps-en", "keywords-ar", "keywords-en", "channels", "related",
};

static const char service_sql[] =
  "SELECT s.code, s.sector, s.category, s.version,"
  TEXT ("$.name.ar") "," TEXT ("$.name.en") "," TEXT ("$.directorate.ar") "," TEXT ("$.directorate.en") ","
  TEXT ("$.description.ar") "," TEXT ("$.description.en") "," TEXT ("$.eligibility.ar") "," TEXT ("$.eligibility.en") ","
  TEXT ("$.e_service_url") ","
  LIST ("$.documents", "json_extract (value, '$.ar')") "," LIST ("$.documents", "json_extract (value, '$.en')") ","
  LIST ("$.steps", "json_extract (value, '$.ar')") "," LIST ("$.steps", "json_extract (value, '$.en')") ","
  LIST ("$.keywords.ar", "value") "," LIST ("$.keywords.en", "value") ","
  LIST ("$.channels", "value") "," LIST ("$.related", "value") ","
  LIST ("$.fees", "json_extract (value, '$.amount_bhd') || " RECORD " || ifnull (json_extract (value, '$.label.ar'), '') || "
                  RECORD " || ifnull (json_extract (value, '$.label.en'), '')") ","
  TEXT ("$.duration.value") "," TEXT ("$.duration.unit") "," TEXT ("$.e_service") " "
  "FROM services s WHERE s.code = ?1 AND json_valid (s.document)";

static GStrv
split_list (sqlite3_stmt *stmt,
            int           column)
{
  const char *joined = (const char *) sqlite3_column_text (stmt, column);

  if (joined == NULL)
    return g_new0 (char *, 1);
  return g_strsplit (joined, "\x1f", -1);
}

/**
 * baladi_store_get_service:
 *
 * Returns: (transfer full) (nullable): the cached service @code, or %NULL
 *   with no error when the cache has no such service
 */
BaladiService *
baladi_store_get_service (BaladiStore  *self,
                          const char   *code,
                          GError      **error)
{
  g_autoptr(BaladiService) service = NULL;
  sqlite3_stmt *stmt;
  int column = 4;
  int sector = BALADI_SECTOR_MUNICIPALITIES;
  int unit = BALADI_SLA_UNIT_WORKING_DAYS;
  gint64 duration;
  int rc;

  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  stmt = baladi_store_prepare_cached (self, service_sql);
  if (stmt == NULL)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Reading a service failed: %s", sqlite3_errmsg (baladi_store_get_db (self)));
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                     "Reading the service %s failed: %s", code, sqlite3_errmsg (baladi_store_get_db (self)));
      sqlite3_reset (stmt);
      return NULL;
    }

  service = baladi_service_new (code);
  baladi_enum_from_wire (BALADI_TYPE_SECTOR, (const char *) sqlite3_column_text (stmt, 1), &sector);
  g_object_set (service,
                "sector", sector,
                "category", (const char *) sqlite3_column_text (stmt, 2),
                "version", (const char *) sqlite3_column_text (stmt, 3),
                NULL);

  for (guint i = 0; i < G_N_ELEMENTS (text_properties); i++, column++)
    if (sqlite3_column_type (stmt, column) == SQLITE_TEXT)
      g_object_set (service, text_properties[i], (const char *) sqlite3_column_text (stmt, column), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (list_properties); i++, column++)
    {
      g_auto(GStrv) list = split_list (stmt, column);

      g_object_set (service, list_properties[i], list, NULL);
    }

  {
    g_auto(GStrv) fees = split_list (stmt, column++);

    for (guint i = 0; fees[i] != NULL; i++)
      {
        g_auto(GStrv) parts = g_strsplit (fees[i], "\x1e", 3);
        gint64 fils;

        /* A fee whose amount is not "D.FFF" is not guessed at. */
        if (g_strv_length (parts) == 3 && baladi_fils_parse_bhd (parts[0], &fils))
          baladi_service_add_fee (service, baladi_fee_new (fils, parts[1], parts[2]));
      }
  }

  duration = sqlite3_column_int64 (stmt, column++);
  baladi_enum_from_wire (BALADI_TYPE_SLA_UNIT, (const char *) sqlite3_column_text (stmt, column++), &unit);
  g_object_set (service,
                "duration-value", (guint) CLAMP (duration, 0, 365),
                "duration-unit", unit,
                "e-service", sqlite3_column_int (stmt, column++) != 0,
                NULL);
  sqlite3_reset (stmt);

  return g_steal_pointer (&service);
}

/**
 * baladi_store_list_service_groups:
 *
 * Returns: (transfer full) (element-type BaladiServiceGroup) (nullable):
 *   the categories of the cached catalogue with their counts and their
 *   names from the lookups, by sector, then by the English name of their
 *   directorate
 */
GPtrArray *
baladi_store_list_service_groups (BaladiStore  *self,
                                  GError      **error)
{
  static const char sql[] =
    "WITH counted AS ("
    "  SELECT s.sector, s.category, " TEXT ("$.directorate.ar") " AS ar, " TEXT ("$.directorate.en") " AS en,"
    "    count(*) AS n FROM services s WHERE json_valid (s.document) GROUP BY 1, 2, 3, 4),"
    " ranked AS ("
    "  SELECT *, row_number () OVER (PARTITION BY sector, category ORDER BY n DESC, en) AS place,"
    "    sum(n) OVER (PARTITION BY sector, category) AS total FROM counted)"
    "SELECT sector, category, ar, en, total,"
    "  (SELECT json_extract (e.document, '$.name.ar') FROM services e WHERE e.sector = ranked.sector"
    "   AND e.category = ranked.category AND json_valid (e.document) ORDER BY e.code LIMIT 1),"
    "  (SELECT json_extract (e.document, '$.name.en') FROM services e WHERE e.sector = ranked.sector"
    "   AND e.category = ranked.category AND json_valid (e.document) ORDER BY e.code LIMIT 1),"
    "  nullif (json_extract (l.document, '$.name.ar'), ''), nullif (json_extract (l.document, '$.name.en'), '') "
    "FROM ranked LEFT JOIN lookups l ON l.kind = 'service_categories' AND l.code = ranked.category"
    "  AND json_extract (l.document, '$.sector') = ranked.sector "
    "WHERE place = 1 "
    "ORDER BY CASE sector WHEN 'municipalities' THEN 0 WHEN 'urban-planning' THEN 1 "
    "  WHEN 'agriculture-marine' THEN 2 ELSE 3 END, sector, en, category";
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_service_group_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  stmt = baladi_store_prepare_cached (self, sql);
  if (stmt == NULL)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Listing the service categories failed: %s", sqlite3_errmsg (baladi_store_get_db (self)));
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      BaladiServiceGroup *group = g_new0 (BaladiServiceGroup, 1);

      group->sector = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      group->category = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      group->directorate_ar = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      group->directorate_en = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      group->n_services = sqlite3_column_int (stmt, 4);
      group->example_ar = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      group->example_en = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      group->name_ar = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      group->name_en = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (groups, group);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Listing the service categories failed: %s", sqlite3_errmsg (baladi_store_get_db (self)));
      return NULL;
    }

  return g_steal_pointer (&groups);
}

/**
 * baladi_store_get_catalogue_revision:
 *
 * Returns: a number that changes whenever a cached service does
 */
gint64
baladi_store_get_catalogue_revision (BaladiStore *self)
{
  sqlite3_stmt *stmt;
  gint64 revision = -1;

  g_return_val_if_fail (BALADI_IS_STORE (self), -1);

  stmt = baladi_store_prepare_cached (self, "SELECT value FROM meta WHERE key = 'catalogue_revision'");
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    revision = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return revision;
}

/**
 * baladi_store_count_service_requests:
 * @now: the time, in seconds since the epoch
 * @stats: (out caller-allocates): the counts
 *
 * Counts the cached requests about the service @code, with the SLA rule
 * of the ministry's KPI: a request is on time when its first reply came
 * by its due time; one still unanswered counts as late once it is past
 * due, and not at all before.
 */
gboolean
baladi_store_count_service_requests (BaladiStore               *self,
                                     const char                *code,
                                     gint64                     now,
                                     BaladiServiceRequestStats *stats,
                                     GError                   **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  stmt = baladi_store_prepare_cached (self,
    "SELECT count(*),"
    "  count(*) FILTER (WHERE status NOT IN ('answered', 'closed')),"
    "  count(*) FILTER (WHERE first_reply_at IS NOT NULL OR due_at < ?2),"
    "  count(*) FILTER (WHERE first_reply_at IS NOT NULL AND first_reply_at <= due_at) "
    "FROM requests WHERE service_code = ?1");
  if (stmt == NULL)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Counting the requests of a service failed: %s", sqlite3_errmsg (baladi_store_get_db (self)));
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      stats->n_requests = sqlite3_column_int (stmt, 0);
      stats->n_open = sqlite3_column_int (stmt, 1);
      stats->n_counted = sqlite3_column_int (stmt, 2);
      stats->n_on_time = sqlite3_column_int (stmt, 3);
    }
  else
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Counting the requests of a service failed: %s", sqlite3_errmsg (baladi_store_get_db (self)));
    }
  sqlite3_reset (stmt);

  return ok;
}

static gboolean
run_edit_step (sqlite3     *db,
               const char  *sql,
               const char  *code,
               const char  *changes,
               const char  *key,
               gint64       now,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Editing a service failed: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, changes, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    {
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, now);
    }
  ok = sqlite3_step (stmt) == SQLITE_DONE && sqlite3_changes (db) == 1;
  if (!ok)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                 "Editing the service %s failed: %s", code, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);

  return ok;
}

/**
 * baladi_store_edit_service:
 * @changes: a JSON object of the fields that change, as
 *   POST /api/v1/services/{code} takes them (docs/api.md)
 *
 * A catalogue editor's change: the cached service shows it at once, and
 * an outbox entry takes it to the server with If-Match on the version the
 * edit was made on, both in one transaction. A field whose value is null
 * is removed from the cached document, as the server stores it.
 */
gboolean
baladi_store_edit_service (BaladiStore  *self,
                           const char   *code,
                           const char   *changes,
                           GError      **error)
{
  /* Only the members the API lets an edit change, in an object. */
  static const char check_sql[] =
    "SELECT json_valid (?1) AND json_type (?1) = 'object' AND"
    "  (SELECT count(*) FROM json_each (?1)) > 0 AND"
    "  NOT EXISTS (SELECT 1 FROM json_each (?1) WHERE key NOT IN ('name', 'directorate', 'category',"
    "    'description', 'eligibility', 'documents', 'fees', 'duration', 'channels', 'steps', 'e_service',"
    "    'e_service_url', 'keywords', 'related'))";
  sqlite3 *db = baladi_store_get_db (self);
  g_autofree char *key = g_uuid_string_random ();
  sqlite3_stmt *stmt = NULL;
  gboolean valid = FALSE;

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (sqlite3_prepare_v2 (db, check_sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, changes, -1, SQLITE_TRANSIENT);
      valid = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
    }
  sqlite3_finalize (stmt);
  if (!valid)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_INVALID,
                   "A service edit is a JSON object of the fields to change");
      return FALSE;
    }

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Editing a service failed: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  /* The row keeps the version the edit was made on: the push sends it as
   * If-Match, and the server's answer brings the next one. The entry keeps
   * the document the edit was made on, should the editor drop it. */
  if (run_edit_step (db, "INSERT INTO outbox (service_code, action, payload, idempotency_key, base_version, base_value, created_at) "
                         "SELECT ?1, 'edit', ?2, ?3, version, document, ?4 FROM services WHERE code = ?1",
                     code, changes, key, g_get_real_time () / G_USEC_PER_SEC, error) &&
      run_edit_step (db, "UPDATE services SET document = json_patch (document, ?2),"
                         "  category = ifnull (json_extract (?2, '$.category'), category) "
                         "WHERE code = ?1 AND json_valid (document)",
                     code, changes, key, 0, error) &&
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;

  if (error != NULL && *error == NULL)
    g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                 "Editing a service failed: %s", sqlite3_errmsg (db));
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/**
 * baladi_store_service_has_edits:
 *
 * Returns: whether edits of the service @code wait in the outbox, sent
 *   or not, or were refused
 */
gboolean
baladi_store_service_has_edits (BaladiStore *self,
                                const char  *code)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);

  stmt = baladi_store_prepare_cached (self, "SELECT 1 FROM outbox WHERE service_code = ?1");
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);

  return found;
}
