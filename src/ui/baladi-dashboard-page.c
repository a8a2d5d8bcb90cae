/* baladi-dashboard-page.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Dashboard page: the director's view of performance against the
 * 95 % target, computed from the local cache by baladi_dashboard_compute()
 * (a few milliseconds from the aggregates the store keeps, so on the main
 * thread), for the period and the filters chosen, which are remembered in
 * GSettings. Headline tiles, four charts with a table view each, and the
 * breakdowns whose rows drill down into the Complaints page. A change in
 * the cache recomputes it once the changes pause, and only while the page
 * is shown; a hidden page recomputes when it is shown again. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "baladi-chart.h"
#include "baladi-dashboard-format.h"
#include "baladi-dashboard-page.h"
#include "baladi-dashboard-report.h"
#include "baladi-request-format.h"
#include "baladi-store-lookups.h"

typedef enum {
  TILE_ON_TIME,
  TILE_RECEIVED,
  TILE_ANSWERED,
  TILE_OPEN,
  TILE_OVERDUE,
  TILE_MEDIAN,
  TILE_P90,
  TILE_REOPENED,
  TILE_PAUSED,
  N_TILES,
} Tile;

static const char * const tile_ids[N_TILES] = {
  "on-time", "received", "answered", "open", "overdue", "median-reply", "p90-reply", "reopened", "paused",
};

typedef enum {
  CHART_ON_TIME,
  CHART_RECEIVED,
  CHART_CHANNELS,
  CHART_AGEING,
  N_CHARTS,
} Chart;

/* The breakdowns shown as tables of their own, in this order. */
static const BaladiDashboardTableId breakdowns[] = {
  BALADI_DASHBOARD_TABLE_MUNICIPALITY, BALADI_DASHBOARD_TABLE_SECTOR, BALADI_DASHBOARD_TABLE_CATEGORY,
  BALADI_DASHBOARD_TABLE_TYPE, BALADI_DASHBOARD_TABLE_CHANNEL, BALADI_DASHBOARD_TABLE_ASSIGNEE,
  BALADI_DASHBOARD_TABLE_CUSTOMER_DAY, BALADI_DASHBOARD_TABLE_PAUSE_REASONS,
};

static const char * const periods[] = { "week", "month", "quarter", "year", "custom" };

typedef struct {
  GtkWidget *title;
  GtkWidget *value;
  GtkWidget *detail;
} TileWidgets;

struct _BaladiDashboardPage
{
  GtkWidget             parent_instance;

  BaladiStore          *store;
  char                 *user;
  gulong                changed_handler;
  GSettings            *settings;
  GSimpleActionGroup   *actions;
  GtkFileChooserNative *chooser;

  BaladiDashboard      *dashboard;
  GDateTime            *computed_at;
  GDateTime            *start;
  GDateTime            *end;
  guint                 refresh_source;
  gboolean              dirty;
  gboolean              loading_filters;
  gboolean              show_assignees;

  TileWidgets           tiles[N_TILES];
  BaladiChart          *charts[N_CHARTS];
  GtkWidget            *chart_tables[N_CHARTS];
  GtkToggleButton      *chart_toggles[N_CHARTS];
  BaladiDashboardTableId chart_table_ids[N_CHARTS];
  GtkWidget            *table_cards[BALADI_DASHBOARD_N_TABLES];
  GtkWidget            *table_bins[BALADI_DASHBOARD_N_TABLES];

  /* Template widgets */
  GtkStack             *stack;
  GtkDropDown          *period_dropdown;
  GtkMenuButton        *start_button;
  GtkMenuButton        *end_button;
  GtkCalendar          *start_calendar;
  GtkCalendar          *end_calendar;
  GtkDropDown          *municipality_dropdown;
  GtkDropDown          *sector_dropdown;
  GtkDropDown          *channel_dropdown;
  GtkLabel             *period_label;
  GtkLabel             *hijri_label;
  GtkFlowBox           *tiles_box;
  GtkFlowBox           *charts_box;
  GtkFlowBox           *tables_box;
};

G_DEFINE_FINAL_TYPE (BaladiDashboardPage, baladi_dashboard_page, GTK_TYPE_WIDGET)

enum {
  DRILL_DOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
ui_language (void)
{
  /* Translators: the code of this translation's language: "ar" for Arabic */
  return C_("language code", "en");
}

static void
toast (BaladiDashboardPage *self,
       const char          *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* The period {{{ */

static GTimeZone *
bahrain (void)
{
  return baladi_sla_calendar_get_time_zone (baladi_format_get_calendar ());
}

static GDateTime *
parse_day (const char *text)
{
  int year, month, day;

  if (text == NULL || sscanf (text, "%d-%d-%d", &year, &month, &day) != 3)
    return NULL;
  return g_date_time_new (bahrain (), year, month, day, 0, 0, 0);
}

/* [start, end) of the period chosen, in Bahrain: weeks start on Sunday. */
static void
period_bounds (BaladiDashboardPage  *self,
               GDateTime           **start,
               GDateTime           **end)
{
  g_autofree char *period = g_settings_get_string (self->settings, "dashboard-period");
  g_autoptr(GDateTime) now = g_date_time_new_now (bahrain ());
  g_autoptr(GDateTime) today = g_date_time_new (bahrain (), g_date_time_get_year (now),
                                                g_date_time_get_month (now), g_date_time_get_day_of_month (now),
                                                0, 0, 0);
  int month = g_date_time_get_month (today);

  if (g_str_equal (period, "week"))
    {
      *start = g_date_time_add_days (today, -(g_date_time_get_day_of_week (today) % 7));
      *end = g_date_time_add_days (*start, 7);
    }
  else if (g_str_equal (period, "quarter"))
    {
      *start = g_date_time_new (bahrain (), g_date_time_get_year (today), (month - 1) / 3 * 3 + 1, 1, 0, 0, 0);
      *end = g_date_time_add_months (*start, 3);
    }
  else if (g_str_equal (period, "year"))
    {
      *start = g_date_time_new (bahrain (), g_date_time_get_year (today), 1, 1, 0, 0, 0);
      *end = g_date_time_add_years (*start, 1);
    }
  else if (g_str_equal (period, "custom"))
    {
      g_autofree char *first = g_settings_get_string (self->settings, "dashboard-custom-start");
      g_autofree char *last = g_settings_get_string (self->settings, "dashboard-custom-end");
      g_autoptr(GDateTime) last_day = parse_day (last);

      *start = parse_day (first);
      if (*start == NULL)
        *start = g_date_time_add_days (today, -29);
      if (last_day == NULL)
        last_day = g_date_time_ref (today);
      *end = g_date_time_add_days (g_date_time_compare (last_day, *start) < 0 ? *start : last_day, 1);
    }
  else
    {
      *start = g_date_time_new (bahrain (), g_date_time_get_year (today), month, 1, 0, 0, 0);
      *end = g_date_time_add_months (*start, 1);
    }
}

/* "1 March 2026 – 31 March 2026", in the calendar asked for. */
static char *
format_range (GDateTime *start,
              GDateTime *end,
              gboolean   hijri)
{
  g_autoptr(GDateTime) last = g_date_time_add_seconds (end, -1);
  g_autofree char *first_text = baladi_dashboard_format_date (start, "yMMMMd", hijri);
  g_autofree char *last_text = baladi_dashboard_format_date (last, "yMMMMd", hijri);

  /* Translators: a period from its first day to its last day */
  return g_strdup_printf (_("%s – %s"), first_text, last_text);
}

/* }}} */

/* Filters {{{ */

static GType
filter_type (GtkDropDown *dropdown)
{
  const char *name = gtk_widget_get_name (GTK_WIDGET (dropdown));

  if (g_str_equal (name, "municipality"))
    return BALADI_TYPE_MUNICIPALITY;
  if (g_str_equal (name, "sector"))
    return BALADI_TYPE_SECTOR;
  return BALADI_TYPE_CHANNEL;
}

static const char *
enum_label (GType type,
            int   value)
{
  if (type == BALADI_TYPE_MUNICIPALITY)
    return baladi_municipality_get_label (value);
  if (type == BALADI_TYPE_SECTOR)
    return baladi_sector_get_label (value);
  return baladi_channel_get_label (value);
}

static void
fill_filter (GtkDropDown *dropdown,
             const char  *all)
{
  GEnumClass *klass = g_type_class_ref (filter_type (dropdown));
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, all);
  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (model, enum_label (filter_type (dropdown), klass->values[i].value));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (model));
  g_type_class_unref (klass);
}

/* The wire name chosen in @dropdown, or NULL for all. */
static const char *
filter_value (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  GEnumClass *klass;
  const char *nick = NULL;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  klass = g_type_class_ref (filter_type (dropdown));
  if (selected - 1 < klass->n_values)
    nick = klass->values[selected - 1].value_nick;
  g_type_class_unref (klass);

  /* Enum nicks are static strings. */
  return nick;
}

static const char *
filter_key (GtkDropDown *dropdown)
{
  return g_str_equal (gtk_widget_get_name (GTK_WIDGET (dropdown)), "municipality") ? "dashboard-municipality"
       : g_str_equal (gtk_widget_get_name (GTK_WIDGET (dropdown)), "sector") ? "dashboard-sector"
       : "dashboard-channel";
}

static void
select_filter (BaladiDashboardPage *self,
               GtkDropDown         *dropdown)
{
  g_autofree char *value = g_settings_get_string (self->settings, filter_key (dropdown));
  GEnumClass *klass = g_type_class_ref (filter_type (dropdown));
  guint position = 0;

  for (guint i = 0; i < klass->n_values; i++)
    if (g_str_equal (klass->values[i].value_nick, value))
      position = i + 1;
  g_type_class_unref (klass);

  gtk_drop_down_set_selected (dropdown, position);
}

static void
set_calendar (GtkCalendar *calendar,
              GDateTime   *day)
{
  gtk_calendar_select_day (calendar, day);
}

static void
load_filters (BaladiDashboardPage *self)
{
  g_autofree char *period = g_settings_get_string (self->settings, "dashboard-period");
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(GDateTime) last = NULL;

  self->loading_filters = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    if (g_str_equal (periods[i], period))
      gtk_drop_down_set_selected (self->period_dropdown, i);
  select_filter (self, self->municipality_dropdown);
  select_filter (self, self->sector_dropdown);
  select_filter (self, self->channel_dropdown);

  period_bounds (self, &start, &end);
  last = g_date_time_add_days (end, -1);
  set_calendar (self->start_calendar, start);
  set_calendar (self->end_calendar, last);
  self->loading_filters = FALSE;
}

static void
period_changed_cb (BaladiDashboardPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->loading_filters || selected >= G_N_ELEMENTS (periods))
    return;

  if (g_str_equal (periods[selected], "custom"))
    {
      g_autofree char *first = g_settings_get_string (self->settings, "dashboard-custom-start");

      /* A first custom period: the one shown until now, to be adjusted. */
      if (*first == '\0' && self->start != NULL)
        {
          g_autofree char *start = g_date_time_format (self->start, "%F");
          g_autoptr(GDateTime) last_day = g_date_time_add_days (self->end, -1);
          g_autofree char *last = g_date_time_format (last_day, "%F");

          g_settings_set_string (self->settings, "dashboard-custom-start", start);
          g_settings_set_string (self->settings, "dashboard-custom-end", last);
        }
    }
  g_settings_set_string (self->settings, "dashboard-period", periods[selected]);
  baladi_dashboard_page_refresh (self);
}

static void
filter_changed_cb (BaladiDashboardPage *self,
                   GParamSpec          *pspec,
                   GtkDropDown         *dropdown)
{
  const char *value = filter_value (dropdown);

  if (self->loading_filters)
    return;

  g_settings_set_string (self->settings, filter_key (dropdown), value != NULL ? value : "");
  baladi_dashboard_page_refresh (self);
}

static void
day_selected_cb (BaladiDashboardPage *self,
                 GtkCalendar         *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%F");

  if (self->loading_filters)
    return;

  g_settings_set_string (self->settings,
                         calendar == self->start_calendar ? "dashboard-custom-start" : "dashboard-custom-end", text);
  gtk_menu_button_popdown (calendar == self->start_calendar ? self->start_button : self->end_button);
  baladi_dashboard_page_refresh (self);
}

/* }}} */

/* Cells and tables {{{ */

static gboolean
is_day_key (const char *text)
{
  return strlen (text) == 10 && text[4] == '-' && text[7] == '-' && g_ascii_isdigit (text[0]);
}

/* The text of a cell as shown: numbers in the reader's digits, weeks as
 * dates, categories and staff by their names. */
static char *
format_cell (BaladiDashboardTable *table,
             guint                 row,
             guint                 column,
             gpointer              user_data)
{
  BaladiDashboardPage *self = user_data;
  const char *text = baladi_dashboard_table_get_text (table, row, column);
  double value = baladi_dashboard_table_get_value (table, row, column);
  const char *key = baladi_dashboard_table_get_key (table, row);

  if (!isnan (value))
    return strchr (text, '.') != NULL ? baladi_dashboard_format_decimal (value) : baladi_dashboard_format_count (value);
  if (*text == '\0')
    return g_strdup (column > 0 ? "—" : "");
  if (is_day_key (text) || (strlen (text) == 7 && text[4] == '-' && g_ascii_isdigit (text[0])))
    return baladi_dashboard_format_period (text, TRUE);

  if (self->dashboard != NULL && column == 1 && self->store != NULL)
    {
      if (table == baladi_dashboard_get_table (self->dashboard, BALADI_DASHBOARD_TABLE_CATEGORY))
        return baladi_store_get_lookup_name (self->store, "categories", key, ui_language ());
      if (table == baladi_dashboard_get_table (self->dashboard, BALADI_DASHBOARD_TABLE_ASSIGNEE) && *key != '\0')
        return baladi_store_get_lookup_name (self->store, "staff", key, ui_language ());
    }
  if (self->dashboard != NULL && table == baladi_dashboard_get_table (self->dashboard, BALADI_DASHBOARD_TABLE_OVERDUE_AGE))
    return baladi_dashboard_format_digits (text);

  return g_strdup (text);
}

/* The breakdowns' first column is the key, for machines: not shown. */
static guint
first_column (BaladiDashboardTableId id)
{
  return id >= BALADI_DASHBOARD_TABLE_MUNICIPALITY && id <= BALADI_DASHBOARD_TABLE_ASSIGNEE ? 1 : 0;
}

/* What a row of a table drills down to in the Complaints page. */
static const char *
drill_dimension (BaladiDashboardTableId id)
{
  switch ((int) id)
    {
    case BALADI_DASHBOARD_TABLE_MUNICIPALITY:
      return "municipality";
    case BALADI_DASHBOARD_TABLE_SECTOR:
      return "sector";
    case BALADI_DASHBOARD_TABLE_CATEGORY:
      return "category";
    case BALADI_DASHBOARD_TABLE_TYPE:
      return "type";
    case BALADI_DASHBOARD_TABLE_CHANNEL:
    case BALADI_DASHBOARD_TABLE_CUSTOMER_DAY:
      return "channel";
    case BALADI_DASHBOARD_TABLE_ASSIGNEE:
      return "assignee";
    default:
      return NULL;
    }
}

static void
row_activated_cb (GtkListBox          *list,
                  GtkListBoxRow       *row,
                  BaladiDashboardPage *self)
{
  BaladiDashboardTableId id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (list), "table-id"));
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  const char *dimension = drill_dimension (id);

  if (dimension == NULL || key == NULL)
    return;

  if (id == BALADI_DASHBOARD_TABLE_CUSTOMER_DAY)
    key = "customer_day";
  g_signal_emit (self, signals[DRILL_DOWN], 0, dimension, key);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    numeric,
            gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  /* No wrapping: the height of a row does not depend on its width, and a
   * table wider than its card scrolls sideways. */
  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (header)
    gtk_widget_add_css_class (label, "caption-heading");

  return label;
}

/* The Customer Day table has a row for every week and municipality; the
 * page and the report show those with requests, the CSV file them all. */
static gboolean
row_shown (BaladiDashboardTable *table,
           guint                 row,
           gpointer              user_data)
{
  BaladiDashboardPage *self = user_data;

  return self->dashboard == NULL ||
         table != baladi_dashboard_get_table (self->dashboard, BALADI_DASHBOARD_TABLE_CUSTOMER_DAY) ||
         baladi_dashboard_table_get_value (table, row, 2) > 0;
}

/* A table as a list: a header row, then a row a key, activatable when it
 * drills down. */
static GtkWidget *
table_view_new (BaladiDashboardPage    *self,
                BaladiDashboardTableId  id)
{
  BaladiDashboardTable *table = baladi_dashboard_get_table (self->dashboard, id);
  guint first = first_column (id);
  guint n_columns = baladi_dashboard_table_get_n_columns (table);
  guint n_rows = baladi_dashboard_table_get_n_rows (table);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree gboolean *numeric = g_new0 (gboolean, n_columns);
  g_autofree int *widths = g_new0 (int, n_columns);
  g_autofree glong *longest = g_new0 (glong, n_columns);
  g_autofree GtkWidget **widest = g_new0 (GtkWidget *, n_columns);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  int last_text = -1;

  gtk_widget_set_name (list, baladi_dashboard_table_get_name (table));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "dashboard-table");
  g_object_set_data (G_OBJECT (list), "table-id", GUINT_TO_POINTER (id));
  g_signal_connect_object (list, "row-activated", G_CALLBACK (row_activated_cb), self, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  baladi_dashboard_table_get_title (table), -1);

  for (guint column = first; column < n_columns; column++)
    {
      numeric[column] = n_rows > 0 && (!isnan (baladi_dashboard_table_get_value (table, 0, column)) ||
                                       *baladi_dashboard_table_get_text (table, 0, column) == '\0');
      if (!numeric[column])
        last_text = column;
    }

  /* The rows, the header first, each a box of labels. */
  for (int row = -1; row < (int) n_rows; row++)
    {
      GtkWidget *box;
      GtkWidget *list_row;
      const char *key = row >= 0 ? baladi_dashboard_table_get_key (table, row) : NULL;

      if (row >= 0 && !row_shown (table, row, self))
        continue;
      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      for (guint column = first; column < n_columns; column++)
        {
          g_autofree char *text = row < 0 ? g_strdup (baladi_dashboard_table_get_column_title (table, column))
                                          : format_cell (table, row, column, self);
          GtkWidget *label = cell_label (text, numeric[column], row < 0);
          glong length = g_utf8_strlen (text, -1);

          /* Measuring every label costs more than making it: the header
           * and the longest cell of each column are measured. */
          if (row < 0)
            gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &widths[column], NULL, NULL);
          else if (length > longest[column])
            {
              longest[column] = length;
              widest[column] = label;
            }
          gtk_box_append (GTK_BOX (box), label);
        }

      list_row = gtk_list_box_row_new ();
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
      if (row < 0)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
          gtk_widget_set_focusable (list_row, FALSE);
          gtk_widget_add_css_class (list_row, "header");
        }
      else
        {
          g_object_set_data_full (G_OBJECT (list_row), "key", g_strdup (key), g_free);
          /* Nobody's requests have no assignee to drill down to. */
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), drill_dimension (id) != NULL && *key != '\0');
          if (drill_dimension (id) != NULL && *key != '\0')
            gtk_widget_set_tooltip_text (list_row, _("Show these requests in the queue"));
        }
      gtk_list_box_append (GTK_LIST_BOX (list), list_row);
      g_ptr_array_add (rows, box);
    }

  for (guint column = first; column < n_columns; column++)
    if (widest[column] != NULL)
      {
        int natural;

        gtk_widget_measure (widest[column], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
        widths[column] = MAX (widths[column], natural);
      }

  /* Columns line up: every cell as wide as the widest of its column, but
   * the last column of names, which takes what is left. */
  for (guint i = 0; i < rows->len; i++)
    {
      guint column = first;

      for (GtkWidget *label = gtk_widget_get_first_child (g_ptr_array_index (rows, i)); label != NULL;
           label = gtk_widget_get_next_sibling (label), column++)
        {
          if ((int) column == last_text)
            gtk_widget_set_hexpand (label, TRUE);
          gtk_widget_set_size_request (label, widths[column] + 4, -1);
        }
    }

  return list;
}

/* A wide table scrolls sideways in a narrow window. */
static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), child);

  return scroller;
}

/* }}} */

/* Building the page {{{ */

static GtkWidget *
card_new (const char  *title,
          GtkWidget  **header_end)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "dashboard-card");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (header), label);
  if (header_end != NULL && *header_end != NULL)
    gtk_box_append (GTK_BOX (header), *header_end);
  gtk_box_append (GTK_BOX (card), header);

  return card;
}

static void
build_tiles (BaladiDashboardPage *self)
{
  const char *titles[N_TILES] = {
    _("Answered on Time"), C_("requests", "Received"), _("Answered"), _("Open Backlog"), _("Overdue Now"),
    _("Median Time to First Reply"), _("90th Percentile Time to First Reply"), _("Reopened"), _("Paused"),
  };

  for (guint i = 0; i < N_TILES; i++)
    {
      GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

      gtk_widget_add_css_class (tile, "card");
      gtk_widget_add_css_class (tile, "dashboard-tile");
      self->tiles[i].title = gtk_label_new (titles[i]);
      self->tiles[i].value = gtk_label_new ("—");
      self->tiles[i].detail = gtk_label_new (NULL);
      gtk_widget_set_name (self->tiles[i].value, tile_ids[i]);
      gtk_widget_add_css_class (self->tiles[i].title, "caption-heading");
      gtk_widget_add_css_class (self->tiles[i].title, "dim-label");
      gtk_widget_add_css_class (self->tiles[i].value, "title-1");
      gtk_widget_add_css_class (self->tiles[i].value, "numeric");
      gtk_widget_add_css_class (self->tiles[i].detail, "caption");
      {
        GtkWidget *labels[] = { self->tiles[i].title, self->tiles[i].value, self->tiles[i].detail };

        for (guint j = 0; j < G_N_ELEMENTS (labels); j++)
          {
            gtk_label_set_xalign (GTK_LABEL (labels[j]), 0);
            gtk_label_set_wrap (GTK_LABEL (labels[j]), TRUE);
            gtk_box_append (GTK_BOX (tile), labels[j]);
          }
      }
      gtk_label_set_selectable (GTK_LABEL (self->tiles[i].value), TRUE);
      gtk_flow_box_append (self->tiles_box, tile);
    }
}

/* A chart's table is built when it is asked for: a year has 53 weeks. */
static void
update_chart_table (BaladiDashboardPage *self,
                    guint                chart)
{
  gboolean shown = gtk_toggle_button_get_active (self->chart_toggles[chart]) && self->dashboard != NULL;

  adw_bin_set_child (ADW_BIN (self->chart_tables[chart]),
                     shown ? scrolled (table_view_new (self, self->chart_table_ids[chart])) : NULL);
}

static void
show_table_toggled_cb (BaladiDashboardPage *self,
                       GtkToggleButton     *button)
{
  guint chart = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "chart"));
  GtkStack *stack = GTK_STACK (gtk_widget_get_parent (self->chart_tables[chart]));

  update_chart_table (self, chart);
  gtk_stack_set_visible_child_name (stack, gtk_toggle_button_get_active (button) ? "table" : "chart");
}

static void
build_charts (BaladiDashboardPage *self)
{
  const struct {
    BaladiChartKind  kind;
    const char      *title;
  } charts[N_CHARTS] = {
    { BALADI_CHART_KIND_LINE, _("On-Time Rate Against the Target") },
    { BALADI_CHART_KIND_BARS, _("Received and Answered") },
    { BALADI_CHART_KIND_STACKED, _("Received by Channel") },
    { BALADI_CHART_KIND_BUCKETS, _("Overdue Requests by Working Days Late") },
  };

  for (guint i = 0; i < N_CHARTS; i++)
    {
      GtkWidget *toggle = gtk_toggle_button_new_with_label (_("Show as Table"));
      GtkWidget *card = card_new (charts[i].title, &toggle);
      GtkWidget *stack = gtk_stack_new ();

      /* The chart keeps its size; its table is as long as it is. */
      gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
      gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);

      gtk_widget_add_css_class (toggle, "flat");
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      self->charts[i] = BALADI_CHART (baladi_chart_new (charts[i].kind, charts[i].title));
      gtk_widget_set_vexpand (GTK_WIDGET (self->charts[i]), TRUE);
      self->chart_tables[i] = adw_bin_new ();
      gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (self->charts[i]), "chart");
      gtk_stack_add_named (GTK_STACK (stack), self->chart_tables[i], "table");
      self->chart_toggles[i] = GTK_TOGGLE_BUTTON (toggle);
      g_object_set_data (G_OBJECT (toggle), "chart", GUINT_TO_POINTER (i));
      g_signal_connect_object (toggle, "toggled", G_CALLBACK (show_table_toggled_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (card), stack);
      gtk_flow_box_append (self->charts_box, card);
    }
}

static void
build_tables (BaladiDashboardPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
    {
      GtkWidget *button = gtk_button_new_from_icon_name ("document-save-symbolic");
      GtkWidget *card;

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Export as CSV"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "dashboard.export-table");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", (guint32) breakdowns[i]);
      /* The title comes with the first figures: the store names its tables. */
      card = card_new ("", &button);
      self->table_bins[breakdowns[i]] = adw_bin_new ();
      gtk_box_append (GTK_BOX (card), self->table_bins[breakdowns[i]]);
      self->table_cards[breakdowns[i]] = card;
      gtk_flow_box_append (self->tables_box, card);
    }
}

/* }}} */

/* Showing the figures {{{ */

static void
set_tile (BaladiDashboardPage *self,
          Tile                 tile,
          const char          *value,
          const char          *detail)
{
  gtk_label_set_text (GTK_LABEL (self->tiles[tile].value), value);
  gtk_label_set_text (GTK_LABEL (self->tiles[tile].detail), detail != NULL ? detail : "");
}

static char *
format_hours (gint64 seconds)
{
  g_autofree char *hours = baladi_dashboard_format_decimal (seconds / 3600.0);

  /* Translators: a time in working hours, e.g. "3.5 h" */
  return g_strdup_printf (C_("working hours", "%s h"), hours);
}

static char *
percent_of (guint part,
            guint whole)
{
  return whole > 0 ? baladi_dashboard_format_percent (100.0 * part / whole, 1) : g_strdup ("—");
}

static void
update_on_time_tile (BaladiDashboardPage        *self,
                     const BaladiDashboardTiles *tiles)
{
  g_autofree char *value = percent_of (tiles->on_time, tiles->decided);
  g_autofree char *target = baladi_dashboard_format_percent (100.0 * BALADI_DASHBOARD_TARGET, 0);
  g_autofree char *against = NULL;
  g_autofree char *trend = NULL;
  g_autofree char *detail = NULL;
  double rate = tiles->decided > 0 ? 100.0 * tiles->on_time / tiles->decided : NAN;
  double previous = tiles->previous_decided > 0 ? 100.0 * tiles->previous_on_time / tiles->previous_decided : NAN;

  gtk_widget_remove_css_class (self->tiles[TILE_ON_TIME].value, "success");
  gtk_widget_remove_css_class (self->tiles[TILE_ON_TIME].value, "error");
  if (isnan (rate))
    against = g_strdup (_("No request answered or overdue yet"));
  else if (rate >= 100.0 * BALADI_DASHBOARD_TARGET)
    {
      /* Translators: %s is the target, e.g. "95 %" */
      against = g_strdup_printf (_("Meets the target of %s"), target);
      gtk_widget_add_css_class (self->tiles[TILE_ON_TIME].value, "success");
    }
  else
    {
      against = g_strdup_printf (_("Below the target of %s"), target);
      gtk_widget_add_css_class (self->tiles[TILE_ON_TIME].value, "error");
    }

  /* The trend in words and with an arrow, never by colour alone. */
  if (isnan (rate) || isnan (previous))
    trend = g_strdup (_("No figure for the previous period"));
  else if (fabs (rate - previous) < 0.05)
    trend = g_strdup (_("= No change from the previous period"));
  else
    {
      g_autofree char *points = baladi_dashboard_format_decimal (fabs (rate - previous));

      if (rate > previous)
        /* Translators: %s is a number of percentage points */
        trend = g_strdup_printf (_("↑ Up %s points from the previous period"), points);
      else
        trend = g_strdup_printf (_("↓ Down %s points from the previous period"), points);
    }

  detail = g_strdup_printf ("%s\n%s", against, trend);
  set_tile (self, TILE_ON_TIME, value, detail);
}

/* The most common reason for waiting, for the tile of paused requests. */
static char *
main_pause_reason (BaladiDashboardPage *self)
{
  BaladiDashboardTable *table = baladi_dashboard_get_table (self->dashboard, BALADI_DASHBOARD_TABLE_PAUSE_REASONS);
  int best = -1;

  for (guint row = 0; row < baladi_dashboard_table_get_n_rows (table); row++)
    if (best < 0 || baladi_dashboard_table_get_value (table, row, 2) > baladi_dashboard_table_get_value (table, best, 2))
      best = row;

  if (best < 0)
    return g_strdup (_("No request waited"));

  if (*baladi_dashboard_table_get_text (table, best, 1) == '\0')
    /* Translators: %s is a status, e.g. "Waiting for the citizen" */
    return g_strdup_printf (_("Mostly: %s"), baladi_dashboard_table_get_text (table, best, 0));
  /* Translators: the most common status and reason for waiting */
  return g_strdup_printf (_("Mostly: %s — %s"), baladi_dashboard_table_get_text (table, best, 0),
                          baladi_dashboard_table_get_text (table, best, 1));
}

static void
update_tiles (BaladiDashboardPage *self)
{
  const BaladiDashboardTiles *tiles = baladi_dashboard_get_tiles (self->dashboard);
  g_autofree char *received = baladi_dashboard_format_count (tiles->received);
  g_autofree char *answered = baladi_dashboard_format_count (tiles->answered);
  g_autofree char *open = baladi_dashboard_format_count (tiles->open);
  g_autofree char *overdue = baladi_dashboard_format_count (tiles->overdue);
  g_autofree char *n_replied = baladi_dashboard_format_count (tiles->n_replied);
  g_autofree char *median = tiles->median_reply >= 0 ? format_hours (tiles->median_reply) : g_strdup ("—");
  g_autofree char *p90 = tiles->p90_reply >= 0 ? format_hours (tiles->p90_reply) : g_strdup ("—");
  g_autofree char *reopened = percent_of (tiles->reopened, tiles->received);
  g_autofree char *reopened_count = baladi_dashboard_format_count (tiles->reopened);
  g_autofree char *paused = percent_of (tiles->paused, tiles->received);
  g_autofree char *replies_detail = NULL;
  g_autofree char *reopened_detail = NULL;
  g_autofree char *paused_detail = main_pause_reason (self);

  update_on_time_tile (self, tiles);
  set_tile (self, TILE_RECEIVED, received, _("Requests that reached the ministry in this period"));
  set_tile (self, TILE_ANSWERED, answered, _("First replies sent in this period"));
  set_tile (self, TILE_OPEN, open, _("Requests still needing work, now"));
  set_tile (self, TILE_OVERDUE, overdue, _("Past their time limit without a reply, now"));
  if (tiles->overdue > 0)
    gtk_widget_add_css_class (self->tiles[TILE_OVERDUE].value, "error");
  else
    gtk_widget_remove_css_class (self->tiles[TILE_OVERDUE].value, "error");

  /* Translators: %s is a number of requests */
  replies_detail = g_strdup_printf (ngettext ("In working hours, over %s request answered",
                                              "In working hours, over %s requests answered", tiles->n_replied),
                                    n_replied);
  set_tile (self, TILE_MEDIAN, median, replies_detail);
  set_tile (self, TILE_P90, p90, replies_detail);
  /* Translators: %s is a number of requests */
  reopened_detail = g_strdup_printf (ngettext ("%s request of this period reopened",
                                               "%s requests of this period reopened", tiles->reopened),
                                     reopened_count);
  set_tile (self, TILE_REOPENED, reopened, reopened_detail);
  set_tile (self, TILE_PAUSED, paused, paused_detail);
}

static void
update_charts (BaladiDashboardPage *self)
{
  gboolean by_month = g_date_time_difference (self->end, self->start) > 16 * 7 * G_TIME_SPAN_DAY;
  BaladiDashboardTableId periods_table = by_month ? BALADI_DASHBOARD_TABLE_MONTHS : BALADI_DASHBOARD_TABLE_WEEKS;
  const guint rate[] = { 5 }, counts[] = { 1, 2 }, ageing[] = { 1 };
  BaladiDashboardTable *channels = baladi_dashboard_get_table (self->dashboard, BALADI_DASHBOARD_TABLE_CHANNEL_WEEKS);
  guint channel_columns[BALADI_CHART_MAX_SERIES];
  guint n_channels = MIN (baladi_dashboard_table_get_n_columns (channels) - 1, BALADI_CHART_MAX_SERIES);

  for (guint i = 0; i < n_channels; i++)
    channel_columns[i] = i + 1;

  baladi_chart_set_table (self->charts[CHART_ON_TIME], baladi_dashboard_get_table (self->dashboard, periods_table), rate, 1);
  baladi_chart_set_table (self->charts[CHART_RECEIVED], baladi_dashboard_get_table (self->dashboard, periods_table), counts, 2);
  baladi_chart_set_table (self->charts[CHART_CHANNELS], channels, channel_columns, n_channels);
  baladi_chart_set_table (self->charts[CHART_AGEING],
                          baladi_dashboard_get_table (self->dashboard, BALADI_DASHBOARD_TABLE_OVERDUE_AGE), ageing, 1);

  self->chart_table_ids[CHART_ON_TIME] = periods_table;
  self->chart_table_ids[CHART_RECEIVED] = periods_table;
  self->chart_table_ids[CHART_CHANNELS] = BALADI_DASHBOARD_TABLE_CHANNEL_WEEKS;
  self->chart_table_ids[CHART_AGEING] = BALADI_DASHBOARD_TABLE_OVERDUE_AGE;
  for (guint i = 0; i < N_CHARTS; i++)
    update_chart_table (self, i);
}

static void
update_tables (BaladiDashboardPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
    {
      BaladiDashboardTableId id = breakdowns[i];
      GtkWidget *card = self->table_cards[id];
      GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_first_child (card));
      gboolean visible = id != BALADI_DASHBOARD_TABLE_ASSIGNEE || self->show_assignees;

      gtk_label_set_text (GTK_LABEL (title), baladi_dashboard_table_get_title (baladi_dashboard_get_table (self->dashboard, id)));
      gtk_widget_set_visible (gtk_widget_get_parent (card), visible);
      adw_bin_set_child (ADW_BIN (self->table_bins[id]), visible ? scrolled (table_view_new (self, id)) : NULL);
    }
}

static gboolean
cache_is_empty (BaladiDashboardPage *self)
{
  sqlite3_stmt *stmt = NULL;
  gboolean empty = TRUE;

  if (sqlite3_prepare_v2 (baladi_store_get_db (self->store), "SELECT EXISTS (SELECT 1 FROM requests)", -1,
                          &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    empty = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_finalize (stmt);

  return empty;
}

static void
update_role (BaladiDashboardPage *self)
{
  g_autoptr(GPtrArray) staff = NULL;

  /* Who holds what is for supervisors and directors. */
  self->show_assignees = FALSE;
  if (self->store == NULL || self->user == NULL)
    return;
  staff = baladi_store_list_lookups (self->store, "staff", ui_language ());
  for (guint i = 0; i < staff->len; i++)
    {
      BaladiLookup *person = g_ptr_array_index (staff, i);

      if (g_strcmp0 (person->code, self->user) == 0)
        self->show_assignees = g_strcmp0 (person->role, "supervisor") == 0 || g_strcmp0 (person->role, "director") == 0;
    }
}

/**
 * baladi_dashboard_page_refresh:
 *
 * Computes the figures now, for the period and the filters chosen.
 */
void
baladi_dashboard_page_refresh (BaladiDashboardPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gregorian = NULL;
  g_autofree char *hijri = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autoptr(GDateTime) last_day = NULL;
  BaladiDashboardFilter filter;
  BaladiDashboard *dashboard;
  gboolean custom;

  g_return_if_fail (BALADI_IS_DASHBOARD_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;

  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  period_bounds (self, &self->start, &self->end);
  g_clear_pointer (&self->computed_at, g_date_time_unref);
  self->computed_at = g_date_time_new_now_utc ();

  filter.start = self->start;
  filter.end = self->end;
  filter.municipality = filter_value (self->municipality_dropdown);
  filter.sector = filter_value (self->sector_dropdown);
  filter.channel = filter_value (self->channel_dropdown);
  dashboard = baladi_dashboard_compute (self->store, baladi_format_get_calendar (), &filter, self->computed_at,
                                        BALADI_DASHBOARD_FLAGS_NONE, &error);
  if (dashboard == NULL)
    {
      g_warning ("Cannot compute the dashboard: %s", error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  g_clear_object (&self->dashboard);
  self->dashboard = dashboard;

  if (cache_is_empty (self))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "figures");
  /* The staff list comes with a sync: the role may be known only now. */
  update_role (self);

  gregorian = format_range (self->start, self->end, FALSE);
  hijri = format_range (self->start, self->end, TRUE);
  gtk_label_set_text (self->period_label, gregorian);
  gtk_label_set_text (self->hijri_label, hijri);

  custom = gtk_drop_down_get_selected (self->period_dropdown) == G_N_ELEMENTS (periods) - 1;
  last_day = g_date_time_add_days (self->end, -1);
  start_text = baladi_dashboard_format_date (self->start, "yMMMd", FALSE);
  end_text = baladi_dashboard_format_date (last_day, "yMMMd", FALSE);
  gtk_menu_button_set_label (self->start_button, start_text);
  gtk_menu_button_set_label (self->end_button, end_text);
  gtk_widget_set_visible (GTK_WIDGET (self->start_button), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->end_button), custom);

  update_tiles (self);
  update_charts (self);
  update_tables (self);
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  BaladiDashboardPage *self = data;

  self->refresh_source = 0;
  baladi_dashboard_page_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
requests_changed_cb (BaladiStore         *store,
                     const char * const  *ids,
                     BaladiDashboardPage *self)
{
  /* A sync reports its changes page by page: count once they pause, and
   * only what is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (400, refresh_timeout_cb, self);
}

static void
digits_changed_cb (BaladiDashboardPage *self)
{
  baladi_dashboard_format_reset ();
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    baladi_dashboard_page_refresh (self);
  else
    self->dirty = TRUE;
}

/* }}} */

/* Export {{{ */

static char *
filters_text (BaladiDashboardPage *self)
{
  GtkDropDown *dropdowns[] = { self->municipality_dropdown, self->sector_dropdown, self->channel_dropdown };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (dropdowns[i]);

      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, item != NULL ? gtk_string_object_get_string (item) : "");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * baladi_dashboard_page_export_pdf:
 *
 * Writes the whole dashboard as shown, a PDF report in the language of
 * the interface, to @file.
 */
gboolean
baladi_dashboard_page_export_pdf (BaladiDashboardPage  *self,
                                  GFile                *file,
                                  GError              **error)
{
  g_autoptr(GPtrArray) tiles = g_ptr_array_new ();
  g_autoptr(GPtrArray) charts = g_ptr_array_new ();
  g_autoptr(GPtrArray) tables = g_ptr_array_new ();
  g_autoptr(GArray) first_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *gregorian = NULL;
  g_autofree char *hijri = NULL;
  g_autofree char *period = NULL;
  g_autofree char *filters = NULL;
  g_autofree char *filters_line = NULL;
  g_autofree char *when = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *path = NULL;
  BaladiDashboardReport report = { 0, };

  g_return_val_if_fail (BALADI_IS_DASHBOARD_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->dashboard == NULL)
    baladi_dashboard_page_refresh (self);
  if (self->dashboard == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There are no figures to export yet"));
      return FALSE;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("The report can only be saved to a local folder"));
      return FALSE;
    }

  gregorian = format_range (self->start, self->end, FALSE);
  hijri = format_range (self->start, self->end, TRUE);
  /* Translators: the period of the report, in the Gregorian and the Hijri calendars */
  period = g_strdup_printf (_("Period: %s (%s)"), gregorian, hijri);
  filters = filters_text (self);
  /* Translators: %s lists the municipality, sector and channel chosen */
  filters_line = g_strdup_printf (_("Filters: %s"), filters);
  when = baladi_dashboard_format_date (self->computed_at, "yMMMMdjmm", FALSE);
  /* Translators: %s is a date and time */
  generated = g_strdup_printf (_("Generated on %s"), when);

  for (guint i = 0; i < N_TILES; i++)
    {
      g_ptr_array_add (tiles, (gpointer) gtk_label_get_text (GTK_LABEL (self->tiles[i].title)));
      g_ptr_array_add (tiles, (gpointer) gtk_label_get_text (GTK_LABEL (self->tiles[i].value)));
      g_ptr_array_add (tiles, (gpointer) gtk_label_get_text (GTK_LABEL (self->tiles[i].detail)));
    }
  for (guint i = 0; i < N_CHARTS; i++)
    g_ptr_array_add (charts, self->charts[i]);
  for (guint id = 0; id < BALADI_DASHBOARD_N_TABLES; id++)
    {
      guint first = first_column (id);

      if (id == BALADI_DASHBOARD_TABLE_ASSIGNEE && !self->show_assignees)
        continue;
      g_ptr_array_add (tables, baladi_dashboard_get_table (self->dashboard, id));
      g_array_append_val (first_columns, first);
    }

  report.title = _("Performance Dashboard");
  report.period = period;
  report.filters = filters_line;
  report.generated = generated;
  report.tiles = tiles;
  report.charts = charts;
  report.tables = tables;
  report.first_columns = first_columns;
  report.cell = format_cell;
  report.row_shown = row_shown;
  report.cell_data = self;
  report.rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  return baladi_dashboard_report_write_pdf (&report, path, error);
}

static gboolean
write_table_csv (BaladiDashboardPage     *self,
                 BaladiDashboardTableId   id,
                 GFile                   *file,
                 GError                 **error)
{
  g_autoptr(GBytes) csv = baladi_dashboard_table_to_csv (baladi_dashboard_get_table (self->dashboard, id));

  return g_file_replace_contents (file, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

/**
 * baladi_dashboard_page_export_csv:
 * @folder: where to write the files
 *
 * Writes every table of the dashboard as shown to a CSV file of its own
 * in @folder, named after the table ("municipalities.csv"…): UTF-8 with
 * a byte order mark, which spreadsheet programs need to read Arabic.
 */
gboolean
baladi_dashboard_page_export_csv (BaladiDashboardPage  *self,
                                  GFile                *folder,
                                  GError              **error)
{
  g_return_val_if_fail (BALADI_IS_DASHBOARD_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if (self->dashboard == NULL)
    baladi_dashboard_page_refresh (self);
  if (self->dashboard == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There are no figures to export yet"));
      return FALSE;
    }

  for (guint id = 0; id < BALADI_DASHBOARD_N_TABLES; id++)
    {
      BaladiDashboardTable *table = baladi_dashboard_get_table (self->dashboard, id);
      g_autofree char *name = g_strdup_printf ("%s.csv", baladi_dashboard_table_get_name (table));
      g_autoptr(GFile) file = g_file_get_child (folder, name);

      if (id == BALADI_DASHBOARD_TABLE_ASSIGNEE && !self->show_assignees)
        continue;
      if (!write_table_csv (self, id, file, error))
        return FALSE;
    }

  return TRUE;
}

typedef enum {
  EXPORT_PDF,
  EXPORT_CSV,
  EXPORT_TABLE,
} ExportKind;

static void
chooser_response_cb (GtkNativeDialog     *chooser,
                     int                  response,
                     BaladiDashboardPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  ExportKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "kind"));
  guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "table-id"));
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (response == GTK_RESPONSE_ACCEPT && file != NULL)
    {
      if (kind == EXPORT_PDF)
        done = baladi_dashboard_page_export_pdf (self, file, &error);
      else if (kind == EXPORT_CSV)
        done = baladi_dashboard_page_export_csv (self, file, &error);
      else
        done = write_table_csv (self, id, file, &error);

      if (done)
        toast (self, kind == EXPORT_PDF ? _("Report saved") : kind == EXPORT_CSV ? _("Tables saved") : _("Table saved"));
      else
        toast (self, error->message);
    }

  g_clear_object (&self->chooser);
}

static void
choose_file (BaladiDashboardPage *self,
             ExportKind           kind,
             guint                table_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *day = NULL;
  g_autofree char *name = NULL;

  if (self->dashboard == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (kind == EXPORT_PDF ? _("Export Report")
                                               : kind == EXPORT_CSV ? _("Export All Tables to a Folder")
                                               : _("Export Table"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               kind == EXPORT_CSV ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                                  : GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "kind", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (self->chooser), "table-id", GUINT_TO_POINTER (table_id));

  day = g_date_time_format (self->start, "%F");
  if (kind == EXPORT_PDF)
    name = g_strdup_printf ("dashboard-%s.pdf", day);
  else if (kind == EXPORT_TABLE)
    name = g_strdup_printf ("%s-%s.csv", baladi_dashboard_table_get_name (baladi_dashboard_get_table (self->dashboard, table_id)), day);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_pdf_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  choose_file (user_data, EXPORT_PDF, 0);
}

static void
export_csv_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  choose_file (user_data, EXPORT_CSV, 0);
}

static void
export_table_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  guint id = g_variant_get_uint32 (parameter);

  if (id < BALADI_DASHBOARD_N_TABLES)
    choose_file (user_data, EXPORT_TABLE, id);
}

static const GActionEntry dashboard_actions[] = {
  { "export-pdf", export_pdf_action },
  { "export-csv", export_csv_action },
  { "export-table", export_table_action, "u" },
};

/* }}} */

static void
baladi_dashboard_page_map (GtkWidget *widget)
{
  BaladiDashboardPage *self = BALADI_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (baladi_dashboard_page_parent_class)->map (widget);

  /* What changed while the page was hidden, and the present moving on:
   * overdue is counted against now. */
  if (self->store != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      if (self->dirty || self->computed_at == NULL ||
          g_date_time_difference (now, self->computed_at) > 60 * G_TIME_SPAN_SECOND)
        baladi_dashboard_page_refresh (self);
    }
}

static void
baladi_dashboard_page_dispose (GObject *object)
{
  BaladiDashboardPage *self = (BaladiDashboardPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_DASHBOARD_PAGE);

  G_OBJECT_CLASS (baladi_dashboard_page_parent_class)->dispose (object);
}

static void
baladi_dashboard_page_finalize (GObject *object)
{
  BaladiDashboardPage *self = (BaladiDashboardPage *)object;

  g_clear_object (&self->store);
  g_free (self->user);
  g_clear_object (&self->settings);
  g_clear_object (&self->actions);
  g_clear_object (&self->dashboard);
  g_clear_pointer (&self->computed_at, g_date_time_unref);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);

  G_OBJECT_CLASS (baladi_dashboard_page_parent_class)->finalize (object);
}

static void
baladi_dashboard_page_class_init (BaladiDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baladi_dashboard_page_dispose;
  object_class->finalize = baladi_dashboard_page_finalize;
  widget_class->map = baladi_dashboard_page_map;

  /**
   * BaladiDashboardPage::drill-down:
   * @dimension: "municipality", "sector", "category", "type", "channel"
   *   or "assignee"
   * @value: its wire value
   *
   * A row was activated: its requests are wanted in the queue.
   */
  signals[DRILL_DOWN] =
    g_signal_new ("drill-down", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, start_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, end_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, municipality_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, sector_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, hijri_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, charts_box);
  gtk_widget_class_bind_template_child (widget_class, BaladiDashboardPage, tables_box);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "dashboard.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "dashboard.export-csv", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
baladi_dashboard_page_init (BaladiDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), dashboard_actions,
                                   G_N_ELEMENTS (dashboard_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "dashboard", G_ACTION_GROUP (self->actions));

  fill_filter (self->municipality_dropdown, _("All Municipalities"));
  fill_filter (self->sector_dropdown, _("All Sectors"));
  fill_filter (self->channel_dropdown, _("All Channels"));
  build_tiles (self);
  build_charts (self);
  build_tables (self);
  load_filters (self);

  g_signal_connect_object (self->period_dropdown, "notify::selected", G_CALLBACK (period_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->municipality_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sector_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->channel_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->start_calendar, "day-selected", G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->end_calendar, "day-selected", G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::dashboard-digits", G_CALLBACK (digits_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/**
 * baladi_dashboard_page_set_store:
 * @user: the signed-in staff member: supervisors and directors see who
 *   holds what
 */
void
baladi_dashboard_page_set_store (BaladiDashboardPage *self,
                                 BaladiStore         *store,
                                 const char          *user)
{
  g_return_if_fail (BALADI_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (BALADI_IS_STORE (store));

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  g_free (self->user);
  self->user = g_strdup (user);
  self->changed_handler = g_signal_connect (store, "requests-changed", G_CALLBACK (requests_changed_cb), self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    baladi_dashboard_page_refresh (self);
  else
    self->dirty = TRUE;
}

void
baladi_dashboard_page_set_user (BaladiDashboardPage *self,
                                const char          *user)
{
  g_return_if_fail (BALADI_IS_DASHBOARD_PAGE (self));

  g_free (self->user);
  self->user = g_strdup (user);
  if (self->store != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    baladi_dashboard_page_refresh (self);
  else
    self->dirty = TRUE;
}

/**
 * baladi_dashboard_page_get_dashboard:
 *
 * Returns: (transfer none) (nullable): the figures shown
 */
BaladiDashboard *
baladi_dashboard_page_get_dashboard (BaladiDashboardPage *self)
{
  g_return_val_if_fail (BALADI_IS_DASHBOARD_PAGE (self), NULL);

  return self->dashboard;
}

/**
 * baladi_dashboard_page_get_computed_at:
 *
 * Returns: (transfer none) (nullable): the present the figures were
 *   computed for: what was overdue then
 */
GDateTime *
baladi_dashboard_page_get_computed_at (BaladiDashboardPage *self)
{
  g_return_val_if_fail (BALADI_IS_DASHBOARD_PAGE (self), NULL);

  return self->computed_at;
}

/**
 * baladi_dashboard_page_get_tile:
 * @id: "on-time", "received", "answered", "open", "overdue",
 *   "median-reply", "p90-reply", "reopened" or "paused"
 *
 * Returns: (nullable): the figure the tile shows, as shown
 */
const char *
baladi_dashboard_page_get_tile (BaladiDashboardPage *self,
                                const char          *id)
{
  g_return_val_if_fail (BALADI_IS_DASHBOARD_PAGE (self), NULL);

  for (guint i = 0; i < N_TILES; i++)
    if (g_strcmp0 (tile_ids[i], id) == 0)
      return gtk_label_get_text (GTK_LABEL (self->tiles[i].value));

  return NULL;
}
