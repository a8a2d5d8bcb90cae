/* baladi-server-demo-text.h
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The words of the demo requests, in Arabic and English. In a template,
 * {area} stands for a place, {road} for a road number and {block} for a
 * block number. */
typedef struct {
  const char *category;
  const char *subject[2];      /* ar, en */
  const char *description[2];  /* ar, en */
  /* How often replies beat the time limit, in per mille: some kinds of
   * request are harder to answer on time than others. */
  guint       on_time_permille;
} BaladiDemoTopic;

typedef struct {
  const char *name[2];
} BaladiDemoWord;

extern const BaladiDemoTopic baladi_demo_topics[];
extern const guint           baladi_demo_n_topics;
extern const BaladiDemoWord  baladi_demo_areas[];
extern const guint           baladi_demo_n_areas;
extern const BaladiDemoWord  baladi_demo_first_names[];
extern const guint           baladi_demo_n_first_names;
extern const BaladiDemoWord  baladi_demo_family_names[];
extern const guint           baladi_demo_n_family_names;
extern const BaladiDemoWord  baladi_demo_replies[];
extern const guint           baladi_demo_n_replies;
extern const BaladiDemoWord  baladi_demo_notes[];
extern const guint           baladi_demo_n_notes;

G_END_DECLS
