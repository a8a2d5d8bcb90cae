/* baladi-text.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Words for search, the same at index time and at query time, so that a
 * clerk finds a request however the citizen or the clerk spelt it.
 *
 * Arabic: harakat, Quranic marks, tatweel and invisible direction marks
 * are dropped; the alef forms (أ إ آ ٱ) become ا, taa marbuta ة becomes ه,
 * alef maqsura ى and the Persian ی become ي, the hamza seats ؤ and ئ become
 * ء (مسؤول and مسئول are both written), and the Persian ک becomes ك; Arabic-Indic and Persian digits become 0–9.
 * Then a light stemmer, after Lucene's ArabicStemmer rules: one of the
 * prefixes وال بال كال فال لل ال is removed when at least two letters stay,
 * then a leading و when at least three stay; one of the suffixes ها ان ات
 * ون ين يه ه ي is removed when at least two letters stay.
 *
 * Latin: case folded and accents removed (Café = cafe); no stemming.
 * Digits are words of their own, so a reference CAP-2026-000123 is found
 * by its parts. */

#include "config.h"

#include <string.h>

#include "baladi-text.h"

static gboolean
is_dropped_mark (gunichar c)
{
  return (c >= 0x064B && c <= 0x065F) ||  /* harakat */
         c == 0x0670 ||                    /* superscript alef */
         (c >= 0x0610 && c <= 0x061A) ||   /* Quranic marks */
         (c >= 0x06D6 && c <= 0x06ED) ||   /* Quranic annotation marks */
         c == 0x0640 ||                    /* tatweel */
         (c >= 0x200B && c <= 0x200F) ||   /* zero-width spaces, joiners, LRM, RLM */
         (c >= 0x202A && c <= 0x202E) ||   /* bidi embeddings and overrides */
         (c >= 0x2066 && c <= 0x2069) ||   /* bidi isolates */
         c == 0xFEFF || c == 0x061C;       /* BOM, Arabic letter mark */
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || is_dropped_mark (c) || g_unichar_ismark (c);
}

static gboolean
is_arabic_letter (gunichar c)
{
  return c >= 0x0620 && c <= 0x06FF;
}

/* Appends the normal form of @c to @out. */
static void
append_normal (GString  *out,
               gunichar  c)
{
  gunichar decomposed[8];
  gsize n;

  if (is_dropped_mark (c))
    return;

  switch (c)
    {
    case 0x0623: case 0x0625: case 0x0622: case 0x0671: c = 0x0627; break;  /* أ إ آ ٱ → ا */
    case 0x0629: c = 0x0647; break;                                        /* ة → ه */
    case 0x0649: case 0x06CC: c = 0x064A; break;                           /* ى ی → ي */
    case 0x0624: case 0x0626: c = 0x0621; break;                           /* ؤ ئ → ء */
    case 0x06A9: c = 0x0643; break;                                        /* ک → ك */
    default: break;
    }

  if (c >= 0x0660 && c <= 0x0669)
    c = '0' + (c - 0x0660);
  else if (c >= 0x06F0 && c <= 0x06F9)
    c = '0' + (c - 0x06F0);

  if (is_arabic_letter (c) || c < 0x80)
    {
      g_string_append_unichar (out, c < 0x80 ? g_unichar_tolower (c) : c);
      return;
    }

  /* Latin and others: fold case, then drop the accents of the canonical
   * decomposition. */
  n = g_unichar_fully_decompose (g_unichar_tolower (c), FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    if (!g_unichar_ismark (decomposed[i]))
      g_string_append_unichar (out, decomposed[i]);
}

static gsize
n_chars (const char *text,
         gsize       len)
{
  return g_utf8_strlen (text, len);
}

/* Removes the article and clitic prefixes, then one suffix, in place. */
static void
stem_arabic (GString  *word,
             gboolean  keep_suffix)
{
  static const char *prefixes[] = { "وال", "بال", "كال", "فال", "لل", "ال" };
  static const char *suffixes[] = { "ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي" };
  gsize length = n_chars (word->str, word->len);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize prefix_chars = n_chars (prefixes[i], -1);

      if (g_str_has_prefix (word->str, prefixes[i]) && length >= prefix_chars + 2)
        {
          g_string_erase (word, 0, strlen (prefixes[i]));
          length -= prefix_chars;
          break;
        }
    }

  if (g_str_has_prefix (word->str, "و") && length >= 4)
    {
      g_string_erase (word, 0, strlen ("و"));
      length--;
    }

  if (keep_suffix)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize suffix_chars = n_chars (suffixes[i], -1);

      if (g_str_has_suffix (word->str, suffixes[i]) && length >= suffix_chars + 2)
        {
          g_string_truncate (word, word->len - strlen (suffixes[i]));
          break;
        }
    }
}

/**
 * baladi_text_tokenize:
 * @len: the length of @text in bytes, or -1 if nul-terminated
 *
 * Calls @func for each word of @text with its search form. Invalid UTF-8
 * ends the text where it starts: search never fails on bad input.
 */
void
baladi_text_tokenize (const char          *text,
                      gssize               len,
                      BaladiTokenizeFlags  flags,
                      BaladiTokenFunc      func,
                      gpointer             user_data)
{
  g_autoptr(GString) word = g_string_new (NULL);
  const char *end;
  const char *p;

  g_return_if_fail (func != NULL);

  if (text == NULL)
    return;
  if (len < 0)
    len = strlen (text);

  /* Stop at the first invalid byte rather than guess. */
  g_utf8_validate (text, len, &end);
  p = text;

  while (p < end)
    {
      const char *word_start;
      const char *word_end;
      gboolean arabic = FALSE;

      while (p < end && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;

      word_start = p;
      g_string_truncate (word, 0);
      while (p < end && is_word_char (g_utf8_get_char (p)))
        {
          gunichar c = g_utf8_get_char (p);

          arabic |= is_arabic_letter (c) && !is_dropped_mark (c) && !(c >= 0x0660 && c <= 0x0669) &&
                    !(c >= 0x06F0 && c <= 0x06F9);
          append_normal (word, c);
          p = g_utf8_next_char (p);
        }
      word_end = p;

      if (arabic)
        stem_arabic (word, (flags & BALADI_TOKENIZE_PREFIX) != 0 && word_end == end);

      if (word->len > 0 &&
          !func (word->str, word->len, word_start - text, word_end - text, user_data))
        return;
    }
}

static gboolean
join_token_cb (const char *token,
               gsize       len,
               gsize       start,
               gsize       end,
               gpointer    user_data)
{
  GString *joined = user_data;

  if (joined->len > 0)
    g_string_append_c (joined, ' ');
  g_string_append_len (joined, token, len);
  return TRUE;
}

/**
 * baladi_text_normalize:
 *
 * Returns: (transfer full): the search forms of the words of @text,
 *   separated by single spaces
 */
char *
baladi_text_normalize (const char *text,
                       gssize      len)
{
  GString *joined = g_string_new (NULL);

  baladi_text_tokenize (text, len, BALADI_TOKENIZE_DEFAULT, join_token_cb, joined);
  return g_string_free (joined, FALSE);
}

/**
 * baladi_text_is_blank:
 * @text: (nullable): UTF-8 text
 *
 * Returns: whether @text is %NULL, empty or only white space
 */
gboolean
baladi_text_is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;

  return TRUE;
}
