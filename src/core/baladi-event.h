/* baladi-event.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "baladi-core-enums.h"

G_BEGIN_DECLS

#define BALADI_TYPE_EVENT (baladi_event_get_type ())

G_DECLARE_FINAL_TYPE (BaladiEvent, baladi_event, BALADI, EVENT, GObject)

BaladiEvent     *baladi_event_new         (const char      *id,
                                           const char      *request_id,
                                           BaladiEventKind  kind,
                                           const char      *author,
                                           GDateTime       *created);
const char      *baladi_event_get_id      (BaladiEvent     *self);
BaladiEventKind  baladi_event_get_kind    (BaladiEvent     *self);
gboolean         baladi_event_is_public   (BaladiEvent     *self);
const char      *baladi_event_get_body    (BaladiEvent     *self);
void             baladi_event_set_body    (BaladiEvent     *self,
                                           const char      *body);
GDateTime       *baladi_event_get_created (BaladiEvent     *self);

G_END_DECLS
