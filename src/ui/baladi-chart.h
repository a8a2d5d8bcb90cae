/* baladi-chart.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "baladi-dashboard.h"

G_BEGIN_DECLS

/**
 * BaladiChartKind:
 * @BALADI_CHART_KIND_LINE: a rate (0–100) per period as a line, with the
 *   target as a dashed line
 * @BALADI_CHART_KIND_BARS: several counts per period as bars side by side
 * @BALADI_CHART_KIND_STACKED: several counts per period stacked in one bar
 * @BALADI_CHART_KIND_BUCKETS: one count per row, from the least to the
 *   most severe (the ages of overdue requests)
 */
typedef enum {
  BALADI_CHART_KIND_LINE,
  BALADI_CHART_KIND_BARS,
  BALADI_CHART_KIND_STACKED,
  BALADI_CHART_KIND_BUCKETS,
} BaladiChartKind;

#define BALADI_CHART_MAX_SERIES 8

typedef struct {
  GdkRGBA foreground;
  GdkRGBA target;
  GdkRGBA below_target;
  GdkRGBA series[BALADI_CHART_MAX_SERIES];
  GdkRGBA buckets[4];
} BaladiChartPalette;

#define BALADI_TYPE_CHART (baladi_chart_get_type ())

G_DECLARE_FINAL_TYPE (BaladiChart, baladi_chart, BALADI, CHART, GtkWidget)

GtkWidget  *baladi_chart_new               (BaladiChartKind              kind,
                                            const char                  *title);
void        baladi_chart_set_table         (BaladiChart                 *self,
                                            BaladiDashboardTable        *table,
                                            const guint                 *columns,
                                            guint                        n_columns);
const char *baladi_chart_get_title         (BaladiChart                 *self);
const char *baladi_chart_get_summary       (BaladiChart                 *self);
void        baladi_chart_draw              (BaladiChart                 *self,
                                            cairo_t                     *cr,
                                            double                       width,
                                            double                       height,
                                            const BaladiChartPalette    *palette,
                                            PangoContext                *context,
                                            gboolean                     rtl);
void        baladi_chart_get_print_palette (BaladiChartPalette          *palette);

G_END_DECLS
