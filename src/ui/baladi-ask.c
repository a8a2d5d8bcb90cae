/* baladi-ask.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The small questions an action asks before it acts: a choice from a
 * list, a reason, or both, in an AdwMessageDialog whose apply button
 * stays off until a required reason is written. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-ask.h"

typedef struct {
  GtkWidget        *owner;
  BaladiAnswerFunc  func;
  GtkDropDown      *choices;
  GtkEntry         *entry;
} Question;

static void
question_free (Question *question)
{
  g_object_unref (question->owner);
  g_free (question);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             Question         *question)
{
  if (g_str_equal (response, "apply"))
    question->func (question->owner,
                    question->choices != NULL ? gtk_drop_down_get_selected (question->choices) : 0,
                    question->entry != NULL ? gtk_editable_get_text (GTK_EDITABLE (question->entry)) : NULL);
}

static void
on_text_changed (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  gboolean blank = TRUE;

  for (const char *p = gtk_editable_get_text (entry); *p != '\0'; p = g_utf8_next_char (p))
    blank = blank && g_unichar_isspace (g_utf8_get_char (p));
  adw_message_dialog_set_response_enabled (dialog, "apply", !blank);
}

/**
 * baladi_ask:
 * @owner: the widget that asks; the dialog is modal to its window
 * @choices: (nullable): a list to choose one from
 * @text_label: (nullable): the placeholder of a text field
 * @text_required: whether the text may not be blank
 * @func: called with the choice and the text when the clerk applies
 *
 * Returns: (transfer none): the dialog, already presented
 */
AdwMessageDialog *
baladi_ask (GtkWidget          *owner,
            const char         *heading,
            const char         *body,
            const char * const *choices,
            const char         *text_label,
            gboolean            text_required,
            const char         *apply_label,
            BaladiAnswerFunc    func)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                                         heading, body));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  Question *question = g_new0 (Question, 1);

  question->owner = g_object_ref (owner);
  question->func = func;

  if (choices != NULL)
    {
      question->choices = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (choices));
      gtk_accessible_update_property (GTK_ACCESSIBLE (question->choices), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (question->choices));
    }
  if (text_label != NULL)
    {
      question->entry = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_placeholder_text (question->entry, text_label);
      gtk_entry_set_activates_default (question->entry, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (question->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, text_label, -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (question->entry));
    }
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", apply_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (question->entry != NULL && text_required)
    {
      adw_message_dialog_set_response_enabled (dialog, "apply", FALSE);
      g_signal_connect (question->entry, "changed", G_CALLBACK (on_text_changed), dialog);
    }
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), question,
                         (GClosureNotify) question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * baladi_enum_labels:
 * @label: the function that names a value of @type
 * @except: a value to leave out, or -1
 *
 * Returns: (transfer full): the names of the values of @type, in order,
 *   for a question's list
 */
GStrv
baladi_enum_labels (GType           type,
                    BaladiLabelFunc label,
                    int             except)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  GEnumClass *klass = g_type_class_ref (type);

  for (guint i = 0; i < klass->n_values; i++)
    if (klass->values[i].value != except)
      g_strv_builder_add (names, label (klass->values[i].value));
  g_type_class_unref (klass);

  return g_strv_builder_end (names);
}
