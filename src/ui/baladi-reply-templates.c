/* baladi-reply-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Canned replies in both languages. A reply goes out in the citizen's
 * language, whatever the clerk's interface speaks, so the texts are not
 * gettext strings: each template holds its Arabic and its English. The
 * variables:
 *   {citizen}       the citizen's name
 *   {reference}     the request's reference
 *   {due}           its due date
 *   {service}       the catalogue service it concerns
 *   {requirements}  that service's required documents, one per line */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-reply-templates.h"
#include "baladi-request-format.h"

typedef struct {
  const char *title;  /* for the menu, translated */
  const char *text[2];  /* ar, en */
} Template;

static const Template templates[] = {
  { N_("Acknowledge"),
    { "السيد/السيدة {citizen} المحترم/ة،\nتلقينا بلاغكم رقم {reference} وهو قيد المعالجة لدى الجهة المختصة، وسنوافيكم بالرد في موعد أقصاه {due}.\nشكرًا لتواصلكم مع وزارة شؤون البلديات.",
      "Dear {citizen},\nWe have received your request {reference}. It is with the responsible section and you will hear from us by {due}.\nThank you for contacting the Ministry of Municipalities Affairs." } },
  { N_("Ask for more details"),
    { "السيد/السيدة {citizen} المحترم/ة،\nبخصوص بلاغكم رقم {reference}، نرجو تزويدنا بالموقع الدقيق (رقم المبنى والطريق والمجمع) وصورة إن أمكن، لنتمكن من متابعته.",
      "Dear {citizen},\nAbout your request {reference}: please send us the exact location (building, road and block numbers) and a photo if you can, so that we can follow it up." } },
  { N_("Resolved"),
    { "السيد/السيدة {citizen} المحترم/ة،\nنفيدكم بأنه تمت معالجة بلاغكم رقم {reference}. نشكركم على تعاونكم، ويسعدنا تلقي ملاحظاتكم.",
      "Dear {citizen},\nYour request {reference} has been dealt with. Thank you for your help; we welcome your feedback." } },
  { N_("Service requirements"),
    { "السيد/السيدة {citizen} المحترم/ة،\nللحصول على خدمة «{service}» يلزم تقديم ما يلي:\n{requirements}\nرقم طلبكم: {reference}.",
      "Dear {citizen},\nFor the service “{service}” please provide:\n{requirements}\nYour reference: {reference}." } },
  { N_("Transferred to the competent authority"),
    { "السيد/السيدة {citizen} المحترم/ة،\nتمت إحالة بلاغكم رقم {reference} إلى الجهة المختصة لاتخاذ اللازم، وسنوافيكم بالمستجدات.",
      "Dear {citizen},\nYour request {reference} has been passed to the competent authority, and we will keep you informed." } },
};

guint
baladi_reply_templates_count (void)
{
  return G_N_ELEMENTS (templates);
}

/**
 * baladi_reply_templates_menu:
 *
 * Returns: (transfer none): a menu of the templates, each item activating
 *   request.insert-template with its index; mnemonics 1–9 for the keyboard
 */
GMenuModel *
baladi_reply_templates_menu (void)
{
  static GMenu *menu;

  if (menu == NULL)
    {
      menu = g_menu_new ();
      for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
        {
          g_autofree char *label = g_strdup_printf ("_%u  %s", i + 1, _(templates[i].title));
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target_value (item, "request.insert-template", g_variant_new_uint32 (i));
          g_menu_append_item (menu, item);
        }
    }

  return G_MENU_MODEL (menu);
}

/* The service's name and documents in @language, from the cache. */
static void
service_texts (BaladiStore  *store,
               const char   *code,
               gboolean      arabic,
               char        **name,
               char        **requirements)
{
  sqlite3_stmt *stmt = NULL;
  const char *sql = arabic
                    ? "SELECT json_extract (document, '$.name.ar'), (SELECT group_concat ('• ' || json_extract (d.value, '$.ar'), char (10)) FROM json_each (document, '$.documents') d) FROM services WHERE code = ?1"
                    : "SELECT json_extract (document, '$.name.en'), (SELECT group_concat ('• ' || json_extract (d.value, '$.en'), char (10)) FROM json_each (document, '$.documents') d) FROM services WHERE code = ?1";

  if (code == NULL || sqlite3_prepare_v2 (baladi_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *requirements = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_finalize (stmt);
}

/**
 * baladi_reply_template_expand:
 * @language: the citizen's language, "ar" or "en"
 *
 * Returns: (transfer full) (nullable): the template's text for @request
 */
char *
baladi_reply_template_expand (BaladiStore   *store,
                              guint          index,
                              BaladiRequest *request,
                              const char    *language)
{
  gboolean arabic = g_strcmp0 (language, "en") != 0;
  g_autofree char *citizen = NULL;
  g_autofree char *service_code = NULL;
  g_autofree char *service = NULL;
  g_autofree char *requirements = NULL;
  g_autofree char *due = NULL;
  GString *text;

  if (index >= G_N_ELEMENTS (templates))
    return NULL;

  g_object_get (request, "citizen-name", &citizen, "service-code", &service_code, NULL);
  due = baladi_format_date_time (baladi_request_get_due (request));
  service_texts (store, service_code, arabic, &service, &requirements);

  text = g_string_new (templates[index].text[arabic ? 0 : 1]);
  g_string_replace (text, "{citizen}", citizen != NULL ? citizen : "", 0);
  g_string_replace (text, "{reference}", baladi_request_get_reference (request) != NULL ? baladi_request_get_reference (request) : "", 0);
  g_string_replace (text, "{due}", due, 0);
  g_string_replace (text, "{service}", service != NULL ? service : "—", 0);
  g_string_replace (text, "{requirements}", requirements != NULL ? requirements : "—", 0);

  return g_string_free (text, FALSE);
}
