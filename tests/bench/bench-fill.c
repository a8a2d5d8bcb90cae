/* bench-fill.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Fills a cache with generated requests the shortest way there is: one
 * transaction, two prepared statements, a row and its search entry at a
 * time. It is the floor the sync is compared with, and the data of the
 * list and dashboard benchmarks. The words are the demo generator's. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "baladi-server-demo-text.h"
#include "bench-fill.h"

#define DAY 86400

double
bench_now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

/* Resident memory of this process, from /proc. */
gsize
bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

static char *
compose (const char *template,
         const char *area,
         int         road,
         int         block)
{
  GString *text = g_string_new (template);
  g_autofree char *road_text = g_strdup_printf ("%d", road);
  g_autofree char *block_text = g_strdup_printf ("%d", block);

  g_string_replace (text, "{area}", area, 0);
  g_string_replace (text, "{road}", road_text, 0);
  g_string_replace (text, "{block}", block_text, 0);

  return g_string_free (text, FALSE);
}

/**
 * bench_fill_cache:
 * @n: how many requests
 * @now: the instant the data is generated at: created times lie in the
 *   two years before it
 *
 * Returns: the seconds it took
 */
double
bench_fill_cache (BaladiStore *store,
                  guint        n,
                  guint32      seed,
                  gint64       now)
{
  static const char *municipalities[] = { "capital", "muharraq", "northern", "southern" };
  static const char *channels[] = { "tawasul_app", "website", "national_portal", "hotline", "social_media", "walk_in", "customer_day" };
  static const char *types[] = { "complaint", "complaint", "complaint", "suggestion", "inquiry", "compliment" };
  static const char *clerks[] = { "clerk.capital", "clerk.muharraq", "clerk.northern", "clerk.southern", NULL };
  sqlite3 *db = baladi_store_get_db (store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  sqlite3_stmt *row = NULL;
  sqlite3_stmt *search = NULL;
  double start = bench_now ();

  sqlite3_exec (db, "PRAGMA cache_size = -262144", NULL, NULL, NULL);
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO requests (id, reference, type, category, sector, municipality, channel, status, "
                              "priority, language, subject, description, citizen_name, citizen_phone, assignee, "
                              "created_at, updated_at, first_reply_at, due_at, closed_at, version) "
                              "VALUES (?1, ?2, ?3, ?4, 'municipalities', ?5, ?6, ?7, 'normal', ?8, ?9, ?10, ?11, ?12, ?13, "
                              "?14, ?15, ?16, ?17, ?18, '1')", -1, &row, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "INSERT INTO requests_search (rowid, reference, citizen, description, replies) "
                              "VALUES (last_insert_rowid (), ?1, ?2, ?3, NULL)", -1, &search, NULL) != SQLITE_OK)
    g_error ("Cannot fill the cache: %s", sqlite3_errmsg (db));

  for (guint i = 0; i < n; i++)
    {
      const BaladiDemoTopic *topic = &baladi_demo_topics[g_rand_int_range (rand, 0, baladi_demo_n_topics)];
      const char *area = baladi_demo_areas[g_rand_int_range (rand, 0, baladi_demo_n_areas)].name[0];
      int m = g_rand_int_range (rand, 0, G_N_ELEMENTS (municipalities));
      int lang = g_rand_int_range (rand, 0, 4) == 0;
      int road = g_rand_int_range (rand, 1, 4200);
      int block = g_rand_int_range (rand, 101, 1250);
      gint64 created = now - (gint64) g_rand_int_range (rand, 0, 730 * DAY / 60) * 60;
      gint64 due = created + g_rand_int_range (rand, 1, 11) * DAY;
      gboolean recent = now - created < 20 * DAY;
      int roll = g_rand_int_range (rand, 0, 100);
      const char *status = !recent ? (roll < 97 ? "closed" : "answered")
                           : roll < 25 ? "new" : roll < 45 ? "assigned" : roll < 60 ? "in_progress"
                           : roll < 68 ? "waiting_citizen" : roll < 72 ? "waiting_agency"
                           : roll < 80 ? "answered" : roll < 83 ? "reopened" : "closed";
      gboolean replied = g_str_equal (status, "answered") || g_str_equal (status, "closed");
      gint64 reply = created + g_rand_int_range (rand, 1, g_rand_int_range (rand, 0, 100) < 95 ? (int) (due - created) : (int) (due - created) * 2);
      g_autofree char *id = g_strdup_printf ("%08x-0000-4000-8000-%012x", seed, i);
      g_autofree char *reference = g_strdup_printf ("%s-%d-%06u", m == 0 ? "CAP" : m == 1 ? "MUH" : m == 2 ? "NOR" : "SOU",
                                                    2024 + (int) ((now - created) < 365 * DAY), i + 1);
      g_autofree char *subject = compose (topic->subject[lang], area, road, block);
      g_autofree char *description = compose (topic->description[lang], area, road, block);
      g_autofree char *name = g_strdup_printf ("%s %s",
                                               baladi_demo_first_names[g_rand_int_range (rand, 0, baladi_demo_n_first_names)].name[0],
                                               baladi_demo_family_names[g_rand_int_range (rand, 0, baladi_demo_n_family_names)].name[0]);
      g_autofree char *phone = g_strdup_printf ("+973 3%03d %04d", g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 10000));
      g_autofree char *citizen = g_strdup_printf ("%s %s", name, phone);
      g_autofree char *text = g_strdup_printf ("%s %s", subject, description);

      sqlite3_reset (row);
      sqlite3_bind_text (row, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 2, reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 3, types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))], -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 4, topic->category, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 5, municipalities[m], -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 6, channels[g_rand_int_range (rand, 0, G_N_ELEMENTS (channels))], -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 7, status, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 8, lang ? "en" : "ar", -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 9, subject, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 10, description, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 11, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (row, 12, phone, -1, SQLITE_STATIC);
      if (!g_str_equal (status, "new"))
        sqlite3_bind_text (row, 13, clerks[m], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (row, 13);
      sqlite3_bind_int64 (row, 14, created);
      sqlite3_bind_int64 (row, 15, replied ? reply : created);
      if (replied)
        sqlite3_bind_int64 (row, 16, reply);
      else
        sqlite3_bind_null (row, 16);
      sqlite3_bind_int64 (row, 17, due);
      if (g_str_equal (status, "closed"))
        sqlite3_bind_int64 (row, 18, reply + DAY);
      else
        sqlite3_bind_null (row, 18);

      sqlite3_reset (search);
      sqlite3_bind_text (search, 1, reference, -1, SQLITE_STATIC);
      sqlite3_bind_text (search, 2, citizen, -1, SQLITE_STATIC);
      sqlite3_bind_text (search, 3, text, -1, SQLITE_STATIC);

      if (sqlite3_step (row) != SQLITE_DONE || sqlite3_step (search) != SQLITE_DONE)
        g_error ("Cannot fill the cache: %s", sqlite3_errmsg (db));
    }

  sqlite3_finalize (row);
  sqlite3_finalize (search);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_error ("Cannot fill the cache: %s", sqlite3_errmsg (db));

  return bench_now () - start;
}
