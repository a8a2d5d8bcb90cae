/* test-server-open311.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Open311 GeoReport v2 on the real baladi-server: discovery, services,
 * filing a request as a citizen app does, reading it back in JSON and
 * XML, and the request reaching the clerks' changes feed. */

#include "config.h"

#include "baladi-test-server.h"

static BaladiTestServer *server;
static char *reference;

/* Calls @path and returns the raw body. */
static char *
get_text (const char *method,
          const char *path,
          const char *form,
          guint       expected_status)
{
  g_autofree char *uri = g_strconcat (baladi_test_server_get_uri (server), path, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  if (form != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, expected_status);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static JsonNode *
get_json (const char *method,
          const char *path,
          const char *form,
          guint       expected_status)
{
  g_autofree char *text = get_text (method, path, form, expected_status);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_discovery (void)
{
  g_autoptr(JsonNode) json = get_json ("GET", "/open311/v2/discovery.json", NULL, 200);
  g_autofree char *xml = get_text ("GET", "/open311/v2/discovery.xml", NULL, 200);
  JsonArray *endpoints = json_object_get_array_member (json_node_get_object (json), "endpoints");

  g_assert_cmpuint (json_array_get_length (endpoints), ==, 1);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_array_get_object_element (endpoints, 0), "url"),
                                   "/open311/v2/"));
  g_assert_true (g_str_has_prefix (xml, "<?xml"));
  g_assert_nonnull (strstr (xml, "<specification>http://wiki.open311.org/GeoReport_v2</specification>"));
}

static void
test_services (void)
{
  g_autoptr(JsonNode) en = get_json ("GET", "/open311/v2/services.json", NULL, 200);
  g_autoptr(JsonNode) ar = get_json ("GET", "/open311/v2/services.json?locale=ar", NULL, 200);
  g_autoptr(JsonNode) definition = get_json ("GET", "/open311/v2/services/street-lighting.json", NULL, 200);
  g_autoptr(JsonNode) missing = get_json ("GET", "/open311/v2/services/no-such-thing.json", NULL, 404);
  g_autofree char *xml = get_text ("GET", "/open311/v2/services.xml", NULL, 200);
  JsonObject *first_en, *first_ar;

  g_assert_cmpuint (json_array_get_length (json_node_get_array (en)), ==, 16);
  first_en = json_array_get_object_element (json_node_get_array (en), 0);
  first_ar = json_array_get_object_element (json_node_get_array (ar), 0);
  g_assert_cmpstr (json_object_get_string_member (first_en, "service_code"), ==,
                   json_object_get_string_member (first_ar, "service_code"));
  g_assert_cmpstr (json_object_get_string_member (first_en, "service_name"), !=,
                   json_object_get_string_member (first_ar, "service_name"));
  g_assert_cmpstr (json_object_get_string_member (first_en, "type"), ==, "realtime");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (definition), "service_code"), ==, "street-lighting");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (missing), 0), "code"), ==, 404);
  g_assert_nonnull (strstr (xml, "<services><service><service_code>"));
}

static void
test_file_request (void)
{
  g_autoptr(JsonNode) filed = NULL;
  g_autoptr(JsonNode) error = NULL;
  g_autofree char *form = g_strdup_printf ("service_code=street-lighting&lat=26.2201&long=50.5903"
                                           "&description=%s&first_name=Hasan&last_name=Ali&phone=36123456"
                                           "&email=hasan%%40example.com",
                                           "%D8%A7%D9%84%D8%A5%D9%86%D8%A7%D8%B1%D8%A9+%D9%85%D8%B9%D8%B7%D9%84%D8%A9");

  filed = get_json ("POST", "/open311/v2/requests.json", form, 201);
  reference = g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (filed), 0),
                                                       "service_request_id"));
  /* Routed by the point to the Capital Secretariat. */
  g_assert_true (g_str_has_prefix (reference, "CAP-"));

  error = get_json ("POST", "/open311/v2/requests.json", "service_code=street-lighting&lat=26.2&long=50.59", 400);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_node_get_array (error), 0), "code"), ==, 400);
  g_free (get_text ("POST", "/open311/v2/requests.json", "service_code=nothing&lat=26.2&long=50.59&description=x", 400));
  g_free (get_text ("POST", "/open311/v2/requests.json", "service_code=street-lighting&description=x", 400));
  g_free (get_text ("POST", "/open311/v2/requests.json", "service_code=street-lighting&lat=40&long=10&description=x", 400));
  g_free (get_text ("POST", "/open311/v2/requests.xml",
                    "service_code=parks&address_string=Riffa&municipality=southern&description=x", 201));
}

static void
test_read_requests (void)
{
  g_autofree char *path = g_strdup_printf ("/open311/v2/requests/%s.json", reference);
  g_autofree char *xml_path = g_strdup_printf ("/open311/v2/requests/%s.xml?locale=ar", reference);
  g_autofree char *raw = get_text ("GET", path, NULL, 200);
  g_autofree char *xml = get_text ("GET", xml_path, NULL, 200);
  g_autoptr(JsonNode) one = get_json ("GET", path, NULL, 200);
  g_autoptr(JsonNode) open = get_json ("GET", "/open311/v2/requests.json?status=open&service_code=street-lighting", NULL, 200);
  g_autoptr(JsonNode) closed = get_json ("GET", "/open311/v2/requests.json?status=closed", NULL, 200);
  JsonObject *request = json_array_get_object_element (json_node_get_array (one), 0);

  g_assert_cmpstr (json_object_get_string_member (request, "status"), ==, "open");
  g_assert_cmpstr (json_object_get_string_member (request, "service_code"), ==, "street-lighting");
  g_assert_nonnull (json_object_get_string_member (request, "expected_datetime"));
  g_assert_cmpstr (json_object_get_string_member (request, "lat"), ==, "26.220100");
  /* Nothing the citizen said about himself is public. */
  g_assert_null (strstr (raw, "Hasan"));
  g_assert_null (strstr (raw, "36123456"));
  g_assert_null (strstr (raw, "example.com"));
  g_assert_nonnull (strstr (xml, "<service_requests><request><service_request_id>"));
  g_assert_nonnull (strstr (xml, "إنارة الشوارع"));

  g_assert_cmpuint (json_array_get_length (json_node_get_array (open)), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (closed)), ==, 0);

  g_free (get_text ("GET", "/open311/v2/requests/CAP-1999-000001.json", NULL, 404));
  g_free (get_text ("GET", "/open311/v2/requests.json?page_size=0", NULL, 400));
  g_free (get_text ("GET", "/open311/v2/requests.json?start_date=yesterday", NULL, 400));
  g_free (get_text ("GET", "/open311/v2/requests.json?status=pending", NULL, 400));
  g_free (get_text ("GET", "/open311/v2/requests.txt", NULL, 404));
}

static void
test_reaches_clerks (void)
{
  g_autofree char *token = baladi_test_server_login (server, "clerk.capital");
  g_autoptr(JsonNode) json = NULL;
  JsonArray *changes;
  gboolean found = FALSE;

  g_assert_cmpuint (baladi_test_server_call (server, "GET", "/api/v1/changes", token, NULL, NULL, NULL, 0, &json, NULL), ==, 200);
  changes = json_object_get_array_member (json_node_get_object (json), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (g_str_equal (json_object_get_string_member (change, "kind"), "request"))
        {
          JsonObject *request = json_object_get_object_member (change, "entity");

          found |= g_str_equal (json_object_get_string_member (request, "reference"), reference) &&
                   g_str_equal (json_object_get_string_member (request, "channel"), "tawasul_app") &&
                   g_str_equal (json_object_get_string_member (json_object_get_object_member (request, "citizen"), "name"),
                                "Hasan Ali");
        }
    }
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  server = baladi_test_server_start ();

  g_test_add_func ("/open311/discovery", test_discovery);
  g_test_add_func ("/open311/services", test_services);
  g_test_add_func ("/open311/file-request", test_file_request);
  g_test_add_func ("/open311/read-requests", test_read_requests);
  g_test_add_func ("/open311/reaches-clerks", test_reaches_clerks);

  ret = g_test_run ();
  baladi_test_server_stop (server);
  g_free (reference);

  return ret;
}
