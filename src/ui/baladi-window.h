/* baladi-window.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-complaints-page.h"
#include "baladi-services-page.h"
#include "baladi-dashboard-page.h"
#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_WINDOW (baladi_window_get_type ())

G_DECLARE_FINAL_TYPE (BaladiWindow, baladi_window, BALADI, WINDOW, AdwApplicationWindow)

BaladiWindow *baladi_window_new              (AdwApplication *application);
const char   *baladi_window_get_visible_page (BaladiWindow   *self);
void          baladi_window_set_visible_page (BaladiWindow   *self,
                                              const char     *page_name);
void          baladi_window_set_store        (BaladiWindow   *self,
                                              BaladiStore    *store,
                                              const char     *user);
BaladiComplaintsPage *baladi_window_get_complaints_page (BaladiWindow *self);
BaladiDashboardPage  *baladi_window_get_dashboard_page  (BaladiWindow *self);
void          baladi_window_set_user         (BaladiWindow   *self,
                                              const char     *user);
BaladiServicesPage   *baladi_window_get_services_page   (BaladiWindow *self);
void          baladi_window_add_toast        (BaladiWindow   *self,
                                              const char     *message);

G_END_DECLS
