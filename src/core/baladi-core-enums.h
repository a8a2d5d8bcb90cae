/* baladi-core-enums.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Every enum of the domain travels between the server, the cache and the
 * window as a stable lowercase "wire" string: the GEnumValue nick. Never
 * renumber or rename a nick; add new values at the end. */

typedef enum {
  BALADI_REQUEST_TYPE_COMPLAINT,
  BALADI_REQUEST_TYPE_SUGGESTION,
  BALADI_REQUEST_TYPE_INQUIRY,
  BALADI_REQUEST_TYPE_NOTE,
  BALADI_REQUEST_TYPE_COMPLIMENT,
} BaladiRequestType;

typedef enum {
  BALADI_CHANNEL_TAWASUL_APP,
  BALADI_CHANNEL_WEBSITE,
  BALADI_CHANNEL_NATIONAL_PORTAL,
  BALADI_CHANNEL_HOTLINE,
  BALADI_CHANNEL_SOCIAL_MEDIA,
  BALADI_CHANNEL_WALK_IN,
  BALADI_CHANNEL_CUSTOMER_DAY,
} BaladiChannel;

typedef enum {
  BALADI_REQUEST_STATUS_NEW,
  BALADI_REQUEST_STATUS_ASSIGNED,
  BALADI_REQUEST_STATUS_IN_PROGRESS,
  BALADI_REQUEST_STATUS_WAITING_CITIZEN,
  BALADI_REQUEST_STATUS_WAITING_AGENCY,
  BALADI_REQUEST_STATUS_ANSWERED,
  BALADI_REQUEST_STATUS_CLOSED,
  BALADI_REQUEST_STATUS_REOPENED,
} BaladiRequestStatus;

typedef enum {
  BALADI_PRIORITY_LOW,
  BALADI_PRIORITY_NORMAL,
  BALADI_PRIORITY_HIGH,
  BALADI_PRIORITY_URGENT,
} BaladiPriority;

typedef enum {
  BALADI_SECTOR_MUNICIPALITIES,
  BALADI_SECTOR_URBAN_PLANNING,
  BALADI_SECTOR_AGRICULTURE_MARINE,
} BaladiSector;

typedef enum {
  BALADI_MUNICIPALITY_CAPITAL,
  BALADI_MUNICIPALITY_MUHARRAQ,
  BALADI_MUNICIPALITY_NORTHERN,
  BALADI_MUNICIPALITY_SOUTHERN,
} BaladiMunicipality;

typedef enum {
  BALADI_EVENT_KIND_CREATED,
  BALADI_EVENT_KIND_REPLY,
  BALADI_EVENT_KIND_INTERNAL_NOTE,
  BALADI_EVENT_KIND_STATUS_CHANGE,
  BALADI_EVENT_KIND_ASSIGNMENT,
  BALADI_EVENT_KIND_TRANSFER,
  BALADI_EVENT_KIND_MERGE,
} BaladiEventKind;

typedef enum {
  BALADI_STAFF_ROLE_CLERK,
  BALADI_STAFF_ROLE_SUPERVISOR,
  BALADI_STAFF_ROLE_DIRECTOR,
  BALADI_STAFF_ROLE_CATALOGUE_EDITOR,
} BaladiStaffRole;

/* Where the desk's copy of a request stands against the server's. */
typedef enum {
  BALADI_LOCAL_STATE_SYNCED,
  BALADI_LOCAL_STATE_PENDING,
  BALADI_LOCAL_STATE_ATTENTION,
  BALADI_LOCAL_STATE_CONFLICT,
} BaladiLocalState;

typedef enum {
  BALADI_SLA_UNIT_WORKING_HOURS,
  BALADI_SLA_UNIT_WORKING_DAYS,
} BaladiSlaUnit;

#define BALADI_TYPE_REQUEST_TYPE   (baladi_request_type_get_type ())
#define BALADI_TYPE_CHANNEL        (baladi_channel_get_type ())
#define BALADI_TYPE_REQUEST_STATUS (baladi_request_status_get_type ())
#define BALADI_TYPE_PRIORITY       (baladi_priority_get_type ())
#define BALADI_TYPE_SECTOR         (baladi_sector_get_type ())
#define BALADI_TYPE_MUNICIPALITY   (baladi_municipality_get_type ())
#define BALADI_TYPE_EVENT_KIND     (baladi_event_kind_get_type ())
#define BALADI_TYPE_STAFF_ROLE     (baladi_staff_role_get_type ())
#define BALADI_TYPE_SLA_UNIT       (baladi_sla_unit_get_type ())
#define BALADI_TYPE_LOCAL_STATE    (baladi_local_state_get_type ())

GType baladi_request_type_get_type   (void) G_GNUC_CONST;
GType baladi_channel_get_type        (void) G_GNUC_CONST;
GType baladi_request_status_get_type (void) G_GNUC_CONST;
GType baladi_priority_get_type       (void) G_GNUC_CONST;
GType baladi_sector_get_type         (void) G_GNUC_CONST;
GType baladi_municipality_get_type   (void) G_GNUC_CONST;
GType baladi_event_kind_get_type     (void) G_GNUC_CONST;
GType baladi_staff_role_get_type     (void) G_GNUC_CONST;
GType baladi_sla_unit_get_type       (void) G_GNUC_CONST;
GType baladi_local_state_get_type    (void) G_GNUC_CONST;

const char *baladi_enum_to_wire   (GType        enum_type,
                                   int          value);
gboolean    baladi_enum_from_wire (GType        enum_type,
                                   const char  *wire,
                                   int         *value);

const char *baladi_request_type_get_label      (BaladiRequestType   type);
const char *baladi_channel_get_label           (BaladiChannel       channel);
const char *baladi_request_status_get_label    (BaladiRequestStatus status);
const char *baladi_priority_get_label          (BaladiPriority      priority);
const char *baladi_sector_get_label            (BaladiSector        sector);
const char *baladi_municipality_get_label      (BaladiMunicipality  municipality);
const char *baladi_municipality_get_prefix     (BaladiMunicipality  municipality);

gboolean    baladi_request_status_can_transition (BaladiRequestStatus from,
                                                  BaladiRequestStatus to);
gboolean    baladi_request_status_pauses_clock   (BaladiRequestStatus status);
gboolean    baladi_request_status_is_open        (BaladiRequestStatus status);

G_END_DECLS
