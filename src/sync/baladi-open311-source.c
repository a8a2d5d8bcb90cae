/* baladi-open311-source.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An import of services and requests, read-only, from any Open311
 * GeoReport v2 endpoint (http://wiki.open311.org/GeoReport_v2), JSON or
 * XML, into the local cache.
 *
 * Each row carries the name of its source: ids are
 * "open311:NAME:SERVICE_REQUEST_ID" (or "open311:NAME:token:TOKEN" while a
 * request has only a token), which the central API never gives, and the
 * origin column makes them read-only (local writes refuse them and put
 * nothing in the outbox). How GeoReport fields become the cache's columns
 * is in baladi-open311-map.c.
 *
 * Every answer is checked whole before anything is written, and each page
 * is written in one transaction: a bad page leaves the cache as it was,
 * and the pages before it stay. The time of the newest change seen is
 * kept once every page has arrived, and sent as updated_after next time. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "baladi-open311-map.h"
#include "baladi-open311-source.h"
#include "baladi-sla-calendar.h"
#include "baladi-store-import.h"
#include "baladi-store-sync.h"
#include "baladi-sync-json.h"

#define DEFAULT_PAGE_SIZE 200
#define DEFAULT_MAX_REQUESTS 200000
#define MAX_PAGES 10000

struct _BaladiOpen311Source
{
  GObject             parent_instance;

  char               *base_uri;
  BaladiOpen311Format format;
  char               *name;
  char               *jurisdiction_id;
  char               *api_key;
  guint               page_size;
  guint               max_requests;
  GDateTime          *start;
  GDateTime          *end;
  BaladiMunicipality  municipality;
  guint               sla_value;
  BaladiSlaUnit       sla_unit;

  SoupSession        *session;
  BaladiSlaCalendar  *calendar;
};

G_DEFINE_FINAL_TYPE (BaladiOpen311Source, baladi_open311_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URI,
  PROP_FORMAT,
  PROP_NAME,
  PROP_JURISDICTION_ID,
  PROP_API_KEY,
  PROP_PAGE_SIZE,
  PROP_MAX_REQUESTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 64)
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

/* A name for the source from its address: the host, and the port if any. */
static char *
name_from_uri (const char *base_uri)
{
  g_autoptr(GUri) uri = g_uri_parse (base_uri, G_URI_FLAGS_NONE, NULL);
  GString *name = g_string_new (NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL)
    {
      for (const char *p = g_uri_get_host (uri); *p != '\0' && name->len < 48; p++)
        g_string_append_c (name, g_ascii_isalnum (*p) || *p == '.' || *p == '-' ? *p : '-');
      if (g_uri_get_port (uri) > 0)
        g_string_append_printf (name, "-%d", g_uri_get_port (uri));
    }
  if (name->len == 0)
    g_string_append (name, "open311");

  return g_string_free (name, FALSE);
}

static void
baladi_open311_source_finalize (GObject *object)
{
  BaladiOpen311Source *self = (BaladiOpen311Source *)object;

  g_free (self->base_uri);
  g_free (self->name);
  g_free (self->jurisdiction_id);
  g_free (self->api_key);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->calendar);

  G_OBJECT_CLASS (baladi_open311_source_parent_class)->finalize (object);
}

static void
baladi_open311_source_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  BaladiOpen311Source *self = BALADI_OPEN311_SOURCE (object);

  switch (prop_id)
    {
    case PROP_BASE_URI: g_value_set_string (value, self->base_uri); break;
    case PROP_FORMAT: g_value_set_uint (value, self->format); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_JURISDICTION_ID: g_value_set_string (value, self->jurisdiction_id); break;
    case PROP_API_KEY: g_value_set_string (value, self->api_key); break;
    case PROP_PAGE_SIZE: g_value_set_uint (value, self->page_size); break;
    case PROP_MAX_REQUESTS: g_value_set_uint (value, self->max_requests); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_open311_source_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  BaladiOpen311Source *self = BALADI_OPEN311_SOURCE (object);

  switch (prop_id)
    {
    case PROP_BASE_URI:
      /* Paths are appended to it: keep one final slash. */
      g_free (self->base_uri);
      self->base_uri = g_str_has_suffix (g_value_get_string (value), "/")
                       ? g_value_dup_string (value)
                       : g_strconcat (g_value_get_string (value), "/", NULL);
      break;
    case PROP_FORMAT: self->format = g_value_get_uint (value); break;
    case PROP_NAME: baladi_open311_source_set_name (self, g_value_get_string (value)); break;
    case PROP_JURISDICTION_ID: baladi_open311_source_set_jurisdiction_id (self, g_value_get_string (value)); break;
    case PROP_API_KEY: baladi_open311_source_set_api_key (self, g_value_get_string (value)); break;
    case PROP_PAGE_SIZE: baladi_open311_source_set_page_size (self, g_value_get_uint (value)); break;
    case PROP_MAX_REQUESTS: baladi_open311_source_set_max_requests (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_open311_source_constructed (GObject *object)
{
  BaladiOpen311Source *self = BALADI_OPEN311_SOURCE (object);

  G_OBJECT_CLASS (baladi_open311_source_parent_class)->constructed (object);

  if (self->name == NULL)
    self->name = name_from_uri (self->base_uri);
}

static void
baladi_open311_source_class_init (BaladiOpen311SourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = baladi_open311_source_finalize;
  object_class->get_property = baladi_open311_source_get_property;
  object_class->set_property = baladi_open311_source_set_property;
  object_class->constructed = baladi_open311_source_constructed;

  properties[PROP_BASE_URI] =
    g_param_spec_string ("base-uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_uint ("format", NULL, NULL, BALADI_OPEN311_FORMAT_JSON, BALADI_OPEN311_FORMAT_XML,
                       BALADI_OPEN311_FORMAT_JSON,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_JURISDICTION_ID] = g_param_spec_string ("jurisdiction-id", NULL, NULL, NULL, flags);
  properties[PROP_API_KEY] = g_param_spec_string ("api-key", NULL, NULL, NULL, flags);
  properties[PROP_PAGE_SIZE] = g_param_spec_uint ("page-size", NULL, NULL, 1, 1000, DEFAULT_PAGE_SIZE, flags);
  properties[PROP_MAX_REQUESTS] = g_param_spec_uint ("max-requests", NULL, NULL, 1, G_MAXUINT,
                                                     DEFAULT_MAX_REQUESTS, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BaladiOpen311Source::progress:
   * @stats: (type gpointer): a #BaladiOpen311Stats of what is stored so far
   *
   * Emitted after each page is stored.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
baladi_open311_source_init (BaladiOpen311Source *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->max_requests = DEFAULT_MAX_REQUESTS;
  self->municipality = BALADI_MUNICIPALITY_CAPITAL;
  self->sla_value = 5;
  self->sla_unit = BALADI_SLA_UNIT_WORKING_DAYS;
  self->calendar = baladi_sla_calendar_new ();
  self->session = soup_session_new_with_options ("timeout", 30, "idle-timeout", 60,
                                                 "user-agent", "baladi-desk/" PACKAGE_VERSION, NULL);
}

/**
 * baladi_open311_source_new:
 * @base_uri: the GeoReport endpoint, e.g. https://example.org/open311/v2/
 *   (services.json and requests.json are under it)
 */
BaladiOpen311Source *
baladi_open311_source_new (const char          *base_uri,
                           BaladiOpen311Format  format)
{
  g_return_val_if_fail (base_uri != NULL, NULL);

  return g_object_new (BALADI_TYPE_OPEN311_SOURCE, "base-uri", base_uri, "format", format, NULL);
}

const char *
baladi_open311_source_get_name (BaladiOpen311Source *self)
{
  g_return_val_if_fail (BALADI_IS_OPEN311_SOURCE (self), NULL);

  return self->name;
}

/**
 * baladi_open311_source_set_name:
 * @name: letters, digits, '.', '-' and '_', at most 64: it becomes part of
 *   every id imported from this source
 *
 * Returns: whether @name is acceptable (it is kept only then)
 */
gboolean
baladi_open311_source_set_name (BaladiOpen311Source *self,
                                const char          *name)
{
  g_return_val_if_fail (BALADI_IS_OPEN311_SOURCE (self), FALSE);

  if (name == NULL && self->name == NULL)
    return TRUE;
  if (!name_is_valid (name))
    return FALSE;
  if (g_strcmp0 (self->name, name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }

  return TRUE;
}

void
baladi_open311_source_set_jurisdiction_id (BaladiOpen311Source *self,
                                           const char          *jurisdiction_id)
{
  g_return_if_fail (BALADI_IS_OPEN311_SOURCE (self));

  if (g_strcmp0 (self->jurisdiction_id, jurisdiction_id) == 0)
    return;
  g_free (self->jurisdiction_id);
  self->jurisdiction_id = g_strdup (jurisdiction_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JURISDICTION_ID]);
}

void
baladi_open311_source_set_api_key (BaladiOpen311Source *self,
                                   const char          *api_key)
{
  g_return_if_fail (BALADI_IS_OPEN311_SOURCE (self));

  if (g_strcmp0 (self->api_key, api_key) == 0)
    return;
  g_free (self->api_key);
  self->api_key = g_strdup (api_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_API_KEY]);
}

void
baladi_open311_source_set_page_size (BaladiOpen311Source *self,
                                     guint                page_size)
{
  g_return_if_fail (BALADI_IS_OPEN311_SOURCE (self));
  g_return_if_fail (page_size >= 1 && page_size <= 1000);

  if (self->page_size == page_size)
    return;
  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_SIZE]);
}

void
baladi_open311_source_set_max_requests (BaladiOpen311Source *self,
                                        guint                max_requests)
{
  g_return_if_fail (BALADI_IS_OPEN311_SOURCE (self));
  g_return_if_fail (max_requests >= 1);

  if (self->max_requests == max_requests)
    return;
  self->max_requests = max_requests;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_REQUESTS]);
}

/**
 * baladi_open311_source_set_dates:
 * @start: (nullable): send start_date: requests filed from then
 * @end: (nullable): send end_date: requests filed until then
 *
 * Without them, GeoReport servers send the last 90 days.
 */
void
baladi_open311_source_set_dates (BaladiOpen311Source *self,
                                 GDateTime           *start,
                                 GDateTime           *end)
{
  g_return_if_fail (BALADI_IS_OPEN311_SOURCE (self));

  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  self->start = start != NULL ? g_date_time_ref (start) : NULL;
  self->end = end != NULL ? g_date_time_ref (end) : NULL;
}

/**
 * baladi_open311_source_set_defaults:
 * @municipality: of requests whose agency_responsible names none of ours
 * @sla_value: the time limit of requests without expected_datetime whose
 *   service is none of the central API's categories in the cache
 *
 * What GeoReport does not say. The defaults: the Capital Secretariat, and
 * 5 working days.
 */
void
baladi_open311_source_set_defaults (BaladiOpen311Source *self,
                                    BaladiMunicipality   municipality,
                                    guint                sla_value,
                                    BaladiSlaUnit        sla_unit)
{
  g_return_if_fail (BALADI_IS_OPEN311_SOURCE (self));
  g_return_if_fail (sla_value > 0);

  self->municipality = municipality;
  self->sla_value = sla_value;
  self->sla_unit = sla_unit;
}

/* GET @resource.{json,xml} with @query (pairs of name and value, NULL
 * values left out), reading at most BALADI_OPEN311_MAX_RESPONSE bytes. */
static GBytes *
fetch (BaladiOpen311Source  *self,
       const char           *resource,
       const char * const   *query,
       BaladiOpen311Stats   *stats,
       GCancellable         *cancellable,
       GError              **error)
{
  g_autoptr(GString) uri = g_string_new (self->base_uri);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GBytes) body = NULL;
  const char *format = baladi_open311_format_to_string (self->format);
  gboolean first = TRUE;
  guint8 chunk[65536];
  gssize n;
  guint status;

  g_string_append_printf (uri, "%s.%s", resource, format);
  for (guint i = 0; query[i] != NULL; i += 2)
    {
      if (query[i + 1] == NULL)
        continue;
      g_string_append_c (uri, first ? '?' : '&');
      g_string_append_uri_escaped (uri, query[i], NULL, FALSE);
      g_string_append_c (uri, '=');
      g_string_append_uri_escaped (uri, query[i + 1], NULL, FALSE);
      first = FALSE;
    }

  msg = soup_message_new ("GET", uri->str);
  if (msg == NULL)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "Bad Open311 address %s", self->base_uri);
      return NULL;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                self->format == BALADI_OPEN311_FORMAT_XML ? "text/xml, application/xml"
                                                                          : "application/json");

  stream = soup_session_send (self->session, msg, cancellable, error);
  if (stream == NULL)
    return NULL;

  while ((n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error)) > 0)
    {
      if (buffer->len + n > BALADI_OPEN311_MAX_RESPONSE)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "The Open311 answer to %s.%s is larger than %d bytes", resource, format,
                       BALADI_OPEN311_MAX_RESPONSE);
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  if (n < 0)
    return NULL;

  stats->n_bytes += buffer->len;
  body = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  status = soup_message_get_status (msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_autofree char *description = baladi_open311_error_description (body, self->format);

      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP,
                   "The Open311 server answered HTTP %u to %s.%s%s%s", status, resource, format,
                   description != NULL ? ": " : "", description != NULL ? description : "");
      return NULL;
    }

  return g_steal_pointer (&body);
}

static gboolean
store_services (BaladiOpen311Source  *self,
                BaladiStore          *store,
                GPtrArray            *services,
                GError              **error)
{
  if (!baladi_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < services->len; i++)
    {
      BaladiOpen311Service *service = g_ptr_array_index (services, i);

      if (!baladi_store_put_imported_service (store, service->code,
                                              baladi_enum_to_wire (BALADI_TYPE_SECTOR, service->sector),
                                              service->category,
                                              service->document, self->name, error))
        {
          baladi_store_rollback (store);
          return FALSE;
        }
    }

  if (baladi_store_commit (store, error))
    return TRUE;

  baladi_store_rollback (store);
  return FALSE;
}

/* Reads and stores the services: a page of their own. */
static GPtrArray *
import_services (BaladiOpen311Source         *self,
                 const BaladiOpen311Mapping  *mapping,
                 BaladiStore                 *store,
                 BaladiOpen311Stats          *stats,
                 GCancellable                *cancellable,
                 GError                     **error)
{
  const char *query[] = { "jurisdiction_id", self->jurisdiction_id, "api_key", self->api_key, NULL };
  g_autoptr(GBytes) body = fetch (self, "services", query, stats, cancellable, error);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_open311_service_free);

  if (body == NULL || (records = baladi_open311_parse_list (body, self->format, error)) == NULL)
    return NULL;

  for (guint i = 0; i < records->len; i++)
    {
      BaladiOpen311Service *service = baladi_open311_service_from_record (mapping, g_ptr_array_index (records, i),
                                                                          error);

      if (service == NULL)
        return NULL;
      g_ptr_array_add (services, service);
    }

  if (!store_services (self, store, services, error))
    return NULL;

  stats->n_services = services->len;
  return g_steal_pointer (&services);
}

static gboolean
store_requests (BaladiOpen311Source  *self,
                BaladiStore          *store,
                GPtrArray            *requests,
                GError              **error)
{
  if (!baladi_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < requests->len; i++)
    {
      BaladiOpen311Request *request = g_ptr_array_index (requests, i);

      if (!baladi_store_put_imported_request (store, request->request, self->name, request->media_url,
                                              request->events, error))
        {
          baladi_store_rollback (store);
          return FALSE;
        }
    }

  if (!baladi_store_commit (store, error))
    {
      baladi_store_rollback (store);
      return FALSE;
    }

  /* The list models show the page's requests as soon as it is stored. */
  if (requests->len > 0)
    {
      g_autofree const char **ids = g_new0 (const char *, requests->len + 1);

      for (guint i = 0; i < requests->len; i++)
        ids[i] = baladi_request_get_id (((BaladiOpen311Request *) g_ptr_array_index (requests, i))->request);
      baladi_store_emit_many_changed (store, ids);
    }

  return TRUE;
}

static char *
format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = time != NULL ? g_date_time_to_utc (time) : NULL;

  return utc != NULL ? g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/**
 * baladi_open311_source_import:
 * @store: the cache to import into
 * @stats: (out caller-allocates): what the import did
 *
 * Reads the services, then the requests page by page (page and
 * page_size, with start_date, end_date and updated_after when known) and
 * stores each page in one transaction, then emits the store's
 * #BaladiStore::requests-changed with the page's requests (on the thread
 * that calls this, which must own @store). Stops at a short or an empty
 * page, at a page that repeats the one before (a server that ignores
 * paging), or at #BaladiOpen311Source:max-requests.
 *
 * Returns: %FALSE with @error if the source cannot be reached or sends
 *   something malformed; the pages stored before it stay
 */
gboolean
baladi_open311_source_import (BaladiOpen311Source  *self,
                              BaladiStore          *store,
                              BaladiOpen311Stats   *stats,
                              GCancellable         *cancellable,
                              GError              **error)
{
  g_autoptr(GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) services = NULL;
  g_autofree char *watermark_key = NULL;
  g_autofree char *updated_after = NULL;
  g_autofree char *start = format_time (self->start);
  g_autofree char *end = format_time (self->end);
  g_autofree char *page_size = NULL;
  g_autofree char *previous_page = NULL;
  gint64 newest = G_MININT64;
  g_autoptr(GHashTable) categories = NULL;
  BaladiOpen311Mapping mapping = {
    self->name, self->calendar, self->municipality, self->sla_value, self->sla_unit, NULL,
  };

  g_return_val_if_fail (BALADI_IS_OPEN311_SOURCE (self), FALSE);
  g_return_val_if_fail (BALADI_IS_STORE (store), FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);

  memset (stats, 0, sizeof *stats);
  watermark_key = g_strconcat (BALADI_OPEN311_ID_PREFIX, self->name, ":updated-after", NULL);
  updated_after = baladi_store_get_meta (store, watermark_key);
  page_size = g_strdup_printf ("%u", self->page_size);
  mapping.categories = categories = baladi_store_list_category_limits (store);

  services = import_services (self, &mapping, store, stats, cancellable, error);
  if (services == NULL)
    return FALSE;
  for (guint i = 0; i < services->len; i++)
    {
      BaladiOpen311Service *service = g_ptr_array_index (services, i);

      g_hash_table_replace (by_code, service->category, service);
    }

  for (guint page = 1; page <= MAX_PAGES; page++)
    {
      g_autofree char *page_text = g_strdup_printf ("%u", page);
      const char *query[] = { "jurisdiction_id", self->jurisdiction_id, "api_key", self->api_key,
                              "start_date", start, "end_date", end, "updated_after", updated_after,
                              "page", page_text, "page_size", page_size, NULL };
      g_autoptr(GBytes) body = fetch (self, "requests", query, stats, cancellable, error);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_open311_request_free);
      g_autoptr(GString) fingerprint = g_string_new (NULL);
      guint n_skipped = 0;

      if (body == NULL || (records = baladi_open311_parse_list (body, self->format, error)) == NULL)
        return FALSE;
      if (records->len == 0)
        break;

      /* The whole page is checked before any of it is written. */
      for (guint i = 0; i < records->len; i++)
        {
          g_autoptr(GError) local_error = NULL;
          BaladiOpen311Request *request = baladi_open311_request_from_record (&mapping, g_ptr_array_index (records, i),
                                                                                  by_code, &local_error);

          if (local_error != NULL)
            {
              g_set_error (error, local_error->domain, local_error->code, "%s (page %u, item %u)",
                           local_error->message, page, i + 1);
              return FALSE;
            }
          if (request == NULL)
            {
              n_skipped++;
              continue;
            }
          g_string_append_printf (fingerprint, "%s\n", baladi_request_get_id (request->request));
          g_ptr_array_add (requests, request);
        }

      if (g_strcmp0 (fingerprint->str, previous_page) == 0)
        break;
      g_free (previous_page);
      previous_page = g_strdup (fingerprint->str);

      if (stats->n_requests + requests->len > self->max_requests)
        {
          g_ptr_array_set_size (requests, self->max_requests - stats->n_requests);
          stats->truncated = TRUE;
        }
      if (!store_requests (self, store, requests, error))
        return FALSE;

      for (guint i = 0; i < requests->len; i++)
        {
          BaladiOpen311Request *request = g_ptr_array_index (requests, i);

          if (request->updated > newest)
            newest = request->updated;
        }
      stats->n_pages++;
      stats->n_requests += requests->len;
      stats->n_skipped += n_skipped;
      g_signal_emit (self, signals[PROGRESS], 0, stats);

      if (stats->truncated || records->len < self->page_size)
        break;
    }

  /* Only a complete import moves the mark: pages come newest filed first,
   * not newest changed first, so a partial one may have missed changes
   * older than those it saw. */
  if (!stats->truncated && newest != G_MININT64)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (newest);
      g_autofree char *text = format_time (time);

      if (!baladi_store_begin (store, error))
        return FALSE;
      if (!baladi_store_set_meta (store, watermark_key, text, error) || !baladi_store_commit (store, error))
        {
          baladi_store_rollback (store);
          return FALSE;
        }
    }

  return TRUE;
}
