/* baladi-server-json.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "baladi-validate.h"

G_BEGIN_DECLS

#define BALADI_SERVER_MAX_BODY (1024 * 1024)
#define BALADI_SERVER_MAX_DEPTH 32


JsonObject *baladi_server_parse_body    (SoupServerMessage  *msg,
                                         const char * const *members,
                                         GPtrArray          *errors);
void        baladi_server_reply_json    (SoupServerMessage  *msg,
                                         guint               status,
                                         JsonNode           *body);
void        baladi_server_reply_error   (SoupServerMessage  *msg,
                                         guint               status,
                                         const char         *code,
                                         const char         *description);
void        baladi_server_reply_field_errors (SoupServerMessage *msg,
                                              GPtrArray         *errors);
void        baladi_server_reply_stale   (SoupServerMessage  *msg,
                                         JsonNode           *current);
JsonNode   *baladi_server_error_node    (const char         *code,
                                         const char         *description,
                                         const char         *field);

const char *baladi_json_get_string      (JsonObject         *object,
                                         const char         *member,
                                         GPtrArray          *errors,
                                         gboolean            required,
                                         gsize               max_chars);
const char *baladi_json_get_enum        (JsonObject         *object,
                                         const char         *member,
                                         GType               type,
                                         int                *value,
                                         GPtrArray          *errors,
                                         gboolean            required);
JsonObject *baladi_json_get_nested      (JsonObject         *object,
                                         const char         *member,
                                         const char * const *allowed,
                                         GPtrArray          *errors);

G_END_DECLS
