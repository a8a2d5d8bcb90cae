/* baladi-sync-json.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reading what the server sends, trusting none of it. json-glib 1.6 has no
 * depth limit (deep nesting overflows the stack), turns a 30-digit integer
 * into -1 and accepts any type anywhere, so: the size is capped, the depth
 * is checked with a byte scan before parsing, and every member is checked
 * for its type. Ids and versions are strings. */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "baladi-sync-json.h"
#include "baladi-validate.h"

G_DEFINE_QUARK (baladi-sync-error-quark, baladi_sync_error)

/**
 * baladi_sync_parse:
 *
 * Returns: (transfer full) (nullable): the parsed body
 */
JsonNode *
baladi_sync_parse (GBytes  *body,
                   GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (len > BALADI_SYNC_MAX_RESPONSE)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is too large (%" G_GSIZE_FORMAT " bytes)", len);
      return NULL;
    }
  if (len == 0 || !g_utf8_validate_len (data, len, NULL))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is empty or not valid UTF-8");
      return NULL;
    }
  if (baladi_json_nesting_depth (data, len) > BALADI_SYNC_MAX_DEPTH)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is nested too deeply");
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &parse_error))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server's answer is not valid JSON: %s", parse_error->message);
      return NULL;
    }

  return json_node_copy (json_parser_get_root (parser));
}

/* The string value of @member, which must be a string or, if @nullable,
 * null or absent. */
static gboolean
get_text (JsonObject  *object,
          const char  *member,
          gboolean     nullable,
          const char **value,
          GError     **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      if (strlen (json_node_get_string (node)) > BALADI_SYNC_MAX_STRING)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a “%s” longer than any the API has", member);
          return FALSE;
        }
      *value = json_node_get_string (node);
      return TRUE;
    }

  g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
               "The server sent a request whose “%s” is missing or not a string", member);
  return FALSE;
}

/* The time @text, ISO 8601 with a time zone, in Unix seconds. The server
 * writes "YYYY-MM-DDTHH:MM:SSZ"; that form is read here directly, since
 * GDateTime's parser (with its time zone objects) cost a good part of a
 * sync; anything else goes to GDateTime, which decides. */
gboolean
baladi_sync_parse_time (const char *text,
                        gint64     *unix_time)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute, second;

  if (text == NULL)
    return FALSE;

  for (gsize i = 0; i < sizeof pattern; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        goto general;
    }

#define NUMBER(at, n) (n == 4 ? (text[at] - '0') * 1000 + (text[at + 1] - '0') * 100 + (text[at + 2] - '0') * 10 + (text[at + 3] - '0') \
                              : (text[at] - '0') * 10 + (text[at + 1] - '0'))
  year = NUMBER (0, 4);
  month = NUMBER (5, 2);
  day = NUMBER (8, 2);
  hour = NUMBER (11, 2);
  minute = NUMBER (14, 2);
  second = NUMBER (17, 2);
#undef NUMBER
  if (year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= g_date_get_days_in_month (month, year) &&
      hour <= 23 && minute <= 59 && second <= 59)
    {
      /* Days since 1970-01-01 of the proleptic Gregorian date, counted in
       * eras of 400 years from a year that starts in March. */
      gint64 y = year - (month <= 2);
      gint64 era = (y >= 0 ? y : y - 399) / 400;
      gint64 year_of_era = y - era * 400;
      gint64 day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
      gint64 day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
      gint64 days = era * 146097 + day_of_era - 719468;

      *unix_time = days * 86400 + hour * 3600 + minute * 60 + second;
      return TRUE;
    }

general:
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return FALSE;
  *unix_time = g_date_time_to_unix (time);
  return TRUE;
}

#define REMOTE(member) G_STRUCT_OFFSET (BaladiRemoteRequest, member)

static const struct {
  const char *member;
  const char *property;
  gboolean    nullable;
  gsize       offset;
} text_members[] = {
  { "id", "id", FALSE, REMOTE (id) }, { "reference", "reference", TRUE, REMOTE (reference) },
  { "category", "category", FALSE, REMOTE (category) }, { "language", "language", FALSE, REMOTE (language) },
  { "service_code", "service-code", TRUE, REMOTE (service_code) }, { "subject", "subject", FALSE, REMOTE (subject) },
  { "description", "description", FALSE, REMOTE (description) }, { "assignee", "assignee", TRUE, REMOTE (assignee) },
  { "merged_into", "merged-into", TRUE, REMOTE (merged_into) }, { "version", "version", FALSE, REMOTE (version) },
};

static const struct {
  const char *member;
  const char *property;
  GType     (*get_type) (void);
  gsize       offset;
} enum_members[] = {
  { "type", "type", baladi_request_type_get_type, REMOTE (type) },
  { "channel", "channel", baladi_channel_get_type, REMOTE (channel) },
  { "status", "status", baladi_request_status_get_type, REMOTE (status) },
  { "priority", "priority", baladi_priority_get_type, REMOTE (priority) },
  { "sector", "sector", baladi_sector_get_type, REMOTE (sector) },
  { "municipality", "municipality", baladi_municipality_get_type, REMOTE (municipality) },
};

static const struct {
  const char *member;
  const char *property;
  gboolean    nullable;
  gsize       offset;
} time_members[] = {
  { "created_at", "created", FALSE, REMOTE (created_at) }, { "updated_at", "updated", FALSE, REMOTE (updated_at) },
  { "first_reply_at", "first-reply", TRUE, REMOTE (first_reply_at) }, { "due_at", "due", FALSE, REMOTE (due_at) },
  { "closed_at", "closed", TRUE, REMOTE (closed_at) },
};

static const struct {
  const char *object;
  const char *member;
  const char *property;
  gsize       offset;
} nested_members[] = {
  { "citizen", "name", "citizen-name", REMOTE (citizen_name) },
  { "citizen", "phone", "citizen-phone", REMOTE (citizen_phone) },
  { "citizen", "email", "citizen-email", REMOTE (citizen_email) },
  { "citizen", "cpr", "citizen-cpr", REMOTE (citizen_cpr) },
  { "address", "building", "address-building", REMOTE (address_building) },
  { "address", "road", "address-road", REMOTE (address_road) },
  { "address", "block", "address-block", REMOTE (address_block) },
  { "address", "area", "address-area", REMOTE (address_area) },
};

#undef REMOTE

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * baladi_remote_request_from_json:
 * @remote: (out caller-allocates): the request's values; its strings are
 *   those of @object
 *
 * Reads a request the server described, checking every member.
 *
 * Returns: %FALSE with @error naming the first member that is wrong
 */
gboolean
baladi_remote_request_from_json (JsonObject           *object,
                                 BaladiRemoteRequest  *remote,
                                 GError              **error)
{
  JsonObject *address;
  JsonNode *lat, *lon;
  const char *text;

  memset (remote, 0, sizeof *remote);

  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    if (!get_text (object, text_members[i].member, text_members[i].nullable,
                   &G_STRUCT_MEMBER (const char *, remote, text_members[i].offset), error))
      return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (enum_members); i++)
    {
      int value;

      if (!get_text (object, enum_members[i].member, FALSE, &text, error))
        return FALSE;
      if (!baladi_enum_from_wire (enum_members[i].get_type (), text, &value))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent an unknown %s “%s”", enum_members[i].member, text);
          return FALSE;
        }
      G_STRUCT_MEMBER (const char *, remote, enum_members[i].offset) = text;
    }

  for (guint i = 0; i < G_N_ELEMENTS (time_members); i++)
    {
      gint64 *field = &G_STRUCT_MEMBER (gint64, remote, time_members[i].offset);

      if (!get_text (object, time_members[i].member, time_members[i].nullable, &text, error))
        return FALSE;
      *field = BALADI_REMOTE_NO_TIME;
      if (text != NULL && !baladi_sync_parse_time (text, field))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a bad time in “%s”", time_members[i].member);
          return FALSE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (nested_members); i++)
    {
      JsonObject *nested = get_object (object, nested_members[i].object);

      if (nested == NULL ||
          !get_text (nested, nested_members[i].member, !g_str_equal (nested_members[i].member, "name"),
                     &G_STRUCT_MEMBER (const char *, remote, nested_members[i].offset), error))
        {
          if (nested == NULL)
            g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                         "The server sent a request without “%s”", nested_members[i].object);
          return FALSE;
        }
    }

  address = get_object (object, "address");
  lat = json_object_get_member (address, "latitude");
  lon = json_object_get_member (address, "longitude");
  if (lat != NULL && lon != NULL && !JSON_NODE_HOLDS_NULL (lat) && !JSON_NODE_HOLDS_NULL (lon))
    {
      if (!JSON_NODE_HOLDS_VALUE (lat) || !JSON_NODE_HOLDS_VALUE (lon) ||
          (json_node_get_value_type (lat) != G_TYPE_DOUBLE && json_node_get_value_type (lat) != G_TYPE_INT64) ||
          (json_node_get_value_type (lon) != G_TYPE_DOUBLE && json_node_get_value_type (lon) != G_TYPE_INT64))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a location that is not numbers");
          return FALSE;
        }
      if (ABS (json_node_get_double (lat)) > 90 || ABS (json_node_get_double (lon)) > 180)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The server sent a location off the globe");
          return FALSE;
        }
      remote->has_location = TRUE;
      remote->latitude = json_node_get_double (lat);
      remote->longitude = json_node_get_double (lon);
    }

  return TRUE;
}

/**
 * baladi_request_from_json:
 *
 * baladi_remote_request_from_json() as a #BaladiRequest.
 *
 * Returns: (transfer full) (nullable): the request the server described,
 *   or %NULL with @error naming the first member that is wrong
 */
BaladiRequest *
baladi_request_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(BaladiRequest) request = NULL;
  BaladiRemoteRequest remote;

  if (!baladi_remote_request_from_json (object, &remote, error))
    return NULL;

  request = g_object_new (BALADI_TYPE_REQUEST, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (text_members); i++)
    g_object_set (request, text_members[i].property, G_STRUCT_MEMBER (const char *, &remote, text_members[i].offset), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (nested_members); i++)
    g_object_set (request, nested_members[i].property, G_STRUCT_MEMBER (const char *, &remote, nested_members[i].offset), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (enum_members); i++)
    {
      int value = 0;

      baladi_enum_from_wire (enum_members[i].get_type (), G_STRUCT_MEMBER (const char *, &remote, enum_members[i].offset), &value);
      g_object_set (request, enum_members[i].property, value, NULL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (time_members); i++)
    {
      gint64 unix_time = G_STRUCT_MEMBER (gint64, &remote, time_members[i].offset);
      g_autoptr(GDateTime) time = unix_time != BALADI_REMOTE_NO_TIME ? g_date_time_new_from_unix_utc (unix_time) : NULL;

      g_object_set (request, time_members[i].property, time, NULL);
    }
  if (remote.has_location)
    g_object_set (request, "has-location", TRUE, "latitude", remote.latitude, "longitude", remote.longitude, NULL);

  return g_steal_pointer (&request);
}

/**
 * baladi_remote_event_from_json:
 * @remote: (out caller-allocates): the event's values; its strings are
 *   those of @object
 *
 * Reads one event of a request's history, checking every member.
 */
gboolean
baladi_remote_event_from_json (JsonObject         *object,
                               BaladiRemoteEvent  *remote,
                               GError            **error)
{
  const char *created_text;
  int kind;

  memset (remote, 0, sizeof *remote);
  if (object == NULL ||
      !get_text (object, "id", FALSE, &remote->id, error) ||
      !get_text (object, "kind", FALSE, &remote->kind, error) ||
      !get_text (object, "created_at", FALSE, &created_text, error) ||
      !get_text (object, "author", TRUE, &remote->author, error) ||
      !get_text (object, "body", TRUE, &remote->body, error) ||
      !get_text (object, "old_value", TRUE, &remote->old_value, error) ||
      !get_text (object, "new_value", TRUE, &remote->new_value, error) ||
      !get_text (object, "reason", TRUE, &remote->reason, error))
    {
      if (object == NULL)
        g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "The server sent an event that is not an object");
      return FALSE;
    }

  if (!baladi_enum_from_wire (BALADI_TYPE_EVENT_KIND, remote->kind, &kind) ||
      !baladi_sync_parse_time (created_text, &remote->created_at))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The server sent an event with an unknown kind or a bad time");
      return FALSE;
    }
  /* Only replies reach the citizen (baladi_event_is_public()). */
  remote->is_public = kind == BALADI_EVENT_KIND_REPLY;

  return TRUE;
}

/**
 * baladi_event_from_json:
 *
 * Returns: (transfer full) (nullable): one event of a request's history
 */
BaladiEvent *
baladi_event_from_json (JsonObject  *object,
                        const char  *request_id,
                        GError     **error)
{
  g_autoptr(GDateTime) created = NULL;
  BaladiRemoteEvent remote;
  int kind = 0;

  if (!baladi_remote_event_from_json (object, &remote, error))
    return NULL;

  baladi_enum_from_wire (BALADI_TYPE_EVENT_KIND, remote.kind, &kind);
  created = g_date_time_new_from_unix_utc (remote.created_at);

  return g_object_new (BALADI_TYPE_EVENT,
                       "id", remote.id, "request-id", request_id, "kind", kind, "author", remote.author,
                       "created", created, "body", remote.body, "old-value", remote.old_value,
                       "new-value", remote.new_value, "reason", remote.reason, NULL);
}
