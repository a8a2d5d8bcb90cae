/* baladi-new-request-window.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Logging a request by hand: a call to the hotline, a walk-in, a visitor
 * on Customer Day. The form checks what the server will check
 * (baladi_request_check()) and says beside each field what is wrong;
 * the request is stored at once and filed on the server by the next sync. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-new-request-window.h"
#include "baladi-request.h"
#include "baladi-store-lookups.h"
#include "baladi-store-writes.h"
#include "baladi-validate.h"

typedef enum {
  ROW_CITIZEN_NAME,
  ROW_CITIZEN_PHONE,
  ROW_CITIZEN_EMAIL,
  ROW_CITIZEN_CPR,
  ROW_BUILDING,
  ROW_ROAD,
  ROW_BLOCK,
  ROW_AREA,
  ROW_SUBJECT,
  N_ROWS
} Row;

static const struct {
  const char *field;     /* as baladi_request_check() names it */
  const char *property;  /* of BaladiRequest */
  const char *title;
} rows[N_ROWS] = {
  [ROW_CITIZEN_NAME] = { "citizen.name", "citizen-name", N_("Citizen’s Name") },
  [ROW_CITIZEN_PHONE] = { "citizen.phone", "citizen-phone", N_("Phone") },
  [ROW_CITIZEN_EMAIL] = { "citizen.email", "citizen-email", N_("Email") },
  [ROW_CITIZEN_CPR] = { "citizen.cpr", "citizen-cpr", N_("CPR") },
  [ROW_BUILDING] = { "address", "address-building", N_("Building") },
  [ROW_ROAD] = { "address", "address-road", N_("Road") },
  [ROW_BLOCK] = { "address", "address-block", N_("Block") },
  [ROW_AREA] = { "address", "address-area", N_("Area") },
  [ROW_SUBJECT] = { "subject", "subject", N_("Subject") },
};

/* The channels a request is logged by hand from, first the usual. */
static const BaladiChannel channels[] = {
  BALADI_CHANNEL_HOTLINE, BALADI_CHANNEL_WALK_IN, BALADI_CHANNEL_CUSTOMER_DAY, BALADI_CHANNEL_SOCIAL_MEDIA,
};

struct _BaladiNewRequestWindow
{
  AdwWindow     parent_instance;

  BaladiStore  *store;
  char         *user;
  char         *service_code;
  char         *saved_id;
  GPtrArray    *categories;

  AdwEntryRow  *rows[N_ROWS];
  GtkDropDown  *type;
  GtkDropDown  *category;
  GtkDropDown  *municipality;
  GtkDropDown  *channel;
  GtkDropDown  *priority;
  GtkDropDown  *language;
  GtkTextView  *description;
  GtkLabel     *errors_label;
};

G_DEFINE_FINAL_TYPE (BaladiNewRequestWindow, baladi_new_request_window, ADW_TYPE_WINDOW)

static const char *
ui_language (void)
{
  /* Translators: the code of this translation's language: "ar" for Arabic */
  return C_("language code", "en");
}

static GtkDropDown *
add_choice (GtkWidget    *group,
            const char   *title,
            GtkStringList *choices)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (choices), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  return GTK_DROP_DOWN (dropdown);
}

static GtkStringList *
enum_choices (GType         type,
              const char *(*label) (int))
{
  GtkStringList *strings = gtk_string_list_new (NULL);
  GEnumClass *klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (strings, label (klass->values[i].value));
  g_type_class_unref (klass);

  return strings;
}

static char *
text_or_null (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

/* The request as the form says it. */
static BaladiRequest *
build_request (BaladiNewRequestWindow *self)
{
  BaladiRequest *request = baladi_request_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description);
  guint category = gtk_drop_down_get_selected (self->category);
  GtkTextIter start, end;
  g_autofree char *description = NULL;

  for (Row row = 0; row < N_ROWS; row++)
    {
      g_autofree char *value = text_or_null (gtk_editable_get_text (GTK_EDITABLE (self->rows[row])));

      g_object_set (request, rows[row].property, value, NULL);
    }

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = text_or_null (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  g_object_set (request,
                "type", gtk_drop_down_get_selected (self->type),
                "municipality", gtk_drop_down_get_selected (self->municipality),
                "channel", channels[gtk_drop_down_get_selected (self->channel)],
                "priority", gtk_drop_down_get_selected (self->priority),
                "language", gtk_drop_down_get_selected (self->language) == 0 ? "ar" : "en",
                "description", description,
                "service-code", self->service_code,
                "category", category < self->categories->len
                            ? ((BaladiLookup *) g_ptr_array_index (self->categories, category))->code : NULL,
                NULL);

  return request;
}

/**
 * baladi_new_request_window_save:
 *
 * Checks the form and, when it is right, logs the request and closes.
 *
 * Returns: whether the request was logged; if not, the form says why
 */
gboolean
baladi_new_request_window_save (BaladiNewRequestWindow *self)
{
  g_autoptr(BaladiRequest) request = build_request (self);
  g_autoptr(GPtrArray) problems = baladi_request_check (request);
  g_autoptr(GString) message = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (Row row = 0; row < N_ROWS; row++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->rows[row]), "error");

  for (guint i = 0; i < problems->len; i++)
    {
      BaladiFieldError *problem = g_ptr_array_index (problems, i);

      for (Row row = 0; row < N_ROWS; row++)
        if (g_str_equal (rows[row].field, problem->field))
          gtk_widget_add_css_class (GTK_WIDGET (self->rows[row]), "error");
      g_string_append_printf (message, "%s%s", message->len > 0 ? "\n" : "", problem->description);
    }

  if (problems->len == 0 && baladi_store_file_request (self->store, request, self->user, &error))
    {
      self->saved_id = g_strdup (baladi_request_get_id (request));
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    }

  if (error != NULL)
    g_string_append (message, error->message);
  gtk_label_set_label (self->errors_label, message->str);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), TRUE);

  return FALSE;
}

static void
on_save (BaladiNewRequestWindow *self)
{
  baladi_new_request_window_save (self);
}

static void
baladi_new_request_window_finalize (GObject *object)
{
  BaladiNewRequestWindow *self = (BaladiNewRequestWindow *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_free (self->user);
  g_free (self->service_code);
  g_free (self->saved_id);

  G_OBJECT_CLASS (baladi_new_request_window_parent_class)->finalize (object);
}

static void
baladi_new_request_window_class_init (BaladiNewRequestWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = baladi_new_request_window_finalize;
}

static void
baladi_new_request_window_init (BaladiNewRequestWindow *self)
{
  gtk_window_set_title (GTK_WINDOW (self), _("Log a New Request"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 720);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

static void
build (BaladiNewRequestWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Log Request"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *about = adw_preferences_group_new ();
  GtkWidget *citizen = adw_preferences_group_new ();
  GtkWidget *address = adw_preferences_group_new ();
  GtkWidget *text = adw_preferences_group_new ();
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkStringList *category_names = gtk_string_list_new (NULL);
  GtkStringList *channel_names = gtk_string_list_new (NULL);
  GtkStringList *languages = gtk_string_list_new ((const char *[]) { _("Arabic"), _("English"), NULL });

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_object (cancel, "clicked", G_CALLBACK (gtk_window_close), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (save, "clicked", G_CALLBACK (on_save), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), header);

  self->errors_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->errors_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->errors_label), "error");
  gtk_widget_set_margin_top (GTK_WIDGET (self->errors_label), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->errors_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->errors_label));

  /* What and where. */
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (about), _("Request"));
  self->type = add_choice (about, _("Type"), enum_choices (BALADI_TYPE_REQUEST_TYPE, (const char *(*) (int)) baladi_request_type_get_label));
  self->categories = baladi_store_list_lookups (self->store, "categories", ui_language ());
  for (guint i = 0; i < self->categories->len; i++)
    gtk_string_list_append (category_names, ((BaladiLookup *) g_ptr_array_index (self->categories, i))->name);
  self->category = add_choice (about, _("Category"), category_names);
  self->municipality = add_choice (about, _("Municipality"), enum_choices (BALADI_TYPE_MUNICIPALITY, (const char *(*) (int)) baladi_municipality_get_label));
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    gtk_string_list_append (channel_names, baladi_channel_get_label (channels[i]));
  self->channel = add_choice (about, _("Channel"), channel_names);
  self->priority = add_choice (about, _("Priority"), enum_choices (BALADI_TYPE_PRIORITY, (const char *(*) (int)) baladi_priority_get_label));
  gtk_drop_down_set_selected (self->priority, BALADI_PRIORITY_NORMAL);
  self->language = add_choice (about, _("Citizen’s Language"), languages);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (about));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (citizen), _("Citizen"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (address), _("Address"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (text), _("What the Citizen Says"));
  for (Row row = 0; row < N_ROWS; row++)
    {
      GtkWidget *group = row <= ROW_CITIZEN_CPR ? citizen : row <= ROW_AREA ? address : text;

      self->rows[row] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rows[row]), _(rows[row].title));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->rows[row]));
    }
  self->description = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->description, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->description, 8);
  gtk_text_view_set_bottom_margin (self->description, 8);
  gtk_text_view_set_left_margin (self->description, 8);
  gtk_text_view_set_right_margin (self->description, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->description), -1, 120);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (self->description));
  gtk_widget_set_margin_top (frame, 12);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (text), frame);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (text));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (citizen));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (address));

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
  g_object_unref (category_names);
  g_object_unref (channel_names);
  g_object_unref (languages);
}

/**
 * baladi_new_request_window_new:
 * @service_code: (nullable): the catalogue service the caller asks about
 */
BaladiNewRequestWindow *
baladi_new_request_window_new (GtkWindow   *parent,
                               BaladiStore *store,
                               const char  *user,
                               const char  *service_code)
{
  BaladiNewRequestWindow *self = g_object_new (BALADI_TYPE_NEW_REQUEST_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->user = g_strdup (user);
  self->service_code = g_strdup (service_code);
  build (self);

  /* From a service: its category, and the type a caller's question has. */
  if (service_code != NULL)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (baladi_store_get_db (store), "SELECT category FROM services WHERE code = ?1", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, service_code, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            for (guint i = 0; i < self->categories->len; i++)
              if (g_strcmp0 (((BaladiLookup *) g_ptr_array_index (self->categories, i))->code,
                             (const char *) sqlite3_column_text (stmt, 0)) == 0)
                gtk_drop_down_set_selected (self->category, i);
        }
      sqlite3_finalize (stmt);
      gtk_drop_down_set_selected (self->type, BALADI_REQUEST_TYPE_INQUIRY);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->rows[ROW_SUBJECT]));

  return self;
}

/**
 * baladi_new_request_window_set_field:
 * @field: "subject", "description", "citizen-name", "citizen-phone", …
 *   (a property of BaladiRequest), or "category" (a code)
 *
 * Fills a field as a clerk would type it.
 */
void
baladi_new_request_window_set_field (BaladiNewRequestWindow *self,
                                     const char             *field,
                                     const char             *value)
{
  g_return_if_fail (BALADI_IS_NEW_REQUEST_WINDOW (self));

  if (g_str_equal (field, "description"))
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description), value, -1);
      return;
    }
  if (g_str_equal (field, "category"))
    {
      for (guint i = 0; i < self->categories->len; i++)
        if (g_strcmp0 (((BaladiLookup *) g_ptr_array_index (self->categories, i))->code, value) == 0)
          gtk_drop_down_set_selected (self->category, i);
      return;
    }
  for (Row row = 0; row < N_ROWS; row++)
    if (g_str_equal (rows[row].property, field))
      gtk_editable_set_text (GTK_EDITABLE (self->rows[row]), value);
}

/**
 * baladi_new_request_window_get_id:
 *
 * Returns: (nullable): the id of the request logged, once saved
 */
const char *
baladi_new_request_window_get_id (BaladiNewRequestWindow *self)
{
  g_return_val_if_fail (BALADI_IS_NEW_REQUEST_WINDOW (self), NULL);

  return self->saved_id;
}
