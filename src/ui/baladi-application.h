/* baladi-application.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-store.h"
#include "baladi-sync-engine.h"

G_BEGIN_DECLS

#define BALADI_TYPE_APPLICATION (baladi_application_get_type ())

G_DECLARE_FINAL_TYPE (BaladiApplication, baladi_application, BALADI, APPLICATION, AdwApplication)

BaladiApplication *baladi_application_new       (void);
BaladiStore       *baladi_application_get_store (BaladiApplication *self);
BaladiSyncEngine  *baladi_application_get_engine (BaladiApplication *self);

G_END_DECLS
