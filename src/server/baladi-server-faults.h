/* baladi-server-faults.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BALADI_FAULT_NONE,
  BALADI_FAULT_ERROR,
  BALADI_FAULT_DROP,
  BALADI_FAULT_TRUNCATE,
  BALADI_FAULT_STALE_CURSOR,
} BaladiFault;

typedef struct _BaladiFaults BaladiFaults;

BaladiFaults *baladi_faults_parse     (const char    *spec,
                                       GError       **error);
void          baladi_faults_free      (BaladiFaults  *faults);
guint         baladi_faults_get_delay (BaladiFaults  *faults);
BaladiFault   baladi_faults_draw      (BaladiFaults  *faults,
                                       gboolean       has_cursor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiFaults, baladi_faults_free)

G_END_DECLS
