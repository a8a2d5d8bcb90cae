/* baladi-sync-engine-private.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-sync-engine.h"

G_BEGIN_DECLS

/* For tests: what the engine has under way, to wait for it without
 * guessing how long it takes. */
guint    baladi_sync_engine_count_workers      (void);
gboolean baladi_sync_engine_is_run_scheduled   (BaladiSyncEngine *self);

G_END_DECLS
