/* baladi-services-page.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The service catalogue (Sila), for answering a caller in seconds: browse
 * by sector and category, or search the whole catalogue as you type, with
 * the words found in bold; beside the list, the service itself. Its
 * actions copy the answer in the caller's language (whatever the
 * interface's), print or save it as a sheet, start a request about it,
 * and, for catalogue editors only, edit it through the outbox. Searching
 * and filtering run in SQLite through BaladiServiceList. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "baladi-service-answer.h"
#include "baladi-service-editor.h"
#include "baladi-service-format.h"
#include "baladi-service-pane.h"
#include "baladi-service-sheet.h"
#include "baladi-services-page.h"
#include "baladi-store-lookups.h"
#include "baladi-store-services.h"
#include "baladi-window.h"

/* Long enough to let a fast typist finish a word, short enough to feel
 * immediate: a search of the catalogue takes a few milliseconds. */
#define SEARCH_DELAY_MS 60

struct _BaladiServicesPage
{
  GtkWidget           parent_instance;

  BaladiStore        *store;
  char               *user;
  gboolean            can_edit;
  BaladiServiceList  *list;
  GtkSingleSelection *selection;
  char               *caller_language;  /* of the last answer copied */

  /* Template widgets */
  GtkStack           *stack;
  AdwLeaflet         *outer_leaflet;
  AdwLeaflet         *leaflet;
  GtkListBox         *groups_list;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkLabel           *count_label;
  BaladiServicePane  *pane;
};

G_DEFINE_FINAL_TYPE (BaladiServicesPage, baladi_services_page, GTK_TYPE_WIDGET)

static void
toast (BaladiServicesPage *self,
       const char         *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
update_actions (BaladiServicesPage *self)
{
  gboolean shown = baladi_service_pane_get_service (self->pane) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.copy-answer", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.copy-answer-ar", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.copy-answer-en", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.print", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.new-request", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.edit", shown && self->can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "service.show-requests",
                                 shown && baladi_service_pane_get_n_requests (self->pane) > 0);
}

/* The list {{{ */

static void
update_count (BaladiServicesPage *self)
{
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u service", "%u services", n), n);

  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *other_name = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  /* One line each: wrapped labels are measured again and again while
   * the list lays out its rows, which a large catalogue feels. */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_add_css_class (summary, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (other_name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (other_name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (other_name, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), other_name);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          BaladiServicesPage       *self)
{
  BaladiService *service = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  BaladiServiceHit *hit = baladi_service_list_get_hit (self->list, gtk_list_item_get_position (item));
  const char *language = baladi_ui_language ();
  const char *other = g_str_equal (language, "ar") ? "en" : "ar";
  g_autofree char *markup = baladi_service_name_markup (service, hit, language);
  g_autofree char *summary = baladi_service_format_summary (service);
  GtkWidget *other_name = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  guint n_here = 0, n_there = 0;

  gtk_label_set_markup (GTK_LABEL (gtk_widget_get_first_child (box)), markup);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_last_child (box)), summary);

  /* A caller's words in the other language found the other name: show
   * it, highlighted, so that the clerk sees why the service is here. */
  if (hit != NULL)
    {
      baladi_service_hit_get_name_spans (hit, language, &n_here);
      baladi_service_hit_get_name_spans (hit, other, &n_there);
    }
  if (n_here == 0 && n_there > 0)
    {
      g_autofree char *other_markup = baladi_service_name_markup (service, hit, other);

      gtk_label_set_markup (GTK_LABEL (other_name), other_markup);
    }
  gtk_widget_set_visible (other_name, n_here == 0 && n_there > 0);
}

static void
show_selected (BaladiServicesPage *self)
{
  g_autoptr(BaladiService) fresh = NULL;
  BaladiService *service = gtk_single_selection_get_selected_item (self->selection);

  /* A new search or a sync that takes the row away leaves the service
   * the clerk reads where it is. */
  if (service == NULL)
    return;

  /* Read it again: the list's copy may predate an edit. */
  fresh = baladi_store_get_service (self->store, baladi_service_get_code (service), NULL);
  baladi_service_pane_show (self->pane, self->store, fresh != NULL ? fresh : service);
  update_actions (self);
}

static void
on_selection_changed (BaladiServicesPage *self)
{
  show_selected (self);
}

static void
on_activate (GtkListView        *view,
             guint               position,
             BaladiServicesPage *self)
{
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* A new search or another sector shows another list, from its top: the
 * view takes the new rows at once rather than following the model's
 * removals one run at a time, which over a large catalogue costs GTK
 * 4.8 hundreds of milliseconds. A sync's refresh keeps the view's
 * place instead. */
static void
change_filter (BaladiServicesPage *self,
               void              (*set) (BaladiServiceList *list,
                                         const char        *value),
               const char         *value)
{
  gtk_list_view_set_model (self->list_view, NULL);
  set (self->list, value);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
on_search_changed (BaladiServicesPage *self)
{
  if (self->list != NULL)
    change_filter (self, baladi_service_list_set_search_text, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* }}} */

/* Sectors and categories {{{ */

/* A label of the sidebar: a long name wraps onto a second line rather
 * than lose its end; a third would be cut short. */
static void
set_wrapping (GtkLabel *label)
{
  gtk_label_set_xalign (label, 0);
  gtk_label_set_wrap (label, TRUE);
  gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (label, 2);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  /* Short names still take the whole width, not just their own. */
  gtk_label_set_width_chars (label, 1);
  gtk_label_set_max_width_chars (label, 1);
  gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
}

static GtkWidget *
group_row (const char *title,
           const char *subtitle,
           guint       count,
           gboolean    heading,
           const char *sector,
           const char *category)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (number);

  set_wrapping (GTK_LABEL (label));
  gtk_widget_set_hexpand (titles, TRUE);
  gtk_widget_set_valign (titles, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (titles), label);
  if (subtitle != NULL)
    {
      GtkWidget *example = gtk_label_new (subtitle);

      set_wrapping (GTK_LABEL (example));
      gtk_widget_add_css_class (example, "dim-label");
      gtk_widget_add_css_class (example, "caption");
      gtk_box_append (GTK_BOX (titles), example);
    }
  if (subtitle != NULL)
    {
      g_autofree char *tooltip = g_strconcat (title, "\n", subtitle, NULL);

      gtk_widget_set_tooltip_text (titles, tooltip);
    }
  else
    {
      gtk_widget_set_tooltip_text (titles, title);
    }
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_set_margin_start (titles, 12);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), titles);
  gtk_box_append (GTK_BOX (box), count_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "sector", g_strdup (sector), g_free);
  g_object_set_data_full (G_OBJECT (row), "category", g_strdup (category), g_free);

  return row;
}

static void
on_group_selected (GtkListBox         *list,
                   GtkListBoxRow      *row,
                   BaladiServicesPage *self)
{
  if (row == NULL || self->list == NULL)
    return;

  gtk_list_view_set_model (self->list_view, NULL);
  baladi_service_list_set_sector (self->list, g_object_get_data (G_OBJECT (row), "sector"));
  baladi_service_list_set_category (self->list, g_object_get_data (G_OBJECT (row), "category"));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  adw_leaflet_set_visible_child_name (self->outer_leaflet, "services");
}

/* A group of the sidebar: its title and subtitle in the interface's
 * language, and where its sector comes in the store's order. */
typedef struct {
  BaladiServiceGroup *group;
  guint               sector_place;
  char               *title;
  char               *subtitle;
  char               *key;
} SidebarGroup;

static void
sidebar_group_free (SidebarGroup *entry)
{
  g_free (entry->title);
  g_free (entry->subtitle);
  g_free (entry->key);
  g_free (entry);
}

static int
compare_sidebar_groups (gconstpointer a,
                        gconstpointer b)
{
  const SidebarGroup *x = *(SidebarGroup * const *) a;
  const SidebarGroup *y = *(SidebarGroup * const *) b;

  if (x->sector_place != y->sector_place)
    return x->sector_place < y->sector_place ? -1 : 1;

  return strcmp (x->key, y->key);
}

/* A group is titled with its category's name from the lookups, the
 * directorate that handles it underneath. A cache without the name (a
 * server from before them) titles it with the directorate, and its first
 * service says what it holds. */
static SidebarGroup *
sidebar_group_new (BaladiServiceGroup *group,
                   guint               sector_place,
                   const char         *language)
{
  SidebarGroup *entry = g_new0 (SidebarGroup, 1);
  gboolean ar = g_str_equal (language, "ar");
  const char *name = ar ? group->name_ar : group->name_en;
  const char *directorate = ar ? group->directorate_ar : group->directorate_en;
  const char *first = ar ? group->example_ar : group->example_en;

  entry->group = group;
  entry->sector_place = sector_place;
  if (name != NULL)
    {
      entry->title = g_strdup (name);
      entry->subtitle = g_strdup (directorate);
    }
  else
    {
      entry->title = g_strdup (directorate != NULL ? directorate : group->category);
      if (first != NULL)
        entry->subtitle = group->n_services > 1
                          /* Translators: under a group of services: the name of its
                           * first service, then an ellipsis for the others */
                          ? g_strdup_printf (_("%s…"), first)
                          : g_strdup (first);
    }
  entry->key = g_utf8_collate_key (entry->title, -1);

  return entry;
}

/* Fills the sidebar; returns how many services the catalogue has. */
static guint
fill_groups (BaladiServicesPage *self)
{
  const char *language = baladi_ui_language ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) groups = baladi_store_list_service_groups (self->store, &error);
  g_autoptr(GPtrArray) sidebar = g_ptr_array_new_with_free_func ((GDestroyNotify) sidebar_group_free);
  GtkWidget *child;
  GtkListBoxRow *all;
  guint total = 0;
  guint sector_place = 0;

  g_signal_handlers_block_by_func (self->groups_list, on_group_selected, self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_list))) != NULL)
    gtk_list_box_remove (self->groups_list, child);

  if (groups == NULL)
    {
      g_warning ("%s", error->message);
      groups = g_ptr_array_new ();
    }
  for (guint i = 0; i < groups->len; i++)
    {
      BaladiServiceGroup *group = g_ptr_array_index (groups, i);

      total += group->n_services;
      if (i > 0 && !g_str_equal (group->sector, ((BaladiServiceGroup *) g_ptr_array_index (groups, i - 1))->sector))
        sector_place++;
      g_ptr_array_add (sidebar, sidebar_group_new (group, sector_place, language));
    }
  /* The sectors in the store's order, the groups of each by title; the
   * list of all the services in the same order. */
  g_ptr_array_sort (sidebar, compare_sidebar_groups);
  {
    g_autoptr(GStrvBuilder) order = g_strv_builder_new ();
    g_auto(GStrv) codes = NULL;

    for (guint i = 0; i < sidebar->len; i++)
      g_strv_builder_add (order, ((SidebarGroup *) g_ptr_array_index (sidebar, i))->group->category);
    codes = g_strv_builder_end (order);
    baladi_service_list_set_category_order (self->list, (const char * const *) codes);
  }

  gtk_list_box_append (self->groups_list, group_row (_("All Services"), NULL, total, TRUE, NULL, NULL));
  for (guint i = 0; i < sidebar->len; i++)
    {
      SidebarGroup *entry = g_ptr_array_index (sidebar, i);
      BaladiServiceGroup *group = entry->group;
      int sector;

      if (i == 0 || entry->sector_place != ((SidebarGroup *) g_ptr_array_index (sidebar, i - 1))->sector_place)
        {
          guint in_sector = 0;

          for (guint j = i; j < sidebar->len && ((SidebarGroup *) g_ptr_array_index (sidebar, j))->sector_place == entry->sector_place; j++)
            in_sector += ((SidebarGroup *) g_ptr_array_index (sidebar, j))->group->n_services;
          gtk_list_box_append (self->groups_list,
                               group_row (baladi_enum_from_wire (BALADI_TYPE_SECTOR, group->sector, &sector)
                                          ? baladi_sector_get_label (sector) : group->sector,
                                          NULL, in_sector, TRUE, group->sector, NULL));
        }
      gtk_list_box_append (self->groups_list,
                           group_row (entry->title, entry->subtitle, group->n_services, FALSE, group->sector, group->category));
    }

  /* Keep the row of the list's filters selected. */
  all = gtk_list_box_get_row_at_index (self->groups_list, 0);
  for (int i = 0; self->list != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->groups_list, i);

      if (row == NULL)
        break;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "sector"), baladi_service_list_get_sector (self->list)) == 0 &&
          g_strcmp0 (g_object_get_data (G_OBJECT (row), "category"), baladi_service_list_get_category (self->list)) == 0)
        all = row;
    }
  gtk_list_box_select_row (self->groups_list, all);
  g_signal_handlers_unblock_by_func (self->groups_list, on_group_selected, self);

  return total;
}

/* }}} */

/* Actions {{{ */

static BaladiService *
shown_service (BaladiServicesPage *self)
{
  return baladi_service_pane_get_service (self->pane);
}

static void
copy_answer (BaladiServicesPage *self,
             const char         *language)
{
  BaladiService *service = shown_service (self);
  g_autofree char *answer = NULL;

  if (service == NULL)
    return;

  answer = baladi_service_compose_answer (service, language);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), answer);
  g_free (self->caller_language);
  self->caller_language = g_strdup (language);
  toast (self, g_str_equal (language, "ar") ? _("Answer copied in Arabic") : _("Answer copied in English"));
}

static void
copy_answer_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BaladiServicesPage *self = BALADI_SERVICES_PAGE (widget);

  if (g_str_equal (action_name, "service.copy-answer-ar"))
    copy_answer (self, "ar");
  else if (g_str_equal (action_name, "service.copy-answer-en"))
    copy_answer (self, "en");
  else
    copy_answer (self, self->caller_language != NULL ? self->caller_language : baladi_ui_language ());
}

static void
print_sheet (BaladiServicesPage *self,
             const char         *language)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (shown_service (self) == NULL)
    return;

  operation = baladi_service_sheet_new (shown_service (self), language);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_warning ("Printing a service sheet failed: %s", error->message);
      toast (self, _("The sheet could not be printed."));
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  print_sheet (BALADI_SERVICES_PAGE (widget), g_variant_get_string (param, NULL));
}

static gboolean
print_shortcut (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  print_sheet (BALADI_SERVICES_PAGE (widget), baladi_ui_language ());
  return TRUE;
}

static void
new_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  BaladiServicesPage *self = BALADI_SERVICES_PAGE (widget);

  if (shown_service (self) != NULL)
    gtk_widget_activate_action (widget, "win.new-request-for-service", "s", baladi_service_get_code (shown_service (self)));
}

static void
show_requests_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  BaladiServicesPage *self = BALADI_SERVICES_PAGE (widget);
  GtkWidget *window = gtk_widget_get_ancestor (widget, BALADI_TYPE_WINDOW);
  BaladiService *service = shown_service (self);
  g_autofree char *name = NULL;

  if (service == NULL || window == NULL)
    return;

  name = baladi_service_dup_text (service, "name", baladi_ui_language ());
  baladi_complaints_page_show_service (baladi_window_get_complaints_page (BALADI_WINDOW (window)),
                                       baladi_service_get_code (service), name);
  gtk_widget_activate_action (widget, "win.show-page", "s", "complaints");
}

static void
on_edit_saved (BaladiServicesPage *self)
{
  baladi_services_page_reload (self);
  toast (self, _("Saved. The change will be sent with the next sync."));
  /* The next sync is now, when the server can be reached. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.sync", NULL);
}

static void
on_edit_resolved (BaladiServicesPage *self,
                  gboolean            kept)
{
  baladi_services_page_reload (self);
  toast (self, kept ? _("Your edit goes again with the next sync") : _("Your edit was dropped"));
  gtk_widget_activate_action (GTK_WIDGET (self), "app.sync", NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BaladiServicesPage *self = BALADI_SERVICES_PAGE (widget);
  BaladiServiceEditor *editor;
  GtkRoot *root = gtk_widget_get_root (widget);

  /* The button is not even there for other roles; the action checks too. */
  if (!self->can_edit || shown_service (self) == NULL)
    return;

  editor = baladi_service_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, shown_service (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_edit_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  baladi_services_page_show_service (BALADI_SERVICES_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  BaladiServicesPage *self = BALADI_SERVICES_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->outer_leaflet, "services");
  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  adw_leaflet_set_visible_child_name (BALADI_SERVICES_PAGE (widget)->leaflet, "list");
}

static void
show_groups_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  adw_leaflet_set_visible_child_name (BALADI_SERVICES_PAGE (widget)->outer_leaflet, "groups");
}

static void
on_folded (BaladiServicesPage *self)
{
  baladi_service_pane_set_show_back (self->pane, adw_leaflet_get_folded (self->leaflet));
}

/* }}} */

static void
baladi_services_page_dispose (GObject *object)
{
  BaladiServicesPage *self = (BaladiServicesPage *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_SERVICES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (baladi_services_page_parent_class)->dispose (object);
}

static void
baladi_services_page_finalize (GObject *object)
{
  BaladiServicesPage *self = (BaladiServicesPage *)object;

  g_free (self->user);
  g_free (self->caller_language);

  G_OBJECT_CLASS (baladi_services_page_parent_class)->finalize (object);
}

static void
baladi_services_page_class_init (BaladiServicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baladi_services_page_dispose;
  object_class->finalize = baladi_services_page_finalize;

  g_type_ensure (BALADI_TYPE_SERVICE_PANE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-services-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, outer_leaflet);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, groups_list);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiServicesPage, pane);

  gtk_widget_class_install_action (widget_class, "service.copy-answer", NULL, copy_answer_action);
  gtk_widget_class_install_action (widget_class, "service.copy-answer-ar", NULL, copy_answer_action);
  gtk_widget_class_install_action (widget_class, "service.copy-answer-en", NULL, copy_answer_action);
  gtk_widget_class_install_action (widget_class, "service.print", "s", print_action);
  gtk_widget_class_install_action (widget_class, "service.new-request", NULL, new_request_action);
  gtk_widget_class_install_action (widget_class, "service.show-requests", NULL, show_requests_action);
  gtk_widget_class_install_action (widget_class, "service.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "service.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "services.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "services.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "services.show-groups", NULL, show_groups_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "services.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "service.copy-answer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "service.copy-answer-ar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "service.copy-answer-en", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, print_shortcut, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "service.new-request", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "service.edit", NULL);
}

static void
baladi_services_page_init (BaladiServicesPage *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->pane, "edit-resolved", G_CALLBACK (on_edit_resolved), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_search_entry_set_search_delay (self->search_entry, SEARCH_DELAY_MS);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->groups_list, "row-selected", G_CALLBACK (on_group_selected), self, 0);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate), self, 0);
  /* "Back to the list" only when the list is not beside the service. */
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded), self, G_CONNECT_SWAPPED);
  on_folded (self);
  adw_leaflet_set_visible_child_name (self->outer_leaflet, "services");
  update_actions (self);
}

static gboolean
user_is_editor (BaladiStore *store,
                const char  *user)
{
  g_autofree char *role = baladi_store_get_staff_role (store, user);

  return g_strcmp0 (role, "catalogue_editor") == 0;
}

/**
 * baladi_services_page_set_store:
 * @user: the signed-in staff member: catalogue editors may edit services
 */
void
baladi_services_page_set_store (BaladiServicesPage *self,
                                BaladiStore        *store,
                                const char         *user)
{
  g_return_if_fail (BALADI_IS_SERVICES_PAGE (self));
  g_return_if_fail (BALADI_IS_STORE (store));

  g_set_object (&self->store, store);
  g_free (self->user);
  self->user = g_strdup (user);
  /* The role comes from the server, through the staff list in the cache. */
  self->can_edit = user_is_editor (store, user);
  baladi_service_pane_set_editable (self->pane, self->can_edit);

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  self->list = baladi_service_list_new (store);
  baladi_service_list_set_search_text (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
  /* The clerk's choice only: a sync that changes the rows around the
   * selection must not put another service in the pane. */
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  baladi_service_pane_show (self->pane, store, NULL);
  baladi_services_page_reload (self);
}

/**
 * baladi_services_page_reload:
 *
 * Reads the catalogue again: after a sync or an edit.
 */
void
baladi_services_page_reload (BaladiServicesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  guint total;

  g_return_if_fail (BALADI_IS_SERVICES_PAGE (self));

  if (self->store == NULL)
    return;

  if (shown_service (self) != NULL)
    shown = g_strdup (baladi_service_get_code (shown_service (self)));
  /* The sidebar first: the list takes the order of its categories. */
  total = fill_groups (self);
  if (!baladi_service_list_refresh (self->list, &error))
    g_warning ("%s", error->message);
  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "catalogue" : "no-catalogue");
  update_count (self);
  /* The service shown, as the cache now has it; gone if it went. */
  if (shown != NULL && !baladi_services_page_show_service (self, shown))
    baladi_service_pane_show (self->pane, self->store, NULL);
  update_actions (self);
}

BaladiServiceList *
baladi_services_page_get_list (BaladiServicesPage *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICES_PAGE (self), NULL);

  return self->list;
}

/**
 * baladi_services_page_search:
 *
 * Types @text into the search entry.
 */
void
baladi_services_page_search (BaladiServicesPage *self,
                             const char         *text)
{
  g_return_if_fail (BALADI_IS_SERVICES_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

/**
 * baladi_services_page_browse:
 * @sector: (nullable): a sector's wire name, or %NULL for all
 * @category: (nullable): a category's code, or %NULL for all
 *
 * Shows the services of a sector or a category, as the sidebar does.
 */
void
baladi_services_page_browse (BaladiServicesPage *self,
                             const char         *sector,
                             const char         *category)
{
  g_return_if_fail (BALADI_IS_SERVICES_PAGE (self));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->groups_list, i);

      if (row == NULL)
        break;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "sector"), sector) == 0 &&
          g_strcmp0 (g_object_get_data (G_OBJECT (row), "category"), category) == 0)
        {
          gtk_list_box_select_row (self->groups_list, row);
          return;
        }
    }
}

/**
 * baladi_services_page_show_service:
 *
 * Shows the service @code: selected in the list when the list has it.
 *
 * Returns: whether the cache has it
 */
gboolean
baladi_services_page_show_service (BaladiServicesPage *self,
                                   const char         *code)
{
  g_autoptr(BaladiService) service = NULL;
  guint n;

  g_return_val_if_fail (BALADI_IS_SERVICES_PAGE (self), FALSE);

  if (self->store == NULL || (service = baladi_store_get_service (self->store, code, NULL)) == NULL)
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BaladiService) item = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      if (g_str_equal (baladi_service_get_code (item), code))
        {
          g_signal_handlers_block_by_func (self->selection, on_selection_changed, self);
          gtk_single_selection_set_selected (self->selection, i);
          g_signal_handlers_unblock_by_func (self->selection, on_selection_changed, self);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          break;
        }
    }

  baladi_service_pane_show (self->pane, self->store, service);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  update_actions (self);
  return TRUE;
}

/**
 * baladi_services_page_get_can_edit:
 *
 * Returns: whether the signed-in user is a catalogue editor
 */
gboolean
baladi_services_page_get_can_edit (BaladiServicesPage *self)
{
  g_return_val_if_fail (BALADI_IS_SERVICES_PAGE (self), FALSE);

  return self->can_edit;
}
