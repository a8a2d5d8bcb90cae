/* baladi-server-requests-private.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "baladi-server-requests.h"

G_BEGIN_DECLS

#define MAX_TEXT 4000

/* The few columns every write needs to decide whether it may happen. */
typedef struct {
  char    *municipality;
  char    *status;
  char    *category;
  char    *assignee;
  char    *merged_into;
  gint64   version;
  gint64   created_at;
  gboolean replied;
} BaladiRequestState;



void     baladi_request_state_clear    (BaladiRequestState *state);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BaladiRequestState, baladi_request_state_clear)

gboolean baladi_server_load_request    (sqlite3            *db,
                                        SoupServerMessage  *msg,
                                        BaladiStaff        *staff,
                                        const char         *id,
                                        BaladiRequestState *state);
gboolean baladi_server_check_if_match  (SoupServerMessage  *msg,
                                        sqlite3            *db,
                                        const char         *id,
                                        gint64              version);
gint64   baladi_server_compute_due     (sqlite3            *db,
                                        BaladiSlaCalendar  *calendar,
                                        const char         *category,
                                        gint64              created_at,
                                        const char         *id,
                                        gint64              now);
gboolean baladi_server_insert_event    (sqlite3            *db,
                                        const char         *request_id,
                                        const char         *kind,
                                        const char         *author,
                                        gint64              now,
                                        const char         *body,
                                        gboolean            public,
                                        const char         *old_value,
                                        const char         *new_value,
                                        const char         *reason);

G_END_DECLS
