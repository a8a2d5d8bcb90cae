/* baladi-service-answer.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Answer the caller": a service as plain text a clerk reads out or sends,
 * in the caller's language, which need not be the clerk's. So the labels
 * here are not gettext strings (those follow the interface) but fixed
 * pairs, and the service's own text comes from its field in that
 * language, or from the other one when that is all the catalogue has. */

#include "config.h"

#include "baladi-service-answer.h"

typedef enum {
  LABEL_RESPONSIBLE,
  LABEL_WHO_MAY_APPLY,
  LABEL_DOCUMENTS,
  LABEL_FEES,
  LABEL_NO_FEES,
  LABEL_DURATION,
  LABEL_NOT_STATED,
  LABEL_STEPS,
  LABEL_CHANNELS,
  LABEL_ONLINE_AT,
  N_LABELS
} Label;

/* Each label in English, then in Arabic. */
static const char *labels[N_LABELS][2] = {
  [LABEL_RESPONSIBLE] = { "Responsible", "الجهة المسؤولة" },
  [LABEL_WHO_MAY_APPLY] = { "Who may apply", "من يحق له التقديم" },
  [LABEL_DOCUMENTS] = { "Required documents", "المستندات المطلوبة" },
  [LABEL_FEES] = { "Fees", "الرسوم" },
  [LABEL_NO_FEES] = { "none", "لا توجد رسوم" },
  [LABEL_DURATION] = { "Expected duration", "المدة المتوقعة" },
  [LABEL_NOT_STATED] = { "not stated", "غير محددة" },
  [LABEL_STEPS] = { "Steps", "خطوات الحصول على الخدمة" },
  [LABEL_CHANNELS] = { "How to apply", "طرق التقديم" },
  [LABEL_ONLINE_AT] = { "Apply online at", "رابط الخدمة الإلكترونية" },
};

/* The channels of the catalogue (docs/api.md), in English, then Arabic. */
static const struct {
  const char *wire;
  const char *text[2];
} channels[] = {
  { "online", { "online", "إلكترونيًا" } },
  { "counter", { "at a service centre counter", "في مراكز خدمة العملاء" } },
  { "phone", { "by phone", "عبر الهاتف" } },
  { "tawasul", { "through Tawasul", "عبر نظام تواصل" } },
  { "mobile_app", { "on the mobile app", "عبر تطبيق الهاتف" } },
};

static gboolean
is_arabic (const char *language)
{
  return g_strcmp0 (language, "ar") == 0;
}

static const char *
label (Label       which,
       const char *language)
{
  return labels[which][is_arabic (language)];
}

/**
 * baladi_service_format_duration:
 * @value: how many units; 0 when the catalogue does not say
 * @language: "ar" or "en"
 *
 * Returns: (transfer full): "10 working days", or "10 أيام عمل" with the
 *   Western digits Bahrain's administration writes
 */
char *
baladi_service_format_duration (guint          value,
                                BaladiSlaUnit  unit,
                                const char    *language)
{
  gboolean hours = unit == BALADI_SLA_UNIT_WORKING_HOURS;

  if (value == 0)
    return g_strdup (label (LABEL_NOT_STATED, language));

  if (!is_arabic (language))
    return g_strdup_printf ("%u working %s", value,
                            hours ? (value == 1 ? "hour" : "hours") : (value == 1 ? "day" : "days"));

  /* Arabic counts a noun in forms: one, two (with no number), three to
   * ten (plural), then eleven and up (singular). */
  if (value == 1)
    return g_strdup (hours ? "ساعة عمل واحدة" : "يوم عمل واحد");
  if (value == 2)
    return g_strdup (hours ? "ساعتا عمل" : "يوما عمل");
  if (value % 100 >= 3 && value % 100 <= 10)
    return g_strdup_printf ("%u %s", value, hours ? "ساعات عمل" : "أيام عمل");
  return g_strdup_printf ("%u %s", value, hours ? "ساعة عمل" : "يوم عمل");
}

/**
 * baladi_service_format_fee:
 * @fils: an amount in fils
 * @language: "ar" or "en"
 *
 * Returns: (transfer full): "BHD 25.000" or "25.000 دينار بحريني"
 */
char *
baladi_service_format_fee (gint64      fils,
                           const char *language)
{
  g_autofree char *bhd = baladi_fils_format_bhd (MAX (fils, 0));

  if (is_arabic (language))
    return g_strdup_printf ("%s دينار بحريني", bhd);
  return g_strdup_printf ("BHD %s", bhd);
}

/* The text property @name-LANGUAGE of @service, or in the other language
 * when empty. */
static char *
get_text (BaladiService *service,
          const char    *name,
          const char    *language)
{
  g_autofree char *wanted = g_strdup_printf ("%s-%s", name, is_arabic (language) ? "ar" : "en");
  g_autofree char *other = g_strdup_printf ("%s-%s", name, is_arabic (language) ? "en" : "ar");
  char *text = NULL;

  g_object_get (service, wanted, &text, NULL);
  if (text == NULL || *g_strstrip (text) == '\0')
    {
      g_free (text);
      g_object_get (service, other, &text, NULL);
    }

  if (text != NULL && *g_strstrip (text) == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Like get_text() for a list property: the other language's list when
 * this one is empty. */
static GStrv
get_list (BaladiService *service,
          const char    *name,
          const char    *language)
{
  g_autofree char *wanted = g_strdup_printf ("%s-%s", name, is_arabic (language) ? "ar" : "en");
  g_autofree char *other = g_strdup_printf ("%s-%s", name, is_arabic (language) ? "en" : "ar");
  GStrv list = NULL;

  g_object_get (service, wanted, &list, NULL);
  if (list == NULL || list[0] == NULL)
    {
      g_strfreev (list);
      g_object_get (service, other, &list, NULL);
    }

  return list;
}

static void
append_numbered (GString            *answer,
                 const char * const *items)
{
  guint number = 1;

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *item = g_strstrip (g_strdup (items[i]));

      if (*item != '\0')
        g_string_append_printf (answer, "%u. %s\n", number++, item);
    }
}

/**
 * baladi_service_compose_answer:
 * @language: the caller's language, "ar" or "en"
 *
 * Returns: (transfer full): what a clerk tells a caller about @service: its
 *   name, who is responsible, who may apply, the documents, the fees, how
 *   long it takes, the steps, and how to apply, as plain text
 */
char *
baladi_service_compose_answer (BaladiService *service,
                               const char    *language)
{
  GString *answer = g_string_new (NULL);
  g_autofree char *name = NULL, *directorate = NULL, *eligibility = NULL, *url = NULL;
  g_auto(GStrv) documents = NULL, steps = NULL, channel_list = NULL;
  const char *separator = is_arabic (language) ? "، " : ", ";
  GPtrArray *fees;
  guint duration_value;
  BaladiSlaUnit duration_unit;
  gboolean e_service;

  g_return_val_if_fail (BALADI_IS_SERVICE (service), g_string_free (answer, FALSE));

  name = get_text (service, "name", language);
  directorate = get_text (service, "directorate", language);
  eligibility = get_text (service, "eligibility", language);
  documents = get_list (service, "documents", language);
  steps = get_list (service, "steps", language);
  g_object_get (service,
                "channels", &channel_list,
                "e-service", &e_service,
                "e-service-url", &url,
                "duration-value", &duration_value,
                "duration-unit", &duration_unit,
                NULL);

  g_string_append_printf (answer, "%s\n", name != NULL ? name : baladi_service_get_code (service));
  if (directorate != NULL)
    g_string_append_printf (answer, "%s: %s\n", label (LABEL_RESPONSIBLE, language), directorate);

  if (eligibility != NULL)
    g_string_append_printf (answer, "\n%s: %s\n", label (LABEL_WHO_MAY_APPLY, language), eligibility);

  if (documents != NULL && documents[0] != NULL)
    {
      g_string_append_printf (answer, "\n%s:\n", label (LABEL_DOCUMENTS, language));
      append_numbered (answer, (const char * const *) documents);
    }

  fees = baladi_service_get_fees (service);
  if (fees->len == 0)
    g_string_append_printf (answer, "\n%s: %s\n", label (LABEL_FEES, language), label (LABEL_NO_FEES, language));
  else
    g_string_append_printf (answer, "\n%s:\n", label (LABEL_FEES, language));
  for (guint i = 0; i < fees->len; i++)
    {
      BaladiFee *fee = g_ptr_array_index (fees, i);
      const char *fee_label = is_arabic (language) ? fee->label_ar : fee->label_en;
      g_autofree char *amount = baladi_service_format_fee (fee->fils, language);

      if (fee_label == NULL || *fee_label == '\0')
        fee_label = is_arabic (language) ? fee->label_en : fee->label_ar;
      if (fee_label != NULL && *fee_label != '\0')
        g_string_append_printf (answer, "- %s: %s\n", fee_label, amount);
      else
        g_string_append_printf (answer, "- %s\n", amount);
    }

  {
    g_autofree char *duration = baladi_service_format_duration (duration_value, duration_unit, language);

    g_string_append_printf (answer, "\n%s: %s\n", label (LABEL_DURATION, language), duration);
  }

  if (steps != NULL && steps[0] != NULL)
    {
      g_string_append_printf (answer, "\n%s:\n", label (LABEL_STEPS, language));
      append_numbered (answer, (const char * const *) steps);
    }

  if (channel_list != NULL && channel_list[0] != NULL)
    {
      g_string_append_printf (answer, "\n%s: ", label (LABEL_CHANNELS, language));
      for (guint i = 0; channel_list[i] != NULL; i++)
        {
          const char *text = channel_list[i];

          for (guint j = 0; j < G_N_ELEMENTS (channels); j++)
            if (g_str_equal (channels[j].wire, channel_list[i]))
              text = channels[j].text[is_arabic (language)];
          g_string_append_printf (answer, "%s%s", i > 0 ? separator : "", text);
        }
      g_string_append_c (answer, '\n');
    }

  if (e_service && url != NULL && *url != '\0')
    g_string_append_printf (answer, "%s: %s\n", label (LABEL_ONLINE_AT, language), url);

  return g_string_free (answer, FALSE);
}
