/* baladi-template-manager.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_TEMPLATE_MANAGER (baladi_template_manager_get_type ())

G_DECLARE_FINAL_TYPE (BaladiTemplateManager, baladi_template_manager, BALADI, TEMPLATE_MANAGER, AdwWindow)

BaladiTemplateManager *baladi_template_manager_new         (GtkWindow             *parent,
                                                            BaladiStore           *store,
                                                            const char            *server_uri,
                                                            const char            *token);
void                   baladi_template_manager_set_text    (BaladiTemplateManager *self,
                                                            const char            *field,
                                                            const char            *text);
char                  *baladi_template_manager_get_text    (BaladiTemplateManager *self,
                                                            const char            *field);
gboolean               baladi_template_manager_is_busy     (BaladiTemplateManager *self);
gboolean               baladi_template_manager_is_editing  (BaladiTemplateManager *self);
const char            *baladi_template_manager_get_problem (BaladiTemplateManager *self);

G_END_DECLS
