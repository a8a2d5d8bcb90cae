-- The database of baladi-server. Times are Unix seconds (UTC). Every change
-- to a request or a service takes the next value of the global change
-- sequence (meta 'seq') as its row's `seq`; the changes feed pages through
-- rows by `seq`. Bilingual text is stored as _ar and _en columns.
-- This is version 1; the upgrades after it (baladi-server-db.c) run on
-- new databases too.

PRAGMA user_version = 1;

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- 'seq'        the last change sequence number handed out
-- 'epoch'      random string; a cursor from another epoch (another database,
--              or one restored from a backup) is answered with 410 Gone
-- 'min_seq'    changes older than this are compacted: older cursors get 410
-- 'serial:<municipality>:<year>'  last reference serial used

CREATE TABLE municipalities (
  code    TEXT PRIMARY KEY,        -- capital, muharraq, northern, southern
  prefix  TEXT NOT NULL UNIQUE,    -- CAP, MUH, NOR, SOU: the reference prefix
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE sectors (
  code    TEXT PRIMARY KEY,        -- municipalities, urban-planning, agriculture-marine
  name_ar TEXT NOT NULL,
  name_en TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE categories (
  code      TEXT PRIMARY KEY,
  sector    TEXT NOT NULL REFERENCES sectors (code),
  name_ar   TEXT NOT NULL,
  name_en   TEXT NOT NULL,
  sla_value INTEGER NOT NULL CHECK (sla_value > 0),
  sla_unit  TEXT NOT NULL CHECK (sla_unit IN ('working_hours', 'working_days'))
) WITHOUT ROWID;

CREATE TABLE staff (
  username        TEXT PRIMARY KEY,
  display_name_ar TEXT NOT NULL,
  display_name_en TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'director', 'catalogue_editor')),
  -- Comma-separated municipality codes the person may see and change;
  -- '*' for all (directors).
  scope           TEXT NOT NULL,
  password_hash   TEXT NOT NULL,   -- pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>
  active          INTEGER NOT NULL DEFAULT 1
) WITHOUT ROWID;

CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,     -- SHA-256 of the bearer token; the token itself is never stored
  username   TEXT NOT NULL REFERENCES staff (username),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE services (
  code        TEXT PRIMARY KEY,    -- MUN-001 ...
  sector      TEXT NOT NULL REFERENCES sectors (code),
  category    TEXT NOT NULL,       -- the catalogue's own grouping, e.g. building-licensing
  document    TEXT NOT NULL,       -- the whole bilingual service as JSON (see data/demo/*.json)
  version     INTEGER NOT NULL DEFAULT 1,
  updated_at  INTEGER NOT NULL,
  seq         INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX services_seq ON services (seq);

CREATE TABLE requests (
  id               TEXT PRIMARY KEY,   -- UUID, made by whoever filed the request
  reference        TEXT NOT NULL UNIQUE, -- CAP-2026-000123
  type             TEXT NOT NULL,      -- complaint, suggestion, inquiry, note, compliment
  category         TEXT NOT NULL REFERENCES categories (code),
  sector           TEXT NOT NULL REFERENCES sectors (code),
  municipality     TEXT NOT NULL REFERENCES municipalities (code),
  channel          TEXT NOT NULL,
  status           TEXT NOT NULL,
  priority         TEXT NOT NULL DEFAULT 'normal',
  language         TEXT NOT NULL DEFAULT 'ar', -- the citizen's language: ar or en
  service_code     TEXT,               -- the catalogue service it concerns, if any
  citizen_name     TEXT NOT NULL,
  citizen_phone    TEXT,
  citizen_email    TEXT,
  citizen_cpr      TEXT,
  address_building TEXT,
  address_road     TEXT,
  address_block    TEXT,
  address_area     TEXT,
  latitude         REAL,
  longitude        REAL,
  subject          TEXT NOT NULL,
  description      TEXT NOT NULL,
  attachments      TEXT NOT NULL DEFAULT '[]', -- JSON list of {name, mime_type, size, sha256}
  assignee         TEXT REFERENCES staff (username),
  merged_into      TEXT REFERENCES requests (id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  first_reply_at   INTEGER,
  due_at           INTEGER NOT NULL,
  closed_at        INTEGER,
  version          INTEGER NOT NULL DEFAULT 1,
  seq              INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX requests_seq ON requests (seq);
CREATE INDEX requests_municipality_seq ON requests (municipality, seq);
CREATE INDEX requests_created ON requests (created_at);

-- The history of a request, oldest first.
CREATE TABLE events (
  id         TEXT PRIMARY KEY,       -- UUID
  request_id TEXT NOT NULL REFERENCES requests (id),
  kind       TEXT NOT NULL,          -- created, reply, internal_note, status_change, assignment, transfer, merge
  author     TEXT,                   -- staff username; NULL for the citizen or the system
  created_at INTEGER NOT NULL,
  body       TEXT,                   -- the text of a reply or a note
  public     INTEGER NOT NULL DEFAULT 0, -- 1 only for a reply the citizen sees
  old_value  TEXT,                   -- previous status / assignee / municipality
  new_value  TEXT,
  reason     TEXT
);
-- A rowid table: the rowid orders events of the same second.
CREATE INDEX events_request ON events (request_id, created_at);

-- Requests that left a municipality by transfer: the changes feed tells
-- those who could see them there, and no longer can, that they are gone.
CREATE TABLE departures (
  request_id   TEXT NOT NULL REFERENCES requests (id),
  municipality TEXT NOT NULL,          -- the municipality it left
  seq          INTEGER NOT NULL
);
CREATE INDEX departures_seq ON departures (seq);

-- Intervals during which a request's SLA clock was paused (waiting on the
-- citizen or on another agency). end_at is NULL while still paused.
CREATE TABLE pauses (
  request_id TEXT NOT NULL REFERENCES requests (id),
  start_at   INTEGER NOT NULL,
  end_at     INTEGER,
  status     TEXT NOT NULL,          -- waiting_citizen or waiting_agency
  PRIMARY KEY (request_id, start_at)
) WITHOUT ROWID;

-- The first answer to each write, by Idempotency-Key and user, so that a
-- repeat gets the same answer and a reuse with another payload gets 422.
CREATE TABLE idempotency (
  username     TEXT NOT NULL,
  key          TEXT NOT NULL,
  payload_hash TEXT NOT NULL,        -- SHA-256 of method, path and body
  status       INTEGER NOT NULL,
  body         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (username, key)
) WITHOUT ROWID;
