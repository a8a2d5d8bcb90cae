/* baladi-dashboard.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "baladi-core-enums.h"
#include "baladi-sla-calendar.h"
#include "baladi-store.h"

G_BEGIN_DECLS

/*
 * The on-time rule, in one place.
 *
 * A request is *answered on time* when the ministry's response came at or
 * before its due time. The response is the first public reply to the
 * citizen or, for a request closed without one (the citizen never came
 * back), its closing. The due time is the cached `due_at`, which the
 * server computes on the SLA calendar (working hours, weekends, public
 * holidays) and moves out by every pause that has ended. This is
 * baladi_sla_calendar_evaluate()'s rule with that response as the reply.
 *
 * Before a response, a request waiting on the citizen or on another
 * agency is paused: its clock stands still, so it is never overdue, even
 * when its cached due time (which does not yet include the pause still
 * open) has passed. Otherwise it is overdue once `now` is after its due
 * time.
 *
 * A duplicate merged into another request has no state of its own: the
 * citizen is answered through the request it was merged into. It counts
 * as received, and nowhere else.
 *
 * BALADI_SLA_STATE_SQL() is that rule as an SQL expression over a row of
 * `requests` (@row is the table name or alias, @now an SQL expression for
 * the present in Unix seconds): it gives the BaladiSlaState values
 * MET_ON_TIME, MET_LATE, PAUSED and OVERDUE, NULL for a merged duplicate,
 * and ON_TRACK for the rest (the calendar tells on track from due soon:
 * baladi_dashboard_request_sla_state()). The Complaints list sorts and
 * filters with it; the dashboard and its triggers count with it. Schema
 * migration 1 → 2 has this text frozen in its triggers: a change of the
 * rule needs a new migration that recreates them.
 */
#define BALADI_SLA_STATE_SQL(row, now) \
  "(CASE WHEN " row ".merged_into IS NOT NULL THEN NULL " \
  "WHEN coalesce(" row ".first_reply_at, " row ".closed_at) IS NOT NULL THEN " \
  "CASE WHEN coalesce(" row ".first_reply_at, " row ".closed_at) <= " row ".due_at THEN 4 ELSE 5 END " \
  "WHEN " row ".status IN ('waiting_citizen', 'waiting_agency') THEN 3 " \
  "WHEN " row ".due_at < (" now ") THEN 2 ELSE 0 END)"

/* Asia/Bahrain keeps UTC+3 all year: a local day of the aggregates is
 * (unix + BALADI_DASHBOARD_UTC_OFFSET) / 86400. */
#define BALADI_DASHBOARD_UTC_OFFSET 10800

/* The requests without a response: the only ones whose state depends on
 * the present (overdue or not yet). The condition of a partial index, so
 * spelt exactly so wherever used. */
#define BALADI_DASHBOARD_UNANSWERED_SQL \
  "(first_reply_at IS NULL AND closed_at IS NULL AND merged_into IS NULL)"

gboolean baladi_dashboard_request_sla_state (BaladiSlaCalendar   *calendar,
                                             GDateTime           *received,
                                             GDateTime           *due,
                                             GDateTime           *first_reply,
                                             GDateTime           *closed,
                                             BaladiRequestStatus  status,
                                             gboolean             merged,
                                             GDateTime           *now,
                                             BaladiSlaState      *state);

/**
 * BaladiDashboardFilter:
 * @start: the first instant of the period
 * @end: the instant after the period
 * @municipality: (nullable): a municipality's wire name, or %NULL for all
 * @sector: (nullable): a sector's wire name, or %NULL for all
 * @channel: (nullable): a channel's wire name, or %NULL for all
 *
 * What the dashboard counts. The period is the half-open interval
 * [@start, @end).
 */
typedef struct {
  GDateTime  *start;
  GDateTime  *end;
  const char *municipality;
  const char *sector;
  const char *channel;
} BaladiDashboardFilter;

/**
 * BaladiDashboardTiles:
 * @received: requests received in the period
 * @answered: requests whose first reply to the citizen was sent in the period
 * @on_time: requests received in the period and answered on time
 * @decided: requests received in the period that were answered (on time
 *   or late) or are overdue now: the on-time rate is @on_time / @decided
 * @previous_on_time: @on_time for the previous period of equal length
 * @previous_decided: @decided for the previous period of equal length
 * @open: the open backlog now, whatever the period: requests whose
 *   status still needs work (not answered, not closed)
 * @overdue: requests overdue now, whatever the period
 * @n_replied: the requests behind the two figures below
 * @median_reply: median time to first reply of the requests answered in
 *   the period, in working seconds of the SLA calendar (divide by 3600 for
 *   working hours); -1 when none was answered
 * @p90_reply: 90th percentile of the same, in working seconds; -1 when
 *   none was answered
 * @reopened: requests received in the period that were ever reopened
 * @paused: requests received in the period that ever waited on the
 *   citizen or another agency
 *
 * The headline figures. Rates are left to the reader of the counts, so
 * that a page can say "no request yet" rather than show 0 %.
 */
typedef struct {
  guint  received;
  guint  answered;
  guint  on_time;
  guint  decided;
  guint  previous_on_time;
  guint  previous_decided;
  guint  open;
  guint  overdue;
  guint  n_replied;
  gint64 median_reply;
  gint64 p90_reply;
  guint  reopened;
  guint  paused;
} BaladiDashboardTiles;

/* The director's target: 95 % of requests answered within their time limit. */
#define BALADI_DASHBOARD_TARGET 0.95

typedef enum {
  BALADI_DASHBOARD_TABLE_SUMMARY,
  BALADI_DASHBOARD_TABLE_MUNICIPALITY,
  BALADI_DASHBOARD_TABLE_SECTOR,
  BALADI_DASHBOARD_TABLE_CATEGORY,
  BALADI_DASHBOARD_TABLE_TYPE,
  BALADI_DASHBOARD_TABLE_CHANNEL,
  BALADI_DASHBOARD_TABLE_ASSIGNEE,
  BALADI_DASHBOARD_TABLE_WEEKS,
  BALADI_DASHBOARD_TABLE_MONTHS,
  BALADI_DASHBOARD_TABLE_CHANNEL_WEEKS,
  BALADI_DASHBOARD_TABLE_OVERDUE_AGE,
  BALADI_DASHBOARD_TABLE_CUSTOMER_DAY,
  BALADI_DASHBOARD_TABLE_PAUSE_REASONS,
  BALADI_DASHBOARD_N_TABLES,
} BaladiDashboardTableId;

/**
 * BaladiDashboardFlags:
 * @BALADI_DASHBOARD_FLAGS_NONE: read the aggregates the store maintains
 * @BALADI_DASHBOARD_FLAGS_NO_AGGREGATES: count every request of the period
 *   from the `requests` table instead; the same numbers, slower (for the
 *   benchmark and the tests)
 */
typedef enum {
  BALADI_DASHBOARD_FLAGS_NONE = 0,
  BALADI_DASHBOARD_FLAGS_NO_AGGREGATES = 1 << 0,
} BaladiDashboardFlags;

typedef struct _BaladiDashboardTable BaladiDashboardTable;

#define BALADI_TYPE_DASHBOARD_TABLE (baladi_dashboard_table_get_type ())

GType                  baladi_dashboard_table_get_type         (void) G_GNUC_CONST;
BaladiDashboardTable  *baladi_dashboard_table_ref              (BaladiDashboardTable  *table);
void                   baladi_dashboard_table_unref            (BaladiDashboardTable  *table);
const char            *baladi_dashboard_table_get_name         (BaladiDashboardTable  *table);
const char            *baladi_dashboard_table_get_title        (BaladiDashboardTable  *table);
guint                  baladi_dashboard_table_get_n_columns    (BaladiDashboardTable  *table);
guint                  baladi_dashboard_table_get_n_rows       (BaladiDashboardTable  *table);
const char            *baladi_dashboard_table_get_column_title (BaladiDashboardTable  *table,
                                                                guint                  column);
const char            *baladi_dashboard_table_get_key          (BaladiDashboardTable  *table,
                                                                guint                  row);
int                    baladi_dashboard_table_find_row         (BaladiDashboardTable  *table,
                                                                const char            *key);
const char            *baladi_dashboard_table_get_text         (BaladiDashboardTable  *table,
                                                                guint                  row,
                                                                guint                  column);
double                 baladi_dashboard_table_get_value        (BaladiDashboardTable  *table,
                                                                guint                  row,
                                                                guint                  column);
GBytes                *baladi_dashboard_table_to_csv           (BaladiDashboardTable  *table);
gboolean               baladi_dashboard_table_write_csv        (BaladiDashboardTable  *table,
                                                                GOutputStream         *stream,
                                                                GCancellable          *cancellable,
                                                                GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiDashboardTable, baladi_dashboard_table_unref)

#define BALADI_TYPE_DASHBOARD (baladi_dashboard_get_type ())

G_DECLARE_FINAL_TYPE (BaladiDashboard, baladi_dashboard, BALADI, DASHBOARD, GObject)

BaladiDashboard            *baladi_dashboard_compute   (BaladiStore                  *store,
                                                        BaladiSlaCalendar            *calendar,
                                                        const BaladiDashboardFilter  *filter,
                                                        GDateTime                    *now,
                                                        BaladiDashboardFlags          flags,
                                                        GError                      **error);
const BaladiDashboardTiles *baladi_dashboard_get_tiles (BaladiDashboard              *self);
BaladiDashboardTable       *baladi_dashboard_get_table (BaladiDashboard              *self,
                                                        BaladiDashboardTableId        id);

G_END_DECLS
