/* baladi-service-format.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How the Services page writes a service: its text in the interface's
 * language (or the other one, when that is all the catalogue has), its
 * name with the words a search found in bold, its channels and fees. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "baladi-service-answer.h"
#include "baladi-service-format.h"
#include "baladi-text.h"

/**
 * baladi_ui_language:
 *
 * Returns: "ar" or "en": the language of the interface, as the
 *   translation says, to pick a service's text in the same language
 */
const char *
baladi_ui_language (void)
{
  /* Translators: the code of this translation's language: "ar" for Arabic */
  return C_("language code", "en");
}

static gboolean
is_arabic (const char *language)
{
  return g_strcmp0 (language, "ar") == 0;
}

/**
 * baladi_service_dup_text:
 * @field: a bilingual property without its language: "name", "description"…
 *
 * Returns: (transfer full) (nullable): @field in @language, or in the
 *   other language when empty; %NULL when both are
 */
char *
baladi_service_dup_text (BaladiService *service,
                         const char    *field,
                         const char    *language)
{
  g_autofree char *wanted = g_strdup_printf ("%s-%s", field, is_arabic (language) ? "ar" : "en");
  g_autofree char *other = g_strdup_printf ("%s-%s", field, is_arabic (language) ? "en" : "ar");
  char *text = NULL;

  g_object_get (service, wanted, &text, NULL);
  if (baladi_text_is_blank (text))
    {
      g_free (text);
      g_object_get (service, other, &text, NULL);
    }
  if (baladi_text_is_blank (text))
    g_clear_pointer (&text, g_free);

  return text;
}

/**
 * baladi_service_dup_list:
 * @field: "documents", "steps" or "keywords"
 *
 * Returns: (transfer full): the list in @language, or in the other
 *   language when empty; never %NULL
 */
GStrv
baladi_service_dup_list (BaladiService *service,
                         const char    *field,
                         const char    *language)
{
  g_autofree char *wanted = g_strdup_printf ("%s-%s", field, is_arabic (language) ? "ar" : "en");
  g_autofree char *other = g_strdup_printf ("%s-%s", field, is_arabic (language) ? "en" : "ar");
  GStrv list = NULL;

  g_object_get (service, wanted, &list, NULL);
  if (list == NULL || list[0] == NULL)
    {
      g_strfreev (list);
      g_object_get (service, other, &list, NULL);
    }

  return list != NULL ? list : g_new0 (char *, 1);
}

/**
 * baladi_service_channel_label:
 * @channel: a channel of the catalogue (docs/api.md): "online", "counter"…
 *
 * Returns: how the interface names it
 */
const char *
baladi_service_channel_label (const char *channel)
{
  static const struct {
    const char *wire;
    const char *label;
  } channels[] = {
    { "online", N_("Online") },
    { "counter", N_("At a service centre counter") },
    { "phone", N_("By phone") },
    { "tawasul", N_("Through Tawasul") },
    { "mobile_app", N_("On the mobile app") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    if (g_strcmp0 (channels[i].wire, channel) == 0)
      return _(channels[i].label);

  return channel;
}

/**
 * baladi_service_name_markup:
 * @hit: (nullable): where a search found words in the name
 *
 * Returns: (transfer full): the name of @service in @language as Pango
 *   markup, escaped, with the words found in bold
 */
char *
baladi_service_name_markup (BaladiService    *service,
                            BaladiServiceHit *hit,
                            const char       *language)
{
  g_autofree char *own = NULL;
  const char *name = baladi_service_get_name (service, language);
  const BaladiTextSpan *spans = NULL;
  GString *markup = g_string_new (NULL);
  guint n_spans = 0;
  guint done = 0;
  gsize length;

  /* The spans are of the name in the language asked for: with the other
   * language's name, nothing is highlighted. */
  if (baladi_text_is_blank (name))
    {
      own = baladi_service_dup_text (service, "name", language);
      name = own != NULL ? own : baladi_service_get_code (service);
    }
  else if (hit != NULL)
    {
      spans = baladi_service_hit_get_name_spans (hit, language, &n_spans);
    }

  length = strlen (name);
  for (guint i = 0; i < n_spans; i++)
    {
      g_autofree char *before = NULL;
      g_autofree char *word = NULL;

      /* Spans are in order and within the text; skip any that are not. */
      if (spans[i].start < done || spans[i].end > length || spans[i].end <= spans[i].start)
        continue;

      before = g_markup_escape_text (name + done, spans[i].start - done);
      word = g_markup_escape_text (name + spans[i].start, spans[i].end - spans[i].start);
      g_string_append_printf (markup, "%s<b>%s</b>", before, word);
      done = spans[i].end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (name + done, -1);

    g_string_append (markup, rest);
  }

  return g_string_free (markup, FALSE);
}

/**
 * baladi_service_format_total_fee:
 *
 * Returns: (transfer full): what the service costs in all, or that it is free
 */
char *
baladi_service_format_total_fee (BaladiService *service,
                                 const char    *language)
{
  GPtrArray *fees = baladi_service_get_fees (service);

  if (fees->len == 0)
    return g_strdup (_("Free"));

  return baladi_service_format_fee (baladi_service_get_total_fils (service), language);
}

/**
 * baladi_service_format_summary:
 *
 * Returns: (transfer full): the line under a service's name in a list:
 *   its sector, whether it is online, how long it takes and what it costs
 */
char *
baladi_service_format_summary (BaladiService *service)
{
  const char *language = baladi_ui_language ();
  g_autofree char *duration = NULL;
  g_autofree char *fee = baladi_service_format_total_fee (service, language);
  BaladiSector sector;
  BaladiSlaUnit unit;
  guint value;
  gboolean e_service;

  g_object_get (service, "sector", &sector, "duration-value", &value, "duration-unit", &unit,
                "e-service", &e_service, NULL);
  duration = baladi_service_format_duration (value, unit, language);

  /* Translators: a service in a list: its sector, whether it is an
   * e-service, how long it takes and what it costs, e.g.
   * "Urban Planning · E-service · 10 working days · BHD 25.000" */
  return g_strdup_printf (_("%s · %s · %s · %s"), baladi_sector_get_label (sector),
                          e_service ? _("E-service") : _("At a counter"), duration, fee);
}
