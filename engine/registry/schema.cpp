#include "registry/schema.h"

#include <string>

namespace jiuzhu::registry {
namespace {

// Version 1. Households are stored as their household.md document (the source of truth, exactly as imported);
// the other household columns and the members/enrolments tables are projections for look-ups and worklists.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE households (
  id          TEXT PRIMARY KEY,
  region      TEXT NOT NULL,
  hukou       TEXT NOT NULL,
  grid        TEXT,
  head_name   TEXT NOT NULL,
  head_id     TEXT NOT NULL,
  version     INTEGER NOT NULL,
  doc         TEXT NOT NULL,
  imported_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX households_by_grid ON households(grid, id);
CREATE TABLE members (
  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  idx          INTEGER NOT NULL,
  id           TEXT NOT NULL,
  name         TEXT NOT NULL,
  relation     TEXT NOT NULL,
  PRIMARY KEY (household_id, idx)
) WITHOUT ROWID;
CREATE INDEX members_by_id ON members(id);
CREATE TABLE enrolments (
  household_id    TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  idx             INTEGER NOT NULL,
  program         TEXT NOT NULL,
  member          TEXT,
  since           TEXT NOT NULL,
  monthly         TEXT NOT NULL,
  last_review     TEXT NOT NULL,
  phase_out_until TEXT,
  PRIMARY KEY (household_id, idx)
) WITHOUT ROWID;
CREATE TABLE records (
  seq       INTEGER PRIMARY KEY,
  source    TEXT NOT NULL,
  person_id TEXT NOT NULL,
  kind      TEXT NOT NULL,
  date      TEXT NOT NULL,
  value     TEXT NOT NULL,
  file      TEXT NOT NULL,
  line      INTEGER NOT NULL
);
CREATE INDEX records_by_person ON records(person_id, date);
CREATE TABLE packs (
  rules_version TEXT PRIMARY KEY,
  files         TEXT NOT NULL,
  stored_at     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE runs (
  id                INTEGER PRIMARY KEY,
  as_of             TEXT NOT NULL,
  rules_version     TEXT NOT NULL REFERENCES packs(rules_version),
  started_at        TEXT NOT NULL,
  finished_at       TEXT,
  status            TEXT NOT NULL CHECK (status IN ('running', 'done')),
  total             INTEGER NOT NULL DEFAULT 0,
  decided           INTEGER NOT NULL DEFAULT 0,
  quarantined       INTEGER NOT NULL DEFAULT 0,
  unmatched_records INTEGER NOT NULL DEFAULT 0,
  counts            TEXT,
  summary           TEXT
);
CREATE INDEX runs_by_key ON runs(as_of, rules_version, id);
CREATE TABLE decisions (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  household_id TEXT NOT NULL,
  version      INTEGER NOT NULL,
  flags        TEXT NOT NULL,
  body         BLOB NOT NULL,
  PRIMARY KEY (run_id, household_id)
) WITHOUT ROWID;
CREATE TABLE run_flags (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  household_id TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  code         TEXT NOT NULL,
  program      TEXT NOT NULL,
  member       TEXT NOT NULL,
  region       TEXT NOT NULL,
  grid         TEXT,
  amount_now   TEXT,
  amount_new   TEXT,
  message      TEXT NOT NULL,
  PRIMARY KEY (run_id, household_id, seq)
) WITHOUT ROWID;
CREATE TABLE quarantine (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  household_id TEXT NOT NULL,
  error        TEXT NOT NULL,
  PRIMARY KEY (run_id, household_id)
) WITHOUT ROWID;
CREATE TABLE phase_out_proposals (
  household_id    TEXT NOT NULL,
  enrolment_since TEXT NOT NULL,
  until           TEXT NOT NULL,
  proposed_on     TEXT NOT NULL,
  run_id          INTEGER NOT NULL,
  PRIMARY KEY (household_id, enrolment_since)
) WITHOUT ROWID;
)sql";

// Version 2: the household's validated facts in a compact binary form (registry/facts_codec.h), so that a batch
// decodes typed values instead of parsing and validating the JSON document again. A cache of `doc`: it is used
// only while `facts_version` equals `version`, so whatever rewrites `doc` and bumps `version` (an import, a
// visit) makes a stale cache unreachable, and a NULL falls back to `doc`.
constexpr const char* kSchemaV2 = R"sql(
ALTER TABLE households ADD COLUMN facts BLOB;
ALTER TABLE households ADD COLUMN facts_version INTEGER;
)sql";

// Version 3: the caseworkers' server (http.md). Users with their scope and an Argon2id hash; sessions by the
// SHA-256 of their id (the id itself is never stored); failed logins for throttling; the hash-chained audit log
// (append-only: triggers refuse UPDATE and DELETE); visits with the changes and the Decision they made; and the
// household's history (the document before and after every replacement, by import or visit).
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE users (
  name          TEXT PRIMARY KEY,
  role          TEXT NOT NULL CHECK (role IN ('caseworker', 'supervisor', 'admin')),
  grids         TEXT NOT NULL DEFAULT '',
  regions       TEXT NOT NULL DEFAULT '',
  disabled      INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL,
  generation    INTEGER NOT NULL DEFAULT 1,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  user         TEXT NOT NULL,
  generation   INTEGER NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user);
CREATE TABLE login_failures (
  seq     INTEGER PRIMARY KEY,
  user    TEXT NOT NULL,
  address TEXT NOT NULL,
  at      INTEGER NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures(user, at);
CREATE INDEX login_failures_by_address ON login_failures(address, at);
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user      TEXT NOT NULL,
  address   TEXT NOT NULL,
  action    TEXT NOT NULL,
  target    TEXT NOT NULL,
  status    INTEGER NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TABLE visits (
  id           INTEGER PRIMARY KEY,
  household_id TEXT NOT NULL,
  user         TEXT NOT NULL,
  date         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  base_version INTEGER NOT NULL,
  version      INTEGER NOT NULL,
  recorded_at  TEXT NOT NULL,
  after_run    INTEGER,
  visit        TEXT NOT NULL,
  decision     TEXT NOT NULL
);
CREATE INDEX visits_by_household ON visits(household_id, id);
CREATE TABLE household_history (
  household_id TEXT NOT NULL,
  version      INTEGER NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('import', 'visit')),
  recorded_at  TEXT NOT NULL,
  doc_before   TEXT NOT NULL,
  doc_after    TEXT NOT NULL,
  PRIMARY KEY (household_id, version)
) WITHOUT ROWID;
CREATE INDEX run_flags_by_grid ON run_flags(run_id, grid, household_id);
)sql";

// Version 4: the grids of a run's flagged households in their own table, filled once when the run finishes
// (sorted, so appended), instead of the index run_flags_by_grid. Flags arrive in household order and that index
// is in grid order: every chunk's commit rewrote nearly every page of the run's part of it, writes that grew with
// the square of the registry (1M households: a 21.1 s batch, 10.1 s without the index). Only grids are listed:
// a scope or filter by grid never matches a household without one.
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE run_flag_grids (
  run_id       INTEGER NOT NULL REFERENCES runs(id),
  grid         TEXT NOT NULL,
  household_id TEXT NOT NULL,
  PRIMARY KEY (run_id, grid, household_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO run_flag_grids SELECT run_id, grid, household_id FROM run_flags WHERE grid IS NOT NULL;
DROP INDEX run_flags_by_grid;
)sql";

// Version 5. The format of a run's decision bodies (decision_codec.h; runs before this version are in format 1).
// Which households each department's record belongs to (those with a member of its person_id), kept by
// triggers whenever members or records are written, so that a batch reads a chunk's records by household instead
// of resolving every record against the members at its start (a serial step that grew with the registry).
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE record_households (
  household_id TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  PRIMARY KEY (household_id, seq)
) WITHOUT ROWID;
CREATE INDEX record_households_by_seq ON record_households(seq);
INSERT OR IGNORE INTO record_households(household_id, seq)
  SELECT m.household_id, r.seq FROM records r JOIN members m ON m.id = r.person_id;
CREATE TRIGGER record_households_member_in AFTER INSERT ON members BEGIN
  INSERT OR IGNORE INTO record_households(household_id, seq) SELECT NEW.household_id, seq FROM records WHERE person_id = NEW.id;
END;
CREATE TRIGGER record_households_member_out AFTER DELETE ON members BEGIN
  DELETE FROM record_households WHERE household_id = OLD.household_id
    AND seq IN (SELECT seq FROM records WHERE person_id = OLD.id)
    AND NOT EXISTS (SELECT 1 FROM members WHERE household_id = OLD.household_id AND id = OLD.id);
END;
CREATE TRIGGER record_households_member_moved AFTER UPDATE OF household_id, id ON members BEGIN
  DELETE FROM record_households WHERE household_id = OLD.household_id
    AND seq IN (SELECT seq FROM records WHERE person_id = OLD.id)
    AND NOT EXISTS (SELECT 1 FROM members WHERE household_id = OLD.household_id AND id = OLD.id);
  INSERT OR IGNORE INTO record_households(household_id, seq) SELECT NEW.household_id, seq FROM records WHERE person_id = NEW.id;
END;
CREATE TRIGGER record_households_record_in AFTER INSERT ON records BEGIN
  INSERT OR IGNORE INTO record_households(household_id, seq) SELECT household_id, NEW.seq FROM members WHERE id = NEW.person_id;
END;
CREATE TRIGGER record_households_record_out AFTER DELETE ON records BEGIN
  DELETE FROM record_households WHERE seq = OLD.seq;
END;
CREATE TRIGGER record_households_record_moved AFTER UPDATE OF person_id ON records BEGIN
  DELETE FROM record_households WHERE seq = OLD.seq;
  INSERT OR IGNORE INTO record_households(household_id, seq) SELECT household_id, NEW.seq FROM members WHERE id = NEW.person_id;
END;
ALTER TABLE runs ADD COLUMN body_format INTEGER NOT NULL DEFAULT 1;
)sql";

// Version 6: a run's flags in their decision's row instead of one run_flags row each — a run's time is in the rows
// it writes more than in their bytes (100k households: 58k flag rows beside 100k decisions). `flag_rows` is a
// JSON array of [code, program, member, amount_now, amount_new, message] (amounts as "1234.50" text or null), NULL
// when the household has no flag; `region` and `grid` are the household's when the run decided it (NULL in
// decisions stored before this version without a flag). `run_flags` becomes a view with the columns of the table
// it replaces, so what reads flags reads them as before. The upgrade's GROUP BY reads its subquery in order, so
// each array is in seq order (schema_test compares every flag before and after).
constexpr const char* kSchemaV6 = R"sql(
ALTER TABLE decisions ADD COLUMN region TEXT;
ALTER TABLE decisions ADD COLUMN grid TEXT;
ALTER TABLE decisions ADD COLUMN flag_rows TEXT;
UPDATE decisions SET region = g.region, grid = g.grid, flag_rows = g.list
FROM (SELECT run_id, household_id, min(region) AS region, min(grid) AS grid,
             json_group_array(json_array(code, program, member, amount_now, amount_new, message)) AS list
      FROM (SELECT * FROM run_flags ORDER BY run_id, household_id, seq) GROUP BY run_id, household_id) AS g
WHERE decisions.run_id = g.run_id AND decisions.household_id = g.household_id;
DROP TABLE run_flags;
CREATE VIEW run_flags(run_id, household_id, seq, code, program, member, region, grid, amount_now, amount_new, message) AS
SELECT d.run_id, d.household_id, f.key, f.value ->> 0, f.value ->> 1, f.value ->> 2, d.region, d.grid, f.value ->> 3,
       f.value ->> 4, f.value ->> 5
FROM decisions AS d, json_each(d.flag_rows) AS f;
)sql";

// Migration i takes the schema from version i to i + 1.
constexpr const char* kMigrations[] = {kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5, kSchemaV6};

int CurrentVersion(Database& db) {
  Statement exists = db.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  exists.Step();
  if (exists.Int(0) == 0) return 0;
  Statement v = db.Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
  return v.Step() ? std::stoi(std::string(v.Text(0))) : 0;
}

}  // namespace

void EnsureSchema(Database& db) {
  int version = CurrentVersion(db);
  if (version > kSchemaVersion)
    throw DatabaseError("registry '" + db.path() + "' has schema version " + std::to_string(version) +
                        ", newer than this jiuzhu (" + std::to_string(kSchemaVersion) + "): upgrade jiuzhu");
  if (version == kSchemaVersion) return;
  Transaction tx(db);
  db.Exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID");
  for (int v = version; v < kSchemaVersion; ++v) db.Exec(kMigrations[v]);
  db.Exec("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', '" + std::to_string(kSchemaVersion) + "')");
  tx.Commit();
}

}  // namespace jiuzhu::registry
