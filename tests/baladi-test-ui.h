/* baladi-test-ui.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void        baladi_test_ui_init            (int          *argc,
                                            char       ***argv);
const char *baladi_test_ui_get_language    (void);
gboolean    baladi_test_ui_is_arabic       (void);
void        baladi_test_ui_wait_for_frames (GtkWidget    *widget,
                                            guint         n_frames);
void        baladi_test_ui_wait_until      (gboolean    (*condition) (gpointer data),
                                            gpointer      data,
                                            guint         timeout_ms);
char       *baladi_test_ui_save_png        (GtkWidget    *widget,
                                            const char   *name);
GPtrArray  *baladi_test_ui_find_all        (GtkWidget    *root,
                                            GType         type);
GtkWidget  *baladi_test_ui_find_first      (GtkWidget    *root,
                                            GType         type);
char       *baladi_test_ui_collect_text    (GtkWidget    *root,
                                            gboolean      visible_only);
GtkWindow  *baladi_test_ui_find_toplevel   (GType         type);

G_END_DECLS
