/* baladi-request.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "baladi-core-enums.h"

G_BEGIN_DECLS

#define BALADI_TYPE_REQUEST (baladi_request_get_type ())

G_DECLARE_FINAL_TYPE (BaladiRequest, baladi_request, BALADI, REQUEST, GObject)

BaladiRequest       *baladi_request_new              (void);
const char          *baladi_request_get_id           (BaladiRequest        *self);
const char          *baladi_request_get_reference    (BaladiRequest        *self);
BaladiRequestStatus  baladi_request_get_status       (BaladiRequest        *self);
gboolean             baladi_request_set_status       (BaladiRequest        *self,
                                                      BaladiRequestStatus   status);
BaladiMunicipality   baladi_request_get_municipality (BaladiRequest        *self);
GDateTime           *baladi_request_get_due          (BaladiRequest        *self);
GPtrArray           *baladi_request_check            (BaladiRequest        *self);

G_END_DECLS
