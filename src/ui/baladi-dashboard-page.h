/* baladi-dashboard-page.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-dashboard.h"
#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_DASHBOARD_PAGE (baladi_dashboard_page_get_type ())

G_DECLARE_FINAL_TYPE (BaladiDashboardPage, baladi_dashboard_page, BALADI, DASHBOARD_PAGE, GtkWidget)

void             baladi_dashboard_page_set_store       (BaladiDashboardPage  *self,
                                                        BaladiStore          *store,
                                                        const char           *user);
void             baladi_dashboard_page_set_user        (BaladiDashboardPage  *self,
                                                        const char           *user);
void             baladi_dashboard_page_refresh         (BaladiDashboardPage  *self);
BaladiDashboard *baladi_dashboard_page_get_dashboard   (BaladiDashboardPage  *self);
GDateTime       *baladi_dashboard_page_get_computed_at (BaladiDashboardPage  *self);
const char      *baladi_dashboard_page_get_tile        (BaladiDashboardPage  *self,
                                                        const char           *id);
gboolean         baladi_dashboard_page_export_csv      (BaladiDashboardPage  *self,
                                                        GFile                *folder,
                                                        GError              **error);
gboolean         baladi_dashboard_page_export_pdf      (BaladiDashboardPage  *self,
                                                        GFile                *file,
                                                        GError              **error);

G_END_DECLS
