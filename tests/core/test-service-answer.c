/* test-service-answer.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The answer a clerk gives a caller, in the caller's language whatever
 * the interface's: every line, in Arabic and in English. */

#include "config.h"

#include <locale.h>

#include "baladi-service-answer.h"

static BaladiService *
make_service (void)
{
  BaladiService *service = baladi_service_new ("MUN-001");
  const char *documents_ar[] = { "نسخة من البطاقة الذكية لمقدم الطلب", "نسخة من وثيقة ملكية العقار", NULL };
  const char *documents_en[] = { "Copy of the applicant's smart card (CPR)", "Copy of the property title deed", NULL };
  const char *steps_ar[] = { "تقديم الطلب عبر البوابة الوطنية", "سداد الرسوم", "إصدار الموافقة", NULL };
  const char *steps_en[] = { "Apply on the national portal", "Pay the fee", "The approval is issued", NULL };
  const char *channels[] = { "online", "counter", "phone", NULL };

  g_object_set (service,
                "name-ar", "رخصة بناء مسكن خاص",
                "name-en", "Building permit for a private house",
                "directorate-ar", "إدارة تراخيص البناء",
                "directorate-en", "Building Licensing Directorate",
                "eligibility-ar", "مالك العقار أو وكيله القانوني",
                "eligibility-en", "The property owner or the owner's legal agent",
                "documents-ar", documents_ar,
                "documents-en", documents_en,
                "steps-ar", steps_ar,
                "steps-en", steps_en,
                "channels", channels,
                "duration-value", 10,
                "duration-unit", BALADI_SLA_UNIT_WORKING_DAYS,
                "e-service", TRUE,
                "e-service-url", "https://services.bahrain.bh/mun-001",
                NULL);
  baladi_service_add_fee (service, baladi_fee_new (300, "رسم لكل متر مربع", "Per square metre"));
  baladi_service_add_fee (service, baladi_fee_new (25000, "رسم الطلب", "Application fee"));

  return service;
}

static void
test_english (void)
{
  g_autoptr(BaladiService) service = make_service ();
  g_autofree char *answer = baladi_service_compose_answer (service, "en");

  g_assert_cmpstr (answer, ==,
                   "Building permit for a private house\n"
                   "Responsible: Building Licensing Directorate\n"
                   "\n"
                   "Who may apply: The property owner or the owner's legal agent\n"
                   "\n"
                   "Required documents:\n"
                   "1. Copy of the applicant's smart card (CPR)\n"
                   "2. Copy of the property title deed\n"
                   "\n"
                   "Fees:\n"
                   "- Per square metre: BHD 0.300\n"
                   "- Application fee: BHD 25.000\n"
                   "\n"
                   "Expected duration: 10 working days\n"
                   "\n"
                   "Steps:\n"
                   "1. Apply on the national portal\n"
                   "2. Pay the fee\n"
                   "3. The approval is issued\n"
                   "\n"
                   "How to apply: online, at a service centre counter, by phone\n"
                   "Apply online at: https://services.bahrain.bh/mun-001\n");
}

static void
test_arabic (void)
{
  g_autoptr(BaladiService) service = make_service ();
  g_autofree char *answer = baladi_service_compose_answer (service, "ar");

  g_assert_cmpstr (answer, ==,
                   "رخصة بناء مسكن خاص\n"
                   "الجهة المسؤولة: إدارة تراخيص البناء\n"
                   "\n"
                   "من يحق له التقديم: مالك العقار أو وكيله القانوني\n"
                   "\n"
                   "المستندات المطلوبة:\n"
                   "1. نسخة من البطاقة الذكية لمقدم الطلب\n"
                   "2. نسخة من وثيقة ملكية العقار\n"
                   "\n"
                   "الرسوم:\n"
                   "- رسم لكل متر مربع: 0.300 دينار بحريني\n"
                   "- رسم الطلب: 25.000 دينار بحريني\n"
                   "\n"
                   "المدة المتوقعة: 10 أيام عمل\n"
                   "\n"
                   "خطوات الحصول على الخدمة:\n"
                   "1. تقديم الطلب عبر البوابة الوطنية\n"
                   "2. سداد الرسوم\n"
                   "3. إصدار الموافقة\n"
                   "\n"
                   "طرق التقديم: إلكترونيًا، في مراكز خدمة العملاء، عبر الهاتف\n"
                   "رابط الخدمة الإلكترونية: https://services.bahrain.bh/mun-001\n");
}

/* The caller's language, not the interface's: an English interface
 * gives an Arabic caller an Arabic answer. */
static void
test_language_is_the_callers (void)
{
  g_autoptr(BaladiService) service = make_service ();
  const char *previous = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (previous);
  g_autofree char *english = NULL, *arabic = NULL;

  g_setenv ("LANGUAGE", "en", TRUE);
  arabic = baladi_service_compose_answer (service, "ar");
  g_setenv ("LANGUAGE", "ar", TRUE);
  english = baladi_service_compose_answer (service, "en");
  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  /* No Latin letter in the Arabic answer but the web address; no Arabic
   * letter in the English one. */
  for (const char *p = arabic; *p != '\0'; p = g_utf8_next_char (p))
    if (g_ascii_isalpha (*p))
      {
        g_assert_true (g_str_has_prefix (p, "https://services.bahrain.bh/mun-001"));
        break;
      }
  for (const char *p = english; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (g_utf8_get_char (p) >= 0x0600 && g_utf8_get_char (p) <= 0x06FF);
}

/* A service with little in it: no fees, no duration, one language only,
 * not online. */
static void
test_sparse_service (void)
{
  g_autoptr(BaladiService) service = baladi_service_new ("UPL-099");
  g_autofree char *arabic = NULL, *english = NULL;
  const char *channels[] = { "counter", "fax", NULL };

  g_object_set (service, "name-en", "Map extract", "channels", channels,
                "e-service-url", "https://example.bh/", NULL);
  arabic = baladi_service_compose_answer (service, "ar");
  english = baladi_service_compose_answer (service, "en");

  g_assert_cmpstr (english, ==,
                   "Map extract\n"
                   "\n"
                   "Fees: none\n"
                   "\n"
                   "Expected duration: not stated\n"
                   "\n"
                   "How to apply: at a service centre counter, fax\n");
  /* The English name when the catalogue has no Arabic one. */
  g_assert_cmpstr (arabic, ==,
                   "Map extract\n"
                   "\n"
                   "الرسوم: لا توجد رسوم\n"
                   "\n"
                   "المدة المتوقعة: غير محددة\n"
                   "\n"
                   "طرق التقديم: في مراكز خدمة العملاء، fax\n");
}

static void
test_durations_and_fees (void)
{
  const struct {
    guint value;
    BaladiSlaUnit unit;
    const char *ar;
    const char *en;
  } cases[] = {
    { 1, BALADI_SLA_UNIT_WORKING_DAYS, "يوم عمل واحد", "1 working day" },
    { 2, BALADI_SLA_UNIT_WORKING_DAYS, "يوما عمل", "2 working days" },
    { 3, BALADI_SLA_UNIT_WORKING_DAYS, "3 أيام عمل", "3 working days" },
    { 10, BALADI_SLA_UNIT_WORKING_DAYS, "10 أيام عمل", "10 working days" },
    { 11, BALADI_SLA_UNIT_WORKING_DAYS, "11 يوم عمل", "11 working days" },
    { 30, BALADI_SLA_UNIT_WORKING_DAYS, "30 يوم عمل", "30 working days" },
    { 103, BALADI_SLA_UNIT_WORKING_DAYS, "103 أيام عمل", "103 working days" },
    { 1, BALADI_SLA_UNIT_WORKING_HOURS, "ساعة عمل واحدة", "1 working hour" },
    { 2, BALADI_SLA_UNIT_WORKING_HOURS, "ساعتا عمل", "2 working hours" },
    { 4, BALADI_SLA_UNIT_WORKING_HOURS, "4 ساعات عمل", "4 working hours" },
    { 48, BALADI_SLA_UNIT_WORKING_HOURS, "48 ساعة عمل", "48 working hours" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ar = baladi_service_format_duration (cases[i].value, cases[i].unit, "ar");
      g_autofree char *en = baladi_service_format_duration (cases[i].value, cases[i].unit, "en");

      g_assert_cmpstr (ar, ==, cases[i].ar);
      g_assert_cmpstr (en, ==, cases[i].en);
    }

  {
    g_autofree char *ar = baladi_service_format_fee (1500, "ar");
    g_autofree char *en = baladi_service_format_fee (5, "en");

    g_assert_cmpstr (ar, ==, "1.500 دينار بحريني");
    g_assert_cmpstr (en, ==, "BHD 0.005");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/service-answer/english", test_english);
  g_test_add_func ("/service-answer/arabic", test_arabic);
  g_test_add_func ("/service-answer/language-is-the-callers", test_language_is_the_callers);
  g_test_add_func ("/service-answer/sparse-service", test_sparse_service);
  g_test_add_func ("/service-answer/durations-and-fees", test_durations_and_fees);

  return g_test_run ();
}
