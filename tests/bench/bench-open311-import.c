/* bench-open311-import.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How fast the Open311 import fills a cache: a real baladi-server on
 * loopback with N generated requests (first argument, default 20000),
 * imported through its GeoReport side in JSON, then in XML, in pages of
 * P (second argument, default 1000), each into a fresh cache file; then,
 * side by side, the same pages fetched and thrown away (the floor), and
 * the central API's own full sync of the same requests into a third
 * cache; then a second JSON import, which asks only for what changed. Prints requests/s, pages, MB and seconds. Not a test: it
 * asserts nothing about speed. */

#include "config.h"

#include <glib/gstdio.h>

#include "baladi-open311-source.h"
#include "baladi-sync-client.h"
#include "baladi-test-server.h"

static char *dir;

static BaladiStore *
fresh_store (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  BaladiStore *store = baladi_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

static void
run_import (BaladiOpen311Source *source,
            BaladiStore         *store,
            const char          *label)
{
  g_autoptr(GError) error = NULL;
  BaladiOpen311Stats stats;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  if (!baladi_open311_source_import (source, store, &stats, NULL, &error))
    g_error ("%s: %s", label, error->message);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("%-28s %7u requests %5u pages %7.1f MB %8.3f s %9.0f requests/s\n", label, stats.n_requests,
           stats.n_pages, stats.n_bytes / 1e6, seconds, stats.n_requests / (seconds > 1e-6 ? seconds : 1e-6));
}

/* The floor: the same pages fetched and thrown away, so that what the
 * import adds (parsing, checking, storing) shows. */
static void
fetch_only (const char *base,
            const char *format,
            guint       page_size)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  gint64 start = g_get_monotonic_time ();
  guint64 n_bytes = 0;
  guint n_pages = 0;
  double seconds;

  for (guint page = 1;; page++)
    {
      g_autofree char *uri = g_strdup_printf ("%srequests.%s?start_date=2000-01-01T00:00:00Z&page=%u&page_size=%u",
                                              base, format, page, page_size);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      body = soup_session_send_and_read (session, msg, NULL, &error);
      if (body == NULL || soup_message_get_status (msg) != 200)
        g_error ("Fetching failed: %s", error != NULL ? error->message : soup_message_get_reason_phrase (msg));
      n_pages++;
      n_bytes += g_bytes_get_size (body);
      /* An empty list is a few bytes. */
      if (g_bytes_get_size (body) < 100)
        break;
    }

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("%-28s %15s %5u pages %7.1f MB %8.3f s\n", format[0] == 'j' ? "Fetch only, JSON" : "Fetch only, XML",
           "", n_pages, n_bytes / 1e6, seconds);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *n_text = g_strdup (argc > 1 ? argv[1] : "20000");
  guint page_size = argc > 2 ? (guint) CLAMP (g_ascii_strtoull (argv[2], NULL, 10), 1, 1000) : 1000;
  const char *args[] = { "--rate-limit", "0", "--seed-requests", n_text, "--demo-data", BENCH_DEMO_CATALOGUE, NULL };
  g_autoptr(BaladiTestServer) server = NULL;
  g_autoptr(BaladiOpen311Source) json = NULL;
  g_autoptr(BaladiOpen311Source) xml = NULL;
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(BaladiStore) json_store = NULL;
  g_autoptr(BaladiStore) xml_store = NULL;
  g_autoptr(BaladiStore) central_store = NULL;
  g_autoptr(GDateTime) since = g_date_time_new_from_iso8601 ("2000-01-01T00:00:00Z", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  BaladiPullStats pulled;
  gint64 start;
  double seconds;

  g_setenv ("BALADI_SERVER", BENCH_SERVER, FALSE);
  g_setenv ("BALADI_TEST_DEMO_DATA", BENCH_DEMO_DATA, FALSE);
  dir = g_dir_make_tmp ("bench-open311-XXXXXX", &error);
  g_assert_no_error (error);

  g_print ("Generating %s requests…\n", n_text);
  server = baladi_test_server_start_with (args);
  base = g_strconcat (baladi_test_server_get_uri (server), "/open311/v2/", NULL);

  json = baladi_open311_source_new (base, BALADI_OPEN311_FORMAT_JSON);
  xml = baladi_open311_source_new (base, BALADI_OPEN311_FORMAT_XML);
  baladi_open311_source_set_page_size (json, page_size);
  baladi_open311_source_set_page_size (xml, page_size);
  baladi_open311_source_set_max_requests (json, G_MAXUINT);
  baladi_open311_source_set_max_requests (xml, G_MAXUINT);
  baladi_open311_source_set_dates (json, since, NULL);
  baladi_open311_source_set_dates (xml, since, NULL);

  json_store = fresh_store ("json.db");
  xml_store = fresh_store ("xml.db");
  central_store = fresh_store ("central.db");

  fetch_only (base, "json", page_size);
  run_import (json, json_store, "Open311 JSON import");
  fetch_only (base, "xml", page_size);
  run_import (xml, xml_store, "Open311 XML import");

  /* The central API's own feed, for comparison: it carries more per
   * request (citizen, whole history) and has its own cursor. */
  client = baladi_sync_client_new (baladi_test_server_get_uri (server));
  if (!baladi_sync_client_login (client, "director", "Baladi#2026", NULL, &error))
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  if (!baladi_sync_client_pull (client, central_store, &pulled, NULL, &error))
    g_error ("%s", error->message);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_print ("%-28s %7u requests %5u pages %7.1f MB %8.3f s %9.0f requests/s\n", "Central API full sync",
           pulled.n_requests, pulled.n_pages, pulled.n_bytes / 1e6, seconds,
           pulled.n_requests / (seconds > 1e-6 ? seconds : 1e-6));

  run_import (json, json_store, "Open311 JSON, nothing new");

  g_clear_object (&json_store);
  g_clear_object (&xml_store);
  g_clear_object (&central_store);
  {
    const char *names[] = { "json.db", "xml.db", "central.db" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      for (guint j = 0; j < 3; j++)
        {
          static const char *suffixes[] = { "", "-wal", "-shm" };
          g_autofree char *path = g_strconcat (dir, G_DIR_SEPARATOR_S, names[i], suffixes[j], NULL);

          g_remove (path);
        }
    g_rmdir (dir);
  }
  g_free (dir);

  return 0;
}
