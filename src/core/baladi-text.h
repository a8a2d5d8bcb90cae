/* baladi-text.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BALADI_TOKENIZE_DEFAULT = 0,
  /* The last word of a query being typed: strip no suffix from it, since
   * the word is not finished. */
  BALADI_TOKENIZE_PREFIX  = 1 << 0,
} BaladiTokenizeFlags;

/**
 * BaladiTokenFunc:
 * @token: the normalised, stemmed token (not nul-terminated)
 * @len: its length in bytes
 * @start: where the word starts in the original text, in bytes
 * @end: where it ends
 *
 * Returns: %FALSE to stop
 */
typedef gboolean (*BaladiTokenFunc) (const char *token,
                                     gsize       len,
                                     gsize       start,
                                     gsize       end,
                                     gpointer    user_data);

void  baladi_text_tokenize (const char          *text,
                            gssize               len,
                            BaladiTokenizeFlags  flags,
                            BaladiTokenFunc      func,
                            gpointer             user_data);
gboolean baladi_text_is_blank (const char *text);
char *baladi_text_normalize (const char         *text,
                             gssize              len);

G_END_DECLS
