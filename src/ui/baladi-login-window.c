/* baladi-login-window.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Signing in to the central service: asked when nobody is signed in on
 * this computer, or when the server no longer accepts the token. The
 * password goes to the engine and is forgotten; the engine keeps only the
 * token, in the keyring. Work goes on offline while the window is open. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-login-window.h"

struct _BaladiLoginWindow
{
  AdwWindow         parent_instance;

  BaladiSyncEngine *engine;
  GCancellable     *cancellable;
  AdwEntryRow      *username_row;
  AdwEntryRow      *password_row;
  GtkLabel         *error_label;
  GtkButton        *sign_in_button;
};

G_DEFINE_FINAL_TYPE (BaladiLoginWindow, baladi_login_window, ADW_TYPE_WINDOW)

static void
logged_in (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(BaladiLoginWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (baladi_sync_engine_log_in_finish (BALADI_SYNC_ENGINE (source), result, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), TRUE);
  gtk_label_set_label (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/**
 * baladi_login_window_submit:
 *
 * Signs in with @username and @password, as the Sign In button does.
 */
void
baladi_login_window_submit (BaladiLoginWindow *self,
                            const char        *username,
                            const char        *password)
{
  g_return_if_fail (BALADI_IS_LOGIN_WINDOW (self));

  if (username == NULL || *username == '\0' || password == NULL || *password == '\0')
    {
      gtk_label_set_label (self->error_label, _("Enter your user name and your password."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->sign_in_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  baladi_sync_engine_log_in_async (self->engine, username, password, self->cancellable, logged_in, g_object_ref (self));
}

static void
on_sign_in (BaladiLoginWindow *self)
{
  baladi_login_window_submit (self,
                              gtk_editable_get_text (GTK_EDITABLE (self->username_row)),
                              gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
}

static void
baladi_login_window_dispose (GObject *object)
{
  BaladiLoginWindow *self = (BaladiLoginWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->engine);

  G_OBJECT_CLASS (baladi_login_window_parent_class)->dispose (object);
}

static void
baladi_login_window_class_init (BaladiLoginWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = baladi_login_window_dispose;
}

static void
baladi_login_window_init (BaladiLoginWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *title = gtk_label_new (_("Sign In to the Central Service"));
  GtkWidget *explanation = gtk_label_new (_("Your work so far is kept on this computer and is sent once you are signed in."));
  GtkWidget *list = gtk_list_box_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Sign In"));
  gtk_window_set_default_size (GTK_WINDOW (self), 420, -1);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 400);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_box_append (GTK_BOX (box), clamp);

  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (content), title);
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_justify (GTK_LABEL (explanation), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_box_append (GTK_BOX (content), explanation);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->username_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->username_row), _("User Name"));
  self->password_row = ADW_ENTRY_ROW (adw_password_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->username_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->password_row));
  gtk_box_append (GTK_BOX (content), list);
  g_signal_connect_object (self->password_row, "entry-activated", G_CALLBACK (on_sign_in), self, G_CONNECT_SWAPPED);
  adw_entry_row_set_activates_default (self->password_row, FALSE);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->error_label));

  self->sign_in_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Sign In")));
  gtk_widget_set_halign (GTK_WIDGET (self->sign_in_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->sign_in_button), "pill");
  g_signal_connect_object (self->sign_in_button, "clicked", G_CALLBACK (on_sign_in), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->sign_in_button));

  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * baladi_login_window_new:
 * @username: (nullable): who signed in last, to ask only for the password
 */
BaladiLoginWindow *
baladi_login_window_new (GtkWindow        *parent,
                         BaladiSyncEngine *engine,
                         const char       *username)
{
  BaladiLoginWindow *self = g_object_new (BALADI_TYPE_LOGIN_WINDOW, "transient-for", parent, NULL);

  self->engine = g_object_ref (engine);
  if (username != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
    }

  return self;
}
