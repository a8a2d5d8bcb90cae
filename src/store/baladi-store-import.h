/* baladi-store-import.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-request.h"
#include "baladi-store.h"

G_BEGIN_DECLS

/**
 * BaladiCategoryLimit:
 * @sector: the sector of a category of the central API
 * @sla_value: its time limit
 * @sla_unit: the unit of the limit
 */
typedef struct {
  BaladiSector  sector;
  guint         sla_value;
  BaladiSlaUnit sla_unit;
} BaladiCategoryLimit;

gboolean baladi_store_put_imported_request (BaladiStore    *self,
                                            BaladiRequest  *request,
                                            const char     *origin,
                                            const char     *media_url,
                                            GPtrArray      *events,
                                            GError        **error);
gboolean baladi_store_put_imported_service (BaladiStore    *self,
                                            const char     *code,
                                            const char     *sector,
                                            const char     *category,
                                            const char     *document,
                                            const char     *origin,
                                            GError        **error);
GHashTable *baladi_store_list_category_limits (BaladiStore *self);

G_END_DECLS
