/* baladi-open311-parse.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  BALADI_OPEN311_FORMAT_JSON,
  BALADI_OPEN311_FORMAT_XML,
} BaladiOpen311Format;

/* The most an Open311 answer may hold: bytes, items of one list, and bytes
 * of one value. The importer caps each field further. */
#define BALADI_OPEN311_MAX_RESPONSE (16 * 1024 * 1024)
#define BALADI_OPEN311_MAX_ITEMS 10000
#define BALADI_OPEN311_MAX_VALUE (64 * 1024)

const char *baladi_open311_format_to_string  (BaladiOpen311Format   format);
gboolean    baladi_open311_format_from_string (const char           *text,
                                               BaladiOpen311Format  *format);
GPtrArray  *baladi_open311_parse_list        (GBytes               *body,
                                              BaladiOpen311Format   format,
                                              GError              **error);
char       *baladi_open311_error_description (GBytes               *body,
                                              BaladiOpen311Format   format);
gboolean    baladi_open311_record_get_text   (GHashTable           *record,
                                              const char           *name,
                                              gsize                 max_chars,
                                              const char          **value,
                                              GError              **error);
GDateTime  *baladi_open311_parse_time        (const char           *text,
                                              GTimeZone            *default_zone);

G_END_DECLS
