/* baladi-store-outbox.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The outbox as the sync engine sees it between two syncs: how many edits
 * wait, how many need the clerk, and when the next one is due. */

#include "config.h"

#include "baladi-store-outbox.h"

static gboolean
fail (sqlite3  *db,
      GError  **error)
{
  g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE, "%s", sqlite3_errmsg (db));
  return FALSE;
}

/**
 * baladi_store_outbox_summary:
 * @now: the time, in seconds since the epoch
 * @n_pending: (out): edits waiting to be sent
 * @n_attention: (out): edits the server refused or that conflict, waiting
 *   for the clerk
 * @next_attempt_at: (out): when the earliest edit that waits for a retry
 *   (backoff or Retry-After) is due, if after @now; otherwise 0. Edits
 *   queued behind one that needs the clerk are not counted here: no retry
 *   can send them.
 */
gboolean
baladi_store_outbox_summary (BaladiStore  *self,
                             gint64        now,
                             guint        *n_pending,
                             guint        *n_attention,
                             gint64       *next_attempt_at,
                             GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self,
    "SELECT count(*) FILTER (WHERE state IN ('pending', 'in_flight')), "
    "       count(*) FILTER (WHERE state IN ('attention', 'conflict')), "
    "       min(next_attempt_at) FILTER (WHERE state = 'pending' AND next_attempt_at > ?1 "
    "         AND NOT EXISTS (SELECT 1 FROM outbox b WHERE b.request_id = outbox.request_id "
    "                         AND b.id < outbox.id AND b.state IN ('attention', 'conflict'))) "
    "FROM outbox");
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);

  if (stmt == NULL)
    return fail (db, error);

  sqlite3_bind_int64 (stmt, 1, now);
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      *n_pending = sqlite3_column_int (stmt, 0);
      *n_attention = sqlite3_column_int (stmt, 1);
      *next_attempt_at = sqlite3_column_int64 (stmt, 2);
    }
  else
    {
      fail (db, error);
    }
  sqlite3_reset (stmt);

  return ok;
}

/**
 * baladi_store_outbox_request_ids:
 *
 * Returns: (transfer full): the requests with edits waiting to be sent:
 *   those whose rows a push may change
 */
GStrv
baladi_store_outbox_request_ids (BaladiStore  *self,
                                 GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self,
    "SELECT DISTINCT request_id FROM outbox WHERE state IN ('pending', 'in_flight') AND request_id IS NOT NULL");
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (BALADI_IS_STORE (self), NULL);

  if (stmt == NULL)
    {
      fail (db, error);
      return NULL;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (ids, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (db, error);
      return NULL;
    }

  return g_strv_builder_end (ids);
}

/**
 * baladi_store_outbox_retry_now:
 *
 * Makes every waiting edit due at once: the network came back, or the
 * clerk asked for a sync, so the backoff of earlier failures no longer
 * says anything.
 */
gboolean
baladi_store_outbox_retry_now (BaladiStore  *self,
                               GError      **error)
{
  sqlite3 *db = baladi_store_get_db (self);
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self,
    "UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending' AND next_attempt_at > 0");
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_STORE (self), FALSE);

  if (stmt == NULL)
    return fail (db, error);

  ok = sqlite3_step (stmt) == SQLITE_DONE;
  if (!ok)
    fail (db, error);
  sqlite3_reset (stmt);

  return ok;
}
