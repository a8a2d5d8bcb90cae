/* baladi-test-store.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-store.h"

G_BEGIN_DECLS

BaladiStore *baladi_test_store_open (const char *dir,
                                     const char *name);

gint64 baladi_test_store_count (BaladiStore *store,
                                const char  *sql,
                                const char  *arg);

G_END_DECLS
