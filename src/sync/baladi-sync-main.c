/* baladi-sync-main.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* baladi-sync: one sync of the local cache with the central API, for
 * scripts and benchmarks. Pushes the outbox, then pulls the changes, and
 * prints what it did. The password is read from BALADI_PASSWORD so that it
 * never shows in a process list.
 *
 * With --open311 URL it imports instead, read-only, the services and
 * requests of an Open311 GeoReport v2 endpoint (the key, if the endpoint
 * wants one, from BALADI_OPEN311_API_KEY). */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "baladi-open311-source.h"
#include "baladi-sync-client.h"

static void
progress_cb (BaladiOpen311Source      *source,
             const BaladiOpen311Stats *stats,
             gpointer                  user_data)
{
  g_print ("page %u: %u requests so far\n", stats->n_pages, stats->n_requests);
}

static int
import_open311 (const char *url,
                const char *format_name,
                const char *jurisdiction,
                const char *name,
                int         page_size,
                const char *since,
                const char *cache)
{
  g_autoptr(BaladiOpen311Source) source = NULL;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  BaladiOpen311Format format = BALADI_OPEN311_FORMAT_JSON;
  BaladiOpen311Stats stats;
  gint64 begin;
  double seconds;

  if (format_name != NULL && !baladi_open311_format_from_string (format_name, &format))
    {
      g_printerr ("baladi-sync: --format is json or xml\n");
      return 2;
    }
  if (since != NULL && (start = g_date_time_new_from_iso8601 (since, utc)) == NULL)
    {
      g_printerr ("baladi-sync: --since is an ISO 8601 time, e.g. 2026-01-01T00:00:00Z\n");
      return 2;
    }
  if (page_size < 0 || page_size > 1000)
    {
      g_printerr ("baladi-sync: --page-size is 1 to 1000\n");
      return 2;
    }

  source = baladi_open311_source_new (url, format);
  if (name != NULL && !baladi_open311_source_set_name (source, name))
    {
      g_printerr ("baladi-sync: --name has letters, digits, '.', '-' and '_' only, at most 64\n");
      return 2;
    }
  baladi_open311_source_set_jurisdiction_id (source, jurisdiction);
  baladi_open311_source_set_api_key (source, g_getenv ("BALADI_OPEN311_API_KEY"));
  if (page_size > 0)
    baladi_open311_source_set_page_size (source, page_size);
  baladi_open311_source_set_dates (source, start, NULL);
  g_signal_connect (source, "progress", G_CALLBACK (progress_cb), NULL);

  store = baladi_store_open (cache, &error);
  if (store == NULL)
    {
      g_printerr ("baladi-sync: %s\n", error->message);
      return 1;
    }

  g_print ("importing %s (%s) as “%s”\n", url, baladi_open311_format_to_string (format),
           baladi_open311_source_get_name (source));
  begin = g_get_monotonic_time ();
  if (!baladi_open311_source_import (source, store, &stats, NULL, &error))
    {
      g_printerr ("baladi-sync: Open311 import stopped after %u requests: %s\n", stats.n_requests, error->message);
      return 1;
    }

  seconds = (g_get_monotonic_time () - begin) / (double) G_USEC_PER_SEC;
  g_print ("open311 import: %u services, %u requests, %u skipped in %u pages%s, %.1f MB, %.2f s, %.0f requests/s\n",
           stats.n_services, stats.n_requests, stats.n_skipped, stats.n_pages,
           stats.truncated ? " (stopped at the limit)" : "", stats.n_bytes / 1e6, seconds,
           stats.n_requests / (seconds > 1e-6 ? seconds : 1e-6));
  return 0;
}

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
  g_autofree char *open311 = NULL;
  g_autofree char *format = NULL;
  g_autofree char *jurisdiction = NULL;
  g_autofree char *name = NULL;
  g_autofree char *since = NULL;
  int page_size = 0;
  const char *password = g_getenv ("BALADI_PASSWORD");
  BaladiPushStats pushed;
  BaladiPullStats pulled;
  gint64 start;
  double seconds;
  GOptionEntry entries[] = {
    { "server", 's', 0, G_OPTION_ARG_STRING, &server, "The central API, e.g. http://127.0.0.1:8470/", "URL" },
    { "user", 'u', 0, G_OPTION_ARG_STRING, &user, "Username (the password comes from BALADI_PASSWORD)", "NAME" },
    { "cache", 'c', 0, G_OPTION_ARG_FILENAME, &cache, "Cache file (default: the desk's own)", "FILE" },
    { "open311", 0, 0, G_OPTION_ARG_STRING, &open311,
      "Import read-only from this Open311 GeoReport v2 endpoint instead, e.g. https://example.org/open311/v2/", "URL" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "With --open311: json (default) or xml", "FORMAT" },
    { "jurisdiction", 0, 0, G_OPTION_ARG_STRING, &jurisdiction, "With --open311: the jurisdiction_id", "ID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "With --open311: the source's name in the cache (default: its host)", "NAME" },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, "With --open311: requests a page (default 200)", "N" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, "With --open311: requests filed since (start_date)", "TIME" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— sync the Baladi Desk cache once");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("baladi-sync: %s\n", error->message);
      return 2;
    }
  if (open311 != NULL)
    return import_open311 (open311, format, jurisdiction, name, page_size, since, cache);
  if (server == NULL || user == NULL || password == NULL)
    {
      g_printerr ("baladi-sync: --server, --user and BALADI_PASSWORD are required (or --open311)\n");
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
