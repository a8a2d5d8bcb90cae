/* baladi-complaints-page.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The clerk's queue: saved views with their counts, filters, search as
 * you type, and a GtkColumnView over the store's lazy request model, with
 * the request itself beside it in an AdwLeaflet that folds on narrow
 * windows. Filtering, searching and sorting all run in SQLite (GTK's own
 * sort and filter models would read every row); the column headers only
 * say which order to ask for. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-ask.h"
#include "baladi-complaints-page.h"
#include "baladi-request-format.h"
#include "baladi-request-pane.h"
#include "baladi-store-lookups.h"
#include "baladi-store-writes.h"

#define MAX_BULK 500

typedef enum {
  VIEW_MINE,
  VIEW_UNASSIGNED,
  VIEW_DUE_TODAY,
  VIEW_OVERDUE,
  VIEW_WAITING,
  VIEW_REOPENED,
  VIEW_UNSENT,
  VIEW_ALL,
  N_VIEWS
} View;

static const struct {
  const char *name;
  const char *title;
  const char *icon;
} views[N_VIEWS] = {
  [VIEW_MINE] = { "mine", N_("My Requests"), "avatar-default-symbolic" },
  [VIEW_UNASSIGNED] = { "unassigned", N_("Unassigned"), "mail-unread-symbolic" },
  [VIEW_DUE_TODAY] = { "due-today", N_("Due Today"), "alarm-symbolic" },
  [VIEW_OVERDUE] = { "overdue", N_("Overdue"), "dialog-error-symbolic" },
  [VIEW_WAITING] = { "waiting", N_("Waiting on Citizen"), "media-playback-pause-symbolic" },
  [VIEW_REOPENED] = { "reopened", N_("Reopened"), "edit-redo-symbolic" },
  [VIEW_UNSENT] = { "unsent", N_("Not Yet Sent"), "emblem-synchronizing-symbolic" },
  [VIEW_ALL] = { "all", N_("All Requests"), "view-list-symbolic" },
};

typedef enum {
  FILTER_STATUS,
  FILTER_TYPE,
  FILTER_MUNICIPALITY,
  FILTER_SECTOR,
  FILTER_CHANNEL,
  FILTER_CATEGORY,
  FILTER_RECEIVED,
  N_FILTERS
} Filter;

/* In the order shown: what a clerk scans first comes first. */
typedef enum {
  COLUMN_REFERENCE,
  COLUMN_TIME_LEFT,
  COLUMN_SUBJECT,
  COLUMN_STATUS,
  COLUMN_TYPE,
  COLUMN_CATEGORY,
  COLUMN_MUNICIPALITY,
  COLUMN_CHANNEL,
  COLUMN_ASSIGNEE,
  COLUMN_RECEIVED,
  N_COLUMNS
} Column;

static const struct {
  const char        *name;
  const char        *title;
  BaladiRequestSort  sort;
  gboolean           expand;
  int                width;
  gboolean           shown;  /* at first; the header menu shows or hides it */
} columns[N_COLUMNS] = {
  [COLUMN_REFERENCE] = { "reference", N_("Reference"), BALADI_REQUEST_SORT_REFERENCE, FALSE, 150, TRUE },
  [COLUMN_TIME_LEFT] = { "time-left", N_("Time Left"), BALADI_REQUEST_SORT_DUE, FALSE, 145, TRUE },
  [COLUMN_SUBJECT] = { "subject", N_("Subject"), BALADI_REQUEST_SORT_SUBJECT, TRUE, 180, TRUE },
  [COLUMN_STATUS] = { "status", N_("Status"), BALADI_REQUEST_SORT_STATUS, FALSE, 100, TRUE },
  [COLUMN_TYPE] = { "type", N_("Type"), BALADI_REQUEST_SORT_TYPE, FALSE, 90, FALSE },
  [COLUMN_CATEGORY] = { "category", N_("Category"), BALADI_REQUEST_SORT_CATEGORY, FALSE, 130, FALSE },
  [COLUMN_MUNICIPALITY] = { "municipality", N_("Municipality"), BALADI_REQUEST_SORT_MUNICIPALITY, FALSE, 130, FALSE },
  [COLUMN_CHANNEL] = { "channel", N_("Channel"), BALADI_REQUEST_SORT_CHANNEL, FALSE, 100, FALSE },
  [COLUMN_ASSIGNEE] = { "assignee", N_("Assigned to"), BALADI_REQUEST_SORT_ASSIGNEE, FALSE, 110, TRUE },
  [COLUMN_RECEIVED] = { "received", N_("Received"), BALADI_REQUEST_SORT_RECEIVED, FALSE, 90, FALSE },
};

struct _BaladiComplaintsPage
{
  GtkWidget           parent_instance;

  BaladiStore        *store;
  char               *user;
  gulong              changed_handler;
  BaladiRequestList  *list;
  GtkMultiSelection  *selection;
  GSimpleActionGroup *actions;
  View                view;
  GtkLabel           *view_counts[N_VIEWS];
  char               *service_code;   /* only the requests about this service */
  GtkButton          *service_button;
  GtkDropDown        *filters[N_FILTERS];
  GtkColumnViewColumn *view_columns[N_COLUMNS];
  GPtrArray          *categories;     /* BaladiLookup, as in the category filter */
  char               *assignee_filter; /* from a dashboard's drill-down */
  GHashTable         *clock_cells;    /* GtkWidget → BaladiRequest, the time-left cells shown */
  guint               clock_timeout;
  guint               counts_timeout;
  GCancellable       *counts_cancellable;
  BaladiRequestSort   sort;
  gboolean            descending;
  gboolean            sort_chosen;    /* by the clerk, on a column header */
  gboolean            scrolled_by_hand;
  double              table_width;
  gboolean            sort_probe_hit;
  BaladiRequestSort   sort_probe;

  /* Template widgets */
  GtkWidget          *tabs_box;
  AdwTabView         *tab_view;
  AdwLeaflet         *outer_leaflet;
  AdwLeaflet         *leaflet;
  GtkListBox         *views_list;
  GtkDropDown        *views_dropdown;
  GtkSearchEntry     *search_entry;
  GtkToggleButton    *filters_button;
  GtkFlowBox         *filters_box;
  GtkStack           *list_stack;
  GtkColumnView      *column_view;
  AdwStatusPage      *empty_page;
  GtkLabel           *count_label;
  GtkImage           *sync_icon;
  GtkLabel           *sync_label;
  BaladiRequestPane  *pane;
};

G_DEFINE_FINAL_TYPE (BaladiComplaintsPage, baladi_complaints_page, GTK_TYPE_WIDGET)

static const char *
ui_language (void)
{
  /* Translators: the code of this translation's language: "ar" for Arabic */
  return C_("language code", "en");
}

static void
toast (BaladiComplaintsPage *self,
       const char           *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

/* The query {{{ */

static BaladiRequestQuery *
view_query (BaladiComplaintsPage *self,
            View                  view)
{
  BaladiRequestQuery *query = baladi_request_query_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now (baladi_sla_calendar_get_time_zone (baladi_format_get_calendar ()));
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (now), g_date_time_get_year (now),
                                                   g_date_time_get_month (now), g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (midnight, 1);

  switch (view)
    {
    case VIEW_MINE:
      query->assignee = g_strdup (self->user != NULL ? self->user : "");
      query->open_only = TRUE;
      break;
    case VIEW_UNASSIGNED:
      /* The cache holds only what the clerk's scope lets the server send. */
      query->unassigned = TRUE;
      query->open_only = TRUE;
      break;
    case VIEW_DUE_TODAY:
      query->due_before = g_date_time_to_unix (tomorrow);
      break;
    case VIEW_OVERDUE:
      query->overdue = TRUE;
      break;
    case VIEW_WAITING:
      query->statuses = 1u << BALADI_REQUEST_STATUS_WAITING_CITIZEN;
      break;
    case VIEW_REOPENED:
      query->statuses = 1u << BALADI_REQUEST_STATUS_REOPENED;
      break;
    case VIEW_UNSENT:
      query->local_state = BALADI_LOCAL_STATE_PENDING;
      break;
    case VIEW_ALL:
    case N_VIEWS:
    default:
      break;
    }

  return query;
}

static int
selected_enum (BaladiComplaintsPage *self,
               Filter                filter)
{
  guint selected = gtk_drop_down_get_selected (self->filters[filter]);

  /* The first item of each filter is "any". */
  return selected == GTK_INVALID_LIST_POSITION || selected == 0 ? -1 : (int) selected - 1;
}

static BaladiRequestQuery *
current_query (BaladiComplaintsPage *self)
{
  BaladiRequestQuery *query = view_query (self, self->view);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int status = selected_enum (self, FILTER_STATUS);
  int category = selected_enum (self, FILTER_CATEGORY);
  int received = selected_enum (self, FILTER_RECEIVED);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (status >= 0)
    query->statuses = (query->statuses == 0 ? ~0u : query->statuses) & (1u << status);
  if (query->statuses == 0 && status >= 0)
    query->statuses = 1u << 31;  /* the view and the filter exclude each other: nothing */
  query->type = selected_enum (self, FILTER_TYPE);
  query->municipality = selected_enum (self, FILTER_MUNICIPALITY);
  query->sector = selected_enum (self, FILTER_SECTOR);
  query->channel = selected_enum (self, FILTER_CHANNEL);
  if (category >= 0 && self->categories != NULL && (guint) category < self->categories->len)
    query->category = g_strdup (((BaladiLookup *) g_ptr_array_index (self->categories, category))->code);
  switch (received)
    {
    case 0: query->received_from = now - 86400; break;
    case 1: query->received_from = now - 7 * 86400; break;
    case 2: query->received_from = now - 30 * 86400; break;
    case 3: query->received_from = now - 365 * 86400; break;
    default: break;
    }
  if (search != NULL && *search != '\0')
    query->search = g_strdup (search);
  if (self->assignee_filter != NULL && query->assignee == NULL)
    query->assignee = g_strdup (self->assignee_filter);
  query->service_code = g_strdup (self->service_code);
  if (self->sort_chosen)
    {
      query->sort = self->sort;
      query->descending = self->descending;
    }
  else if (self->view == VIEW_ALL || self->view == VIEW_UNSENT)
    {
      /* Everything: the newest first. A queue of work: the most urgent first. */
      query->sort = BALADI_REQUEST_SORT_RECEIVED;
      query->descending = TRUE;
    }

  return query;
}

static void
update_query (BaladiComplaintsPage *self)
{
  g_autoptr(BaladiRequestQuery) query = NULL;

  if (self->list == NULL)
    return;

  query = current_query (self);
  baladi_request_list_set_query (self->list, query);
}

/* }}} */

/* Counts and the status line {{{ */

static void
counts_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BaladiComplaintsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = baladi_store_count_requests_finish (BALADI_STORE (source), result, &error);

  if (counts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot count the requests: %s", error->message);
      return;
    }

  for (guint i = 0; i < N_VIEWS && i < counts->len; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u", g_array_index (counts, guint, i));

      gtk_label_set_label (self->view_counts[i], text);
    }
}

static gboolean
update_counts (gpointer user_data)
{
  BaladiComplaintsPage *self = user_data;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_request_query_free);

  self->counts_timeout = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;

  for (View view = 0; view < N_VIEWS; view++)
    g_ptr_array_add (queries, view_query (self, view));

  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();
  baladi_store_count_requests_async (self->store, queries, self->counts_cancellable, counts_done, self);

  return G_SOURCE_REMOVE;
}

static void
queue_counts (BaladiComplaintsPage *self)
{
  /* A sync lands many changes at once: count once they settle. */
  if (self->counts_timeout == 0)
    self->counts_timeout = g_timeout_add (400, update_counts, self);
}

static void
update_status_line (BaladiComplaintsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n_selected = gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;

  if (n_selected > 1)
    /* Translators: "120 requests, 3 selected" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request, %u selected",
                                         "%u requests, %u selected", n), n, (guint) n_selected);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request", "%u requests", n), n);
  gtk_label_set_label (self->count_label, text);

  if (n == 0 && !baladi_request_list_get_loading (self->list))
    {
      const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

      adw_status_page_set_title (self->empty_page, search != NULL && *search != '\0'
                                                   ? _("No Matching Requests") : _("No Requests"));
      adw_status_page_set_description (self->empty_page, search != NULL && *search != '\0'
                                                         ? _("Try other words, another spelling, or fewer filters.")
                                                         : _("Nothing in this view. Requests arrive here as Baladi Desk syncs."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
}

static void
on_items_changed (GListModel           *model,
                  guint                 position,
                  guint                 removed,
                  guint                 added,
                  BaladiComplaintsPage *self)
{
  update_status_line (self);
}

static void
on_loading_changed (BaladiComplaintsPage *self)
{
  update_status_line (self);
}

static void
on_requests_changed (BaladiStore          *store,
                     const char * const   *ids,
                     BaladiComplaintsPage *self)
{
  queue_counts (self);
}

/* }}} */

/* Cells {{{ */

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_inscription_new (NULL);

  gtk_inscription_set_min_chars (GTK_INSCRIPTION (text), 3);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (text), columns[column].width / 8);
  /* A column narrowed by the clerk cuts its text with an ellipsis, at the
   * end in either direction, never in the middle of a letter. */
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (text), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_hexpand (text, TRUE);
  if (column == COLUMN_REFERENCE || column == COLUMN_TIME_LEFT)
    {
      GtkWidget *icon = gtk_image_new ();

      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_box_append (GTK_BOX (box), text);
  if (column == COLUMN_SUBJECT || column == COLUMN_ASSIGNEE)
    gtk_widget_add_css_class (text, "data");
  gtk_list_item_set_child (item, box);
}

static void
set_clock_cell (GtkWidget     *box,
                BaladiRequest *request,
                GDateTime     *now)
{
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_last_child (box);
  BaladiSlaState state;
  g_autofree char *left = baladi_format_time_left (request, now, &state);

  gtk_inscription_set_text (GTK_INSCRIPTION (text), left);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), baladi_format_sla_icon (state));
  for (BaladiSlaState s = BALADI_SLA_STATE_ON_TRACK; s <= BALADI_SLA_STATE_MET_LATE; s++)
    gtk_widget_remove_css_class (box, baladi_format_sla_css_class (s));
  gtk_widget_add_css_class (box, baladi_format_sla_css_class (state));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  BaladiComplaintsPage *self = g_object_get_data (G_OBJECT (factory), "page");
  BaladiRequest *request = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_last_child (box);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *value = NULL;
  int number;

  switch (column)
    {
    case COLUMN_REFERENCE:
      {
        GtkWidget *icon = gtk_widget_get_first_child (box);

        g_object_get (request, "reference", &value, "local-state", &number, NULL);
        gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                      number == BALADI_LOCAL_STATE_PENDING ? "emblem-synchronizing-symbolic"
                                      : number != BALADI_LOCAL_STATE_SYNCED ? "dialog-warning-symbolic" : NULL);
        gtk_widget_set_tooltip_text (icon,
                                     number == BALADI_LOCAL_STATE_PENDING ? _("Changes waiting to be sent")
                                     : number == BALADI_LOCAL_STATE_CONFLICT ? _("Changed by someone else too")
                                     : number == BALADI_LOCAL_STATE_ATTENTION ? _("A change was refused by the server") : NULL);
        gtk_widget_set_visible (icon, number != BALADI_LOCAL_STATE_SYNCED);
        if (value == NULL)
          value = g_strdup (_("Not yet sent"));
      }
      break;
    case COLUMN_TYPE:
      g_object_get (request, "type", &number, NULL);
      value = g_strdup (baladi_request_type_get_label (number));
      break;
    case COLUMN_SUBJECT:
      g_object_get (request, "subject", &value, NULL);
      break;
    case COLUMN_CATEGORY:
      {
        g_autofree char *code = NULL;

        g_object_get (request, "category", &code, NULL);
        value = baladi_store_get_lookup_name (self->store, "categories", code, ui_language ());
      }
      break;
    case COLUMN_MUNICIPALITY:
      value = g_strdup (baladi_municipality_get_label (baladi_request_get_municipality (request)));
      break;
    case COLUMN_CHANNEL:
      g_object_get (request, "channel", &number, NULL);
      value = g_strdup (baladi_channel_get_label (number));
      break;
    case COLUMN_STATUS:
      value = g_strdup (baladi_request_status_get_label (baladi_request_get_status (request)));
      break;
    case COLUMN_ASSIGNEE:
      {
        g_autofree char *assignee = NULL;

        g_object_get (request, "assignee", &assignee, NULL);
        value = assignee != NULL ? baladi_store_get_lookup_name (self->store, "staff", assignee, ui_language ()) : g_strdup ("—");
      }
      break;
    case COLUMN_RECEIVED:
      {
        g_autoptr(GDateTime) created = NULL;

        g_object_get (request, "created", &created, NULL);
        value = baladi_format_relative (created, now);
      }
      break;
    case COLUMN_TIME_LEFT:
      set_clock_cell (box, request, now);
      g_hash_table_insert (self->clock_cells, box, request);
      return;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (GTK_INSCRIPTION (text), value);
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  BaladiComplaintsPage *self = g_object_get_data (G_OBJECT (factory), "page");

  if (GPOINTER_TO_INT (user_data) == COLUMN_TIME_LEFT)
    g_hash_table_remove (self->clock_cells, gtk_list_item_get_child (item));
}

/* The clocks count down: the cells on screen are brought up to date each
 * minute, and the list asked again, since time moves requests into
 * "overdue" and out of "due today". */
static gboolean
tick (gpointer user_data)
{
  BaladiComplaintsPage *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GHashTableIter iter;
  gpointer cell, request;

  g_hash_table_iter_init (&iter, self->clock_cells);
  while (g_hash_table_iter_next (&iter, &cell, &request))
    set_clock_cell (cell, request, now);

  if (self->view == VIEW_OVERDUE || self->view == VIEW_DUE_TODAY)
    baladi_request_list_refresh (self->list);
  queue_counts (self);

  return G_SOURCE_CONTINUE;
}

/* Which column orders the list. GTK 4.8 has no call that says which
 * column the clerk clicked, so each column's sorter, when asked to
 * compare, records its column; the view's sorter asks the primary one
 * first, and its answer's sign says the direction. */
static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  BaladiComplaintsPage *self = g_object_get_data (G_OBJECT (user_data), "page");

  if (!self->sort_probe_hit)
    {
      self->sort_probe_hit = TRUE;
      self->sort_probe = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (user_data), "sort"));
    }
  return GTK_ORDERING_SMALLER;
}

static void
on_sorter_changed (GtkSorter            *sorter,
                   GtkSorterChange       change,
                   BaladiComplaintsPage *self)
{
  g_autoptr(BaladiRequest) a = g_object_new (BALADI_TYPE_REQUEST, NULL);
  g_autoptr(BaladiRequest) b = g_object_new (BALADI_TYPE_REQUEST, NULL);
  GtkOrdering order;

  self->sort_probe_hit = FALSE;
  order = gtk_sorter_compare (sorter, a, b);
  self->sort_chosen = self->sort_probe_hit;
  if (self->sort_probe_hit)
    {
      self->sort = self->sort_probe;
      self->descending = order == GTK_ORDERING_LARGER;
    }
  update_query (self);
}

/* In a right-to-left interface the first columns are on the right, but a
 * scrolled window starts at the left: keep the start of the table in view
 * until the clerk scrolls. */
static void
on_hadjustment_changed (GtkAdjustment        *adjustment,
                        BaladiComplaintsPage *self)
{
  self->table_width = gtk_adjustment_get_upper (adjustment);
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL && !self->scrolled_by_hand)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment));
}

static void
on_hadjustment_value_changed (GtkAdjustment        *adjustment,
                              BaladiComplaintsPage *self)
{
  /* Only a move while the table keeps its width is the clerk's. */
  if (gtk_adjustment_get_upper (adjustment) == self->table_width &&
      gtk_adjustment_get_value (adjustment) < gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1)
    self->scrolled_by_hand = TRUE;
}

/* A hidden column is taken out of the view, not made invisible: GTK 4.8
 * lays out the rows of a right-to-left column view wrongly around an
 * invisible column. */
static void
on_column_toggled (GSimpleAction        *action,
                   GVariant             *state,
                   BaladiComplaintsPage *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (action), "column"));
  GtkColumnViewColumn *view_column = self->view_columns[column];
  gboolean shown = gtk_column_view_column_get_column_view (view_column) != NULL;
  guint position = 0;

  g_simple_action_set_state (action, state);
  if (g_variant_get_boolean (state) == shown)
    return;

  if (shown)
    {
      gtk_column_view_remove_column (self->column_view, view_column);
      return;
    }

  for (Column before = 0; before < column; before++)
    position += gtk_column_view_column_get_column_view (self->view_columns[before]) != NULL;
  gtk_column_view_insert_column (self->column_view, position, view_column);
}

static void
build_columns (BaladiComplaintsPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  /* Every column header offers the same menu: which columns to show. */
  for (Column column = 0; column < N_COLUMNS; column++)
    {
      g_autofree char *action = g_strdup_printf ("queue.column-%s", columns[column].name);

      g_menu_append (menu, _(columns[column].title), action);
    }

  for (Column column = 0; column < N_COLUMNS; column++)
    {
      g_autofree char *action_name = g_strdup_printf ("column-%s", columns[column].name);
      g_autoptr(GSimpleAction) action = NULL;
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *view_column;
      GtkCustomSorter *sorter;

      g_object_set_data (G_OBJECT (factory), "page", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (column));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (column));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (column));

      view_column = gtk_column_view_column_new (_(columns[column].title), factory);
      gtk_column_view_column_set_expand (view_column, columns[column].expand);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_column_set_fixed_width (view_column, columns[column].width);
      gtk_column_view_column_set_header_menu (view_column, G_MENU_MODEL (menu));
      action = g_simple_action_new_stateful (action_name, NULL, g_variant_new_boolean (columns[column].shown));
      g_signal_connect_object (action, "change-state", G_CALLBACK (on_column_toggled), self, 0);
      g_object_set_data (G_OBJECT (action), "column", GINT_TO_POINTER (column));
      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
      self->view_columns[column] = g_object_ref (view_column);

      sorter = gtk_custom_sorter_new (probe_compare, NULL, NULL);
      g_object_set_data (G_OBJECT (sorter), "page", self);
      g_object_set_data (G_OBJECT (sorter), "sort", GINT_TO_POINTER (columns[column].sort));
      /* The sorter is its own user data, to find its column. */
      gtk_custom_sorter_set_sort_func (sorter, probe_compare, sorter, NULL);
      gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
      g_object_unref (sorter);

      if (columns[column].shown)
        gtk_column_view_append_column (self->column_view, view_column);
      g_object_unref (view_column);
    }

  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed), self, 0);

  {
    GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));

    g_return_if_fail (adjustment != NULL);
    g_signal_connect_object (adjustment, "changed", G_CALLBACK (on_hadjustment_changed), self, 0);
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_hadjustment_value_changed), self, 0);
  }
}

/* }}} */

/* Views and filters {{{ */

static void
on_view_selected (GtkListBox           *list,
                  GtkListBoxRow        *row,
                  BaladiComplaintsPage *self)
{
  if (row == NULL)
    return;

  self->view = gtk_list_box_row_get_index (row);
  if (gtk_drop_down_get_selected (self->views_dropdown) != self->view)
    gtk_drop_down_set_selected (self->views_dropdown, self->view);
  update_query (self);
}

/* On a narrow window the sidebar gives way to a drop-down of the views. */
static void
on_view_dropdown_selected (BaladiComplaintsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->views_dropdown);

  if (selected != GTK_INVALID_LIST_POSITION && selected != self->view)
    gtk_list_box_select_row (self->views_list, gtk_list_box_get_row_at_index (self->views_list, selected));
}

static void
on_folded (BaladiComplaintsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->views_dropdown), adw_leaflet_get_folded (self->outer_leaflet));
}

static void
build_views (BaladiComplaintsPage *self)
{
  for (View view = 0; view < N_VIEWS; view++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (_(views[view].title));
      GtkWidget *count = gtk_label_new (NULL);

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (views[view].icon));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_widget_set_name (row, views[view].name);
      gtk_list_box_append (self->views_list, row);
      self->view_counts[view] = GTK_LABEL (count);
    }

  {
    GtkStringList *titles = gtk_string_list_new (NULL);

    for (View view = 0; view < N_VIEWS; view++)
      gtk_string_list_append (titles, _(views[view].title));
    gtk_drop_down_set_model (self->views_dropdown, G_LIST_MODEL (titles));
    g_object_unref (titles);
  }

  self->view = VIEW_ALL;
  gtk_drop_down_set_selected (self->views_dropdown, VIEW_ALL);
  g_signal_connect_object (self->views_dropdown, "notify::selected", G_CALLBACK (on_view_dropdown_selected), self, G_CONNECT_SWAPPED);
  gtk_list_box_select_row (self->views_list, gtk_list_box_get_row_at_index (self->views_list, VIEW_ALL));
  g_signal_connect_object (self->views_list, "row-selected", G_CALLBACK (on_view_selected), self, 0);
}

static GtkStringList *
enum_labels (const char   *any,
             GType         type,
             const char *(*label) (int))
{
  GtkStringList *strings = gtk_string_list_new (NULL);
  GEnumClass *klass = g_type_class_ref (type);

  gtk_string_list_append (strings, any);
  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (strings, label (klass->values[i].value));
  g_type_class_unref (klass);

  return strings;
}

static void
add_filter (BaladiComplaintsPage *self,
            Filter                filter,
            const char           *name,
            GtkStringList        *strings)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (strings), NULL));

  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), name);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (update_query), self, G_CONNECT_SWAPPED);
  gtk_flow_box_append (self->filters_box, GTK_WIDGET (dropdown));
  self->filters[filter] = dropdown;
}

static void
fill_categories (BaladiComplaintsPage *self)
{
  GtkStringList *strings = gtk_string_list_new (NULL);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  self->categories = self->store != NULL ? baladi_store_list_lookups (self->store, "categories", ui_language ())
                                         : g_ptr_array_new ();
  gtk_string_list_append (strings, _("Any category"));
  for (guint i = 0; i < self->categories->len; i++)
    gtk_string_list_append (strings, ((BaladiLookup *) g_ptr_array_index (self->categories, i))->name);
  gtk_drop_down_set_model (self->filters[FILTER_CATEGORY], G_LIST_MODEL (strings));
  g_object_unref (strings);
}

static void
build_filters (BaladiComplaintsPage *self)
{
  GtkStringList *received = gtk_string_list_new ((const char *[]) {
    _("Received any time"), _("Received today"), _("Received in the last 7 days"),
    _("Received in the last 30 days"), _("Received in the last year"), NULL });

  add_filter (self, FILTER_STATUS, _("Status"),
              enum_labels (_("Any status"), BALADI_TYPE_REQUEST_STATUS, (const char *(*) (int)) baladi_request_status_get_label));
  add_filter (self, FILTER_TYPE, _("Type"),
              enum_labels (_("Any type"), BALADI_TYPE_REQUEST_TYPE, (const char *(*) (int)) baladi_request_type_get_label));
  add_filter (self, FILTER_MUNICIPALITY, _("Municipality"),
              enum_labels (_("Any municipality"), BALADI_TYPE_MUNICIPALITY, (const char *(*) (int)) baladi_municipality_get_label));
  add_filter (self, FILTER_SECTOR, _("Sector"),
              enum_labels (_("Any sector"), BALADI_TYPE_SECTOR, (const char *(*) (int)) baladi_sector_get_label));
  add_filter (self, FILTER_CHANNEL, _("Channel"),
              enum_labels (_("Any channel"), BALADI_TYPE_CHANNEL, (const char *(*) (int)) baladi_channel_get_label));
  add_filter (self, FILTER_CATEGORY, _("Category"), gtk_string_list_new (NULL));
  add_filter (self, FILTER_RECEIVED, _("Received"), received);
  fill_categories (self);
}

/* }}} */

/* Selection and bulk actions {{{ */

static void
on_selection_changed (GtkSelectionModel    *model,
                      guint                 position,
                      guint                 n_items,
                      BaladiComplaintsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);
  g_autoptr(BaladiRequest) request = NULL;

  update_status_line (self);
  if (gtk_bitset_is_empty (selected))
    return;

  request = g_list_model_get_item (G_LIST_MODEL (model), gtk_bitset_get_minimum (selected));
  if (request != NULL)
    baladi_request_pane_set_request_id (self->pane, baladi_request_get_id (request));
}

static void
on_activate (GtkColumnView        *view,
             guint                 position,
             BaladiComplaintsPage *self)
{
  g_autoptr(BaladiRequest) request = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (request == NULL)
    return;
  baladi_request_pane_set_request_id (self->pane, baladi_request_get_id (request));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* The ids of the selected requests, at most MAX_BULK. */
static GPtrArray *
selected_ids (BaladiComplaintsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more && ids->len < MAX_BULK; more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(BaladiRequest) request = g_list_model_get_item (G_LIST_MODEL (self->list), position);

      if (request != NULL)
        g_ptr_array_add (ids, g_strdup (baladi_request_get_id (request)));
    }

  return ids;
}

typedef gboolean (*BulkFunc) (BaladiComplaintsPage *self,
                              const char           *id,
                              guint                 choice,
                              const char           *text,
                              GError              **error);

/* Applies @func to each selected request: each is its own transaction,
 * so one that the workflow refuses leaves the others done. */
static void
run_bulk (BaladiComplaintsPage *self,
          BulkFunc              func,
          guint                 choice,
          const char           *text)
{
  g_autoptr(GPtrArray) ids = selected_ids (self);
  g_autofree char *message = NULL;
  guint done = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      done += func (self, g_ptr_array_index (ids, i), choice, text, &error);
    }

  if (done == ids->len)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request changed", "%u requests changed", done), done);
  else
    /* Translators: bulk action: how many changed, how many could not */
    message = g_strdup_printf (_("%u changed, %u could not be"), done, ids->len - done);
  toast (self, message);
}

static gboolean
bulk_assign_me (BaladiComplaintsPage *self,
                const char           *id,
                guint                 choice,
                const char           *text,
                GError              **error)
{
  return baladi_store_assign (self->store, id, self->user, self->user, error);
}

static void
bulk_assign_me_action (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  run_bulk (user_data, bulk_assign_me, 0, NULL);
}

static GPtrArray *
assignable_staff (BaladiComplaintsPage *self)
{
  g_autoptr(GPtrArray) staff = baladi_store_list_lookups (self->store, "staff", ui_language ());
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_lookup_free);

  for (guint i = 0; i < staff->len; i++)
    {
      BaladiLookup *person = g_ptr_array_index (staff, i);

      if (g_strcmp0 (person->role, "clerk") == 0 || g_strcmp0 (person->role, "supervisor") == 0)
        g_ptr_array_add (result, g_steal_pointer (&g_ptr_array_index (staff, i)));
    }

  return result;
}

static gboolean
bulk_assign (BaladiComplaintsPage *self,
             const char           *id,
             guint                 choice,
             const char           *text,
             GError              **error)
{
  g_autoptr(GPtrArray) staff = assignable_staff (self);

  return choice < staff->len &&
         baladi_store_assign (self->store, id, ((BaladiLookup *) g_ptr_array_index (staff, choice))->code, self->user, error);
}

static void
bulk_assign_chosen (GtkWidget  *owner,
                    guint       choice,
                    const char *text)
{
  run_bulk (BALADI_COMPLAINTS_PAGE (owner), bulk_assign, choice, text);
}

static void
bulk_assign_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  BaladiComplaintsPage *self = user_data;
  g_autoptr(GPtrArray) staff = assignable_staff (self);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  for (guint i = 0; i < staff->len; i++)
    {
      BaladiLookup *person = g_ptr_array_index (staff, i);
      const char *scope = person->parent;
      int municipality;
      g_autofree char *label = baladi_enum_from_wire (BALADI_TYPE_MUNICIPALITY, scope, &municipality)
                               ? g_strdup_printf ("%s (%s)", person->name, baladi_municipality_get_label (municipality))
                               : g_strdup (person->name);

      g_strv_builder_add (names, label);
    }
  list = g_strv_builder_end (names);
  baladi_ask (GTK_WIDGET (self), _("Assign the Selected Requests"), NULL, (const char * const *) list,
              NULL, FALSE, _("_Assign"), bulk_assign_chosen);
}

static gboolean
bulk_status (BaladiComplaintsPage *self,
             const char           *id,
             guint                 choice,
             const char           *text,
             GError              **error)
{
  return baladi_store_set_status (self->store, id, choice, text != NULL && *text != '\0' ? text : NULL, self->user, error);
}

static void
bulk_status_chosen (GtkWidget  *owner,
                    guint       choice,
                    const char *text)
{
  run_bulk (BALADI_COMPLAINTS_PAGE (owner), bulk_status, choice, text);
}

static void
bulk_status_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  g_auto(GStrv) list = baladi_enum_labels (BALADI_TYPE_REQUEST_STATUS, (BaladiLabelFunc) baladi_request_status_get_label, -1);

  baladi_ask (GTK_WIDGET (user_data), _("Change the Status of the Selected Requests"),
              _("Requests the workflow does not let move there stay as they are. Waiting needs a reason."),
              (const char * const *) list, _("Reason"), FALSE, _("_Change"), bulk_status_chosen);
}

static gboolean
bulk_transfer (BaladiComplaintsPage *self,
               const char           *id,
               guint                 choice,
               const char           *text,
               GError              **error)
{
  return baladi_store_transfer (self->store, id, choice, text, self->user, error);
}

static void
bulk_transfer_chosen (GtkWidget  *owner,
                      guint       choice,
                      const char *text)
{
  run_bulk (BALADI_COMPLAINTS_PAGE (owner), bulk_transfer, choice, text);
}

static void
bulk_transfer_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  g_auto(GStrv) list = baladi_enum_labels (BALADI_TYPE_MUNICIPALITY, (BaladiLabelFunc) baladi_municipality_get_label, -1);

  baladi_ask (GTK_WIDGET (user_data), _("Transfer the Selected Requests"), NULL,
              (const char * const *) list, _("Reason"), TRUE, _("_Transfer"), bulk_transfer_chosen);
}

static gboolean
bulk_note (BaladiComplaintsPage *self,
           const char           *id,
           guint                 choice,
           const char           *text,
           GError              **error)
{
  return baladi_store_add_event (self->store, id, BALADI_EVENT_KIND_INTERNAL_NOTE, text, self->user, error);
}

static void
bulk_note_chosen (GtkWidget  *owner,
                  guint       choice,
                  const char *text)
{
  run_bulk (BALADI_COMPLAINTS_PAGE (owner), bulk_note, choice, text);
}

static void
bulk_note_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  baladi_ask (GTK_WIDGET (user_data), _("Add an Internal Note to the Selected Requests"),
              _("Only staff will read it, never the citizens."), NULL, _("Note"), TRUE, _("_Add Note"), bulk_note_chosen);
}

static void
focus_search_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  BaladiComplaintsPage *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_service_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  baladi_complaints_page_show_service (user_data, NULL, NULL);
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  baladi_complaints_page_show_view (user_data, g_variant_get_string (param, NULL));
}

static void
new_request_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "win.new-request", NULL);
}

static void
open_in_tab_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  BaladiComplaintsPage *self = user_data;
  const char *id = baladi_request_pane_get_request_id (self->pane);

  if (id != NULL)
    baladi_complaints_page_open_tab (self, id);
}

static const GActionEntry queue_actions[] = {
  { "bulk-assign-me", bulk_assign_me_action },
  { "bulk-assign", bulk_assign_action },
  { "bulk-status", bulk_status_action },
  { "bulk-transfer", bulk_transfer_action },
  { "bulk-note", bulk_note_action },
  { "focus-search", focus_search_action },
  { "show-view", show_view_action, "s" },
  { "clear-service", clear_service_action },
  { "new-request", new_request_action },
  { "open-in-tab", open_in_tab_action },
};

/* }}} */

static void
baladi_complaints_page_dispose (GObject *object)
{
  BaladiComplaintsPage *self = (BaladiComplaintsPage *)object;

  g_clear_handle_id (&self->clock_timeout, g_source_remove);
  g_clear_handle_id (&self->counts_timeout, g_source_remove);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_COMPLAINTS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->actions);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  for (Column column = 0; column < N_COLUMNS; column++)
    g_clear_object (&self->view_columns[column]);

  G_OBJECT_CLASS (baladi_complaints_page_parent_class)->dispose (object);
}

static void
baladi_complaints_page_finalize (GObject *object)
{
  BaladiComplaintsPage *self = (BaladiComplaintsPage *)object;

  g_free (self->user);
  g_free (self->assignee_filter);
  g_free (self->service_code);
  g_clear_pointer (&self->clock_cells, g_hash_table_unref);

  G_OBJECT_CLASS (baladi_complaints_page_parent_class)->finalize (object);
}

static void
baladi_complaints_page_class_init (BaladiComplaintsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baladi_complaints_page_dispose;
  object_class->finalize = baladi_complaints_page_finalize;

  g_type_ensure (BALADI_TYPE_REQUEST_PANE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-complaints-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, tabs_box);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, tab_view);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, outer_leaflet);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, views_list);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, views_dropdown);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, filters_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, filters_box);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, sync_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiComplaintsPage, pane);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "queue.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "queue.new-request", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "queue.open-in-tab", NULL);
}

static void
baladi_complaints_page_init (BaladiComplaintsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->clock_cells = g_hash_table_new (NULL, NULL);
  self->sort = BALADI_REQUEST_SORT_DUE;
  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), queue_actions, G_N_ELEMENTS (queue_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "queue", G_ACTION_GROUP (self->actions));

  build_views (self);
  build_filters (self);
  build_columns (self);

  /* The queue is the first tab, always there; requests opened on their
   * own come after it, each with its own actions. */
  {
    AdwTabPage *queue = adw_tab_view_append_pinned (self->tab_view, GTK_WIDGET (self->outer_leaflet));

    adw_tab_page_set_title (queue, _("Queue"));
    adw_tab_page_set_icon (queue, g_themed_icon_new ("view-list-symbolic"));
  }

  /* Shown while the list keeps to the requests of one service. */
  self->service_button = GTK_BUTTON (gtk_button_new ());
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->service_button), "queue.clear-service");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->service_button), _("Show the Requests of Every Service"));
  gtk_widget_add_css_class (GTK_WIDGET (self->service_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (self->service_button), "small");
  gtk_widget_set_visible (GTK_WIDGET (self->service_button), FALSE);
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->count_label))), GTK_WIDGET (self->service_button));

  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (update_query), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate), self, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  /* "Back to the list" only when the list is not beside the request. */
  g_object_bind_property (self->leaflet, "folded", self->pane, "show-back", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->outer_leaflet, "notify::folded", G_CALLBACK (on_folded), self, G_CONNECT_SWAPPED);
  adw_leaflet_set_visible_child_name (self->outer_leaflet, "requests");
  on_folded (self);
  baladi_complaints_page_set_sync_state (self, "emblem-synchronizing-symbolic", _("Not synced yet"));
}

/**
 * baladi_complaints_page_set_store:
 * @user: the signed-in staff member
 */
void
baladi_complaints_page_set_store (BaladiComplaintsPage *self,
                                  BaladiStore          *store,
                                  const char           *user)
{
  g_return_if_fail (BALADI_IS_COMPLAINTS_PAGE (self));
  g_return_if_fail (BALADI_IS_STORE (store));

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  g_free (self->user);
  self->user = g_strdup (user);

  gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  self->list = baladi_request_list_new (store);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->list)));
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_items_changed), self, 0);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (on_loading_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self, 0);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  self->changed_handler = g_signal_connect (store, "requests-changed", G_CALLBACK (on_requests_changed), self);

  baladi_request_pane_set_store (self->pane, store, user);
  fill_categories (self);
  update_query (self);
  update_counts (self);
  if (self->clock_timeout == 0)
    self->clock_timeout = g_timeout_add_seconds (60, tick, self);
}

BaladiRequestList *
baladi_complaints_page_get_list (BaladiComplaintsPage *self)
{
  g_return_val_if_fail (BALADI_IS_COMPLAINTS_PAGE (self), NULL);

  return self->list;
}

/**
 * baladi_complaints_page_show_view:
 * @view: "mine", "unassigned", "due-today", "overdue", "waiting",
 *   "reopened", "unsent" or "all"
 */
void
baladi_complaints_page_show_view (BaladiComplaintsPage *self,
                                  const char           *view)
{
  g_return_if_fail (BALADI_IS_COMPLAINTS_PAGE (self));

  for (View i = 0; i < N_VIEWS; i++)
    if (g_str_equal (views[i].name, view))
      gtk_list_box_select_row (self->views_list, gtk_list_box_get_row_at_index (self->views_list, i));
}

/**
 * baladi_complaints_page_set_sync_state:
 *
 * The quiet indicator under the list: synced, syncing, offline, or how
 * many changes wait.
 */
void
baladi_complaints_page_set_sync_state (BaladiComplaintsPage *self,
                                       const char           *icon_name,
                                       const char           *text)
{
  g_return_if_fail (BALADI_IS_COMPLAINTS_PAGE (self));

  gtk_image_set_from_icon_name (self->sync_icon, icon_name);
  gtk_label_set_label (self->sync_label, text);
}

/**
 * baladi_complaints_page_set_user:
 *
 * Who is signed in: "My Requests" and the author of every action.
 */
void
baladi_complaints_page_set_user (BaladiComplaintsPage *self,
                                 const char           *user)
{
  g_return_if_fail (BALADI_IS_COMPLAINTS_PAGE (self));

  g_free (self->user);
  self->user = g_strdup (user);
  if (self->store == NULL)
    return;
  baladi_request_pane_set_store (self->pane, self->store, user);
  update_query (self);
  update_counts (self);
}

/**
 * baladi_complaints_page_open_tab:
 *
 * Opens the request @request_id in a tab of its own, beside the queue, or
 * shows its tab if it has one.
 */
void
baladi_complaints_page_open_tab (BaladiComplaintsPage *self,
                                 const char           *request_id)
{
  g_autoptr(BaladiRequest) request = NULL;
  BaladiRequestPane *pane;
  AdwTabPage *tab;

  g_return_if_fail (BALADI_IS_COMPLAINTS_PAGE (self));

  for (int i = 0; i < adw_tab_view_get_n_pages (self->tab_view); i++)
    {
      GtkWidget *child = adw_tab_page_get_child (adw_tab_view_get_nth_page (self->tab_view, i));

      if (BALADI_IS_REQUEST_PANE (child) &&
          g_strcmp0 (baladi_request_pane_get_request_id (BALADI_REQUEST_PANE (child)), request_id) == 0)
        {
          adw_tab_view_set_selected_page (self->tab_view, adw_tab_view_get_nth_page (self->tab_view, i));
          return;
        }
    }

  request = baladi_store_load_request (self->store, request_id, NULL);
  if (request == NULL)
    return;

  pane = g_object_new (BALADI_TYPE_REQUEST_PANE, "show-back", FALSE, NULL);
  baladi_request_pane_set_store (pane, self->store, self->user);
  baladi_request_pane_set_request_id (pane, request_id);
  tab = adw_tab_view_append (self->tab_view, GTK_WIDGET (pane));
  adw_tab_page_set_title (tab, baladi_request_get_reference (request) != NULL
                               ? baladi_request_get_reference (request) : _("New request"));
  adw_tab_page_set_tooltip (tab, baladi_request_get_reference (request));
  adw_tab_view_set_selected_page (self->tab_view, tab);
}

/**
 * baladi_complaints_page_get_n_tabs:
 *
 * Returns: how many tabs are open, the queue's included
 */
guint
baladi_complaints_page_get_n_tabs (BaladiComplaintsPage *self)
{
  g_return_val_if_fail (BALADI_IS_COMPLAINTS_PAGE (self), 0);

  return adw_tab_view_get_n_pages (self->tab_view);
}

static int
enum_position (GType       type,
               const char *wire)
{
  int value;

  return wire != NULL && baladi_enum_from_wire (type, wire, &value) ? value + 1 : 0;
}

/**
 * baladi_complaints_page_drill_down:
 * @dimension: "municipality", "sector", "channel", "type", "category",
 *   "status" or "assignee"
 * @value: (nullable): its wire value (a category code, a user name…), or
 *   %NULL to clear that filter
 *
 * Shows every request with that value: the dashboards drill down into the
 * queue this way. The other filters are cleared first.
 */
void
baladi_complaints_page_drill_down (BaladiComplaintsPage *self,
                                   const char           *dimension,
                                   const char           *value)
{
  g_return_if_fail (BALADI_IS_COMPLAINTS_PAGE (self));

  for (Filter filter = 0; filter < N_FILTERS; filter++)
    gtk_drop_down_set_selected (self->filters[filter], 0);
  g_clear_pointer (&self->assignee_filter, g_free);
  g_clear_pointer (&self->service_code, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->service_button), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (g_str_equal (dimension, "municipality"))
    gtk_drop_down_set_selected (self->filters[FILTER_MUNICIPALITY], enum_position (BALADI_TYPE_MUNICIPALITY, value));
  else if (g_str_equal (dimension, "sector"))
    gtk_drop_down_set_selected (self->filters[FILTER_SECTOR], enum_position (BALADI_TYPE_SECTOR, value));
  else if (g_str_equal (dimension, "channel"))
    gtk_drop_down_set_selected (self->filters[FILTER_CHANNEL], enum_position (BALADI_TYPE_CHANNEL, value));
  else if (g_str_equal (dimension, "type"))
    gtk_drop_down_set_selected (self->filters[FILTER_TYPE], enum_position (BALADI_TYPE_REQUEST_TYPE, value));
  else if (g_str_equal (dimension, "status"))
    gtk_drop_down_set_selected (self->filters[FILTER_STATUS], enum_position (BALADI_TYPE_REQUEST_STATUS, value));
  else if (g_str_equal (dimension, "category"))
    {
      for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
        if (g_strcmp0 (((BaladiLookup *) g_ptr_array_index (self->categories, i))->code, value) == 0)
          gtk_drop_down_set_selected (self->filters[FILTER_CATEGORY], i + 1);
    }
  else if (g_str_equal (dimension, "assignee"))
    self->assignee_filter = g_strdup (value);
  else
    g_return_if_reached ();

  gtk_toggle_button_set_active (self->filters_button, TRUE);
  baladi_complaints_page_show_view (self, "all");
  update_query (self);
}

/**
 * baladi_complaints_page_show_service:
 * @code: (nullable): a service of the catalogue, or %NULL for all
 * @name: (nullable): its name, to say what the list shows
 *
 * Shows every cached request about the service @code, from every view,
 * until the clerk clears it.
 */
void
baladi_complaints_page_show_service (BaladiComplaintsPage *self,
                                     const char           *code,
                                     const char           *name)
{
  g_return_if_fail (BALADI_IS_COMPLAINTS_PAGE (self));

  g_free (self->service_code);
  self->service_code = g_strdup (code);
  if (code != NULL)
    {
      /* Translators: the button that stops showing only the requests
       * about one service; %s is the service's name */
      g_autofree char *label = g_strdup_printf (_("Only “%s” ✕"), name != NULL ? name : code);

      gtk_button_set_label (self->service_button, label);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      baladi_complaints_page_show_view (self, "all");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->service_button), code != NULL);
  update_query (self);
}
