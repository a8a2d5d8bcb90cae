/* baladi-fts.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean  baladi_fts_register    (sqlite3     *db,
                                  GError     **error);
char     *baladi_fts_build_query (const char  *user_text);
void      baladi_fts_append_term (GString     *query,
                                  const char  *term,
                                  gboolean     prefix);

G_END_DECLS
