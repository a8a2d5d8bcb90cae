/* baladi-service-pane.h
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

#define BALADI_TYPE_SERVICE_PANE (baladi_service_pane_get_type ())

G_DECLARE_FINAL_TYPE (BaladiServicePane, baladi_service_pane, BALADI, SERVICE_PANE, GtkWidget)

void           baladi_service_pane_show          (BaladiServicePane *self,
                                                  BaladiStore       *store,
                                                  BaladiService     *service);
BaladiService *baladi_service_pane_get_service   (BaladiServicePane *self);
void           baladi_service_pane_set_editable  (BaladiServicePane *self,
                                                  gboolean           editable);
void           baladi_service_pane_set_show_back (BaladiServicePane *self,
                                                  gboolean           show_back);
guint          baladi_service_pane_get_n_requests (BaladiServicePane *self);
const char    *baladi_service_pane_get_trouble    (BaladiServicePane *self);

G_END_DECLS
