/* baladi-store-schema.c
 *
 * Copyright 2026 The Baladi Desk developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The schema of the local cache, as forward migrations: migrations[N]
 * takes a database from user_version N to N + 1. Never edit a migration
 * that has been released; add the next one. */

#include "config.h"

#include "baladi-dashboard-private.h"
#include "baladi-store.h"

/* The search text of one service, from its catalogue document @row.document
 * (both languages in each column, so that either finds it): the columns of
 * services_search after its rowid. A document that is not JSON is indexed
 * by its code alone rather than failing the sync that brought it. */
#define SERVICE_DOC(row) "(CASE WHEN json_valid (" row ".document) THEN " row ".document ELSE '{}' END)"
#define SERVICE_TEXT(row, path) "ifnull (json_extract (" SERVICE_DOC (row) ", '" path "'), '')"
#define SERVICE_PAIRS(row, path, ar, en) \
  "ifnull ((SELECT group_concat (ifnull (json_extract (value, '" ar "'), '') || char(10) ||" \
  "                              ifnull (json_extract (value, '" en "'), ''), char(10))" \
  "         FROM json_each (" SERVICE_DOC (row) ", '" path "')), '')"
#define SERVICE_WORDS(row, path) \
  "ifnull ((SELECT group_concat (value, char(10)) FROM json_each (" SERVICE_DOC (row) ", '" path "')), '')"
#define SERVICE_SEARCH_COLUMNS(row) \
  " i.docid," \
  " " row ".code || char(10) || " SERVICE_TEXT (row, "$.name.ar") " || char(10) || " SERVICE_TEXT (row, "$.name.en") "," \
  " " SERVICE_WORDS (row, "$.keywords.ar") " || char(10) || " SERVICE_WORDS (row, "$.keywords.en") "," \
  " " SERVICE_TEXT (row, "$.description.ar") " || char(10) || " SERVICE_TEXT (row, "$.description.en") "," \
  " " SERVICE_TEXT (row, "$.eligibility.ar") " || char(10) || " SERVICE_TEXT (row, "$.eligibility.en") " || char(10) ||" \
  " " SERVICE_PAIRS (row, "$.documents", "$.ar", "$.en") "," \
  " " SERVICE_TEXT (row, "$.directorate.ar") " || char(10) || " SERVICE_TEXT (row, "$.directorate.en") " || char(10) ||" \
  " " SERVICE_PAIRS (row, "$.steps", "$.ar", "$.en") " || char(10) ||" \
  " " SERVICE_PAIRS (row, "$.fees", "$.label.ar", "$.label.en")

/* Indexes the service @row (new or a row of services) under a fresh
 * catalogue revision. */
#define SERVICE_INDEX(row) \
  "UPDATE meta SET value = value + 1 WHERE key = 'catalogue_revision';" \
  "INSERT INTO service_index (code, revision) VALUES (" row ".code, (SELECT value FROM meta WHERE key = 'catalogue_revision'))" \
  "  ON CONFLICT (code) DO UPDATE SET revision = excluded.revision;" \
  "DELETE FROM services_search WHERE rowid = (SELECT docid FROM service_index WHERE code = " row ".code);" \
  "INSERT INTO services_search (rowid, name, keywords, description, requirements, details) SELECT" \
  SERVICE_SEARCH_COLUMNS (row) " FROM service_index i WHERE i.code = " row ".code;"
/* The SQL of the dashboard's aggregates (migration 1 → 2). A request
 * counts on the local day it was received (its state against its time
 * limit, whether it was ever reopened or paused) and on the day of its
 * first reply (answered); @r is "new" or "old" in the triggers. */
#define KPI_DAY(t)   "((" t " + " G_STRINGIFY (BALADI_DASHBOARD_UTC_OFFSET) ") / 86400)"
/* Weeks start on Sunday, the first working day: 1 January 1970 was a
 * Thursday, four days after a Sunday. */
#define KPI_WEEK(t)  "(" KPI_DAY (t) " - (" KPI_DAY (t) " + 4) % 7)"
#define KPI_STATE(r) BALADI_SLA_STATE_SQL (r, "NULL")
/* Open: the status still needs work (baladi_request_status_is_open()). */
#define KPI_OPEN(r)  r ".status NOT IN ('answered', 'closed')"
#define KPI_DAY_KEY(r, t) \
  "day = " KPI_DAY (r "." t) " AND municipality = " r ".municipality AND sector = " r ".sector " \
  "AND channel = " r ".channel"
#define KPI_WEEK_KEY(r, t) \
  "week = " KPI_WEEK (r "." t) " AND municipality = " r ".municipality AND sector = " r ".sector " \
  "AND channel = " r ".channel AND ((dimension = 'category' AND value = " r ".category) " \
  "OR (dimension = 'type' AND value = " r ".type) " \
  "OR (dimension = 'assignee' AND value = ifnull(" r ".assignee, '')))"
#define KPI_DIMENSIONS(r) \
  "(SELECT 'category' AS dimension, " r ".category AS value UNION ALL SELECT 'type', " r ".type " \
  "UNION ALL SELECT 'assignee', ifnull(" r ".assignee, ''))"

#define KPI_ADD(r) \
  "INSERT INTO kpi_days (day, municipality, sector, channel, received, on_time, late, answered, reopened, paused) " \
  "VALUES (" KPI_DAY (r ".created_at") ", " r ".municipality, " r ".sector, " r ".channel, 1, " \
  KPI_STATE (r) " IS 4, " KPI_STATE (r) " IS 5, 0, " r ".kpi_reopened, " r ".kpi_pause IS NOT NULL) " \
  "ON CONFLICT DO UPDATE SET received = received + 1, on_time = on_time + excluded.on_time, " \
  "late = late + excluded.late, reopened = reopened + excluded.reopened, paused = paused + excluded.paused;" \
  "INSERT INTO kpi_days (day, municipality, sector, channel, received, on_time, late, answered, reopened, paused) " \
  "SELECT " KPI_DAY (r ".first_reply_at") ", " r ".municipality, " r ".sector, " r ".channel, 0, 0, 0, 1, 0, 0 " \
  "WHERE " r ".first_reply_at IS NOT NULL ON CONFLICT DO UPDATE SET answered = answered + 1;" \
  "INSERT INTO kpi_weeks (week, municipality, sector, channel, dimension, value, received, on_time, late, answered) " \
  "SELECT " KPI_WEEK (r ".created_at") ", " r ".municipality, " r ".sector, " r ".channel, d.dimension, d.value, 1, " \
  KPI_STATE (r) " IS 4, " KPI_STATE (r) " IS 5, 0 FROM " KPI_DIMENSIONS (r) " AS d WHERE true " \
  "ON CONFLICT DO UPDATE SET received = received + 1, on_time = on_time + excluded.on_time, late = late + excluded.late;" \
  "INSERT INTO kpi_weeks (week, municipality, sector, channel, dimension, value, received, on_time, late, answered) " \
  "SELECT " KPI_WEEK (r ".first_reply_at") ", " r ".municipality, " r ".sector, " r ".channel, d.dimension, d.value, " \
  "0, 0, 0, 1 FROM " KPI_DIMENSIONS (r) " AS d WHERE " r ".first_reply_at IS NOT NULL " \
  "ON CONFLICT DO UPDATE SET answered = answered + 1;" \
  "INSERT INTO kpi_weeks (week, municipality, sector, channel, dimension, value, received, on_time, late, answered) " \
  "SELECT " KPI_WEEK (r ".created_at") ", " r ".municipality, " r ".sector, " r ".channel, 'pause', " r ".kpi_pause, " \
  "1, 0, 0, 0 WHERE " r ".kpi_pause IS NOT NULL ON CONFLICT DO UPDATE SET received = received + 1;" \
  "INSERT INTO kpi_open (municipality, sector, channel, dimension, value, open) " \
  "SELECT " r ".municipality, " r ".sector, " r ".channel, d.dimension, d.value, 1 FROM " KPI_DIMENSIONS (r) " AS d " \
  "WHERE " KPI_OPEN (r) " ON CONFLICT DO UPDATE SET open = open + 1;"

#define KPI_SUBTRACT(r) \
  "UPDATE kpi_days SET received = received - 1, on_time = on_time - (" KPI_STATE (r) " IS 4), " \
  "late = late - (" KPI_STATE (r) " IS 5), reopened = reopened - " r ".kpi_reopened, " \
  "paused = paused - (" r ".kpi_pause IS NOT NULL) WHERE " KPI_DAY_KEY (r, "created_at") ";" \
  "UPDATE kpi_days SET answered = answered - 1 WHERE " r ".first_reply_at IS NOT NULL " \
  "AND " KPI_DAY_KEY (r, "first_reply_at") ";" \
  "UPDATE kpi_weeks SET received = received - 1, on_time = on_time - (" KPI_STATE (r) " IS 4), " \
  "late = late - (" KPI_STATE (r) " IS 5) WHERE " KPI_WEEK_KEY (r, "created_at") ";" \
  "UPDATE kpi_weeks SET answered = answered - 1 WHERE " r ".first_reply_at IS NOT NULL " \
  "AND " KPI_WEEK_KEY (r, "first_reply_at") ";" \
  "UPDATE kpi_weeks SET received = received - 1 WHERE " r ".kpi_pause IS NOT NULL " \
  "AND week = " KPI_WEEK (r ".created_at") " AND municipality = " r ".municipality AND sector = " r ".sector " \
  "AND channel = " r ".channel AND dimension = 'pause' AND value = " r ".kpi_pause;" \
  "UPDATE kpi_open SET open = open - 1 WHERE " KPI_OPEN (r) " AND municipality = " r ".municipality " \
  "AND sector = " r ".sector AND channel = " r ".channel AND ((dimension = 'category' AND value = " r ".category) " \
  "OR (dimension = 'type' AND value = " r ".type) OR (dimension = 'assignee' AND value = ifnull(" r ".assignee, '')));"

/* Whether a request was ever reopened, and the latest time it waited on
 * the citizen or another agency, with why: from its status changes. */
#define KPI_FLAGS \
  "kpi_reopened = EXISTS (SELECT 1 FROM events e WHERE e.request_id = requests.id " \
  "AND e.kind = 'status_change' AND e.new_value = 'reopened'), " \
  "kpi_pause = (SELECT e.new_value || ':' || ifnull(e.reason, '') FROM events e " \
  "WHERE e.request_id = requests.id AND e.kind = 'status_change' " \
  "AND e.new_value IN ('waiting_citizen', 'waiting_agency') ORDER BY e.created_at DESC, e.rowid DESC LIMIT 1)"
#define KPI_FLAG_EVENT(e) \
  e ".kind = 'status_change' AND " e ".new_value IN ('reopened', 'waiting_citizen', 'waiting_agency')"

#define KPI_BACKFILL_WEEKS(dimension, value) \
  "SELECT " KPI_WEEK ("created_at") ", municipality, sector, channel, " dimension ", " value ", 1, " \
  KPI_STATE ("requests") " IS 4, " KPI_STATE ("requests") " IS 5, 0 FROM requests UNION ALL " \
  "SELECT " KPI_WEEK ("first_reply_at") ", municipality, sector, channel, " dimension ", " value ", 0, 0, 0, 1 " \
  "FROM requests WHERE first_reply_at IS NOT NULL"

/* Times to first reply (migration 6 → 7): each replied request's working
 * time from receipt to its first reply on the built-in calendar, kept by
 * bucket of a working hour and time of the reply in kpi_reply_times, and
 * counted per week of the reply and bucket in kpi_reply_weeks, for all
 * requests and per municipality, sector and channel. @r is "new" or "old". */
#define KPI_WORK(r)   "baladi_work_seconds (" r ".created_at, " r ".first_reply_at)"
#define KPI_BUCKET(w) "min ((" w ") / " G_STRINGIFY (KPI_REPLY_BUCKET_SECONDS) ", " G_STRINGIFY (KPI_REPLY_LAST_BUCKET) ")"
#define KPI_REPLY_ADD_ONE(r, dimension, value) \
  "INSERT INTO kpi_reply_weeks (dimension, value, week, bucket, replies) " \
  "SELECT '" dimension "', " value ", " KPI_WEEK (r ".first_reply_at") ", " KPI_BUCKET (KPI_WORK (r)) ", 1 " \
  "WHERE " r ".first_reply_at IS NOT NULL ON CONFLICT DO UPDATE SET replies = replies + 1;"
#define KPI_REPLY_ADD(r) \
  "INSERT INTO kpi_reply_times (bucket, first_reply_at, request, work, municipality, sector, channel) " \
  "SELECT " KPI_BUCKET ("w.work") ", " r ".first_reply_at, " r ".rowid, w.work, " r ".municipality, " r ".sector, " \
  r ".channel FROM (SELECT " KPI_WORK (r) " AS work) AS w WHERE " r ".first_reply_at IS NOT NULL;" \
  KPI_REPLY_ADD_ONE (r, "all", "''") \
  KPI_REPLY_ADD_ONE (r, "municipality", r ".municipality") \
  KPI_REPLY_ADD_ONE (r, "sector", r ".sector") \
  KPI_REPLY_ADD_ONE (r, "channel", r ".channel")
#define KPI_REPLY_SUBTRACT_ONE(r, dimension, value) \
  "UPDATE kpi_reply_weeks SET replies = replies - 1 WHERE " r ".first_reply_at IS NOT NULL " \
  "AND dimension = '" dimension "' AND value = " value " AND week = " KPI_WEEK (r ".first_reply_at") " " \
  "AND bucket = " KPI_BUCKET (KPI_WORK (r)) ";"
#define KPI_REPLY_SUBTRACT(r) \
  "DELETE FROM kpi_reply_times WHERE " r ".first_reply_at IS NOT NULL AND bucket = " KPI_BUCKET (KPI_WORK (r)) " " \
  "AND first_reply_at = " r ".first_reply_at AND request = " r ".rowid;" \
  KPI_REPLY_SUBTRACT_ONE (r, "all", "''") \
  KPI_REPLY_SUBTRACT_ONE (r, "municipality", r ".municipality") \
  KPI_REPLY_SUBTRACT_ONE (r, "sector", r ".sector") \
  KPI_REPLY_SUBTRACT_ONE (r, "channel", r ".channel")
/* Both tables from the requests, and the calendar they were counted on:
 * by the migration, and again whenever the built-in calendar changes. */
#define KPI_REPLY_BACKFILL \
  "INSERT INTO kpi_reply_times (bucket, first_reply_at, request, work, municipality, sector, channel) " \
  "SELECT " KPI_BUCKET ("work") ", first_reply_at, rowid, work, municipality, sector, channel " \
  "FROM (SELECT rowid, first_reply_at, municipality, sector, channel, " KPI_WORK ("requests") " AS work " \
  "FROM requests WHERE first_reply_at IS NOT NULL);" \
  "INSERT INTO kpi_reply_weeks (dimension, value, week, bucket, replies) " \
  "SELECT dimension, value, week, bucket, count(*) FROM (" \
  "SELECT 'all' AS dimension, '' AS value, " KPI_WEEK ("first_reply_at") " AS week, bucket FROM kpi_reply_times " \
  "UNION ALL SELECT 'municipality', municipality, " KPI_WEEK ("first_reply_at") ", bucket FROM kpi_reply_times " \
  "UNION ALL SELECT 'sector', sector, " KPI_WEEK ("first_reply_at") ", bucket FROM kpi_reply_times " \
  "UNION ALL SELECT 'channel', channel, " KPI_WEEK ("first_reply_at") ", bucket FROM kpi_reply_times) " \
  "GROUP BY 1, 2, 3, 4;" \
  "INSERT INTO meta (key, value) VALUES ('kpi-calendar', baladi_work_calendar ()) " \
  "ON CONFLICT (key) DO UPDATE SET value = excluded.value;"

static const char *migrations[] = {
  /* 0 → 1: the cache of requests, their history, the catalogue and the
   * lookups; the outbox of local edits; the sync cursor; search. */
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE requests ("
  "  id TEXT PRIMARY KEY, reference TEXT, type TEXT NOT NULL, category TEXT NOT NULL, sector TEXT NOT NULL,"
  "  municipality TEXT NOT NULL, channel TEXT NOT NULL, status TEXT NOT NULL, priority TEXT NOT NULL,"
  "  language TEXT NOT NULL, service_code TEXT, subject TEXT NOT NULL, description TEXT NOT NULL,"
  "  citizen_name TEXT NOT NULL, citizen_phone TEXT, citizen_email TEXT, citizen_cpr TEXT,"
  "  address_building TEXT, address_road TEXT, address_block TEXT, address_area TEXT,"
  "  latitude REAL, longitude REAL, attachments TEXT NOT NULL DEFAULT '[]', assignee TEXT, merged_into TEXT,"
  "  created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, first_reply_at INTEGER, due_at INTEGER NOT NULL,"
  "  closed_at INTEGER, version TEXT,"
  "  pending_fields TEXT NOT NULL DEFAULT ''"  /* fields with local edits not yet pushed */
  ");"
  "CREATE INDEX requests_due ON requests (status, due_at);"
  "CREATE INDEX requests_municipality ON requests (municipality, status, due_at);"
  "CREATE INDEX requests_assignee ON requests (assignee, status, due_at);"
  "CREATE INDEX requests_created ON requests (created_at);"
  "CREATE TABLE events ("
  "  id TEXT PRIMARY KEY, request_id TEXT NOT NULL, kind TEXT NOT NULL, author TEXT, created_at INTEGER NOT NULL,"
  "  body TEXT, public INTEGER NOT NULL DEFAULT 0, old_value TEXT, new_value TEXT, reason TEXT,"
  "  local INTEGER NOT NULL DEFAULT 0"  /* made here, not yet confirmed by the server */
  ");"
  "CREATE INDEX events_request ON events (request_id, created_at);"
  "CREATE TABLE services (code TEXT PRIMARY KEY, sector TEXT NOT NULL, category TEXT NOT NULL,"
  "  document TEXT NOT NULL, version TEXT) WITHOUT ROWID;"
  "CREATE TABLE lookups (kind TEXT NOT NULL, code TEXT NOT NULL, document TEXT NOT NULL,"
  "  PRIMARY KEY (kind, code)) WITHOUT ROWID;"
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT, request_id TEXT, service_code TEXT, action TEXT NOT NULL,"
  "  payload TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE, base_version TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'in_flight', 'attention', 'conflict')),"
  "  attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX outbox_request ON outbox (request_id, id);"
  "CREATE VIRTUAL TABLE requests_search USING fts5 (reference, citizen, description, replies, tokenize = 'baladi');"
  "CREATE VIRTUAL TABLE services_search USING fts5 (name, description, requirements, keywords, tokenize = 'baladi');",

  /* 1 → 2: service search. The catalogue is indexed by triggers, so that
   * every way a service reaches the cache (a pull, a local edit) keeps the
   * index right. services is WITHOUT ROWID, so service_index gives each
   * code a stable FTS rowid, and a revision that changes whenever the
   * service's document does, for the list models to tell what changed;
   * meta's catalogue_revision is the latest. services_vocab is the
   * vocabulary that corrects one-letter typos. A rewrite of an unchanged
   * document (every full sync) changes nothing. */
  "DROP TABLE services_search;"
  "CREATE VIRTUAL TABLE services_search USING fts5 (name, keywords, description, requirements, details,"
  "  tokenize = 'baladi', prefix = '2 3');"
  "CREATE VIRTUAL TABLE services_vocab USING fts5vocab (services_search, 'row');"
  "CREATE TABLE service_index (docid INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, revision INTEGER NOT NULL);"
  "INSERT OR REPLACE INTO meta (key, value) VALUES ('catalogue_revision', 0);"
  "INSERT INTO service_index (code, revision) SELECT code, 0 FROM services;"
  "INSERT INTO services_search (rowid, name, keywords, description, requirements, details) SELECT"
  SERVICE_SEARCH_COLUMNS ("s") " FROM services s JOIN service_index i ON i.code = s.code;"
  "CREATE TRIGGER services_search_insert BEFORE INSERT ON services"
  "  WHEN NOT EXISTS (SELECT 1 FROM services WHERE code = new.code AND sector IS new.sector"
  "                   AND category IS new.category AND document IS new.document)"
  "BEGIN "
  SERVICE_INDEX ("new")
  "END;"
  "CREATE TRIGGER services_search_update AFTER UPDATE ON services"
  "  WHEN old.code IS NOT new.code OR old.sector IS NOT new.sector OR old.category IS NOT new.category"
  "       OR old.document IS NOT new.document "
  "BEGIN "
  "DELETE FROM services_search WHERE rowid = (SELECT docid FROM service_index WHERE code = old.code);"
  "DELETE FROM service_index WHERE code = old.code;"
  SERVICE_INDEX ("new")
  "END;"
  "CREATE TRIGGER services_search_delete AFTER DELETE ON services "
  "BEGIN "
  "UPDATE meta SET value = value + 1 WHERE key = 'catalogue_revision';"
  "DELETE FROM services_search WHERE rowid = (SELECT docid FROM service_index WHERE code = old.code);"
  "DELETE FROM service_index WHERE code = old.code;"
  "END;",
  /* 2 → 3: what a field-by-field merge needs when the server answers 412.
   * An edit of one field of a request (its status, …) remembers the field,
   * its value when the clerk made the edit and the value the clerk gave
   * it; a conflict remembers the server's value and version, for "keep
   * mine" and "take theirs". Edits that only add to the history (notes,
   * replies) have no field. Status edits queued before this version have
   * no known base value, so they can only ever merge as a conflict. */
  "ALTER TABLE outbox ADD COLUMN field TEXT;"
  "ALTER TABLE outbox ADD COLUMN base_value TEXT;"
  "ALTER TABLE outbox ADD COLUMN local_value TEXT;"
  "ALTER TABLE outbox ADD COLUMN server_value TEXT;"
  "ALTER TABLE outbox ADD COLUMN server_version TEXT;"
  "UPDATE outbox SET field = 'status', local_value = json_extract (payload, '$.status') WHERE action = 'status';",
  /* 3 → 4: the dashboard (issue 7). Counts per local day × municipality ×
   * sector × channel, per week × the same × one of category, type,
   * assignee or pause reason, and of the open backlog, kept by triggers as
   * requests and their status changes arrive; indexes for what depends on
   * the present (the unanswered requests), for times to first reply, and
   * for the ends of a period. */
  "ALTER TABLE requests ADD COLUMN kpi_reopened INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE requests ADD COLUMN kpi_pause TEXT;"
  "CREATE TABLE kpi_days (day INTEGER NOT NULL, municipality TEXT NOT NULL, sector TEXT NOT NULL,"
  "  channel TEXT NOT NULL, received INTEGER NOT NULL DEFAULT 0, on_time INTEGER NOT NULL DEFAULT 0,"
  "  late INTEGER NOT NULL DEFAULT 0, answered INTEGER NOT NULL DEFAULT 0, reopened INTEGER NOT NULL DEFAULT 0,"
  "  paused INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, municipality, sector, channel)) WITHOUT ROWID;"
  "CREATE TABLE kpi_weeks (week INTEGER NOT NULL, municipality TEXT NOT NULL, sector TEXT NOT NULL,"
  "  channel TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL, received INTEGER NOT NULL DEFAULT 0,"
  "  on_time INTEGER NOT NULL DEFAULT 0, late INTEGER NOT NULL DEFAULT 0, answered INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (week, municipality, sector, channel, dimension, value)) WITHOUT ROWID;"
  "CREATE TABLE kpi_open (municipality TEXT NOT NULL, sector TEXT NOT NULL, channel TEXT NOT NULL,"
  "  dimension TEXT NOT NULL, value TEXT NOT NULL, open INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (municipality, sector, channel, dimension, value)) WITHOUT ROWID;"
  "CREATE INDEX requests_kpi_unanswered ON requests (due_at, created_at, status, municipality, sector, channel,"
  "  category, type, assignee, merged_into, first_reply_at, closed_at) WHERE " BALADI_DASHBOARD_UNANSWERED_SQL ";"
  "CREATE INDEX requests_kpi_replied ON requests (first_reply_at, created_at, municipality, sector, channel,"
  "  category, type, assignee) WHERE first_reply_at IS NOT NULL;"
  "CREATE INDEX requests_kpi_reply_times ON requests (first_reply_at, created_at) WHERE first_reply_at IS NOT NULL;"
  "CREATE INDEX requests_kpi_received ON requests (created_at, municipality, sector, channel, category, type,"
  "  assignee, merged_into, first_reply_at, closed_at, due_at, kpi_reopened, kpi_pause);"
  "UPDATE requests SET " KPI_FLAGS " WHERE id IN (SELECT request_id FROM events WHERE " KPI_FLAG_EVENT ("events") ");"
  "INSERT INTO kpi_days (day, municipality, sector, channel, received, on_time, late, answered, reopened, paused) "
  "SELECT day, municipality, sector, channel, sum(received), sum(on_time), sum(late), sum(answered), sum(reopened), "
  "sum(paused) FROM (SELECT " KPI_DAY ("created_at") " AS day, municipality, sector, channel, 1 AS received, "
  KPI_STATE ("requests") " IS 4 AS on_time, " KPI_STATE ("requests") " IS 5 AS late, 0 AS answered, "
  "kpi_reopened AS reopened, kpi_pause IS NOT NULL AS paused FROM requests UNION ALL "
  "SELECT " KPI_DAY ("first_reply_at") ", municipality, sector, channel, 0, 0, 0, 1, 0, 0 FROM requests "
  "WHERE first_reply_at IS NOT NULL) GROUP BY 1, 2, 3, 4;"
  "INSERT INTO kpi_weeks (week, municipality, sector, channel, dimension, value, received, on_time, late, answered) "
  "WITH u (w, m, s, c, d, v, n, t, l, a) AS ("
  KPI_BACKFILL_WEEKS ("'category'", "category") " UNION ALL "
  KPI_BACKFILL_WEEKS ("'type'", "type") " UNION ALL "
  KPI_BACKFILL_WEEKS ("'assignee'", "ifnull(assignee, '')") " UNION ALL "
  "SELECT " KPI_WEEK ("created_at") ", municipality, sector, channel, 'pause', kpi_pause, 1, 0, 0, 0 "
  "FROM requests WHERE kpi_pause IS NOT NULL) "
  "SELECT w, m, s, c, d, v, sum(n), sum(t), sum(l), sum(a) FROM u GROUP BY 1, 2, 3, 4, 5, 6;"
  "INSERT INTO kpi_open (municipality, sector, channel, dimension, value, open) "
  "SELECT municipality, sector, channel, 'category', category, count(*) FROM requests WHERE " KPI_OPEN ("requests")
  " GROUP BY 1, 2, 3, 4, 5 UNION ALL "
  "SELECT municipality, sector, channel, 'type', type, count(*) FROM requests WHERE " KPI_OPEN ("requests")
  " GROUP BY 1, 2, 3, 4, 5 UNION ALL "
  "SELECT municipality, sector, channel, 'assignee', ifnull(assignee, ''), count(*) FROM requests WHERE "
  KPI_OPEN ("requests") " GROUP BY 1, 2, 3, 4, 5;"
  "CREATE TRIGGER requests_kpi_insert AFTER INSERT ON requests BEGIN " KPI_ADD ("new") " END;"
  "CREATE TRIGGER requests_kpi_delete AFTER DELETE ON requests BEGIN " KPI_SUBTRACT ("old") " END;"
  "CREATE TRIGGER requests_kpi_update AFTER UPDATE ON requests WHEN "
  "  old.created_at IS NOT new.created_at OR old.first_reply_at IS NOT new.first_reply_at"
  "  OR old.closed_at IS NOT new.closed_at OR old.due_at IS NOT new.due_at"
  "  OR old.municipality IS NOT new.municipality OR old.sector IS NOT new.sector"
  "  OR old.channel IS NOT new.channel OR old.category IS NOT new.category OR old.type IS NOT new.type"
  "  OR old.assignee IS NOT new.assignee OR old.merged_into IS NOT new.merged_into"
  "  OR old.kpi_reopened IS NOT new.kpi_reopened OR old.kpi_pause IS NOT new.kpi_pause"
  "  OR (" KPI_OPEN ("old") ") IS NOT (" KPI_OPEN ("new") ") "
  "BEGIN " KPI_SUBTRACT ("old") KPI_ADD ("new") " END;"
  "CREATE TRIGGER events_kpi_insert AFTER INSERT ON events WHEN " KPI_FLAG_EVENT ("new") " BEGIN "
  "  UPDATE requests SET " KPI_FLAGS " WHERE id = new.request_id; END;"
  "CREATE TRIGGER events_kpi_delete AFTER DELETE ON events WHEN " KPI_FLAG_EVENT ("old") " BEGIN "
  "  UPDATE requests SET " KPI_FLAGS " WHERE id = old.request_id; END;",

  /* 4 → 5: requests and services imported from an Open311 GeoReport v2
   * source carry its name in origin (NULL: the central API). They are
   * read-only: local writes refuse them, and a full sync of the central
   * API does not forget them. A request's media_url is the picture its
   * source links to. Imported services are indexed for search by the
   * triggers of schema 2, like the central catalogue's; adding a column
   * to services leaves them as they are. */
  "ALTER TABLE requests ADD COLUMN origin TEXT;"
  "ALTER TABLE requests ADD COLUMN media_url TEXT;"
  "ALTER TABLE services ADD COLUMN origin TEXT;",

  /* 5 → 6: the reply templates supervisors manage on the server, pulled
   * with the lookups (GET /api/v1/templates) and replaced whole each
   * time; the request pane's menu is built from them. Forgetting when the
   * lookups were pulled makes the next sync fetch both. */
  "DELETE FROM meta WHERE key = 'lookups-at';"
  "CREATE TABLE reply_templates ("
  "  id       TEXT PRIMARY KEY,"
  "  title_ar TEXT NOT NULL,"
  "  title_en TEXT NOT NULL,"
  "  body_ar  TEXT NOT NULL,"
  "  body_en  TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  version  INTEGER NOT NULL"
  ") WITHOUT ROWID;",

  /* 6 → 7: times to first reply counted ahead of time (see KPI_REPLY_ADD),
   * so that the median and the 90th percentile of a year need not read
   * every reply of the year: the counts per bucket find the bucket each
   * falls in, and only that bucket's replies are read. */
  "CREATE TABLE kpi_reply_times (bucket INTEGER NOT NULL, first_reply_at INTEGER NOT NULL, request INTEGER NOT NULL,"
  "  work INTEGER NOT NULL, municipality TEXT NOT NULL, sector TEXT NOT NULL, channel TEXT NOT NULL,"
  "  PRIMARY KEY (bucket, first_reply_at, request)) WITHOUT ROWID;"
  "CREATE TABLE kpi_reply_weeks (dimension TEXT NOT NULL, value TEXT NOT NULL, week INTEGER NOT NULL,"
  "  bucket INTEGER NOT NULL, replies INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (dimension, value, week, bucket)) WITHOUT ROWID;"
  KPI_REPLY_BACKFILL
  "CREATE TRIGGER requests_kpi_reply_insert AFTER INSERT ON requests BEGIN " KPI_REPLY_ADD ("new") " END;"
  "CREATE TRIGGER requests_kpi_reply_delete AFTER DELETE ON requests BEGIN " KPI_REPLY_SUBTRACT ("old") " END;"
  "CREATE TRIGGER requests_kpi_reply_update AFTER UPDATE ON requests WHEN "
  "  old.created_at IS NOT new.created_at OR old.first_reply_at IS NOT new.first_reply_at"
  "  OR old.municipality IS NOT new.municipality OR old.sector IS NOT new.sector"
  "  OR old.channel IS NOT new.channel "
  "BEGIN " KPI_REPLY_SUBTRACT ("old") KPI_REPLY_ADD ("new") " END;",
};

/**
 * baladi_store_latest_version:
 *
 * Returns: the schema version this build writes
 */
int
baladi_store_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * baladi_store_migrate:
 * @target: the version to reach
 *
 * Runs the migrations from the database's version up to @target, each in
 * its own transaction together with the version it reaches.
 */
gboolean
baladi_store_migrate (sqlite3  *db,
                      int       target,
                      GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;

  g_return_val_if_fail (target >= 0 && target <= baladi_store_latest_version (), FALSE);

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  /* The dashboard's triggers call these (schema 7 on). */
  if (!baladi_dashboard_register_functions (db, error))
    return FALSE;

  if (version > baladi_store_latest_version ())
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_TOO_NEW,
                   "The cache was written by a newer Baladi Desk (schema %d; this one knows %d)",
                   version, baladi_store_latest_version ());
      return FALSE;
    }

  for (; version < target; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, migrations[version], NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, bump, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                       "Migrating the cache to schema %d failed: %s", version + 1, sqlite3_errmsg (db));
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        {
          g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                       "Migrating the cache to schema %d failed: %s", version + 1, sqlite3_errmsg (db));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * baladi_store_check_kpi_calendar:
 *
 * Counts the times to first reply again (schema 7) if they were counted on
 * a calendar other than the built-in one, as after an update of Baladi
 * Desk with newly announced holidays. Until then the dashboard computes
 * them from the requests.
 *
 * Returns: %TRUE if the counts are those of the built-in calendar
 */
gboolean
baladi_store_check_kpi_calendar (sqlite3  *db,
                                 GError  **error)
{
  static const char *rebuild =
    "BEGIN IMMEDIATE;"
    "DELETE FROM kpi_reply_times;"
    "DELETE FROM kpi_reply_weeks;"
    KPI_REPLY_BACKFILL
    "COMMIT;";
  sqlite3_stmt *stmt = NULL;
  gboolean same = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT value IS baladi_work_calendar () FROM meta WHERE key = 'kpi-calendar'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    same = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (same)
    return TRUE;

  if (sqlite3_exec (db, rebuild, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, BALADI_STORE_ERROR, BALADI_STORE_ERROR_SQLITE,
                   "Cannot count the times to first reply on the new calendar: %s", sqlite3_errmsg (db));
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}
