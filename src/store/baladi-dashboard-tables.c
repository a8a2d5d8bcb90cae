/* baladi-dashboard-tables.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The tables of the dashboard, from the totals of a period: what a page
 * shows as tables and charts and what it exports as CSV. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "baladi-dashboard-private.h"

static double
percent (guint part,
         guint whole)
{
  return whole > 0 ? 100.0 * part / whole : NAN;
}

static char *
day_key (gint64 day)
{
  GDate date;

  day_to_date (day, &date);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/* The translated name of @key, a wire name of @enum_type. */
static const char *
enum_label (GType       enum_type,
            const char *key)
{
  int value;

  if (!baladi_enum_from_wire (enum_type, key, &value))
    return key;

  if (enum_type == BALADI_TYPE_MUNICIPALITY)
    return baladi_municipality_get_label (value);
  if (enum_type == BALADI_TYPE_SECTOR)
    return baladi_sector_get_label (value);
  if (enum_type == BALADI_TYPE_CHANNEL)
    return baladi_channel_get_label (value);
  if (enum_type == BALADI_TYPE_REQUEST_TYPE)
    return baladi_request_type_get_label (value);
  if (enum_type == BALADI_TYPE_REQUEST_STATUS)
    return baladi_request_status_get_label (value);
  return key;
}

static BaladiDashboardTable *
summary_table (const BaladiDashboardTiles *tiles)
{
  BaladiDashboardTable *table = baladi_dashboard_table_new ("summary", _("Summary"),
                                                            _("Indicator"), _("Value"), NULL);
  const struct {
    const char *key;
    const char *label;
    double      value;
  } rows[] = {
    { "on-time-rate", _("On-time rate (%)"), percent (tiles->on_time, tiles->decided) },
    { "target", _("Target (%)"), 100.0 * BALADI_DASHBOARD_TARGET },
    { "previous-on-time-rate", _("On-time rate of the previous period (%)"),
      percent (tiles->previous_on_time, tiles->previous_decided) },
    { "received", C_("requests", "Received"), tiles->received },
    { "answered", _("Answered"), tiles->answered },
    { "open", _("Open backlog"), tiles->open },
    { "overdue", _("Overdue now"), tiles->overdue },
    { "median-reply", _("Median time to first reply (working hours)"),
      tiles->median_reply >= 0 ? tiles->median_reply / 3600.0 : NAN },
    { "p90-reply", _("90th percentile of time to first reply (working hours)"),
      tiles->p90_reply >= 0 ? tiles->p90_reply / 3600.0 : NAN },
    { "reopened", _("Reopened (%)"), percent (tiles->reopened, tiles->received) },
    { "paused", _("Paused (%)"), percent (tiles->paused, tiles->received) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      baladi_dashboard_table_add_row (table, rows[i].key);
      baladi_dashboard_table_add_text (table, rows[i].label);
      if (i >= 3 && i <= 6)
        baladi_dashboard_table_add_count (table, (gint64) rows[i].value);
      else
        baladi_dashboard_table_add_number (table, rows[i].value);
    }

  return table;
}

static void
add_rate_cells (BaladiDashboardTable *table,
                const Counts         *counts,
                gboolean              with_answered)
{
  baladi_dashboard_table_add_count (table, counts->received);
  if (with_answered)
    baladi_dashboard_table_add_count (table, counts->answered);
  baladi_dashboard_table_add_count (table, counts->on_time);
  baladi_dashboard_table_add_count (table, counts->on_time + counts->late);
  baladi_dashboard_table_add_number (table, percent (counts->on_time, counts->on_time + counts->late));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static BaladiDashboardTable *
breakdown_table (const char *name,
                 const char *title,
                 GHashTable *counts,
                 GType       enum_type)
{
  BaladiDashboardTable *table = baladi_dashboard_table_new (name, title, _("Key"), _("Name"), C_("requests", "Received"),
                                                            _("Answered"), _("On time"),
                                                            _("Answered or overdue"), _("On-time rate (%)"),
                                                            _("Open"), _("Overdue"), NULL);
  g_autofree gpointer *keys = NULL;
  guint n_keys;

  keys = g_hash_table_get_keys_as_array (counts, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);

  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i];
      const Counts *row = g_hash_table_lookup (counts, key);

      baladi_dashboard_table_add_row (table, key);
      baladi_dashboard_table_add_text (table, key);
      if (enum_type != G_TYPE_NONE)
        baladi_dashboard_table_add_text (table, enum_label (enum_type, key));
      else if (*key == '\0')
        /* The assignee of requests nobody has taken yet. */
        baladi_dashboard_table_add_text (table, _("Unassigned"));
      else
        baladi_dashboard_table_add_text (table, key);
      add_rate_cells (table, row, TRUE);
      baladi_dashboard_table_add_count (table, row->open);
      baladi_dashboard_table_add_count (table, row->overdue);
    }

  return table;
}

static const Counts no_counts;

static const Counts *
lookup_int (GHashTable *table,
            gint64      key)
{
  const Counts *counts = g_hash_table_lookup (table, &key);

  return counts != NULL ? counts : &no_counts;
}

/* Every week the period touches, in order, even those with nothing. */
static BaladiDashboardTable *
weeks_table (Totals *totals,
             gint64  first_week,
             gint64  last_week)
{
  BaladiDashboardTable *table = baladi_dashboard_table_new ("weeks", _("Per week"), _("Week"), C_("requests", "Received"),
                                                            _("Answered"), _("On time"),
                                                            _("Answered or overdue"), _("On-time rate (%)"), NULL);

  for (gint64 week = first_week; week <= last_week; week += 7)
    {
      g_autofree char *key = day_key (week);

      baladi_dashboard_table_add_row (table, key);
      baladi_dashboard_table_add_text (table, key);
      add_rate_cells (table, lookup_int (totals->weeks, week), TRUE);
    }

  return table;
}

static BaladiDashboardTable *
months_table (Totals *totals,
              gint64  first_month,
              gint64  last_month)
{
  BaladiDashboardTable *table = baladi_dashboard_table_new ("months", _("Per month"), _("Month"), C_("requests", "Received"),
                                                            _("Answered"), _("On time"),
                                                            _("Answered or overdue"), _("On-time rate (%)"), NULL);

  for (gint64 month = first_month; month <= last_month; month++)
    {
      g_autofree char *key = g_strdup_printf ("%04d-%02d", (int) (month / 12), (int) (month % 12) + 1);

      baladi_dashboard_table_add_row (table, key);
      baladi_dashboard_table_add_text (table, key);
      add_rate_cells (table, lookup_int (totals->months, month), TRUE);
    }

  return table;
}

static BaladiDashboardTable *
channel_weeks_table (Totals *totals,
                     gint64  first_week,
                     gint64  last_week)
{
  GEnumClass *channels = g_type_class_ref (BALADI_TYPE_CHANNEL);
  BaladiDashboardTable *table = baladi_dashboard_table_new ("channels-per-week", _("Received per week by channel"),
                                                            _("Week"), NULL);

  /* One column a channel, for a stacked bar a week. */
  for (guint i = 0; i < channels->n_values; i++)
    baladi_dashboard_table_add_column (table, baladi_channel_get_label (channels->values[i].value));

  for (gint64 week = first_week; week <= last_week; week += 7)
    {
      g_autofree char *key = day_key (week);

      baladi_dashboard_table_add_row (table, key);
      baladi_dashboard_table_add_text (table, key);
      const Counts *counts = lookup_int (totals->weeks, week);

      for (guint i = 0; i < channels->n_values; i++)
        baladi_dashboard_table_add_count (table, counts->by_channel[channels->values[i].value]);
    }

  g_type_class_unref (channels);
  return table;
}

static BaladiDashboardTable *
ageing_table (Totals *totals)
{
  BaladiDashboardTable *table = baladi_dashboard_table_new ("overdue-age", _("Overdue requests by age"),
                                                            _("Working days overdue"), _("Requests"), NULL);
  const char *keys[] = { "0-1", "1-3", "3-7", "7-" };
  const char *labels[] = {
    C_("overdue age", "Less than 1"), C_("overdue age", "1 to 3"),
    C_("overdue age", "3 to 7"), C_("overdue age", "7 or more"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      baladi_dashboard_table_add_row (table, keys[i]);
      baladi_dashboard_table_add_text (table, labels[i]);
      baladi_dashboard_table_add_count (table, totals->ageing[i]);
    }

  return table;
}

/* Requests from Customer Day per week and municipality: received, and how
 * many were followed up on time. */
static BaladiDashboardTable *
customer_day_table (Totals                      *totals,
                    const BaladiDashboardFilter *filter,
                    gint64                       first_week,
                    gint64                       last_week)
{
  GEnumClass *municipalities = g_type_class_ref (BALADI_TYPE_MUNICIPALITY);
  BaladiDashboardTable *table = baladi_dashboard_table_new ("customer-day", _("Customer Day"), _("Week"),
                                                            _("Municipality"), C_("requests", "Received"), _("On time"),
                                                            _("Answered or overdue"), _("On-time rate (%)"), NULL);

  for (gint64 week = first_week; week <= last_week; week += 7)
    for (guint i = 0; i < municipalities->n_values; i++)
      {
        const char *municipality = municipalities->values[i].value_nick;
        g_autofree char *date = day_key (week);
        g_autofree char *key = g_strdup_printf ("%s|%s", date, municipality);
        g_autofree char *lookup = g_strdup_printf ("%" G_GINT64_FORMAT "|%s", week, municipality);
        const Counts *counts = g_hash_table_lookup (totals->customer_days, lookup);

        if (filter->municipality != NULL && !g_str_equal (filter->municipality, municipality))
          continue;

        baladi_dashboard_table_add_row (table, key);
        baladi_dashboard_table_add_text (table, date);
        baladi_dashboard_table_add_text (table, baladi_municipality_get_label (municipalities->values[i].value));
        add_rate_cells (table, counts != NULL ? counts : &no_counts, FALSE);
      }

  g_type_class_unref (municipalities);
  return table;
}

static BaladiDashboardTable *
pauses_table (Totals                     *totals,
              const BaladiDashboardTiles *tiles)
{
  BaladiDashboardTable *table = baladi_dashboard_table_new ("pause-reasons", _("Why requests waited"),
                                                            _("Status"), _("Reason"), _("Requests"),
                                                            _("Share of received (%)"), NULL);
  g_autofree gpointer *keys = NULL;
  guint n_keys;

  keys = g_hash_table_get_keys_as_array (totals->pauses, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_strings);

  for (guint i = 0; i < n_keys; i++)
    {
      const char *key = keys[i];
      const char *colon = strchr (key, ':');
      g_autofree char *status = g_strndup (key, colon != NULL ? (gsize) (colon - key) : strlen (key));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (totals->pauses, key));

      if (n == 0)
        continue;
      baladi_dashboard_table_add_row (table, key);
      baladi_dashboard_table_add_text (table, enum_label (BALADI_TYPE_REQUEST_STATUS, status));
      baladi_dashboard_table_add_text (table, colon != NULL ? colon + 1 : "");
      baladi_dashboard_table_add_count (table, n);
      baladi_dashboard_table_add_number (table, percent (n, tiles->received));
    }

  return table;
}

void
baladi_dashboard_build_tables (BaladiDashboardTable        **tables,
                               const BaladiDashboardTiles   *tiles,
                               Totals                       *totals,
                               const BaladiDashboardFilter  *filter,
                               gint64                        start,
                               gint64                        end)
{
  gint64 first_day = local_day (start);
  gint64 last_day = local_day (MAX (end - 1, start));
  gint64 first_week = week_of_day (first_day);
  gint64 last_week = week_of_day (last_day);

  tables[BALADI_DASHBOARD_TABLE_SUMMARY] = summary_table (tiles);
  tables[BALADI_DASHBOARD_TABLE_MUNICIPALITY] =
    breakdown_table ("municipalities", _("By municipality"), totals->dims[DIM_MUNICIPALITY], BALADI_TYPE_MUNICIPALITY);
  tables[BALADI_DASHBOARD_TABLE_SECTOR] =
    breakdown_table ("sectors", _("By sector"), totals->dims[DIM_SECTOR], BALADI_TYPE_SECTOR);
  tables[BALADI_DASHBOARD_TABLE_CATEGORY] =
    breakdown_table ("categories", _("By category"), totals->dims[DIM_CATEGORY], G_TYPE_NONE);
  tables[BALADI_DASHBOARD_TABLE_TYPE] =
    breakdown_table ("types", _("By type"), totals->dims[DIM_TYPE], BALADI_TYPE_REQUEST_TYPE);
  tables[BALADI_DASHBOARD_TABLE_CHANNEL] =
    breakdown_table ("channels", _("By channel"), totals->dims[DIM_CHANNEL], BALADI_TYPE_CHANNEL);
  tables[BALADI_DASHBOARD_TABLE_ASSIGNEE] =
    breakdown_table ("assignees", _("By assignee"), totals->dims[DIM_ASSIGNEE], G_TYPE_NONE);
  tables[BALADI_DASHBOARD_TABLE_WEEKS] = weeks_table (totals, first_week, last_week);
  tables[BALADI_DASHBOARD_TABLE_MONTHS] = months_table (totals, month_of_day (first_day), month_of_day (last_day));
  tables[BALADI_DASHBOARD_TABLE_CHANNEL_WEEKS] = channel_weeks_table (totals, first_week, last_week);
  tables[BALADI_DASHBOARD_TABLE_OVERDUE_AGE] = ageing_table (totals);
  tables[BALADI_DASHBOARD_TABLE_CUSTOMER_DAY] = customer_day_table (totals, filter, first_week, last_week);
  tables[BALADI_DASHBOARD_TABLE_PAUSE_REASONS] = pauses_table (totals, tiles);
}
