/* baladi-chart.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A chart of one of the dashboard's tables, drawn with cairo: on the
 * screen through GtkSnapshot, in the PDF report on the report's page, by
 * the same code. Colours come from libadwaita's named colours, so that
 * the chart reads in the light and the dark style. In a right-to-left
 * interface the chart is mirrored: the value axis stands at the right and
 * time runs from right to left, the newest period on the left, as an
 * Arabic reader reads. Points under the target are drawn as squares, not
 * only in another colour. Every chart has a text alternative, its
 * summary, given to assistive technologies as its description. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "baladi-chart.h"
#include "baladi-dashboard-format.h"

struct _BaladiChart
{
  GtkWidget             parent_instance;

  BaladiChartKind       kind;
  char                 *title;
  BaladiDashboardTable *table;
  GArray               *columns;
  GPtrArray            *labels;
  char                 *summary;
};

G_DEFINE_FINAL_TYPE (BaladiChart, baladi_chart, GTK_TYPE_WIDGET)

/* Libadwaita's palette, for the print and for a theme without it. */
static const char * const series_colors[BALADI_CHART_MAX_SERIES][2] = {
  { "blue_3", "#3584e4" }, { "green_5", "#26a269" }, { "orange_3", "#ff7800" }, { "purple_3", "#9141ac" },
  { "yellow_5", "#e5a50a" }, { "red_3", "#e01b24" }, { "brown_3", "#986a44" }, { "dark_2", "#5e5c64" },
};
static const char * const bucket_colors[4][2] = {
  { "yellow_5", "#e5a50a" }, { "orange_4", "#e66100" }, { "red_3", "#e01b24" }, { "red_5", "#a51d2d" },
};

static void
lookup (GtkStyleContext *context,
        const char      *name,
        const char      *fallback,
        GdkRGBA         *color)
{
  if (context == NULL || !gtk_style_context_lookup_color (context, name, color))
    gdk_rgba_parse (color, fallback);
}

static void
get_palette (GtkStyleContext    *context,
             BaladiChartPalette *palette)
{
  if (context != NULL)
    gtk_style_context_get_color (context, &palette->foreground);
  else
    gdk_rgba_parse (&palette->foreground, "rgba(0, 0, 0, 0.8)");
  lookup (context, "success_color", "#1b8553", &palette->target);
  lookup (context, "error_color", "#c01c28", &palette->below_target);
  lookup (context, "accent_color", "#1c71d8", &palette->series[0]);
  for (guint i = 1; i < BALADI_CHART_MAX_SERIES; i++)
    lookup (context, series_colors[i][0], series_colors[i][1], &palette->series[i]);
  for (guint i = 0; i < G_N_ELEMENTS (palette->buckets); i++)
    lookup (context, bucket_colors[i][0], bucket_colors[i][1], &palette->buckets[i]);
}

/**
 * baladi_chart_get_print_palette:
 *
 * The colours of the light style, for paper.
 */
void
baladi_chart_get_print_palette (BaladiChartPalette *palette)
{
  get_palette (NULL, palette);
}

/* Labels and summary {{{ */

static double
value (BaladiChart *self,
       guint        row,
       guint        series)
{
  return baladi_dashboard_table_get_value (self->table, row, g_array_index (self->columns, guint, series));
}

static const char *
series_name (BaladiChart *self,
             guint        series)
{
  return baladi_dashboard_table_get_column_title (self->table, g_array_index (self->columns, guint, series));
}

static char *
row_name (BaladiChart *self,
          guint        row)
{
  if (self->kind == BALADI_CHART_KIND_BUCKETS)
    return baladi_dashboard_format_digits (baladi_dashboard_table_get_text (self->table, row, 0));
  return baladi_dashboard_format_period (baladi_dashboard_table_get_key (self->table, row), TRUE);
}

static char *
line_summary (BaladiChart *self)
{
  guint n = baladi_dashboard_table_get_n_rows (self->table);
  int lowest = -1, highest = -1, latest = -1;
  guint below = 0, known = 0;
  g_autofree char *first = NULL, *last = NULL, *target = NULL;
  g_autofree char *latest_text = NULL, *lowest_text = NULL, *highest_text = NULL;
  g_autofree char *lowest_name = NULL, *highest_name = NULL;
  g_autofree char *known_text = NULL, *below_text = NULL, *below_sentence = NULL;

  for (guint row = 0; row < n; row++)
    {
      double rate = value (self, row, 0);

      if (isnan (rate))
        continue;
      known++;
      latest = row;
      if (lowest < 0 || rate < value (self, lowest, 0))
        lowest = row;
      if (highest < 0 || rate > value (self, highest, 0))
        highest = row;
      if (rate < 100.0 * BALADI_DASHBOARD_TARGET)
        below++;
    }

  if (known == 0)
    return g_strdup (_("No request of this period was answered or overdue yet."));

  first = row_name (self, 0);
  last = row_name (self, n - 1);
  target = baladi_dashboard_format_percent (100.0 * BALADI_DASHBOARD_TARGET, 0);
  latest_text = baladi_dashboard_format_percent (value (self, latest, 0), 1);
  lowest_text = baladi_dashboard_format_percent (value (self, lowest, 0), 1);
  highest_text = baladi_dashboard_format_percent (value (self, highest, 0), 1);
  lowest_name = row_name (self, lowest);
  highest_name = row_name (self, highest);
  known_text = baladi_dashboard_format_count (known);
  below_text = baladi_dashboard_format_count (below);
  /* Translators: the first %s is a number of periods (weeks or months) below
   * the target, the second how many periods had requests, the third the target */
  below_sentence = g_strdup_printf (ngettext ("%s period of %s was below the target of %s.",
                                              "%s periods of %s were below the target of %s.", below),
                                    below_text, known_text, target);

  /* Translators: a chart's text alternative: the period, the latest rate,
   * the lowest and the highest with when they were */
  return g_strdup_printf (_("From %s to %s. Latest: %s. Lowest: %s (%s); highest: %s (%s). %s"),
                          first, last, latest_text, lowest_text, lowest_name, highest_text, highest_name,
                          below_sentence);
}

static char *
counts_summary (BaladiChart *self)
{
  guint n = baladi_dashboard_table_get_n_rows (self->table);
  g_autoptr(GString) summary = g_string_new (NULL);

  if (self->kind == BALADI_CHART_KIND_BUCKETS)
    {
      for (guint row = 0; row < n; row++)
        {
          g_autofree char *count = baladi_dashboard_format_count (value (self, row, 0));

          if (row > 0)
            /* Translators: what separates the items of a list in a sentence */
            g_string_append (summary, C_("list separator", "; "));
          g_autofree char *name = row_name (self, row);

          /* Translators: a bar of a chart and its value, e.g. "1 to 3: 12" */
          g_string_append_printf (summary, _("%s: %s"), name, count);
        }
      return g_string_free (g_steal_pointer (&summary), FALSE);
    }

  /* The total of each series, then the period with the most of the first. */
  for (guint series = 0; series < self->columns->len; series++)
    {
      double total = 0;
      g_autofree char *count = NULL;

      for (guint row = 0; row < n; row++)
        total += value (self, row, series);
      count = baladi_dashboard_format_count (total);
      if (series > 0)
        g_string_append (summary, C_("list separator", "; "));
      /* Translators: a series of a chart and its total, e.g. "Received: 1,200 in all" */
      g_string_append_printf (summary, _("%s: %s in all"), series_name (self, series), count);
    }
  if (n > 0)
    {
      guint busiest = 0;
      double most = -1;
      g_autofree char *name = NULL;
      g_autofree char *count = NULL;

      for (guint row = 0; row < n; row++)
        {
          double total = 0;

          for (guint series = 0; series < (self->kind == BALADI_CHART_KIND_STACKED ? self->columns->len : 1); series++)
            total += value (self, row, series);
          if (total > most)
            {
              most = total;
              busiest = row;
            }
        }
      name = row_name (self, busiest);
      count = baladi_dashboard_format_count (most);
      g_string_append (summary, ". ");
      /* Translators: in a chart's text alternative: the busiest period and its count */
      g_string_append_printf (summary, _("The most: %s, with %s."), name, count);
    }

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
update_summary (BaladiChart *self)
{
  g_clear_pointer (&self->summary, g_free);

  if (self->table == NULL || baladi_dashboard_table_get_n_rows (self->table) == 0)
    self->summary = g_strdup (_("Nothing to show for this period."));
  else if (self->kind == BALADI_CHART_KIND_LINE)
    self->summary = line_summary (self);
  else
    self->summary = counts_summary (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

/* }}} */

/* Drawing {{{ */

typedef struct {
  cairo_t                  *cr;
  PangoLayout              *layout;
  const BaladiChartPalette *palette;
  gboolean                  rtl;
  double                    line_height;
  double                    width;
} Painter;

static void
set_color (Painter       *painter,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (painter->cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static double
text_width (Painter    *painter,
            const char *text)
{
  int width;

  pango_layout_set_text (painter->layout, text, -1);
  pango_layout_get_pixel_size (painter->layout, &width, NULL);
  return width;
}

/* @text with its left edge (@align 0), centre (0.5) or right edge (1) at
 * @x, its top at @y, but never beyond the sides of the chart. */
static void
draw_text (Painter    *painter,
           const char *text,
           double      x,
           double      y,
           double      align)
{
  double width = text_width (painter, text);

  cairo_move_to (painter->cr, round (CLAMP (x - align * width, 0, MAX (0, painter->width - width))), round (y));
  pango_cairo_show_layout (painter->cr, painter->layout);
}

/* A step of 1, 2 or 5 × 10ⁿ that gives about four lines up to @max. */
static double
nice_step (double max)
{
  double raw = MAX (max, 1.0) / 4;
  double magnitude = pow (10, floor (log10 (raw)));
  double step = raw / magnitude;

  step = step <= 1 ? 1 : step <= 2 ? 2 : step <= 5 ? 5 : 10;
  return MAX (1.0, step * magnitude);
}

/* The series' colours and names, wrapping to as many lines as they need
 * from the start side; for a rate, the target's dashed line too. Returns
 * the height drawn. */
static double
draw_legend (BaladiChart *self,
             Painter     *painter,
             double       width,
             double       y)
{
  double swatch = painter->line_height * 0.6;
  double x = 0, top = y;
  guint n_items = self->columns->len + (self->kind == BALADI_CHART_KIND_LINE ? 1 : 0);

  for (guint item = 0; item < n_items; item++)
    {
      gboolean is_target = item == self->columns->len;
      g_autofree char *target = is_target ? baladi_dashboard_format_percent (100.0 * BALADI_DASHBOARD_TARGET, 0) : NULL;
      /* Translators: the legend of the target line of a chart, e.g. "Target 95 %" */
      g_autofree char *name = is_target ? g_strdup_printf (_("Target %s"), target) : g_strdup (series_name (self, item));
      double mark = is_target ? 2.5 * swatch : swatch;
      double item_width = mark + 4 + text_width (painter, name);
      double start;

      if (x > 0 && x + item_width > width)
        {
          x = 0;
          y += painter->line_height + 4;
        }
      start = painter->rtl ? width - x - mark : x;

      if (is_target)
        {
          const double dashes[] = { 4, 3 };

          set_color (painter, &painter->palette->target, 1);
          cairo_set_line_width (painter->cr, 1.5);
          cairo_set_dash (painter->cr, dashes, G_N_ELEMENTS (dashes), 0);
          cairo_move_to (painter->cr, start, y + painter->line_height / 2);
          cairo_line_to (painter->cr, start + mark, y + painter->line_height / 2);
          cairo_stroke (painter->cr);
          cairo_set_dash (painter->cr, NULL, 0, 0);
        }
      else
        {
          set_color (painter, &painter->palette->series[item % BALADI_CHART_MAX_SERIES], 1);
          cairo_rectangle (painter->cr, start, y + (painter->line_height - swatch) / 2, swatch, swatch);
          cairo_fill (painter->cr);
        }
      set_color (painter, &painter->palette->foreground, 0.85);
      if (painter->rtl)
        draw_text (painter, name, start - 4, y, 1);
      else
        draw_text (painter, name, start + mark + 4, y, 0);
      x += item_width + 14;
    }

  return y + painter->line_height - top;
}

static void
draw_marker (Painter *painter,
             double   x,
             double   y,
             gboolean below)
{
  if (below)
    {
      /* A square, not only another colour: under the target. */
      set_color (painter, &painter->palette->below_target, 1);
      cairo_rectangle (painter->cr, x - 4, y - 4, 8, 8);
    }
  else
    {
      set_color (painter, &painter->palette->series[0], 1);
      cairo_arc (painter->cr, x, y, 3.5, 0, 2 * G_PI);
    }
  cairo_fill (painter->cr);
}

/**
 * baladi_chart_draw:
 * @context: (nullable): the Pango context of the text, or %NULL for one
 *   of @cr's with its default font
 * @rtl: whether to mirror the chart for a right-to-left reader
 *
 * Draws the chart in the rectangle (0, 0, @width, @height) of @cr.
 */
void
baladi_chart_draw (BaladiChart              *self,
                   cairo_t                  *cr,
                   double                    width,
                   double                    height,
                   const BaladiChartPalette *palette,
                   PangoContext             *context,
                   gboolean                  rtl)
{
  PangoContext *own_context = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  Painter painter = { cr, NULL, palette, rtl, 0, width };
  guint n = self->table != NULL ? baladi_dashboard_table_get_n_rows (self->table) : 0;
  guint n_series = self->columns->len;
  double lo = 0, hi = 0, step, top = 2, bottom, x0, x1, axis_width = 0, slot, label_width = 0;
  guint label_step;
  int pixel_height;

  g_return_if_fail (BALADI_IS_CHART (self));

  if (context == NULL)
    {
      own_context = pango_cairo_create_context (cr);
      pango_context_set_base_dir (own_context, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
      context = own_context;
    }
  layout = pango_layout_new (context);
  painter.layout = layout;
  pango_layout_set_text (layout, "0", -1);
  pango_layout_get_pixel_size (layout, NULL, &pixel_height);
  painter.line_height = pixel_height;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (n == 0 || n_series == 0)
    {
      set_color (&painter, &palette->foreground, 0.6);
      draw_text (&painter, _("Nothing to show for this period."), width / 2, height / 2 - painter.line_height / 2, 0.5);
      cairo_restore (cr);
      g_clear_object (&own_context);
      return;
    }

  if (self->kind != BALADI_CHART_KIND_BUCKETS)
    {
      top += draw_legend (self, &painter, width, top) + 8;
    }
  top += painter.line_height / 2;

  /* The value axis. A rate starts at a round ten under the lowest value and
   * the target, so that the weeks around 95 % do not all sit in one line. */
  if (self->kind == BALADI_CHART_KIND_LINE)
    {
      lo = 100.0 * BALADI_DASHBOARD_TARGET;
      for (guint row = 0; row < n; row++)
        if (!isnan (value (self, row, 0)))
          lo = MIN (lo, value (self, row, 0));
      lo = MAX (0.0, floor ((lo - 1) / 10) * 10);
      hi = 100;
      step = hi - lo <= 20 ? 5 : hi - lo <= 50 ? 10 : 20;
    }
  else
    {
      for (guint row = 0; row < n; row++)
        {
          double total = 0;

          for (guint series = 0; series < n_series; series++)
            {
              double v = value (self, row, series);

              if (self->kind == BALADI_CHART_KIND_STACKED)
                total += v;
              else
                total = MAX (total, v);
            }
          hi = MAX (hi, total);
        }
      /* Room above the highest bar for its number. */
      if (self->kind == BALADI_CHART_KIND_BUCKETS)
        hi *= 1.15;
      step = nice_step (hi);
      hi = MAX (step, ceil (hi / step) * step);
    }

  for (double tick = lo; tick <= hi + step / 2; tick += step)
    {
      g_autofree char *text = self->kind == BALADI_CHART_KIND_LINE ? baladi_dashboard_format_percent (tick, 0)
                                                                   : baladi_dashboard_format_count (tick);

      axis_width = MAX (axis_width, text_width (&painter, text));
    }
  for (guint row = 0; row < n; row++)
    label_width = MAX (label_width, text_width (&painter, g_ptr_array_index (self->labels, row)));

  bottom = height - painter.line_height - 6;
  x0 = rtl ? 4 : axis_width + 10;
  x1 = rtl ? width - axis_width - 10 : width - 4;
  slot = (x1 - x0) / n;

#define Y(v) (bottom - ((v) - lo) / (hi - lo) * (bottom - top))
#define CENTRE(i) (rtl ? x1 - ((i) + 0.5) * slot : x0 + ((i) + 0.5) * slot)

  /* Grid lines and their values, at the start side. */
  cairo_set_line_width (cr, 1);
  for (double tick = lo; tick <= hi + step / 2; tick += step)
    {
      g_autofree char *text = self->kind == BALADI_CHART_KIND_LINE ? baladi_dashboard_format_percent (tick, 0)
                                                                   : baladi_dashboard_format_count (tick);
      double y = round (Y (tick)) + 0.5;

      set_color (&painter, &palette->foreground, tick == lo ? 0.45 : 0.12);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      set_color (&painter, &palette->foreground, 0.7);
      if (rtl)
        draw_text (&painter, text, x1 + 6, y - painter.line_height / 2, 0);
      else
        draw_text (&painter, text, x0 - 6, y - painter.line_height / 2, 1);
    }

  switch (self->kind)
    {
    case BALADI_CHART_KIND_LINE:
      {
        double target_y = round (Y (100.0 * BALADI_DASHBOARD_TARGET)) + 0.5;
        const double dashes[] = { 6, 4 };
        gboolean drawing = FALSE;

        set_color (&painter, &palette->target, 1);
        cairo_set_line_width (cr, 1.5);
        cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
        cairo_move_to (cr, x0, target_y);
        cairo_line_to (cr, x1, target_y);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);

        set_color (&painter, &palette->series[0], 1);
        cairo_set_line_width (cr, 2);
        for (guint row = 0; row < n; row++)
          {
            double rate = value (self, row, 0);

            if (isnan (rate))
              {
                drawing = FALSE;
                continue;
              }
            if (drawing)
              cairo_line_to (cr, CENTRE (row), Y (rate));
            else
              cairo_move_to (cr, CENTRE (row), Y (rate));
            drawing = TRUE;
          }
        cairo_stroke (cr);
        for (guint row = 0; row < n; row++)
          if (!isnan (value (self, row, 0)))
            draw_marker (&painter, CENTRE (row), Y (value (self, row, 0)),
                         value (self, row, 0) < 100.0 * BALADI_DASHBOARD_TARGET);
      }
      break;

    case BALADI_CHART_KIND_BARS:
      {
        double group = slot * 0.75;
        double bar = group / n_series;

        for (guint row = 0; row < n; row++)
          for (guint series = 0; series < n_series; series++)
            {
              double v = value (self, row, series);
              double offset = -group / 2 + series * bar;
              double x = rtl ? CENTRE (row) - offset - bar : CENTRE (row) + offset;

              set_color (&painter, &palette->series[series % BALADI_CHART_MAX_SERIES], 1);
              cairo_rectangle (cr, x + 0.5, Y (v), MAX (1, bar - 1), Y (0) - Y (v));
              cairo_fill (cr);
            }
      }
      break;

    case BALADI_CHART_KIND_STACKED:
      for (guint row = 0; row < n; row++)
        {
          double base = 0;
          double bar = MAX (1, slot * 0.65);

          for (guint series = 0; series < n_series; series++)
            {
              double v = value (self, row, series);

              if (v <= 0)
                continue;
              set_color (&painter, &palette->series[series % BALADI_CHART_MAX_SERIES], 1);
              cairo_rectangle (cr, CENTRE (row) - bar / 2, Y (base + v), bar, Y (base) - Y (base + v));
              cairo_fill (cr);
              base += v;
            }
        }
      break;

    case BALADI_CHART_KIND_BUCKETS:
      for (guint row = 0; row < n; row++)
        {
          double v = value (self, row, 0);
          double bar = MIN (slot * 0.55, 90);
          g_autofree char *text = baladi_dashboard_format_count (v);

          set_color (&painter, &palette->buckets[MIN (row, G_N_ELEMENTS (palette->buckets) - 1)], 1);
          cairo_rectangle (cr, CENTRE (row) - bar / 2, Y (v), bar, Y (0) - Y (v));
          cairo_fill (cr);
          set_color (&painter, &palette->foreground, 0.9);
          draw_text (&painter, text, CENTRE (row), Y (v) - painter.line_height - 2, 0.5);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  /* The periods, as many as fit without overlapping, the newest always. */
  label_step = MAX (1, (guint) ceil ((label_width + 10) / slot));
  set_color (&painter, &palette->foreground, 0.7);
  for (guint row = 0; row < n; row++)
    if ((n - 1 - row) % label_step == 0)
      draw_text (&painter, g_ptr_array_index (self->labels, row), CENTRE (row), bottom + 4, 0.5);

#undef Y
#undef CENTRE

  cairo_restore (cr);
  g_clear_object (&own_context);
}

/* }}} */

static void
baladi_chart_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  BaladiChart *self = BALADI_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  BaladiChartPalette palette;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  get_palette (gtk_widget_get_style_context (widget), &palette);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  baladi_chart_draw (self, cr, width, height, &palette, gtk_widget_get_pango_context (widget),
                     gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL);
  cairo_destroy (cr);
}

static void
baladi_chart_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 480;
    }
  else
    {
      *minimum = 200;
      *natural = 240;
    }
}

static void
baladi_chart_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (baladi_chart_parent_class)->css_changed (widget, change);

  /* The named colours change with the style, dark or light. */
  gtk_widget_queue_draw (widget);
}

static void
baladi_chart_finalize (GObject *object)
{
  BaladiChart *self = (BaladiChart *)object;

  g_free (self->title);
  g_clear_pointer (&self->table, baladi_dashboard_table_unref);
  g_array_unref (self->columns);
  g_ptr_array_unref (self->labels);
  g_free (self->summary);

  G_OBJECT_CLASS (baladi_chart_parent_class)->finalize (object);
}

static void
baladi_chart_class_init (BaladiChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = baladi_chart_finalize;
  widget_class->snapshot = baladi_chart_snapshot;
  widget_class->measure = baladi_chart_measure;
  widget_class->css_changed = baladi_chart_css_changed;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
baladi_chart_init (BaladiChart *self)
{
  self->columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->labels = g_ptr_array_new_with_free_func (g_free);
}

/**
 * baladi_chart_new:
 * @title: what the chart shows, its accessible name
 *
 * Returns: (transfer floating): a new chart, empty until
 *   baladi_chart_set_table()
 */
GtkWidget *
baladi_chart_new (BaladiChartKind  kind,
                  const char      *title)
{
  BaladiChart *self = g_object_new (BALADI_TYPE_CHART, NULL);

  self->kind = kind;
  self->title = g_strdup (title);
  update_summary (self);

  return GTK_WIDGET (self);
}

/**
 * baladi_chart_set_table:
 * @table: (nullable): the table to draw
 * @columns: the columns of @table drawn, one a series: for a line, the
 *   rate; for buckets, the count
 *
 * Draws @table: a bar or a point a row, in the rows' order, which is the
 * order of time.
 */
void
baladi_chart_set_table (BaladiChart          *self,
                        BaladiDashboardTable *table,
                        const guint          *columns,
                        guint                 n_columns)
{
  g_return_if_fail (BALADI_IS_CHART (self));
  g_return_if_fail (n_columns <= BALADI_CHART_MAX_SERIES);

  if (table != NULL)
    baladi_dashboard_table_ref (table);
  g_clear_pointer (&self->table, baladi_dashboard_table_unref);
  self->table = table;
  g_array_set_size (self->columns, 0);
  g_array_append_vals (self->columns, columns, n_columns);

  g_ptr_array_set_size (self->labels, 0);
  for (guint row = 0; table != NULL && row < baladi_dashboard_table_get_n_rows (table); row++)
    {
      if (self->kind == BALADI_CHART_KIND_BUCKETS)
        g_ptr_array_add (self->labels, baladi_dashboard_format_digits (baladi_dashboard_table_get_text (table, row, 0)));
      else
        g_ptr_array_add (self->labels, baladi_dashboard_format_period (baladi_dashboard_table_get_key (table, row), FALSE));
    }

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
baladi_chart_get_title (BaladiChart *self)
{
  g_return_val_if_fail (BALADI_IS_CHART (self), NULL);

  return self->title;
}

/**
 * baladi_chart_get_summary:
 *
 * Returns: the chart in words, its text alternative
 */
const char *
baladi_chart_get_summary (BaladiChart *self)
{
  g_return_val_if_fail (BALADI_IS_CHART (self), NULL);

  return self->summary;
}
