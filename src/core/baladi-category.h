/* baladi-category.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "baladi-core-enums.h"
#include "baladi-sla-calendar.h"

G_BEGIN_DECLS

#define BALADI_TYPE_CATEGORY (baladi_category_get_type ())

G_DECLARE_FINAL_TYPE (BaladiCategory, baladi_category, BALADI, CATEGORY, GObject)

BaladiCategory *baladi_category_new         (const char           *code,
                                             BaladiSector          sector,
                                             const char           *name_ar,
                                             const char           *name_en,
                                             guint                 sla_value,
                                             BaladiSlaUnit         sla_unit);
const char     *baladi_category_get_code    (BaladiCategory       *self);
const char     *baladi_category_get_name    (BaladiCategory       *self,
                                             const char           *language);
BaladiSector    baladi_category_get_sector  (BaladiCategory       *self);
GDateTime      *baladi_category_compute_due (BaladiCategory       *self,
                                             BaladiSlaCalendar    *calendar,
                                             GDateTime            *received,
                                             const BaladiSlaPause *pauses,
                                             gsize                 n_pauses,
                                             GDateTime            *now);

G_END_DECLS
