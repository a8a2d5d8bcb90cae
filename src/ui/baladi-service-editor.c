/* baladi-service-editor.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A catalogue editor's form for one service, in both languages. It checks
 * what the server would refuse (docs/api.md: both languages present, fees
 * in BHD with fils, a duration of 1 to 365, an https:// address for an
 * e-service) before anything is saved, then saves only the fields that
 * changed, through the outbox like every other write. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "baladi-service-editor.h"
#include "baladi-service-format.h"
#include "baladi-store-services.h"

#define MAX_FEES 10
#define MAX_ITEMS 30
#define MAX_RELATED 10

static const char *channel_names[] = { "online", "counter", "phone", "tawasul", "mobile_app" };

typedef struct {
  AdwEntryRow *amount;
  AdwEntryRow *label_ar;
  AdwEntryRow *label_en;
} FeeRows;

struct _BaladiServiceEditor
{
  AdwWindow       parent_instance;

  BaladiStore    *store;
  BaladiService  *service;
  GArray         *fees;  /* FeeRows */
  GtkCheckButton *channels[G_N_ELEMENTS (channel_names)];
  GtkTextView    *documents[2];  /* Arabic, English */
  GtkTextView    *steps[2];

  /* Template widgets */
  GtkLabel       *error_label;
  AdwEntryRow    *name_ar;
  AdwEntryRow    *name_en;
  AdwEntryRow    *directorate_ar;
  AdwEntryRow    *directorate_en;
  AdwEntryRow    *description_ar;
  AdwEntryRow    *description_en;
  AdwEntryRow    *eligibility_ar;
  AdwEntryRow    *eligibility_en;
  GtkSpinButton  *duration_spin;
  AdwComboRow    *unit_row;
  AdwPreferencesGroup *fees_group;
  AdwPreferencesGroup *channels_group;
  GtkSwitch      *e_service_switch;
  AdwEntryRow    *url_row;
  AdwEntryRow    *keywords_ar;
  AdwEntryRow    *keywords_en;
  AdwEntryRow    *related_row;
  AdwPreferencesGroup *documents_group;
  AdwPreferencesGroup *steps_group;
};

G_DEFINE_FINAL_TYPE (BaladiServiceEditor, baladi_service_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reading the form {{{ */

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static GStrv
text_view_lines (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_strv_builder_add (builder, lines[i]);

  return g_strv_builder_end (builder);
}

static gboolean
has_arabic_letter (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (g_unichar_get_script (g_utf8_get_char (text)) == G_UNICODE_SCRIPT_ARABIC)
      return TRUE;
  return FALSE;
}

/* "25", "25.5" or "25.500" in BHD, with Western or Arabic-Indic digits,
 * as fils; never through a float. */
static gboolean
parse_amount (const char *text,
              gint64     *fils)
{
  GString *ascii = g_string_new (NULL);
  g_autofree char *normal = NULL;
  const char *point;
  gboolean ok;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0660 && c <= 0x0669)
        g_string_append_c (ascii, '0' + (c - 0x0660));
      else if (c == 0x066B)  /* the Arabic decimal separator */
        g_string_append_c (ascii, '.');
      else if (c < 0x80)
        g_string_append_c (ascii, (char) c);
      else
        {
          g_string_free (ascii, TRUE);
          return FALSE;
        }
    }

  point = strchr (ascii->str, '.');
  if (point == NULL)
    g_string_append (ascii, ".000");
  else
    while (strlen (strchr (ascii->str, '.') + 1) < 3)
      g_string_append_c (ascii, '0');
  normal = g_string_free (ascii, FALSE);

  ok = baladi_fils_parse_bhd (normal, fils) && *fils <= G_GINT64_CONSTANT (999999999);
  return ok;
}

static void
mark (GtkWidget *widget,
      gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static void
note_problem (GString    *problems,
              const char *problem)
{
  if (problems->len == 0)
    g_string_append (problems, problem);
}

static void
check_pair (AdwEntryRow *ar,
            AdwEntryRow *en,
            GString     *problems)
{
  g_autofree char *ar_text = row_text (ar);
  g_autofree char *en_text = row_text (en);
  gboolean ar_wrong = *ar_text == '\0' || !has_arabic_letter (ar_text);

  mark (GTK_WIDGET (ar), ar_wrong);
  mark (GTK_WIDGET (en), *en_text == '\0');
  if (ar_wrong)
    note_problem (problems, *ar_text == '\0' ? _("Every text needs both languages.")
                                             : _("The Arabic text must be written in Arabic."));
  if (*en_text == '\0')
    note_problem (problems, _("Every text needs both languages."));
}

/* A list typed on one line, its items separated by commas, Latin or
 * Arabic (،): the items trimmed, empty ones dropped. */
static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) latin = g_string_new (text);
  g_auto(GStrv) items = NULL;

  g_string_replace (latin, "،", ",", 0);
  items = g_strsplit (latin->str, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    if (*g_strstrip (items[i]) != '\0')
      g_strv_builder_add (builder, items[i]);

  return g_strv_builder_end (builder);
}

static void
set_list_row (AdwEntryRow   *row,
              BaladiService *service,
              const char    *property,
              const char    *separator)
{
  g_auto(GStrv) items = NULL;
  g_autofree char *text = NULL;

  g_object_get (service, property, &items, NULL);
  text = items != NULL ? g_strjoinv (separator, items) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The search words and related services of the form, checked: related
 * services must be other services of the cached catalogue. */
static void
read_lists (BaladiServiceEditor *self,
            BaladiService       *edited,
            GString             *problems)
{
  g_autofree char *ar_text = row_text (self->keywords_ar);
  g_autofree char *en_text = row_text (self->keywords_en);
  g_autofree char *related_text = row_text (self->related_row);
  g_auto(GStrv) keywords_ar = split_list (ar_text);
  g_auto(GStrv) keywords_en = split_list (en_text);
  g_auto(GStrv) related = split_list (related_text);
  gboolean related_wrong = g_strv_length (related) > MAX_RELATED;

  mark (GTK_WIDGET (self->keywords_ar), g_strv_length (keywords_ar) > MAX_ITEMS);
  mark (GTK_WIDGET (self->keywords_en), g_strv_length (keywords_en) > MAX_ITEMS);
  if (g_strv_length (keywords_ar) > MAX_ITEMS || g_strv_length (keywords_en) > MAX_ITEMS)
    note_problem (problems, _("At most 30 search words in each language."));
  if (related_wrong)
    note_problem (problems, _("At most 10 related services."));

  for (guint i = 0; related[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strup (related[i], -1);
      g_autoptr(BaladiService) other = NULL;

      g_free (related[i]);
      related[i] = g_strdup (code);
      if (!g_str_equal (code, baladi_service_get_code (self->service)))
        other = baladi_store_get_service (self->store, code, NULL);
      if (other == NULL)
        {
          /* Translators: %s is what the editor typed as a service's code */
          g_autofree char *problem = g_strdup_printf (_("“%s” is not another service of the catalogue."), code);

          note_problem (problems, problem);
          related_wrong = TRUE;
        }
    }
  mark (GTK_WIDGET (self->related_row), related_wrong);

  g_object_set (edited, "keywords-ar", keywords_ar, "keywords-en", keywords_en, "related", related, NULL);
}

/* The service as the form says, or %NULL with what is wrong in @problems
 * (and the rows at fault marked). */
static BaladiService *
read_form (BaladiServiceEditor *self,
           GString             *problems)
{
  g_autoptr(BaladiService) edited = baladi_service_new (baladi_service_get_code (self->service));
  AdwEntryRow *pairs[][2] = {
    { self->name_ar, self->name_en }, { self->directorate_ar, self->directorate_en },
    { self->description_ar, self->description_en }, { self->eligibility_ar, self->eligibility_en },
  };
  const char *fields[] = { "name", "directorate", "description", "eligibility" };
  g_autoptr(GStrvBuilder) channels = g_strv_builder_new ();
  g_auto(GStrv) channel_list = NULL;
  g_autofree char *url = row_text (self->url_row);
  gboolean e_service = gtk_switch_get_active (self->e_service_switch);
  guint n_channels = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *ar_name = g_strdup_printf ("%s-ar", fields[i]);
      g_autofree char *en_name = g_strdup_printf ("%s-en", fields[i]);
      g_autofree char *ar = row_text (pairs[i][0]);
      g_autofree char *en = row_text (pairs[i][1]);

      check_pair (pairs[i][0], pairs[i][1], problems);
      g_object_set (edited, ar_name, ar, en_name, en, NULL);
    }

  for (guint i = 0; i < self->fees->len; i++)
    {
      FeeRows *rows = &g_array_index (self->fees, FeeRows, i);
      g_autofree char *amount = row_text (rows->amount);
      g_autofree char *label_ar = row_text (rows->label_ar);
      g_autofree char *label_en = row_text (rows->label_en);
      gint64 fils = 0;
      gboolean amount_wrong;

      if (*amount == '\0' && *label_ar == '\0' && *label_en == '\0')
        continue;

      amount_wrong = !parse_amount (amount, &fils);
      mark (GTK_WIDGET (rows->amount), amount_wrong);
      if (amount_wrong)
        note_problem (problems, _("A fee is an amount in dinars with at most three decimals, e.g. 25 or 0.300."));
      check_pair (rows->label_ar, rows->label_en, problems);
      baladi_service_add_fee (edited, baladi_fee_new (fils, label_ar, label_en));
    }

  for (guint i = 0; i < G_N_ELEMENTS (channel_names); i++)
    if (gtk_check_button_get_active (self->channels[i]))
      {
        g_strv_builder_add (channels, channel_names[i]);
        n_channels++;
      }
  if (n_channels == 0)
    note_problem (problems, _("Choose at least one channel."));
  channel_list = g_strv_builder_end (channels);

  mark (GTK_WIDGET (self->url_row), e_service && !g_str_has_prefix (url, "https://"));
  if (e_service && (!g_str_has_prefix (url, "https://") || strlen (url) <= strlen ("https://")))
    note_problem (problems, _("An e-service needs its address, starting with https://."));

  {
    const char *lists[] = { "documents", "steps" };
    GtkTextView **views[] = { self->documents, self->steps };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_auto(GStrv) ar = text_view_lines (views[i][0]);
        g_auto(GStrv) en = text_view_lines (views[i][1]);
        g_autofree char *ar_name = g_strdup_printf ("%s-ar", lists[i]);
        g_autofree char *en_name = g_strdup_printf ("%s-en", lists[i]);
        gboolean wrong = g_strv_length (ar) != g_strv_length (en) || g_strv_length (ar) > MAX_ITEMS;

        mark (gtk_widget_get_parent (GTK_WIDGET (views[i][0])), wrong);
        mark (gtk_widget_get_parent (GTK_WIDGET (views[i][1])), wrong);
        if (wrong)
          note_problem (problems, _("Documents and steps need as many lines in Arabic as in English."));
        g_object_set (edited, ar_name, ar, en_name, en, NULL);
      }
  }

  read_lists (self, edited, problems);

  g_object_set (edited,
                "duration-value", (guint) gtk_spin_button_get_value_as_int (self->duration_spin),
                "duration-unit", adw_combo_row_get_selected (self->unit_row) == 0
                                 ? BALADI_SLA_UNIT_WORKING_HOURS : BALADI_SLA_UNIT_WORKING_DAYS,
                "e-service", e_service,
                "e-service-url", e_service ? url : NULL,
                "channels", channel_list,
                NULL);

  return problems->len == 0 ? g_steal_pointer (&edited) : NULL;
}

/* }}} */

/* The edit as the API takes it {{{ */

static JsonNode *
bilingual_node (const char *ar,
                const char *en)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ar");
  json_builder_add_string_value (builder, ar != NULL ? ar : "");
  json_builder_set_member_name (builder, "en");
  json_builder_add_string_value (builder, en != NULL ? en : "");
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* One member of the service's API document, as the service has it. */
static JsonNode *
member_node (BaladiService *service,
             const char    *member)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (g_str_equal (member, "name") || g_str_equal (member, "directorate") ||
      g_str_equal (member, "description") || g_str_equal (member, "eligibility"))
    {
      g_autofree char *ar_name = g_strdup_printf ("%s-ar", member);
      g_autofree char *en_name = g_strdup_printf ("%s-en", member);
      g_autofree char *ar = NULL;
      g_autofree char *en = NULL;

      g_object_get (service, ar_name, &ar, en_name, &en, NULL);
      return bilingual_node (ar, en);
    }

  if (g_str_equal (member, "documents") || g_str_equal (member, "steps"))
    {
      g_autofree char *ar_name = g_strdup_printf ("%s-ar", member);
      g_autofree char *en_name = g_strdup_printf ("%s-en", member);
      g_auto(GStrv) ar = NULL;
      g_auto(GStrv) en = NULL;

      g_object_get (service, ar_name, &ar, en_name, &en, NULL);
      json_builder_begin_array (builder);
      for (guint i = 0; ar != NULL && ar[i] != NULL; i++)
        json_builder_add_value (builder, bilingual_node (ar[i], en != NULL && i < g_strv_length (en) ? en[i] : ""));
      json_builder_end_array (builder);
    }
  else if (g_str_equal (member, "fees"))
    {
      GPtrArray *fees = baladi_service_get_fees (service);

      json_builder_begin_array (builder);
      for (guint i = 0; i < fees->len; i++)
        {
          BaladiFee *fee = g_ptr_array_index (fees, i);
          g_autofree char *amount = baladi_fils_format_bhd (fee->fils);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "amount_bhd");
          json_builder_add_string_value (builder, amount);
          json_builder_set_member_name (builder, "label");
          json_builder_add_value (builder, bilingual_node (fee->label_ar, fee->label_en));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  else if (g_str_equal (member, "duration"))
    {
      BaladiSlaUnit unit;
      guint value;

      g_object_get (service, "duration-value", &value, "duration-unit", &unit, NULL);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_int_value (builder, value);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, baladi_enum_to_wire (BALADI_TYPE_SLA_UNIT, unit));
      json_builder_end_object (builder);
    }
  else if (g_str_equal (member, "channels") || g_str_equal (member, "related"))
    {
      g_auto(GStrv) items = NULL;

      g_object_get (service, member, &items, NULL);
      json_builder_begin_array (builder);
      for (guint i = 0; items != NULL && items[i] != NULL; i++)
        json_builder_add_string_value (builder, items[i]);
      json_builder_end_array (builder);
    }
  else if (g_str_equal (member, "keywords"))
    {
      const char *languages[] = { "ar", "en" };

      json_builder_begin_object (builder);
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autofree char *property = g_strdup_printf ("keywords-%s", languages[l]);
          g_auto(GStrv) words = NULL;

          g_object_get (service, property, &words, NULL);
          json_builder_set_member_name (builder, languages[l]);
          json_builder_begin_array (builder);
          for (guint i = 0; words != NULL && words[i] != NULL; i++)
            json_builder_add_string_value (builder, words[i]);
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  else if (g_str_equal (member, "e_service"))
    {
      gboolean e_service;

      JsonNode *node = json_node_new (JSON_NODE_VALUE);

      /* A builder makes only objects and arrays. */
      g_object_get (service, "e-service", &e_service, NULL);
      json_node_set_boolean (node, e_service);
      return node;
    }
  else if (g_str_equal (member, "e_service_url"))
    {
      g_autofree char *url = NULL;

      JsonNode *node;

      g_object_get (service, "e-service-url", &url, NULL);
      if (url == NULL || *url == '\0')
        return json_node_new (JSON_NODE_NULL);
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, url);
      return node;
    }
  else
    {
      g_assert_not_reached ();
    }

  return json_builder_get_root (builder);
}

/* The members of @edited that differ from @original, as a JSON object;
 * %NULL when nothing changed. */
static char *
changes_json (BaladiService *original,
              BaladiService *edited)
{
  static const char *members[] = { "name", "directorate", "description", "eligibility", "documents",
                                   "fees", "duration", "channels", "steps", "e_service", "e_service_url",
                                   "keywords", "related" };
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();

  json_node_take_object (root, object);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autoptr(JsonNode) before = member_node (original, members[i]);
      JsonNode *after = member_node (edited, members[i]);
      g_autofree char *before_text = json_to_string (before, FALSE);
      g_autofree char *after_text = json_to_string (after, FALSE);

      if (g_str_equal (before_text, after_text))
        json_node_unref (after);
      else
        json_object_set_member (object, members[i], after);
    }

  if (json_object_get_size (object) == 0)
    return NULL;

  return json_to_string (root, FALSE);
}

/* }}} */

/* Filling the form {{{ */

static void
set_row (AdwEntryRow   *row,
         BaladiService *service,
         const char    *property)
{
  g_autofree char *text = NULL;

  g_object_get (service, property, &text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static AdwEntryRow *
new_entry_row (AdwPreferencesGroup *group,
               const char          *title,
               const char          *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static void
add_fee_rows (BaladiServiceEditor *self,
              const BaladiFee     *fee)
{
  g_autofree char *amount = fee != NULL ? baladi_fils_format_bhd (fee->fils) : NULL;
  FeeRows rows;

  /* Translators: the amount of a fee, in Bahraini dinars */
  rows.amount = new_entry_row (self->fees_group, _("Amount (BHD)"), amount);
  gtk_editable_set_alignment (GTK_EDITABLE (rows.amount), 0);
  rows.label_ar = new_entry_row (self->fees_group, _("What it is for, in Arabic"), fee != NULL ? fee->label_ar : NULL);
  rows.label_en = new_entry_row (self->fees_group, _("What it is for, in English"), fee != NULL ? fee->label_en : NULL);
  if (self->fees->len > 0)
    gtk_widget_set_margin_top (GTK_WIDGET (rows.amount), 12);
  g_array_append_val (self->fees, rows);
}

static GtkTextView *
add_text_view (AdwPreferencesGroup *group,
               const char          *title,
               const char * const  *lines)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();
  g_autofree char *text = lines != NULL ? g_strjoinv ("\n", (char **) lines) : g_strdup ("");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 90);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), frame);
  adw_preferences_group_add (group, box);

  return GTK_TEXT_VIEW (view);
}

static void
fill_form (BaladiServiceEditor *self)
{
  BaladiService *service = self->service;
  GPtrArray *fees = baladi_service_get_fees (service);
  g_auto(GStrv) channels = NULL;
  g_autofree char *url = NULL;
  BaladiSlaUnit unit;
  guint value;
  gboolean e_service;

  set_row (self->name_ar, service, "name-ar");
  set_row (self->name_en, service, "name-en");
  set_row (self->directorate_ar, service, "directorate-ar");
  set_row (self->directorate_en, service, "directorate-en");
  set_row (self->description_ar, service, "description-ar");
  set_row (self->description_en, service, "description-en");
  set_row (self->eligibility_ar, service, "eligibility-ar");
  set_row (self->eligibility_en, service, "eligibility-en");
  set_list_row (self->keywords_ar, service, "keywords-ar", "، ");
  set_list_row (self->keywords_en, service, "keywords-en", ", ");
  set_list_row (self->related_row, service, "related", ", ");

  g_object_get (service, "duration-value", &value, "duration-unit", &unit, "channels", &channels,
                "e-service", &e_service, "e-service-url", &url, NULL);
  gtk_spin_button_set_value (self->duration_spin, CLAMP (value, 1, 365));
  adw_combo_row_set_selected (self->unit_row, unit == BALADI_SLA_UNIT_WORKING_HOURS ? 0 : 1);
  gtk_switch_set_active (self->e_service_switch, e_service);
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");

  for (guint i = 0; i < fees->len; i++)
    add_fee_rows (self, g_ptr_array_index (fees, i));

  for (guint i = 0; i < G_N_ELEMENTS (channel_names); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), baladi_service_channel_label (channel_names[i]));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   channels != NULL && g_strv_contains ((const char * const *) channels, channel_names[i]));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->channels_group, row);
      self->channels[i] = GTK_CHECK_BUTTON (check);
    }

  {
    const char *lists[] = { "documents", "steps" };
    AdwPreferencesGroup *groups[] = { self->documents_group, self->steps_group };
    GtkTextView **views[] = { self->documents, self->steps };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autofree char *ar_name = g_strdup_printf ("%s-ar", lists[i]);
        g_autofree char *en_name = g_strdup_printf ("%s-en", lists[i]);
        g_auto(GStrv) ar = NULL;
        g_auto(GStrv) en = NULL;

        g_object_get (service, ar_name, &ar, en_name, &en, NULL);
        views[i][0] = add_text_view (groups[i], _("In Arabic"), (const char * const *) ar);
        views[i][1] = add_text_view (groups[i], _("In English"), (const char * const *) en);
        /* Arabic is written right to left whatever the interface. */
        gtk_widget_set_direction (GTK_WIDGET (views[i][0]), GTK_TEXT_DIR_RTL);
        gtk_widget_set_direction (GTK_WIDGET (views[i][1]), GTK_TEXT_DIR_LTR);
      }
  }
}

/* }}} */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BaladiServiceEditor *self = BALADI_SERVICE_EDITOR (widget);
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(BaladiService) edited = read_form (self, problems);
  g_autoptr(GError) error = NULL;
  g_autofree char *changes = NULL;

  if (edited == NULL)
    {
      gtk_label_set_label (self->error_label, problems->str);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  changes = changes_json (self->service, edited);
  if (changes != NULL && !baladi_store_edit_service (self->store, baladi_service_get_code (self->service), changes, &error))
    {
      g_warning ("%s", error->message);
      gtk_label_set_label (self->error_label, _("The change could not be saved in the cache."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  if (changes != NULL)
    g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_fee_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  BaladiServiceEditor *self = BALADI_SERVICE_EDITOR (widget);

  if (self->fees->len < MAX_FEES)
    add_fee_rows (self, NULL);
  gtk_widget_action_set_enabled (widget, "editor.add-fee", self->fees->len < MAX_FEES);
}

static void
baladi_service_editor_dispose (GObject *object)
{
  BaladiServiceEditor *self = (BaladiServiceEditor *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->service);
  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_SERVICE_EDITOR);

  G_OBJECT_CLASS (baladi_service_editor_parent_class)->dispose (object);
}

static void
baladi_service_editor_finalize (GObject *object)
{
  BaladiServiceEditor *self = (BaladiServiceEditor *)object;

  g_array_unref (self->fees);

  G_OBJECT_CLASS (baladi_service_editor_parent_class)->finalize (object);
}

static void
baladi_service_editor_class_init (BaladiServiceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baladi_service_editor_dispose;
  object_class->finalize = baladi_service_editor_finalize;

  /**
   * BaladiServiceEditor::saved:
   *
   * The edit is in the cache and in the outbox.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-service-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, name_ar);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, name_en);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, directorate_ar);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, directorate_en);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, description_ar);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, description_en);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, eligibility_ar);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, eligibility_en);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, fees_group);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, channels_group);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, e_service_switch);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, keywords_ar);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, keywords_en);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, related_row);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, BaladiServiceEditor, steps_group);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-fee", NULL, add_fee_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
baladi_service_editor_init (BaladiServiceEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fees = g_array_new (FALSE, TRUE, sizeof (FeeRows));

  /* Each language is typed in its own direction. */
  gtk_widget_set_direction (GTK_WIDGET (self->name_en), GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (self->directorate_en), GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (self->description_en), GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (self->eligibility_en), GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (self->name_ar), GTK_TEXT_DIR_RTL);
  gtk_widget_set_direction (GTK_WIDGET (self->directorate_ar), GTK_TEXT_DIR_RTL);
  gtk_widget_set_direction (GTK_WIDGET (self->description_ar), GTK_TEXT_DIR_RTL);
  gtk_widget_set_direction (GTK_WIDGET (self->eligibility_ar), GTK_TEXT_DIR_RTL);
}

/**
 * baladi_service_editor_new:
 * @parent: the window it belongs to
 *
 * Returns: (transfer full): a form to edit @service, saved into @store
 */
BaladiServiceEditor *
baladi_service_editor_new (GtkWindow     *parent,
                           BaladiStore   *store,
                           BaladiService *service)
{
  BaladiServiceEditor *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (BALADI_IS_STORE (store), NULL);
  g_return_val_if_fail (BALADI_IS_SERVICE (service), NULL);

  self = g_object_new (BALADI_TYPE_SERVICE_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->service = g_object_ref (service);
  fill_form (self);

  return self;
}

/**
 * baladi_service_editor_set_text:
 * @field: "name-ar", "description-en"…: a bilingual text property
 *
 * Types @text into the field's row, as an editor would.
 */
void
baladi_service_editor_set_text (BaladiServiceEditor *self,
                                const char          *field,
                                const char          *text)
{
  struct { const char *name; AdwEntryRow *row; } rows[] = {
    { "name-ar", self->name_ar }, { "name-en", self->name_en },
    { "directorate-ar", self->directorate_ar }, { "directorate-en", self->directorate_en },
    { "description-ar", self->description_ar }, { "description-en", self->description_en },
    { "eligibility-ar", self->eligibility_ar }, { "eligibility-en", self->eligibility_en },
    { "e-service-url", self->url_row }, { "keywords-ar", self->keywords_ar },
    { "keywords-en", self->keywords_en }, { "related", self->related_row },
  };

  g_return_if_fail (BALADI_IS_SERVICE_EDITOR (self));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].name, field))
      {
        gtk_editable_set_text (GTK_EDITABLE (rows[i].row), text);
        return;
      }

  g_return_if_reached ();
}

/**
 * baladi_service_editor_set_duration:
 */
void
baladi_service_editor_set_duration (BaladiServiceEditor *self,
                                    guint                value)
{
  g_return_if_fail (BALADI_IS_SERVICE_EDITOR (self));

  gtk_spin_button_set_value (self->duration_spin, value);
}

/**
 * baladi_service_editor_get_problem:
 *
 * Returns: (nullable): what stops the last save, or %NULL
 */
const char *
baladi_service_editor_get_problem (BaladiServiceEditor *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}
