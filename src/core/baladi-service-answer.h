/* baladi-service-answer.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-service.h"

G_BEGIN_DECLS

char *baladi_service_compose_answer  (BaladiService *service,
                                      const char    *language);
char *baladi_service_format_duration (guint          value,
                                      BaladiSlaUnit  unit,
                                      const char    *language);
char *baladi_service_format_fee      (gint64         fils,
                                      const char    *language);

G_END_DECLS
