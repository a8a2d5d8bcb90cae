/* baladi-store-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The reply templates in the cache (schema 6): the server's, replaced
 * whole by each pull, and changed one at a time with the server's answer
 * when a supervisor saves one. Nothing here is ever written locally first:
 * managing templates needs the server. */

#include "config.h"

#include "baladi-store-sync.h"
#include "baladi-store-templates.h"

BaladiReplyTemplate *
baladi_reply_template_copy (const BaladiReplyTemplate *template)
{
  BaladiReplyTemplate *copy = g_new0 (BaladiReplyTemplate, 1);

  copy->id = g_strdup (template->id);
  copy->title = g_strdup (template->title);
  copy->title_ar = g_strdup (template->title_ar);
  copy->title_en = g_strdup (template->title_en);
  copy->body_ar = g_strdup (template->body_ar);
  copy->body_en = g_strdup (template->body_en);
  copy->position = template->position;
  copy->version = template->version;

  return copy;
}

void
baladi_reply_template_free (BaladiReplyTemplate *template)
{
  if (template == NULL)
    return;

  g_free (template->id);
  g_free (template->title);
  g_free (template->title_ar);
  g_free (template->title_en);
  g_free (template->body_ar);
  g_free (template->body_en);
  g_free (template);
}

static gboolean
set_sqlite_error (BaladiStore  *self,
                  GError      **error)
{
  g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (baladi_store_get_db (self)));
  return FALSE;
}

/* Reads the templates @where selects, with ?1 bound to @key. */
static GPtrArray *
read_templates (BaladiStore *self,
                const char  *where,
                const char  *key,
                const char  *language)
{
  GPtrArray *templates = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_reply_template_free);
  gboolean arabic = g_strcmp0 (language, "ar") == 0;
  g_autofree char *sql = g_strconcat ("SELECT id, title_ar, title_en, body_ar, body_en, position, version "
                                      "FROM reply_templates ", where, " ORDER BY position, id", NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self), sql, -1, &stmt, NULL) != SQLITE_OK)
    return templates;

  if (key != NULL)
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BaladiReplyTemplate *template = g_new0 (BaladiReplyTemplate, 1);

      template->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      template->title_ar = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      template->title_en = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      template->body_ar = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      template->body_en = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      template->position = sqlite3_column_int64 (stmt, 5);
      template->version = sqlite3_column_int64 (stmt, 6);
      template->title = g_strdup (arabic ? template->title_ar : template->title_en);
      g_ptr_array_add (templates, template);
    }
  sqlite3_finalize (stmt);

  return templates;
}

/**
 * baladi_store_list_reply_templates:
 * @language: the interface's language, "ar" or "en", for the titles
 *
 * Returns: (transfer full) (element-type BaladiReplyTemplate): the cached
 *   templates in the menu's order; none before the first sync
 */
GPtrArray *
baladi_store_list_reply_templates (BaladiStore *self,
                                   const char  *language)
{
  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  return read_templates (self, "", NULL, language);
}

/**
 * baladi_store_get_reply_template:
 *
 * Returns: (transfer full) (nullable): the cached template @id
 */
BaladiReplyTemplate *
baladi_store_get_reply_template (BaladiStore *self,
                                 const char  *id,
                                 const char  *language)
{
  g_autoptr(GPtrArray) templates = NULL;

  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  if (id == NULL)
    return NULL;

  templates = read_templates (self, "WHERE id = ?1", id, language);
  return templates->len > 0 ? baladi_reply_template_copy (g_ptr_array_index (templates, 0)) : NULL;
}

static gboolean
insert (BaladiStore               *self,
        const BaladiReplyTemplate *template,
        GError                   **error)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self, "INSERT OR REPLACE INTO reply_templates "
                                                          "(id, title_ar, title_en, body_ar, body_en, position, version) "
                                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  gboolean ok;

  if (stmt == NULL)
    return set_sqlite_error (self, error);

  sqlite3_bind_text (stmt, 1, template->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, template->title_ar, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, template->title_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, template->body_ar, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, template->body_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, template->position);
  sqlite3_bind_int64 (stmt, 7, template->version);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    set_sqlite_error (self, error);
  sqlite3_reset (stmt);

  return ok;
}

/**
 * baladi_store_replace_reply_templates:
 * @templates: (element-type BaladiReplyTemplate): the server's whole list
 *
 * Puts @templates in place of the cached ones, in one transaction: a
 * failure leaves the cache as it was.
 */
gboolean
baladi_store_replace_reply_templates (BaladiStore  *self,
                                      GPtrArray    *templates,
                                      GError      **error)
{
  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);

  if (!baladi_store_begin (self, error))
    return FALSE;

  if (sqlite3_exec (baladi_store_get_db (self), "DELETE FROM reply_templates", NULL, NULL, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self, error);
      goto fail;
    }
  for (guint i = 0; i < templates->len; i++)
    if (!insert (self, g_ptr_array_index (templates, i), error))
      goto fail;

  if (baladi_store_commit (self, error))
    return TRUE;

fail:
  baladi_store_rollback (self);
  return FALSE;
}

/**
 * baladi_store_put_reply_template:
 *
 * Stores one template as the server answered a save of it.
 */
gboolean
baladi_store_put_reply_template (BaladiStore                *self,
                                 const BaladiReplyTemplate  *template,
                                 GError                    **error)
{
  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);
  g_return_val_if_fail (template != NULL && template->id != NULL, FALSE);

  return insert (self, template, error);
}

gboolean
baladi_store_delete_reply_template (BaladiStore  *self,
                                    const char   *id,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);

  stmt = baladi_store_prepare_cached (self, "DELETE FROM reply_templates WHERE id = ?1");
  if (stmt == NULL)
    return set_sqlite_error (self, error);

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    set_sqlite_error (self, error);
  sqlite3_reset (stmt);

  return ok;
}
