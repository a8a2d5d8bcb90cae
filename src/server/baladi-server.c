/* baladi-server.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The staff API of baladi-server (see docs/api.md): routing, the bearer
 * token check, login, lookups, the changes feed, and the Idempotency-Key
 * contract that every write shares. Logs one line per request with the
 * route template, never a token, a path with an id, or a citizen's data. */

#include "config.h"

#include <string.h>

#include "baladi-server.h"
#include "baladi-server-auth.h"
#include "baladi-server-catalogue.h"
#include "baladi-server-db.h"
#include "baladi-server-json.h"
#include "baladi-server-open311.h"
#include "baladi-server-requests.h"
#include "baladi-server-templates.h"

#define API_PREFIX "/api/v1/"
#define DEFAULT_TOKEN_LIFETIME (12 * 60 * 60)
#define FEED_DEFAULT_LIMIT 500
#define FEED_MAX_LIMIT 1000

struct _BaladiServer
{
  SoupServer        *soup;
  sqlite3           *db;
  BaladiSlaCalendar *calendar;
  char              *epoch;
  GBytes            *cursor_key;
  BaladiFaults      *faults;
  guint              n_errors;
  gint64             token_lifetime;
  /* Rate limiting: a token bucket per client address. */
  double             rate_limit;
  GHashTable        *buckets;
};

typedef struct {
  double tokens;
  gint64 last;
} Bucket;

/* ---- Cursors ------------------------------------------------------------ */

/* A cursor is "EPOCH.SEQ.MAC" in base64: the MAC keeps clients from
 * forging positions, the epoch ties it to this database. */
static char *
make_cursor (BaladiServer *self,
             gint64        seq)
{
  g_autofree char *payload = g_strdup_printf ("%s.%" G_GINT64_FORMAT, self->epoch, seq);
  g_autofree char *mac = g_compute_hmac_for_string (G_CHECKSUM_SHA256,
                                                    g_bytes_get_data (self->cursor_key, NULL),
                                                    g_bytes_get_size (self->cursor_key),
                                                    payload, -1);
  g_autofree char *plain = g_strdup_printf ("%s.%.16s", payload, mac);

  return g_base64_encode ((const guchar *) plain, strlen (plain));
}

typedef enum {
  CURSOR_OK,
  CURSOR_INVALID,
  CURSOR_EXPIRED,
} CursorCheck;

static CursorCheck
parse_cursor (BaladiServer *self,
              const char   *cursor,
              gint64       *seq)
{
  g_autofree guchar *decoded = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *min_seq = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *expected = NULL;
  gsize len;
  guint64 value;

  if (strlen (cursor) > 256)
    return CURSOR_INVALID;

  decoded = g_base64_decode (cursor, &len);
  plain = g_strndup ((const char *) decoded, len);
  parts = g_strsplit (plain, ".", -1);
  if (g_strv_length (parts) != 3 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, G_MAXINT64, &value, NULL))
    return CURSOR_INVALID;

  /* A cursor of another database (or of this one before a restore) is
   * not forged, just useless: the client must start over. */
  if (g_strcmp0 (parts[0], self->epoch) != 0)
    return CURSOR_EXPIRED;

  expected = make_cursor (self, (gint64) value);
  if (g_strcmp0 (expected, cursor) != 0)
    return CURSOR_INVALID;

  min_seq = baladi_server_db_get_meta (self->db, "min_seq");
  if (min_seq != NULL && (gint64) value < g_ascii_strtoll (min_seq, NULL, 10))
    return CURSOR_EXPIRED;

  *seq = (gint64) value;
  return CURSOR_OK;
}

/* ---- Handlers ----------------------------------------------------------- */

static void
handle_login (BaladiServer      *self,
              SoupServerMessage *msg)
{
  static const char *members[] = { "username", "password", NULL };
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_field_error_free);
  g_autoptr(JsonObject) body = baladi_server_parse_body (msg, members, errors);
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expiry = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expires = NULL;
  const char *username;
  const char *password;
  gint64 expires_at = 0;

  if (body == NULL)
    {
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  username = json_object_get_string_member_with_default (body, "username", NULL);
  password = json_object_get_string_member_with_default (body, "password", NULL);
  if (username == NULL || password == NULL)
    {
      baladi_field_errors_add (errors, username == NULL ? "username" : "password", "required",
                               "A string is required.");
      baladi_server_reply_field_errors (msg, errors);
      return;
    }

  token = baladi_server_login (self->db, username, password, self->token_lifetime, &expires_at, &error);
  if (token == NULL)
    {
      if (error != NULL)
        baladi_server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "internal", "Login failed.");
      else
        baladi_server_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid_credentials",
                                   "The username or the password is wrong.");
      return;
    }

  expiry = g_date_time_new_from_unix_utc (expires_at);
  expires = g_date_time_format_iso8601 (expiry);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_string_value (builder, expires);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  baladi_server_reply_json (msg, SOUP_STATUS_OK, root);
}

static void
add_bilingual (JsonBuilder  *builder,
               sqlite3_stmt *stmt,
               int           ar_column)
{
  json_builder_set_member_name (builder, "name");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ar");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, ar_column));
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, ar_column + 1));
  json_builder_end_object (builder);
}

/* Adds a list @name of objects, one per row of @sql, whose text columns
 * are named by @columns; the bilingual name comes at @name_column. */
static void
add_lookup_list (BaladiServer  *self,
                 JsonBuilder   *builder,
                 const char    *name,
                 const char    *sql,
                 const char   **columns,
                 int            name_column)
{
  g_autoptr(BaladiStmt) stmt = baladi_server_db_prepare (self->db, sql, NULL);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      for (int i = 0; columns[i] != NULL; i++)
        {
          json_builder_set_member_name (builder, columns[i]);
          json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, i));
        }
      add_bilingual (builder, stmt, name_column);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
handle_lookups (BaladiServer      *self,
                SoupServerMessage *msg)
{
  static const char *municipality_columns[] = { "code", "prefix", NULL };
  static const char *sector_columns[] = { "code", NULL };
  static const char *category_columns[] = { "code", "sector", "sla_value", "sla_unit", NULL };
  static const char *service_category_columns[] = { "code", "sector", NULL };
  static const char *staff_columns[] = { "username", "role", "scope", NULL };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GEnumClass) channels = g_type_class_ref (BALADI_TYPE_CHANNEL);
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_lookup_list (self, builder, "municipalities",
                   "SELECT code, prefix, name_ar, name_en FROM municipalities ORDER BY code",
                   municipality_columns, 2);
  add_lookup_list (self, builder, "sectors",
                   "SELECT code, name_ar, name_en FROM sectors ORDER BY code", sector_columns, 1);
  add_lookup_list (self, builder, "categories",
                   "SELECT code, sector, CAST(sla_value AS TEXT), sla_unit, name_ar, name_en "
                   "FROM categories ORDER BY sector, code", category_columns, 4);
  add_lookup_list (self, builder, "service_categories",
                   "SELECT code, sector, name_ar, name_en FROM service_categories ORDER BY sector, code",
                   service_category_columns, 2);
  add_lookup_list (self, builder, "staff",
                   "SELECT username, role, scope, display_name_ar, display_name_en "
                   "FROM staff WHERE active = 1 ORDER BY username", staff_columns, 3);

  json_builder_set_member_name (builder, "channels");
  json_builder_begin_array (builder);
  for (guint i = 0; i < channels->n_values; i++)
    json_builder_add_string_value (builder, channels->values[i].value_nick);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  baladi_server_reply_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_changes (BaladiServer      *self,
                SoupServerMessage *msg,
                BaladiStaff       *staff,
                GHashTable        *query)
{
  const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  const char *limit_text = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(BaladiStmt) stmt = NULL;
  g_autoptr(BaladiStmt) service = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *cursor = NULL;
  guint64 limit = FEED_DEFAULT_LIMIT;
  gint64 seq = 0;
  gint64 last_seq;
  guint n = 0;
  gboolean has_more = FALSE;

  if (since != NULL)
    {
      switch (parse_cursor (self, since, &seq))
        {
        case CURSOR_OK:
          break;
        case CURSOR_EXPIRED:
          baladi_server_reply_error (msg, SOUP_STATUS_GONE, "cursor_expired",
                                     "This cursor can no longer be used; sync again from the start.");
          return;
        case CURSOR_INVALID:
        default:
          baladi_server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_cursor", "This is not a cursor of this server.");
          return;
        }
    }

  if (limit_text != NULL && !g_ascii_string_to_unsigned (limit_text, 10, 1, FEED_MAX_LIMIT, &limit, NULL))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid_limit", "The limit is a number from 1 to 1000.");
      return;
    }

  /* Requests in the caller's scope and all services, merged in change
   * order. A catalogue editor's feed has services only. */
  scope = staff->scope == NULL ? g_strdup ("*") : g_strjoinv (",", staff->scope);
  stmt = baladi_server_db_prepare (self->db,
    "SELECT seq, 'request', id FROM requests WHERE seq > ?1 AND ?3 != 'catalogue_editor' "
    "  AND (?2 = '*' OR instr(',' || ?2 || ',', ',' || municipality || ',') > 0) "
    "UNION ALL SELECT seq, 'service', code FROM services WHERE seq > ?1 "
    /* A request that left the caller's scope by transfer: say it is gone. */
    "UNION ALL SELECT d.seq, 'removed', d.request_id FROM departures d JOIN requests r ON r.id = d.request_id "
    "  WHERE d.seq > ?1 AND ?2 != '*' AND ?3 != 'catalogue_editor' "
    "  AND instr(',' || ?2 || ',', ',' || d.municipality || ',') > 0 "
    "  AND instr(',' || ?2 || ',', ',' || r.municipality || ',') = 0 "
    "ORDER BY 1 LIMIT ?4", NULL);
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, scope, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, baladi_enum_to_wire (BALADI_TYPE_STAFF_ROLE, staff->role), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (gint64) limit + 1);
  service = baladi_server_db_prepare (self->db, "SELECT document, version, sector FROM services WHERE code = ?1", NULL);

  last_seq = seq;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 1);
      const char *key = (const char *) sqlite3_column_text (stmt, 2);

      if (n == limit)
        {
          has_more = TRUE;
          break;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, kind);
      json_builder_set_member_name (builder, g_str_equal (kind, "removed") ? "id" : "entity");
      if (g_str_equal (kind, "removed"))
        json_builder_add_string_value (builder, key);
      else if (g_str_equal (kind, "request"))
        {
          json_builder_add_value (builder, baladi_server_request_to_json (self->db, key, TRUE));
        }
      else
        {
          g_autofree char *version = NULL;
          JsonNode *document;

          sqlite3_reset (service);
          sqlite3_bind_text (service, 1, key, -1, SQLITE_STATIC);
          sqlite3_step (service);
          document = json_from_string ((const char *) sqlite3_column_text (service, 0), NULL);
          version = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (service, 1));
          json_object_set_string_member (json_node_get_object (document), "version", version);
          json_object_set_string_member (json_node_get_object (document), "sector",
                                         (const char *) sqlite3_column_text (service, 2));
          json_builder_add_value (builder, document);
        }
      json_builder_end_object (builder);

      last_seq = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  json_builder_end_array (builder);

  cursor = make_cursor (self, last_seq);
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_string_value (builder, cursor);
  json_builder_set_member_name (builder, "has_more");
  json_builder_add_boolean_value (builder, has_more);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  baladi_server_reply_json (msg, SOUP_STATUS_OK, root);
}

/* ---- Idempotency -------------------------------------------------------- */

static char *
payload_digest (SoupServerMessage *msg,
                const char        *path)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) soup_server_message_get_method (msg), -1);
  g_checksum_update (checksum, (const guchar *) " ", 1);
  g_checksum_update (checksum, (const guchar *) path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  if (body->length > 0)
    g_checksum_update (checksum, (const guchar *) body->data, body->length);

  return g_strdup (g_checksum_get_string (checksum));
}

static gboolean
is_valid_idempotency_key (const char *key)
{
  gsize len = key != NULL ? strlen (key) : 0;

  if (len == 0 || len > 128)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isgraph (key[i]))
      return FALSE;

  return TRUE;
}

/* Runs @write once per Idempotency-Key: a repeat of the same call gets the
 * first answer again without doing anything, a reuse of the key for a
 * different call is refused. */
static void
run_idempotent (BaladiServer      *self,
                SoupServerMessage *msg,
                BaladiStaff       *staff,
                const char        *path,
                void             (*write) (BaladiServer *, SoupServerMessage *, BaladiStaff *, gpointer),
                gpointer           data)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Idempotency-Key");
  g_autofree char *digest = NULL;
  g_autoptr(BaladiStmt) select = NULL;
  g_autoptr(BaladiStmt) insert = NULL;
  g_autoptr(GBytes) answer = NULL;
  guint status;

  if (!is_valid_idempotency_key (key))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "idempotency_key_required",
                                 "Every write needs an Idempotency-Key header of 1 to 128 visible characters.");
      return;
    }

  digest = payload_digest (msg, path);
  select = baladi_server_db_prepare (self->db,
    "SELECT payload_hash, status, body FROM idempotency WHERE username = ?1 AND key = ?2", NULL);
  sqlite3_bind_text (select, 1, staff->username, -1, SQLITE_STATIC);
  sqlite3_bind_text (select, 2, key, -1, SQLITE_STATIC);
  if (sqlite3_step (select) == SQLITE_ROW)
    {
      if (g_strcmp0 ((const char *) sqlite3_column_text (select, 0), digest) != 0)
        {
          baladi_server_reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency_key_reused",
                                     "This Idempotency-Key was used for a different call.");
          return;
        }

      soup_server_message_set_status (msg, sqlite3_column_int (select, 1), NULL);
      soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                        (const char *) sqlite3_column_text (select, 2),
                                        sqlite3_column_bytes (select, 2));
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Idempotent-Replay", "true");
      return;
    }

  write (self, msg, staff, data);

  /* Server errors are not remembered: retrying them must be possible. */
  status = soup_server_message_get_status (msg);
  if (status >= 500)
    return;

  answer = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  insert = baladi_server_db_prepare (self->db,
    "INSERT OR IGNORE INTO idempotency (username, key, payload_hash, status, body, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", NULL);
  sqlite3_bind_text (insert, 1, staff->username, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 3, digest, -1, SQLITE_STATIC);
  sqlite3_bind_int (insert, 4, status);
  sqlite3_bind_text (insert, 5, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 6, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_step (insert);
}

static void
create_request_write (BaladiServer      *self,
                      SoupServerMessage *msg,
                      BaladiStaff       *staff,
                      gpointer           data)
{
  baladi_server_create_request (self->db, self->calendar, msg, staff);
}

static void
template_create (BaladiServer      *self,
                 SoupServerMessage *msg,
                 BaladiStaff       *staff,
                 gpointer           data)
{
  baladi_server_create_template (self->db, msg, staff);
}

static void
template_edit (BaladiServer      *self,
               SoupServerMessage *msg,
               BaladiStaff       *staff,
               gpointer           data)
{
  baladi_server_edit_template (self->db, msg, staff, data);
}

static void
template_delete (BaladiServer      *self,
                 SoupServerMessage *msg,
                 BaladiStaff       *staff,
                 gpointer           data)
{
  baladi_server_delete_template (self->db, msg, staff, data);
}

static void
service_edit (BaladiServer      *self,
              SoupServerMessage *msg,
              BaladiStaff       *staff,
              gpointer           data)
{
  baladi_server_edit_service (self->db, msg, staff, data);
}

typedef struct {
  const char         *id;
  BaladiRequestWrite  write;
} RequestWriteData;

static void
request_write (BaladiServer      *self,
               SoupServerMessage *msg,
               BaladiStaff       *staff,
               gpointer           data)
{
  RequestWriteData *write = data;

  baladi_server_write_request (self->db, self->calendar, msg, staff, write->id, write->write);
}

/* ---- Routing ------------------------------------------------------------ */

static const struct {
  const char         *suffix;
  BaladiRequestWrite  write;
} request_writes[] = {
  { "replies", BALADI_REQUEST_WRITE_REPLY },
  { "notes", BALADI_REQUEST_WRITE_NOTE },
  { "status", BALADI_REQUEST_WRITE_STATUS },
  { "assign", BALADI_REQUEST_WRITE_ASSIGN },
  { "transfer", BALADI_REQUEST_WRITE_TRANSFER },
  { "merge", BALADI_REQUEST_WRITE_MERGE },
};

/* Handles one call; returns the route template for the log. */
static const char *
dispatch (BaladiServer      *self,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  g_autoptr(BaladiStaff) staff = NULL;
  g_auto(GStrv) parts = NULL;
  const char *route;
  guint n_parts;

  if (g_str_has_prefix (path, "/open311/v2/"))
    return baladi_open311_handle (self->db, self->calendar, msg, path, query);

  if (!g_str_has_prefix (path, API_PREFIX))
    {
      baladi_server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is nothing at this address.");
      return "(unknown)";
    }

  route = path + strlen (API_PREFIX);
  if (g_str_equal (route, "login"))
    {
      if (g_str_equal (method, "POST"))
        handle_login (self, msg);
      else
        baladi_server_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", "Use POST.");
      return "/api/v1/login";
    }

  staff = baladi_server_authenticate (self->db, authorization);
  if (staff == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"baladi\"");
      baladi_server_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized",
                                 "A valid bearer token is required; log in again.");
      return "(unauthorized)";
    }

  parts = g_strsplit (route, "/", -1);
  n_parts = g_strv_length (parts);

  if (n_parts == 1 && g_str_equal (parts[0], "lookups") && g_str_equal (method, "GET"))
    {
      handle_lookups (self, msg);
      return "/api/v1/lookups";
    }
  if (n_parts == 1 && g_str_equal (parts[0], "changes") && g_str_equal (method, "GET"))
    {
      handle_changes (self, msg, staff, query);
      return "/api/v1/changes";
    }
  if (n_parts == 1 && g_str_equal (parts[0], "requests") && g_str_equal (method, "POST"))
    {
      run_idempotent (self, msg, staff, path, create_request_write, NULL);
      return "/api/v1/requests";
    }
  if (n_parts == 1 && g_str_equal (parts[0], "templates") && g_str_equal (method, "GET"))
    {
      baladi_server_list_templates (self->db, msg);
      return "/api/v1/templates";
    }
  if (n_parts == 1 && g_str_equal (parts[0], "templates") && g_str_equal (method, "POST"))
    {
      run_idempotent (self, msg, staff, path, template_create, NULL);
      return "/api/v1/templates";
    }
  if (n_parts == 2 && g_str_equal (parts[0], "templates") && g_str_equal (method, "POST"))
    {
      run_idempotent (self, msg, staff, path, template_edit, parts[1]);
      return "/api/v1/templates/{id}";
    }
  if (n_parts == 2 && g_str_equal (parts[0], "templates") && g_str_equal (method, "DELETE"))
    {
      run_idempotent (self, msg, staff, path, template_delete, parts[1]);
      return "/api/v1/templates/{id}";
    }
  if (n_parts == 2 && g_str_equal (parts[0], "services") && g_str_equal (method, "GET"))
    {
      baladi_server_get_service (self->db, msg, parts[1]);
      return "/api/v1/services/{code}";
    }
  if (n_parts == 2 && g_str_equal (parts[0], "services") && g_str_equal (method, "POST"))
    {
      run_idempotent (self, msg, staff, path, service_edit, parts[1]);
      return "/api/v1/services/{code}";
    }
  if (n_parts == 2 && g_str_equal (parts[0], "requests") && g_str_equal (method, "GET"))
    {
      baladi_server_get_request (self->db, msg, staff, parts[1]);
      return "/api/v1/requests/{id}";
    }
  if (n_parts == 3 && g_str_equal (parts[0], "requests") && g_str_equal (method, "POST"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (request_writes); i++)
        {
          if (g_str_equal (parts[2], request_writes[i].suffix))
            {
              RequestWriteData data = { parts[1], request_writes[i].write };

              run_idempotent (self, msg, staff, path, request_write, &data);
              switch (request_writes[i].write)
                {
                case BALADI_REQUEST_WRITE_REPLY: return "/api/v1/requests/{id}/replies";
                case BALADI_REQUEST_WRITE_NOTE: return "/api/v1/requests/{id}/notes";
                case BALADI_REQUEST_WRITE_STATUS: return "/api/v1/requests/{id}/status";
                case BALADI_REQUEST_WRITE_ASSIGN: return "/api/v1/requests/{id}/assign";
                case BALADI_REQUEST_WRITE_TRANSFER: return "/api/v1/requests/{id}/transfer";
                case BALADI_REQUEST_WRITE_MERGE: return "/api/v1/requests/{id}/merge";
                default: g_assert_not_reached ();
                }
            }
        }
    }

  baladi_server_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", "There is nothing at this address.");
  return "(unknown)";
}

/* Takes a token from the bucket of @host. Each client may make a burst
 * of five seconds' worth of calls, then rate_limit calls a second.
 * Returns 0, or how many seconds to wait before the next call. */
static guint
take_token (BaladiServer *self,
            const char   *host)
{
  double burst = self->rate_limit * 5;
  gint64 now = g_get_monotonic_time ();
  Bucket *bucket;

  if (self->rate_limit <= 0 || host == NULL)
    return 0;

  bucket = g_hash_table_lookup (self->buckets, host);
  if (bucket == NULL)
    {
      bucket = g_new (Bucket, 1);
      bucket->tokens = burst;
      bucket->last = now;
      g_hash_table_insert (self->buckets, g_strdup (host), bucket);
    }

  bucket->tokens = MIN (burst, bucket->tokens + (now - bucket->last) / (double) G_USEC_PER_SEC * self->rate_limit);
  bucket->last = now;
  if (bucket->tokens >= 1)
    {
      bucket->tokens -= 1;
      return 0;
    }

  return (guint) MAX (1, (1 - bucket->tokens) / self->rate_limit + 0.999);
}

static gboolean
unpause_cb (gpointer data)
{
  soup_server_message_unpause (data);
  return G_SOURCE_REMOVE;
}

/* Injects the fault drawn for this call, if any, before handling it.
 * Returns whether the call is answered already. */
static gboolean
inject_fault_before (BaladiServer      *self,
                     SoupServerMessage *msg,
                     BaladiFault        fault)
{
  switch (fault)
    {
    case BALADI_FAULT_ERROR:
      /* Alternate: a crash, then an overload that says when to retry. */
      if (self->n_errors++ % 2 == 0)
        {
          baladi_server_reply_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "injected", "Injected fault.");
        }
      else
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
          baladi_server_reply_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "injected", "Injected fault.");
        }
      return TRUE;

    case BALADI_FAULT_STALE_CURSOR:
      baladi_server_reply_error (msg, SOUP_STATUS_GONE, "cursor_expired",
                                 "This cursor can no longer be used; sync again from the start.");
      return TRUE;

    case BALADI_FAULT_NONE:
    case BALADI_FAULT_DROP:
    case BALADI_FAULT_TRUNCATE:
    default:
      return FALSE;
    }
}

/* Faults that strike after the call was handled, its change stored: the
 * client never learns the outcome and must retry safely. */
static void
inject_fault_after (SoupServerMessage *msg,
                    BaladiFault        fault)
{
  if (fault == BALADI_FAULT_TRUNCATE)
    {
      g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
      gsize half = g_bytes_get_size (body) / 2;

      soup_server_message_set_response (msg, "application/json; charset=utf-8", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), half);
    }
  else if (fault == BALADI_FAULT_DROP)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
    }
}

static void
handle_api_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  BaladiServer *self = user_data;
  gint64 start = g_get_monotonic_time ();
  gboolean has_cursor = query != NULL && g_hash_table_contains (query, "since");
  BaladiFault fault = baladi_faults_draw (self->faults, has_cursor);
  const char *route = "(fault)";
  guint wait;

  wait = take_token (self, soup_server_message_get_remote_host (msg));
  if (wait > 0)
    {
      g_autofree char *retry_after = g_strdup_printf ("%u", wait);

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", retry_after);
      baladi_server_reply_error (msg, 429, "too_many_requests",
                                 "Too many calls; wait as long as Retry-After says.");
      route = "(rate limited)";
    }
  else if (soup_server_message_get_request_body (msg)->length > BALADI_SERVER_MAX_BODY)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", "The body is larger than 1 MiB.");
      route = "(too large)";
    }
  else if (!inject_fault_before (self, msg, fault))
    {
      route = dispatch (self, msg, path, query);
    }

  g_printerr ("%s %s %u %.1fms%s\n",
              soup_server_message_get_method (msg), route,
              soup_server_message_get_status (msg),
              (g_get_monotonic_time () - start) / 1000.0,
              fault == BALADI_FAULT_NONE ? "" : " (fault injected)");

  inject_fault_after (msg, fault);

  if (fault != BALADI_FAULT_DROP && baladi_faults_get_delay (self->faults) > 0)
    {
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, baladi_faults_get_delay (self->faults),
                          unpause_cb, g_object_ref (msg), g_object_unref);
    }
}

/* Refuses a body announced as too large before reading it. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > BALADI_SERVER_MAX_BODY)
    {
      baladi_server_reply_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", "The body is larger than 1 MiB.");
      g_printerr ("%s (too large) %u 0.0ms\n", soup_server_message_get_method (msg), SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE);
    }
}

/* ---- Life cycle --------------------------------------------------------- */

static gboolean
ensure_secrets (BaladiServer  *self,
                GError       **error)
{
  g_autofree char *key = NULL;

  self->epoch = baladi_server_db_get_meta (self->db, "epoch");
  if (self->epoch == NULL)
    {
      self->epoch = g_uuid_string_random ();
      if (!baladi_server_db_set_meta (self->db, "epoch", self->epoch, error))
        return FALSE;
    }

  key = baladi_server_db_get_meta (self->db, "cursor_key");
  if (key == NULL)
    {
      g_autofree char *a = g_uuid_string_random ();
      g_autofree char *b = g_uuid_string_random ();

      key = g_strconcat (a, b, NULL);
      if (!baladi_server_db_set_meta (self->db, "cursor_key", key, error))
        return FALSE;
    }
  self->cursor_key = g_bytes_new (key, strlen (key));

  return TRUE;
}

/**
 * baladi_server_new:
 * @db: (transfer full): the open database
 * @faults: (transfer full) (nullable): faults to inject, for tests
 * @rate_limit: calls a second allowed to each client; 0 for no limit
 *
 * Returns: (transfer full) (nullable): the server, not yet listening
 */
BaladiServer *
baladi_server_new (sqlite3       *db,
                   BaladiFaults  *faults,
                   double         rate_limit,
                   GError       **error)
{
  g_autoptr(BaladiServer) self = g_new0 (BaladiServer, 1);

  self->db = db;
  self->faults = faults;
  self->rate_limit = rate_limit;
  self->token_lifetime = DEFAULT_TOKEN_LIFETIME;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!ensure_secrets (self, error))
    return NULL;

  self->calendar = baladi_sla_calendar_new ();
  self->soup = soup_server_new ("server-header", "baladi-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handle_api_cb, self, NULL);

  return g_steal_pointer (&self);
}

void
baladi_server_free (BaladiServer *self)
{
  if (self == NULL)
    return;

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->cursor_key, g_bytes_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->faults, baladi_faults_free);
  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_free (self->epoch);
  g_free (self);
}

SoupServer *
baladi_server_get_soup (BaladiServer *self)
{
  return self->soup;
}

/**
 * baladi_server_set_token_lifetime:
 * @seconds: how long a token from a login is valid, at least 1
 *
 * Twelve hours unless changed; tests of clients set a few seconds to see
 * tokens expire.
 */
void
baladi_server_set_token_lifetime (BaladiServer *self,
                                  gint64        seconds)
{
  g_return_if_fail (seconds > 0);

  self->token_lifetime = seconds;
}
