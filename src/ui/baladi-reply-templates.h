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

GMenuModel *baladi_reply_templates_menu       (BaladiStore   *store,
                                               const char    *language,
                                               gboolean       can_manage,
                                               guint         *n_templates);
gboolean    baladi_reply_templates_can_manage (BaladiStore   *store,
                                               const char    *user);
char       *baladi_reply_template_expand      (BaladiStore   *store,
                                               const char    *id,
                                               BaladiRequest *request,
                                               const char    *language);

G_END_DECLS
