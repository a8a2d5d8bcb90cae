/* test-validate.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baladi-validate.h"

static void
test_ids (void)
{
  g_assert_true (baladi_id_is_valid ("2e30de9a-5c8a-4cf0-a22d-65efa8657b46"));
  g_assert_false (baladi_id_is_valid ("2E30DE9A-5C8A-4CF0-A22D-65EFA8657B46"));
  g_assert_false (baladi_id_is_valid ("2e30de9a5c8a4cf0a22d65efa8657b46"));
  g_assert_false (baladi_id_is_valid ("../../etc/passwd"));
  g_assert_false (baladi_id_is_valid ("'; DROP TABLE requests; --"));
  g_assert_false (baladi_id_is_valid (""));
  g_assert_false (baladi_id_is_valid (NULL));
}

static void
test_phones (void)
{
  const char *good[] = { "36123456", "+973 3612 3456", "+97317123456", "00973 17 123 456", "1712 3456" };
  const char *bad[] = { "", "3612345", "361234567", "+971 3612 3456", "3612-3456", "٣٦١٢٣٤٥٦", "+973", "phone" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (baladi_phone_is_valid (good[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (baladi_phone_is_valid (bad[i]));
  g_assert_false (baladi_phone_is_valid (NULL));
}

static void
test_cpr_and_email (void)
{
  g_assert_true (baladi_cpr_is_valid ("880112345"));
  g_assert_false (baladi_cpr_is_valid ("88011234"));
  g_assert_false (baladi_cpr_is_valid ("8801123456"));
  g_assert_false (baladi_cpr_is_valid ("88011234a"));
  g_assert_false (baladi_cpr_is_valid (NULL));

  g_assert_true (baladi_email_is_valid ("hasan@example.com"));
  g_assert_true (baladi_email_is_valid ("a.b+c@mun.gov.bh"));
  g_assert_false (baladi_email_is_valid ("hasan"));
  g_assert_false (baladi_email_is_valid ("@example.com"));
  g_assert_false (baladi_email_is_valid ("hasan@example"));
  g_assert_false (baladi_email_is_valid ("hasan@@example.com"));
  g_assert_false (baladi_email_is_valid ("hasan ali@example.com"));
  g_assert_false (baladi_email_is_valid ("hasan@example.com."));
}

static void
test_locations (void)
{
  /* Manama, Riffa, Muharraq, Hawar islands' north. */
  g_assert_true (baladi_location_is_in_bahrain (26.2235, 50.5876));
  g_assert_true (baladi_location_is_in_bahrain (26.1300, 50.5550));
  g_assert_true (baladi_location_is_in_bahrain (26.2572, 50.6119));
  g_assert_false (baladi_location_is_in_bahrain (25.2048, 55.2708));
  g_assert_false (baladi_location_is_in_bahrain (50.5876, 26.2235));
  g_assert_false (baladi_location_is_in_bahrain (0, 0));
}

static void
test_references (void)
{
  g_autofree char *reference = baladi_reference_format (BALADI_MUNICIPALITY_MUHARRAQ, 2026, 123);
  BaladiMunicipality municipality = BALADI_MUNICIPALITY_CAPITAL;
  int year = 0;
  guint serial = 0;
  const char *bad[] = { "", "CAP-2026-123", "XXX-2026-000123", "CAP-26-000123", "CAP-2026-0001234",
                        "cap-2026-000123", "CAP_2026_000123", "CAP-2026-000000", "CAP-1999-000001" };

  g_assert_cmpstr (reference, ==, "MUH-2026-000123");
  g_assert_true (baladi_reference_parse (reference, &municipality, &year, &serial));
  g_assert_cmpint (municipality, ==, BALADI_MUNICIPALITY_MUHARRAQ);
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpuint (serial, ==, 123);
  g_assert_true (baladi_reference_parse ("SOU-2025-999999", NULL, NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (baladi_reference_parse (bad[i], NULL, NULL, NULL));
}

static void
test_json_depth (void)
{
  const char *cases[][2] = {
    { "{}", "1" }, { "[[{\"a\": 1}]]", "3" }, { "{\"a\": \"[[[[\"}", "1" },
    { "[\"\\\"[[\"]", "1" }, { "", "0" }, { "]]]][", "1" },
  };
  g_autofree char *deep = g_strnfill (1000, '[');

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (baladi_json_nesting_depth (cases[i][0], strlen (cases[i][0])), ==, atoi (cases[i][1]));
  g_assert_cmpuint (baladi_json_nesting_depth (deep, 1000), ==, 1000);
}

static void
test_field_errors (void)
{
  g_autoptr(GPtrArray) errors = baladi_field_errors_new ();
  BaladiFieldError *error;

  baladi_field_errors_add (errors, "citizen.phone", "invalid_phone", "Eight digits.");
  g_assert_cmpuint (errors->len, ==, 1);
  error = g_ptr_array_index (errors, 0);
  g_assert_cmpstr (error->field, ==, "citizen.phone");
  g_assert_cmpstr (error->code, ==, "invalid_phone");
}

static void
test_template_variables (void)
{
  static const struct {
    const char *text;
    const char *unknown;
  } cases[] = {
    { "Dear {citizen}, your request {reference} is due {due}.", NULL },
    { "{service}:\n{requirements}", NULL },
    { "Dear {name}", "{name}" },
    { "عزيزي {اسم}", "{اسم}" },
    { "{citizen} then {Citizen}", "{Citizen}" },
    /* Braces around nothing, or around spaced words, are prose. */
    { "a { b } {} {due}", NULL },
    { "an open { brace and {reference}", NULL },
    { "{{citizen}}", NULL },
    { "unclosed {citizen", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *unknown = baladi_template_find_unknown_variable (cases[i].text);

      g_assert_cmpstr (unknown, ==, cases[i].unknown);
    }

  g_assert_true (baladi_template_id_is_valid ("acknowledge"));
  g_assert_true (baladi_template_id_is_valid ("1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
  g_assert_false (baladi_template_id_is_valid (""));
  g_assert_false (baladi_template_id_is_valid ("-x"));
  g_assert_false (baladi_template_id_is_valid ("Upper"));
  g_assert_false (baladi_template_id_is_valid ("../x"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/ids", test_ids);
  g_test_add_func ("/validate/phones", test_phones);
  g_test_add_func ("/validate/cpr-and-email", test_cpr_and_email);
  g_test_add_func ("/validate/locations", test_locations);
  g_test_add_func ("/validate/references", test_references);
  g_test_add_func ("/validate/json-depth", test_json_depth);
  g_test_add_func ("/validate/field-errors", test_field_errors);
  g_test_add_func ("/validate/template-variables", test_template_variables);

  return g_test_run ();
}
