/* baladi-request-format.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How a request's clock reads to a clerk. The state comes from the SLA
 * calendar (the one on-time rule, shared with the dashboards); the time
 * left is working time, since the clock only runs in working hours. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-request-format.h"

/**
 * baladi_format_get_calendar:
 *
 * Returns: (transfer none): the ministry's working calendar
 */
BaladiSlaCalendar *
baladi_format_get_calendar (void)
{
  static BaladiSlaCalendar *calendar;

  if (calendar == NULL)
    calendar = baladi_sla_calendar_new ();

  return calendar;
}

BaladiSlaState
baladi_format_sla_state (BaladiRequest *request,
                         GDateTime     *now)
{
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) first_reply = NULL;
  GDateTime *due = baladi_request_get_due (request);
  BaladiRequestStatus status = baladi_request_get_status (request);

  if (due == NULL)
    return BALADI_SLA_STATE_ON_TRACK;

  g_object_get (request, "created", &created, "first-reply", &first_reply, NULL);
  if (created == NULL)
    created = g_date_time_ref (due);

  return baladi_sla_calendar_evaluate (baladi_format_get_calendar (), created, due, first_reply,
                                       baladi_request_status_pauses_clock (status), now);
}

/* "2 days 3 h", in working days of the calendar's length. */
static char *
format_working_time (gint64 seconds)
{
  gint64 day = baladi_sla_calendar_get_working_day_length (baladi_format_get_calendar ());
  gint64 days = seconds / day;
  gint64 hours = (seconds % day) / 3600;
  gint64 minutes = (seconds % 3600) / 60;

  if (days > 0 && hours > 0)
    /* Translators: working time, e.g. "2 d 3 h"; d for days, h for hours */
    return g_strdup_printf (_("%d d %d h"), (int) days, (int) hours);
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), (int) days);
  if (hours > 0)
    /* Translators: working time, e.g. "3 h 20 min" */
    return g_strdup_printf (_("%d h %d min"), (int) hours, (int) minutes);
  /* Translators: working time, e.g. "20 min" */
  return g_strdup_printf (_("%d min"), minutes > 1 ? (int) minutes : 1);
}

/**
 * baladi_format_time_left:
 * @state: (out) (optional): where the request stands
 *
 * Returns: (transfer full): the clock as a clerk reads it, in words (never
 *   in colour alone)
 */
char *
baladi_format_time_left (BaladiRequest  *request,
                         GDateTime      *now,
                         BaladiSlaState *state)
{
  BaladiSlaCalendar *calendar = baladi_format_get_calendar ();
  BaladiSlaState sla = baladi_format_sla_state (request, now);
  GDateTime *due = baladi_request_get_due (request);
  g_autofree char *amount = NULL;

  if (state != NULL)
    *state = sla;

  switch (sla)
    {
    case BALADI_SLA_STATE_ON_TRACK:
    case BALADI_SLA_STATE_DUE_SOON:
      if (due == NULL)
        return g_strdup ("—");
      amount = format_working_time (baladi_sla_calendar_working_seconds_between (calendar, now, due));
      /* Translators: %s is working time, e.g. "2 d 3 h left" */
      return g_strdup_printf (_("%s left"), amount);
    case BALADI_SLA_STATE_OVERDUE:
      amount = format_working_time (baladi_sla_calendar_working_seconds_between (calendar, due, now));
      /* Translators: %s is working time, e.g. "overdue by 5 h 10 min" */
      return g_strdup_printf (_("Overdue by %s"), amount);
    case BALADI_SLA_STATE_PAUSED:
      return g_strdup (_("Clock stopped"));
    case BALADI_SLA_STATE_MET_ON_TIME:
      return g_strdup (_("Answered on time"));
    case BALADI_SLA_STATE_MET_LATE:
      return g_strdup (_("Answered late"));
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
baladi_format_sla_icon (BaladiSlaState state)
{
  switch (state)
    {
    case BALADI_SLA_STATE_ON_TRACK: return "alarm-symbolic";
    case BALADI_SLA_STATE_DUE_SOON: return "dialog-warning-symbolic";
    case BALADI_SLA_STATE_OVERDUE: return "dialog-error-symbolic";
    case BALADI_SLA_STATE_PAUSED: return "media-playback-pause-symbolic";
    case BALADI_SLA_STATE_MET_ON_TIME: return "object-select-symbolic";
    case BALADI_SLA_STATE_MET_LATE: return "object-select-symbolic";
    default: g_return_val_if_reached (NULL);
    }
}

const char *
baladi_format_sla_css_class (BaladiSlaState state)
{
  switch (state)
    {
    case BALADI_SLA_STATE_ON_TRACK: return "sla-on-track";
    case BALADI_SLA_STATE_DUE_SOON: return "warning";
    case BALADI_SLA_STATE_OVERDUE: return "error";
    case BALADI_SLA_STATE_PAUSED: return "dim-label";
    case BALADI_SLA_STATE_MET_ON_TIME: return "success";
    case BALADI_SLA_STATE_MET_LATE: return "warning";
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * baladi_format_date_time:
 *
 * Returns: (transfer full): @time in Bahrain, as the locale writes dates
 */
char *
baladi_format_date_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_timezone (time, baladi_sla_calendar_get_time_zone (baladi_format_get_calendar ()));
  /* Translators: a date and time, see the strftime() manual; keep it short */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/**
 * baladi_format_relative:
 *
 * Returns: (transfer full): "14:05" today, else the date
 */
char *
baladi_format_relative (GDateTime *time,
                        GDateTime *now)
{
  GTimeZone *zone = baladi_sla_calendar_get_time_zone (baladi_format_get_calendar ());
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  if (time == NULL)
    return g_strdup ("—");

  local = g_date_time_to_timezone (time, zone);
  local_now = g_date_time_to_timezone (now, zone);
  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    /* Translators: a time of today, see the strftime() manual */
    return g_date_time_format (local, _("%H:%M"));

  /* Translators: a date, see the strftime() manual */
  return g_date_time_format (local, _("%Y-%m-%d"));
}
