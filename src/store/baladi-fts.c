/* baladi-fts.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The "baladi" FTS5 tokenizer: FTS5's own unicode61 splits Arabic with
 * harakat into letters and merges none of its spelling variants, so the
 * cache indexes and searches with the words of baladi-text.c instead, with
 * offsets into the original text so that highlight() marks what the user
 * sees. And what a user types is turned into an FTS5 query that can never
 * be a syntax error nor say more than the words typed. */

#include "config.h"

#include <string.h>

#include "baladi-fts.h"
#include "baladi-text.h"
#include <gio/gio.h>

/* U+E000, a private-use character: never a word character, so user text
 * quoted by baladi_fts_build_query() starting with it matches nothing. */
#define VERBATIM "\xee\x80\x80"

typedef struct {
  void *ctx;
  int (*token) (void *ctx, int flags, const char *token, int len, int start, int end);
  int   rc;
} TokenizeData;

static gboolean
emit_token_cb (const char *token,
               gsize       len,
               gsize       start,
               gsize       end,
               gpointer    user_data)
{
  TokenizeData *data = user_data;

  data->rc = data->token (data->ctx, 0, token, (int) len, (int) start, (int) end);
  return data->rc == SQLITE_OK;
}

static int
baladi_tokenize (Fts5Tokenizer *tokenizer,
                 void          *ctx,
                 int            flags,
                 const char    *text,
                 int            len,
                 int          (*token) (void *, int, const char *, int, int, int))
{
  TokenizeData data = { ctx, token, SQLITE_OK };

  /* A term the search code has already normalised (see
   * baladi_fts_append_term()): normalising it again could stem it further. */
  if ((flags & FTS5_TOKENIZE_QUERY) && len > (int) strlen (VERBATIM) &&
      memcmp (text, VERBATIM, strlen (VERBATIM)) == 0)
    return token (ctx, 0, text + strlen (VERBATIM), len - (int) strlen (VERBATIM), 0, len);

  baladi_text_tokenize (text, len,
                        (flags & FTS5_TOKENIZE_PREFIX) ? BALADI_TOKENIZE_PREFIX : BALADI_TOKENIZE_DEFAULT,
                        emit_token_cb, &data);
  return data.rc;
}

/* The tokenizer has no state: any non-NULL pointer will do. */
static int
baladi_create (void           *context,
               const char    **args,
               int             n_args,
               Fts5Tokenizer **tokenizer)
{
  *tokenizer = (Fts5Tokenizer *) context;
  return SQLITE_OK;
}

static void
baladi_delete (Fts5Tokenizer *tokenizer)
{
}

/**
 * baladi_fts_register:
 *
 * Makes the "baladi" tokenizer available to FTS5 tables of @db
 * (`tokenize = 'baladi'`).
 */
gboolean
baladi_fts_register (sqlite3  *db,
                     GError  **error)
{
  static fts5_tokenizer tokenizer = { baladi_create, baladi_delete, baladi_tokenize };
  static int context;
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  if (api == NULL || api->xCreateTokenizer (api, "baladi", &context, &tokenizer, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "This SQLite has no FTS5: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_token_cb (const char *token,
              gsize       len,
              gsize       start,
              gsize       end,
              gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
  return FALSE;
}

/**
 * baladi_fts_build_query:
 * @user_text: whatever was typed in a search box
 *
 * Each word becomes a quoted FTS5 string (its quotes doubled), so no
 * operator, column filter or parenthesis typed by a user means anything;
 * the words must all match; the last word, still being typed, matches as
 * a prefix or as a whole word unless the text ends with a space.
 *
 * Returns: (transfer full) (nullable): the MATCH expression, or %NULL when
 *   nothing searchable was typed (show everything)
 */
char *
baladi_fts_build_query (const char *user_text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  const char *valid_end;
  g_autofree char *text = NULL;
  gboolean typing;
  guint n_words;

  if (user_text == NULL)
    return NULL;

  g_utf8_validate (user_text, -1, &valid_end);
  text = g_strndup (user_text, valid_end - user_text);
  typing = *text != '\0' && !g_ascii_isspace (text[strlen (text) - 1]);
  words = g_strsplit_set (text, " \t\r\n", -1);
  n_words = g_strv_length (words);

  for (guint i = 0; i < n_words; i++)
    {
      g_autoptr(GString) quoted = NULL;
      gboolean has_token = FALSE;

      baladi_text_tokenize (words[i], -1, BALADI_TOKENIZE_DEFAULT, has_token_cb, &has_token);
      if (!has_token)
        continue;

      quoted = g_string_new (words[i]);
      g_string_replace (quoted, "\"", "\"\"", 0);
      /* The word being typed may be unfinished (a prefix, ending kept) or
       * already whole (stemmed as the index stems it): either matches. */
      if (typing && i == n_words - 1)
        g_string_append_printf (query, "%s(\"%s\"* OR \"%s\")", query->len > 0 ? " AND " : "", quoted->str, quoted->str);
      else
        g_string_append_printf (query, "%s\"%s\"", query->len > 0 ? " AND " : "", quoted->str);
    }

  return query->len > 0 ? g_strdup (query->str) : NULL;
}

/**
 * baladi_fts_append_term:
 * @query: the MATCH expression being built
 * @term: a search term as the tokenizer indexes it (normalised and stemmed
 *   by baladi_text_tokenize()): one word of letters and digits
 * @prefix: whether @term matches as a prefix
 *
 * Appends @term as a quoted FTS5 string the tokenizer passes through as
 * it is. A term that is not one word is dropped: it could not have come
 * from baladi_text_tokenize().
 */
void
baladi_fts_append_term (GString    *query,
                        const char *term,
                        gboolean    prefix)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (term != NULL);

  for (const char *p = term; *p != '\0'; p++)
    if (*p == '"' || g_ascii_isspace (*p))
      return;

  g_string_append_printf (query, "\"" VERBATIM "%s\"%s", term, prefix ? "*" : "");
}
