/* baladi-request-pane.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One request, read and answered: who filed it and how to reach them, its
 * text, its clock, and the timeline of everything that happened to it.
 * Replies (which the citizen reads) and internal notes (which the citizen
 * never sees) look different, are written through different actions, and
 * a reply is confirmed before it is queued. Every action is a GAction of
 * the "request" group and writes only to the local cache. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-ask.h"
#include "baladi-event.h"
#include "baladi-reply-templates.h"
#include "baladi-request-format.h"
#include "baladi-request-history.h"
#include "baladi-request-pane.h"
#include "baladi-store-lookups.h"
#include "baladi-store-sync.h"
#include "baladi-store-writes.h"

struct _BaladiRequestPane
{
  GtkWidget             parent_instance;

  BaladiStore          *store;
  char                 *user;
  gulong                changed_handler;
  char                 *request_id;
  BaladiRequest        *request;
  BaladiRequestHistory *history;
  GSimpleActionGroup   *actions;
  gboolean              composing_reply;
  char                 *pending_status;  /* the status asked for, while its reason is asked */

  /* Template widgets */
  GtkStack             *stack;
  GtkWidget            *back_button;
  AdwButtonContent     *reply_content;
  AdwButtonContent     *note_content;
  GtkLabel             *reference_label;
  GtkMenuButton        *status_button;
  GtkWidget            *conflict_bar;
  GtkLabel             *conflict_label;
  GtkButton            *keep_button;
  GtkWidget            *take_button;
  GtkLabel             *subject_label;
  GtkLabel             *status_label;
  GtkWidget            *sla_box;
  GtkImage             *sla_icon;
  GtkLabel             *sla_label;
  GtkLabel             *due_label;
  GtkLabel             *local_label;
  GtkGrid              *facts;
  GtkLabel             *description_label;
  GtkListBox           *attachments_list;
  GtkListBox           *timeline;
  GtkRevealer          *composer_revealer;
  GtkWidget            *composer;
  GtkImage             *composer_icon;
  GtkLabel             *composer_label;
  GtkMenuButton        *templates_button;
  GtkTextView          *composer_text;
  GtkButton            *send_button;
};

G_DEFINE_FINAL_TYPE (BaladiRequestPane, baladi_request_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The language of the interface, for names the server sends in both. */
static const char *
ui_language (void)
{
  /* Translators: the code of this translation's language: "ar" for Arabic */
  return C_("language code", "en");
}

static void
toast (BaladiRequestPane *self,
       const char        *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_message ("%s", message);
}

static void
report (BaladiRequestPane *self,
        gboolean           ok,
        GError            *error,
        const char        *done)
{
  if (ok)
    toast (self, done);
  else
    toast (self, error != NULL ? error->message : _("The change could not be saved."));
}

static char *
staff_name (BaladiRequestPane *self,
            const char        *username)
{
  if (username == NULL)
    return g_strdup (_("Nobody"));
  return baladi_store_get_lookup_name (self->store, "staff", username, ui_language ());
}

/* Timeline {{{ */

static char *
enum_label (GType       type,
            const char *wire)
{
  int value;

  if (wire == NULL || !baladi_enum_from_wire (type, wire, &value))
    return g_strdup (wire != NULL ? wire : "—");
  if (type == BALADI_TYPE_REQUEST_STATUS)
    return g_strdup (baladi_request_status_get_label (value));
  if (type == BALADI_TYPE_MUNICIPALITY)
    return g_strdup (baladi_municipality_get_label (value));
  return g_strdup (wire);
}

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  BaladiRequestPane *self = user_data;
  BaladiEvent *event = item;
  g_autofree char *author = NULL;
  g_autofree char *when = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *author_name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *body = baladi_event_get_body (event);
  const char *icon = "emblem-default-symbolic";
  const char *style = "timeline-event";
  gboolean sending;
  GtkWidget *row, *box, *top, *label;

  g_object_get (event, "author", &author, "old-value", &old_value, "new-value", &new_value,
                "reason", &reason, "sending", &sending, NULL);
  author_name = author != NULL ? staff_name (self, author) : g_strdup (_("The citizen"));
  when = baladi_format_date_time (baladi_event_get_created (event));

  switch (baladi_event_get_kind (event))
    {
    case BALADI_EVENT_KIND_CREATED:
      icon = "mail-unread-symbolic";
      heading = g_strdup (_("Request received"));
      break;
    case BALADI_EVENT_KIND_REPLY:
      icon = "mail-send-symbolic";
      style = "timeline-reply";
      /* Translators: %s is a staff member's name */
      heading = g_strdup_printf (_("Reply to the citizen by %s"), author_name);
      break;
    case BALADI_EVENT_KIND_INTERNAL_NOTE:
      icon = "document-edit-symbolic";
      style = "timeline-note";
      /* Translators: %s is a staff member's name */
      heading = g_strdup_printf (_("Internal note by %s · never shown to the citizen"), author_name);
      break;
    case BALADI_EVENT_KIND_STATUS_CHANGE:
      {
        g_autofree char *from = enum_label (BALADI_TYPE_REQUEST_STATUS, old_value);
        g_autofree char *to = enum_label (BALADI_TYPE_REQUEST_STATUS, new_value);

        icon = "emblem-synchronizing-symbolic";
        /* Translators: a status change: old status, new status, who */
        heading = g_strdup_printf (_("Status: %s → %s, by %s"), from, to, author_name);
      }
      break;
    case BALADI_EVENT_KIND_ASSIGNMENT:
      {
        g_autofree char *to = staff_name (self, new_value);

        icon = "avatar-default-symbolic";
        /* Translators: assigned to a person, by a person */
        heading = new_value != NULL ? g_strdup_printf (_("Assigned to %s by %s"), to, author_name)
                                    : g_strdup_printf (_("Unassigned by %s"), author_name);
      }
      break;
    case BALADI_EVENT_KIND_TRANSFER:
      {
        g_autofree char *from = enum_label (BALADI_TYPE_MUNICIPALITY, old_value);
        g_autofree char *to = enum_label (BALADI_TYPE_MUNICIPALITY, new_value);

        icon = "send-to-symbolic";
        /* Translators: transferred from a municipality to another, by a person */
        heading = g_strdup_printf (_("Transferred from %s to %s by %s"), from, to, author_name);
      }
      break;
    case BALADI_EVENT_KIND_MERGE:
      icon = "edit-copy-symbolic";
      heading = new_value != NULL ? g_strdup_printf (_("Merged into another request by %s"), author_name)
                                  : g_strdup_printf (_("A duplicate was merged into this request by %s"), author_name);
      break;
    default:
      heading = g_strdup (_("Event"));
      break;
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, style);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (top), gtk_image_new_from_icon_name (icon));
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (top), label);

  /* When, and whether it has reached the server yet. */
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), top);
  label = gtk_label_new (when);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (top), label);
  if (sending)
    {
      GtkWidget *pending = gtk_label_new (_("Waiting to be sent"));

      gtk_widget_add_css_class (pending, "dim-label");
      gtk_widget_add_css_class (pending, "caption");
      gtk_box_append (GTK_BOX (top), gtk_image_new_from_icon_name ("emblem-synchronizing-symbolic"));
      gtk_box_append (GTK_BOX (top), pending);
    }

  if (body != NULL || reason != NULL)
    {
      label = gtk_label_new (body != NULL ? body : reason);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "data");
      gtk_box_append (GTK_BOX (box), label);
    }

  return row;
}

/* }}} */

/* Showing the request {{{ */

static const char *
conflict_field (const char *field)
{
  if (g_strcmp0 (field, "status") == 0)
    return _("Status");
  if (g_strcmp0 (field, "assignee") == 0)
    return _("Assigned to");
  if (g_strcmp0 (field, "municipality") == 0)
    return _("Municipality");
  return _("Merged into");
}

/* A field's value as the clerk reads it. */
static char *
conflict_value (BaladiRequestPane *self,
                const char        *field,
                const char        *value)
{
  if (g_strcmp0 (field, "status") == 0)
    return enum_label (BALADI_TYPE_REQUEST_STATUS, value);
  if (g_strcmp0 (field, "municipality") == 0)
    return enum_label (BALADI_TYPE_MUNICIPALITY, value);
  if (g_strcmp0 (field, "assignee") == 0)
    return staff_name (self, value);
  return g_strdup (value != NULL ? value : "—");
}

static void
add_fact (BaladiRequestPane *self,
          int                row,
          const char        *name,
          const char        *value,
          gboolean           data)
{
  GtkWidget *name_label = gtk_label_new (name);
  GtkWidget *value_label = gtk_label_new (value != NULL && *value != '\0' ? value : "—");

  gtk_label_set_xalign (GTK_LABEL (name_label), 0);
  gtk_widget_add_css_class (name_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 30);
  gtk_widget_set_hexpand (value_label, TRUE);
  if (data)
    gtk_widget_add_css_class (value_label, "data");
  gtk_grid_attach (self->facts, name_label, 0, row, 1, 1);
  gtk_grid_attach (self->facts, value_label, 1, row, 1, 1);
}

static void
clear_container (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else if (GTK_IS_GRID (container))
        gtk_grid_remove (GTK_GRID (container), child);
    }
}

static void
set_enabled (BaladiRequestPane *self,
             const char        *name,
             gboolean           enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
build_status_menu (BaladiRequestPane *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GEnumClass *klass = g_type_class_ref (BALADI_TYPE_REQUEST_STATUS);
  BaladiRequestStatus status = baladi_request_get_status (self->request);

  /* Only the moves the workflow allows. */
  for (guint i = 0; i < klass->n_values; i++)
    if (baladi_request_status_can_transition (status, klass->values[i].value) &&
        klass->values[i].value != BALADI_REQUEST_STATUS_REOPENED)
      {
        g_autofree char *detailed = g_strdup_printf ("request.set-status::%s", klass->values[i].value_nick);

        g_menu_append (menu, baladi_request_status_get_label (klass->values[i].value), detailed);
      }
  g_type_class_unref (klass);

  gtk_menu_button_set_menu_model (self->status_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_button), g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}

static void
show_request (BaladiRequestPane *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *reference = NULL, *subject = NULL, *description = NULL, *category = NULL;
  g_autofree char *citizen = NULL, *phone = NULL, *email = NULL, *cpr = NULL, *assignee = NULL;
  g_autofree char *road = NULL, *block = NULL, *building = NULL, *area = NULL, *address = NULL;
  g_autofree char *category_name = NULL, *assignee_name = NULL, *time_left = NULL;
  g_autofree char *received = NULL, *due = NULL, *due_text = NULL;
  int type, channel, municipality, priority, local_state;
  BaladiRequestStatus status;
  BaladiSlaState state;
  GPtrArray *attachments;
  int row = 0;

  g_clear_object (&self->request);
  if (self->request_id != NULL && self->store != NULL)
    self->request = baladi_store_load_request (self->store, self->request_id, &error);

  if (self->request == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      for (const char **name = (const char *[]) { "reply", "note", "send", "set-status", "assign-me", "assign-other",
                                                  "unassign", "transfer", "merge", "escalate", "reopen", NULL };
           *name != NULL; name++)
        set_enabled (self, *name, FALSE);
      return;
    }

  g_object_get (self->request, "reference", &reference, "subject", &subject, "description", &description,
                "category", &category, "citizen-name", &citizen, "citizen-phone", &phone,
                "citizen-email", &email, "citizen-cpr", &cpr, "assignee", &assignee,
                "address-road", &road, "address-block", &block, "address-building", &building,
                "address-area", &area, "type", &type, "channel", &channel, "municipality", &municipality,
                "priority", &priority, "local-state", &local_state, "created", &created, NULL);
  status = baladi_request_get_status (self->request);

  gtk_stack_set_visible_child_name (self->stack, "request");
  gtk_label_set_label (self->reference_label, reference != NULL ? reference : _("New request, not yet sent"));
  gtk_label_set_label (self->subject_label, subject);
  gtk_label_set_label (self->description_label, description);
  gtk_label_set_label (self->status_label, baladi_request_status_get_label (status));

  time_left = baladi_format_time_left (self->request, now, &state);
  gtk_label_set_label (self->sla_label, time_left);
  gtk_image_set_from_icon_name (self->sla_icon, baladi_format_sla_icon (state));
  for (BaladiSlaState s = BALADI_SLA_STATE_ON_TRACK; s <= BALADI_SLA_STATE_MET_LATE; s++)
    gtk_widget_remove_css_class (self->sla_box, baladi_format_sla_css_class (s));
  gtk_widget_add_css_class (self->sla_box, baladi_format_sla_css_class (state));
  due = baladi_format_date_time (baladi_request_get_due (self->request));
  /* Translators: %s is a date and time */
  due_text = g_strdup_printf (_("Due %s"), due);
  gtk_label_set_label (self->due_label, due_text);

  switch (local_state)
    {
    case BALADI_LOCAL_STATE_PENDING:
      gtk_label_set_label (self->local_label, _("Changes waiting to be sent"));
      break;
    case BALADI_LOCAL_STATE_ATTENTION:
      gtk_label_set_label (self->local_label, _("A change was refused by the server"));
      break;
    case BALADI_LOCAL_STATE_CONFLICT:
      gtk_label_set_label (self->local_label, _("Changed by someone else too"));
      break;
    default:
      gtk_label_set_label (self->local_label, "");
      break;
    }
  gtk_widget_set_visible (self->conflict_bar, local_state == BALADI_LOCAL_STATE_CONFLICT ||
                                              local_state == BALADI_LOCAL_STATE_ATTENTION);
  if (local_state == BALADI_LOCAL_STATE_CONFLICT)
    {
      g_autoptr(GPtrArray) conflicts = baladi_store_get_conflicts (self->store, self->request_id);
      g_autoptr(GString) text = g_string_new (_("Someone else changed this request while your change waited."));

      /* Say what clashes: the field, theirs and mine. */
      for (guint i = 0; i < conflicts->len; i++)
        {
          BaladiOutboxEntry *entry = g_ptr_array_index (conflicts, i);
          g_autofree char *theirs = conflict_value (self, entry->field, entry->server_value);
          g_autofree char *mine = conflict_value (self, entry->field, entry->local_value);

          g_string_append_c (text, '\n');
          /* Translators: a field of a request, the other person's value, the clerk's value */
          g_string_append_printf (text, _("%s: theirs “%s”, yours “%s”."), conflict_field (entry->field), theirs, mine);
        }
      gtk_label_set_label (self->conflict_label, text->str);
      gtk_button_set_label (self->keep_button, _("Keep _Mine"));
      gtk_widget_set_visible (self->take_button, TRUE);
    }
  else
    {
      gtk_label_set_label (self->conflict_label, _("The server refused a change made here. It waits until you send it again."));
      gtk_button_set_label (self->keep_button, _("_Try Again"));
      gtk_widget_set_visible (self->take_button, FALSE);
    }

  clear_container (GTK_WIDGET (self->facts));
  category_name = baladi_store_get_lookup_name (self->store, "categories", category, ui_language ());
  assignee_name = staff_name (self, assignee);
  received = baladi_format_date_time (created);
  address = g_strjoin (" · ", building != NULL ? building : "—", road != NULL ? road : "—",
                       block != NULL ? block : "—", area != NULL ? area : "—", NULL);
  add_fact (self, row++, _("Citizen"), citizen, TRUE);
  add_fact (self, row++, _("Phone"), phone, FALSE);
  add_fact (self, row++, _("Email"), email, FALSE);
  add_fact (self, row++, _("CPR"), cpr, FALSE);
  /* Translators: the order of the parts of a Bahraini address */
  add_fact (self, row++, _("Building · Road · Block · Area"), address, TRUE);
  add_fact (self, row++, _("Type"), baladi_request_type_get_label (type), FALSE);
  add_fact (self, row++, _("Category"), category_name, FALSE);
  add_fact (self, row++, _("Municipality"), baladi_municipality_get_label (municipality), FALSE);
  add_fact (self, row++, _("Channel"), baladi_channel_get_label (channel), FALSE);
  add_fact (self, row++, _("Priority"), baladi_priority_get_label (priority), FALSE);
  add_fact (self, row++, _("Received"), received, FALSE);
  add_fact (self, row++, _("Assigned to"), assignee_name, FALSE);

  clear_container (GTK_WIDGET (self->attachments_list));
  attachments = baladi_request_get_attachments (self->request);
  for (guint i = 0; i < attachments->len; i++)
    {
      BaladiAttachment *attachment = g_ptr_array_index (attachments, i);
      GtkWidget *attachment_row = adw_action_row_new ();
      g_autofree char *size = g_format_size (attachment->size);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (attachment_row), attachment->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (attachment_row), size);
      adw_action_row_add_prefix (ADW_ACTION_ROW (attachment_row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));
      gtk_list_box_append (self->attachments_list, attachment_row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_list), attachments->len > 0);

  if (self->history == NULL || g_strcmp0 (baladi_request_history_get_request_id (self->history), self->request_id) != 0)
    {
      g_clear_object (&self->history);
      self->history = baladi_request_history_new (self->store, self->request_id);
      gtk_list_box_bind_model (self->timeline, G_LIST_MODEL (self->history), create_event_row, self, NULL);
    }

  build_status_menu (self);
  set_enabled (self, "reply", TRUE);
  set_enabled (self, "note", TRUE);
  set_enabled (self, "send", TRUE);
  set_enabled (self, "set-status", TRUE);
  set_enabled (self, "assign-me", baladi_request_status_is_open (status) && g_strcmp0 (assignee, self->user) != 0);
  set_enabled (self, "assign-other", baladi_request_status_is_open (status));
  set_enabled (self, "unassign", baladi_request_status_is_open (status) && assignee != NULL);
  set_enabled (self, "transfer", baladi_request_status_is_open (status));
  set_enabled (self, "escalate", baladi_request_status_is_open (status));
  set_enabled (self, "merge", status != BALADI_REQUEST_STATUS_CLOSED);
  set_enabled (self, "reopen", baladi_request_status_can_transition (status, BALADI_REQUEST_STATUS_REOPENED));
}

static void
on_requests_changed (BaladiStore        *store,
                     const char * const *ids,
                     BaladiRequestPane  *self)
{
  if (self->request_id != NULL && (ids == NULL || g_strv_contains (ids, self->request_id)))
    show_request (self);
}

/* }}} */

/* Actions {{{ */

/* The templates' menu, from the cache as it is now: a sync or a
 * supervisor's save may have changed it since the last reply. */
static void
update_templates (BaladiRequestPane *self)
{
  gboolean can_manage = baladi_reply_templates_can_manage (self->store, self->user);
  g_autoptr(GMenuModel) menu = NULL;
  guint n_templates = 0;

  menu = baladi_reply_templates_menu (self->store, ui_language (), can_manage, &n_templates);
  gtk_menu_button_set_menu_model (self->templates_button, menu);
  gtk_widget_set_sensitive (GTK_WIDGET (self->templates_button), n_templates > 0 || can_manage);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->templates_button),
                               n_templates > 0 ? _("Insert a Reply Template")
                                               : _("No reply templates yet: they arrive with the first sync"));
}

static void
compose (BaladiRequestPane *self,
         gboolean           reply)
{
  self->composing_reply = reply;
  gtk_widget_remove_css_class (self->composer, reply ? "note-composer" : "reply-composer");
  gtk_widget_add_css_class (self->composer, reply ? "reply-composer" : "note-composer");
  gtk_image_set_from_icon_name (self->composer_icon, reply ? "mail-send-symbolic" : "document-edit-symbolic");
  gtk_label_set_label (self->composer_label,
                       reply ? _("Reply to the citizen — they will read this")
                             : _("Internal note — only staff will read this, never the citizen"));
  gtk_button_set_label (self->send_button, reply ? _("_Send Reply…") : _("_Add Note"));
  gtk_widget_set_visible (GTK_WIDGET (self->templates_button), reply);
  if (reply)
    update_templates (self);
  gtk_revealer_set_reveal_child (self->composer_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer_text));
}

static void
reply_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  compose (user_data, TRUE);
}

static void
note_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  compose (user_data, FALSE);
}

static void
close_composer (BaladiRequestPane *self)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_text), "", -1);
  gtk_revealer_set_reveal_child (self->composer_revealer, FALSE);
}

static void
cancel_compose_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  close_composer (user_data);
}

static char *
composer_text (BaladiRequestPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_text);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void
save_event (BaladiRequestPane *self,
            BaladiEventKind    kind,
            const char        *text)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = baladi_store_add_event (self->store, self->request_id, kind, text, self->user, &error);

  report (self, ok, error, kind == BALADI_EVENT_KIND_REPLY ? _("Reply queued for the citizen") : _("Note added"));
  if (ok)
    close_composer (self);
}

static void
on_reply_confirmed (AdwMessageDialog  *dialog,
                    const char        *response,
                    BaladiRequestPane *self)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "send"))
    return;

  text = composer_text (self);
  save_event (self, BALADI_EVENT_KIND_REPLY, text);
}

static void
send_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  BaladiRequestPane *self = user_data;
  g_autofree char *text = composer_text (self);
  g_autofree char *citizen = NULL;
  GtkRoot *root;
  AdwMessageDialog *dialog;

  if (*text == '\0')
    {
      toast (self, _("Write something first."));
      return;
    }

  if (!self->composing_reply)
    {
      save_event (self, BALADI_EVENT_KIND_INTERNAL_NOTE, text);
      return;
    }

  /* Nothing reaches a citizen without a second look. */
  g_object_get (self->request, "citizen-name", &citizen, NULL);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Send This Reply to the Citizen?"), NULL));
  /* Translators: %s is the citizen's name; then the text of the reply */
  adw_message_dialog_format_body (dialog, _("%s will read this:\n\n%s"), citizen, text);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Keep Editing"), "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reply_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status_with_reason (GtkWidget  *owner,
                        guint       choice,
                        const char *reason)
{
  BaladiRequestPane *self = BALADI_REQUEST_PANE (owner);
  g_autoptr(GError) error = NULL;
  int status;

  if (!baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, self->pending_status, &status))
    return;
  report (self, baladi_store_set_status (self->store, self->request_id, status, reason, self->user, &error),
          error, _("Status changed"));
}

static void
set_status_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  BaladiRequestPane *self = user_data;
  const char *wire = g_variant_get_string (param, NULL);
  int status;

  if (!baladi_enum_from_wire (BALADI_TYPE_REQUEST_STATUS, wire, &status))
    return;

  g_free (self->pending_status);
  self->pending_status = g_strdup (wire);
  if (baladi_request_status_pauses_clock (status))
    /* The clock stops: the reason goes to the record and to the dashboards. */
    baladi_ask (GTK_WIDGET (self), _("Why Does the Request Wait?"), _("The time limit stops until the request moves on."),
         NULL, _("Reason"), TRUE, _("_Stop the Clock"), set_status_with_reason);
  else
    set_status_with_reason (GTK_WIDGET (self), 0, NULL);
}

static void
reopen_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  g_autoptr(GVariant) reopened = g_variant_ref_sink (g_variant_new_string ("reopened"));

  set_status_action (action, reopened, user_data);
}

static void
assign (BaladiRequestPane *self,
        const char        *assignee)
{
  g_autoptr(GError) error = NULL;

  report (self, baladi_store_assign (self->store, self->request_id, assignee, self->user, &error),
          error, assignee != NULL ? _("Assigned") : _("Unassigned"));
}

static void
assign_me_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  BaladiRequestPane *self = user_data;

  assign (self, self->user);
}

static void
unassign_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  assign (user_data, NULL);
}

static GPtrArray *
colleagues (BaladiRequestPane *self)
{
  g_autoptr(GPtrArray) staff = baladi_store_list_lookups (self->store, "staff", ui_language ());
  const char *municipality = baladi_enum_to_wire (BALADI_TYPE_MUNICIPALITY,
                                                  baladi_request_get_municipality (self->request));
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_lookup_free);

  /* Those who can work on the request: their scope has its municipality. */
  for (guint i = 0; i < staff->len; i++)
    {
      BaladiLookup *person = g_ptr_array_index (staff, i);

      if ((g_strcmp0 (person->role, "clerk") == 0 || g_strcmp0 (person->role, "supervisor") == 0) &&
          (person->parent == NULL || g_strcmp0 (person->parent, municipality) == 0 || g_strcmp0 (person->parent, "all") == 0))
        g_ptr_array_add (result, g_steal_pointer (&g_ptr_array_index (staff, i)));
    }

  return result;
}

static void
assign_other_chosen (GtkWidget  *owner,
                     guint       choice,
                     const char *text)
{
  BaladiRequestPane *self = BALADI_REQUEST_PANE (owner);
  g_autoptr(GPtrArray) people = colleagues (self);

  if (choice < people->len)
    assign (self, ((BaladiLookup *) g_ptr_array_index (people, choice))->code);
}

static void
assign_other_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  BaladiRequestPane *self = user_data;
  g_autoptr(GPtrArray) people = colleagues (self);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < people->len; i++)
    g_strv_builder_add (names, ((BaladiLookup *) g_ptr_array_index (people, i))->name);
  list = g_strv_builder_end (names);
  if (people->len == 0)
    {
      toast (self, _("No colleague can take this request. Sync to update the staff list."));
      return;
    }
  baladi_ask (GTK_WIDGET (self), _("Assign to a Colleague"), NULL, (const char * const *) list, NULL, FALSE, _("_Assign"), assign_other_chosen);
}

static void
transfer_chosen (GtkWidget  *owner,
                 guint       choice,
                 const char *reason)
{
  BaladiRequestPane *self = BALADI_REQUEST_PANE (owner);
  g_autoptr(GError) error = NULL;
  int current = baladi_request_get_municipality (self->request);
  int target = choice >= (guint) current ? (int) choice + 1 : (int) choice;

  report (self, baladi_store_transfer (self->store, self->request_id, target, reason, self->user, &error),
          error, _("Transferred"));
}

static void
transfer_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  BaladiRequestPane *self = user_data;
  /* The other municipalities, in their order. */
  g_auto(GStrv) list = baladi_enum_labels (BALADI_TYPE_MUNICIPALITY, (BaladiLabelFunc) baladi_municipality_get_label,
                                           baladi_request_get_municipality (self->request));

  baladi_ask (GTK_WIDGET (self), _("Transfer the Request"), _("It leaves this queue and starts again from new in the other municipality."),
       (const char * const *) list, _("Reason"), TRUE, _("_Transfer"), transfer_chosen);
}

static void
escalate_chosen (GtkWidget  *owner,
                 guint       choice,
                 const char *reason)
{
  BaladiRequestPane *self = BALADI_REQUEST_PANE (owner);
  g_autoptr(GPtrArray) people = colleagues (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  const char *supervisor = NULL;

  for (guint i = 0; i < people->len && supervisor == NULL; i++)
    if (g_strcmp0 (((BaladiLookup *) g_ptr_array_index (people, i))->role, "supervisor") == 0)
      supervisor = ((BaladiLookup *) g_ptr_array_index (people, i))->code;

  if (supervisor == NULL)
    {
      toast (self, _("No supervisor is known for this municipality. Sync to update the staff list."));
      return;
    }

  /* Translators: an internal note; %s is why the clerk escalates */
  note = g_strdup_printf (_("Escalated to the supervisor: %s"), reason);
  report (self, baladi_store_add_event (self->store, self->request_id, BALADI_EVENT_KIND_INTERNAL_NOTE, note, self->user, &error) &&
                baladi_store_assign (self->store, self->request_id, supervisor, self->user, &error),
          error, _("Escalated to the supervisor"));
}

static void
escalate_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  baladi_ask (GTK_WIDGET (user_data), _("Escalate to the Supervisor"), _("The request goes to the municipality’s supervisor with your note."),
       NULL, _("Why"), TRUE, _("_Escalate"), escalate_chosen);
}

static void
merge_chosen (GtkWidget  *owner,
              guint       choice,
              const char *reference)
{
  BaladiRequestPane *self = BALADI_REQUEST_PANE (owner);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = baladi_store_prepare_cached (self->store, "SELECT id FROM requests WHERE reference = ?1 COLLATE NOCASE");
  g_autofree char *original = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (reference));

  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    original = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (original == NULL)
    {
      /* Translators: %s is a request reference such as CAP-2026-000123 */
      g_autofree char *message = g_strdup_printf (_("No request %s in the cache."), trimmed);

      toast (self, message);
      return;
    }

  report (self, baladi_store_merge (self->store, self->request_id, original, NULL, self->user, &error),
          error, _("Merged into the original request"));
}

static void
merge_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  baladi_ask (GTK_WIDGET (user_data), _("Merge a Duplicate"), _("This request is closed as a duplicate of the one you name."),
       NULL, _("Reference of the original, e.g. CAP-2026-000123"), TRUE, _("_Merge"), merge_chosen);
}

static void
keep_mine_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  BaladiRequestPane *self = user_data;
  g_autoptr(GPtrArray) conflicts = baladi_store_get_conflicts (self->store, self->request_id);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  /* In a conflict, the clerk's value goes again on the server's version;
   * a refused edit is simply sent again. */
  for (guint i = 0; ok && i < conflicts->len; i++)
    ok = baladi_store_keep_mine (self->store, ((BaladiOutboxEntry *) g_ptr_array_index (conflicts, i))->id, &error);
  if (ok && conflicts->len == 0)
    ok = baladi_store_retry_attention (self->store, self->request_id, &error);
  baladi_store_emit_changed (self->store, self->request_id);
  report (self, ok, error, conflicts->len > 0 ? _("Your change goes again") : _("Sent again with the next sync"));
}

static void
take_theirs_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  BaladiRequestPane *self = user_data;
  g_autoptr(GPtrArray) conflicts = baladi_store_get_conflicts (self->store, self->request_id);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < conflicts->len; i++)
    ok = baladi_store_take_theirs (self->store, ((BaladiOutboxEntry *) g_ptr_array_index (conflicts, i))->id, &error);
  baladi_store_emit_changed (self->store, self->request_id);
  report (self, ok, error, _("Their change is kept; yours is dropped"));
}

static void
insert_template_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  BaladiRequestPane *self = user_data;
  g_autofree char *language = NULL;
  g_autofree char *text = NULL;

  g_object_get (self->request, "language", &language, NULL);
  text = baladi_reply_template_expand (self->store, g_variant_get_string (param, NULL), self->request, language);
  if (text != NULL)
    gtk_text_buffer_insert_at_cursor (gtk_text_view_get_buffer (self->composer_text), text, -1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GtkWidget *leaflet = gtk_widget_get_ancestor (widget, ADW_TYPE_LEAFLET);

  if (leaflet != NULL)
    adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static const GActionEntry request_actions[] = {
  { "reply", reply_action },
  { "note", note_action },
  { "send", send_action },
  { "cancel-compose", cancel_compose_action },
  { "set-status", set_status_action, "s" },
  { "reopen", reopen_action },
  { "assign-me", assign_me_action },
  { "assign-other", assign_other_action },
  { "unassign", unassign_action },
  { "transfer", transfer_action },
  { "escalate", escalate_action },
  { "merge", merge_action },
  { "keep-mine", keep_mine_action },
  { "take-theirs", take_theirs_action },
  { "insert-template", insert_template_action, "s" },
};

/* }}} */

static void
baladi_request_pane_dispose (GObject *object)
{
  BaladiRequestPane *self = (BaladiRequestPane *)object;

  g_clear_signal_handler (&self->changed_handler, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_REQUEST_PANE);
  g_clear_object (&self->history);
  g_clear_object (&self->request);
  g_clear_object (&self->store);
  g_clear_object (&self->actions);

  G_OBJECT_CLASS (baladi_request_pane_parent_class)->dispose (object);
}

static void
baladi_request_pane_finalize (GObject *object)
{
  BaladiRequestPane *self = (BaladiRequestPane *)object;

  g_free (self->request_id);
  g_free (self->user);
  g_free (self->pending_status);

  G_OBJECT_CLASS (baladi_request_pane_parent_class)->finalize (object);
}

static void
baladi_request_pane_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  BaladiRequestPane *self = BALADI_REQUEST_PANE (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK:
      g_value_set_boolean (value, gtk_widget_get_visible (self->back_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_request_pane_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  BaladiRequestPane *self = BALADI_REQUEST_PANE (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK:
      /* Alone on a narrow window: a way back, and buttons without words. */
      gtk_widget_set_visible (self->back_button, g_value_get_boolean (value));
      adw_button_content_set_label (self->reply_content, g_value_get_boolean (value) ? "" : _("_Reply"));
      adw_button_content_set_label (self->note_content, g_value_get_boolean (value) ? "" : _("_Note"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_request_pane_class_init (BaladiRequestPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baladi_request_pane_dispose;
  object_class->finalize = baladi_request_pane_finalize;
  object_class->get_property = baladi_request_pane_get_property;
  object_class->set_property = baladi_request_pane_set_property;

  /**
   * BaladiRequestPane:show-back:
   *
   * Whether the pane offers to go back to the list: when it is alone on
   * a narrow window.
   */
  properties[PROP_SHOW_BACK] =
    g_param_spec_boolean ("show-back", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-request-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, back_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, reply_content);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, note_content);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, reference_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, status_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, conflict_bar);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, keep_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, take_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, subject_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, status_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, sla_box);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, sla_icon);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, sla_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, due_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, local_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, facts);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, description_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, timeline);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, composer_revealer);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, composer);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, composer_icon);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, composer_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, templates_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, composer_text);
  gtk_widget_class_bind_template_child (widget_class, BaladiRequestPane, send_button);

  gtk_widget_class_install_action (widget_class, "pane.back", NULL, back_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "request.reply", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "request.note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "request.send", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "request.assign-me", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "request.cancel-compose", NULL);
}

static void
baladi_request_pane_init (BaladiRequestPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), request_actions,
                                   G_N_ELEMENTS (request_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "request", G_ACTION_GROUP (self->actions));
  show_request (self);
}

/**
 * baladi_request_pane_set_store:
 * @user: the signed-in staff member, the author of what is done here
 */
void
baladi_request_pane_set_store (BaladiRequestPane *self,
                               BaladiStore       *store,
                               const char        *user)
{
  g_return_if_fail (BALADI_IS_REQUEST_PANE (self));

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  g_free (self->user);
  self->user = g_strdup (user);
  if (store != NULL)
    self->changed_handler = g_signal_connect (store, "requests-changed", G_CALLBACK (on_requests_changed), self);
  show_request (self);
}

const char *
baladi_request_pane_get_request_id (BaladiRequestPane *self)
{
  g_return_val_if_fail (BALADI_IS_REQUEST_PANE (self), NULL);

  return self->request_id;
}

void
baladi_request_pane_set_request_id (BaladiRequestPane *self,
                                    const char        *request_id)
{
  g_return_if_fail (BALADI_IS_REQUEST_PANE (self));

  if (g_strcmp0 (self->request_id, request_id) == 0)
    return;

  g_free (self->request_id);
  self->request_id = g_strdup (request_id);
  gtk_revealer_set_reveal_child (self->composer_revealer, FALSE);
  show_request (self);
}

/**
 * baladi_request_pane_compose:
 * @reply: a reply to the citizen, or an internal note
 * @text: (nullable): text to start with
 */
void
baladi_request_pane_compose (BaladiRequestPane *self,
                             gboolean           reply,
                             const char        *text)
{
  g_return_if_fail (BALADI_IS_REQUEST_PANE (self));

  compose (self, reply);
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_text), text, -1);
}
