/* baladi-open311-source.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baladi-core-enums.h"
#include "baladi-open311-map.h"
#include "baladi-open311-parse.h"
#include "baladi-store.h"

G_BEGIN_DECLS

/**
 * BaladiOpen311Stats:
 * @n_pages: pages of requests read
 * @n_services: services stored
 * @n_requests: requests stored
 * @n_skipped: requests left out: without an id or a token, a service
 *   code, or any time
 * @n_bytes: bytes of the answers read
 * @truncated: the import stopped at #BaladiOpen311Source:max-requests
 *
 * What one import did.
 */
typedef struct {
  guint    n_pages;
  guint    n_services;
  guint    n_requests;
  guint    n_skipped;
  guint64  n_bytes;
  gboolean truncated;
} BaladiOpen311Stats;

#define BALADI_TYPE_OPEN311_SOURCE (baladi_open311_source_get_type ())

G_DECLARE_FINAL_TYPE (BaladiOpen311Source, baladi_open311_source, BALADI, OPEN311_SOURCE, GObject)

BaladiOpen311Source *baladi_open311_source_new                  (const char           *base_uri,
                                                                 BaladiOpen311Format   format);
const char          *baladi_open311_source_get_name             (BaladiOpen311Source  *self);
gboolean             baladi_open311_source_set_name             (BaladiOpen311Source  *self,
                                                                 const char           *name);
void                 baladi_open311_source_set_jurisdiction_id  (BaladiOpen311Source  *self,
                                                                 const char           *jurisdiction_id);
void                 baladi_open311_source_set_api_key          (BaladiOpen311Source  *self,
                                                                 const char           *api_key);
void                 baladi_open311_source_set_page_size        (BaladiOpen311Source  *self,
                                                                 guint                 page_size);
void                 baladi_open311_source_set_max_requests     (BaladiOpen311Source  *self,
                                                                 guint                 max_requests);
void                 baladi_open311_source_set_dates            (BaladiOpen311Source  *self,
                                                                 GDateTime            *start,
                                                                 GDateTime            *end);
void                 baladi_open311_source_set_defaults         (BaladiOpen311Source  *self,
                                                                 BaladiMunicipality    municipality,
                                                                 guint                 sla_value,
                                                                 BaladiSlaUnit         sla_unit);
gboolean             baladi_open311_source_import               (BaladiOpen311Source  *self,
                                                                 BaladiStore          *store,
                                                                 BaladiOpen311Stats   *stats,
                                                                 GCancellable         *cancellable,
                                                                 GError              **error);

G_END_DECLS
