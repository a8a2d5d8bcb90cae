/* baladi-ask.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef void (*BaladiAnswerFunc) (GtkWidget  *owner,
                                  guint       choice,
                                  const char *text);

AdwMessageDialog *baladi_ask (GtkWidget          *owner,
                              const char         *heading,
                              const char         *body,
                              const char * const *choices,
                              const char         *text_label,
                              gboolean            text_required,
                              const char         *apply_label,
                              BaladiAnswerFunc    func);

typedef const char *(*BaladiLabelFunc) (int value);

GStrv baladi_enum_labels (GType           type,
                          BaladiLabelFunc label,
                          int             except);

G_END_DECLS
