/* baladi-service-format.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "baladi-service.h"
#include "baladi-service-search.h"

G_BEGIN_DECLS

const char *baladi_ui_language                 (void);
char       *baladi_service_dup_text            (BaladiService    *service,
                                                const char       *field,
                                                const char       *language);
GStrv       baladi_service_dup_list            (BaladiService    *service,
                                                const char       *field,
                                                const char       *language);
const char *baladi_service_channel_label       (const char       *channel);
char       *baladi_service_name_markup         (BaladiService    *service,
                                                BaladiServiceHit *hit,
                                                const char       *language);
char       *baladi_service_format_total_fee    (BaladiService    *service,
                                                const char       *language);
char       *baladi_service_format_summary      (BaladiService    *service);

G_END_DECLS
