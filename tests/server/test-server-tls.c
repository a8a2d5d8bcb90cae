/* test-server-tls.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* baladi-server over HTTPS with a certificate made for the test. */

#include "config.h"

#include <glib/gstdio.h>

#include "baladi-test-server.h"

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  gboolean *seen = user_data;

  /* Self-signed, so unknown to any authority: accepted on purpose here. */
  *seen = TRUE;
  return TRUE;
}

static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("baladi-tls-XXXXXX", &error);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autoptr(GSubprocess) openssl = NULL;
  g_autoptr(BaladiTestServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = NULL;
  gboolean seen = FALSE;

  g_assert_no_error (error);
  openssl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                              "-subj", "/CN=127.0.0.1", "-keyout", key, "-out", cert, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (openssl, NULL, &error));
  g_assert_no_error (error);

  {
    const char *args[] = { "--rate-limit", "0", "--tls-cert", cert, "--tls-key", key, NULL };

    server = baladi_test_server_start_with (args);
  }
  g_assert_true (g_str_has_prefix (baladi_test_server_get_uri (server), "https://"));

  session = soup_session_new ();
  uri = g_strconcat (baladi_test_server_get_uri (server), "/open311/v2/discovery.json", NULL);
  msg = soup_message_new ("GET", uri);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), &seen);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (seen);
  g_assert_nonnull (soup_message_get_tls_peer_certificate (msg));

  g_remove (cert);
  g_remove (key);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-tls/https", test_tls);

  return g_test_run ();
}
