/* baladi-server-demo.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The generator of demo requests (`baladi-server --seed-requests N`): two
 * years of complaints, suggestions and inquiries spread over the four
 * municipalities, the channels and the categories, with their histories,
 * so that the queue and the dashboards show something true-looking. The
 * same seed and the same `now` give the same requests. */

#include "config.h"

#include <math.h>

#include "baladi-server-db.h"
#include "baladi-server-demo.h"
#include "baladi-server-demo-text.h"
#include "baladi-sla-calendar.h"

#define DAY (24 * 60 * 60)
#define BATCH 10000

typedef struct {
  const char *value;
  guint       weight;
} Weighted;

/* Shares of the real flow: most requests are complaints, and most reach
 * the ministry through the Tawasul app. */
static const Weighted types[] = {
  { "complaint", 600 }, { "inquiry", 180 }, { "suggestion", 120 }, { "note", 70 }, { "compliment", 30 },
};
static const Weighted channels[] = {
  { "tawasul_app", 450 }, { "hotline", 200 }, { "website", 100 }, { "national_portal", 80 },
  { "social_media", 70 }, { "walk_in", 60 }, { "customer_day", 40 },
};
static const Weighted municipalities[] = {
  { "capital", 35 }, { "northern", 30 }, { "southern", 20 }, { "muharraq", 15 },
};
static const Weighted priorities[] = {
  { "normal", 80 }, { "high", 12 }, { "low", 5 }, { "urgent", 3 },
};

static const char *
pick (GRand          *rand,
      const Weighted *table,
      gsize           n)
{
  guint total = 0;
  guint x;

  for (gsize i = 0; i < n; i++)
    total += table[i].weight;

  x = g_rand_int_range (rand, 0, total);
  for (gsize i = 0; i < n; i++)
    {
      if (x < table[i].weight)
        return table[i].value;
      x -= table[i].weight;
    }

  g_assert_not_reached ();
}

static char *
random_uuid (GRand *rand)
{
  guint32 a = g_rand_int (rand), b = g_rand_int (rand), c = g_rand_int (rand), d = g_rand_int (rand);

  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          a, b >> 16, b & 0xfff, (c >> 16 & 0x3fff) | 0x8000, c & 0xffff, d);
}

static char *
fill (const char *template,
      const char *area,
      const char *road,
      const char *block)
{
  GString *text = g_string_new (template);

  g_string_replace (text, "{area}", area, 0);
  g_string_replace (text, "{road}", road, 0);
  g_string_replace (text, "{block}", block, 0);

  return g_string_free (text, FALSE);
}

typedef struct {
  sqlite3           *db;
  GRand             *rand;
  BaladiSlaCalendar *calendar;
  sqlite3_stmt      *insert_request;
  sqlite3_stmt      *insert_event;
  sqlite3_stmt      *insert_pause;
  GHashTable        *sla;          /* category → "value:unit" */
  GHashTable        *clerks;       /* municipality → GPtrArray of usernames */
  GHashTable        *prefixes;     /* municipality → prefix */
  GHashTable        *serials;      /* "municipality:year" → last serial */
  GHashTable        *last_ids;     /* municipality → id of its last request */
  gint64             seq;
  gint64             now;
} Generator;

static gboolean
add_event (Generator  *gen,
           const char *request_id,
           const char *kind,
           const char *author,
           gint64      at,
           const char *body,
           const char *old_value,
           const char *new_value)
{
  sqlite3_stmt *stmt = gen->insert_event;
  g_autofree char *id = random_uuid (gen->rand);

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, request_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, author, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, at);
  sqlite3_bind_text (stmt, 6, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, g_str_equal (kind, "reply"));
  sqlite3_bind_text (stmt, 8, old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, new_value, -1, SQLITE_TRANSIENT);

  return sqlite3_step (stmt) == SQLITE_DONE;
}

static char *
next_reference (Generator  *gen,
                const char *municipality,
                gint64      created)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (created);
  int year = g_date_time_get_year (time);
  char *key = g_strdup_printf ("%s:%d", municipality, year);
  guint serial = GPOINTER_TO_UINT (g_hash_table_lookup (gen->serials, key)) + 1;

  g_hash_table_replace (gen->serials, key, GUINT_TO_POINTER (serial));

  return g_strdup_printf ("%s-%d-%06u", (const char *) g_hash_table_lookup (gen->prefixes, municipality),
                          year, serial);
}

static gint64
due_time (Generator  *gen,
          const char *category,
          gint64      created,
          gint64      pause_start,
          gint64      pause_end)
{
  const char *sla = g_hash_table_lookup (gen->sla, category);
  g_autoptr(GDateTime) received = g_date_time_new_from_unix_utc (created);
  g_autoptr(GDateTime) start = pause_start > 0 ? g_date_time_new_from_unix_utc (pause_start) : NULL;
  g_autoptr(GDateTime) end = pause_end > 0 ? g_date_time_new_from_unix_utc (pause_end) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (gen->now);
  g_autoptr(GDateTime) due = NULL;
  BaladiSlaPause pause = { start, end };

  due = baladi_sla_calendar_compute_due (gen->calendar, received, (guint) g_ascii_strtoull (sla, NULL, 10),
                                         strstr (sla, "hours") != NULL ? BALADI_SLA_UNIT_WORKING_HOURS
                                                                       : BALADI_SLA_UNIT_WORKING_DAYS,
                                         &pause, start != NULL ? 1 : 0, now);

  return due != NULL ? g_date_time_to_unix (due) : created + 30 * DAY;
}

static gboolean
generate_one (Generator *gen)
{
  GRand *rand = gen->rand;
  const BaladiDemoTopic *topic = &baladi_demo_topics[g_rand_int_range (rand, 0, baladi_demo_n_topics)];
  const BaladiDemoWord *area = &baladi_demo_areas[g_rand_int_range (rand, 0, baladi_demo_n_areas)];
  const char *municipality = pick (rand, municipalities, G_N_ELEMENTS (municipalities));
  const char *channel = pick (rand, channels, G_N_ELEMENTS (channels));
  const char *type = pick (rand, types, G_N_ELEMENTS (types));
  const char *priority = pick (rand, priorities, G_N_ELEMENTS (priorities));
  int lang = g_rand_int_range (rand, 0, 100) < 75 ? 0 : 1;
  GPtrArray *clerks = g_hash_table_lookup (gen->clerks, municipality);
  const char *clerk = clerks != NULL && clerks->len > 0
                      ? g_ptr_array_index (clerks, g_rand_int_range (rand, 0, clerks->len)) : NULL;
  /* Staff file what comes by phone or in person; the rest the citizen
   * files himself. */
  gboolean by_staff = g_str_equal (channel, "hotline") || g_str_equal (channel, "walk_in") ||
                      g_str_equal (channel, "customer_day");
  g_autofree char *id = random_uuid (rand);
  g_autofree char *road = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 4200));
  g_autofree char *block = g_strdup_printf ("%d", g_rand_int_range (rand, 101, 1250));
  g_autofree char *building = g_strdup_printf ("%d", g_rand_int_range (rand, 1, 3000));
  g_autofree char *subject = fill (topic->subject[lang], area->name[lang], road, block);
  g_autofree char *description = fill (topic->description[lang], area->name[lang], road, block);
  g_autofree char *name = g_strdup_printf ("%s %s",
                                           baladi_demo_first_names[g_rand_int_range (rand, 0, baladi_demo_n_first_names)].name[lang],
                                           baladi_demo_family_names[g_rand_int_range (rand, 0, baladi_demo_n_family_names)].name[lang]);
  g_autofree char *phone = g_strdup_printf ("+973 3%03d %04d", g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 10000));
  g_autofree char *cpr = g_strdup_printf ("%02d%02d%05d", g_rand_int_range (rand, 60, 100) % 100,
                                          g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 0, 100000));
  g_autofree char *reference = NULL;
  const char *merged_into = NULL;
  const char *status;
  const char *assignee = NULL;
  /* Volume grows over the two years: more recent requests than old ones. */
  gint64 created = gen->now - (gint64) ((1.0 - sqrt (g_rand_double (rand))) * 730 * DAY) - g_rand_int_range (rand, 0, DAY);
  gint64 pause_start = 0, pause_end = 0;
  gint64 due, reply_at = 0, closed_at = 0, assigned_at, last;
  gboolean ok = TRUE;
  sqlite3_stmt *stmt = gen->insert_request;

  /* Some requests waited on the citizen for a day or three. */
  if (g_rand_int_range (rand, 0, 100) < 6)
    {
      pause_start = created + g_rand_int_range (rand, 2 * 3600, DAY);
      pause_end = pause_start + g_rand_int_range (rand, 1, 4) * DAY;
      if (pause_end > gen->now)
        pause_end = 0;
    }
  due = due_time (gen, topic->category, created, pause_start, pause_end);
  if (pause_start > gen->now)
    pause_start = pause_end = 0;

  /* Most requests are answered, most of them on time; what is still
   * unanswered past its due time is the overdue backlog. */
  if (due < gen->now ? g_rand_int_range (rand, 0, 1000) < (created < gen->now - 30 * DAY ? 995 : 850)
                     : g_rand_int_range (rand, 0, 100) < 40)
    {
      if ((guint) g_rand_int_range (rand, 0, 1000) < topic->on_time_permille)
        reply_at = created + (gint64) ((due - created) * g_rand_double_range (rand, 0.05, 0.95));
      else
        reply_at = due + g_rand_int_range (rand, 3600, 5 * DAY);
      if (reply_at > gen->now)
        reply_at = 0;
    }

  assigned_at = created + g_rand_int_range (rand, 600, 6 * 3600);
  if (reply_at > 0 && assigned_at > reply_at)
    assigned_at = created + (reply_at - created) / 2;
  if (assigned_at > gen->now)
    assigned_at = 0;

  if (reply_at > 0 && reply_at < gen->now - 14 * DAY)
    {
      closed_at = reply_at + g_rand_int_range (rand, 3600, 5 * DAY);
      status = g_rand_int_range (rand, 0, 100) < 2 ? "reopened" : "closed";
    }
  else if (reply_at > 0)
    status = "answered";
  else if (pause_start > 0 && pause_end == 0)
    status = "waiting_citizen";
  else if (assigned_at == 0)
    status = "new";
  else
    status = g_rand_int_range (rand, 0, 100) < 60 ? "in_progress" : "assigned";

  if (!g_str_equal (status, "new"))
    assignee = clerk;

  /* About one request in a hundred repeats the last one filed with the
   * same municipality and is merged into it. */
  if (g_rand_int_range (rand, 0, 100) == 0 && g_hash_table_contains (gen->last_ids, municipality))
    {
      merged_into = g_hash_table_lookup (gen->last_ids, municipality);
      status = "closed";
      reply_at = 0;
      closed_at = MIN (created + 3600, gen->now);
    }

  reference = next_reference (gen, municipality, created);
  gen->seq++;

  sqlite3_reset (stmt);
  {
    const char *texts[] = { id, reference, type, topic->category, NULL, municipality, channel, status, priority,
                            lang == 0 ? "ar" : "en", name, phone, g_rand_int_range (rand, 0, 2) ? cpr : NULL,
                            building, road, block, area->name[lang], subject, description, assignee, merged_into };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      sqlite3_bind_text (stmt, i + 1, texts[i], -1, SQLITE_TRANSIENT);
  }
  if (g_rand_int_range (rand, 0, 100) < 60)
    {
      sqlite3_bind_double (stmt, 22, g_rand_double_range (rand, 26.00, 26.25));
      sqlite3_bind_double (stmt, 23, g_rand_double_range (rand, 50.45, 50.62));
    }
  else
    {
      sqlite3_bind_null (stmt, 22);
      sqlite3_bind_null (stmt, 23);
    }
  last = MAX (MAX (created, assigned_at), MAX (reply_at, closed_at));
  sqlite3_bind_int64 (stmt, 24, created);
  sqlite3_bind_int64 (stmt, 25, last);
  if (reply_at > 0)
    sqlite3_bind_int64 (stmt, 26, reply_at);
  else
    sqlite3_bind_null (stmt, 26);
  sqlite3_bind_int64 (stmt, 27, due);
  if (closed_at > 0 && !g_str_equal (status, "reopened"))
    sqlite3_bind_int64 (stmt, 28, closed_at);
  else
    sqlite3_bind_null (stmt, 28);
  sqlite3_bind_int64 (stmt, 29, gen->seq);
  ok = sqlite3_step (stmt) == SQLITE_DONE;

  /* The history, in order. */
  ok = ok && add_event (gen, id, "created", by_staff ? clerk : NULL, created, NULL, NULL, "new");
  if (ok && assignee != NULL && assigned_at > 0)
    ok = add_event (gen, id, "assignment", assignee, assigned_at, NULL, NULL, assignee) &&
         add_event (gen, id, "status_change", assignee, assigned_at, NULL, "new", "assigned");
  if (ok && pause_start > 0)
    {
      sqlite3_reset (gen->insert_pause);
      sqlite3_bind_text (gen->insert_pause, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (gen->insert_pause, 2, pause_start);
      if (pause_end > 0)
        sqlite3_bind_int64 (gen->insert_pause, 3, pause_end);
      else
        sqlite3_bind_null (gen->insert_pause, 3);
      ok = sqlite3_step (gen->insert_pause) == SQLITE_DONE &&
           add_event (gen, id, "status_change", assignee, pause_start, NULL, "in_progress", "waiting_citizen");
    }
  if (ok && g_rand_int_range (rand, 0, 100) < 20 && assignee != NULL && assigned_at > 0)
    ok = add_event (gen, id, "internal_note", assignee, assigned_at + 600,
                    baladi_demo_notes[g_rand_int_range (rand, 0, baladi_demo_n_notes)].name[lang], NULL, NULL);
  if (ok && reply_at > 0)
    ok = add_event (gen, id, "reply", assignee != NULL ? assignee : clerk, reply_at,
                    baladi_demo_replies[g_rand_int_range (rand, 0, 2)].name[lang], NULL, NULL) &&
         add_event (gen, id, "status_change", assignee != NULL ? assignee : clerk, reply_at, NULL, "in_progress", "answered");
  if (ok && merged_into != NULL)
    ok = add_event (gen, id, "merge", clerk, closed_at, NULL, NULL, merged_into);
  else if (ok && closed_at > 0)
    {
      ok = add_event (gen, id, "status_change", assignee, closed_at, NULL, "answered", "closed");
      if (ok && g_str_equal (status, "reopened"))
        ok = add_event (gen, id, "status_change", NULL, MIN (closed_at + 2 * DAY, gen->now), NULL, "closed", "reopened");
    }

  g_hash_table_replace (gen->last_ids, (gpointer) municipality, g_steal_pointer (&id));

  return ok;
}

static gboolean
load_reference (Generator  *gen,
                GError    **error)
{
  g_autoptr(BaladiStmt) categories = baladi_server_db_prepare (gen->db, "SELECT code, sla_value, sla_unit FROM categories", error);
  g_autoptr(BaladiStmt) staff = NULL;
  g_autoptr(BaladiStmt) prefixes = NULL;
  g_autofree char *seq = NULL;

  if (categories == NULL)
    return FALSE;
  while (sqlite3_step (categories) == SQLITE_ROW)
    g_hash_table_insert (gen->sla, g_strdup ((const char *) sqlite3_column_text (categories, 0)),
                         g_strdup_printf ("%d:%s", sqlite3_column_int (categories, 1),
                                          sqlite3_column_text (categories, 2)));

  for (guint i = 0; i < baladi_demo_n_topics; i++)
    if (!g_hash_table_contains (gen->sla, baladi_demo_topics[i].category))
      {
        g_set_error (error, BALADI_SERVER_DB_ERROR, BALADI_SERVER_DB_ERROR_SCHEMA,
                     "Category “%s” is missing: seed the reference data first", baladi_demo_topics[i].category);
        return FALSE;
      }

  prefixes = baladi_server_db_prepare (gen->db, "SELECT code, prefix FROM municipalities", error);
  while (prefixes != NULL && sqlite3_step (prefixes) == SQLITE_ROW)
    g_hash_table_insert (gen->prefixes, g_strdup ((const char *) sqlite3_column_text (prefixes, 0)),
                         g_strdup ((const char *) sqlite3_column_text (prefixes, 1)));

  staff = baladi_server_db_prepare (gen->db,
    "SELECT m.code, s.username FROM staff s JOIN municipalities m "
    "ON instr(',' || s.scope || ',', ',' || m.code || ',') > 0 "
    "WHERE s.role = 'clerk' AND s.active = 1 ORDER BY m.code, s.username", error);
  while (staff != NULL && sqlite3_step (staff) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (staff, 0);
      GPtrArray *list = g_hash_table_lookup (gen->clerks, code);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (gen->clerks, g_strdup (code), list);
        }
      g_ptr_array_add (list, g_strdup ((const char *) sqlite3_column_text (staff, 1)));
    }

  seq = baladi_server_db_get_meta (gen->db, "seq");
  gen->seq = seq != NULL ? g_ascii_strtoll (seq, NULL, 10) : 0;

  return prefixes != NULL && staff != NULL;
}

static gboolean
save_counters (Generator  *gen,
               GError    **error)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, gen->seq);
  GHashTableIter iter;
  gpointer key, value;

  if (!baladi_server_db_set_meta (gen->db, "seq", seq, error))
    return FALSE;

  /* The server files new requests after these serials. */
  g_hash_table_iter_init (&iter, gen->serials);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *meta_key = g_strdup_printf ("serial:%s", (const char *) key);
      g_autofree char *serial = g_strdup_printf ("%u", GPOINTER_TO_UINT (value));

      if (!baladi_server_db_set_meta (gen->db, meta_key, serial, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * baladi_server_seed_requests:
 * @n_requests: how many requests to make
 * @seed: the random seed: the same seed and @now give the same requests
 * @now: the present, in Unix seconds: requests are spread over the two
 *   years before it
 *
 * Fills an empty request table with demo requests. Needs the reference
 * data of baladi_server_seed_reference().
 */
gboolean
baladi_server_seed_requests (sqlite3  *db,
                             guint     n_requests,
                             guint32   seed,
                             gint64    now,
                             GError  **error)
{
  Generator gen = { db, };
  gboolean ok = FALSE;

  if (baladi_server_db_row_exists (db, "SELECT 1 FROM requests WHERE ?1 IS NOT NULL LIMIT 1", "any"))
    return TRUE;

  gen.rand = g_rand_new_with_seed (seed);
  gen.calendar = baladi_sla_calendar_new ();
  gen.now = now;
  gen.sla = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gen.clerks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  gen.prefixes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gen.serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gen.last_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  gen.insert_request = baladi_server_db_prepare (db,
    "INSERT INTO requests (id, reference, type, category, sector, municipality, channel, status, priority, "
    "language, citizen_name, citizen_phone, citizen_cpr, address_building, address_road, address_block, "
    "address_area, subject, description, assignee, merged_into, latitude, longitude, created_at, updated_at, "
    "first_reply_at, due_at, closed_at, seq, version) "
    "VALUES (?1, ?2, ?3, ?4, (SELECT sector FROM categories WHERE code = ?4), ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, 1)", error);
  gen.insert_event = baladi_server_db_prepare (db,
    "INSERT INTO events (id, request_id, kind, author, created_at, body, public, old_value, new_value) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  gen.insert_pause = baladi_server_db_prepare (db,
    "INSERT INTO pauses (request_id, start_at, end_at, status) VALUES (?1, ?2, ?3, 'waiting_citizen')", error);

  if (gen.insert_request != NULL && gen.insert_event != NULL && gen.insert_pause != NULL &&
      load_reference (&gen, error))
    {
      ok = TRUE;
      for (guint i = 0; ok && i < n_requests; i += BATCH)
        {
          ok = baladi_server_db_exec (db, "BEGIN IMMEDIATE", error);
          for (guint j = i; ok && j < MIN (n_requests, i + BATCH); j++)
            ok = generate_one (&gen) || baladi_server_db_set_error (db, error);
          ok = ok && save_counters (&gen, error) && baladi_server_db_exec (db, "COMMIT", error);
          if (!ok)
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
        }
    }

  sqlite3_finalize (gen.insert_request);
  sqlite3_finalize (gen.insert_event);
  sqlite3_finalize (gen.insert_pause);
  g_hash_table_unref (gen.sla);
  g_hash_table_unref (gen.clerks);
  g_hash_table_unref (gen.prefixes);
  g_hash_table_unref (gen.serials);
  g_hash_table_unref (gen.last_ids);
  g_object_unref (gen.calendar);
  g_rand_free (gen.rand);

  return ok;
}
