/* baladi-credentials.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The API token in the user's keyring, never in a file of ours: one item
 * per server, with the server's address and the username as attributes so
 * that the desk can start signed in, and say whose password it needs when
 * the token has expired. The password itself is never kept.
 *
 * These calls block on the keyring (D-Bus, or the file backend in tests):
 * the sync engine makes them in its worker thread. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "baladi-credentials.h"

/**
 * baladi_credentials_get_schema:
 *
 * Returns: the schema of the items, "org.baladi.Desk.Token"
 */
const SecretSchema *
baladi_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    "org.baladi.Desk.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/**
 * baladi_credentials_store:
 * @server: the address of the central API
 *
 * Keeps @token as the only one for @server, replacing any earlier one,
 * whoever it belonged to.
 */
gboolean
baladi_credentials_store (const char    *server,
                          const char    *username,
                          const char    *token,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL && username != NULL && token != NULL, FALSE);

  if (!baladi_credentials_clear (server, cancellable, error))
    return FALSE;

  /* Translators: the name of the saved sign-in in the keyring (Passwords
   * and Keys); the first %s is a username, the second a server address. */
  label = g_strdup_printf (_("Baladi Desk sign-in of %s on %s"), username, server);
  return secret_password_store_sync (baladi_credentials_get_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                                     cancellable, error, "server", server, "username", username, NULL);
}

/**
 * baladi_credentials_lookup:
 * @username: (out) (optional): whose token it is
 * @token: (out): the token, or %NULL when there is none
 *
 * Returns: %FALSE only when the keyring could not be read
 */
gboolean
baladi_credentials_lookup (const char    *server,
                           char         **username,
                           char         **token,
                           GCancellable  *cancellable,
                           GError       **error)
{
  GList *items;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (server != NULL && token != NULL, FALSE);

  *token = NULL;
  if (username != NULL)
    *username = NULL;

  items = secret_password_search_sync (baladi_credentials_get_schema (),
                                       SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                       cancellable, &local_error, "server", server, NULL);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (items == NULL)
    return TRUE;

  /* baladi_credentials_store() keeps one item per server. */
  value = secret_retrievable_retrieve_secret_sync (items->data, cancellable, &local_error);
  attributes = secret_retrievable_get_attributes (items->data);
  g_list_free_full (items, g_object_unref);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (value == NULL)
    return TRUE;

  *token = g_strdup (secret_value_get_text (value));
  if (username != NULL)
    *username = g_strdup (g_hash_table_lookup (attributes, "username"));
  return TRUE;
}

/**
 * baladi_credentials_clear:
 *
 * Forgets the token of @server: the user signed out, or the server no
 * longer takes it.
 */
gboolean
baladi_credentials_clear (const char    *server,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (server != NULL, FALSE);

  /* FALSE without an error only means there was nothing to clear. */
  if (!secret_password_clear_sync (baladi_credentials_get_schema (), cancellable, &local_error,
                                   "server", server, NULL) && local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
