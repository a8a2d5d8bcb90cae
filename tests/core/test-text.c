/* test-text.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Real spellings of the same words must meet in the same search form. */

#include "config.h"

#include "baladi-text.h"

static void
assert_same (const char * const *variants)
{
  g_autofree char *first = baladi_text_normalize (variants[0], -1);

  g_assert_cmpstr (first, !=, "");
  for (guint i = 1; variants[i] != NULL; i++)
    {
      g_autofree char *other = baladi_text_normalize (variants[i], -1);

      if (g_strcmp0 (first, other) != 0)
        g_error ("“%s” gives “%s” but “%s” gives “%s”", variants[0], first, variants[i], other);
    }
}

static void
test_arabic_variants (void)
{
  const char *lighting[] = { "إنارة", "انارة", "اناره", "الإنارة", "والإنارة", "بالانارة", "الإِنَارَة", "إنـــارة", NULL };
  const char *hospital[] = { "مستشفى", "مستشفي", "المستشفى", NULL };
  const char *rubbish[] = { "قُمامة", "قمامه", "القمامة", "والقمامة", NULL };
  const char *kiosk[] = { "كشك", "كُشك", "الكشك", NULL };
  const char *municipality[] = { "بلدية", "البلدية", "بلديه", "للبلدية", "بلـدية", NULL };
  const char *hidden_marks[] = { "الحديقة", "الحد\u200Fيقة", "ال\u200Bحديقة", "\u061Cالحديقة", NULL };
  const char *responsibility[] = { "مسؤول", "مسئول", NULL };
  const char *road[] = { "طريق ١٢٣", "طريق 123", "طريق ۱۲۳", NULL };

  assert_same (lighting);
  assert_same (hospital);
  assert_same (rubbish);
  assert_same (kiosk);
  assert_same (municipality);
  assert_same (hidden_marks);
  assert_same (responsibility);
  assert_same (road);
}

static void
test_latin (void)
{
  const char *cafe[] = { "Café", "cafe", "CAFÉ", "café", NULL };
  const char *street[] = { "STREET lights", "street Lights", NULL };
  g_autofree char *reference = baladi_text_normalize ("CAP-2026-000123", -1);
  g_autofree char *phone = baladi_text_normalize ("+973 3612 3456", -1);
  g_autofree char *english = baladi_text_normalize ("The lights are broken", -1);

  assert_same (cafe);
  assert_same (street);
  /* References and phone numbers are found by their parts. */
  g_assert_cmpstr (reference, ==, "cap 2026 000123");
  g_assert_cmpstr (phone, ==, "973 3612 3456");
  /* English is not stemmed. */
  g_assert_cmpstr (english, ==, "the lights are broken");
}

static void
test_not_over_stemmed (void)
{
  g_autofree char *short_word = baladi_text_normalize ("به", -1);
  g_autofree char *wa_word = baladi_text_normalize ("ولد", -1);
  g_autofree char *al = baladi_text_normalize ("الم", -1);

  /* Too short to lose a suffix, the و or the article: they stay as typed. */
  g_assert_cmpstr (short_word, ==, "به");
  g_assert_cmpstr (wa_word, ==, "ولد");
  g_assert_cmpstr (al, ==, "الم");
}

typedef struct {
  GPtrArray *tokens;
  GArray    *starts;
  GArray    *ends;
} Collected;

static gboolean
collect_cb (const char *token,
            gsize       len,
            gsize       start,
            gsize       end,
            gpointer    user_data)
{
  Collected *collected = user_data;

  g_ptr_array_add (collected->tokens, g_strndup (token, len));
  g_array_append_val (collected->starts, start);
  g_array_append_val (collected->ends, end);
  return TRUE;
}

static void
test_offsets_and_prefix (void)
{
  const char *text = "عمود الإنارة  Café!";
  Collected c = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, FALSE, sizeof (gsize)),
                  g_array_new (FALSE, FALSE, sizeof (gsize)) };
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *typing = NULL;
  g_autofree char *typed = NULL;

  baladi_text_tokenize (text, -1, BALADI_TOKENIZE_DEFAULT, collect_cb, &c);
  g_assert_cmpuint (c.tokens->len, ==, 3);
  /* The offsets point at the words as written, for highlighting. */
  second = g_strndup (text + g_array_index (c.starts, gsize, 1),
                      g_array_index (c.ends, gsize, 1) - g_array_index (c.starts, gsize, 1));
  third = g_strndup (text + g_array_index (c.starts, gsize, 2),
                     g_array_index (c.ends, gsize, 2) - g_array_index (c.starts, gsize, 2));
  g_assert_cmpstr (second, ==, "الإنارة");
  g_assert_cmpstr (third, ==, "Café");
  g_assert_cmpstr (g_ptr_array_index (c.tokens, 2), ==, "cafe");

  /* While typing, the unfinished last word keeps its ending. */
  g_ptr_array_set_size (c.tokens, 0);
  baladi_text_tokenize ("البلدي", -1, BALADI_TOKENIZE_PREFIX, collect_cb, &c);
  typing = g_strdup (g_ptr_array_index (c.tokens, 0));
  typed = baladi_text_normalize ("البلدي", -1);
  g_assert_cmpstr (typing, ==, "بلدي");
  g_assert_cmpstr (typed, ==, "بلد");

  g_ptr_array_unref (c.tokens);
  g_array_unref (c.starts);
  g_array_unref (c.ends);
}

static void
test_bad_input (void)
{
  g_autofree char *invalid = baladi_text_normalize ("طريق\xff\xfe 12", -1);
  g_autofree char *empty = baladi_text_normalize ("", -1);
  g_autofree char *punctuation = baladi_text_normalize ("\"'()*^:-- ؟،", -1);

  /* Text stops at invalid UTF-8; nothing crashes, nothing is invented. */
  g_assert_cmpstr (invalid, ==, "طريق");
  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (punctuation, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/arabic-variants", test_arabic_variants);
  g_test_add_func ("/text/latin", test_latin);
  g_test_add_func ("/text/not-over-stemmed", test_not_over_stemmed);
  g_test_add_func ("/text/offsets-and-prefix", test_offsets_and_prefix);
  g_test_add_func ("/text/bad-input", test_bad_input);

  return g_test_run ();
}
