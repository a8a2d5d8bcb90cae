/* baladi-sla-calendar.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "baladi-core-enums.h"

G_BEGIN_DECLS

/**
 * BaladiSlaPause:
 * @start: when the request started to wait on the citizen or another agency
 * @end: (nullable): when it stopped waiting; %NULL while it still waits
 *
 * An interval during which a request's SLA clock stood still.
 */
typedef struct {
  GDateTime *start;
  GDateTime *end;
} BaladiSlaPause;

typedef enum {
  BALADI_SLA_STATE_ON_TRACK,
  BALADI_SLA_STATE_DUE_SOON,
  BALADI_SLA_STATE_OVERDUE,
  BALADI_SLA_STATE_PAUSED,
  BALADI_SLA_STATE_MET_ON_TIME,
  BALADI_SLA_STATE_MET_LATE,
} BaladiSlaState;

#define BALADI_SLA_CALENDAR_ERROR (baladi_sla_calendar_error_quark ())

typedef enum {
  BALADI_SLA_CALENDAR_ERROR_INVALID_DATE,
} BaladiSlaCalendarError;

#define BALADI_TYPE_SLA_CALENDAR (baladi_sla_calendar_get_type ())

G_DECLARE_FINAL_TYPE (BaladiSlaCalendar, baladi_sla_calendar, BALADI, SLA_CALENDAR, GObject)

GQuark             baladi_sla_calendar_error_quark             (void);
BaladiSlaCalendar *baladi_sla_calendar_new                     (void);
BaladiSlaCalendar *baladi_sla_calendar_new_empty               (void);
GTimeZone         *baladi_sla_calendar_get_time_zone           (BaladiSlaCalendar    *self);
guint              baladi_sla_calendar_get_opens_at            (BaladiSlaCalendar    *self);
guint              baladi_sla_calendar_get_closes_at           (BaladiSlaCalendar    *self);
void               baladi_sla_calendar_set_working_hours       (BaladiSlaCalendar    *self,
                                                                guint                 opens_at,
                                                                guint                 closes_at);
gint64             baladi_sla_calendar_get_working_day_length  (BaladiSlaCalendar    *self);
void               baladi_sla_calendar_add_holiday             (BaladiSlaCalendar    *self,
                                                                const GDate          *date,
                                                                const char           *name);
gboolean           baladi_sla_calendar_remove_holiday          (BaladiSlaCalendar    *self,
                                                                const GDate          *date);
const char        *baladi_sla_calendar_get_holiday             (BaladiSlaCalendar    *self,
                                                                const GDate          *date);
gboolean           baladi_sla_calendar_load_holidays           (BaladiSlaCalendar    *self,
                                                                GKeyFile             *key_file,
                                                                GError              **error);
gboolean           baladi_sla_calendar_is_working_day          (BaladiSlaCalendar    *self,
                                                                const GDate          *date);
char              *baladi_sla_calendar_dup_fingerprint         (BaladiSlaCalendar    *self);
gint64             baladi_sla_calendar_working_seconds_between (BaladiSlaCalendar    *self,
                                                                GDateTime            *start,
                                                                GDateTime            *end);
GDateTime         *baladi_sla_calendar_add_working_seconds     (BaladiSlaCalendar    *self,
                                                                GDateTime            *from,
                                                                gint64                seconds);
GDateTime         *baladi_sla_calendar_compute_due             (BaladiSlaCalendar    *self,
                                                                GDateTime            *received,
                                                                guint                 value,
                                                                BaladiSlaUnit         unit,
                                                                const BaladiSlaPause *pauses,
                                                                gsize                 n_pauses,
                                                                GDateTime            *now);
BaladiSlaState     baladi_sla_calendar_evaluate                (BaladiSlaCalendar    *self,
                                                                GDateTime            *received,
                                                                GDateTime            *due,
                                                                GDateTime            *first_reply,
                                                                gboolean              paused,
                                                                GDateTime            *now);

G_END_DECLS
