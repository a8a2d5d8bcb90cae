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

/**
 * BaladiAttachment:
 * @name: the file name the citizen gave
 * @mime_type: its content type, e.g. image/jpeg
 * @size: its size in bytes
 * @sha256: the SHA-256 of its content, in hex
 *
 * What the desk knows of a file attached to a request; the content itself
 * stays on the server until a clerk opens it.
 */
typedef struct {
  char   *name;
  char   *mime_type;
  gint64  size;
  char   *sha256;
} BaladiAttachment;

#define BALADI_TYPE_ATTACHMENT (baladi_attachment_get_type ())

GType             baladi_attachment_get_type (void) G_GNUC_CONST;
BaladiAttachment *baladi_attachment_new      (const char             *name,
                                              const char             *mime_type,
                                              gint64                  size,
                                              const char             *sha256);
BaladiAttachment *baladi_attachment_copy     (const BaladiAttachment *attachment);
void              baladi_attachment_free     (BaladiAttachment       *attachment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiAttachment, baladi_attachment_free)

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
GPtrArray           *baladi_request_get_attachments  (BaladiRequest        *self);
void                 baladi_request_add_attachment   (BaladiRequest        *self,
                                                      BaladiAttachment     *attachment);
GPtrArray           *baladi_request_check            (BaladiRequest        *self);

G_END_DECLS
