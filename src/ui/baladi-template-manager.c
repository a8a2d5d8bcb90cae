/* baladi-template-manager.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where supervisors manage the reply templates: the list in the menu's
 * order, with a form to add or change one (title and text in Arabic and
 * English) and buttons to move and delete them. Unlike a request's
 * changes, nothing waits in the outbox: a template is shared by the whole
 * ministry, so each save goes to the server at once, in a thread, and the
 * cache takes the server's answer. When the server cannot be reached or
 * refuses, the form keeps everything typed and says why. */

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "baladi-ask.h"
#include "baladi-credentials.h"
#include "baladi-store-templates.h"
#include "baladi-sync-json.h"
#include "baladi-sync-templates.h"
#include "baladi-template-manager.h"
#include "baladi-validate.h"
#include "baladi-text.h"

struct _BaladiTemplateManager
{
  AdwWindow            parent_instance;

  BaladiStore         *store;
  char                *server_uri;
  char                *token;
  GCancellable        *cancellable;
  GPtrArray           *templates;      /* as listed, BaladiReplyTemplate */
  GPtrArray           *rows;           /* of list_group */
  BaladiReplyTemplate *editing;        /* on the form; a %NULL id for a new one */
  char                *deleting;       /* the id a confirmation is asked for */
  gboolean             busy;

  /* Template widgets */
  GtkWidget           *back_button;
  GtkWidget           *add_button;
  GtkWidget           *save_button;
  GtkSpinner          *spinner;
  GtkLabel            *error_label;
  GtkStack            *stack;
  AdwPreferencesGroup *list_group;
  AdwPreferencesPage  *edit_page;
  AdwEntryRow         *title_ar;
  AdwEntryRow         *title_en;
  GtkTextView         *body_ar;
  GtkTextView         *body_en;
  GtkLabel            *variables_label;
};

G_DEFINE_FINAL_TYPE (BaladiTemplateManager, baladi_template_manager, ADW_TYPE_WINDOW)

static const char *
ui_language (void)
{
  /* Translators: the code of this translation's language: "ar" for Arabic */
  return C_("language code", "en");
}

static void
show_problem (BaladiTemplateManager *self,
              const char            *problem)
{
  gtk_label_set_label (self->error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problem != NULL);
}

static void
set_busy (BaladiTemplateManager *self,
          gboolean               busy)
{
  static const char *actions[] = { "manager.add", "manager.back", "manager.save", "manager.edit",
                                   "manager.delete", "manager.move-up", "manager.move-down" };

  self->busy = busy;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

/* The list {{{ */

/* The text on one line, for a row's subtitle: its opening words are the
 * same salutation in most templates, what follows tells them apart. */
static char *
one_line (const char *text)
{
  return g_strdelimit (g_strdup (text), "\n", ' ');
}

/* A button of a row, in a box: an actionable button's sensitivity follows
 * its action, so a move that cannot be made is greyed out on the box. */
static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *action,
            const char *id,
            gboolean    possible)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", id);
  gtk_box_append (GTK_BOX (box), button);
  gtk_widget_set_sensitive (box, possible);

  return box;
}

static void
reload (BaladiTemplateManager *self)
{
  gboolean arabic = g_str_equal (ui_language (), "ar");

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->templates, g_ptr_array_unref);

  self->templates = baladi_store_list_reply_templates (self->store, ui_language ());
  for (guint i = 0; i < self->templates->len; i++)
    {
      BaladiReplyTemplate *template = g_ptr_array_index (self->templates, i);
      g_autofree char *subtitle = one_line (arabic ? template->body_ar : template->body_en);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *up = row_button ("go-up-symbolic", _("Move Up"), "manager.move-up", template->id, i > 0);
      GtkWidget *down = row_button ("go-down-symbolic", _("Move Down"), "manager.move-down", template->id,
                                    i + 1 < self->templates->len);
      GtkWidget *edit = row_button ("document-edit-symbolic", _("Edit"), "manager.edit", template->id, TRUE);
      GtkWidget *delete = row_button ("user-trash-symbolic", _("Delete"), "manager.delete", template->id, TRUE);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), template->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), gtk_widget_get_first_child (edit));
      adw_preferences_group_add (self->list_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
show_list (BaladiTemplateManager *self)
{
  g_clear_pointer (&self->editing, baladi_reply_template_free);
  reload (self);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_widget_set_visible (self->back_button, FALSE);
  gtk_widget_set_visible (self->add_button, TRUE);
  gtk_widget_set_visible (self->save_button, FALSE);
}

static BaladiReplyTemplate *
find_listed (BaladiTemplateManager *self,
             const char            *id,
             guint                 *index)
{
  for (guint i = 0; self->templates != NULL && i < self->templates->len; i++)
    {
      BaladiReplyTemplate *template = g_ptr_array_index (self->templates, i);

      if (g_strcmp0 (template->id, id) == 0)
        {
          if (index != NULL)
            *index = i;
          return template;
        }
    }

  return NULL;
}

/* }}} */

/* The form {{{ */

static void
set_body (GtkTextView *view,
          const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static char *
get_body (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_form (BaladiTemplateManager     *self,
           const BaladiReplyTemplate *template)
{
  g_clear_pointer (&self->editing, baladi_reply_template_free);
  self->editing = template != NULL ? baladi_reply_template_copy (template) : g_new0 (BaladiReplyTemplate, 1);

  gtk_editable_set_text (GTK_EDITABLE (self->title_ar), template != NULL ? template->title_ar : "");
  gtk_editable_set_text (GTK_EDITABLE (self->title_en), template != NULL ? template->title_en : "");
  set_body (self->body_ar, template != NULL ? template->body_ar : NULL);
  set_body (self->body_en, template != NULL ? template->body_en : NULL);
  show_problem (self, NULL);

  gtk_stack_set_visible_child_name (self->stack, "edit");
  gtk_widget_set_visible (self->back_button, TRUE);
  gtk_widget_set_visible (self->add_button, FALSE);
  gtk_widget_set_visible (self->save_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_ar));
}

/* What the server would refuse in the form, said in the interface's
 * language; %NULL when there is nothing. */
static char *
check_form (const BaladiReplyTemplate *template)
{
  const struct {
    const char *text;
    const char *name;
    glong       max;
  } fields[] = {
    { template->title_ar, _("The Arabic title"), BALADI_TEMPLATE_MAX_TITLE },
    { template->title_en, _("The English title"), BALADI_TEMPLATE_MAX_TITLE },
    { template->body_ar, _("The Arabic text"), BALADI_TEMPLATE_MAX_BODY },
    { template->body_en, _("The English text"), BALADI_TEMPLATE_MAX_BODY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *unknown = NULL;

      if (baladi_text_is_blank (fields[i].text))
        /* Translators: %s is e.g. "The Arabic title" */
        return g_strdup_printf (_("%s is empty: a reply goes out in the citizen’s language, so both are needed."),
                                fields[i].name);
      if (g_utf8_strlen (fields[i].text, -1) > fields[i].max)
        /* Translators: %s is e.g. "The Arabic title"; %ld a number of characters */
        return g_strdup_printf (_("%s is longer than %ld characters."), fields[i].name, fields[i].max);
      if (i >= 2 && (unknown = baladi_template_find_unknown_variable (fields[i].text)) != NULL)
        /* Translators: the first %s is e.g. "The English text", the second e.g. {name} */
        return g_strdup_printf (_("%s uses %s, which is not a variable a template can use: see the list under the text."),
                                fields[i].name, unknown);
    }

  return NULL;
}

/* Typing answers what the bar said: it goes until the next save. */
static void
form_changed_cb (BaladiTemplateManager *self)
{
  if (!self->busy)
    show_problem (self, NULL);
}

/* }}} */

/* Talking to the server {{{ */

typedef struct {
  char      *store_path;
  char      *server_uri;
  char      *token;
  GPtrArray *saves;         /* BaladiReplyTemplate, saved in order */
  char      *delete_id;
  gint64     delete_version;
  gboolean   stay_on_form;  /* a save from the form, which shows its errors */
  char      *field;         /* out: what the server refused */
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->server_uri);
  g_free (job->token);
  g_clear_pointer (&job->saves, g_ptr_array_unref);
  g_free (job->delete_id);
  g_free (job->field);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(BaladiStore) store = NULL;
  g_autoptr(BaladiSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of this thread's own, as the sync engine has. */
  store = baladi_store_open (job->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  client = baladi_sync_client_new (job->server_uri);
  if (job->token == NULL)
    baladi_credentials_lookup (job->server_uri, NULL, &job->token, cancellable, NULL);
  baladi_sync_client_set_token (client, job->token);

  for (guint i = 0; job->saves != NULL && i < job->saves->len; i++)
    {
      g_autoptr(BaladiReplyTemplate) saved = NULL;

      saved = baladi_sync_client_save_template (client, store, g_ptr_array_index (job->saves, i), &job->field,
                                                cancellable, &error);
      if (saved == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (job->delete_id != NULL &&
      !baladi_sync_client_delete_template (client, store, job->delete_id, job->delete_version, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static const char *
field_name (const char *field)
{
  if (g_strcmp0 (field, "title.ar") == 0)
    return _("The Arabic title");
  if (g_strcmp0 (field, "title.en") == 0)
    return _("The English title");
  if (g_strcmp0 (field, "body.ar") == 0)
    return _("The Arabic text");
  if (g_strcmp0 (field, "body.en") == 0)
    return _("The English text");
  return NULL;
}

/* Why the server did not take it, in the interface's language. */
static char *
describe_failure (GError     *error,
                  const char *field)
{
  if (g_error_matches (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_STALE))
    return g_strdup (_("Someone else changed this template while you were working on it. Your text is kept here: "
                       "save again to replace their version, or go back to the list to see it."));
  if (g_error_matches (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_UNAUTHORIZED))
    return g_strdup (_("Your sign-in has expired. Sign in again, then save: your text is kept here."));
  if (g_error_matches (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_REFUSED) && field_name (field) != NULL)
    /* Translators: %s is e.g. "The Arabic title" */
    return g_strdup_printf (_("The server refused it: %s is not acceptable. Your text is kept here."), field_name (field));
  if (g_error_matches (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_REFUSED))
    return g_strdup (_("The server refused the change: only supervisors manage reply templates, and the template "
                       "must still exist. Your text is kept here."));
  if (g_error_matches (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE) ||
      g_error_matches (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_OPEN))
    return g_strdup (_("The server took the change, but this computer’s copy could not be updated; it will be at the next sync."));

  return g_strdup (_("The server cannot be reached. Managing reply templates needs the network: your text is kept "
                     "here, save again when the connection is back."));
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BaladiTemplateManager *self = BALADI_TEMPLATE_MANAGER (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;

  set_busy (self, FALSE);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (job->stay_on_form)
        show_list (self);
      else
        reload (self);
      show_problem (self, NULL);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  problem = describe_failure (error, job->field);
  /* After a stale save, the next one goes on the server's version: the
   * supervisor has been told, and decides. */
  if (g_error_matches (error, BALADI_SYNC_ERROR, BALADI_SYNC_ERROR_STALE) && self->editing != NULL && job->stay_on_form)
    {
      g_autoptr(BaladiReplyTemplate) current = baladi_store_get_reply_template (self->store, self->editing->id, ui_language ());

      if (current != NULL)
        self->editing->version = current->version;
    }
  if (!job->stay_on_form)
    reload (self);
  show_problem (self, problem);
}

static void
run_job (BaladiTemplateManager *self,
         Job                   *job)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, job_done_cb, NULL);

  job->store_path = g_strdup (baladi_store_get_path (self->store));
  job->server_uri = g_strdup (self->server_uri);
  job->token = g_strdup (self->token);
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_busy (self, TRUE);
  show_problem (self, NULL);
  g_task_run_in_thread (task, job_thread);
}

/* }}} */

/* Actions {{{ */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  show_form (BALADI_TEMPLATE_MANAGER (widget), NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BaladiTemplateManager *self = BALADI_TEMPLATE_MANAGER (widget);

  show_problem (self, NULL);
  show_list (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BaladiTemplateManager *self = BALADI_TEMPLATE_MANAGER (widget);
  BaladiReplyTemplate *template = find_listed (self, g_variant_get_string (param, NULL), NULL);

  if (template != NULL)
    show_form (self, template);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  BaladiTemplateManager *self = BALADI_TEMPLATE_MANAGER (widget);
  BaladiReplyTemplate *template;
  g_autofree char *problem = NULL;
  Job *job;

  if (self->editing == NULL || self->busy)
    return;

  template = baladi_reply_template_copy (self->editing);
  g_free (template->title_ar);
  g_free (template->title_en);
  g_free (template->body_ar);
  g_free (template->body_en);
  template->title_ar = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_ar))));
  template->title_en = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_en))));
  template->body_ar = get_body (self->body_ar);
  template->body_en = get_body (self->body_en);

  problem = check_form (template);
  if (problem != NULL)
    {
      baladi_reply_template_free (template);
      show_problem (self, problem);
      return;
    }

  job = g_new0 (Job, 1);
  job->saves = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_reply_template_free);
  g_ptr_array_add (job->saves, template);
  job->stay_on_form = TRUE;
  run_job (self, job);
}

static void
delete_answered (GtkWidget  *owner,
                 guint       choice,
                 const char *text)
{
  BaladiTemplateManager *self = BALADI_TEMPLATE_MANAGER (owner);
  BaladiReplyTemplate *template = find_listed (self, self->deleting, NULL);
  Job *job;

  if (template == NULL || self->busy)
    return;

  job = g_new0 (Job, 1);
  job->delete_id = g_strdup (template->id);
  job->delete_version = template->version;
  run_job (self, job);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  BaladiTemplateManager *self = BALADI_TEMPLATE_MANAGER (widget);
  BaladiReplyTemplate *template = find_listed (self, g_variant_get_string (param, NULL), NULL);
  g_autofree char *heading = NULL;

  if (template == NULL)
    return;

  g_free (self->deleting);
  self->deleting = g_strdup (template->id);
  /* Translators: %s is a template's title */
  heading = g_strdup_printf (_("Delete “%s”?"), template->title);
  baladi_ask (widget, heading, _("Clerks will no longer find it in the templates menu, in either language."),
              NULL, NULL, FALSE, _("_Delete"), delete_answered);
}

/* Saves the positions of the new order: 1, 2, 3… for each template whose
 * position changes. */
static void
move (BaladiTemplateManager *self,
      const char            *id,
      int                    step)
{
  g_autoptr(GPtrArray) order = NULL;
  guint index = 0;
  Job *job;

  if (find_listed (self, id, &index) == NULL || (step < 0 && index == 0) ||
      (step > 0 && index + 1 >= self->templates->len) || self->busy)
    return;

  /* Borrowed pointers: a copy of the array would free them too. */
  order = g_ptr_array_sized_new (self->templates->len);
  for (guint i = 0; i < self->templates->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->templates, i));
  g_ptr_array_index (order, index) = g_ptr_array_index (self->templates, index + step);
  g_ptr_array_index (order, index + step) = g_ptr_array_index (self->templates, index);

  job = g_new0 (Job, 1);
  job->saves = g_ptr_array_new_with_free_func ((GDestroyNotify) baladi_reply_template_free);
  for (guint i = 0; i < order->len; i++)
    {
      BaladiReplyTemplate *template = g_ptr_array_index (order, i);

      if (template->position != (gint64) i + 1)
        {
          BaladiReplyTemplate *moved = baladi_reply_template_copy (template);

          moved->position = i + 1;
          g_ptr_array_add (job->saves, moved);
        }
    }
  run_job (self, job);
}

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  move (BALADI_TEMPLATE_MANAGER (widget), g_variant_get_string (param, NULL), -1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  move (BALADI_TEMPLATE_MANAGER (widget), g_variant_get_string (param, NULL), 1);
}

/* }}} */

static void
baladi_template_manager_dispose (GObject *object)
{
  BaladiTemplateManager *self = (BaladiTemplateManager *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), BALADI_TYPE_TEMPLATE_MANAGER);

  G_OBJECT_CLASS (baladi_template_manager_parent_class)->dispose (object);
}

static void
baladi_template_manager_finalize (GObject *object)
{
  BaladiTemplateManager *self = (BaladiTemplateManager *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->editing, baladi_reply_template_free);
  g_clear_pointer (&self->token, secret_password_free);
  g_free (self->server_uri);
  g_free (self->deleting);

  G_OBJECT_CLASS (baladi_template_manager_parent_class)->finalize (object);
}

static void
baladi_template_manager_class_init (BaladiTemplateManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = baladi_template_manager_dispose;
  object_class->finalize = baladi_template_manager_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/baladi/Desk/baladi-template-manager.ui");
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, back_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, add_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, save_button);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, spinner);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, error_label);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, stack);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, list_group);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, edit_page);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, title_ar);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, title_en);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, body_ar);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, body_en);
  gtk_widget_class_bind_template_child (widget_class, BaladiTemplateManager, variables_label);

  gtk_widget_class_install_action (widget_class, "manager.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "manager.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "manager.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "manager.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "manager.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "manager.move-up", "s", move_up_action);
  gtk_widget_class_install_action (widget_class, "manager.move-down", "s", move_down_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "manager.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "manager.add", NULL);
}

static void
baladi_template_manager_init (BaladiTemplateManager *self)
{
  g_autoptr(GString) variables = g_string_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();

  g_signal_connect_swapped (self->title_ar, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->title_en, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_ar), "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_en), "changed", G_CALLBACK (form_changed_cb), self);

  /* Each language is typed in its own direction. */
  gtk_widget_set_direction (GTK_WIDGET (self->title_ar), GTK_TEXT_DIR_RTL);
  gtk_widget_set_direction (GTK_WIDGET (self->body_ar), GTK_TEXT_DIR_RTL);
  gtk_widget_set_direction (GTK_WIDGET (self->title_en), GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (self->body_en), GTK_TEXT_DIR_LTR);

  /* The variables are the same words in both languages: the desk fills
   * them in for the request. Each is isolated left to right, so that an
   * Arabic sentence around them does not turn their braces. */
  for (const char * const *name = baladi_template_variables (); *name != NULL; name++)
    g_string_append_printf (variables, "%s\u2066{%s}\u2069", variables->len > 0 ? "  " : "", *name);
  {
    /* Translators: %s is the list of variables, e.g. {citizen}  {reference}  {due}; keep them as they are */
    g_autofree char *line = g_strdup_printf (_("Variables the desk fills in for the request: %s — the citizen’s "
                                               "name, the reference, the due date, the service and its required "
                                               "documents."), variables->str);

    gtk_label_set_label (self->variables_label, line);
  }
}

/**
 * baladi_template_manager_new:
 * @parent: (nullable): the window it belongs to
 * @server_uri: the central API, where every change goes at once
 * @token: (nullable): the signed-in supervisor's token; the keyring's
 *   when %NULL
 *
 * Returns: (transfer full): the templates' manager, listing @store's
 */
BaladiTemplateManager *
baladi_template_manager_new (GtkWindow   *parent,
                             BaladiStore *store,
                             const char  *server_uri,
                             const char  *token)
{
  BaladiTemplateManager *self;

  g_return_val_if_fail (BALADI_IS_STORE (store), NULL);
  g_return_val_if_fail (server_uri != NULL, NULL);

  self = g_object_new (BALADI_TYPE_TEMPLATE_MANAGER, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->server_uri = g_strdup (server_uri);
  self->token = g_strdup (token);
  show_list (self);

  return self;
}

/* For tests {{{ */

/**
 * baladi_template_manager_set_text:
 * @field: "title-ar", "title-en", "body-ar" or "body-en"
 *
 * Types @text into the form, as a supervisor would.
 */
void
baladi_template_manager_set_text (BaladiTemplateManager *self,
                                  const char            *field,
                                  const char            *text)
{
  g_return_if_fail (BALADI_IS_TEMPLATE_MANAGER (self));

  if (g_str_equal (field, "title-ar"))
    gtk_editable_set_text (GTK_EDITABLE (self->title_ar), text);
  else if (g_str_equal (field, "title-en"))
    gtk_editable_set_text (GTK_EDITABLE (self->title_en), text);
  else if (g_str_equal (field, "body-ar"))
    set_body (self->body_ar, text);
  else if (g_str_equal (field, "body-en"))
    set_body (self->body_en, text);
  else
    g_return_if_reached ();
}

/**
 * baladi_template_manager_get_text:
 *
 * Returns: (transfer full): what the form's @field holds
 */
char *
baladi_template_manager_get_text (BaladiTemplateManager *self,
                                  const char            *field)
{
  g_return_val_if_fail (BALADI_IS_TEMPLATE_MANAGER (self), NULL);

  if (g_str_equal (field, "title-ar"))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_ar)));
  if (g_str_equal (field, "title-en"))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_en)));
  if (g_str_equal (field, "body-ar"))
    return get_body (self->body_ar);
  if (g_str_equal (field, "body-en"))
    return get_body (self->body_en);

  g_return_val_if_reached (NULL);
}

gboolean
baladi_template_manager_is_busy (BaladiTemplateManager *self)
{
  g_return_val_if_fail (BALADI_IS_TEMPLATE_MANAGER (self), FALSE);

  return self->busy;
}

/**
 * baladi_template_manager_get_problem:
 *
 * Returns: (nullable): what stopped the last change, or %NULL
 */
const char *
baladi_template_manager_get_problem (BaladiTemplateManager *self)
{
  g_return_val_if_fail (BALADI_IS_TEMPLATE_MANAGER (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

/**
 * baladi_template_manager_is_editing:
 *
 * Returns: whether the form is shown, rather than the list
 */
gboolean
baladi_template_manager_is_editing (BaladiTemplateManager *self)
{
  g_return_val_if_fail (BALADI_IS_TEMPLATE_MANAGER (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "edit") == 0;
}

/* }}} */
