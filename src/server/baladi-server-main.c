/* baladi-server-main.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "baladi-server.h"
#include "baladi-server-db.h"
#include "baladi-server-demo.h"
#include "baladi-server-seed.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *demo_data = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *uri = NULL;
  gboolean seed_demo = FALSE;
  gboolean listen_all = FALSE;
  g_autofree char *faults_spec = NULL;
  g_autoptr(BaladiFaults) faults = NULL;
  double rate_limit = 20;
  gint64 token_lifetime = 12 * 60 * 60;
  int n_requests = 3000;
  int port = 8470;
  sqlite3 *db;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "Port to listen on; 0 picks a free one (default 8470)", "PORT" },
    { "db", 'd', 0, G_OPTION_ARG_FILENAME, &db_path, "Database file, created if missing (default baladi-server.db)", "FILE" },
    { "seed-demo", 0, 0, G_OPTION_ARG_NONE, &seed_demo, "Add the demo municipalities, categories, staff and services", NULL },
    { "seed-requests", 0, 0, G_OPTION_ARG_INT, &n_requests, "With --seed-demo, how many demo requests to generate into an empty database (default 3000)", "N" },
    { "demo-data", 0, 0, G_OPTION_ARG_FILENAME, &demo_data, "Directory of the demo service catalogue (default " PKGDATADIR "/demo)", "DIR" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, "PEM certificate: serve HTTPS", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, "PEM private key of the certificate", "FILE" },
    { "listen-all", 0, 0, G_OPTION_ARG_NONE, &listen_all, "Listen on every interface, not only loopback", NULL },
    { "rate-limit", 0, 0, G_OPTION_ARG_DOUBLE, &rate_limit, "Calls a second each client may make, after a burst of five seconds' worth (default 20; 0: no limit)", "N" },
    { "token-lifetime", 0, 0, G_OPTION_ARG_INT64, &token_lifetime, "Seconds a login token stays valid (default 43200, twelve hours)", "SECONDS" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &faults_spec, "Inject faults, for testing clients (also BALADI_SERVER_FAULTS); see docs/api.md", "SPEC" },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— the reference central API of Baladi Desk");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("baladi-server: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || (tls_cert == NULL) != (tls_key == NULL) || token_lifetime < 1)
    {
      g_printerr ("baladi-server: a port is 0 to 65535, --tls-cert needs --tls-key, and a token lives at least 1 second\n");
      return 2;
    }

  if (faults_spec == NULL)
    faults_spec = g_strdup (g_getenv ("BALADI_SERVER_FAULTS"));
  if (faults_spec != NULL)
    {
      faults = baladi_faults_parse (faults_spec, &error);
      if (faults == NULL)
        {
          g_printerr ("baladi-server: --faults: %s\n", error->message);
          return 2;
        }
      g_printerr ("Fault injection is ON: %s\n", faults_spec);
    }

  db = baladi_server_db_open (db_path != NULL ? db_path : "baladi-server.db", &error);
  if (db == NULL)
    {
      g_printerr ("baladi-server: %s\n", error->message);
      return 1;
    }

  if (seed_demo)
    {
      guint n_services = 0;

      if (!baladi_server_seed_reference (db, &error) ||
          !baladi_server_seed_services (db, demo_data != NULL ? demo_data : PKGDATADIR "/demo",
                                        &n_services, &error))
        {
          g_printerr ("baladi-server: cannot seed the demo data: %s\n", error->message);
          sqlite3_close (db);
          return 1;
        }
      g_printerr ("Demo data: %u new services\n", n_services);

      /* BALADI_SERVER_DEMO_NOW fixes the present, so that tests can compare
       * two generated databases. */
      if (n_requests > 0)
        {
          const char *now_env = g_getenv ("BALADI_SERVER_DEMO_NOW");
          gint64 now = now_env != NULL ? g_ascii_strtoll (now_env, NULL, 10) : g_get_real_time () / G_USEC_PER_SEC;

          if (!baladi_server_seed_requests (db, n_requests, 20260101, now, &error))
            {
              g_printerr ("baladi-server: cannot generate the demo requests: %s\n", error->message);
              sqlite3_close (db);
              return 1;
            }
        }
    }

  server = baladi_server_new (db, g_steal_pointer (&faults), MAX (rate_limit, 0), &error);
  if (server == NULL)
    {
      g_printerr ("baladi-server: %s\n", error->message);
      return 1;
    }

  baladi_server_set_token_lifetime (server, token_lifetime);

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr ("baladi-server: %s\n", error->message);
          return 1;
        }
      g_object_set (baladi_server_get_soup (server), "tls-certificate", certificate, NULL);
    }

  if (!(listen_all
        ? soup_server_listen_all (baladi_server_get_soup (server), port,
                                  tls_cert != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, &error)
        : soup_server_listen_local (baladi_server_get_soup (server), port,
                                    SOUP_SERVER_LISTEN_IPV4_ONLY | (tls_cert != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                    &error)))
    {
      g_printerr ("baladi-server: cannot listen on port %d: %s\n", port, error->message);
      return 1;
    }

  /* Scripts and tests read the port from this one line. */
  uris = soup_server_get_uris (baladi_server_get_soup (server));
  uri = g_uri_to_string (uris->data);
  g_print ("Listening on %s\n", uri);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  return 0;
}
