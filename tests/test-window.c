/* test-window.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Opens the real application window under Xvfb, in the language of the
 * environment (the test suite runs this program once in English and once
 * in Arabic), drives it through its actions and checks the widget tree. */

#include "config.h"

#include <glib/gi18n.h>

#include "baladi-application.h"
#include "baladi-complaints-page.h"
#include "baladi-preferences-window.h"
#include "baladi-test-ui.h"
#include "baladi-window.h"

static const char *page_names[] = { "complaints", "services", "dashboard" };

static BaladiApplication *app;

static BaladiWindow *
get_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (BALADI_IS_WINDOW (window));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 3);

  return BALADI_WINDOW (window);
}

static gboolean
has_latin_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isalpha (*p))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_arabic_letter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0621 && c <= 0x064A)
        return TRUE;
    }

  return FALSE;
}

/* Every piece of text a person can see must be in the language of the
 * interface: no English left in the Arabic UI, and real English (not
 * untranslated msgids of some other kind) in the English one. */
/* Returns whether @line has any letters at all; a version number has
 * none and is the same in both languages. */
static gboolean
assert_line_in_language (const char *line)
{
  if (baladi_test_ui_is_arabic ())
    {
      if (has_latin_letter (line))
        g_error ("English text left in the Arabic interface: “%s”", line);
      return has_arabic_letter (line);
    }
  else
    {
      if (has_arabic_letter (line))
        g_error ("Arabic text in the English interface: “%s”", line);
      return has_latin_letter (line);
    }
}

/* Every piece of text a person can see must be in the language of the
 * interface: no English left in the Arabic UI, and no stray Arabic in the
 * English one. */
static void
assert_text_in_language (GtkWidget *root)
{
  g_autofree char *text = baladi_test_ui_collect_text (root, TRUE);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n_worded = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n_worded += assert_line_in_language (lines[i]);

  g_assert_cmpuint (n_worded, >=, 3);
}

static void
assert_menu_has_action (GMenuModel *menu,
                        const char *action)
{
  gboolean found = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (menu) && !found; i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          for (int j = 0; j < g_menu_model_get_n_items (section) && !found; j++)
            {
              g_autofree char *section_action = NULL;

              if (g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &section_action))
                found = g_strcmp0 (section_action, action) == 0;
            }
        }
      else if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action))
        {
          found = g_strcmp0 (item_action, action) == 0;
        }
    }

  if (!found)
    g_error ("The primary menu has no item for %s", action);
}

static void
test_window_tree (void)
{
  BaladiWindow *window = get_window ();
  AdwViewSwitcherTitle *title;
  AdwViewSwitcherBar *bar;
  AdwViewStack *stack;
  GtkMenuButton *menu_button;
  g_autoptr(GtkSelectionModel) pages = NULL;
  graphene_point_t menu_point;
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);

  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, _("Baladi Desk"));

  stack = ADW_VIEW_STACK (baladi_test_ui_find_first (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);

  title = ADW_VIEW_SWITCHER_TITLE (baladi_test_ui_find_first (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE));
  g_assert_nonnull (title);
  g_assert_true (adw_view_switcher_title_get_stack (title) == stack);
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (title), ADW_TYPE_HEADER_BAR) != NULL);

  bar = ADW_VIEW_SWITCHER_BAR (baladi_test_ui_find_first (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_assert_nonnull (bar);
  g_assert_true (adw_view_switcher_bar_get_stack (bar) == stack);

  /* Exactly the three pages, in order, each with an icon and a translated
   * title. */
  pages = adw_view_stack_get_pages (stack);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (page_names));
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, page_names[i]);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));
      if (i == 0)
        {
          /* The queue, empty here: the cache of this test has no requests. */
          g_assert_true (BALADI_IS_COMPLAINTS_PAGE (child));
        }
      else if (i == 1)
        {
          /* The catalogue, empty here: it says so until the first sync. */
          GtkWidget *empty = baladi_test_ui_find_first (child, ADW_TYPE_STATUS_PAGE);

          g_assert_true (BALADI_IS_SERVICES_PAGE (child));
          g_assert_true (gtk_widget_is_drawable (empty) || !gtk_widget_get_mapped (child));
          g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), !=, "");
        }
      else
        {
          /* No figures without a cache: its empty state says so. */
          g_assert_true (BALADI_IS_DASHBOARD_PAGE (child));
        }
      g_assert_true (has_arabic_letter (adw_view_stack_page_get_title (page)) == baladi_test_ui_is_arabic ());
    }

  menu_button = GTK_MENU_BUTTON (baladi_test_ui_find_first (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_menu_button_get_primary (menu_button));
  assert_menu_has_action (gtk_menu_button_get_menu_model (menu_button), "app.preferences");
  assert_menu_has_action (gtk_menu_button_get_menu_model (menu_button), "win.show-help-overlay");
  assert_menu_has_action (gtk_menu_button_get_menu_model (menu_button), "app.about");

  /* The header bar is mirrored in Arabic: the menu button sits at the end,
   * which is the left edge in a right-to-left interface. */
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (menu_button), GTK_WIDGET (window), &origin, &menu_point));
  if (baladi_test_ui_is_arabic ())
    {
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);
      g_assert_cmpfloat (menu_point.x, <, gtk_widget_get_width (GTK_WIDGET (window)) / 2);
    }
  else
    {
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_LTR);
      g_assert_cmpfloat (menu_point.x, >, gtk_widget_get_width (GTK_WIDGET (window)) / 2);
    }

  assert_text_in_language (GTK_WIDGET (window));
}

static void
test_window_pages (void)
{
  BaladiWindow *window = get_window ();
  AdwViewStack *stack = ADW_VIEW_STACK (baladi_test_ui_find_first (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  /* Go through the pages backwards so every switch is a real change. */
  for (int i = G_N_ELEMENTS (page_names) - 1; i >= 0; i--)
    {
      g_autofree char *name = g_strdup_printf ("window-%s", page_names[i]);
      g_autofree char *path = NULL;
      GtkWidget *visible;

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page_names[i]));
      /* The view switcher's buttons fade between checked and not: the
       * screenshot waits for the fade's end (a third of a second). */
      baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 24);

      g_assert_cmpstr (baladi_window_get_visible_page (window), ==, page_names[i]);
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, page_names[i]);
      visible = adw_view_stack_get_visible_child (stack);
      g_assert_true (ADW_IS_STATUS_PAGE (visible) || BALADI_IS_COMPLAINTS_PAGE (visible) ||
                     BALADI_IS_SERVICES_PAGE (visible) || BALADI_IS_DASHBOARD_PAGE (visible));
      g_assert_true (gtk_widget_get_mapped (visible));

      assert_text_in_language (GTK_WIDGET (window));

      path = baladi_test_ui_save_png (GTK_WIDGET (window), name);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

static void
test_window_state_remembered (void)
{
  BaladiWindow *window = get_window ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *last_page = NULL;
  int width;
  int height;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "dashboard");
  gtk_window_set_default_size (GTK_WINDOW (window), 1020, 700);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 2);

  gtk_window_close (GTK_WINDOW (window));

  last_page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (last_page, ==, "dashboard");
  g_settings_get (settings, "window-size", "(ii)", &width, &height);
  g_assert_cmpint (width, ==, 1020);
  g_assert_cmpint (height, ==, 700);

  /* A new window comes back as the last one was left. */
  window = get_window ();
  g_assert_cmpstr (baladi_window_get_visible_page (window), ==, "dashboard");
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1020);
  g_assert_cmpint (height, ==, 700);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "complaints");
}

static void
test_window_narrow (void)
{
  BaladiWindow *window = get_window ();
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (baladi_test_ui_find_first (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_BAR));
  g_autofree char *path = NULL;

  g_assert_false (adw_view_switcher_bar_get_reveal (bar));

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 640);
  /* Long enough for the switcher's cross-fade to finish. */
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 60);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 420);
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  assert_text_in_language (GTK_WIDGET (window));
  path = baladi_test_ui_save_png (GTK_WIDGET (window), "window-narrow");

  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 760);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (window), 4);
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
}

static void
close_and_wait (GtkWindow *window)
{
  gtk_window_destroy (window);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
test_preferences (void)
{
  BaladiWindow *window = get_window ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GPtrArray) checks = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *path = NULL;
  GtkWindow *preferences;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = baladi_test_ui_find_toplevel (BALADI_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (preferences) == GTK_WINDOW (window));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (preferences), 3);

  /* Choosing the dark style through the window's own check button changes
   * the setting and the style of the whole application. */
  checks = baladi_test_ui_find_all (GTK_WIDGET (preferences), GTK_TYPE_CHECK_BUTTON);
  /* Three colour schemes, then the three choices of digits of the dashboard. */
  g_assert_cmpuint (checks->len, ==, 6);
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 0)));
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (checks, 3)));
  gtk_widget_activate (g_ptr_array_index (checks, 5));
  {
    g_autofree char *digits = g_settings_get_string (settings, "dashboard-digits");

    g_assert_cmpstr (digits, ==, "western");
  }
  gtk_widget_activate (g_ptr_array_index (checks, 3));
  gtk_widget_activate (g_ptr_array_index (checks, 2));
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (preferences), 2);
  path = baladi_test_ui_save_png (GTK_WIDGET (preferences), "preferences-dark");

  gtk_widget_activate (g_ptr_array_index (checks, 0));
  g_clear_pointer (&scheme, g_free);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "system");
  g_assert_false (adw_style_manager_get_dark (adw_style_manager_get_default ()));

  /* The sync interval, in minutes here and seconds in the setting; the
   * notifications switch, through its action. */
  {
    GtkSpinButton *spin = GTK_SPIN_BUTTON (baladi_test_ui_find_first (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON));
    GtkSwitch *notify = GTK_SWITCH (baladi_test_ui_find_first (GTK_WIDGET (preferences), GTK_TYPE_SWITCH));

    g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 5);
    gtk_spin_button_set_value (spin, 12);
    g_assert_cmpuint (g_settings_get_uint (settings, "sync-interval"), ==, 720);
    g_settings_reset (settings, "sync-interval");
    g_assert_true (gtk_switch_get_active (notify));
    gtk_switch_set_active (notify, FALSE);
    baladi_test_ui_wait_for_frames (GTK_WIDGET (preferences), 2);
    g_assert_false (g_settings_get_boolean (settings, "notifications"));
    g_settings_reset (settings, "notifications");
  }

  assert_text_in_language (GTK_WIDGET (preferences));
  close_and_wait (preferences);
}

static void
test_about (void)
{
  BaladiWindow *window = get_window ();
  g_autofree char *path = NULL;
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = baladi_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  baladi_test_ui_wait_for_frames (GTK_WIDGET (about), 3);

  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APPLICATION_ID);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  if (baladi_test_ui_is_arabic ())
    {
      /* The Arabic translators are credited by name. */
      g_assert_cmpstr (adw_about_window_get_translator_credits (ADW_ABOUT_WINDOW (about)), !=, "translator-credits");
      g_assert_true (has_arabic_letter (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about))));
    }

  /* libadwaita's own strings too: see baladi_i18n_init(). */
  assert_text_in_language (GTK_WIDGET (about));

  path = baladi_test_ui_save_png (GTK_WIDGET (about), "about");
  close_and_wait (about);
}

static void
test_shortcuts_window (void)
{
  BaladiWindow *window = get_window ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *path = NULL;
  GtkWindow *shortcuts;
  guint n_shown = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  shortcuts = baladi_test_ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  baladi_test_ui_wait_for_frames (GTK_WIDGET (shortcuts), 3);

  /* Every shortcut of the window is listed, once. The shortcuts window also
   * keeps hidden copies for its search page, so count the ones shown. */
  entries = baladi_test_ui_find_all (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_SHORTCUT);
  for (guint i = 0; i < entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (entries, i);
      g_autofree char *title = NULL;

      if (!gtk_widget_get_mapped (entry))
        continue;

      n_shown++;
      /* Key caps such as “Alt” are printed on the keyboard in Latin letters,
       * so only the descriptions must be in the language of the interface. */
      g_object_get (entry, "title", &title, NULL);
      g_assert_true (assert_line_in_language (title));
    }
  g_assert_cmpuint (n_shown, ==, 25);

  path = baladi_test_ui_save_png (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_close (shortcuts);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  baladi_test_ui_init (&argc, &argv);

  app = baladi_application_new ();
  /* The English and Arabic runs of this test share one session bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/tree", test_window_tree);
  g_test_add_func ("/window/pages", test_window_pages);
  g_test_add_func ("/window/state-remembered", test_window_state_remembered);
  g_test_add_func ("/window/narrow", test_window_narrow);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/about", test_about);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window);

  ret = g_test_run ();

  g_clear_object (&app);

  return ret;
}
