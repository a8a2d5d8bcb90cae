/* baladi-reply-templates.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baladi-request.h"
#include "baladi-store.h"

G_BEGIN_DECLS

guint       baladi_reply_templates_count (void);
GMenuModel *baladi_reply_templates_menu  (void);
char       *baladi_reply_template_expand (BaladiStore   *store,
                                          guint          index,
                                          BaladiRequest *request,
                                          const char    *language);

G_END_DECLS
