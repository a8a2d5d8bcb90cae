/* baladi-dashboard-format.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  baladi_dashboard_format_uses_arabic_digits (void);
char     *baladi_dashboard_format_count              (gint64      value);
char     *baladi_dashboard_format_decimal            (double      value);
char     *baladi_dashboard_format_percent            (double      value,
                                                      guint       decimals);
char     *baladi_dashboard_format_date               (GDateTime  *time,
                                                      const char *skeleton,
                                                      gboolean    hijri);
char     *baladi_dashboard_format_period             (const char *key,
                                                      gboolean    long_form);
char     *baladi_dashboard_format_digits             (const char *text);
void      baladi_dashboard_format_reset              (void);

G_END_DECLS
