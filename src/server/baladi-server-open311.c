/* baladi-server-open311.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), so that
 * citizen apps and other cities' tools can read the request types and the
 * public side of requests, and citizens can file requests. A request filed
 * here is a request like any other: it appears in every clerk's next sync.
 *
 * GeoReport "services" are the kinds of request a citizen can file: our
 * categories. A request's public id is its reference; nothing a citizen
 * told about himself is ever shown. Answers are JSON or XML by the
 * extension of the path, with the specification's error format. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "baladi-core-enums.h"
#include "baladi-server-db.h"
#include "baladi-server-json.h"
#include "baladi-server-open311.h"
#include "baladi-server-requests.h"
#include "baladi-validate.h"

#define PREFIX "/open311/v2/"
#define DEFAULT_PAGE_SIZE 50
#define MAX_PAGE_SIZE 1000

/* A flat record: name/value pairs in order, the way GeoReport lists are. */
typedef struct {
  GPtrArray *names;
  GPtrArray *values;  /* NULL for an empty element */
} Record;

static Record *
record_new (void)
{
  Record *record = g_new0 (Record, 1);

  record->names = g_ptr_array_new ();
  record->values = g_ptr_array_new_with_free_func (g_free);
  return record;
}

static void
record_free (Record *record)
{
  g_ptr_array_unref (record->names);
  g_ptr_array_unref (record->values);
  g_free (record);
}

static void
record_add (Record     *record,
            const char *name,
            const char *value)
{
  g_ptr_array_add (record->names, (gpointer) name);
  g_ptr_array_add (record->values, g_strdup (value));
}

static void
record_add_time (Record       *record,
                 const char   *name,
                 sqlite3_stmt *stmt,
                 int           column)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *iso = NULL;

  if (sqlite3_column_type (stmt, column) != SQLITE_NULL)
    {
      time = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
      iso = g_date_time_format_iso8601 (time);
    }
  record_add (record, name, iso);
}

static gboolean
wants_xml (const char *path)
{
  return g_str_has_suffix (path, ".xml");
}

/* Writes @records as a JSON list of objects, or as XML: <@root> with one
 * <@item> per record. */
static void
reply_records (SoupServerMessage *msg,
               const char        *path,
               guint              status,
               const char        *root,
               const char        *item,
               GPtrArray         *records)
{
  if (wants_xml (path))
    {
      GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
      gsize len;

      g_string_append_printf (xml, "<%s>", root);
      for (guint i = 0; i < records->len; i++)
        {
          Record *record = g_ptr_array_index (records, i);

          g_string_append_printf (xml, "<%s>", item);
          for (guint j = 0; j < record->names->len; j++)
            {
              const char *name = g_ptr_array_index (record->names, j);
              const char *value = g_ptr_array_index (record->values, j);
              g_autofree char *escaped = value != NULL ? g_markup_escape_text (value, -1) : NULL;

              if (escaped == NULL)
                g_string_append_printf (xml, "<%s/>", name);
              else
                g_string_append_printf (xml, "<%s>%s</%s>", name, escaped, name);
            }
          g_string_append_printf (xml, "</%s>", item);
        }
      g_string_append_printf (xml, "</%s>\n", root);

      len = xml->len;
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_TAKE,
                                        g_string_free (xml, FALSE), len);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) node = NULL;
      char *data;
      gsize len;

      json_builder_begin_array (builder);
      for (guint i = 0; i < records->len; i++)
        {
          Record *record = g_ptr_array_index (records, i);

          json_builder_begin_object (builder);
          for (guint j = 0; j < record->names->len; j++)
            {
              const char *value = g_ptr_array_index (record->values, j);

              json_builder_set_member_name (builder, g_ptr_array_index (record->names, j));
              if (value == NULL)
                json_builder_add_null_value (builder);
              else
                json_builder_add_string_value (builder, value);
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      node = json_builder_get_root (builder);
      json_generator_set_root (generator, node);
      data = json_generator_to_data (generator, &len);
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE, data, len);
    }
}

/* The GeoReport error format: a list of {code, description}, the code a
 * number as the specification's examples have it. */
static void
reply_error (SoupServerMessage *msg,
             const char        *path,
             guint              status,
             const char        *description)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *code = g_strdup_printf ("%u", status);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  Record *record;

  if (wants_xml (path))
    {
      records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
      record = record_new ();
      record_add (record, "code", code);
      record_add (record, "description", description);
      g_ptr_array_add (records, record);
      reply_records (msg, path, status, "errors", "error", records);
      return;
    }

  builder = json_builder_new ();
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, description);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  baladi_server_reply_json (msg, status, root);
}

static const char *
get_locale (GHashTable *query)
{
  const char *locale = query != NULL ? g_hash_table_lookup (query, "locale") : NULL;

  return g_strcmp0 (locale, "ar") == 0 ? "ar" : "en";
}

static void
handle_discovery (SoupServerMessage *msg,
                  const char        *path)
{
  g_autofree char *base = NULL;
  GUri *uri = soup_server_message_get_uri (msg);

  base = g_strdup_printf ("%s://%s:%d" PREFIX, g_uri_get_scheme (uri), g_uri_get_host (uri), g_uri_get_port (uri));

  if (wants_xml (path))
    {
      g_autofree char *escaped = g_markup_escape_text (base, -1);
      char *xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<discovery>"
                                   "<changeset>2026-11-22T00:00:00Z</changeset>"
                                   "<contact>Ministry of Works, Municipalities Affairs and Urban Planning</contact>"
                                   "<key_service>None: filing requests needs no key in this pilot</key_service>"
                                   "<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>"
                                   "<url>%s</url><changeset>2026-11-22T00:00:00Z</changeset><type>production</type>"
                                   "<formats><format>text/xml</format><format>application/json</format></formats>"
                                   "</endpoint></endpoints></discovery>\n", escaped);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/xml; charset=utf-8", SOUP_MEMORY_TAKE, xml, strlen (xml));
    }
  else
    {
      g_autofree char *json = g_strdup_printf ("{\"changeset\": \"2026-11-22T00:00:00Z\", "
                                               "\"contact\": \"Ministry of Works, Municipalities Affairs and Urban Planning\", "
                                               "\"key_service\": \"None: filing requests needs no key in this pilot\", "
                                               "\"endpoints\": [{\"specification\": \"http://wiki.open311.org/GeoReport_v2\", "
                                               "\"url\": \"%s\", \"changeset\": \"2026-11-22T00:00:00Z\", \"type\": \"production\", "
                                               "\"formats\": [\"text/xml\", \"application/json\"]}]}", base);
      gsize len = strlen (json);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_TAKE,
                                        g_steal_pointer (&json), len);
    }
}

static void
handle_services (sqlite3           *db,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 const char        *code)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(BaladiStmt) stmt = NULL;
  gboolean arabic = g_str_equal (get_locale (query), "ar");

  stmt = baladi_server_db_prepare (db,
    "SELECT c.code, c.name_ar, c.name_en, s.name_ar, s.name_en, c.sla_value, c.sla_unit "
    "FROM categories c JOIN sectors s ON s.code = c.sector "
    "WHERE ?1 IS NULL OR c.code = ?1 ORDER BY c.sector, c.code", NULL);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Record *record = record_new ();
      g_autofree char *description = g_strdup_printf (arabic ? "يُرد عليه خلال %d %s" : "Answered within %d %s",
                                                      sqlite3_column_int (stmt, 5),
                                                      g_str_equal ((const char *) sqlite3_column_text (stmt, 6), "working_hours")
                                                      ? (arabic ? "ساعات عمل" : "working hours")
                                                      : (arabic ? "أيام عمل" : "working days"));

      record_add (record, "service_code", (const char *) sqlite3_column_text (stmt, 0));
      record_add (record, "service_name", (const char *) sqlite3_column_text (stmt, arabic ? 1 : 2));
      record_add (record, "description", description);
      record_add (record, "metadata", "false");
      record_add (record, "type", "realtime");
      record_add (record, "keywords", NULL);
      record_add (record, "group", (const char *) sqlite3_column_text (stmt, arabic ? 3 : 4));
      g_ptr_array_add (records, record);
    }

  if (code == NULL)
    {
      reply_records (msg, path, SOUP_STATUS_OK, "services", "service", records);
    }
  else if (records->len == 0)
    {
      reply_error (msg, path, SOUP_STATUS_NOT_FOUND, "No service has this service_code.");
    }
  else
    {
      /* A definition lists the extra attributes a service asks for; ours
       * ask for none. */
      g_autofree char *escaped = g_markup_escape_text (code, -1);
      char *body = wants_xml (path)
                   ? g_strdup_printf ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_definition>"
                                      "<service_code>%s</service_code><attributes/></service_definition>\n", escaped)
                   : g_strdup_printf ("{\"service_code\": \"%s\", \"attributes\": []}", code);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, wants_xml (path) ? "text/xml; charset=utf-8" : "application/json; charset=utf-8",
                                        SOUP_MEMORY_TAKE, body, strlen (body));
    }
}

#define PUBLIC_COLUMNS \
  "r.reference, r.status, r.category, c.name_ar, c.name_en, r.description, m.name_ar, m.name_en, " \
  "r.created_at, r.updated_at, r.due_at, r.address_area, r.address_block, r.address_road, r.latitude, r.longitude, " \
  "(SELECT body FROM events e WHERE e.request_id = r.id AND e.public = 1 ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1) "

#define PUBLIC_FROM \
  "FROM requests r JOIN categories c ON c.code = r.category JOIN municipalities m ON m.code = r.municipality "

/* The public side of a request: what, where, when and its state; never
 * who filed it. */
static Record *
public_request (sqlite3_stmt *stmt,
                gboolean      arabic)
{
  Record *record = record_new ();
  int status = BALADI_REQUEST_STATUS_NEW;
  g_autofree char *address = NULL;
  g_autofree char *lat = NULL;
  g_autofree char *lon = NULL;

  baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, (const char *) sqlite3_column_text (stmt, 1), &status);
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL || sqlite3_column_type (stmt, 12) != SQLITE_NULL)
    address = g_strdup_printf (arabic ? "%s، مجمع %s، طريق %s" : "%s, block %s, road %s",
                               sqlite3_column_type (stmt, 11) != SQLITE_NULL ? (const char *) sqlite3_column_text (stmt, 11) : "",
                               sqlite3_column_type (stmt, 12) != SQLITE_NULL ? (const char *) sqlite3_column_text (stmt, 12) : "-",
                               sqlite3_column_type (stmt, 13) != SQLITE_NULL ? (const char *) sqlite3_column_text (stmt, 13) : "-");
  if (sqlite3_column_type (stmt, 14) != SQLITE_NULL)
    {
      lat = g_strdup_printf ("%.6f", sqlite3_column_double (stmt, 14));
      lon = g_strdup_printf ("%.6f", sqlite3_column_double (stmt, 15));
    }

  record_add (record, "service_request_id", (const char *) sqlite3_column_text (stmt, 0));
  record_add (record, "status", baladi_request_status_is_open (status) ? "open" : "closed");
  record_add (record, "status_notes", (const char *) sqlite3_column_text (stmt, 16));
  record_add (record, "service_name", (const char *) sqlite3_column_text (stmt, arabic ? 3 : 4));
  record_add (record, "service_code", (const char *) sqlite3_column_text (stmt, 2));
  record_add (record, "description", (const char *) sqlite3_column_text (stmt, 5));
  record_add (record, "agency_responsible", (const char *) sqlite3_column_text (stmt, arabic ? 6 : 7));
  record_add (record, "service_notice", NULL);
  record_add_time (record, "requested_datetime", stmt, 8);
  record_add_time (record, "updated_datetime", stmt, 9);
  record_add_time (record, "expected_datetime", stmt, 10);
  record_add (record, "address", address);
  record_add (record, "address_id", NULL);
  record_add (record, "zipcode", NULL);
  record_add (record, "lat", lat);
  record_add (record, "long", lon);
  record_add (record, "media_url", NULL);

  return record;
}

static gboolean
parse_time (const char *text,
            gint64     *unix_time)
{
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL)
    return TRUE;

  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return FALSE;

  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}

static void
handle_requests_get (sqlite3           *db,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     const char        *reference)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(BaladiStmt) stmt = NULL;
  const char *ids = query != NULL ? g_hash_table_lookup (query, "service_request_id") : NULL;
  const char *service_code = query != NULL ? g_hash_table_lookup (query, "service_code") : NULL;
  const char *status = query != NULL ? g_hash_table_lookup (query, "status") : NULL;
  const char *page_text = query != NULL ? g_hash_table_lookup (query, "page") : NULL;
  const char *size_text = query != NULL ? g_hash_table_lookup (query, "page_size") : NULL;
  gboolean arabic = g_str_equal (get_locale (query), "ar");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 end = now;
  gint64 start = now - 90 * 24 * 60 * 60;
  gint64 updated_after = 0;
  guint64 page = 1, page_size = DEFAULT_PAGE_SIZE;

  if (reference != NULL)
    ids = reference;

  /* The specification's defaults: the last 90 days, at most 1000. */
  if (!parse_time (query != NULL ? g_hash_table_lookup (query, "start_date") : NULL, &start) ||
      !parse_time (query != NULL ? g_hash_table_lookup (query, "end_date") : NULL, &end) ||
      !parse_time (query != NULL ? g_hash_table_lookup (query, "updated_after") : NULL, &updated_after))
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST, "Dates are ISO 8601, e.g. 2026-11-22T09:00:00+03:00.");
      return;
    }
  if ((status != NULL && !g_str_equal (status, "open") && !g_str_equal (status, "closed")) ||
      (page_text != NULL && !g_ascii_string_to_unsigned (page_text, 10, 1, G_MAXINT32, &page, NULL)) ||
      (size_text != NULL && !g_ascii_string_to_unsigned (size_text, 10, 1, MAX_PAGE_SIZE, &page_size, NULL)))
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST,
                   "status is open or closed; page is 1 or more; page_size is 1 to 1000.");
      return;
    }

  stmt = baladi_server_db_prepare (db,
    "SELECT " PUBLIC_COLUMNS PUBLIC_FROM
    "WHERE (?1 IS NULL OR instr(',' || ?1 || ',', ',' || r.reference || ',') > 0) "
    "  AND (?2 IS NULL OR r.category = ?2) "
    "  AND (?3 IS NULL OR (?3 = 'open') = (r.status NOT IN ('answered', 'closed'))) "
    "  AND (?1 IS NOT NULL OR (r.created_at BETWEEN ?4 AND ?5)) "
    "  AND r.updated_at >= ?6 AND r.merged_into IS NULL "
    "ORDER BY r.created_at DESC, r.reference LIMIT ?7 OFFSET ?8", NULL);
  sqlite3_bind_text (stmt, 1, ids, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, service_code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, start);
  sqlite3_bind_int64 (stmt, 5, end);
  sqlite3_bind_int64 (stmt, 6, updated_after);
  sqlite3_bind_int64 (stmt, 7, (gint64) page_size);
  sqlite3_bind_int64 (stmt, 8, (gint64) ((page - 1) * page_size));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (records, public_request (stmt, arabic));

  if (reference != NULL && records->len == 0)
    reply_error (msg, path, SOUP_STATUS_NOT_FOUND, "No request has this service_request_id.");
  else
    reply_records (msg, path, SOUP_STATUS_OK, "service_requests", "request", records);
}

static gboolean
has_arabic_letters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) >= 0x0621 && g_utf8_get_char (p) <= 0x064A)
      return TRUE;

  return FALSE;
}

/* The municipality whose area a point most likely lies in, by the nearest
 * centre: good enough to route a citizen's report to the right queue,
 * where a clerk can transfer it if not. */
static const char *
nearest_municipality (double latitude,
                      double longitude)
{
  static const struct {
    const char *code;
    double      latitude, longitude;
  } centres[] = {
    { "capital", 26.215, 50.585 },
    { "muharraq", 26.255, 50.625 },
    { "northern", 26.170, 50.490 },
    { "southern", 26.030, 50.540 },
  };
  const char *best = centres[0].code;
  double best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < G_N_ELEMENTS (centres); i++)
    {
      double d = (latitude - centres[i].latitude) * (latitude - centres[i].latitude) +
                 (longitude - centres[i].longitude) * (longitude - centres[i].longitude);

      if (d < best_distance)
        {
          best_distance = d;
          best = centres[i].code;
        }
    }

  return best;
}

static gboolean
parse_coordinate (const char *text,
                  double     *value)
{
  char *end = NULL;

  if (text == NULL)
    return FALSE;

  *value = g_ascii_strtod (text, &end);
  return end != text && *end == '\0';
}

static const char *
form_value (GHashTable *form,
            const char *name)
{
  const char *value = g_hash_table_lookup (form, name);

  return value != NULL && *value != '\0' ? value : NULL;
}

/* POST requests: a citizen files a request, form-encoded as the
 * specification says. */
static void
handle_requests_post (sqlite3           *db,
                      BaladiSlaCalendar *calendar,
                      SoupServerMessage *msg,
                      const char        *path)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = g_strndup (body->data, body->length);
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *name = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *reference = NULL;
  const char *service_code, *description, *municipality, *address, *first, *last;
  double latitude = 0, longitude = 0;
  gboolean has_location;
  int value;
  Record *record;

  if (body->length == 0 || !g_utf8_validate (text, body->length, NULL) || strlen (text) != body->length)
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST, "The body must be form-encoded UTF-8 text.");
      return;
    }

  form = soup_form_decode (text);
  service_code = form_value (form, "service_code");
  description = form_value (form, "description");
  address = form_value (form, "address_string");
  first = form_value (form, "first_name");
  last = form_value (form, "last_name");
  municipality = form_value (form, "municipality");
  has_location = parse_coordinate (form_value (form, "lat"), &latitude) &&
                 parse_coordinate (form_value (form, "long"), &longitude) &&
                 baladi_location_is_in_bahrain (latitude, longitude);

  if (service_code == NULL ||
      !baladi_server_db_row_exists (db, "SELECT 1 FROM categories WHERE code = ?1", service_code))
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST, "service_code is missing or unknown: see services.json.");
      return;
    }
  if (description == NULL || g_utf8_strlen (description, -1) > 4000)
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST, "description is required, up to 4000 characters.");
      return;
    }
  if (!has_location && address == NULL)
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST, "Give lat and long inside Bahrain, or address_string.");
      return;
    }
  if (municipality != NULL && !baladi_enum_from_wire (BALADI_TYPE_MUNICIPALITY, municipality, &value))
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST, "municipality is capital, muharraq, northern or southern.");
      return;
    }
  if (municipality == NULL && !has_location)
    {
      reply_error (msg, path, SOUP_STATUS_BAD_REQUEST, "Without lat and long, say which municipality (an extension).");
      return;
    }
  if (municipality == NULL)
    municipality = nearest_municipality (latitude, longitude);

  name = g_strstrip (g_strdup_printf ("%s %s", first != NULL ? first : "", last != NULL ? last : ""));
  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup ("—");
    }
  subject = g_utf8_substring (description, 0, MIN (g_utf8_strlen (description, -1), 80));

  {
    BaladiNewRequest request = {
      id, "complaint", service_code, municipality, "tawasul_app", "normal",
      has_arabic_letters (description) ? "ar" : "en", NULL, subject, description, name,
      form_value (form, "phone"), form_value (form, "email"), NULL, NULL, NULL, NULL, address,
      has_location, latitude, longitude,
    };

    reference = baladi_server_insert_request (db, calendar, &request, NULL, &error);
  }
  if (reference == NULL)
    {
      g_warning ("Filing an Open311 request failed: %s", error->message);
      reply_error (msg, path, SOUP_STATUS_INTERNAL_SERVER_ERROR, "The request could not be stored.");
      return;
    }

  record = record_new ();
  record_add (record, "service_request_id", reference);
  record_add (record, "service_notice", NULL);
  record_add (record, "account_id", NULL);
  g_ptr_array_add (records, record);
  reply_records (msg, path, SOUP_STATUS_CREATED, "service_requests", "request", records);
}

/**
 * baladi_open311_handle:
 * @path: a path under /open311/v2/
 *
 * Answers a GeoReport v2 call.
 *
 * Returns: the route template, for the log
 */
const char *
baladi_open311_handle (sqlite3           *db,
                       BaladiSlaCalendar *calendar,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *route = NULL;
  const char *dot;

  g_return_val_if_fail (g_str_has_prefix (path, PREFIX), NULL);

  dot = strrchr (path, '.');
  if (dot == NULL || (!g_str_equal (dot, ".json") && !g_str_equal (dot, ".xml")))
    {
      reply_error (msg, ".json", SOUP_STATUS_NOT_FOUND, "Paths end in .json or .xml.");
      return "/open311/v2/(unknown)";
    }
  route = g_strndup (path + strlen (PREFIX), dot - path - strlen (PREFIX));

  if (g_str_equal (route, "discovery") && g_str_equal (method, "GET"))
    {
      handle_discovery (msg, path);
      return "/open311/v2/discovery";
    }
  if (g_str_equal (route, "services") && g_str_equal (method, "GET"))
    {
      handle_services (db, msg, path, query, NULL);
      return "/open311/v2/services";
    }
  if (g_str_has_prefix (route, "services/") && strchr (route + 9, '/') == NULL && g_str_equal (method, "GET"))
    {
      handle_services (db, msg, path, query, route + 9);
      return "/open311/v2/services/{code}";
    }
  if (g_str_equal (route, "requests") && g_str_equal (method, "GET"))
    {
      handle_requests_get (db, msg, path, query, NULL);
      return "/open311/v2/requests";
    }
  if (g_str_equal (route, "requests") && g_str_equal (method, "POST"))
    {
      handle_requests_post (db, calendar, msg, path);
      return "/open311/v2/requests";
    }
  if (g_str_has_prefix (route, "requests/") && strchr (route + 9, '/') == NULL && g_str_equal (method, "GET"))
    {
      handle_requests_get (db, msg, path, query, route + 9);
      return "/open311/v2/requests/{id}";
    }

  reply_error (msg, path, SOUP_STATUS_NOT_FOUND, "There is nothing at this address.");
  return "/open311/v2/(unknown)";
}
