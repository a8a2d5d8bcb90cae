/* bench-changes-feed.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How fast baladi-server serves its changes feed: a real server on
 * loopback with N generated requests (first argument, default 100000),
 * read to the end in pages of 1000 by one client, then by C clients at
 * once (second argument, default 8; 0 skips that part). Prints requests/s, rows/s and MB/s. Not a test: it asserts
 * nothing about speed. */

#include "config.h"

#include "baladi-test-server.h"

#define PAGE 1000

typedef struct {
  BaladiTestServer *server;
  char             *token;
  guint             n_calls;
  guint             n_rows;
  guint64           n_bytes;
} Client;

/* Each client has its own session: a SoupSession belongs to one thread. */
static gpointer
read_whole_feed (gpointer data)
{
  Client *client = data;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 60, NULL);
  g_autofree char *authorization = g_strconcat ("Bearer ", client->token, NULL);
  g_autofree char *cursor = NULL;
  gboolean has_more = TRUE;

  while (has_more)
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?limit=%d%s%s", PAGE,
                                               escaped ? "&since=" : "", escaped ? escaped : "");
      g_autofree char *uri = g_strconcat (baladi_test_server_get_uri (client->server), path, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;
      JsonObject *page;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      if (body == NULL || soup_message_get_status (msg) != 200 ||
          !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error))
        g_error ("The feed failed: %s", error != NULL ? error->message : soup_message_get_reason_phrase (msg));
      page = json_node_get_object (json_parser_get_root (parser));
      client->n_calls++;
      client->n_rows += json_array_get_length (json_object_get_array_member (page, "changes"));
      client->n_bytes += g_bytes_get_size (body);
      has_more = json_object_get_boolean_member (page, "has_more");
      g_free (cursor);
      cursor = g_strdup (json_object_get_string_member (page, "cursor"));
    }

  return NULL;
}

static void
report (const char *what,
        Client     *clients,
        guint       n_clients,
        gint64      usec)
{
  guint calls = 0, rows = 0;
  guint64 bytes = 0;
  double seconds = usec / (double) G_USEC_PER_SEC;

  for (guint i = 0; i < n_clients; i++)
    {
      calls += clients[i].n_calls;
      rows += clients[i].n_rows;
      bytes += clients[i].n_bytes;
    }

  g_print ("%-28s %8.2f s %8.1f requests/s %10.0f rows/s %7.1f MB/s (%u rows, %u calls)\n",
           what, seconds, calls / seconds, rows / seconds, bytes / seconds / 1e6, rows, calls);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *n_text = g_strdup (argc > 1 ? argv[1] : "100000");
  const char *args[] = { "--rate-limit", "0", "--seed-requests", n_text, NULL };
  g_autoptr(BaladiTestServer) server = NULL;
  Client one = { 0, };
  Client many[8] = { { 0, } };
  GThread *threads[8];
  guint n_many = argc > 2 ? MIN ((guint) g_ascii_strtoull (argv[2], NULL, 10), G_N_ELEMENTS (many)) : G_N_ELEMENTS (many);
  gint64 start;

  g_setenv ("BALADI_SERVER", BENCH_SERVER, FALSE);
  g_setenv ("BALADI_TEST_DEMO_DATA", BENCH_DEMO_DATA, FALSE);

  g_print ("Generating %s demo requests...\n", n_text);
  start = g_get_monotonic_time ();
  server = baladi_test_server_start_with (args);
  g_print ("%-28s %8.2f s\n", "server start with data", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  one.server = server;
  one.token = baladi_test_server_login (server, "director");
  start = g_get_monotonic_time ();
  read_whole_feed (&one);
  report ("1 client, pages of 1000", &one, 1, g_get_monotonic_time () - start);

  if (n_many > 0)
    {
      g_autofree char *what = g_strdup_printf ("%u clients at once", n_many);

      start = g_get_monotonic_time ();
      for (guint i = 0; i < n_many; i++)
        {
          many[i].server = server;
          many[i].token = one.token;
          threads[i] = g_thread_new ("client", read_whole_feed, &many[i]);
        }
      for (guint i = 0; i < n_many; i++)
        g_thread_join (threads[i]);
      report (what, many, n_many, g_get_monotonic_time () - start);
    }

  g_free (one.token);

  return 0;
}
