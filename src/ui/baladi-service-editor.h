/* baladi-service-editor.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-service.h"
#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_SERVICE_EDITOR (baladi_service_editor_get_type ())

G_DECLARE_FINAL_TYPE (BaladiServiceEditor, baladi_service_editor, BALADI, SERVICE_EDITOR, AdwWindow)

BaladiServiceEditor *baladi_service_editor_new          (GtkWindow           *parent,
                                                         BaladiStore         *store,
                                                         BaladiService       *service);
void                 baladi_service_editor_set_text     (BaladiServiceEditor *self,
                                                         const char          *field,
                                                         const char          *text);
void                 baladi_service_editor_set_duration (BaladiServiceEditor *self,
                                                         guint                value);
const char          *baladi_service_editor_get_problem  (BaladiServiceEditor *self);

G_END_DECLS
