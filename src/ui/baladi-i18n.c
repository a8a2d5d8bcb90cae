/* baladi-i18n.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "baladi-i18n.h"

/* A string every libadwaita catalogue translates, and one that our own
 * windows show (the About window's "Details" row). */
#define ADWAITA_PROBE_STRING "_Details"

/**
 * baladi_i18n_init:
 * @localedir: where the baladi-desk catalogues are
 *
 * Sets the locale from the environment and binds our gettext domain.
 */
void
baladi_i18n_init (const char *localedir)
{
  g_return_if_fail (localedir != NULL);

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

/**
 * baladi_i18n_bind_adwaita_fallback:
 * @adwaita_localedir: where our own catalogues of libadwaita's strings are
 *
 * libadwaita 1.2 as shipped by Debian 12 has no Arabic catalogue, so its
 * About and Preferences windows would show English in an Arabic interface.
 * Baladi Desk ships its own translation of those strings. This binds the
 * libadwaita domain to it, but only when the libadwaita domain has no
 * translation for the language in use, so a real catalogue always wins.
 *
 * Call it after adw_init(), which binds the domain to the system's
 * catalogues.
 */
void
baladi_i18n_bind_adwaita_fallback (const char *adwaita_localedir)
{
  const char *probe;

  g_return_if_fail (adwaita_localedir != NULL);

  probe = g_dgettext ("libadwaita", ADWAITA_PROBE_STRING);
  if (g_strcmp0 (probe, ADWAITA_PROBE_STRING) == 0)
    {
      bindtextdomain ("libadwaita", adwaita_localedir);
      bind_textdomain_codeset ("libadwaita", "UTF-8");
    }
}
