/* baladi-window.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-complaints-page.h"
#include "baladi-dashboard-page.h"
#include "baladi-new-request-window.h"
#include "baladi-services-page.h"
#include "baladi-window.h"

struct _BaladiWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  BaladiStore          *store;
  char                 *user;

  /* Template widgets */
  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  BaladiComplaintsPage *complaints_page;
  BaladiServicesPage   *services_page;
  BaladiDashboardPage  *dashboard_page;
};

G_DEFINE_FINAL_TYPE (BaladiWindow, baladi_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
baladi_window_save_state (BaladiWindow *self)
{
  int width;
  int height;
  gboolean maximized;

  g_assert (BALADI_IS_WINDOW (self));

  /* The default size is what a window returns to when unmaximized, which is
   * the size worth remembering; the allocation of a maximized window is not. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized && width > 0 && height > 0)
    g_settings_set (self->settings, "window-size", "(ii)", width, height);
  g_settings_set_string (self->settings, "last-page", baladi_window_get_visible_page (self));
  g_settings_apply (self->settings);
}

static gboolean
baladi_window_close_request (GtkWindow *window)
{
  baladi_window_save_state (BALADI_WINDOW (window));

  return GTK_WINDOW_CLASS (baladi_window_parent_class)->close_request (window);
}

static void
baladi_window_restore_state (BaladiWindow *self)
{
  g_autofree char *page = NULL;
  int width;
  int height;

  g_assert (BALADI_IS_WINDOW (self));

  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page = g_settings_get_string (self->settings, "last-page");
  baladi_window_set_visible_page (self, page);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  baladi_window_set_visible_page (BALADI_WINDOW (widget),
                                  g_variant_get_string (param, NULL));
}

static void
new_request_closed (BaladiWindow           *self,
                    BaladiNewRequestWindow *dialog)
{
  const char *id = baladi_new_request_window_get_id (dialog);

  if (id == NULL)
    return;
  baladi_window_add_toast (self, _("Request logged; it is filed with the next sync"));
  baladi_complaints_page_show_view (self->complaints_page, "unsent");
}

static void
open_new_request (BaladiWindow *self,
                  const char   *service_code)
{
  BaladiNewRequestWindow *dialog;

  if (self->store == NULL)
    return;

  dialog = baladi_new_request_window_new (GTK_WINDOW (self), self->store, self->user, service_code);
  g_signal_connect_object (dialog, "close-request", G_CALLBACK (new_request_closed), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_request_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_new_request (BALADI_WINDOW (widget), NULL);
}

static void
new_request_for_service_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  BaladiWindow *self = BALADI_WINDOW (widget);

  baladi_window_set_visible_page (self, "complaints");
  open_new_request (self, g_variant_get_string (param, NULL));
}

static void
stack_visible_child_changed_cb (BaladiWindow *self,
                                GParamSpec   *pspec,
                                AdwViewStack *stack)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

/* A row of the dashboard: its requests in the queue. */
static void
dashboard_drill_down_cb (BaladiWindow *self,
                         const char   *dimension,
                         const char   *value)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", "complaints");
  baladi_complaints_page_drill_down (self->complaints_page, dimension, value);
}

static void
baladi_window_dispose (GObject *object)
{
  BaladiWindow *self = (BaladiWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_WINDOW);

  G_OBJECT_CLASS (baladi_window_parent_class)->dispose (object);
}

static void
baladi_window_finalize (GObject *object)
{
  BaladiWindow *self = (BaladiWindow *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_free (self->user);

  G_OBJECT_CLASS (baladi_window_parent_class)->finalize (object);
}

static void
baladi_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  BaladiWindow *self = BALADI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, baladi_window_get_visible_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  BaladiWindow *self = BALADI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_VISIBLE_PAGE:
      baladi_window_set_visible_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
baladi_window_class_init (BaladiWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = baladi_window_dispose;
  object_class->finalize = baladi_window_finalize;
  object_class->get_property = baladi_window_get_property;
  object_class->set_property = baladi_window_set_property;

  window_class->close_request = baladi_window_close_request;

  /**
   * BaladiWindow:visible-page:
   *
   * The name of the page shown: "complaints", "services" or "dashboard".
   */
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL,
                         "complaints",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/baladi-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BaladiWindow, complaints_page);
  gtk_widget_class_bind_template_child (widget_class, BaladiWindow, services_page);
  gtk_widget_class_bind_template_child (widget_class, BaladiWindow, dashboard_page);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.new-request", NULL, new_request_action);
  gtk_widget_class_install_action (widget_class, "win.new-request-for-service", "s", new_request_for_service_action);

  /* Alt+number switches pages, as in GNOME's other tabbed applications. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "complaints");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "services");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-page", "s", "dashboard");
}

static void
baladi_window_init (BaladiWindow *self)
{
  g_type_ensure (BALADI_TYPE_COMPLAINTS_PAGE);
  g_type_ensure (BALADI_TYPE_SERVICES_PAGE);
  g_type_ensure (BALADI_TYPE_DASHBOARD_PAGE);
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->dashboard_page, "drill-down", G_CALLBACK (dashboard_drill_down_cb),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (stack_visible_child_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->settings = g_settings_new (APPLICATION_ID);
  baladi_window_restore_state (self);
}

BaladiWindow *
baladi_window_new (AdwApplication *application)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);

  return g_object_new (BALADI_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * baladi_window_get_visible_page:
 * @self: a #BaladiWindow
 *
 * Returns: (transfer none): the name of the visible page
 */
const char *
baladi_window_get_visible_page (BaladiWindow *self)
{
  g_return_val_if_fail (BALADI_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * baladi_window_set_visible_page:
 * @self: a #BaladiWindow
 * @page_name: "complaints", "services" or "dashboard"
 *
 * Shows the page called @page_name. An unknown name is ignored with a
 * warning, so a stale setting can never leave the window without a page.
 */
void
baladi_window_set_visible_page (BaladiWindow *self,
                                const char   *page_name)
{
  g_return_if_fail (BALADI_IS_WINDOW (self));
  g_return_if_fail (page_name != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, page_name) == NULL)
    {
      g_warning ("No page called “%s” in the main window", page_name);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, page_name);
}

/**
 * baladi_window_set_store:
 * @user: the signed-in staff member
 *
 * Shows the cache: every page reads and writes only @store.
 */
void
baladi_window_set_store (BaladiWindow *self,
                         BaladiStore  *store,
                         const char   *user)
{
  g_return_if_fail (BALADI_IS_WINDOW (self));

  g_set_object (&self->store, store);
  g_free (self->user);
  self->user = g_strdup (user);
  baladi_complaints_page_set_store (self->complaints_page, store, user);
  baladi_services_page_set_store (self->services_page, store, user);
  baladi_dashboard_page_set_store (self->dashboard_page, store, user);
}

/**
 * baladi_window_get_complaints_page:
 *
 * Returns: (transfer none): the Complaints page
 */
BaladiComplaintsPage *
baladi_window_get_complaints_page (BaladiWindow *self)
{
  g_return_val_if_fail (BALADI_IS_WINDOW (self), NULL);

  return self->complaints_page;
}

/**
 * baladi_window_get_services_page:
 *
 * Returns: (transfer none): the Services page
 */
BaladiServicesPage *
baladi_window_get_services_page (BaladiWindow *self)
{
  g_return_val_if_fail (BALADI_IS_WINDOW (self), NULL);

  return self->services_page;
}

/**
 * baladi_window_get_dashboard_page:
 *
 * Returns: (transfer none): the Dashboard page
 */
BaladiDashboardPage *
baladi_window_get_dashboard_page (BaladiWindow *self)
{
  g_return_val_if_fail (BALADI_IS_WINDOW (self), NULL);

  return self->dashboard_page;
}

void
baladi_window_add_toast (BaladiWindow *self,
                         const char   *message)
{
  g_return_if_fail (BALADI_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
baladi_window_set_user (BaladiWindow *self,
                        const char   *user)
{
  g_return_if_fail (BALADI_IS_WINDOW (self));

  g_free (self->user);
  self->user = g_strdup (user);
  baladi_complaints_page_set_user (self->complaints_page, user);
  baladi_dashboard_page_set_user (self->dashboard_page, user);
}
