/* baladi-service-search.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Finding a service from what a caller half remembers. The words typed
 * go through the same normaliser and stemmer as the index (baladi-text.c),
 * so spelling variants meet. Then each word is checked against the index's
 * vocabulary (services_vocab): a word the catalogue does not know is tried
 * without a leading و ب ل ف ك (the stemmer leaves those alone, as they
 * also begin many words), then corrected to the known words one edit away
 * (a letter added, dropped, changed, or two letters swapped). The last word,
 * while still being typed, matches as a prefix. Words no service contains
 * are left out rather than emptying the results, and so are little words
 * (of, the, في, من) when other words were typed.
 *
 * Services that match every word come first, ranked by bm25 with a name
 * match worth far more than one deep in the documents, and more still when
 * what was typed is the whole of a service's name or of one of its
 * keywords; then, when there are few, services that match some of the
 * words. */

#include "config.h"

#include <string.h>

#include "baladi-fts.h"
#include "baladi-service-search.h"
#include "baladi-store-services.h"
#include "baladi-text.h"

/* bm25() weights, in the order of the columns of services_search: name,
 * keywords, description, requirements (eligibility and documents),
 * details (directorate, steps, fees). */
#define BM25_WEIGHTS "10.0, 6.0, 3.0, 1.5, 1.0"

/* Fewer services than this with every word, and those with some of the
 * words follow them: a screenful. */
#define FEW_HITS 10

/* How many known words a typo may stand for. */
#define MAX_CORRECTIONS 3
/* Words shorter than this are not corrected: too many words are one edit
 * away from them. */
#define MIN_CORRECTED_CHARS 3

typedef struct {
  char     *term;
  gboolean  prefix;
} Term;

typedef struct {
  char   *word;       /* as typed */
  GArray *terms;      /* Term: any of them matches */
  guint   corrected : 1;
} Group;

struct _BaladiServiceQuery {
  GPtrArray *groups;   /* Group */
  GPtrArray *ignored;  /* char *: words that match no service */
};

struct _BaladiServiceHit {
  char     *code;
  gint64    revision;
  double    score;
  gboolean  matches_all;
  GArray   *spans_ar;  /* BaladiTextSpan */
  GArray   *spans_en;
};

typedef struct {
  char     *term;
  gunichar *chars;
  glong     n_chars;
  gint64    docs;
} VocabTerm;

struct _BaladiServiceSearch
{
  GObject      parent_instance;

  BaladiStore *store;
  gint64       revision;    /* the catalogue revision of vocab */
  GPtrArray   *vocab;       /* VocabTerm, in byte order of term */
  GHashTable  *stop_words;  /* search forms */
};

G_DEFINE_FINAL_TYPE (BaladiServiceSearch, baladi_service_search, G_TYPE_OBJECT)

/* Little words that say nothing about which service is meant. */
static const char *stop_words[] = {
  "a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "and", "or", "with", "from", "my", "our",
  "your", "me", "i", "we", "is", "are", "be", "do", "does", "how", "what", "where", "when", "which",
  "who", "can", "want", "need", "get", "about", "this", "that", "it", "as", "please",
  "في", "من", "على", "عن", "الى", "إلى", "او", "أو", "و", "مع", "ما", "ماذا", "هل", "كيف", "أين",
  "متى", "لي", "عند", "هذا", "هذه", "ذلك", "التي", "الذي", "أريد", "اريد", "ابغى", "أبغي", "عندي",
};

/* Letters that cling to the front of an Arabic word: and, with, for,
 * then, like. */
static const gunichar clitics[] = { 0x0648, 0x0628, 0x0644, 0x0641, 0x0643 };

static void
term_clear (Term *term)
{
  g_free (term->term);
}

static Group *
group_new (const char *word,
           gsize       len)
{
  Group *group = g_new0 (Group, 1);

  group->word = g_strndup (word, len);
  group->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (group->terms, (GDestroyNotify) term_clear);
  return group;
}

static void
group_free (Group *group)
{
  g_free (group->word);
  g_array_unref (group->terms);
  g_free (group);
}

static void
group_add (Group      *group,
           const char *term,
           gboolean    prefix)
{
  Term added = { NULL, prefix };

  for (guint i = 0; i < group->terms->len; i++)
    {
      Term *known = &g_array_index (group->terms, Term, i);

      if (known->prefix == prefix && g_str_equal (known->term, term))
        return;
    }

  added.term = g_strdup (term);
  g_array_append_val (group->terms, added);
}

G_DEFINE_BOXED_TYPE (BaladiServiceQuery, baladi_service_query, baladi_service_query_ref, baladi_service_query_unref)

static BaladiServiceQuery *
baladi_service_query_new (void)
{
  BaladiServiceQuery *query = g_rc_box_new0 (BaladiServiceQuery);

  query->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  query->ignored = g_ptr_array_new_with_free_func (g_free);
  return query;
}

BaladiServiceQuery *
baladi_service_query_ref (BaladiServiceQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);

  return g_rc_box_acquire (query);
}

static void
baladi_service_query_clear (BaladiServiceQuery *query)
{
  g_ptr_array_unref (query->groups);
  g_ptr_array_unref (query->ignored);
}

void
baladi_service_query_unref (BaladiServiceQuery *query)
{
  g_return_if_fail (query != NULL);

  g_rc_box_release_full (query, (GDestroyNotify) baladi_service_query_clear);
}

/**
 * baladi_service_query_is_empty:
 *
 * Returns: whether no word typed can match a service: nothing was typed,
 *   or only words the catalogue does not contain
 */
gboolean
baladi_service_query_is_empty (BaladiServiceQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  return query->groups->len == 0;
}

/**
 * baladi_service_query_to_string:
 *
 * What the query searches for, for the curious and for tests: the terms
 * of each word joined by "|", prefixes with "*", words separated by
 * spaces; a corrected word starts with "~".
 *
 * Returns: (transfer full): e.g. "رخص ~building|buildings permit*"
 */
char *
baladi_service_query_to_string (BaladiServiceQuery *query)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (query != NULL, NULL);

  for (guint i = 0; i < query->groups->len; i++)
    {
      Group *group = g_ptr_array_index (query->groups, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      if (group->corrected)
        g_string_append_c (text, '~');
      for (guint j = 0; j < group->terms->len; j++)
        {
          Term *term = &g_array_index (group->terms, Term, j);

          g_string_append_printf (text, "%s%s%s", j > 0 ? "|" : "", term->term, term->prefix ? "*" : "");
        }
    }

  return g_string_free (text, FALSE);
}

/* The index of the word of @query that matches @token, or -1. */
static int
matching_group (BaladiServiceQuery *query,
                const char         *token,
                gsize               len)
{
  for (guint i = 0; i < query->groups->len; i++)
    {
      Group *group = g_ptr_array_index (query->groups, i);

      for (guint j = 0; j < group->terms->len; j++)
        {
          Term *term = &g_array_index (group->terms, Term, j);
          gsize term_len = strlen (term->term);

          if ((term_len == len || (term->prefix && term_len < len)) && memcmp (term->term, token, term_len) == 0)
            return i;
        }
    }

  return -1;
}

typedef struct {
  BaladiServiceQuery *query;
  GArray             *spans;
} SpansData;

static gboolean
add_span_cb (const char *token,
             gsize       len,
             gsize       start,
             gsize       end,
             gpointer    user_data)
{
  SpansData *data = user_data;

  if (matching_group (data->query, token, len) >= 0)
    {
      BaladiTextSpan span = { start, end };

      g_array_append_val (data->spans, span);
    }

  return TRUE;
}

/**
 * baladi_service_query_find_spans:
 * @text: (nullable): any text of a service: its name, its description
 *
 * The words of @text the query matches, as the index matched them, to
 * highlight them.
 *
 * Returns: (transfer full) (element-type BaladiTextSpan): byte spans of
 *   @text, in order
 */
GArray *
baladi_service_query_find_spans (BaladiServiceQuery *query,
                                 const char         *text)
{
  SpansData data = { query, g_array_new (FALSE, FALSE, sizeof (BaladiTextSpan)) };

  g_return_val_if_fail (query != NULL, data.spans);

  baladi_text_tokenize (text, -1, BALADI_TOKENIZE_DEFAULT, add_span_cb, &data);
  return data.spans;
}

G_DEFINE_BOXED_TYPE (BaladiServiceHit, baladi_service_hit, baladi_service_hit_ref, baladi_service_hit_unref)

BaladiServiceHit *
baladi_service_hit_ref (BaladiServiceHit *hit)
{
  g_return_val_if_fail (hit != NULL, NULL);

  return g_rc_box_acquire (hit);
}

static void
baladi_service_hit_clear (BaladiServiceHit *hit)
{
  g_free (hit->code);
  g_array_unref (hit->spans_ar);
  g_array_unref (hit->spans_en);
}

void
baladi_service_hit_unref (BaladiServiceHit *hit)
{
  g_return_if_fail (hit != NULL);

  g_rc_box_release_full (hit, (GDestroyNotify) baladi_service_hit_clear);
}

const char *
baladi_service_hit_get_code (BaladiServiceHit *hit)
{
  g_return_val_if_fail (hit != NULL, NULL);

  return hit->code;
}

/**
 * baladi_service_hit_get_revision:
 *
 * Returns: the catalogue revision of the service when it was found (see
 *   baladi_store_get_catalogue_revision())
 */
gint64
baladi_service_hit_get_revision (BaladiServiceHit *hit)
{
  g_return_val_if_fail (hit != NULL, -1);

  return hit->revision;
}

/**
 * baladi_service_hit_get_score:
 *
 * Returns: how well the service matches: higher is better; only
 *   comparable between hits of one search
 */
double
baladi_service_hit_get_score (BaladiServiceHit *hit)
{
  g_return_val_if_fail (hit != NULL, 0.0);

  return hit->score;
}

/**
 * baladi_service_hit_matches_all:
 *
 * Returns: whether the service matches every word of the query, rather
 *   than only some
 */
gboolean
baladi_service_hit_matches_all (BaladiServiceHit *hit)
{
  g_return_val_if_fail (hit != NULL, FALSE);

  return hit->matches_all;
}

/**
 * baladi_service_hit_get_name_spans:
 * @language: "ar" or "en"
 * @n_spans: (out): how many
 *
 * Returns: (transfer none) (array length=n_spans): where the query matches
 *   the service's name in @language, in bytes of the name as displayed
 */
const BaladiTextSpan *
baladi_service_hit_get_name_spans (BaladiServiceHit *hit,
                                   const char       *language,
                                   guint            *n_spans)
{
  GArray *spans;

  g_return_val_if_fail (hit != NULL, NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  spans = g_strcmp0 (language, "ar") == 0 ? hit->spans_ar : hit->spans_en;
  *n_spans = spans->len;
  return (const BaladiTextSpan *) spans->data;
}

static void
vocab_term_free (VocabTerm *term)
{
  g_free (term->term);
  g_free (term->chars);
  g_free (term);
}

static void
baladi_service_search_finalize (GObject *object)
{
  BaladiServiceSearch *self = (BaladiServiceSearch *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->vocab, g_ptr_array_unref);
  g_clear_pointer (&self->stop_words, g_hash_table_unref);

  G_OBJECT_CLASS (baladi_service_search_parent_class)->finalize (object);
}

static void
baladi_service_search_class_init (BaladiServiceSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baladi_service_search_finalize;
}

static void
baladi_service_search_init (BaladiServiceSearch *self)
{
  self->stop_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (stop_words); i++)
    {
      char *normal = baladi_text_normalize (stop_words[i], -1);

      if (*normal != '\0')
        g_hash_table_add (self->stop_words, normal);
      else
        g_free (normal);
    }
}

/**
 * baladi_service_search_new:
 *
 * Searches the catalogue cached in @store.
 */
BaladiServiceSearch *
baladi_service_search_new (BaladiStore *store)
{
  BaladiServiceSearch *self;

  g_return_val_if_fail (BALADI_IS_STORE (store), NULL);

  self = g_object_new (BALADI_TYPE_SERVICE_SEARCH, NULL);
  self->store = g_object_ref (store);
  return self;
}

static int
compare_vocab_terms (gconstpointer a,
                     gconstpointer b)
{
  return strcmp ((*(VocabTerm **) a)->term, (*(VocabTerm **) b)->term);
}

/* Reloads the vocabulary when the catalogue changed since it was loaded. */
static void
ensure_vocabulary (BaladiServiceSearch *self)
{
  gint64 revision = baladi_store_get_catalogue_revision (self->store);
  sqlite3_stmt *stmt;

  if (self->vocab != NULL && revision >= 0 && revision == self->revision)
    return;

  g_clear_pointer (&self->vocab, g_ptr_array_unref);
  self->vocab = g_ptr_array_new_with_free_func ((GDestroyNotify) vocab_term_free);
  self->revision = revision;

  stmt = baladi_store_prepare_cached (self->store, "SELECT term, doc FROM services_vocab");
  if (stmt == NULL)
    {
      g_debug ("The service vocabulary cannot be read: %s", sqlite3_errmsg (baladi_store_get_db (self->store)));
      return;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VocabTerm *term = g_new0 (VocabTerm, 1);

      term->term = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      term->chars = g_utf8_to_ucs4_fast (term->term, -1, &term->n_chars);
      term->docs = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (self->vocab, term);
    }
  sqlite3_reset (stmt);

  /* FTS5 already gives them in this order; sorting costs nothing then.
   * Candidates of the same frequency are taken in this order. */
  g_ptr_array_sort (self->vocab, compare_vocab_terms);
}

/* Whether the index has the term @term, or a term beginning with it. The
 * vocabulary table answers this from the index's own order, without the
 * whole vocabulary in memory: only typos need that. */
static gboolean
vocab_has (BaladiServiceSearch *self,
           const char          *term,
           gboolean             prefix)
{
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self->store, "SELECT term FROM services_vocab WHERE term >= ?1 LIMIT 1");
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, term, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);

      found = first != NULL && (prefix ? g_str_has_prefix (first, term) : g_str_equal (first, term));
    }
  sqlite3_reset (stmt);

  return found;
}

/* Whether @a and @b differ by at most one letter added, dropped or
 * changed, or two neighbours swapped. */
static gboolean
within_one_edit (const gunichar *a,
                 glong           n_a,
                 const gunichar *b,
                 glong           n_b)
{
  glong i = 0;

  if (n_a < n_b)
    return within_one_edit (b, n_b, a, n_a);
  if (n_a - n_b > 1)
    return FALSE;

  while (i < n_b && a[i] == b[i])
    i++;
  if (i == n_b)
    return TRUE;

  if (n_a == n_b + 1)
    return memcmp (a + i + 1, b + i, (n_b - i) * sizeof (gunichar)) == 0;

  return memcmp (a + i + 1, b + i + 1, (n_a - i - 1) * sizeof (gunichar)) == 0 ||
         (i + 1 < n_a && a[i] == b[i + 1] && a[i + 1] == b[i] &&
          memcmp (a + i + 2, b + i + 2, (n_a - i - 2) * sizeof (gunichar)) == 0);
}

typedef struct {
  char   *term;
  gint64  docs;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->docs != y->docs)
    return x->docs > y->docs ? -1 : 1;
  return strcmp (x->term, y->term);
}

/* Adds to @group the known terms (or, for a @prefix, the beginnings of
 * known terms) one edit away from @term, the most frequent first. */
static void
correct_typo (BaladiServiceSearch *self,
              Group               *group,
              const char          *term,
              gboolean             prefix)
{
  g_autofree gunichar *chars = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GHashTableIter iter;
  gpointer key, value;
  glong n_chars;

  chars = g_utf8_to_ucs4_fast (term, -1, &n_chars);
  if (n_chars < MIN_CORRECTED_CHARS)
    return;

  ensure_vocabulary (self);

  for (guint i = 0; i < self->vocab->len; i++)
    {
      VocabTerm *known = g_ptr_array_index (self->vocab, i);

      if (!prefix)
        {
          if (known->n_chars >= n_chars - 1 && known->n_chars <= n_chars + 1 &&
              within_one_edit (chars, n_chars, known->chars, known->n_chars))
            {
              gint64 docs = GPOINTER_TO_SIZE (g_hash_table_lookup (found, known->term));

              g_hash_table_insert (found, g_strdup (known->term), GSIZE_TO_POINTER (docs + known->docs));
            }
          continue;
        }

      /* A prefix one edit from what was typed: the same length first. */
      for (glong delta = 0; delta <= 2; delta++)
        {
          glong length = n_chars + (delta == 0 ? 0 : delta == 1 ? -1 : 1);

          if (length < 1 || length > known->n_chars ||
              !within_one_edit (chars, n_chars, known->chars, length))
            continue;

          {
            g_autofree char *beginning = g_ucs4_to_utf8 (known->chars, length, NULL, NULL, NULL);
            gint64 docs = GPOINTER_TO_SIZE (g_hash_table_lookup (found, beginning));

            g_hash_table_insert (found, g_steal_pointer (&beginning), GSIZE_TO_POINTER (docs + known->docs));
          }
          break;
        }
    }

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Candidate candidate = { key, GPOINTER_TO_SIZE (value) };

      g_array_append_val (candidates, candidate);
    }
  g_array_sort (candidates, compare_candidates);

  for (guint i = 0; i < candidates->len && i < MAX_CORRECTIONS; i++)
    group_add (group, g_array_index (candidates, Candidate, i).term, prefix);
  group->corrected = candidates->len > 0;
}

/* English is not stemmed: "subdivide" is not "subdivision", nor
 * "registering" "registration". An unknown long word that is no typo may
 * still share its beginning with known words: drop up to three letters
 * from its end, keeping at least five, and match what stays as a prefix. */
static void
truncate_word (BaladiServiceSearch *self,
               Group               *group,
               const char          *term)
{
  glong n_chars = g_utf8_strlen (term, -1);

  for (glong drop = 1; drop <= 3 && n_chars - drop >= 5; drop++)
    {
      g_autofree char *beginning = g_utf8_substring (term, 0, n_chars - drop);

      if (vocab_has (self, beginning, TRUE))
        {
          group_add (group, beginning, TRUE);
          group->corrected = TRUE;
          return;
        }
    }
}

static gboolean
first_token_cb (const char *token,
                gsize       len,
                gsize       start,
                gsize       end,
                gpointer    user_data)
{
  char **first = user_data;

  *first = g_strndup (token, len);
  return FALSE;
}

/* The search form of the one word @word. */
static char *
search_form (const char          *word,
             gsize                len,
             BaladiTokenizeFlags  flags)
{
  char *form = NULL;

  baladi_text_tokenize (word, len, flags, first_token_cb, &form);
  return form;
}

/* @word without its first letter when that letter is an Arabic clitic
 * and at least two letters stay, else %NULL. */
static const char *
strip_clitic (const char *word,
              gsize       len)
{
  gunichar first = g_utf8_get_char (word);
  const char *rest = g_utf8_next_char (word);

  for (guint i = 0; i < G_N_ELEMENTS (clitics); i++)
    if (first == clitics[i] && g_utf8_strlen (rest, word + len - rest) >= 2)
      return rest;

  return NULL;
}

/* Fills @group with what the whole word @word (as typed) stands for;
 * @depth clitics have been stripped already. */
static void
resolve_word (BaladiServiceSearch *self,
              Group               *group,
              const char          *word,
              gsize                len,
              gboolean             typing,
              guint                depth)
{
  g_autofree char *form = search_form (word, len, BALADI_TOKENIZE_DEFAULT);
  g_autofree char *typed = typing ? search_form (word, len, BALADI_TOKENIZE_PREFIX) : NULL;
  const char *rest;

  if (form == NULL)
    return;

  /* A word being typed is a beginning; but a word typed to its end has a
   * suffix the index stripped, so its full search form counts too. */
  if (typed != NULL && vocab_has (self, typed, TRUE))
    group_add (group, typed, TRUE);
  if (vocab_has (self, form, FALSE) && (typed == NULL || !g_str_has_prefix (form, typed)))
    group_add (group, form, FALSE);

  /* The last word may be finished, and misspelt, though it begins known
   * words: "license" begins "licensed", but was meant as "licence". */
  if (typed != NULL && depth == 0 && group->terms->len > 0 && !vocab_has (self, typed, FALSE) &&
      !vocab_has (self, form, FALSE) && g_utf8_strlen (typed, -1) >= 6)
    {
      correct_typo (self, group, typed, FALSE);
      return;
    }
  if (group->terms->len > 0)
    return;

  if (depth < 2 && (rest = strip_clitic (word, len)) != NULL)
    {
      resolve_word (self, group, rest, word + len - rest, typing, depth + 1);
      if (group->terms->len > 0)
        return;
    }

  if (depth > 0)
    return;

  if (typed != NULL)
    correct_typo (self, group, typed, TRUE);
  if (group->terms->len == 0)
    correct_typo (self, group, form, FALSE);
  if (group->terms->len == 0)
    truncate_word (self, group, typed != NULL ? typed : form);
}

typedef struct {
  gsize start;
  gsize end;
  char *form;
} Word;

static void
word_clear (Word *word)
{
  g_free (word->form);
}

static gboolean
collect_word_cb (const char *token,
                 gsize       len,
                 gsize       start,
                 gsize       end,
                 gpointer    user_data)
{
  Word word = { start, end, g_strndup (token, len) };

  g_array_append_val ((GArray *) user_data, word);
  return TRUE;
}

/**
 * baladi_service_search_parse:
 * @text: (nullable): what was typed in the search box
 *
 * Returns: (transfer full): what @text searches for
 */
BaladiServiceQuery *
baladi_service_search_parse (BaladiServiceSearch *self,
                             const char          *text)
{
  BaladiServiceQuery *query = baladi_service_query_new ();
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  gboolean typing;
  guint n_stop = 0;

  g_return_val_if_fail (BALADI_IS_SERVICE_SEARCH (self), query);

  if (text == NULL)
    return query;

  g_array_set_clear_func (words, (GDestroyNotify) word_clear);
  baladi_text_tokenize (text, -1, BALADI_TOKENIZE_DEFAULT, collect_word_cb, words);
  if (words->len == 0)
    return query;

  /* The last word is still being typed unless a space or a mark follows. */
  typing = g_array_index (words, Word, words->len - 1).end == strlen (text);

  for (guint i = 0; i < words->len; i++)
    n_stop += g_hash_table_contains (self->stop_words, g_array_index (words, Word, i).form);

  for (guint i = 0; i < words->len; i++)
    {
      Word *word = &g_array_index (words, Word, i);
      gboolean last = typing && i == words->len - 1;
      Group *group;

      if (!last && n_stop < words->len && g_hash_table_contains (self->stop_words, word->form))
        continue;

      group = group_new (text + word->start, word->end - word->start);
      resolve_word (self, group, text + word->start, word->end - word->start, last, 0);
      if (group->terms->len > 0)
        {
          g_ptr_array_add (query->groups, group);
        }
      else
        {
          g_ptr_array_add (query->ignored, g_strdup (group->word));
          group_free (group);
        }
    }

  return query;
}

/* The MATCH expression of @query: its words joined by @op. */
static char *
build_expression (BaladiServiceQuery *query,
                  const char         *op)
{
  GString *expression = g_string_new (NULL);

  for (guint i = 0; i < query->groups->len; i++)
    {
      Group *group = g_ptr_array_index (query->groups, i);

      if (i > 0)
        g_string_append (expression, op);
      g_string_append_c (expression, '(');
      for (guint j = 0; j < group->terms->len; j++)
        {
          Term *term = &g_array_index (group->terms, Term, j);

          if (j > 0)
            g_string_append (expression, " OR ");
          baladi_fts_append_term (expression, term->term, term->prefix);
        }
      g_string_append_c (expression, ')');
    }

  return g_string_free (expression, FALSE);
}

typedef struct {
  BaladiServiceSearch *self;
  BaladiServiceQuery  *query;
  gboolean            *matched;  /* by word of the query */
  gboolean             covered;
} CoverageData;

static gboolean
cover_cb (const char *token,
          gsize       len,
          gsize       start,
          gsize       end,
          gpointer    user_data)
{
  CoverageData *data = user_data;
  g_autofree char *word = g_strndup (token, len);
  int group;

  if (g_hash_table_contains (data->self->stop_words, word))
    return TRUE;

  group = matching_group (data->query, token, len);
  if (group < 0)
    {
      data->covered = FALSE;
      return FALSE;
    }

  data->matched[group] = TRUE;
  return TRUE;
}

/* How many words of @query the name or keyword @phrase accounts for when
 * the query has every word of it (little words aside); else 0. */
static guint
phrase_coverage (BaladiServiceSearch *self,
                 BaladiServiceQuery  *query,
                 const char          *phrase)
{
  g_autofree gboolean *matched = g_new0 (gboolean, query->groups->len);
  CoverageData data = { self, query, matched, TRUE };
  guint n = 0;

  baladi_text_tokenize (phrase, -1, BALADI_TOKENIZE_DEFAULT, cover_cb, &data);
  if (!data.covered)
    return 0;

  for (guint i = 0; i < query->groups->len; i++)
    n += matched[i];
  return n;
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const BaladiServiceHit *x = *(BaladiServiceHit **) a;
  const BaladiServiceHit *y = *(BaladiServiceHit **) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return strcmp (x->code, y->code);
}

/* How many of the best bm25 matches are ranked again by their names and
 * keywords: the others are far down the list anyway. */
#define RERANK_DEPTH 50

static gboolean
run_match (BaladiServiceSearch  *self,
           BaladiServiceQuery   *query,
           const char           *expression,
           gboolean              matches_all,
           const char           *sector,
           const char           *category,
           guint                 limit,
           GPtrArray            *hits,
           GHashTable           *found,
           GError              **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_service_hit_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt = baladi_store_prepare_cached (self->store,
                                      "SELECT m.code, m.score, m.revision,"
                                      "  CASE WHEN json_valid (s.document) THEN json_extract (s.document, '$.name.ar') END,"
                                      "  CASE WHEN json_valid (s.document) THEN json_extract (s.document, '$.name.en') END,"
                                      "  CASE WHEN json_valid (s.document) THEN (SELECT group_concat (value, char(31))"
                                      "    FROM json_each (s.document, '$.keywords.ar')) END,"
                                      "  CASE WHEN json_valid (s.document) THEN (SELECT group_concat (value, char(31))"
                                      "    FROM json_each (s.document, '$.keywords.en')) END "
                                      /* The documents are read for the best matches only. */
                                      "FROM (SELECT i.code, bm25(services_search, " BM25_WEIGHTS ") AS score, i.revision"
                                      "      FROM services_search JOIN service_index i ON i.docid = services_search.rowid"
                                      "        JOIN services s ON s.code = i.code"
                                      "      WHERE services_search MATCH ?1 AND (?2 IS NULL OR s.sector = ?2)"
                                      "        AND (?3 IS NULL OR s.category = ?3)"
                                      "      ORDER BY score, i.code LIMIT ?4) AS m"
                                      "  JOIN services s ON s.code = m.code "
                                      "ORDER BY m.score, m.code");
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_text (stmt, 1, expression, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, sector, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, (gint64) MAX (limit, RERANK_DEPTH) + g_hash_table_size (found));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);
      const char *name_ar = (const char *) sqlite3_column_text (stmt, 3);
      const char *name_en = (const char *) sqlite3_column_text (stmt, 4);
      guint coverage = 0;
      BaladiServiceHit *hit;

      if (g_hash_table_contains (found, code))
        continue;

      hit = g_rc_box_new0 (BaladiServiceHit);
      hit->code = g_strdup (code);
      hit->revision = sqlite3_column_int64 (stmt, 2);
      hit->matches_all = matches_all;
      hit->spans_ar = baladi_service_query_find_spans (query, name_ar);
      hit->spans_en = baladi_service_query_find_spans (query, name_en);

      /* A caller who says a service's name, or one of the words the
       * catalogue lists for it, means that service more than one whose
       * text merely has the same words: such a name or keyword multiplies
       * the score by up to two, by the share of the query it explains. */
      if (matches->len < RERANK_DEPTH)
        {
          coverage = MAX (phrase_coverage (self, query, name_ar), phrase_coverage (self, query, name_en));
          for (int column = 5; column <= 6; column++)
            {
              g_auto(GStrv) keywords = g_strsplit ((const char *) sqlite3_column_text (stmt, column) ?: "", "\x1f", -1);

              for (guint i = 0; keywords[i] != NULL; i++)
                coverage = MAX (coverage, phrase_coverage (self, query, keywords[i]));
            }
        }

      /* bm25() is better the more negative. */
      hit->score = -sqlite3_column_double (stmt, 1) * (1.0 + (double) coverage / query->groups->len);
      g_ptr_array_add (matches, hit);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    goto fail;

  g_ptr_array_sort (matches, compare_hits);
  for (guint i = 0; i < matches->len && hits->len < limit; i++)
    {
      BaladiServiceHit *hit = g_ptr_array_index (matches, i);

      g_hash_table_add (found, hit->code);
      g_ptr_array_add (hits, baladi_service_hit_ref (hit));
    }

  return TRUE;

fail:
  g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
               "Searching the services failed: %s", sqlite3_errmsg (baladi_store_get_db (self->store)));
  return FALSE;
}

/**
 * baladi_service_search_run:
 * @sector: (nullable): only services of this sector (its wire name)
 * @category: (nullable): only services of this category
 * @limit: the most hits wanted
 *
 * Returns: (transfer full) (element-type BaladiServiceHit) (nullable): the
 *   services @query finds, best first; empty when @query is empty
 */
GPtrArray *
baladi_service_search_run (BaladiServiceSearch  *self,
                           BaladiServiceQuery   *query,
                           const char           *sector,
                           const char           *category,
                           guint                 limit,
                           GError              **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_service_hit_unref);
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *all = NULL;

  g_return_val_if_fail (BALADI_IS_SERVICE_SEARCH (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->groups->len == 0 || limit == 0)
    return g_steal_pointer (&hits);

  all = build_expression (query, " AND ");
  if (!run_match (self, query, all, TRUE, sector, category, limit, hits, found, error))
    return NULL;

  /* Few services have every word: a caller's words are not the
   * catalogue's, so the services with some of them follow. */
  if (query->groups->len > 1 && hits->len < MIN (limit, FEW_HITS))
    {
      g_autofree char *any = build_expression (query, " OR ");

      if (!run_match (self, query, any, FALSE, sector, category, limit, hits, found, error))
        return NULL;
    }

  return g_steal_pointer (&hits);
}

/**
 * baladi_service_search_find:
 *
 * baladi_service_search_parse() and baladi_service_search_run() over the
 * whole catalogue.
 *
 * Returns: (transfer full) (element-type BaladiServiceHit) (nullable): the
 *   hits, best first
 */
GPtrArray *
baladi_service_search_find (BaladiServiceSearch  *self,
                            const char           *text,
                            guint                 limit,
                            GError              **error)
{
  g_autoptr(BaladiServiceQuery) query = NULL;

  g_return_val_if_fail (BALADI_IS_SERVICE_SEARCH (self), NULL);

  query = baladi_service_search_parse (self, text);
  return baladi_service_search_run (self, query, NULL, NULL, limit, error);
}
