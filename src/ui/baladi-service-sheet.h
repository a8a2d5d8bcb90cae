/* baladi-service-sheet.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "baladi-service.h"

G_BEGIN_DECLS

GtkPrintOperation *baladi_service_sheet_new        (BaladiService  *service,
                                                    const char     *language);
gboolean           baladi_service_sheet_export_pdf (BaladiService  *service,
                                                    const char     *language,
                                                    const char     *path,
                                                    GError        **error);

G_END_DECLS
