/* baladi-server-db.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define BALADI_SERVER_DB_ERROR (baladi_server_db_error_quark ())

typedef enum {
  BALADI_SERVER_DB_ERROR_SQLITE,
  BALADI_SERVER_DB_ERROR_SCHEMA,
} BaladiServerDbError;

GQuark        baladi_server_db_error_quark (void);
sqlite3      *baladi_server_db_open        (const char   *path,
                                            GError      **error);
gboolean      baladi_server_db_exec        (sqlite3      *db,
                                            const char   *sql,
                                            GError      **error);
sqlite3_stmt *baladi_server_db_prepare     (sqlite3      *db,
                                            const char   *sql,
                                            GError      **error);
char         *baladi_server_db_get_meta    (sqlite3      *db,
                                            const char   *key);
gboolean      baladi_server_db_set_meta    (sqlite3      *db,
                                            const char   *key,
                                            const char   *value,
                                            GError      **error);
gint64        baladi_server_db_next_seq    (sqlite3      *db,
                                            GError      **error);
gboolean      baladi_server_db_set_error   (sqlite3      *db,
                                            GError      **error);
sqlite3_stmt *baladi_server_db_cached      (sqlite3      *db,
                                            const char   *sql);
gboolean      baladi_server_db_run         (sqlite3      *db,
                                            const char   *sql,
                                            const char   *text1,
                                            const char   *text2,
                                            gint64        int3,
                                            gint64        int4);
gboolean      baladi_server_db_row_exists  (sqlite3      *db,
                                            const char   *sql,
                                            const char   *key);

typedef sqlite3_stmt BaladiStmt;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiStmt, sqlite3_finalize)

G_END_DECLS
