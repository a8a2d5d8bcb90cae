/* baladi-service.h
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
 * BaladiFee:
 * @fils: the amount in fils (1 BHD = 1000 fils): money is never a float
 * @label_ar: what the fee is for, in Arabic
 * @label_en: the same in English
 */
typedef struct {
  gint64  fils;
  char   *label_ar;
  char   *label_en;
} BaladiFee;

#define BALADI_TYPE_FEE (baladi_fee_get_type ())

GType      baladi_fee_get_type   (void) G_GNUC_CONST;
BaladiFee *baladi_fee_new        (gint64           fils,
                                  const char      *label_ar,
                                  const char      *label_en);
BaladiFee *baladi_fee_copy       (const BaladiFee *fee);
void       baladi_fee_free       (BaladiFee       *fee);
gboolean   baladi_fils_parse_bhd (const char      *bhd,
                                  gint64          *fils);
char      *baladi_fils_format_bhd (gint64          fils);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiFee, baladi_fee_free)

#define BALADI_TYPE_SERVICE (baladi_service_get_type ())

G_DECLARE_FINAL_TYPE (BaladiService, baladi_service, BALADI, SERVICE, GObject)

BaladiService *baladi_service_new         (const char    *code);
const char    *baladi_service_get_code    (BaladiService *self);
const char    *baladi_service_get_name    (BaladiService *self,
                                           const char    *language);
GPtrArray     *baladi_service_get_fees    (BaladiService *self);
void           baladi_service_add_fee     (BaladiService *self,
                                           BaladiFee     *fee);
gint64         baladi_service_get_total_fils (BaladiService *self);

G_END_DECLS
