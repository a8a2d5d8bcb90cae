/* baladi-store.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define BALADI_STORE_ERROR (baladi_store_error_quark ())

typedef enum {
  BALADI_STORE_ERROR_OPEN,
  BALADI_STORE_ERROR_SQLITE,
  BALADI_STORE_ERROR_TOO_NEW,
  BALADI_STORE_ERROR_INVALID,
  BALADI_STORE_ERROR_READ_ONLY,
} BaladiStoreError;

#define BALADI_TYPE_STORE (baladi_store_get_type ())

G_DECLARE_FINAL_TYPE (BaladiStore, baladi_store, BALADI, STORE, GObject)

GQuark       baladi_store_error_quark      (void);
char        *baladi_store_default_path     (void);
BaladiStore *baladi_store_open             (const char   *path,
                                            GError      **error);
int          baladi_store_get_version      (BaladiStore  *self);
const char  *baladi_store_get_path         (BaladiStore  *self);
sqlite3     *baladi_store_open_reader      (BaladiStore  *self,
                                            GError      **error);
sqlite3     *baladi_store_lock_reader      (BaladiStore  *self,
                                            GError      **error);
void         baladi_store_unlock_reader    (BaladiStore  *self);
sqlite3     *baladi_store_get_db           (BaladiStore  *self);
gboolean     baladi_store_take_writer_waiting (void);
sqlite3_stmt *baladi_store_prepare_cached  (BaladiStore  *self,
                                            const char   *sql);
void         baladi_store_emit_changed     (BaladiStore  *self,
                                            const char   *request_id);
void         baladi_store_emit_many_changed (BaladiStore *self,
                                            const char * const *request_ids);
int          baladi_store_latest_version   (void);
gboolean     baladi_store_migrate          (sqlite3      *db,
                                            int           target,
                                            GError      **error);
gboolean     baladi_store_check_kpi_calendar (sqlite3    *db,
                                              GError    **error);

G_END_DECLS
