/* baladi-reply-templates.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The menu of reply templates and their expansion for a request. The
 * templates are the server's, managed by supervisors and cached with the
 * lookups (baladi-store-templates.c). A reply goes out in the citizen's
 * language, whatever the clerk's interface speaks, so each template holds
 * its Arabic and its English; only the menu shows titles in the
 * interface's language. The variables (baladi_template_variables()):
 *   {citizen}       the citizen's name
 *   {reference}     the request's reference
 *   {due}           its due date
 *   {service}       the catalogue service it concerns
 *   {requirements}  that service's required documents, one per line */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-reply-templates.h"
#include "baladi-request-format.h"
#include "baladi-store-lookups.h"
#include "baladi-store-templates.h"

/**
 * baladi_reply_templates_menu:
 * @language: the interface's language, for the titles
 * @can_manage: whether to add the entry that opens the templates' manager
 * @n_templates: (out): how many templates the menu lists
 *
 * Returns: (transfer full): a menu of the cached templates, each item
 *   activating request.insert-template with its id; mnemonics 1–9 for the
 *   keyboard
 */
GMenuModel *
baladi_reply_templates_menu (BaladiStore *store,
                             const char  *language,
                             gboolean     can_manage,
                             guint       *n_templates)
{
  g_autoptr(GPtrArray) templates = store != NULL ? baladi_store_list_reply_templates (store, language) : NULL;
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) list = g_menu_new ();

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      BaladiReplyTemplate *template = g_ptr_array_index (templates, i);
      /* An underscore of the title would become a mnemonic. */
      g_auto(GStrv) parts = g_strsplit (template->title, "_", -1);
      g_autofree char *title = g_strjoinv ("__", parts);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      label = i < 9 ? g_strdup_printf ("_%u  %s", i + 1, title) : g_strdup (title);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "request.insert-template", g_variant_new_string (template->id));
      g_menu_append_item (list, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (list));

  if (can_manage)
    {
      g_autoptr(GMenu) manage = g_menu_new ();

      g_menu_append (manage, _("_Manage Reply Templates…"), "app.manage-templates");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (manage));
    }

  *n_templates = templates != NULL ? templates->len : 0;
  return G_MENU_MODEL (menu);
}

/**
 * baladi_reply_templates_can_manage:
 *
 * Returns: whether @user is a supervisor, by the staff list in the cache:
 *   the server lets only supervisors change templates
 */
gboolean
baladi_reply_templates_can_manage (BaladiStore *store,
                                   const char  *user)
{
  g_autofree char *role = store != NULL ? baladi_store_get_staff_role (store, user) : NULL;

  return g_strcmp0 (role, "supervisor") == 0;
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
 * @id: the cached template's id
 * @language: the citizen's language, "ar" or "en"
 *
 * Returns: (transfer full) (nullable): the template's text for @request,
 *   or %NULL when the cache no longer has it
 */
char *
baladi_reply_template_expand (BaladiStore   *store,
                              const char    *id,
                              BaladiRequest *request,
                              const char    *language)
{
  g_autoptr(BaladiReplyTemplate) template = baladi_store_get_reply_template (store, id, language);
  gboolean arabic = g_strcmp0 (language, "en") != 0;
  g_autofree char *citizen = NULL;
  g_autofree char *service_code = NULL;
  g_autofree char *service = NULL;
  g_autofree char *requirements = NULL;
  g_autofree char *due = NULL;
  GString *text;

  if (template == NULL)
    return NULL;

  g_object_get (request, "citizen-name", &citizen, "service-code", &service_code, NULL);
  due = baladi_format_date_time (baladi_request_get_due (request));
  service_texts (store, service_code, arabic, &service, &requirements);

  text = g_string_new (arabic ? template->body_ar : template->body_en);
  g_string_replace (text, "{citizen}", citizen != NULL ? citizen : "", 0);
  g_string_replace (text, "{reference}", baladi_request_get_reference (request) != NULL ? baladi_request_get_reference (request) : "", 0);
  g_string_replace (text, "{due}", due, 0);
  g_string_replace (text, "{service}", service != NULL ? service : "—", 0);
  g_string_replace (text, "{requirements}", requirements != NULL ? requirements : "—", 0);

  return g_string_free (text, FALSE);
}
