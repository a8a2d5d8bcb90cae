/* baladi-sync-client.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTTP client of the central API (docs/api.md), and the pull of its
 * changes feed into the cache. The session has timeouts (libsoup's default
 * is to wait for ever); no logger is attached, since it would print the
 * bearer token. A page of changes and the cursor after it are stored in
 * one transaction, so a pull killed half-way resumes where it stopped and
 * never skips a change. */

#include "config.h"

#include <string.h>

#include "baladi-store-lookups.h"
#include "baladi-store-sync.h"
#include "baladi-store-writes.h"
#include "baladi-sync-client.h"
#include "baladi-sync-client-private.h"
#include "baladi-sync-json.h"
#include "baladi-sync-templates.h"

#define PAGE_SIZE "500"

struct _BaladiSyncClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_uri;
  char        *token;
  /* Seconds the last answer asked to wait (Retry-After), or -1. */
  gint64       retry_after;
  BaladiPullPageFunc page_func;
  gpointer     page_data;
};

G_DEFINE_FINAL_TYPE (BaladiSyncClient, baladi_sync_client, G_TYPE_OBJECT)

static void
baladi_sync_client_finalize (GObject *object)
{
  BaladiSyncClient *self = (BaladiSyncClient *)object;

  g_clear_object (&self->session);
  g_free (self->base_uri);
  g_clear_pointer (&self->token, g_free);

  G_OBJECT_CLASS (baladi_sync_client_parent_class)->finalize (object);
}

static void
baladi_sync_client_class_init (BaladiSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baladi_sync_client_finalize;
}

static void
baladi_sync_client_init (BaladiSyncClient *self)
{
  self->retry_after = -1;
  self->session = soup_session_new_with_options ("timeout", 30, "idle-timeout", 60,
                                                 "user-agent", "baladi-desk/" PACKAGE_VERSION, NULL);
}

/**
 * baladi_sync_client_new:
 * @base_uri: the server, e.g. http://127.0.0.1:8470/
 */
BaladiSyncClient *
baladi_sync_client_new (const char *base_uri)
{
  BaladiSyncClient *self = g_object_new (BALADI_TYPE_SYNC_CLIENT, NULL);

  g_return_val_if_fail (base_uri != NULL, NULL);

  self->base_uri = g_str_has_suffix (base_uri, "/") ? g_strndup (base_uri, strlen (base_uri) - 1) : g_strdup (base_uri);
  return self;
}

/**
 * baladi_sync_client_set_token:
 * @token: (nullable): a bearer token from an earlier login, e.g. kept in
 *   the keyring; %NULL to forget it
 */
void
baladi_sync_client_set_token (BaladiSyncClient *self,
                              const char       *token)
{
  g_return_if_fail (BALADI_IS_SYNC_CLIENT (self));

  g_free (self->token);
  self->token = g_strdup (token);
}

/**
 * baladi_sync_client_get_token:
 *
 * Returns: (nullable): the bearer token of the last login or set_token()
 */
const char *
baladi_sync_client_get_token (BaladiSyncClient *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), NULL);

  return self->token;
}

/**
 * baladi_sync_client_get_retry_after:
 *
 * Returns: the seconds the last answer asked to wait (Retry-After), or -1
 */
gint64
baladi_sync_client_get_retry_after (BaladiSyncClient *self)
{
  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), -1);

  return self->retry_after;
}

/**
 * baladi_sync_client_set_pull_page_func:
 * @func: (nullable): called after each page of a pull is committed
 *
 * Lets the sync engine tell list models which rows changed, and show the
 * progress of a long full sync, a page at a time.
 */
void
baladi_sync_client_set_pull_page_func (BaladiSyncClient   *self,
                                       BaladiPullPageFunc  func,
                                       gpointer            user_data)
{
  g_return_if_fail (BALADI_IS_SYNC_CLIENT (self));

  self->page_func = func;
  self->page_data = user_data;
}

/* Retry-After is seconds or an HTTP date. Returns seconds, or -1. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) date = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  if (g_ascii_string_to_unsigned (value, 10, 0, 24 * 60 * 60, &seconds, NULL))
    return (gint64) seconds;

  date = soup_date_time_new_from_http_string (value);
  if (date == NULL)
    return -1;

  return MAX (0, g_date_time_to_unix (date) - g_get_real_time () / G_USEC_PER_SEC);
}

/* Sends a call and reads at most BALADI_SYNC_MAX_RESPONSE bytes of answer. */
GBytes *
baladi_sync_client_call_raw (BaladiSyncClient  *self,
                             const char        *method,
                             const char        *path,
                             const char        *json_body,
                             const char        *if_match,
                             const char        *idempotency_key,
                             guint             *status,
                             GCancellable      *cancellable,
                             GError           **error)
{
  g_autofree char *uri = g_strconcat (self->base_uri, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];
  gssize n;

  if (msg == NULL)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "Bad server address %s", uri);
      return NULL;
    }
  if (self->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
    }
  if (if_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", if_match);
  if (idempotency_key != NULL)
    {
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", idempotency_key);
      /* Safe to resend on a new connection: the key makes it idempotent. */
      soup_message_add_flags (msg, SOUP_MESSAGE_IDEMPOTENT);
    }
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  stream = soup_session_send (self->session, msg, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* Read by chunks, refusing more than the cap: a hostile or broken
   * server cannot fill the clerk's memory. */
  while ((n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, error)) > 0)
    {
      if (buffer->len + n > BALADI_SYNC_MAX_RESPONSE)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "The server's answer is too large");
          return NULL;
        }
      g_byte_array_append (buffer, chunk, n);
    }
  if (n < 0)
    return NULL;

  *status = soup_message_get_status (msg);
  self->retry_after = parse_retry_after (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                                       "Retry-After"));

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/* Sends a call and parses its answer, checked (baladi_sync_parse()). */
JsonNode *
baladi_sync_client_call (BaladiSyncClient  *self,
                         const char        *method,
                         const char        *path,
                         const char        *json_body,
                         const char        *if_match,
                         const char        *idempotency_key,
                         guint             *status,
                         gsize             *n_bytes,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GBytes) body = baladi_sync_client_call_raw (self, method, path, json_body, if_match, idempotency_key,
                                                         status, cancellable, error);

  if (body == NULL)
    return NULL;
  if (n_bytes != NULL)
    *n_bytes = g_bytes_get_size (body);

  return baladi_sync_parse (body, error);
}

gboolean
baladi_sync_client_login (BaladiSyncClient  *self,
                          const char        *username,
                          const char        *password,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  JsonNode *token;
  guint status = 0;

  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), FALSE);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);

  answer = baladi_sync_client_call (self, "POST", "/api/v1/login", body, NULL, NULL, &status, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "The username or the password is wrong");
      return FALSE;
    }

  token = JSON_NODE_HOLDS_OBJECT (answer) ? json_object_get_member (json_node_get_object (answer), "token") : NULL;
  if (status != SOUP_STATUS_OK || token == NULL || !JSON_NODE_HOLDS_VALUE (token) ||
      json_node_get_value_type (token) != G_TYPE_STRING)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "Login failed (HTTP %u)", status);
      return FALSE;
    }

  g_free (self->token);
  self->token = g_strdup (json_node_get_string (token));
  return TRUE;
}

/* A request of a page of changes and where its history is in the page's
 * events. */
typedef struct {
  BaladiRemoteRequest request;
  guint               first_event;
  guint               n_events;
} PageRequest;

/* A page of changes, checked whole before anything is written. The
 * requests and events are plain values whose strings are those of the
 * parsed answer, kept with them: no object is built per request. */
typedef struct {
  JsonNode  *answer;
  GArray    *requests;   /* PageRequest */
  GArray    *events;     /* BaladiRemoteEvent */
  GPtrArray *services;   /* JsonObject */
  GPtrArray *removed;    /* char * */
  char      *cursor;
  gboolean   has_more;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->requests, g_array_unref);
  g_clear_pointer (&page->events, g_array_unref);
  g_clear_pointer (&page->services, g_ptr_array_unref);
  g_clear_pointer (&page->removed, g_ptr_array_unref);
  g_clear_pointer (&page->cursor, g_free);
  g_clear_pointer (&page->answer, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static gboolean
bad (GError     **error,
     const char  *what)
{
  g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "The changes feed is malformed: %s", what);
  return FALSE;
}

static gboolean
read_page (JsonNode  *answer,
           Page      *page,
           GError   **error)
{
  JsonObject *root;
  JsonNode *changes, *cursor, *has_more;
  JsonArray *array;
  guint n_changes;

  page->answer = json_node_ref (answer);
  page->requests = g_array_new (FALSE, FALSE, sizeof (PageRequest));
  page->events = g_array_new (FALSE, FALSE, sizeof (BaladiRemoteEvent));
  page->services = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  page->removed = g_ptr_array_new_with_free_func (g_free);

  if (!JSON_NODE_HOLDS_OBJECT (answer))
    return bad (error, "not an object");
  root = json_node_get_object (answer);
  changes = json_object_get_member (root, "changes");
  cursor = json_object_get_member (root, "cursor");
  has_more = json_object_get_member (root, "has_more");
  if (changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) ||
      cursor == NULL || !JSON_NODE_HOLDS_VALUE (cursor) || json_node_get_value_type (cursor) != G_TYPE_STRING ||
      has_more == NULL || !JSON_NODE_HOLDS_VALUE (has_more) || json_node_get_value_type (has_more) != G_TYPE_BOOLEAN)
    return bad (error, "no changes, cursor or has_more");
  if (strlen (json_node_get_string (cursor)) > BALADI_SYNC_MAX_STRING)
    return bad (error, "a cursor longer than any the API has");

  page->cursor = g_strdup (json_node_get_string (cursor));
  page->has_more = json_node_get_boolean (has_more);

  array = json_node_get_array (changes);
  n_changes = json_array_get_length (array);
  for (guint i = 0; i < n_changes; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *change = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *kind = change != NULL ? json_object_get_string_member_with_default (change, "kind", "") : "";
      JsonNode *entity = change != NULL ? json_object_get_member (change, "entity") : NULL;

      if (g_str_equal (kind, "removed"))
        {
          const char *id = json_object_get_string_member_with_default (change, "id", NULL);

          if (id == NULL)
            return bad (error, "a removal without an id");
          g_ptr_array_add (page->removed, g_strdup (id));
        }
      else if (g_str_equal (kind, "request") && entity != NULL && JSON_NODE_HOLDS_OBJECT (entity))
        {
          JsonObject *object = json_node_get_object (entity);
          JsonNode *events = json_object_get_member (object, "events");
          PageRequest request;
          JsonArray *event_array;
          guint n_events;

          if (!baladi_remote_request_from_json (object, &request.request, error))
            return FALSE;
          if (events == NULL || !JSON_NODE_HOLDS_ARRAY (events))
            return bad (error, "a request without its events");
          event_array = json_node_get_array (events);
          n_events = json_array_get_length (event_array);
          request.first_event = page->events->len;
          request.n_events = n_events;
          g_array_set_size (page->events, page->events->len + n_events);
          for (guint j = 0; j < n_events; j++)
            {
              JsonNode *event_node = json_array_get_element (event_array, j);

              if (!baladi_remote_event_from_json (JSON_NODE_HOLDS_OBJECT (event_node) ? json_node_get_object (event_node) : NULL,
                                                  &g_array_index (page->events, BaladiRemoteEvent, request.first_event + j),
                                                  error))
                return FALSE;
            }
          g_array_append_val (page->requests, request);
        }
      else if (g_str_equal (kind, "service") && entity != NULL && JSON_NODE_HOLDS_OBJECT (entity))
        {
          JsonObject *object = json_node_get_object (entity);
          g_autofree char *document = json_to_string (entity, FALSE);

          /* A service is kept as its document: bound it as a whole. */
          if (strlen (document) > 4 * BALADI_SYNC_MAX_STRING)
            return bad (error, "a service larger than any the API has");
          if (json_object_get_string_member_with_default (object, "code", NULL) == NULL ||
              json_object_get_string_member_with_default (object, "sector", NULL) == NULL ||
              json_object_get_string_member_with_default (object, "category", NULL) == NULL)
            return bad (error, "a service without code, sector or category");
          g_ptr_array_add (page->services, json_object_ref (object));
        }
      else
        {
          return bad (error, "a change of an unknown kind");
        }
    }

  return TRUE;
}

/* Stores the requests of @page, each with its history and search entry,
 * in the transaction the caller opened. The search entries go last, all
 * together: a statement that fires triggers (the dashboards' counters)
 * opens a savepoint, and every savepoint makes the FTS5 index write out
 * what it holds in memory; between the index's writes, such statements
 * would have it write a small segment per request, and merge them. */
static gboolean
store_requests (BaladiStore  *store,
                Page         *page,
                gboolean      mark_seen,
                GError      **error)
{
  for (guint i = 0; i < page->requests->len; i++)
    {
      const PageRequest *request = &g_array_index (page->requests, PageRequest, i);
      const char *id = request->request.id;

      if (!baladi_store_put_remote (store, &request->request, error) ||
          !baladi_store_put_remote_events (store, id, &g_array_index (page->events, BaladiRemoteEvent, request->first_event),
                                           request->n_events, error) ||
          (mark_seen && !baladi_store_mark_seen (store, id, error)))
        return FALSE;
    }
  for (guint i = 0; i < page->requests->len; i++)
    if (!baladi_store_index_request (store, g_array_index (page->requests, PageRequest, i).request.id, error))
      return FALSE;

  return TRUE;
}

/* Stores @page and its cursor in the transaction the pull has open (or
 * opens with @begin): a page and its cursor are stored together or not at
 * all. A failure rolls back every page of the transaction; the next pull
 * asks for them again from the cursor. */
static gboolean
store_page (BaladiStore  *store,
            Page         *page,
            gboolean      full,
            gboolean      begin,
            GError      **error)
{
  if (begin && !baladi_store_begin (store, error))
    return FALSE;

  if (!store_requests (store, page, full, error))
    goto fail;
  for (guint i = 0; i < page->services->len; i++)
    {
      JsonObject *service = g_ptr_array_index (page->services, i);
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), service);
      g_autofree char *document = json_to_string (node, FALSE);

      if (!baladi_store_put_service (store, json_object_get_string_member (service, "code"),
                                     json_object_get_string_member (service, "sector"),
                                     json_object_get_string_member (service, "category"), document,
                                     json_object_get_string_member_with_default (service, "version", NULL), error))
        goto fail;
    }
  for (guint i = 0; i < page->removed->len; i++)
    if (!baladi_store_remove_request (store, g_ptr_array_index (page->removed, i), error))
      goto fail;

  /* The cursor goes with its page: both or neither. */
  if (baladi_store_set_meta (store, "cursor", page->cursor, error))
    return TRUE;

fail:
  baladi_store_rollback (store);
  return FALSE;
}

static gboolean
is_string (JsonObject *object,
           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         *json_node_get_string (node) != '\0';
}

/* The names of the catalogue's categories, which the server sends whole:
 * they replace those stored. A server from before the list does not send
 * it, and the stored names stay; a list of the wrong shape is refused. */
static gboolean
store_service_categories (BaladiStore  *store,
                          JsonObject   *lists,
                          GError      **error)
{
  JsonNode *list = json_object_get_member (lists, "service_categories");
  JsonArray *array;

  if (list == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                   "The lookups' service_categories is not a list");
      return FALSE;
    }

  array = json_node_get_array (list);
  if (!baladi_store_clear_lookups (store, "service_categories", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      JsonObject *category = JSON_NODE_HOLDS_OBJECT (entry) ? json_node_get_object (entry) : NULL;
      JsonNode *name = category != NULL ? json_object_get_member (category, "name") : NULL;
      JsonObject *names = name != NULL && JSON_NODE_HOLDS_OBJECT (name) ? json_node_get_object (name) : NULL;
      g_autofree char *document = NULL;

      if (!is_string (category, "code") || !is_string (category, "sector") ||
          !is_string (names, "ar") || !is_string (names, "en"))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE,
                       "Entry %u of the lookups' service_categories needs a code, a sector and a name in Arabic and English",
                       i);
          return FALSE;
        }
      document = json_to_string (entry, FALSE);
      if (!baladi_store_put_lookup (store, "service_categories", json_object_get_string_member (category, "code"),
                                    document, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * baladi_sync_client_pull_lookups:
 *
 * Stores the reference lists (municipalities, sectors, categories, the
 * names of the catalogue's categories, staff) in one transaction; a
 * malformed answer changes nothing.
 */
gboolean
baladi_sync_client_pull_lookups (BaladiSyncClient  *self,
                                 BaladiStore       *store,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  static const struct {
    const char *kind;
    const char *key;
  } kinds[] = {
    { "municipalities", "code" }, { "sectors", "code" }, { "categories", "code" }, { "staff", "username" },
  };
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *now = NULL;
  JsonObject *lists;
  guint status = 0;

  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), FALSE);

  answer = baladi_sync_client_call (self, "GET", "/api/v1/lookups", NULL, NULL, NULL, &status, NULL, cancellable, error);
  if (answer == NULL)
    return FALSE;
  if (status != SOUP_STATUS_OK || !JSON_NODE_HOLDS_OBJECT (answer))
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "The server answered HTTP %u to the lookups", status);
      return FALSE;
    }

  lists = json_node_get_object (answer);
  if (!baladi_store_begin (store, error))
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      JsonNode *list = json_object_get_member (lists, kinds[k].kind);
      JsonArray *array;

      if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "The lookups have no list of %s", kinds[k].kind);
          goto fail;
        }
      array = json_node_get_array (list);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *entry = json_array_get_element (array, i);
          JsonNode *code = JSON_NODE_HOLDS_OBJECT (entry) ? json_object_get_member (json_node_get_object (entry), kinds[k].key) : NULL;
          g_autofree char *document = NULL;

          if (code == NULL || !JSON_NODE_HOLDS_VALUE (code) || json_node_get_value_type (code) != G_TYPE_STRING)
            {
              g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_BAD_RESPONSE, "An entry of %s has no %s", kinds[k].kind, kinds[k].key);
              goto fail;
            }
          document = json_to_string (entry, FALSE);
          if (!baladi_store_put_lookup (store, kinds[k].kind, json_node_get_string (code), document, error))
            goto fail;
        }
    }
  if (!store_service_categories (store, lists, error))
    goto fail;

  now = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);
  if (baladi_store_set_meta (store, "lookups-at", now, error) && baladi_store_commit (store, error))
    return TRUE;

fail:
  baladi_store_rollback (store);
  return FALSE;
}

/* The lists change rarely: on a full sync and at most hourly after. */
static gboolean
lookups_are_stale (BaladiStore *store)
{
  g_autofree char *at = baladi_store_get_meta (store, "lookups-at");

  return at == NULL || g_ascii_strtoll (at, NULL, 10) < g_get_real_time () / G_USEC_PER_SEC - 3600;
}

static gint64
get_pragma (BaladiStore *store,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;

  if (sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
set_pragma (BaladiStore *store,
            const char  *name,
            gint64       value)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, name, value);

  if (value != G_MININT64)
    sqlite3_exec (baladi_store_get_db (store), sql, NULL, NULL, NULL);
}

/* A full sync writes every row of a cache that may be larger than
 * SQLite's default 2 MB page cache, in the random order of the ids: with
 * a small cache much of its time went to reading back the pages of the
 * indexes it had just written. And each page's transaction rewrites many
 * of the same index pages, which a checkpoint every 1000 pages of WAL (the
 * default) copied into the database again and again. Both are raised for
 * the full sync only (SQLite allocates the cache as it fills) and set back
 * after it. */
#define FULL_SYNC_CACHE_KIB 262144
#define FULL_SYNC_CHECKPOINT_PAGES 8192
/* And a full sync commits every few pages rather than every page: each
 * commit writes out again the index pages the next one changes once more,
 * and as the cache grows past its page cache, more of them each time
 * (300 000 requests with a 64 MB cache: 8 pages a commit stored them in
 * 232 s, 64 pages in 188 s; 1 000 000 with this cache synced in about
 * 1300 s with 8 pages, 878 s with 32 or 10 s). The rows show in the
 * window as each transaction commits, so at least every
 * FULL_SYNC_COMMIT_USEC; and a transaction ends after the page it is
 * storing when a clerk's write waits for the lock
 * (baladi_store_take_writer_waiting()). */
#define FULL_SYNC_PAGES_PER_COMMIT 32
#define FULL_SYNC_COMMIT_USEC (10 * G_USEC_PER_SEC)

static gboolean
start_full_sync (BaladiStore  *store,
                 GError      **error)
{
  set_pragma (store, "cache_size", -FULL_SYNC_CACHE_KIB);
  set_pragma (store, "wal_autocheckpoint", FULL_SYNC_CHECKPOINT_PAGES);
  return baladi_store_full_sync_begin (store, error);
}

/* The calls of the changes feed during a pull after its first page, made
 * in a thread of their own, which also parses and checks their answers:
 * the server prepares and sends the next page, and the thread reads it,
 * while this one is stored, instead of each waiting for the other. libsoup 3.2 lets a session send from any thread; its connections
 * belong to the thread that opened them, so one thread makes every call of
 * the pull, over one connection. */
typedef struct {
  guint     status;
  gsize     n_bytes;
  JsonNode *json;    /* the parsed answer, or NULL with @error */
  Page      page;    /* read from @json when @status is 200 and it checks */
  gboolean  has_page;
  gint64    wait_usec;
  gint64    parse_usec;
  GError   *error;
} Answer;

typedef struct {
  BaladiSyncClient *self;
  GAsyncQueue      *paths;     /* char *: the calls to make */
  GAsyncQueue      *answers;   /* Answer * */
  GCancellable     *cancellable;
  GCancellable     *outer;
  gulong            outer_handler;
  GThread          *thread;
} Fetcher;

static char *
feed_path (const char *cursor)
{
  g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;

  return g_strdup_printf ("/api/v1/changes?limit=" PAGE_SIZE "%s%s",
                          escaped != NULL ? "&since=" : "", escaped != NULL ? escaped : "");
}

static void
answer_free (Answer *answer)
{
  g_clear_pointer (&answer->json, json_node_unref);
  page_clear (&answer->page);
  g_clear_error (&answer->error);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

/* Makes one call of the changes feed and reads its answer: the JSON
 * parsed and checked and, when it is a page, the page read from it. In
 * the fetcher's thread this overlaps the storing of the previous page. */
static Answer *
fetch_answer (BaladiSyncClient *self,
              const char       *path,
              GCancellable     *cancellable)
{
  Answer *answer = g_new0 (Answer, 1);
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GBytes) body = baladi_sync_client_call_raw (self, "GET", path, NULL, NULL, NULL, &answer->status,
                                                       cancellable, &answer->error);

  answer->wait_usec = g_get_monotonic_time () - start;
  if (body == NULL)
    return answer;

  start = g_get_monotonic_time ();
  answer->n_bytes = g_bytes_get_size (body);
  answer->json = baladi_sync_parse (body, &answer->error);
  if (answer->json != NULL && answer->status == SOUP_STATUS_OK)
    answer->has_page = read_page (answer->json, &answer->page, &answer->error);
  answer->parse_usec = g_get_monotonic_time () - start;

  return answer;
}

static gpointer
fetcher_thread (gpointer data)
{
  Fetcher *fetcher = data;
  char *path;

  /* An empty path says the pull is over. */
  while (*(path = g_async_queue_pop (fetcher->paths)) != '\0')
    {
      g_async_queue_push (fetcher->answers, fetch_answer (fetcher->self, path, fetcher->cancellable));
      g_free (path);
    }
  g_free (path);

  return NULL;
}

static void
cancel_cb (GCancellable *outer,
           GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static Fetcher *
fetcher_new (BaladiSyncClient *self,
             GCancellable     *outer)
{
  Fetcher *fetcher = g_new0 (Fetcher, 1);

  fetcher->self = g_object_ref (self);
  fetcher->paths = g_async_queue_new_full (g_free);
  fetcher->answers = g_async_queue_new_full ((GDestroyNotify) answer_free);
  fetcher->cancellable = g_cancellable_new ();
  if (outer != NULL)
    {
      fetcher->outer = g_object_ref (outer);
      fetcher->outer_handler = g_cancellable_connect (outer, G_CALLBACK (cancel_cb), fetcher->cancellable, NULL);
    }
  fetcher->thread = g_thread_new ("baladi-pull", fetcher_thread, fetcher);

  return fetcher;
}

/* Stops the thread, abandoning a call whose answer is no longer wanted. */
static void
fetcher_free (Fetcher *fetcher)
{
  if (fetcher == NULL)
    return;

  g_cancellable_cancel (fetcher->cancellable);
  g_async_queue_push (fetcher->paths, g_strdup (""));
  g_thread_join (fetcher->thread);
  if (fetcher->outer != NULL)
    g_cancellable_disconnect (fetcher->outer, fetcher->outer_handler);
  g_clear_object (&fetcher->outer);
  g_clear_object (&fetcher->cancellable);
  g_clear_object (&fetcher->self);
  g_async_queue_unref (fetcher->paths);
  g_async_queue_unref (fetcher->answers);
  g_free (fetcher);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetcher, fetcher_free)

static gboolean
pull (BaladiSyncClient  *self,
      BaladiStore       *store,
      BaladiPullStats   *stats,
      GCancellable      *cancellable,
      GError           **error)
{
  g_autofree char *cursor = baladi_store_get_meta (store, "cursor");
  g_autoptr(Fetcher) fetcher = NULL;
  /* The ids the open transaction changed, told once it commits. */
  g_autoptr(GPtrArray) batch_ids = g_ptr_array_new_with_free_func (g_free);
  guint batch_pages = 0, batch_services = 0;
  gint64 batch_start = 0;

  stats->full = cursor == NULL;
  /* The templates come with the lookups, as rarely. */
  if ((stats->full || lookups_are_stale (store)) &&
      (!baladi_sync_client_pull_lookups (self, store, cancellable, error) ||
       !baladi_sync_client_pull_templates (self, store, cancellable, error)))
    return FALSE;
  if (stats->full && !start_full_sync (store, error))
    return FALSE;

  for (gboolean first = TRUE;;)
    {
      g_autoptr(Answer) answer = NULL;
      Page *page;
      gint64 start = g_get_monotonic_time ();
      gint64 stored;
      gboolean commit;

      /* The first call is made here: an incremental sync with nothing new
       * is this one round trip. The next ones were asked of the fetcher
       * before the page before them was stored. */
      if (first)
        {
          g_autofree char *path = feed_path (cursor);

          answer = fetch_answer (self, path, cancellable);
          stats->wait_usec += answer->wait_usec;
          stats->parse_usec += answer->parse_usec;
        }
      else
        {
          answer = g_async_queue_pop (fetcher->answers);
          /* What this thread waited for; the fetcher's parsing overlapped
           * the storing of the previous page. */
          stats->wait_usec += g_get_monotonic_time () - start;
          stats->parse_usec += answer->parse_usec;
        }
      first = FALSE;
      if (answer->json == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&answer->error));
          return FALSE;
        }

      if (answer->status == SOUP_STATUS_GONE && !stats->full)
        {
          /* The cursor expired: start over from the beginning. */
          if (!baladi_store_set_meta (store, "cursor", NULL, error))
            return FALSE;
          stats->full = TRUE;
          if (!start_full_sync (store, error))
            return FALSE;
          g_clear_pointer (&cursor, g_free);
          first = TRUE;
          continue;
        }
      if (answer->status == SOUP_STATUS_UNAUTHORIZED)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "The session expired; log in again");
          return FALSE;
        }
      if (answer->status != SOUP_STATUS_OK)
        {
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "The server answered HTTP %u", answer->status);
          return FALSE;
        }
      if (!answer->has_page)
        {
          g_propagate_error (error, g_steal_pointer (&answer->error));
          return FALSE;
        }

      page = &answer->page;
      start = g_get_monotonic_time ();
      /* Ask for the next page before storing this one; if storing fails,
       * the call is abandoned. */
      if (page->has_more)
        {
          if (fetcher == NULL)
            fetcher = fetcher_new (self, cancellable);
          g_async_queue_push (fetcher->paths, feed_path (page->cursor));
        }
      if (batch_pages == 0)
        batch_start = start;
      if (!store_page (store, page, stats->full, batch_pages == 0, error))
        return FALSE;
      stored = g_get_monotonic_time ();
      commit = baladi_store_take_writer_waiting () || !stats->full || !page->has_more ||
               batch_pages + 1 >= FULL_SYNC_PAGES_PER_COMMIT || stored - batch_start >= FULL_SYNC_COMMIT_USEC;
      if (commit && !baladi_store_commit (store, error))
        {
          baladi_store_rollback (store);
          return FALSE;
        }
      batch_pages = commit ? 0 : batch_pages + 1;
      stored = g_get_monotonic_time ();
      stats->store_usec += stored - start;

      stats->n_pages++;
      stats->n_bytes += answer->n_bytes;
      stats->n_requests += page->requests->len;
      stats->n_services += page->services->len;
      stats->n_removed += page->removed->len;
      for (guint i = 0; i < page->requests->len; i++)
        g_ptr_array_add (batch_ids, g_strdup (g_array_index (page->requests, PageRequest, i).request.id));
      for (guint i = 0; i < page->removed->len; i++)
        g_ptr_array_add (batch_ids, g_strdup (g_ptr_array_index (page->removed, i)));
      batch_services += page->services->len;
      /* Progress with every page; what changed once it is committed, for
       * the window to read it. */
      if (self->page_func != NULL)
        {
          g_autoptr(GPtrArray) none = g_ptr_array_new ();

          self->page_func (stats, commit ? batch_ids : none, commit ? batch_services : 0, self->page_data);
        }
      if (commit)
        {
          g_ptr_array_set_size (batch_ids, 0);
          batch_services = 0;
        }

      if (!page->has_more)
        return !stats->full || baladi_store_full_sync_end (store, error);
    }
}

/**
 * baladi_sync_client_pull:
 * @stats: (out caller-allocates): what was pulled
 *
 * Pulls every change since the stored cursor into @store, page by page.
 * Without a cursor (or when the server says it expired) this is a full
 * sync. A malformed page is refused whole and leaves the cache as it was.
 */
gboolean
baladi_sync_client_pull (BaladiSyncClient  *self,
                         BaladiStore       *store,
                         BaladiPullStats   *stats,
                         GCancellable      *cancellable,
                         GError           **error)
{
  gint64 cache_size, checkpoint;
  gboolean ok;

  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), FALSE);

  memset (stats, 0, sizeof *stats);
  cache_size = get_pragma (store, "PRAGMA cache_size");
  checkpoint = get_pragma (store, "PRAGMA wal_autocheckpoint");
  ok = pull (self, store, stats, cancellable, error);
  /* A full sync that failed between two commits: back to the last one. */
  if (!ok && !sqlite3_get_autocommit (baladi_store_get_db (store)))
    baladi_store_rollback (store);
  if (stats->full)
    {
      set_pragma (store, "cache_size", cache_size);
      set_pragma (store, "wal_autocheckpoint", checkpoint);
    }

  return ok;
}

/* Reads the request (or the service, @kind) a write answered with, or a
 * 412's current one, through the checks of the feed: it is a one-change
 * page. */
static gboolean
read_entity (JsonNode    *entity,
             const char  *kind,
             Page        *page,
             GError     **error)
{
  g_autoptr(JsonNode) page_node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *page_object = json_object_new ();
  JsonArray *changes = json_array_new ();
  JsonObject *change = json_object_new ();

  json_object_set_string_member (change, "kind", kind);
  json_object_set_member (change, "entity", json_node_copy (entity));
  json_array_add_object_element (changes, change);
  json_object_set_array_member (page_object, "changes", changes);
  json_object_set_string_member (page_object, "cursor", "");
  json_object_set_boolean_member (page_object, "has_more", FALSE);
  json_node_take_object (page_node, page_object);

  if (!read_page (page_node, page, error))
    return FALSE;
  if ((g_str_equal (kind, "request") ? page->requests->len : page->services->len) != 1)
    return bad (error, "a write answered without what it changed");

  return TRUE;
}

/* The request of a one-change page. */
static const BaladiRemoteRequest *
page_request (Page *page)
{
  return &g_array_index (page->requests, PageRequest, 0).request;
}

/* Reads the request an answer carries: @entity, or the request as the
 * server has it now when @entity is %NULL or older than the cache. An
 * answer repeated for an Idempotency-Key sent again (after a crash) is the
 * first answer, which a pull may have overtaken since: storing it would
 * take the cache back, and merging with it would miss what changed. */
static gboolean
read_fresh (BaladiSyncClient   *self,
            BaladiStore        *store,
            BaladiOutboxEntry  *entry,
            JsonNode           *entity,
            Page               *page,
            GCancellable       *cancellable,
            GError            **error)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/requests/%s", entry->request_id);
  g_autoptr(JsonNode) fetched = NULL;
  guint status = 0;

  if (entity != NULL && JSON_NODE_HOLDS_OBJECT (entity))
    {
      if (!read_entity (entity, "request", page, error))
        return FALSE;
      if (!baladi_store_has_newer_request (store, entry->request_id, page_request (page)->version))
        return TRUE;
      page_clear (page);
    }

  fetched = baladi_sync_client_call (self, "GET", path, NULL, NULL, NULL, &status, NULL, cancellable, error);
  if (fetched == NULL)
    return FALSE;
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP,
                   "Fetching a request that changed on the server: HTTP %u", status);
      return FALSE;
    }

  return read_entity (fetched, "request", page, error);
}

/* The server's answer to a catalogue editor's edit of a service: taken,
 * with the service as it now is; or 412, with the service as someone else
 * left it, and the edit waits for its editor beside it (Keep Mine or Take
 * Theirs, baladi_store_keep_service_edit()). */
static gboolean
store_service_answer (BaladiStore        *store,
                      BaladiOutboxEntry  *entry,
                      guint               status,
                      JsonNode           *answer,
                      BaladiPushStats    *stats,
                      GError            **error)
{
  gboolean taken = status != SOUP_STATUS_PRECONDITION_FAILED;
  JsonNode *entity = answer;
  g_auto(Page) page = { 0, };
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *document = NULL;
  JsonObject *service;
  const char *version;

  if (!taken)
    entity = JSON_NODE_HOLDS_OBJECT (answer) ? json_object_get_member (json_node_get_object (answer), "current") : NULL;
  if (entity == NULL)
    return bad (error, "a 412 without the current service");
  if (!read_entity (entity, "service", &page, error))
    return FALSE;
  service = g_ptr_array_index (page.services, 0);
  if (g_strcmp0 (json_object_get_string_member (service, "code"), entry->service_code) != 0)
    return bad (error, "an edit of a service answered with another service");
  node = json_node_init_object (json_node_alloc (), service);
  document = json_to_string (node, FALSE);
  version = json_object_get_string_member_with_default (service, "version", NULL);

  if (!baladi_store_begin (store, error))
    return FALSE;
  if (taken
      ? !baladi_store_finish_outbox_entry (store, entry, error) ||
        !baladi_store_confirm_service_edit (store, entry->service_code,
                                            json_object_get_string_member (service, "sector"),
                                            json_object_get_string_member (service, "category"),
                                            document, version, error)
      : !baladi_store_set_service_conflict (store, entry->id, document, version, error))
    {
      baladi_store_rollback (store);
      return FALSE;
    }
  if (!baladi_store_commit (store, error))
    return FALSE;

  if (taken)
    stats->n_sent++;
  else
    stats->n_conflicts++;
  stats->n_services++;

  return TRUE;
}

/* How many 412s in a row one edit may meet in one push before the push
 * stops and tries again later: someone keeps changing the request. */
#define MAX_STALE 8

/**
 * baladi_sync_client_push:
 * @stats: (out caller-allocates): how many entries were sent, merged, kept
 *   for the clerk, and left for later
 *
 * Sends the outbox in order. A 2xx removes the entry and stores the
 * server's request. A 412 stores the server's current request and merges
 * field by field (baladi_store_merge_stale_entry()): a note, a reply, or an
 * edit of a field the server did not change goes again on the new
 * version; an edit of a field the server changed to another value is a
 * conflict kept for the clerk. A catalogue editor's edit of a service goes
 * to POST /api/v1/services/{code} with If-Match on the service's version;
 * 412 there is a conflict kept for the editor. Other 4xx need the clerk's
 * attention; 5xx, 429 and network errors stop the push and set the entry's
 * next attempt from Retry-After, or with exponential backoff and full
 * jitter. No entry is ever dropped here.
 *
 * Returns: %FALSE with @error on a transient failure, to be retried later
 */
gboolean
baladi_sync_client_push (BaladiSyncClient  *self,
                         BaladiStore       *store,
                         BaladiPushStats   *stats,
                         GCancellable      *cancellable,
                         GError           **error)
{
  gint64 stale_id = -1;
  guint n_stale = 0;

  g_return_val_if_fail (BALADI_IS_SYNC_CLIENT (self), FALSE);

  memset (stats, 0, sizeof *stats);
  if (!baladi_store_reset_in_flight (store, error))
    return FALSE;

  for (;;)
    {
      gint64 now = g_get_real_time () / G_USEC_PER_SEC;
      g_autoptr(BaladiOutboxEntry) entry = baladi_store_next_outbox_entry (store, now);
      g_autofree char *path = NULL;
      g_autofree char *if_match = NULL;
      g_autoptr(JsonNode) answer = NULL;
      g_autoptr(GError) local_error = NULL;
      g_auto(Page) page = { 0, };
      guint status = 0;

      if (entry == NULL)
        return TRUE;

      if (!baladi_store_set_outbox_state (store, entry->id, "in_flight", NULL, 0, error))
        return FALSE;

      /* A request logged here is filed whole; a service's edit goes to
       * the service; every other edit is an action on a request the
       * server has, at the version seen. */
      if (entry->service_code != NULL)
        {
          path = g_strdup_printf ("/api/v1/services/%s", entry->service_code);
          if_match = g_strdup_printf ("\"v%s\"", entry->request_version != NULL ? entry->request_version : "0");
        }
      else if (g_str_equal (entry->action, "file"))
        path = g_strdup ("/api/v1/requests");
      else
        {
          path = g_strdup_printf ("/api/v1/requests/%s/%s", entry->request_id, entry->action);
          if_match = g_strdup_printf ("\"v%s\"", entry->request_version != NULL ? entry->request_version : "0");
        }
      answer = baladi_sync_client_call (self, "POST", path, entry->payload, if_match, entry->idempotency_key,
                                        &status, NULL, cancellable, &local_error);

      if (answer == NULL || status >= 500 || status == 429 ||
          (status == SOUP_STATUS_PRECONDITION_FAILED && entry->id == stale_id && n_stale >= MAX_STALE))
        {
          /* Try again later: when the server says (Retry-After), or with
           * backoff from 2 s doubling to 10 min, with full jitter. */
          guint attempt = MIN (entry->attempts, 9);
          gint64 wait = answer != NULL && self->retry_after >= 0
                        ? self->retry_after
                        : g_random_int_range (0, (gint32) MIN (600, 2 << attempt) + 1);

          stats->n_failed++;
          baladi_store_set_outbox_state (store, entry->id, "pending",
                                         local_error != NULL ? local_error->message : "Server error", now + wait, NULL);
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_HTTP, "The server answered HTTP %u", status);
          return FALSE;
        }

      if (entry->service_code != NULL &&
          ((status >= 200 && status < 300) || status == SOUP_STATUS_PRECONDITION_FAILED))
        {
          if (!store_service_answer (store, entry, status, answer, stats, error))
            {
              baladi_store_set_outbox_state (store, entry->id, "pending", "Bad answer", now, NULL);
              return FALSE;
            }
          continue;
        }

      if (status >= 200 && status < 300)
        {
          if (!read_fresh (self, store, entry, answer, &page, cancellable, error))
            {
              baladi_store_set_outbox_state (store, entry->id, "pending", "Bad answer", now, NULL);
              return FALSE;
            }
          if (!baladi_store_begin (store, error))
            return FALSE;
          if (!baladi_store_finish_outbox_entry (store, entry, error) ||
              !baladi_store_rebase_outbox (store, entry, page_request (&page)->version, error) ||
              !store_requests (store, &page, FALSE, error) ||
              !baladi_store_commit (store, error))
            {
              baladi_store_rollback (store);
              return FALSE;
            }
          stats->n_sent++;
          continue;
        }

      if (status == SOUP_STATUS_PRECONDITION_FAILED)
        {
          BaladiMerge merge;
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;

          n_stale = entry->id == stale_id ? n_stale + 1 : 1;
          stale_id = entry->id;
          /* The 412 carries the current request; else it is fetched. */
          if (!read_fresh (self, store, entry, object != NULL ? json_object_get_member (object, "current") : NULL,
                           &page, cancellable, error))
            {
              baladi_store_set_outbox_state (store, entry->id, "pending", "Bad answer", now, NULL);
              return FALSE;
            }
          if (!baladi_store_begin (store, error))
            return FALSE;
          if (!store_requests (store, &page, FALSE, error) ||
              !baladi_store_merge_stale_entry (store, entry, page_request (&page), &merge, error) ||
              !baladi_store_commit (store, error))
            {
              baladi_store_rollback (store);
              return FALSE;
            }
          if (merge == BALADI_MERGE_CONFLICT)
            stats->n_conflicts++;
          else
            stats->n_merged++;
          continue;
        }

      if (status == SOUP_STATUS_UNAUTHORIZED)
        {
          /* The token expired or was revoked: not the edit's fault. It
           * waits, as it was, for the next login. */
          baladi_store_set_outbox_state (store, entry->id, "pending", NULL, 0, NULL);
          g_set_error (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED, "The session expired; log in again");
          return FALSE;
        }

      /* An edit the server refuses: the clerk must decide. Kept, never
       * dropped. */
      {
        g_autofree char *reason = g_strdup_printf ("HTTP %u", status);

        if (!baladi_store_set_outbox_state (store, entry->id, "attention", reason, 0, error))
          return FALSE;
        stats->n_attention++;
      }
    }
}
