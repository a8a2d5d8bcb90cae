/* baladi-complaints-page.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "baladi-request-list.h"
#include "baladi-store.h"

G_BEGIN_DECLS

#define BALADI_TYPE_COMPLAINTS_PAGE (baladi_complaints_page_get_type ())

G_DECLARE_FINAL_TYPE (BaladiComplaintsPage, baladi_complaints_page, BALADI, COMPLAINTS_PAGE, GtkWidget)

void               baladi_complaints_page_set_store    (BaladiComplaintsPage *self,
                                                        BaladiStore          *store,
                                                        const char           *user);
void               baladi_complaints_page_set_user     (BaladiComplaintsPage *self,
                                                        const char           *user);
BaladiRequestList *baladi_complaints_page_get_list     (BaladiComplaintsPage *self);
void               baladi_complaints_page_show_view    (BaladiComplaintsPage *self,
                                                        const char           *view);
void               baladi_complaints_page_drill_down    (BaladiComplaintsPage *self,
                                                        const char           *dimension,
                                                        const char           *value);
void               baladi_complaints_page_open_tab      (BaladiComplaintsPage *self,
                                                        const char           *request_id);
guint              baladi_complaints_page_get_n_tabs    (BaladiComplaintsPage *self);
void               baladi_complaints_page_show_service (BaladiComplaintsPage *self,
                                                        const char           *code,
                                                        const char           *name);
void               baladi_complaints_page_set_sync_state (BaladiComplaintsPage *self,
                                                        const char           *icon_name,
                                                        const char           *text);

G_END_DECLS
