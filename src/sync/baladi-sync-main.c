/* baladi-sync-main.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* baladi-sync: one sync of the local cache with the central API, for
 * scripts and benchmarks. Pushes the outbox, then pulls the changes, and
 * prints what it did. The password is read from BALADI_PASSWORD so that it
 * never shows in a process list. */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "baladi-sync-client.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  g_autofree char *cache = NULL;
  const char *password = g_getenv ("BALADI_PASSWORD");
  BaladiPushStats pushed;
  BaladiPullStats pulled;
  gint64 start;
  double seconds;
  GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, "The central API, e.g. http://127.0.0.1:8470/", "URL" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, "Username (the password comes from BALADI_PASSWORD)", "NAME" },
    { "cache", 'c', 0, G_OPTION_ARG_FILENAME, &cache, "Cache file (default: the desk's own)", "FILE" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— sync the Baladi Desk cache once");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || server == NULL || user == NULL || password == NULL)
    {
      g_printerr ("baladi-sync: %s\n", error != NULL ? error->message
                                                     : "--server, --user and BALADI_PASSWORD are required");
      return 2;
    }

  store = baladi_store_open (cache, &error);
  client = baladi_sync_client_new (server);
  if (store == NULL || !baladi_sync_client_login (client, user, password, NULL, &error))
    {
      g_printerr ("baladi-sync: %s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!baladi_sync_client_push (client, store, &pushed, NULL, &error))
    {
      g_printerr ("baladi-sync: push stopped, will retry later: %s\n", error->message);
      g_clear_error (&error);
    }
  g_print ("pushed %u, conflicts %u, needing attention %u\n", pushed.n_sent, pushed.n_conflicts, pushed.n_attention);

  if (!baladi_sync_client_pull (client, store, &pulled, NULL, &error))
    {
      g_printerr ("baladi-sync: pull failed: %s\n", error->message);
      return 1;
    }

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("%s sync: %u requests, %u services, %u removed in %u pages, %.1f MB, %.2f s, %.0f requests/s\n",
           pulled.full ? "full" : "incremental", pulled.n_requests, pulled.n_services, pulled.n_removed,
           pulled.n_pages, pulled.n_bytes / 1e6, seconds, pulled.n_requests / MAX (seconds, 1e-6));
  return 0;
}
