/* baladi-services-page.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-service-list.h"
#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_SERVICES_PAGE (baladi_services_page_get_type ())

G_DECLARE_FINAL_TYPE (BaladiServicesPage, baladi_services_page, BALADI, SERVICES_PAGE, GtkWidget)

void               baladi_services_page_set_store    (BaladiServicesPage *self,
                                                      BaladiStore        *store,
                                                      const char         *user);
void               baladi_services_page_reload       (BaladiServicesPage *self);
BaladiServiceList *baladi_services_page_get_list     (BaladiServicesPage *self);
void               baladi_services_page_search       (BaladiServicesPage *self,
                                                      const char         *text);
void               baladi_services_page_browse       (BaladiServicesPage *self,
                                                      const char         *sector,
                                                      const char         *category);
gboolean           baladi_services_page_show_service (BaladiServicesPage *self,
                                                      const char         *code);
gboolean           baladi_services_page_get_can_edit (BaladiServicesPage *self);

G_END_DECLS
