/* baladi-test-ui.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helpers for tests that drive real widgets in a real window. The tests run
 * under Xvfb (see the README's test command); these helpers give each test
 * program a private home, in-memory settings and the cairo renderer, wait
 * for frames to be drawn, render widgets to PNG files a person can look at,
 * and walk the widget tree. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "baladi-i18n.h"
#include "baladi-test-ui.h"

static char *private_root;

static void
remove_recursively (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_recursively (child);
        }
    }

  g_remove (path);
}

static void
remove_private_root (void)
{
  if (private_root == NULL)
    return;

  /* Only ever delete what we created ourselves. */
  g_assert (g_str_has_prefix (private_root, g_get_tmp_dir ()));
  remove_recursively (private_root);
  g_clear_pointer (&private_root, g_free);
}

static void
make_private_dir (const char *variable,
                  const char *name)
{
  g_autofree char *path = g_build_filename (private_root, name, NULL);

  g_assert_no_errno (g_mkdir_with_parents (path, 0700));
  g_setenv (variable, path, TRUE);
}

/**
 * baladi_test_ui_init:
 *
 * Call first in main() of a UI test, instead of gtk_test_init(). The
 * language comes from the environment (LANGUAGE=ar for Arabic), as it does
 * for the real program: GTK decides the text direction from it at start-up.
 */
void
baladi_test_ui_init (int    *argc,
                     char ***argv)
{
  g_autoptr(GError) error = NULL;

  private_root = g_dir_make_tmp ("baladi-test-XXXXXX", &error);
  g_assert_no_error (error);
  make_private_dir ("HOME", "home");
  make_private_dir ("XDG_CONFIG_HOME", "config");
  make_private_dir ("XDG_DATA_HOME", "data");
  make_private_dir ("XDG_CACHE_HOME", "cache");
  make_private_dir ("XDG_STATE_HOME", "state");
  make_private_dir ("XDG_RUNTIME_DIR", "runtime");

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("NO_AT_BRIDGE", "1", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);

  baladi_i18n_init (TEST_LOCALEDIR);

  g_test_init (argc, argv, NULL);
  atexit (remove_private_root);

  /* What an installed application finds in its prefix comes from the
   * build and source trees here: our libadwaita strings and the icon. */
  gtk_init ();
  adw_init ();
  baladi_i18n_bind_adwaita_fallback (TEST_ADWAITA_LOCALEDIR);
  gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  TEST_ICONDIR);
}

/**
 * baladi_test_ui_get_language:
 *
 * Returns: "ar" or "en", the language this test program runs in
 */
const char *
baladi_test_ui_get_language (void)
{
  return baladi_test_ui_is_arabic () ? "ar" : "en";
}

gboolean
baladi_test_ui_is_arabic (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return language != NULL && g_str_has_prefix (language, "ar");
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  guint *n_frames = user_data;

  if (*n_frames > 0)
    (*n_frames)--;

  return *n_frames > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_done (gpointer data)
{
  return *(guint *)data == 0;
}

/**
 * baladi_test_ui_wait_for_frames:
 *
 * Runs the main loop until @widget has been through @n_frames frames of its
 * frame clock, so that it is mapped, allocated and drawn.
 */
void
baladi_test_ui_wait_for_frames (GtkWidget *widget,
                                guint      n_frames)
{
  guint remaining = n_frames;

  g_assert (GTK_IS_WIDGET (widget));
  g_assert_cmpuint (n_frames, >, 0);

  gtk_widget_add_tick_callback (widget, count_frame_cb, &remaining, NULL);
  gtk_widget_queue_draw (widget);
  baladi_test_ui_wait_until (frames_done, &remaining, 10000);
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * baladi_test_ui_wait_until:
 *
 * Iterates the default main context until @condition returns %TRUE. Fails
 * the test if that takes longer than @timeout_ms.
 */
void
baladi_test_ui_wait_until (gboolean (*condition) (gpointer data),
                           gpointer   data,
                           guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Condition not met within %u ms", timeout_ms);

  g_source_remove (timeout_id);
}

/**
 * baladi_test_ui_save_png:
 * @widget: a mapped widget
 * @name: a file name without extension, e.g. "window-complaints"
 *
 * Renders @widget as it is on screen to
 * `$builddir/tests/screenshots/@name-<language>.png` with the renderer of
 * its window.
 *
 * Returns: (transfer full): the path of the file written
 */
char *
baladi_test_ui_save_png (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file_name = NULL;
  char *path;
  GskRenderer *renderer;
  int width;
  int height;

  g_assert (GTK_IS_WIDGET (widget));
  g_assert (gtk_widget_get_mapped (widget));

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A widget whose style just changed has nothing to draw until its next
   * frame; give it a few. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint attempt = 0; node == NULL && attempt < 10; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        baladi_test_ui_wait_for_frames (widget, 1);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots", NULL);
  g_assert_no_errno (g_mkdir_with_parents (dir, 0755));
  file_name = g_strdup_printf ("%s-%s.png", name, baladi_test_ui_get_language ());
  path = g_build_filename (dir, file_name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot written to %s", path);

  return path;
}

static void
find_all_recurse (GtkWidget *widget,
                  GType      type,
                  GPtrArray *found)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all_recurse (child, type, found);
}

/**
 * baladi_test_ui_find_all:
 *
 * Returns: (transfer container): every widget of @type at or below @root,
 *   depth first
 */
GPtrArray *
baladi_test_ui_find_all (GtkWidget *root,
                         GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  g_assert (GTK_IS_WIDGET (root));
  find_all_recurse (root, type, found);

  return found;
}

/**
 * baladi_test_ui_find_first:
 *
 * Returns: (transfer none) (nullable): the first widget of @type at or
 *   below @root
 */
GtkWidget *
baladi_test_ui_find_first (GtkWidget *root,
                           GType      type)
{
  g_autoptr(GPtrArray) found = baladi_test_ui_find_all (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static gboolean
is_really_visible (GtkWidget *widget,
                   GtkWidget *root)
{
  for (GtkWidget *w = widget; w != NULL && w != root; w = gtk_widget_get_parent (w))
    {
      if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
        return FALSE;
    }

  return gtk_widget_get_mapped (widget);
}

/**
 * baladi_test_ui_collect_text:
 * @visible_only: whether to skip labels that are not shown
 *
 * Returns: (transfer full): the text of every label, inscription, button
 *   and tooltip at or below @root, one per line
 */
char *
baladi_test_ui_collect_text (GtkWidget *root,
                             gboolean   visible_only)
{
  g_autoptr(GPtrArray) widgets = baladi_test_ui_find_all (root, GTK_TYPE_WIDGET);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (widgets, i);
      const char *tooltip;

      if (visible_only && !is_really_visible (widget, root))
        continue;

      if (GTK_IS_LABEL (widget))
        g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
      else if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)))
        g_string_append_printf (text, "%s\n", gtk_inscription_get_text (GTK_INSCRIPTION (widget)));

      tooltip = gtk_widget_get_tooltip_text (widget);
      if (tooltip != NULL)
        g_string_append_printf (text, "%s\n", tooltip);
    }

  return g_string_free (text, FALSE);
}

/**
 * baladi_test_ui_find_toplevel:
 *
 * Returns: (transfer none) (nullable): a visible toplevel window of @type
 */
GtkWindow *
baladi_test_ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}
