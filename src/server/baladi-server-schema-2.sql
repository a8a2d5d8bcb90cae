-- Schema 1 → 2 of the server's database: reply templates, the canned
-- replies supervisors manage (docs/api.md, "Reply templates"). A new
-- database runs baladi-server-schema.sql, then this; a database of schema
-- 1 runs this alone. The five starting templates are inserted by
-- baladi_server_seed_templates() in the same transaction.

CREATE TABLE reply_templates (
  id         TEXT PRIMARY KEY,     -- acknowledge, or a UUID for a template made through the API
  title_ar   TEXT NOT NULL,
  title_en   TEXT NOT NULL,
  body_ar    TEXT NOT NULL,        -- with {citizen}, {reference}, {due}, {service}, {requirements}
  body_en    TEXT NOT NULL,
  position   INTEGER NOT NULL,     -- the menu's order, smallest first
  version    INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  updated_by TEXT                  -- a staff user name; NULL for the seeded templates
) WITHOUT ROWID;

PRAGMA user_version = 2;
