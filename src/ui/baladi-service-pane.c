/* baladi-service-pane.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One service of the catalogue, as a clerk reads it to a caller: what it
 * is, who may apply, the documents as a checklist to tick while on the
 * phone, the fees and the time it takes, how and where to apply, the
 * steps, related services, and how the requests about it fared. Its
 * buttons use the actions of the Services page around it. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "baladi-service-answer.h"
#include "baladi-service-format.h"
#include "baladi-service-pane.h"
#include "baladi-store-lookups.h"
#include "baladi-store-services.h"
#include "baladi-store-sync.h"

struct _BaladiServicePane
{
  GtkWidget       parent_instance;

  BaladiService  *service;
  BaladiStore    *store;
  guint           n_requests;
  /* The edit of the service shown that waits for its editor, or 0. */
  gint64          trouble_id;

  /* Template widgets */
  GtkStack       *stack;
  GtkWidget      *back_button;
  GtkWidget      *edit_button;
  GtkLabel       *name_label;
  GtkLabel       *sector_label;
  GtkBox         *facts_box;
  GtkLabel       *description_label;
  GtkLabel       *eligibility_label;
  GtkListBox     *documents_list;
  GtkListBox     *fees_list;
  GtkListBox     *apply_list;
  GtkWidget      *steps_group;
  GtkBox         *steps_box;
  GtkWidget      *related_group;
  GtkListBox     *related_list;
  AdwActionRow   *requests_row;
  GtkWidget      *requests_button;
  GtkWidget      *trouble_bar;
  GtkLabel       *trouble_label;
  GtkButton      *keep_edit_button;
  GtkButton      *drop_edit_button;
};

enum {
  EDIT_RESOLVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BaladiServicePane, baladi_service_pane, GTK_TYPE_WIDGET)

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else
        gtk_box_remove (GTK_BOX (parent), child);
    }
}

static GtkWidget *
wrapping_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, TRUE);
  return label;
}

static void
add_chip (BaladiServicePane *self,
          const char        *icon_name,
          const char        *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);

  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_widget_add_css_class (box, "status-chip");
  gtk_box_append (self->facts_box, box);
}

/* A row of a boxed list: a title, and a value at its end. */
static GtkWidget *
fact_row (const char *title,
          const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Short values stay on one line; long ones wrap, but not to a sliver. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (value, -1), 24));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

static void
fill_documents (BaladiServicePane *self,
                const char        *language)
{
  g_auto(GStrv) documents = baladi_service_dup_list (self->service, "documents", language);

  remove_children (GTK_WIDGET (self->documents_list));
  for (guint i = 0; documents[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *label = wrapping_label (documents[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      /* The whole row ticks the box: the label is the check's own. */
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
      gtk_widget_set_margin_start (check, 6);
      gtk_widget_set_margin_end (check, 6);
      gtk_widget_set_margin_top (check, 6);
      gtk_widget_set_margin_bottom (check, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->documents_list, row);
    }
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->documents_list), ADW_TYPE_PREFERENCES_GROUP),
                          documents[0] != NULL);
}

static void
fill_fees (BaladiServicePane *self,
           const char        *language)
{
  GPtrArray *fees = baladi_service_get_fees (self->service);
  g_autofree char *duration = NULL;
  BaladiSlaUnit unit;
  guint value;

  remove_children (GTK_WIDGET (self->fees_list));
  for (guint i = 0; i < fees->len; i++)
    {
      BaladiFee *fee = g_ptr_array_index (fees, i);
      const char *label = g_strcmp0 (language, "ar") == 0 ? fee->label_ar : fee->label_en;
      g_autofree char *amount = baladi_service_format_fee (fee->fils, language);

      if (label == NULL || *label == '\0')
        label = g_strcmp0 (language, "ar") == 0 ? fee->label_en : fee->label_ar;
      gtk_list_box_append (self->fees_list, fact_row (label != NULL && *label != '\0' ? label : _("Fee"), amount));
    }
  if (fees->len == 0)
    gtk_list_box_append (self->fees_list, fact_row (_("Fees"), _("Free")));
  else if (fees->len > 1)
    {
      g_autofree char *total = baladi_service_format_fee (baladi_service_get_total_fils (self->service), language);

      gtk_list_box_append (self->fees_list, fact_row (_("In all"), total));
    }

  g_object_get (self->service, "duration-value", &value, "duration-unit", &unit, NULL);
  duration = baladi_service_format_duration (value, unit, language);
  gtk_list_box_append (self->fees_list, fact_row (_("Expected duration"), duration));
}

static void
fill_apply (BaladiServicePane *self,
            const char        *language)
{
  g_auto(GStrv) channels = NULL;
  g_autofree char *url = NULL;
  g_autofree char *directorate = baladi_service_dup_text (self->service, "directorate", language);
  GString *list = g_string_new (NULL);
  gboolean e_service;
  GtkWidget *row;

  remove_children (GTK_WIDGET (self->apply_list));
  g_object_get (self->service, "channels", &channels, "e-service", &e_service, "e-service-url", &url, NULL);

  for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
    {
      /* Translators: between two channels in a list: "Online, By phone" */
      g_string_append_printf (list, "%s%s", i > 0 ? _(", ") : "", baladi_service_channel_label (channels[i]));
    }
  if (list->len > 0)
    gtk_list_box_append (self->apply_list, fact_row (_("Channels"), list->str));
  g_string_free (list, TRUE);

  if (directorate != NULL)
    gtk_list_box_append (self->apply_list, fact_row (_("Responsible directorate"), directorate));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e_service ? _("Available online") : _("Not yet an e-service"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name (e_service ? "emblem-ok-symbolic" : "action-unavailable-symbolic"));
  if (e_service && url != NULL && g_str_has_prefix (url, "https://"))
    {
      GtkWidget *link = gtk_link_button_new_with_label (url, _("Open the E-service"));

      gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (link, url);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
    }
  gtk_list_box_append (self->apply_list, row);
}

static void
fill_steps (BaladiServicePane *self,
            const char        *language)
{
  g_auto(GStrv) steps = baladi_service_dup_list (self->service, "steps", language);

  remove_children (GTK_WIDGET (self->steps_box));
  for (guint i = 0; steps[i] != NULL; i++)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      /* Translators: the number of a step, 1, 2, 3… */
      g_autofree char *number = g_strdup_printf (C_("step number", "%u"), i + 1);
      GtkWidget *badge = gtk_label_new (number);

      gtk_widget_add_css_class (badge, "status-chip");
      gtk_widget_add_css_class (badge, "numeric");
      gtk_widget_set_valign (badge, GTK_ALIGN_START);
      gtk_box_append (GTK_BOX (row), badge);
      gtk_box_append (GTK_BOX (row), wrapping_label (steps[i]));
      gtk_box_append (self->steps_box, row);
    }
  gtk_widget_set_visible (self->steps_group, steps[0] != NULL);
}

static void
fill_related (BaladiServicePane *self,
              BaladiStore       *store,
              const char        *language)
{
  g_auto(GStrv) related = NULL;
  guint n = 0;

  remove_children (GTK_WIDGET (self->related_list));
  g_object_get (self->service, "related", &related, NULL);
  for (guint i = 0; related != NULL && related[i] != NULL; i++)
    {
      g_autoptr(BaladiService) other = baladi_store_get_service (store, related[i], NULL);
      GtkWidget *row;
      g_autofree char *name = NULL;
      g_autofree char *summary = NULL;

      if (other == NULL)
        continue;

      name = baladi_service_dup_text (other, "name", language);
      summary = baladi_service_format_summary (other);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : related[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "service.open");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", related[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->related_list, row);
      n++;
    }
  gtk_widget_set_visible (self->related_group, n > 0);
}

static void
fill_requests (BaladiServicePane *self,
               BaladiStore       *store)
{
  BaladiServiceRequestStats stats;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (!baladi_store_count_service_requests (store, baladi_service_get_code (self->service),
                                            g_get_real_time () / G_USEC_PER_SEC, &stats, &error))
    {
      g_warning ("%s", error->message);
      memset (&stats, 0, sizeof stats);
    }
  self->n_requests = stats.n_requests;

  if (stats.n_requests == 0)
    title = g_strdup (_("No requests about this service in the cache"));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request, %u open", "%u requests, %u open",
                                          stats.n_requests),
                             stats.n_requests, stats.n_open);

  if (stats.n_counted > 0)
    {
      /* The KPI's rounding: 99.5 % is not 100 %. */
      double rate = 100.0 * stats.n_on_time / stats.n_counted;

      /* Translators: the on-time rate of the requests about a service,
       * e.g. "96.5 % answered on time (55 of 57)"; %% is a percent sign */
      subtitle = g_strdup_printf (_("%.1f %% answered on time (%u of %u)"), rate, stats.n_on_time, stats.n_counted);
    }
  else if (stats.n_requests > 0)
    {
      subtitle = g_strdup (_("None is due yet"));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->requests_row), title);
  adw_action_row_set_subtitle (self->requests_row, subtitle != NULL ? subtitle : "");
  gtk_widget_set_sensitive (self->requests_button, stats.n_requests > 0);
}

/* An edit of this service the server did not take, sent from here
 * earlier: someone changed the service meanwhile (412), or the server
 * refused it. Its editor keeps it or drops it; nothing goes unasked. */
static void
update_trouble (BaladiServicePane *self)
{
  g_autoptr(BaladiOutboxEntry) entry = NULL;

  if (self->service != NULL && self->store != NULL)
    entry = baladi_store_get_service_trouble (self->store, baladi_service_get_code (self->service));
  self->trouble_id = entry != NULL ? entry->id : 0;
  gtk_widget_set_visible (self->trouble_bar, entry != NULL);
  if (entry == NULL)
    return;

  if (entry->server_value != NULL)
    {
      gtk_label_set_label (self->trouble_label,
                           _("Someone changed this service on the server while your edit waited to be sent. "
                             "Keep yours over their version, or take theirs and drop yours."));
      gtk_button_set_label (self->keep_edit_button, _("_Keep Mine"));
      gtk_button_set_label (self->drop_edit_button, _("Take _Theirs"));
    }
  else
    {
      /* Translators: %s is the server's answer, e.g. "HTTP 403" */
      g_autofree char *text = g_strdup_printf (_("The server refused your edit of this service (%s). "
                                                 "It waits here until you send it again or drop it."),
                                               entry->last_error != NULL ? entry->last_error : "?");

      gtk_label_set_label (self->trouble_label, text);
      gtk_button_set_label (self->keep_edit_button, _("_Send Again"));
      gtk_button_set_label (self->drop_edit_button, _("_Drop My Edit"));
    }
}

static void
resolve_edit (BaladiServicePane *self,
              gboolean           keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BaladiService) fresh = NULL;
  gboolean ok;

  if (self->trouble_id == 0 || self->store == NULL)
    return;

  ok = keep ? baladi_store_keep_service_edit (self->store, self->trouble_id, &error)
            : baladi_store_discard_service_edit (self->store, self->trouble_id, &error);
  if (!ok)
    {
      gtk_label_set_label (self->trouble_label, error->message);
      return;
    }

  /* The service as the cache now has it, then whoever holds the list. */
  fresh = baladi_store_get_service (self->store, baladi_service_get_code (self->service), NULL);
  if (fresh != NULL)
    baladi_service_pane_show (self, self->store, fresh);
  else
    update_trouble (self);
  g_signal_emit (self, signals[EDIT_RESOLVED], 0, keep);
}

static void
keep_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  resolve_edit (BALADI_SERVICE_PANE (widget), TRUE);
}

static void
drop_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  resolve_edit (BALADI_SERVICE_PANE (widget), FALSE);
}

static void
baladi_service_pane_dispose (GObject *object)
{
  BaladiServicePane *self = (BaladiServicePane *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_SERVICE_PANE);
  g_clear_object (&self->service);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (baladi_service_pane_parent_class)->dispose (object);
}

static void
baladi_service_pane_class_init (BaladiServicePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baladi_service_pane_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-service-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, back_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, edit_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, name_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, sector_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, facts_box);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, description_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, eligibility_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, documents_list);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, fees_list);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, apply_list);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, steps_group);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, steps_box);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, related_group);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, related_list);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, requests_row);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, requests_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, trouble_bar);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, trouble_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, keep_edit_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicePane, drop_edit_button);

  gtk_widget_class_install_action (widget_class, "pane.keep-edit", NULL, keep_edit_action);
  gtk_widget_class_install_action (widget_class, "pane.drop-edit", NULL, drop_edit_action);

  /**
   * BaladiServicePane::edit-resolved:
   * @kept: whether the editor kept the edit (to send it again) or dropped it
   *
   * The editor answered for an edit of the service the server did not take.
   */
  signals[EDIT_RESOLVED] =
    g_signal_new ("edit-resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
baladi_service_pane_init (BaladiServicePane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Only catalogue editors see it; baladi_service_pane_set_editable(). */
  gtk_widget_set_visible (self->edit_button, FALSE);
}

/**
 * baladi_service_pane_show:
 * @service: (nullable): the service to show, or %NULL for none
 */
void
baladi_service_pane_show (BaladiServicePane *self,
                          BaladiStore       *store,
                          BaladiService     *service)
{
  const char *language = baladi_ui_language ();
  g_autofree char *description = NULL;
  g_autofree char *eligibility = NULL;
  g_autofree char *directorate = NULL;
  g_autofree char *category = NULL;
  g_autofree char *category_name = NULL;
  g_autofree char *sector_line = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *fee = NULL;
  BaladiSector sector;
  BaladiSlaUnit unit;
  guint value;
  gboolean e_service;

  g_return_if_fail (BALADI_IS_SERVICE_PANE (self));
  g_return_if_fail (service == NULL || BALADI_IS_STORE (store));

  g_set_object (&self->service, service);
  g_set_object (&self->store, store);
  update_trouble (self);
  if (service == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  g_object_get (service, "sector", &sector, "duration-value", &value,
                "duration-unit", &unit, "e-service", &e_service, "category", &category, NULL);
  directorate = baladi_service_dup_text (service, "directorate", language);
  category_name = baladi_store_get_service_category_name (store, category, language);
  if (category_name != NULL)
    {
      /* Translators: under a service's name: its sector, its category
       * within the sector, its directorate and its code, e.g. "Urban
       * Planning › Zoning and Planning Certificates · Zoning and
       * Regulations Directorate · UPL-004". In a right-to-left language
       * the arrow points left (‹), from the sector to its category. */
      sector_line = g_strdup_printf (_("%s › %s · %s · %s"), baladi_sector_get_label (sector), category_name,
                                     directorate != NULL ? directorate : "", baladi_service_get_code (service));
    }
  else
    {
      /* Translators: under a service's name: its sector, its directorate
       * and its code, e.g. "Urban Planning · Zoning and Regulations
       * Directorate · URB-004" */
      sector_line = g_strdup_printf (_("%s · %s · %s"), baladi_sector_get_label (sector),
                                     directorate != NULL ? directorate : "", baladi_service_get_code (service));
    }
  {
    g_autofree char *name = baladi_service_dup_text (service, "name", language);

    gtk_label_set_label (self->name_label, name != NULL ? name : baladi_service_get_code (service));
  }
  gtk_label_set_label (self->sector_label, sector_line);

  remove_children (GTK_WIDGET (self->facts_box));
  duration = baladi_service_format_duration (value, unit, language);
  fee = baladi_service_format_total_fee (service, language);
  add_chip (self, e_service ? "web-browser-symbolic" : "system-users-symbolic",
            e_service ? _("E-service") : _("At a counter"));
  add_chip (self, "alarm-symbolic", duration);
  add_chip (self, NULL, fee);

  description = baladi_service_dup_text (service, "description", language);
  gtk_label_set_label (self->description_label, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), description != NULL);
  eligibility = baladi_service_dup_text (service, "eligibility", language);
  gtk_label_set_label (self->eligibility_label, eligibility != NULL ? eligibility : _("Anyone"));

  fill_documents (self, language);
  fill_fees (self, language);
  fill_apply (self, language);
  fill_steps (self, language);
  fill_related (self, store, language);
  fill_requests (self, store);

  gtk_stack_set_visible_child_name (self->stack, "service");
}

/**
 * baladi_service_pane_get_service:
 *
 * Returns: (transfer none) (nullable): the service shown
 */
BaladiService *
baladi_service_pane_get_service (BaladiServicePane *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_PANE (self), NULL);

  return self->service;
}

/**
 * baladi_service_pane_set_editable:
 *
 * Whether the Edit button is there at all: only for catalogue editors.
 */
void
baladi_service_pane_set_editable (BaladiServicePane *self,
                                  gboolean           editable)
{
  g_return_if_fail (BALADI_IS_SERVICE_PANE (self));

  gtk_widget_set_visible (self->edit_button, editable);
}

void
baladi_service_pane_set_show_back (BaladiServicePane *self,
                                   gboolean           show_back)
{
  g_return_if_fail (BALADI_IS_SERVICE_PANE (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

/**
 * baladi_service_pane_get_n_requests:
 *
 * Returns: how many cached requests concern the service shown
 */
guint
baladi_service_pane_get_n_requests (BaladiServicePane *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_PANE (self), 0);

  return self->n_requests;
}

/**
 * baladi_service_pane_get_trouble:
 *
 * Returns: (nullable): what the bar over the service says of an edit that
 *   waits for its editor, or %NULL when the bar is not shown
 */
const char *
baladi_service_pane_get_trouble (BaladiServicePane *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICE_PANE (self), NULL);

  return gtk_widget_get_visible (self->trouble_bar) ? gtk_label_get_label (self->trouble_label) : NULL;
}
