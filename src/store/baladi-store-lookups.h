/* baladi-store-lookups.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-store.h"

G_BEGIN_DECLS

/**
 * BaladiLookup:
 * @code: the wire code (a category code, a staff user name…)
 * @name: its name in the language asked for, or the code
 * @parent: (nullable): what it belongs to: a category's sector, a staff
 *   member's scope
 * @role: (nullable): a staff member's role
 */
typedef struct {
  char *code;
  char *name;
  char *parent;
  char *role;
} BaladiLookup;

void       baladi_lookup_free                     (BaladiLookup  *lookup);
gboolean   baladi_store_put_lookup                (BaladiStore   *self,
                                                   const char    *kind,
                                                   const char    *code,
                                                   const char    *document,
                                                   GError       **error);
gboolean   baladi_store_clear_lookups             (BaladiStore   *self,
                                                   const char    *kind,
                                                   GError       **error);
GPtrArray *baladi_store_list_lookups              (BaladiStore   *self,
                                                   const char    *kind,
                                                   const char    *language);
char      *baladi_store_get_lookup_name           (BaladiStore   *self,
                                                   const char    *kind,
                                                   const char    *code,
                                                   const char    *language);
char      *baladi_store_get_service_category_name (BaladiStore   *self,
                                                   const char    *code,
                                                   const char    *language);

char      *baladi_store_get_staff_role   (BaladiStore   *self,
                                          const char    *username);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BaladiLookup, baladi_lookup_free)

G_END_DECLS
