// The registry's schema versions: a registry an older jiuzhu left opens in this one with what it stored intact, and
// the view run_flags (schema v6) lists a run's flags as the table it replaced did.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "registry_fixture.h"

using namespace registry_test;

namespace {

// Every row `sql` gives, one line each, columns separated by '|' and NULL as "∅".
std::string Rows(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  INFO(sql);
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &q, nullptr) == SQLITE_OK);
  std::string out;
  while (sqlite3_step(q) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(q); ++c) {
      if (c > 0) out += '|';
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(q, c));
      out += text ? text : "∅";
    }
    out += '\n';
  }
  sqlite3_finalize(q);
  sqlite3_close(db);
  return out;
}

// A v6 registry taken back to v5 as an older jiuzhu left it: flags in the table run_flags, one row each, and no
// region, grid or flag_rows in decisions.
void DowngradeToV5(const std::string& path) {
  Exec(path, R"sql(
CREATE TABLE run_flags_v5 (
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
INSERT INTO run_flags_v5 SELECT * FROM run_flags;
DROP VIEW run_flags;
ALTER TABLE run_flags_v5 RENAME TO run_flags;
ALTER TABLE decisions DROP COLUMN flag_rows;
ALTER TABLE decisions DROP COLUMN grid;
ALTER TABLE decisions DROP COLUMN region;
UPDATE meta SET value = '5' WHERE key = 'schema_version';
)sql");
}

constexpr const char* kAllFlags = "SELECT * FROM run_flags ORDER BY run_id, household_id, seq";

}  // namespace

TEST_CASE("run_flags lists each household's flags in order when ordered by household alone (flags in order)",
          "[registry][batch][schema]") {
  TempRegistry tmp;
  {
    auto reg = jiuzhu::Registry::Open(tmp.path, true);
    Import(*reg, OracleJsonl());
    reg->RunBatch(Options("2025-07-01"), Pack());
  }
  // What the worklists and the server rely on (registry/schema.h): no sort, yet seq 0, 1, 2 ... per household.
  const std::string listed = Rows(tmp.path, "SELECT household_id, seq FROM run_flags WHERE run_id = 1 ORDER BY household_id");
  std::map<std::string, int> next_seq;
  std::string last;
  int flags = 0, households_with_several = 0;
  for (size_t at = 0; at < listed.size(); at = listed.find('\n', at) + 1) {
    const std::string line = listed.substr(at, listed.find('\n', at) - at);
    const std::string household = line.substr(0, line.find('|'));
    const int seq = std::stoi(line.substr(line.find('|') + 1));
    INFO(line);
    CHECK(household >= last);
    CHECK(seq == next_seq[household]++);
    if (seq == 1) ++households_with_several;
    last = household;
    ++flags;
  }
  CHECK(households_with_several > 0);
  // As many flags as the decisions' codes name.
  const std::string codes = Rows(tmp.path, "SELECT sum(length(flags) - length(replace(flags, ';', '')) + (flags <> '')) FROM decisions");
  CHECK(codes == std::to_string(flags) + "\n");
}

TEST_CASE("a registry of schema v5 keeps its runs' flags, grids and worklists when opened", "[registry][batch][schema]") {
  TempRegistry tmp;
  const std::string before_dir = (tmp.dir / "before").string(), after_dir = (tmp.dir / "after").string();
  {
    auto reg = jiuzhu::Registry::Open(tmp.path, true);
    Import(*reg, OracleJsonl());
    auto options = Options("2025-07-01");
    options.worklists_dir = before_dir;
    reg->RunBatch(options, Pack());
  }
  const std::string flags = Rows(tmp.path, kAllFlags);
  const std::string grids = Rows(tmp.path, "SELECT * FROM run_flag_grids ORDER BY run_id, grid, household_id");
  REQUIRE(flags.size() > 1000);
  DowngradeToV5(tmp.path);
  REQUIRE(Rows(tmp.path, "SELECT type FROM sqlite_master WHERE name = 'run_flags'") == "table\n");
  CHECK(Rows(tmp.path, kAllFlags) == flags);

  auto reg = jiuzhu::Registry::Open(tmp.path, false);
  CHECK(Rows(tmp.path, "SELECT type FROM sqlite_master WHERE name = 'run_flags'") == "view\n");
  CHECK(Rows(tmp.path, kAllFlags) == flags);
  auto options = Options("2025-07-01");
  options.worklists_dir = after_dir;
  CHECK(reg->RunBatch(options, Pack()).already_done);
  CHECK(Rows(tmp.path, "SELECT * FROM run_flag_grids ORDER BY run_id, grid, household_id") == grids);
  int compared = 0;
  for (const auto& e : fs::recursive_directory_iterator(before_dir)) {
    if (e.path().extension() != ".csv" && e.path().filename() != "summary.json") continue;
    INFO(e.path());
    CHECK(ReadAll(after_dir / fs::relative(e.path(), before_dir)) == ReadAll(e.path()));
    ++compared;
  }
  CHECK(compared > 5);
  // A new run on the upgraded registry lists the same flags as the first.
  options.new_run = true;
  options.worklists_dir.clear();
  auto second = reg->RunBatch(options, Pack());
  CHECK(Rows(tmp.path, "SELECT household_id, seq, code, program, member, region, grid, amount_now, amount_new, message "
                       "FROM run_flags WHERE run_id = " + std::to_string(second.run_id) + " ORDER BY household_id, seq") ==
        Rows(tmp.path, "SELECT household_id, seq, code, program, member, region, grid, amount_now, amount_new, message "
                       "FROM run_flags WHERE run_id = 1 ORDER BY household_id, seq"));
}

TEST_CASE("a registry of schema v4 gets its records' households when opened", "[registry][batch][records][schema]") {
  TempRegistry tmp;
  {
    auto reg = jiuzhu::Registry::Open(tmp.path, true);
    Import(*reg, OneLine("fixtures/oracle/29-tekun-elder-alone.json"));
    std::string csv = "source,person_id,kind,date,value\npublic_security,51052119451111012X,death,2025-05-01,\n";
    std::FILE* in = fmemopen(csv.data(), csv.size(), "r");
    reg->ImportRecords(in, "records.csv", [](int64_t, const std::string&) { FAIL("no bad row expected"); });
    std::fclose(in);
  }
  // Back to v4 as an older jiuzhu left it: no table, no triggers, no body format.
  DowngradeToV5(tmp.path);
  std::string v4;
  for (const char* t : {"member_in", "member_out", "member_moved", "record_in", "record_out", "record_moved"})
    v4 += std::string("DROP TRIGGER record_households_") + t + ";";
  Exec(tmp.path, v4 + "DROP TABLE record_households; ALTER TABLE runs DROP COLUMN body_format; "
                      "UPDATE meta SET value = '4' WHERE key = 'schema_version';");
  auto reg = jiuzhu::Registry::Open(tmp.path, false);
  auto run = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(run.unmatched_records == 0);
  CHECK(ExportedLine(Export(*reg, run.run_id), "ORACLE-29").find("\"code\":\"data_mismatch\"") != std::string::npos);
}
