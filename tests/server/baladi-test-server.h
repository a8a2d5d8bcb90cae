/* baladi-test-server.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _BaladiTestServer BaladiTestServer;

BaladiTestServer *baladi_test_server_start    (void);
BaladiTestServer *baladi_test_server_start_with (const char * const *extra_args);
void              baladi_test_server_stop     (BaladiTestServer *server);
char             *baladi_test_server_get_log  (BaladiTestServer *server);
const char       *baladi_test_server_get_uri  (BaladiTestServer *server);
char             *baladi_test_server_login    (BaladiTestServer *server,
                                               const char       *username);
guint             baladi_test_server_call     (BaladiTestServer *server,
                                               const char       *method,
                                               const char       *path,
                                               const char       *token,
                                               const char       *if_match,
                                               const char       *idempotency_key,
                                               const char       *body,
                                               gssize            body_len,
                                               JsonNode        **json,
                                               SoupMessageHeaders **response_headers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiTestServer, baladi_test_server_stop)

G_END_DECLS
