/* baladi-validate.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The checks that the server applies to what it receives and the window
 * applies to what a clerk types, so both refuse the same things. */

#include "config.h"

#include <string.h>

#include "baladi-validate.h"

void
baladi_field_error_free (BaladiFieldError *error)
{
  if (error == NULL)
    return;

  g_free (error->field);
  g_free (error->code);
  g_free (error->description);
  g_free (error);
}

/**
 * baladi_field_errors_new:
 *
 * Returns: (transfer full): an empty list of #BaladiFieldError
 */
GPtrArray *
baladi_field_errors_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_field_error_free);
}

void
baladi_field_errors_add (GPtrArray  *errors,
                         const char *field,
                         const char *code,
                         const char *description)
{
  BaladiFieldError *error = g_new0 (BaladiFieldError, 1);

  g_return_if_fail (errors != NULL);

  error->field = g_strdup (field);
  error->code = g_strdup (code);
  error->description = g_strdup (description);
  g_ptr_array_add (errors, error);
}

/**
 * baladi_id_is_valid:
 *
 * Ids are lowercase UUIDs and nothing else, which also keeps them out of
 * any path or SQL trouble.
 */
gboolean
baladi_id_is_valid (const char *id)
{
  if (id == NULL || strlen (id) != 36 || !g_uuid_string_is_valid (id))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

/**
 * baladi_phone_is_valid:
 *
 * A Bahraini phone number: eight digits, optionally after +973 or 00973,
 * with spaces allowed between groups.
 */
gboolean
baladi_phone_is_valid (const char *phone)
{
  const char *p = phone;
  guint n_digits = 0;

  if (phone == NULL)
    return FALSE;

  if (g_str_has_prefix (p, "+973"))
    p += 4;
  else if (g_str_has_prefix (p, "00973"))
    p += 5;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (*p != ' ')
        return FALSE;
    }

  return n_digits == 8;
}

/**
 * baladi_cpr_is_valid:
 *
 * A CPR (personal number of the smart card) has nine digits.
 */
gboolean
baladi_cpr_is_valid (const char *cpr)
{
  gsize len = 0;

  if (cpr == NULL)
    return FALSE;

  for (; cpr[len] != '\0'; len++)
    if (!g_ascii_isdigit (cpr[len]))
      return FALSE;

  return len == 9;
}

/**
 * baladi_email_is_valid:
 *
 * Only what catches typing slips: one @, something before it, and a dot
 * in the domain after it. Whether the address exists is not ours to know.
 */
gboolean
baladi_email_is_valid (const char *email)
{
  const char *at;

  if (email == NULL || strchr (email, ' ') != NULL)
    return FALSE;

  at = strchr (email, '@');
  return at != NULL && at != email && strchr (at + 1, '@') == NULL &&
         strchr (at + 1, '.') != NULL && !g_str_has_suffix (email, ".");
}

/**
 * baladi_location_is_in_bahrain:
 *
 * Returns: whether the point lies in the box around the Kingdom's islands
 */
gboolean
baladi_location_is_in_bahrain (double latitude,
                               double longitude)
{
  return latitude >= 25.5 && latitude <= 26.4 && longitude >= 50.3 && longitude <= 50.9;
}

/**
 * baladi_reference_format:
 *
 * Returns: (transfer full): the public reference of a request, e.g.
 *   CAP-2026-000123
 */
char *
baladi_reference_format (BaladiMunicipality municipality,
                         int                year,
                         guint              serial)
{
  g_return_val_if_fail (year >= 2000 && year <= 9999, NULL);
  g_return_val_if_fail (serial > 0 && serial <= 999999, NULL);

  return g_strdup_printf ("%s-%04d-%06u", baladi_municipality_get_prefix (municipality), year, serial);
}

/**
 * baladi_reference_parse:
 * @municipality: (out) (optional):
 * @year: (out) (optional):
 * @serial: (out) (optional):
 *
 * Returns: whether @reference is a well-formed public reference
 */
gboolean
baladi_reference_parse (const char         *reference,
                        BaladiMunicipality *municipality,
                        int                *year,
                        guint              *serial)
{
  g_auto(GStrv) parts = NULL;
  guint64 y, s;

  if (reference == NULL || strlen (reference) != 15)
    return FALSE;

  parts = g_strsplit (reference, "-", -1);
  if (g_strv_length (parts) != 3 || strlen (parts[1]) != 4 || strlen (parts[2]) != 6 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 2000, 9999, &y, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 1, 999999, &s, NULL))
    return FALSE;

  for (int m = BALADI_MUNICIPALITY_CAPITAL; m <= BALADI_MUNICIPALITY_SOUTHERN; m++)
    {
      if (g_str_equal (parts[0], baladi_municipality_get_prefix (m)))
        {
          if (municipality != NULL)
            *municipality = m;
          if (year != NULL)
            *year = (int) y;
          if (serial != NULL)
            *serial = (guint) s;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * baladi_json_nesting_depth:
 *
 * json-glib 1.6 has no nesting limit and overflows the stack on deep
 * input, so both ends of the API measure a JSON text with this byte scan
 * before parsing it.
 *
 * Returns: the deepest nesting of arrays and objects in @data, outside
 *   strings
 */
guint
baladi_json_nesting_depth (const char *data,
                           gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint max_depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          /* Not MAX (max_depth, ++depth): the macro would count twice. */
          depth++;
          max_depth = MAX (max_depth, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return max_depth;
}

/**
 * baladi_template_variables:
 *
 * Returns: (transfer none): the variables a reply template may use, each
 *   written {name} in its body
 */
const char * const *
baladi_template_variables (void)
{
  static const char * const variables[] = { "citizen", "reference", "due", "service", "requirements", NULL };

  return variables;
}

/**
 * baladi_template_find_unknown_variable:
 *
 * Returns: (transfer full) (nullable): the first {word} of @text that is
 *   not one of baladi_template_variables(), with its braces, or %NULL
 */
char *
baladi_template_find_unknown_variable (const char *text)
{
  const char *p = text;

  while ((p = strchr (p, '{')) != NULL)
    {
      const char *end = strchr (p + 1, '}');
      const char *next_open = strchr (p + 1, '{');
      g_autofree char *name = NULL;

      /* A brace that opens nothing is text, not a variable. */
      if (end == NULL || (next_open != NULL && next_open < end))
        {
          p++;
          continue;
        }

      name = g_strndup (p + 1, end - p - 1);
      /* Braces around nothing or around spaced words are prose. */
      if (*name == '\0' || strpbrk (name, " \t\n") != NULL)
        {
          p = end + 1;
          continue;
        }
      if (!g_strv_contains (baladi_template_variables (), name))
        return g_strndup (p, end - p + 1);
      p = end + 1;
    }

  return NULL;
}

/* Lower-case letters, digits and hyphens, 1 to 64, as the seeded ones
 * (acknowledge) and the UUIDs the server makes. */
gboolean
baladi_template_id_is_valid (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  if (len == 0 || len > 64 || id[0] == '-')
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_islower (id[i]) && !g_ascii_isdigit (id[i]) && id[i] != '-')
      return FALSE;

  return TRUE;
}
