/* baladi-server-auth.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Staff passwords and bearer tokens.
 *
 * Passwords are stored as PBKDF2-HMAC-SHA256 with a random salt, in the form
 * pbkdf2-sha256$ITERATIONS$SALT$HASH (hex), so that the iteration count can
 * grow without invalidating stored hashes. Tokens are 256 random bits; only
 * their SHA-256 is stored, so a copy of the database gives no one a
 * session. */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "baladi-server-auth.h"
#include "baladi-server-db.h"

#define HASH_LEN 32
#define SALT_LEN 16
#define TOKEN_LEN 32
#define PRODUCTION_ITERATIONS 200000

void
baladi_staff_free (BaladiStaff *staff)
{
  if (staff == NULL)
    return;

  g_free (staff->username);
  g_strfreev (staff->scope);
  g_free (staff);
}

/**
 * baladi_staff_can_see:
 *
 * Returns: whether @staff may see requests of @municipality
 */
gboolean
baladi_staff_can_see (BaladiStaff *staff,
                      const char  *municipality)
{
  g_return_val_if_fail (staff != NULL, FALSE);

  return staff->scope == NULL ||
         (municipality != NULL && g_strv_contains ((const char * const *) staff->scope, municipality));
}

static void
random_bytes (guint8 *buffer,
              gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n = getrandom (buffer + done, len - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      /* Without a source of randomness there can be no safe token or salt;
       * carrying on would hand out guessable sessions. */
      if (n < 0)
        g_error ("getrandom() failed: %s", g_strerror (errno));
      done += n;
    }
}

static char *
to_hex (const guint8 *data,
        gsize         len)
{
  GString *hex = g_string_sized_new (len * 2);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (hex, "%02x", data[i]);

  return g_string_free (hex, FALSE);
}

static gboolean
from_hex (const char *hex,
          guint8     *out,
          gsize       len)
{
  if (strlen (hex) != len * 2)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]);
      int lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }

  return TRUE;
}

/* PBKDF2 (RFC 8018) with HMAC-SHA256 and one block of output, which is all
 * a 32-byte key needs. */
static void
pbkdf2_sha256 (const char   *password,
               const guint8 *salt,
               gsize         salt_len,
               guint         iterations,
               guint8        out[HASH_LEN])
{
  static const guint8 block_index[4] = { 0, 0, 0, 1 };
  g_autoptr(GHmac) keyed = g_hmac_new (G_CHECKSUM_SHA256, (const guchar *) password, strlen (password));
  guint8 u[HASH_LEN];
  gsize len = HASH_LEN;
  GHmac *hmac;

  hmac = g_hmac_copy (keyed);
  g_hmac_update (hmac, salt, salt_len);
  g_hmac_update (hmac, block_index, sizeof block_index);
  g_hmac_get_digest (hmac, u, &len);
  g_hmac_unref (hmac);
  memcpy (out, u, HASH_LEN);

  for (guint i = 1; i < iterations; i++)
    {
      hmac = g_hmac_copy (keyed);
      g_hmac_update (hmac, u, HASH_LEN);
      len = HASH_LEN;
      g_hmac_get_digest (hmac, u, &len);
      g_hmac_unref (hmac);

      for (guint j = 0; j < HASH_LEN; j++)
        out[j] ^= u[j];
    }
}

/**
 * baladi_password_default_iterations:
 *
 * Returns: the PBKDF2 iteration count for new hashes: the production count,
 *   or BALADI_SERVER_PBKDF2_ITERATIONS from the environment (tests set a
 *   small one to run fast)
 */
guint
baladi_password_default_iterations (void)
{
  const char *env = g_getenv ("BALADI_SERVER_PBKDF2_ITERATIONS");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 10000000, &value, NULL))
    return (guint) value;

  return PRODUCTION_ITERATIONS;
}

char *
baladi_password_hash (const char *password,
                      guint       iterations)
{
  guint8 salt[SALT_LEN];
  guint8 hash[HASH_LEN];
  g_autofree char *salt_hex = NULL;
  g_autofree char *hash_hex = NULL;

  g_return_val_if_fail (password != NULL, NULL);
  g_return_val_if_fail (iterations > 0, NULL);

  random_bytes (salt, sizeof salt);
  pbkdf2_sha256 (password, salt, sizeof salt, iterations, hash);
  salt_hex = to_hex (salt, sizeof salt);
  hash_hex = to_hex (hash, sizeof hash);

  return g_strdup_printf ("pbkdf2-sha256$%u$%s$%s", iterations, salt_hex, hash_hex);
}

gboolean
baladi_password_verify (const char *password,
                        const char *stored)
{
  g_auto(GStrv) parts = NULL;
  guint8 salt[SALT_LEN];
  guint8 expected[HASH_LEN];
  guint8 actual[HASH_LEN];
  guint64 iterations;
  guint8 difference = 0;

  if (password == NULL || stored == NULL)
    return FALSE;

  parts = g_strsplit (stored, "$", -1);
  if (g_strv_length (parts) != 4 ||
      g_strcmp0 (parts[0], "pbkdf2-sha256") != 0 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 10000000, &iterations, NULL) ||
      !from_hex (parts[2], salt, sizeof salt) ||
      !from_hex (parts[3], expected, sizeof expected))
    return FALSE;

  pbkdf2_sha256 (password, salt, sizeof salt, (guint) iterations, actual);

  /* Compare in constant time: how long this takes must not tell how many
   * leading bytes were right. */
  for (guint i = 0; i < HASH_LEN; i++)
    difference |= actual[i] ^ expected[i];

  return difference == 0;
}

static char *
token_digest (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

/**
 * baladi_server_login:
 *
 * Checks @username and @password and opens a session.
 *
 * Returns: (transfer full) (nullable): a new bearer token, or %NULL if the
 *   user is unknown, inactive or the password is wrong (@error is then
 *   only set for database failures)
 */
char *
baladi_server_login (sqlite3     *db,
                     const char  *username,
                     const char  *password,
                     gint64       lifetime_seconds,
                     gint64      *expires_at,
                     GError     **error)
{
  g_autoptr(BaladiStmt) select = NULL;
  g_autoptr(BaladiStmt) insert = NULL;
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  guint8 raw[TOKEN_LEN];
  const char *stored = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  select = baladi_server_db_prepare (db,
    "SELECT password_hash FROM staff WHERE username = ?1 AND active = 1", error);
  if (select == NULL)
    return NULL;
  sqlite3_bind_text (select, 1, username, -1, SQLITE_STATIC);
  if (sqlite3_step (select) == SQLITE_ROW)
    stored = (const char *) sqlite3_column_text (select, 0);

  if (!baladi_password_verify (password, stored))
    return NULL;

  random_bytes (raw, sizeof raw);
  token = to_hex (raw, sizeof raw);
  digest = token_digest (token);

  insert = baladi_server_db_prepare (db,
    "INSERT INTO tokens (token_hash, username, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)", error);
  if (insert == NULL)
    return NULL;
  sqlite3_bind_text (insert, 1, digest, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 2, username, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (insert, 3, now);
  sqlite3_bind_int64 (insert, 4, now + lifetime_seconds);
  if (sqlite3_step (insert) != SQLITE_DONE)
    {
      baladi_server_db_set_error (db, error);
      return NULL;
    }

  *expires_at = now + lifetime_seconds;
  return g_steal_pointer (&token);
}

/**
 * baladi_server_authenticate:
 * @authorization: (nullable): the Authorization header
 *
 * Returns: (transfer full) (nullable): who the bearer token belongs to, or
 *   %NULL for a missing, malformed, unknown or expired token
 */
BaladiStaff *
baladi_server_authenticate (sqlite3    *db,
                            const char *authorization)
{
  g_autoptr(BaladiStmt) stmt = NULL;
  g_autofree char *digest = NULL;
  BaladiStaff *staff;
  const char *token;
  const char *scope;
  int role;

  if (authorization == NULL || !g_str_has_prefix (authorization, "Bearer "))
    return NULL;

  token = authorization + strlen ("Bearer ");
  if (strlen (token) != TOKEN_LEN * 2)
    return NULL;

  digest = token_digest (token);
  stmt = baladi_server_db_prepare (db,
    "SELECT s.username, s.role, s.scope FROM tokens t JOIN staff s USING (username) "
    "WHERE t.token_hash = ?1 AND t.expires_at > ?2 AND s.active = 1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, digest, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  if (!baladi_enum_from_wire (BALADI_TYPE_STAFF_ROLE, (const char *) sqlite3_column_text (stmt, 1), &role))
    return NULL;

  staff = g_new0 (BaladiStaff, 1);
  staff->username = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  staff->role = role;
  scope = (const char *) sqlite3_column_text (stmt, 2);
  staff->scope = g_strcmp0 (scope, "*") == 0 ? NULL : g_strsplit (scope, ",", -1);

  return staff;
}
