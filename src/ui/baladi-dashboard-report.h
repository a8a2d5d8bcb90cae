/* baladi-dashboard-report.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "baladi-chart.h"
#include "baladi-dashboard.h"

G_BEGIN_DECLS

/**
 * BaladiDashboardReportCellFunc:
 *
 * Returns: (transfer full): the text of a cell as the page shows it
 */
typedef char *(*BaladiDashboardReportCellFunc) (BaladiDashboardTable *table,
                                                guint                 row,
                                                guint                 column,
                                                gpointer              user_data);

/**
 * BaladiDashboardReport:
 * @title: the report's title
 * @period: the period, in both calendars
 * @filters: the filters applied, in words
 * @generated: when the figures were computed
 * @tiles: (element-type utf8): three strings a headline figure: its
 *   name, its value and what explains it
 * @charts: (element-type BaladiChart): the charts
 * @tables: (element-type BaladiDashboardTable): the tables
 * @first_columns: (element-type guint): for each table, its first column
 *   shown (a table's first column may be a key for machines)
 * @cell: the text of a cell
 * @row_shown: whether a row is shown
 * @cell_data: the data of @cell and @row_shown
 * @rtl: whether the report reads from right to left
 *
 * What the PDF report holds, prepared by the page in the language of the
 * interface.
 */
/**
 * BaladiDashboardReportRowFunc:
 *
 * Returns: whether the report shows @row of @table
 */
typedef gboolean (*BaladiDashboardReportRowFunc) (BaladiDashboardTable *table,
                                                  guint                 row,
                                                  gpointer              user_data);

typedef struct {
  const char                    *title;
  const char                    *period;
  const char                    *filters;
  const char                    *generated;
  GPtrArray                     *tiles;
  GPtrArray                     *charts;
  GPtrArray                     *tables;
  GArray                        *first_columns;
  BaladiDashboardReportCellFunc  cell;
  BaladiDashboardReportRowFunc   row_shown;
  gpointer                       cell_data;
  gboolean                       rtl;
} BaladiDashboardReport;

gboolean baladi_dashboard_report_write_pdf (const BaladiDashboardReport  *report,
                                            const char                   *path,
                                            GError                      **error);

G_END_DECLS
