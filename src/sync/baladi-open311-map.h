/* baladi-open311-map.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baladi-core-enums.h"
#include "baladi-request.h"
#include "baladi-sla-calendar.h"
#include "baladi-store-import.h"

G_BEGIN_DECLS

#define BALADI_OPEN311_ID_PREFIX "open311:"

/**
 * BaladiOpen311Mapping:
 * @name: the name of the source, part of every id imported from it
 * @calendar: counts the time limit of requests that give no due time
 * @municipality: of requests whose agency_responsible names none of ours
 * @sla_value: the time limit of requests that give no due time, unless
 *   their service code is one of @categories
 * @sla_unit: its unit
 * @categories: (nullable) (element-type utf8 BaladiCategoryLimit): the
 *   central API's categories the cache knows, by code
 *
 * What the cache needs and GeoReport does not say.
 */
typedef struct {
  const char         *name;
  BaladiSlaCalendar  *calendar;
  BaladiMunicipality  municipality;
  guint               sla_value;
  BaladiSlaUnit       sla_unit;
  GHashTable         *categories;
} BaladiOpen311Mapping;


/**
 * BaladiOpen311Service:
 * @code: open311:NAME:SERVICE_CODE, its key in the cache
 * @category: the SERVICE_CODE
 * @sector: its sector, from its group
 * @document: the service as JSON
 * @name: its name (the subject of its requests), or its code
 */
typedef struct {
  char *code;
  char *category;
  BaladiSector sector;
  char *document;
  char *name;
} BaladiOpen311Service;

/**
 * BaladiOpen311Request:
 * @request: the request as the cache keeps it
 * @events: (element-type BaladiEvent): its history: the status notes
 * @media_url: (nullable): the web address of its picture
 * @updated: when it last changed, in Unix time
 */
typedef struct {
  BaladiRequest *request;
  GPtrArray     *events;
  char          *media_url;
  gint64         updated;
} BaladiOpen311Request;

void                  baladi_open311_service_free        (BaladiOpen311Service        *service);
void                  baladi_open311_request_free        (BaladiOpen311Request        *request);
BaladiOpen311Service *baladi_open311_service_from_record (const BaladiOpen311Mapping  *mapping,
                                                          GHashTable                  *record,
                                                          GError                     **error);
BaladiOpen311Request *baladi_open311_request_from_record (const BaladiOpen311Mapping  *mapping,
                                                          GHashTable                  *record,
                                                          GHashTable                  *services,
                                                          GError                     **error);

G_END_DECLS
