/* baladi-i18n.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void baladi_i18n_init                   (const char *localedir);
void baladi_i18n_bind_adwaita_fallback (const char *adwaita_localedir);

G_END_DECLS
