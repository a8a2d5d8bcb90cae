/* baladi-store-templates.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-store.h"

G_BEGIN_DECLS

/**
 * BaladiReplyTemplate:
 * @id: the server's id
 * @title: (nullable): the title in the language asked for, when read from
 *   the cache
 * @title_ar: the title in Arabic
 * @title_en: the title in English
 * @body_ar: the Arabic text, with its {variables}
 * @body_en: the English text
 * @position: the menu's order, smallest first
 * @version: the server's version, for If-Match
 */
typedef struct {
  char   *id;
  char   *title;
  char   *title_ar;
  char   *title_en;
  char   *body_ar;
  char   *body_en;
  gint64  position;
  gint64  version;
} BaladiReplyTemplate;

BaladiReplyTemplate *baladi_reply_template_copy  (const BaladiReplyTemplate *template);
void                 baladi_reply_template_free  (BaladiReplyTemplate       *template);

GPtrArray           *baladi_store_list_reply_templates    (BaladiStore         *self,
                                                           const char          *language);
BaladiReplyTemplate *baladi_store_get_reply_template      (BaladiStore         *self,
                                                           const char          *id,
                                                           const char          *language);
gboolean             baladi_store_replace_reply_templates (BaladiStore         *self,
                                                           GPtrArray           *templates,
                                                           GError             **error);
gboolean             baladi_store_put_reply_template      (BaladiStore         *self,
                                                           const BaladiReplyTemplate *template,
                                                           GError             **error);
gboolean             baladi_store_delete_reply_template   (BaladiStore         *self,
                                                           const char          *id,
                                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiReplyTemplate, baladi_reply_template_free)

G_END_DECLS
