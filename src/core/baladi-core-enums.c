/* baladi-core-enums.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baladi-core-enums.h"

G_DEFINE_ENUM_TYPE (BaladiRequestType, baladi_request_type,
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_TYPE_COMPLAINT, "complaint"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_TYPE_SUGGESTION, "suggestion"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_TYPE_INQUIRY, "inquiry"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_TYPE_NOTE, "note"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_TYPE_COMPLIMENT, "compliment"))

G_DEFINE_ENUM_TYPE (BaladiChannel, baladi_channel,
  G_DEFINE_ENUM_VALUE (BALADI_CHANNEL_TAWASUL_APP, "tawasul_app"),
  G_DEFINE_ENUM_VALUE (BALADI_CHANNEL_WEBSITE, "website"),
  G_DEFINE_ENUM_VALUE (BALADI_CHANNEL_NATIONAL_PORTAL, "national_portal"),
  G_DEFINE_ENUM_VALUE (BALADI_CHANNEL_HOTLINE, "hotline"),
  G_DEFINE_ENUM_VALUE (BALADI_CHANNEL_SOCIAL_MEDIA, "social_media"),
  G_DEFINE_ENUM_VALUE (BALADI_CHANNEL_WALK_IN, "walk_in"),
  G_DEFINE_ENUM_VALUE (BALADI_CHANNEL_CUSTOMER_DAY, "customer_day"))

G_DEFINE_ENUM_TYPE (BaladiRequestStatus, baladi_request_status,
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_NEW, "new"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_ASSIGNED, "assigned"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_IN_PROGRESS, "in_progress"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_WAITING_CITIZEN, "waiting_citizen"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_WAITING_AGENCY, "waiting_agency"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_ANSWERED, "answered"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_CLOSED, "closed"),
  G_DEFINE_ENUM_VALUE (BALADI_REQUEST_STATUS_REOPENED, "reopened"))

G_DEFINE_ENUM_TYPE (BaladiPriority, baladi_priority,
  G_DEFINE_ENUM_VALUE (BALADI_PRIORITY_LOW, "low"),
  G_DEFINE_ENUM_VALUE (BALADI_PRIORITY_NORMAL, "normal"),
  G_DEFINE_ENUM_VALUE (BALADI_PRIORITY_HIGH, "high"),
  G_DEFINE_ENUM_VALUE (BALADI_PRIORITY_URGENT, "urgent"))

G_DEFINE_ENUM_TYPE (BaladiSector, baladi_sector,
  G_DEFINE_ENUM_VALUE (BALADI_SECTOR_MUNICIPALITIES, "municipalities"),
  G_DEFINE_ENUM_VALUE (BALADI_SECTOR_URBAN_PLANNING, "urban-planning"),
  G_DEFINE_ENUM_VALUE (BALADI_SECTOR_AGRICULTURE_MARINE, "agriculture-marine"))

G_DEFINE_ENUM_TYPE (BaladiMunicipality, baladi_municipality,
  G_DEFINE_ENUM_VALUE (BALADI_MUNICIPALITY_CAPITAL, "capital"),
  G_DEFINE_ENUM_VALUE (BALADI_MUNICIPALITY_MUHARRAQ, "muharraq"),
  G_DEFINE_ENUM_VALUE (BALADI_MUNICIPALITY_NORTHERN, "northern"),
  G_DEFINE_ENUM_VALUE (BALADI_MUNICIPALITY_SOUTHERN, "southern"))

G_DEFINE_ENUM_TYPE (BaladiEventKind, baladi_event_kind,
  G_DEFINE_ENUM_VALUE (BALADI_EVENT_KIND_CREATED, "created"),
  G_DEFINE_ENUM_VALUE (BALADI_EVENT_KIND_REPLY, "reply"),
  G_DEFINE_ENUM_VALUE (BALADI_EVENT_KIND_INTERNAL_NOTE, "internal_note"),
  G_DEFINE_ENUM_VALUE (BALADI_EVENT_KIND_STATUS_CHANGE, "status_change"),
  G_DEFINE_ENUM_VALUE (BALADI_EVENT_KIND_ASSIGNMENT, "assignment"),
  G_DEFINE_ENUM_VALUE (BALADI_EVENT_KIND_TRANSFER, "transfer"),
  G_DEFINE_ENUM_VALUE (BALADI_EVENT_KIND_MERGE, "merge"))

G_DEFINE_ENUM_TYPE (BaladiStaffRole, baladi_staff_role,
  G_DEFINE_ENUM_VALUE (BALADI_STAFF_ROLE_CLERK, "clerk"),
  G_DEFINE_ENUM_VALUE (BALADI_STAFF_ROLE_SUPERVISOR, "supervisor"),
  G_DEFINE_ENUM_VALUE (BALADI_STAFF_ROLE_DIRECTOR, "director"),
  G_DEFINE_ENUM_VALUE (BALADI_STAFF_ROLE_CATALOGUE_EDITOR, "catalogue_editor"))

G_DEFINE_ENUM_TYPE (BaladiLocalState, baladi_local_state,
  G_DEFINE_ENUM_VALUE (BALADI_LOCAL_STATE_SYNCED, "synced"),
  G_DEFINE_ENUM_VALUE (BALADI_LOCAL_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (BALADI_LOCAL_STATE_ATTENTION, "attention"),
  G_DEFINE_ENUM_VALUE (BALADI_LOCAL_STATE_CONFLICT, "conflict"))

G_DEFINE_ENUM_TYPE (BaladiSlaUnit, baladi_sla_unit,
  G_DEFINE_ENUM_VALUE (BALADI_SLA_UNIT_WORKING_HOURS, "working_hours"),
  G_DEFINE_ENUM_VALUE (BALADI_SLA_UNIT_WORKING_DAYS, "working_days"))

/**
 * baladi_enum_to_wire:
 * @enum_type: one of the BALADI_TYPE_* enum types
 * @value: a value of that enum
 *
 * Returns: (nullable): the wire string of @value, or %NULL if @value is not
 *   a value of @enum_type
 */
const char *
baladi_enum_to_wire (GType enum_type,
                     int   value)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  enum_class = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value (enum_class, value);

  /* The nick is interned in the type's static table, so it outlives the
   * class reference. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/**
 * baladi_enum_from_wire:
 * @enum_type: one of the BALADI_TYPE_* enum types
 * @wire: (nullable): a wire string, as received from the server or the cache
 * @value: (out): where to store the value
 *
 * Parses a wire string. The match is exact: the wire format is ours, so a
 * string in another case or with spaces is as wrong as an unknown one.
 *
 * Returns: whether @wire is the wire string of a value of @enum_type
 */
gboolean
baladi_enum_from_wire (GType       enum_type,
                       const char *wire,
                       int        *value)
{
  g_autoptr(GEnumClass) enum_class = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (wire == NULL)
    return FALSE;

  enum_class = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (enum_class, wire);
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;
  return TRUE;
}

const char *
baladi_request_type_get_label (BaladiRequestType type)
{
  switch (type)
    {
    case BALADI_REQUEST_TYPE_COMPLAINT: return C_("request type", "Complaint");
    case BALADI_REQUEST_TYPE_SUGGESTION: return C_("request type", "Suggestion");
    case BALADI_REQUEST_TYPE_INQUIRY: return C_("request type", "Inquiry");
    case BALADI_REQUEST_TYPE_NOTE: return C_("request type", "Note");
    case BALADI_REQUEST_TYPE_COMPLIMENT: return C_("request type", "Compliment");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
baladi_channel_get_label (BaladiChannel channel)
{
  switch (channel)
    {
    case BALADI_CHANNEL_TAWASUL_APP: return C_("channel", "Tawasul");
    case BALADI_CHANNEL_WEBSITE: return C_("channel", "Ministry Website");
    case BALADI_CHANNEL_NATIONAL_PORTAL: return C_("channel", "National Portal");
    case BALADI_CHANNEL_HOTLINE: return C_("channel", "Hotline");
    case BALADI_CHANNEL_SOCIAL_MEDIA: return C_("channel", "Social Media");
    case BALADI_CHANNEL_WALK_IN: return C_("channel", "Walk-in");
    case BALADI_CHANNEL_CUSTOMER_DAY: return C_("channel", "Customer Day");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
baladi_request_status_get_label (BaladiRequestStatus status)
{
  switch (status)
    {
    case BALADI_REQUEST_STATUS_NEW: return C_("request status", "New");
    case BALADI_REQUEST_STATUS_ASSIGNED: return C_("request status", "Assigned");
    case BALADI_REQUEST_STATUS_IN_PROGRESS: return C_("request status", "In Progress");
    case BALADI_REQUEST_STATUS_WAITING_CITIZEN: return C_("request status", "Waiting on Citizen");
    case BALADI_REQUEST_STATUS_WAITING_AGENCY: return C_("request status", "Waiting on Another Agency");
    case BALADI_REQUEST_STATUS_ANSWERED: return C_("request status", "Answered");
    case BALADI_REQUEST_STATUS_CLOSED: return C_("request status", "Closed");
    case BALADI_REQUEST_STATUS_REOPENED: return C_("request status", "Reopened");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
baladi_priority_get_label (BaladiPriority priority)
{
  switch (priority)
    {
    case BALADI_PRIORITY_LOW: return C_("priority", "Low");
    case BALADI_PRIORITY_NORMAL: return C_("priority", "Normal");
    case BALADI_PRIORITY_HIGH: return C_("priority", "High");
    case BALADI_PRIORITY_URGENT: return C_("priority", "Urgent");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
baladi_sector_get_label (BaladiSector sector)
{
  switch (sector)
    {
    case BALADI_SECTOR_MUNICIPALITIES: return C_("sector", "Municipalities Affairs");
    case BALADI_SECTOR_URBAN_PLANNING: return C_("sector", "Urban Planning");
    case BALADI_SECTOR_AGRICULTURE_MARINE: return C_("sector", "Agriculture and Marine Resources");
    default: g_return_val_if_reached (NULL);
    }
}

const char *
baladi_municipality_get_label (BaladiMunicipality municipality)
{
  switch (municipality)
    {
    case BALADI_MUNICIPALITY_CAPITAL: return C_("municipality", "Capital Secretariat");
    case BALADI_MUNICIPALITY_MUHARRAQ: return C_("municipality", "Muharraq Municipality");
    case BALADI_MUNICIPALITY_NORTHERN: return C_("municipality", "Northern Area Municipality");
    case BALADI_MUNICIPALITY_SOUTHERN: return C_("municipality", "Southern Area Municipality");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * baladi_municipality_get_prefix:
 *
 * Returns: the prefix of the public reference numbers of requests filed
 *   with @municipality, e.g. "CAP" in CAP-2026-000123
 */
const char *
baladi_municipality_get_prefix (BaladiMunicipality municipality)
{
  switch (municipality)
    {
    case BALADI_MUNICIPALITY_CAPITAL: return "CAP";
    case BALADI_MUNICIPALITY_MUHARRAQ: return "MUH";
    case BALADI_MUNICIPALITY_NORTHERN: return "NOR";
    case BALADI_MUNICIPALITY_SOUTHERN: return "SOU";
    default: g_return_val_if_reached (NULL);
    }
}

/* The status workflow. A row lists the statuses a request may move to from
 * the status of that row:
 *
 *   new              → assigned, in progress, answered, closed (a duplicate merged away)
 *   assigned         → new (unassigned), in progress, waiting on citizen/agency, answered
 *   in progress      → assigned (handed to a colleague), waiting on citizen/agency, answered
 *   waiting citizen  → in progress, answered, closed (the citizen never came back)
 *   waiting agency   → in progress, answered
 *   answered         → closed, reopened
 *   closed           → reopened
 *   reopened         → assigned, in progress, waiting on citizen/agency, answered
 *
 * Staying in the same status is not a transition. */
#define S(x) (1u << BALADI_REQUEST_STATUS_##x)
static const guint allowed_transitions[] = {
  [BALADI_REQUEST_STATUS_NEW] = S (ASSIGNED) | S (IN_PROGRESS) | S (ANSWERED) | S (CLOSED),
  [BALADI_REQUEST_STATUS_ASSIGNED] = S (NEW) | S (IN_PROGRESS) | S (WAITING_CITIZEN) | S (WAITING_AGENCY) | S (ANSWERED),
  [BALADI_REQUEST_STATUS_IN_PROGRESS] = S (ASSIGNED) | S (WAITING_CITIZEN) | S (WAITING_AGENCY) | S (ANSWERED),
  [BALADI_REQUEST_STATUS_WAITING_CITIZEN] = S (IN_PROGRESS) | S (ANSWERED) | S (CLOSED),
  [BALADI_REQUEST_STATUS_WAITING_AGENCY] = S (IN_PROGRESS) | S (ANSWERED),
  [BALADI_REQUEST_STATUS_ANSWERED] = S (CLOSED) | S (REOPENED),
  [BALADI_REQUEST_STATUS_CLOSED] = S (REOPENED),
  [BALADI_REQUEST_STATUS_REOPENED] = S (ASSIGNED) | S (IN_PROGRESS) | S (WAITING_CITIZEN) | S (WAITING_AGENCY) | S (ANSWERED),
};
#undef S

/**
 * baladi_request_status_can_transition:
 *
 * Returns: whether the workflow lets a request move from @from to @to
 */
gboolean
baladi_request_status_can_transition (BaladiRequestStatus from,
                                      BaladiRequestStatus to)
{
  if ((guint) from >= G_N_ELEMENTS (allowed_transitions) ||
      (guint) to > BALADI_REQUEST_STATUS_REOPENED)
    return FALSE;

  return (allowed_transitions[from] & (1u << to)) != 0;
}

/**
 * baladi_request_status_pauses_clock:
 *
 * Returns: whether the SLA clock stands still while a request is in
 *   @status: it does while the request waits on the citizen or on another
 *   agency, since the ministry cannot act then
 */
gboolean
baladi_request_status_pauses_clock (BaladiRequestStatus status)
{
  return status == BALADI_REQUEST_STATUS_WAITING_CITIZEN ||
         status == BALADI_REQUEST_STATUS_WAITING_AGENCY;
}

/**
 * baladi_request_status_is_open:
 *
 * Returns: whether a request in @status still needs work from the ministry
 */
gboolean
baladi_request_status_is_open (BaladiRequestStatus status)
{
  return status != BALADI_REQUEST_STATUS_ANSWERED &&
         status != BALADI_REQUEST_STATUS_CLOSED;
}
