/* baladi-request-format.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "baladi-request.h"
#include "baladi-sla-calendar.h"

G_BEGIN_DECLS

BaladiSlaCalendar *baladi_format_get_calendar  (void);
BaladiSlaState     baladi_format_sla_state     (BaladiRequest  *request,
                                                GDateTime      *now);
char              *baladi_format_time_left     (BaladiRequest  *request,
                                                GDateTime      *now,
                                                BaladiSlaState *state);
const char        *baladi_format_sla_icon      (BaladiSlaState  state);
const char        *baladi_format_sla_css_class (BaladiSlaState  state);
char              *baladi_format_date_time     (GDateTime      *time);
char              *baladi_format_relative      (GDateTime      *time,
                                                GDateTime      *now);

G_END_DECLS
