/* baladi-store-outbox.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-store.h"

G_BEGIN_DECLS

gboolean  baladi_store_outbox_summary     (BaladiStore  *self,
                                           gint64        now,
                                           guint        *n_pending,
                                           guint        *n_attention,
                                           gint64       *next_attempt_at,
                                           GError      **error);
GStrv     baladi_store_outbox_request_ids (BaladiStore  *self,
                                           GError      **error);
gboolean  baladi_store_outbox_retry_now   (BaladiStore  *self,
                                           GError      **error);

G_END_DECLS
