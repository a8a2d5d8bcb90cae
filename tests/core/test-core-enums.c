/* test-core-enums.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "baladi-core-enums.h"

/* The wire strings are a contract with the server and the cache: they are
 * spelled out here, not derived, so renaming one fails this test. */
static const struct {
  GType (*get_type) (void);
  const char *wires[9];
} wire_strings[] = {
  { baladi_request_type_get_type, { "complaint", "suggestion", "inquiry", "note", "compliment" } },
  { baladi_channel_get_type, { "tawasul_app", "website", "national_portal", "hotline", "social_media", "walk_in", "customer_day" } },
  { baladi_request_status_get_type, { "new", "assigned", "in_progress", "waiting_citizen", "waiting_agency", "answered", "closed", "reopened" } },
  { baladi_priority_get_type, { "low", "normal", "high", "urgent" } },
  { baladi_sector_get_type, { "municipalities", "urban-planning", "agriculture-marine" } },
  { baladi_municipality_get_type, { "capital", "muharraq", "northern", "southern" } },
  { baladi_event_kind_get_type, { "created", "reply", "internal_note", "status_change", "assignment", "transfer", "merge" } },
  { baladi_staff_role_get_type, { "clerk", "supervisor", "director", "catalogue_editor" } },
  { baladi_sla_unit_get_type, { "working_hours", "working_days" } },
};

static void
test_wire_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (wire_strings); i++)
    {
      GType type = wire_strings[i].get_type ();
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      guint n = 0;

      for (; wire_strings[i].wires[n] != NULL; n++)
        {
          int value = -1;

          g_assert_cmpstr (baladi_enum_to_wire (type, n), ==, wire_strings[i].wires[n]);
          g_assert_true (baladi_enum_from_wire (type, wire_strings[i].wires[n], &value));
          g_assert_cmpint (value, ==, n);
        }

      /* No value without a wire string, none beyond the list. */
      g_assert_cmpuint (enum_class->n_values, ==, n);
      g_assert_null (baladi_enum_to_wire (type, n));
      g_assert_null (baladi_enum_to_wire (type, -1));
    }
}

static void
test_wire_rejects (void)
{
  const char *bad[] = { "", "Complaint", "complaint ", " complaint", "COMPLAINT",
                        "complaint\n", "شكوى", "in-progress", "0", "1" };
  int value = 42;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (baladi_enum_from_wire (BALADI_TYPE_REQUEST_TYPE, bad[i], &value));
      g_assert_false (baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, bad[i], &value));
    }
  g_assert_false (baladi_enum_from_wire (BALADI_TYPE_CHANNEL, NULL, &value));
  g_assert_cmpint (value, ==, 42);
}

static void
test_labels (void)
{
  for (int s = BALADI_REQUEST_STATUS_NEW; s <= BALADI_REQUEST_STATUS_REOPENED; s++)
    g_assert_cmpstr (baladi_request_status_get_label (s), !=, "");
  for (int c = BALADI_CHANNEL_TAWASUL_APP; c <= BALADI_CHANNEL_CUSTOMER_DAY; c++)
    g_assert_cmpstr (baladi_channel_get_label (c), !=, "");
  for (int t = BALADI_REQUEST_TYPE_COMPLAINT; t <= BALADI_REQUEST_TYPE_COMPLIMENT; t++)
    g_assert_cmpstr (baladi_request_type_get_label (t), !=, "");
  for (int p = BALADI_PRIORITY_LOW; p <= BALADI_PRIORITY_URGENT; p++)
    g_assert_cmpstr (baladi_priority_get_label (p), !=, "");
  for (int s = BALADI_SECTOR_MUNICIPALITIES; s <= BALADI_SECTOR_AGRICULTURE_MARINE; s++)
    g_assert_cmpstr (baladi_sector_get_label (s), !=, "");

  g_assert_cmpstr (baladi_municipality_get_prefix (BALADI_MUNICIPALITY_CAPITAL), ==, "CAP");
  g_assert_cmpstr (baladi_municipality_get_prefix (BALADI_MUNICIPALITY_MUHARRAQ), ==, "MUH");
  g_assert_cmpstr (baladi_municipality_get_prefix (BALADI_MUNICIPALITY_NORTHERN), ==, "NOR");
  g_assert_cmpstr (baladi_municipality_get_prefix (BALADI_MUNICIPALITY_SOUTHERN), ==, "SOU");
  g_assert_cmpstr (baladi_municipality_get_label (BALADI_MUNICIPALITY_CAPITAL), ==, "Capital Secretariat");
}

static void
test_workflow (void)
{
  /* The whole table, written out: row = from, column = to, in the order
   * new, assigned, in progress, waiting citizen, waiting agency, answered,
   * closed, reopened. */
  static const char *table[] = {
    /* new             */ ".xx..xx.",
    /* assigned        */ "x.xxxx..",
    /* in progress     */ ".x.xxx..",
    /* waiting citizen */ "..x..xx.",
    /* waiting agency  */ "..x..x..",
    /* answered        */ "......xx",
    /* closed          */ ".......x",
    /* reopened        */ ".xxxxx..",
  };

  for (int from = 0; from < 8; from++)
    for (int to = 0; to < 8; to++)
      {
        gboolean expected = table[from][to] == 'x';

        if (baladi_request_status_can_transition (from, to) != expected)
          g_error ("%s → %s should be %s",
                   baladi_enum_to_wire (BALADI_TYPE_REQUEST_STATUS, from),
                   baladi_enum_to_wire (BALADI_TYPE_REQUEST_STATUS, to),
                   expected ? "allowed" : "refused");
      }

  g_assert_false (baladi_request_status_can_transition (BALADI_REQUEST_STATUS_NEW, 99));
  g_assert_false (baladi_request_status_can_transition (99, BALADI_REQUEST_STATUS_NEW));

  for (int s = 0; s < 8; s++)
    {
      g_assert_cmpint (baladi_request_status_pauses_clock (s), ==,
                       s == BALADI_REQUEST_STATUS_WAITING_CITIZEN || s == BALADI_REQUEST_STATUS_WAITING_AGENCY);
      g_assert_cmpint (baladi_request_status_is_open (s), ==,
                       s != BALADI_REQUEST_STATUS_ANSWERED && s != BALADI_REQUEST_STATUS_CLOSED);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core-enums/wire-round-trip", test_wire_round_trip);
  g_test_add_func ("/core-enums/wire-rejects", test_wire_rejects);
  g_test_add_func ("/core-enums/labels", test_labels);
  g_test_add_func ("/core-enums/workflow", test_workflow);

  return g_test_run ();
}
