/* baladi-service-search.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-store.h"

G_BEGIN_DECLS

/**
 * BaladiTextSpan:
 * @start: where a matching word starts, in bytes of the original text
 * @end: where it ends (exclusive)
 *
 * Byte offsets, as Pango attributes take them.
 */
typedef struct {
  guint start;
  guint end;
} BaladiTextSpan;

/**
 * BaladiServiceQuery:
 *
 * What a search box's text means: for each word, the indexed terms it
 * stands for after spelling variants, clitics and typos are resolved.
 */
typedef struct _BaladiServiceQuery BaladiServiceQuery;

#define BALADI_TYPE_SERVICE_QUERY (baladi_service_query_get_type ())

GType               baladi_service_query_get_type       (void) G_GNUC_CONST;
BaladiServiceQuery *baladi_service_query_ref            (BaladiServiceQuery *query);
void                baladi_service_query_unref          (BaladiServiceQuery *query);
gboolean            baladi_service_query_is_empty       (BaladiServiceQuery *query);
char               *baladi_service_query_to_string      (BaladiServiceQuery *query);
GArray             *baladi_service_query_find_spans     (BaladiServiceQuery *query,
                                                         const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiServiceQuery, baladi_service_query_unref)

/**
 * BaladiServiceHit:
 *
 * One service found, with its score and where the query matches its name.
 */
typedef struct _BaladiServiceHit BaladiServiceHit;

#define BALADI_TYPE_SERVICE_HIT (baladi_service_hit_get_type ())

GType                 baladi_service_hit_get_type       (void) G_GNUC_CONST;
BaladiServiceHit     *baladi_service_hit_ref            (BaladiServiceHit *hit);
void                  baladi_service_hit_unref          (BaladiServiceHit *hit);
const char           *baladi_service_hit_get_code       (BaladiServiceHit *hit);
gint64                baladi_service_hit_get_revision   (BaladiServiceHit *hit);
double                baladi_service_hit_get_score      (BaladiServiceHit *hit);
gboolean              baladi_service_hit_matches_all    (BaladiServiceHit *hit);
const BaladiTextSpan *baladi_service_hit_get_name_spans (BaladiServiceHit *hit,
                                                         const char       *language,
                                                         guint            *n_spans);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiServiceHit, baladi_service_hit_unref)

#define BALADI_TYPE_SERVICE_SEARCH (baladi_service_search_get_type ())

G_DECLARE_FINAL_TYPE (BaladiServiceSearch, baladi_service_search, BALADI, SERVICE_SEARCH, GObject)

BaladiServiceSearch *baladi_service_search_new   (BaladiStore          *store);
BaladiServiceQuery  *baladi_service_search_parse (BaladiServiceSearch  *self,
                                                  const char           *text);
GPtrArray           *baladi_service_search_run   (BaladiServiceSearch  *self,
                                                  BaladiServiceQuery   *query,
                                                  const char           *sector,
                                                  const char           *category,
                                                  guint                 limit,
                                                  GError              **error);
GPtrArray           *baladi_service_search_find  (BaladiServiceSearch  *self,
                                                  const char           *text,
                                                  guint                 limit,
                                                  GError              **error);

G_END_DECLS
