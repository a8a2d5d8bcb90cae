/* baladi-request-list.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baladi-core-enums.h"
#include "baladi-store.h"

G_BEGIN_DECLS

typedef enum {
  BALADI_REQUEST_SORT_DUE,
  BALADI_REQUEST_SORT_RECEIVED,
  BALADI_REQUEST_SORT_UPDATED,
  BALADI_REQUEST_SORT_REFERENCE,
  BALADI_REQUEST_SORT_SUBJECT,
  BALADI_REQUEST_SORT_TYPE,
  BALADI_REQUEST_SORT_CATEGORY,
  BALADI_REQUEST_SORT_MUNICIPALITY,
  BALADI_REQUEST_SORT_CHANNEL,
  BALADI_REQUEST_SORT_STATUS,
  BALADI_REQUEST_SORT_ASSIGNEE,
} BaladiRequestSort;

/**
 * BaladiRequestQuery:
 * @statuses: a bit (1 << status) for each #BaladiRequestStatus wanted; 0 for any
 * @open_only: only requests still needing work: not answered nor closed
 * @type: a #BaladiRequestType, or -1 for any
 * @municipality: a #BaladiMunicipality, or -1 for any
 * @sector: a #BaladiSector, or -1 for any
 * @channel: a #BaladiChannel, or -1 for any
 * @category: (nullable): a category code
 * @assignee: (nullable): a staff user name
 * @unassigned: only requests nobody holds
 * @received_from: (unix time) received at or after; 0 for no bound
 * @received_to: (unix time) received before; 0 for no bound
 * @due_before: (unix time) unanswered, running requests due before; 0 for no bound
 * @overdue: unanswered, running requests past their due time now
 * @local_state: only requests whose edits wait, need attention or clash
 *   (a #BaladiLocalState other than synced), or 0 for any
 * @search: (nullable): words to find, as the clerk typed them
 * @sort: the order
 * @descending: whether the order is reversed
 * @service_code: (nullable): only requests about this service of the
 *   catalogue
 *
 * What a view of the queue shows. Every field narrows the list; the
 * filtering and the sorting run in SQLite.
 */
typedef struct {
  guint              statuses;
  gboolean           open_only;
  int                type;
  int                municipality;
  int                sector;
  int                channel;
  char              *category;
  char              *assignee;
  gboolean           unassigned;
  gint64             received_from;
  gint64             received_to;
  gint64             due_before;
  gboolean           overdue;
  int                local_state;
  char              *search;
  BaladiRequestSort  sort;
  gboolean           descending;
  char              *service_code;
} BaladiRequestQuery;

#define BALADI_TYPE_REQUEST_QUERY (baladi_request_query_get_type ())

GType               baladi_request_query_get_type (void) G_GNUC_CONST;
BaladiRequestQuery *baladi_request_query_new      (void);
BaladiRequestQuery *baladi_request_query_copy     (const BaladiRequestQuery *query);
void                baladi_request_query_free     (BaladiRequestQuery       *query);
gboolean            baladi_request_query_equal    (const BaladiRequestQuery *a,
                                                   const BaladiRequestQuery *b);
char               *baladi_request_query_to_sql   (const BaladiRequestQuery *query,
                                                   const char               *select,
                                                   gboolean                  ordered,
                                                   gint64                    now,
                                                   GPtrArray                *params);
gboolean            baladi_request_query_bind     (sqlite3_stmt             *stmt,
                                                   GPtrArray                *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiRequestQuery, baladi_request_query_free)

#define BALADI_TYPE_REQUEST_LIST (baladi_request_list_get_type ())

G_DECLARE_FINAL_TYPE (BaladiRequestList, baladi_request_list, BALADI, REQUEST_LIST, GObject)

BaladiRequestList        *baladi_request_list_new       (BaladiStore              *store);
const BaladiRequestQuery *baladi_request_list_get_query (BaladiRequestList        *self);
void                      baladi_request_list_set_query (BaladiRequestList        *self,
                                                         const BaladiRequestQuery *query);
void                      baladi_request_list_refresh   (BaladiRequestList        *self);
gboolean                  baladi_request_list_get_loading (BaladiRequestList      *self);
int                       baladi_request_list_find      (BaladiRequestList        *self,
                                                         const char               *request_id);

void                      baladi_store_count_requests_async  (BaladiStore          *store,
                                                              GPtrArray            *queries,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GArray                   *baladi_store_count_requests_finish (BaladiStore          *store,
                                                              GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
