/* main.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "baladi-application.h"
#include "baladi-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BaladiApplication) app = NULL;

  baladi_i18n_init (LOCALEDIR);

  app = baladi_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
