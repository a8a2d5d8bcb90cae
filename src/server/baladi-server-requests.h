/* baladi-server-requests.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "baladi-server-auth.h"
#include "baladi-sla-calendar.h"

G_BEGIN_DECLS

typedef enum {
  BALADI_REQUEST_WRITE_REPLY,
  BALADI_REQUEST_WRITE_NOTE,
  BALADI_REQUEST_WRITE_STATUS,
  BALADI_REQUEST_WRITE_ASSIGN,
  BALADI_REQUEST_WRITE_TRANSFER,
  BALADI_REQUEST_WRITE_MERGE,
} BaladiRequestWrite;

/* A new request, checked and ready to be filed. */
typedef struct {
  const char *id, *type, *category, *municipality, *channel, *priority, *language, *service_code;
  const char *subject, *description, *name, *phone, *email, *cpr;
  const char *building, *road, *block, *area;
  gboolean    has_location;
  double      latitude, longitude;
} BaladiNewRequest;

char     *baladi_server_insert_request   (sqlite3                *db,
                                          BaladiSlaCalendar      *calendar,
                                          const BaladiNewRequest *request,
                                          const char             *author,
                                          GError                **error);
JsonNode *baladi_server_request_to_json  (sqlite3             *db,
                                          const char          *id,
                                          gboolean             with_events);
void      baladi_server_get_request      (sqlite3             *db,
                                          SoupServerMessage   *msg,
                                          BaladiStaff         *staff,
                                          const char          *id);
void      baladi_server_create_request   (sqlite3             *db,
                                          BaladiSlaCalendar   *calendar,
                                          SoupServerMessage   *msg,
                                          BaladiStaff         *staff);
void      baladi_server_write_request    (sqlite3             *db,
                                          BaladiSlaCalendar   *calendar,
                                          SoupServerMessage   *msg,
                                          BaladiStaff         *staff,
                                          const char          *id,
                                          BaladiRequestWrite   write);

G_END_DECLS
