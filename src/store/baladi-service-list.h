/* baladi-service-list.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-service-search.h"
#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_SERVICE_LIST (baladi_service_list_get_type ())

G_DECLARE_FINAL_TYPE (BaladiServiceList, baladi_service_list, BALADI, SERVICE_LIST, GObject)

BaladiServiceList  *baladi_service_list_new             (BaladiStore        *store);
const char         *baladi_service_list_get_sector      (BaladiServiceList  *self);
void                baladi_service_list_set_sector      (BaladiServiceList  *self,
                                                         const char         *sector);
const char         *baladi_service_list_get_category    (BaladiServiceList  *self);
void                baladi_service_list_set_category    (BaladiServiceList  *self,
                                                         const char         *category);
const char         *baladi_service_list_get_search_text (BaladiServiceList  *self);
void                baladi_service_list_set_search_text (BaladiServiceList  *self,
                                                         const char         *text);
BaladiServiceQuery *baladi_service_list_get_query       (BaladiServiceList  *self);
BaladiServiceHit   *baladi_service_list_get_hit         (BaladiServiceList  *self,
                                                         guint               position);
gboolean            baladi_service_list_refresh         (BaladiServiceList  *self,
                                                         GError            **error);
void               baladi_service_list_set_category_order (BaladiServiceList  *self,
                                                           const char * const *categories);

G_END_DECLS
