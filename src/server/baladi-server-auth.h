/* baladi-server-auth.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "baladi-core-enums.h"

G_BEGIN_DECLS

typedef struct {
  char            *username;
  BaladiStaffRole  role;
  /* Municipality wire strings the person may see; NULL means all. */
  GStrv            scope;
} BaladiStaff;

void         baladi_staff_free                (BaladiStaff  *staff);
gboolean     baladi_staff_can_see             (BaladiStaff  *staff,
                                               const char   *municipality);

char        *baladi_password_hash             (const char   *password,
                                               guint         iterations);
gboolean     baladi_password_verify           (const char   *password,
                                               const char   *stored);
guint        baladi_password_default_iterations (void);

char        *baladi_server_login              (sqlite3      *db,
                                               const char   *username,
                                               const char   *password,
                                               gint64        lifetime_seconds,
                                               gint64       *expires_at,
                                               GError      **error);
BaladiStaff *baladi_server_authenticate       (sqlite3      *db,
                                               const char   *authorization);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiStaff, baladi_staff_free)

G_END_DECLS
