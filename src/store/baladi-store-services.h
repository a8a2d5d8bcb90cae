/* baladi-store-services.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-service.h"
#include "baladi-store.h"

G_BEGIN_DECLS

/**
 * BaladiServiceGroup:
 * @sector: the sector's wire name
 * @category: the category's code
 * @directorate_ar: the directorate of most of its services, in Arabic
 * @directorate_en: the same in English
 * @n_services: how many services it has
 * @example_ar: the Arabic name of its first service, to say what it holds
 * @example_en: the same in English
 * @name_ar: (nullable): the category's name in Arabic, from the lookups'
 *   service_categories, or %NULL if the cache has none
 * @name_en: (nullable): the same in English
 *
 * One category of the catalogue, to browse by sector, then by category.
 */
typedef struct {
  char  *sector;
  char  *category;
  char  *directorate_ar;
  char  *directorate_en;
  guint  n_services;
  char  *example_ar;
  char  *example_en;
  char  *name_ar;
  char  *name_en;
} BaladiServiceGroup;

/**
 * BaladiServiceRequestStats:
 * @n_requests: the cached requests about the service
 * @n_open: those not yet answered nor closed
 * @n_counted: those the on-time rate counts: answered, or unanswered past
 *   their due time (open requests not yet due are not counted)
 * @n_on_time: those first answered by their due time
 */
typedef struct {
  guint n_requests;
  guint n_open;
  guint n_counted;
  guint n_on_time;
} BaladiServiceRequestStats;

void           baladi_service_group_free         (BaladiServiceGroup  *group);
BaladiService *baladi_store_get_service          (BaladiStore         *self,
                                                  const char          *code,
                                                  GError             **error);
GPtrArray     *baladi_store_list_service_groups  (BaladiStore         *self,
                                                  GError             **error);
gint64         baladi_store_get_catalogue_revision (BaladiStore       *self);
gboolean       baladi_store_count_service_requests (BaladiStore               *self,
                                                    const char                *code,
                                                    gint64                     now,
                                                    BaladiServiceRequestStats *stats,
                                                    GError                   **error);
gboolean       baladi_store_edit_service         (BaladiStore         *self,
                                                  const char          *code,
                                                  const char          *changes,
                                                  GError             **error);
gboolean       baladi_store_service_has_edits    (BaladiStore         *self,
                                                  const char          *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiServiceGroup, baladi_service_group_free)

G_END_DECLS
