/* baladi-open311-map.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GeoReport records as the cache keeps them. GeoReport knows less than
 * the desk: a request is a complaint on the Tawasul channel (as the
 * central API files those that reach it through GeoReport), open is
 * "new" and closed is "closed", its municipality comes from
 * agency_responsible or the source's default, its sector from its
 * service's group, and without expected_datetime it is due by the SLA
 * calendar and the time limit of its category. When its service code is
 * one of the central API's categories (the cache's lookups), that
 * category gives its sector and time limit; otherwise the source's
 * default limit applies. Every field is capped in
 * length; a field of the wrong kind, a time that is not ISO 8601 or a
 * location off the globe is an error, while a request that cannot be told
 * apart or placed (no id nor token, no service, no time) is skipped. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "baladi-event.h"
#include "baladi-open311-map.h"
#include "baladi-open311-parse.h"
#include "baladi-sync-json.h"

/* The longest value of each field, in characters. */
#define MAX_ID 128
#define MAX_NAME 500
#define MAX_TEXT 10000
#define MAX_TIME 40
#define MAX_URL 2048

/* The names GeoReport servers give our municipalities and sectors (the
 * central API's, in both languages). */
static const struct {
  BaladiMunicipality value;
  const char        *en, *ar;
} municipality_names[] = {
  { BALADI_MUNICIPALITY_CAPITAL, "Capital Secretariat", "أمانة العاصمة" },
  { BALADI_MUNICIPALITY_MUHARRAQ, "Muharraq Municipality", "بلدية المحرق" },
  { BALADI_MUNICIPALITY_NORTHERN, "Northern Area Municipality", "بلدية المنطقة الشمالية" },
  { BALADI_MUNICIPALITY_SOUTHERN, "Southern Area Municipality", "بلدية المنطقة الجنوبية" },
};

static const struct {
  BaladiSector value;
  const char  *en, *ar;
} sector_names[] = {
  { BALADI_SECTOR_MUNICIPALITIES, "Municipalities Affairs", "شؤون البلديات" },
  { BALADI_SECTOR_URBAN_PLANNING, "Urban Planning", "التخطيط العمراني" },
  { BALADI_SECTOR_AGRICULTURE_MARINE, "Agriculture and Marine Resources", "الثروة الزراعية والبحرية" },
};

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *folded_a = g_utf8_casefold (a, -1);
  g_autofree char *folded_b = g_utf8_casefold (b, -1);

  return g_str_equal (folded_a, folded_b);
}

static gboolean
has_arabic_letters (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x0621 && g_utf8_get_char (p) <= 0x064A)
      return TRUE;

  return FALSE;
}

/* Reads the fields of @record named in @names into @values, each at most
 * @max_chars long. */
static gboolean
get_fields (GHashTable          *record,
            const char * const  *names,
            const char         **values,
            const gsize         *max_chars,
            GError             **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (!baladi_open311_record_get_text (record, names[i], max_chars[i], &values[i], error))
      return FALSE;

  return TRUE;
}

void
baladi_open311_service_free (BaladiOpen311Service *service)
{
  g_free (service->code);
  g_free (service->category);
  g_free (service->document);
  g_free (service->name);
  g_free (service);
}

static void
add_bilingual (JsonBuilder *builder,
               const char  *member,
               const char  *text)
{
  /* GeoReport gives one language; both keys hold it, so that either
   * interface language shows something. */
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ar");
  json_builder_add_string_value (builder, text);
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
}

BaladiOpen311Service *
baladi_open311_service_from_record (const BaladiOpen311Mapping  *mapping,
                     GHashTable           *record,
                     GError              **error)
{
  static const char * const names[] = { "service_code", "service_name", "description", "keywords", "group",
                                        "type", "metadata", NULL };
  static const gsize max_chars[] = { MAX_ID, MAX_NAME, MAX_TEXT, MAX_TEXT, MAX_NAME, MAX_NAME, MAX_NAME };
  const char *values[G_N_ELEMENTS (names)] = { NULL, };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) keywords = NULL;
  BaladiSector sector = BALADI_SECTOR_MUNICIPALITIES;
  BaladiOpen311Service *service;

  if (!get_fields (record, names, values, max_chars, error))
    return NULL;
  if (values[0] == NULL)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The Open311 answer has a service without service_code");
      return NULL;
    }

  for (guint i = 0; values[4] != NULL && i < G_N_ELEMENTS (sector_names); i++)
    if (same_name (values[4], sector_names[i].en) || same_name (values[4], sector_names[i].ar) ||
        g_str_equal (values[4], baladi_enum_to_wire (BALADI_TYPE_SECTOR, sector_names[i].value)))
      sector = sector_names[i].value;

  service = g_new0 (BaladiOpen311Service, 1);
  service->code = g_strconcat (BALADI_OPEN311_ID_PREFIX, mapping->name, ":", values[0], NULL);
  service->category = g_strdup (values[0]);
  service->sector = sector;
  service->name = g_strdup (values[1] != NULL ? values[1] : values[0]);

  /* The shape of the central catalogue's services, as far as GeoReport
   * tells, and what it tells besides: the cache's triggers index its name,
   * description and keywords as they index the catalogue's. */
  keywords = g_strsplit (values[3] != NULL ? values[3] : "", ",", -1);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, service->code);
  add_bilingual (builder, "name", service->name);
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, service->category);
  if (values[2] != NULL)
    add_bilingual (builder, "description", values[2]);
  /* Keywords come in one list: those in Arabic letters are the Arabic
   * keywords, the others the English ones. */
  json_builder_set_member_name (builder, "keywords");
  json_builder_begin_object (builder);
  for (guint language = 0; language < 2; language++)
    {
      gboolean arabic = language == 0;

      json_builder_set_member_name (builder, arabic ? "ar" : "en");
      json_builder_begin_array (builder);
      for (guint i = 0; keywords[i] != NULL; i++)
        if (*g_strstrip (keywords[i]) != '\0' && has_arabic_letters (keywords[i]) == arabic)
          json_builder_add_string_value (builder, keywords[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "open311");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, mapping->name);
  json_builder_set_member_name (builder, "group");
  json_builder_add_string_value (builder, values[4]);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, values[5]);
  json_builder_set_member_name (builder, "metadata");
  json_builder_add_boolean_value (builder, g_strcmp0 (values[6], "true") == 0);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  service->document = json_to_string (root, FALSE);

  return service;
}

void
baladi_open311_request_free (BaladiOpen311Request *request)
{
  g_clear_object (&request->request);
  g_clear_pointer (&request->events, g_ptr_array_unref);
  g_free (request->media_url);
  g_free (request);
}

enum {
  F_ID, F_TOKEN, F_STATUS, F_STATUS_NOTES, F_SERVICE_NAME, F_SERVICE_CODE, F_DESCRIPTION, F_AGENCY,
  F_REQUESTED, F_UPDATED, F_EXPECTED, F_ADDRESS, F_LAT, F_LONG, F_MEDIA_URL, N_FIELDS
};

static const char * const request_fields[] = {
  "service_request_id", "token", "status", "status_notes", "service_name", "service_code", "description",
  "agency_responsible", "requested_datetime", "updated_datetime", "expected_datetime", "address", "lat",
  "long", "media_url", NULL
};

static const gsize request_max_chars[] = {
  MAX_ID, MAX_ID, MAX_NAME, MAX_TEXT, MAX_NAME, MAX_ID, MAX_TEXT, MAX_NAME, MAX_TIME, MAX_TIME, MAX_TIME,
  MAX_NAME, MAX_TIME, MAX_TIME, MAX_URL
};

G_STATIC_ASSERT (G_N_ELEMENTS (request_fields) == N_FIELDS + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (request_max_chars) == N_FIELDS);

static gboolean
read_time (const char   *name,
           const char   *text,
           GTimeZone    *zone,
           GDateTime   **time,
           GError      **error)
{
  *time = baladi_open311_parse_time (text, zone);
  if (text != NULL && *time == NULL)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The Open311 answer has a %s that is not an ISO 8601 time: “%s”", name, text);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_coordinate (const char *text,
                 double      limit,
                 double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;
  *value = g_ascii_strtod (text, &end);

  return end != text && *end == '\0' && *value >= -limit && *value <= limit;
}

/* Only web addresses: a picture is opened in a browser. */
static char *
web_address (const char *text)
{
  g_autoptr(GUri) uri = text != NULL ? g_uri_parse (text, G_URI_FLAGS_NONE, NULL) : NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    return NULL;

  return g_strdup (text);
}

/* Returns %NULL with @error for a malformed request, or %NULL without
 * @error for one to skip. */
BaladiOpen311Request *
baladi_open311_request_from_record (const BaladiOpen311Mapping  *mapping,
                     GHashTable           *record,
                     GHashTable           *services,
                     GError              **error)
{
  const char *v[N_FIELDS] = { NULL, };
  g_autoptr(GDateTime) requested = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autoptr(GDateTime) expected = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(BaladiRequest) request = NULL;
  g_autofree char *id = NULL;
  g_autofree char *service_code = NULL;
  g_autofree char *subject = NULL;
  GTimeZone *zone = baladi_sla_calendar_get_time_zone (mapping->calendar);
  BaladiMunicipality municipality = mapping->municipality;
  BaladiOpen311Service *service;
  BaladiCategoryLimit *category;
  const char *description;
  gboolean closed;
  double latitude = 0, longitude = 0;
  gboolean has_location;
  BaladiOpen311Request *result;

  if (!get_fields (record, request_fields, v, request_max_chars, error) ||
      !read_time ("requested_datetime", v[F_REQUESTED], zone, &requested, error) ||
      !read_time ("updated_datetime", v[F_UPDATED], zone, &updated, error) ||
      !read_time ("expected_datetime", v[F_EXPECTED], zone, &expected, error))
    return NULL;

  /* Without an id or a token, or a service, or any time, a request cannot
   * be told apart or placed. */
  if ((v[F_ID] == NULL && v[F_TOKEN] == NULL) || v[F_SERVICE_CODE] == NULL || (requested == NULL && updated == NULL))
    return NULL;
  if (requested == NULL)
    requested = g_date_time_ref (updated);
  if (updated == NULL)
    updated = g_date_time_ref (requested);

  id = v[F_ID] != NULL ? g_strconcat (BALADI_OPEN311_ID_PREFIX, mapping->name, ":", v[F_ID], NULL)
                       : g_strconcat (BALADI_OPEN311_ID_PREFIX, mapping->name, ":token:", v[F_TOKEN], NULL);
  service_code = g_strconcat (BALADI_OPEN311_ID_PREFIX, mapping->name, ":", v[F_SERVICE_CODE], NULL);
  service = g_hash_table_lookup (services, v[F_SERVICE_CODE]);
  category = mapping->categories != NULL ? g_hash_table_lookup (mapping->categories, v[F_SERVICE_CODE]) : NULL;
  closed = v[F_STATUS] != NULL && g_ascii_strcasecmp (v[F_STATUS], "closed") == 0;

  for (guint i = 0; v[F_AGENCY] != NULL && i < G_N_ELEMENTS (municipality_names); i++)
    if (same_name (v[F_AGENCY], municipality_names[i].en) || same_name (v[F_AGENCY], municipality_names[i].ar))
      municipality = municipality_names[i].value;

  /* Both or neither; 0,0 is how some servers say "unknown". */
  has_location = FALSE;
  if (v[F_LAT] != NULL && v[F_LONG] != NULL)
    {
      if (!read_coordinate (v[F_LAT], 90, &latitude) || !read_coordinate (v[F_LONG], 180, &longitude))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The Open311 answer has a location that is not a latitude and a longitude: “%s”, “%s”",
                       v[F_LAT], v[F_LONG]);
          return NULL;
        }
      has_location = latitude != 0 || longitude != 0;
    }

  /* Without a description, what it is about: the name of its service. */
  description = v[F_DESCRIPTION] != NULL ? v[F_DESCRIPTION]
                : v[F_SERVICE_NAME] != NULL ? v[F_SERVICE_NAME]
                : service != NULL ? service->name : "";
  subject = g_utf8_substring (description, 0, MIN (g_utf8_strlen (description, -1), 80));

  if (expected != NULL)
    due = g_date_time_ref (expected);
  else
    due = baladi_sla_calendar_compute_due (mapping->calendar, requested,
                                           category != NULL ? category->sla_value : mapping->sla_value,
                                           category != NULL ? category->sla_unit : mapping->sla_unit, NULL, 0, NULL);
  if (due == NULL)
    due = g_date_time_ref (requested);

  request = g_object_new (BALADI_TYPE_REQUEST,
                          "id", id,
                          "reference", v[F_ID],
                          "type", BALADI_REQUEST_TYPE_COMPLAINT,
                          "category", v[F_SERVICE_CODE],
                          "sector", category != NULL ? category->sector
                                    : service != NULL ? service->sector : BALADI_SECTOR_MUNICIPALITIES,
                          "municipality", municipality,
                          "channel", BALADI_CHANNEL_TAWASUL_APP,
                          "status", closed ? BALADI_REQUEST_STATUS_CLOSED : BALADI_REQUEST_STATUS_NEW,
                          "priority", BALADI_PRIORITY_NORMAL,
                          "language", has_arabic_letters (description) ? "ar" : "en",
                          "service-code", service_code,
                          "subject", subject,
                          "description", description,
                          /* GeoReport never tells who filed a request. */
                          "citizen-name", "—",
                          "address-area", v[F_ADDRESS],
                          "has-location", has_location,
                          "latitude", latitude,
                          "longitude", longitude,
                          "created", requested,
                          "updated", updated,
                          "due", due,
                          /* GeoReport says only that a request is closed; the
                           * time it last changed is the latest it can have been
                           * answered, so its SLA is never judged too kindly. */
                          "first-reply", closed ? updated : NULL,
                          "closed", closed ? updated : NULL,
                          NULL);

  result = g_new0 (BaladiOpen311Request, 1);
  result->request = g_steal_pointer (&request);
  result->events = g_ptr_array_new_with_free_func (g_object_unref);
  result->media_url = web_address (v[F_MEDIA_URL]);
  result->updated = g_date_time_to_unix (updated);
  if (v[F_STATUS_NOTES] != NULL)
    {
      g_autofree char *event_id = g_strconcat (id, ":status_notes", NULL);
      BaladiEvent *event = baladi_event_new (event_id, id, BALADI_EVENT_KIND_REPLY, NULL, updated);

      baladi_event_set_body (event, v[F_STATUS_NOTES]);
      g_ptr_array_add (result->events, event);
    }

  return result;
}

