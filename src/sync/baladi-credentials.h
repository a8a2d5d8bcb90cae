/* baladi-credentials.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *baladi_credentials_get_schema (void);
gboolean            baladi_credentials_store      (const char    *server,
                                                   const char    *username,
                                                   const char    *token,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
gboolean            baladi_credentials_lookup     (const char    *server,
                                                   char         **username,
                                                   char         **token,
                                                   GCancellable  *cancellable,
                                                   GError       **error);
gboolean            baladi_credentials_clear      (const char    *server,
                                                   GCancellable  *cancellable,
                                                   GError       **error);

G_END_DECLS
