/* bench-fill.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-store.h"

G_BEGIN_DECLS

double bench_fill_cache (BaladiStore *store,
                         guint        n,
                         guint32      seed,
                         gint64       now);
double bench_now        (void);
gsize  bench_rss_kib    (void);

G_END_DECLS
