// The registry end to end on the oracle households: import → batch → export, compared with screening the same
// households directly; idempotent re-runs; reproducible stored decisions; quarantine; 渐退期 dates kept.
#include <sqlite3.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jiuzhu/decision_writer.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/registry.h"
#include "registry_fixture.h"

using namespace registry_test;  // with its `fs`

namespace {

std::string ScreenDirectly(const std::string& jsonl, jiuzhu::Date as_of, std::shared_ptr<const jiuzhu::RulePack> pack) {
  std::vector<std::pair<std::string, std::string>> by_id;
  jiuzhu::HouseholdReader reader;
  jiuzhu::Screener screener(pack);
  jiuzhu::Household h;
  jiuzhu::Decision d;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    REQUIRE(reader.ReadJson(line, h).ok);
    screener.Screen(h, as_of, jiuzhu::ReasonsMode::kAll, d);
    std::string out;
    jiuzhu::AppendDecisionJson(d, out);
    by_id.emplace_back(h.id, out + "\n");
  }
  std::sort(by_id.begin(), by_id.end());
  std::string all;
  for (auto& [id, text] : by_id) all += text;
  return all;
}

}  // namespace

TEST_CASE("a batch stores exactly the decisions screening gives, and export reproduces them", "[registry][batch]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  std::string jsonl = OracleJsonl();
  int64_t n = Import(*reg, jsonl);
  jiuzhu::BatchReport r = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(r.run_id == 1);
  CHECK(r.total == n);
  CHECK(r.decided == n);
  CHECK(r.quarantined == 0);
  CHECK(Export(*reg) == ScreenDirectly(jsonl, *jiuzhu::Date::Parse("2025-07-01"), Pack()));
}

TEST_CASE("running the same batch again changes nothing; --new-run starts another", "[registry][batch]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  Import(*reg, OracleJsonl());
  auto first = reg->RunBatch(Options("2025-07-01"), Pack());
  std::string exported = Export(*reg);
  auto again = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(again.run_id == first.run_id);
  CHECK(again.already_done);
  CHECK(Export(*reg) == exported);
  auto other_date = reg->RunBatch(Options("2025-08-01"), Pack());
  CHECK(other_date.run_id == first.run_id + 1);
  auto options = Options("2025-07-01");
  options.new_run = true;
  auto fresh = reg->RunBatch(options, Pack());
  CHECK(fresh.run_id == first.run_id + 2);
  CHECK_FALSE(fresh.already_done);
}

TEST_CASE("a stored run keeps its decisions after the household is edited", "[registry][batch]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  std::string jsonl = OracleJsonl();
  Import(*reg, jsonl);
  reg->RunBatch(Options("2025-07-01"), Pack());
  std::string before = Export(*reg, 1);
  // Re-import every household moved to 奉贤, which has no 低保 standard: a new run decides differently.
  std::string moved;
  std::istringstream in(jsonl);
  for (std::string line; std::getline(in, line);) {
    size_t at = line.find("\"region\"");
    REQUIRE(at != std::string::npos);
    size_t open = line.find('"', line.find(':', at)) + 1;
    moved += line.substr(0, open) + "310120" + line.substr(line.find('"', open)) + "\n";
  }
  Import(*reg, moved);
  CHECK(Export(*reg, 1) == before);
  auto options = Options("2025-07-01");
  options.new_run = true;
  auto second = reg->RunBatch(options, Pack());
  CHECK(Export(*reg, second.run_id) != before);
}

TEST_CASE("a household whose stored data breaks the contract is quarantined and the run completes", "[registry][batch]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  int64_t n = Import(*reg, OracleJsonl());
  reg.reset();
  Exec(tmp.path, "INSERT INTO households(id, region, hukou, grid, head_name, head_id, version, doc, imported_at) "
                 "VALUES ('ZZZ-BROKEN', '510502', 'urban', NULL, 'x', 'x', 1, '{\"id\": \"ZZZ-BROKEN\", \"region\": 5}', 'now')");
  reg = jiuzhu::Registry::Open(tmp.path, false);
  auto r = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(r.total == n + 1);
  CHECK(r.decided == n);
  CHECK(r.quarantined == 1);
  CHECK(r.summary_json.find("\"quarantined\":1") != std::string::npos);
}

TEST_CASE("a 渐退期 first proposed by a batch keeps its end date in later runs", "[registry][batch][phase_out]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  Import(*reg, OneLine("fixtures/oracle/24-phase-out-new-wage.json"));
  reg->RunBatch(Options("2025-03-10"), Pack());
  CHECK(Export(*reg).find("\"code\":\"phase_out\",\"program\":\"dibao\",\"member\":null,\"message\"") != std::string::npos);
  CHECK(Export(*reg).find("\"until\":\"2025-08-31\"") != std::string::npos);
  reg->RunBatch(Options("2025-05-10"), Pack());
  std::string may = Export(*reg);
  CHECK(may.find("\"until\":\"2025-08-31\"") != std::string::npos);  // not 2025-10-31
  reg->RunBatch(Options("2025-09-10"), Pack());
  std::string september = Export(*reg);
  CHECK(september.find("\"code\":\"exit\"") != std::string::npos);  // the 渐退期 has ended
}

TEST_CASE("departments' records change the facts evaluated and raise data_mismatch", "[registry][batch][records]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  std::string household = OneLine("fixtures/oracle/29-tekun-elder-alone.json");
  Import(*reg, household);
  size_t id_at = household.find("\"id\"", household.find("\"members\""));
  std::string person = household.substr(household.find('"', id_at + 5) + 1, 18);
  std::string csv = "source,person_id,kind,date,value\n"
                    "public_security," + person + ",death,2025-05-01,\n"
                    "public_security,999999999999999999,death,2025-05-01,\n"
                    "public_security," + person + ",bogus,2025-05-01,\n";
  std::FILE* in = fmemopen(csv.data(), csv.size(), "r");
  int bad = 0;
  auto rr = reg->ImportRecords(in, "records.csv", [&](int64_t line, const std::string&) { CHECK(line == 4); ++bad; });
  std::fclose(in);
  CHECK(rr.stored == 2);
  CHECK(bad == 1);
  auto r = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(r.unmatched_records == 1);
  std::string out = Export(*reg);
  CHECK(out.find("\"code\":\"data_mismatch\"") != std::string::npos);
  CHECK(out.find("\"program\":\"tekun\"") == std::string::npos);  // the member died: no per-person result
}

TEST_CASE("a household whose id is the empty string is decided too (regression: keyset paging)", "[registry][batch]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  std::string line = OneLine("fixtures/oracle/29-tekun-elder-alone.json");
  std::string empty_id = line;
  empty_id.replace(empty_id.find("\"ORACLE-29\""), 11, "\"\"");
  Import(*reg, empty_id + line);
  auto r = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(r.total == 2);
  CHECK(r.decided == 2);
  CHECK(Export(*reg).find("{\"household\":\"\",") == 0);
}

TEST_CASE("the facts cached at import decide exactly as the document does; a stale or missing cache is not used",
          "[registry][batch][facts]") {
  TempRegistry cached, documents;
  std::string jsonl = OracleJsonl();
  auto a = jiuzhu::Registry::Open(cached.path, true);
  auto b = jiuzhu::Registry::Open(documents.path, true);
  Import(*a, jsonl);
  Import(*b, jsonl);
  // b: no cache (a registry imported before schema v2, or written by another system) and, for one household, a
  // cache that belongs to an older version: neither may be read.
  Exec(documents.path, "UPDATE households SET facts = NULL WHERE id <> (SELECT min(id) FROM households);"
                       "UPDATE households SET facts_version = version - 1 WHERE id = (SELECT min(id) FROM households);"
                       "UPDATE households SET facts = x'00' WHERE id = (SELECT min(id) FROM households);");
  a->RunBatch(Options("2025-07-01"), Pack());
  b->RunBatch(Options("2025-07-01"), Pack());
  CHECK(Export(*a) == Export(*b));
  CHECK(Export(*a) == ScreenDirectly(jsonl, *jiuzhu::Date::Parse("2025-07-01"), Pack()));
}

TEST_CASE("corrupt cached facts fall back to the document", "[registry][batch][facts]") {
  TempRegistry tmp;
  std::string jsonl = OracleJsonl();
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  Import(*reg, jsonl);
  Exec(tmp.path, "UPDATE households SET facts = substr(facts, 1, length(facts) / 2)");
  jiuzhu::BatchReport r = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(r.quarantined == 0);
  CHECK(Export(*reg) == ScreenDirectly(jsonl, *jiuzhu::Date::Parse("2025-07-01"), Pack()));
}

TEST_CASE("how old a wage record may be is the pack's data.record_max_age_months", "[registry][batch][records]") {
  std::string household = OneLine("fixtures/oracle/29-tekun-elder-alone.json");
  size_t id_at = household.find("\"id\"", household.find("\"members\""));
  std::string person = household.substr(household.find('"', id_at + 5) + 1, 18);
  // A wage record 10 months before as_of: current under the national 12 months, stale under 6.
  std::string csv = "source,person_id,kind,date,value\nsocial_security," + person + ",wage,2024-09-01,3000\n";
  TempRegistry pack_dir;
  fs::copy(Source("rules"), pack_dir.dir / "rules", fs::copy_options::recursive);
  std::string params = ReadAll(pack_dir.dir / "rules" / "parameters.yaml");
  const std::string twelve = "value: 12, source: \"shared/spec/registry.md";
  REQUIRE(params.find(twelve) != std::string::npos);
  params.replace(params.find(twelve), twelve.size(), "value: 6, source: \"shared/spec/registry.md");
  std::ofstream(pack_dir.dir / "rules" / "parameters.yaml") << params;
  auto six = jiuzhu::LoadRulePack((pack_dir.dir / "rules").string());
  REQUIRE(six.ok());
  auto mismatches = [&](std::shared_ptr<const jiuzhu::RulePack> pack) {
    TempRegistry tmp;
    auto reg = jiuzhu::Registry::Open(tmp.path, true);
    Import(*reg, household);
    std::FILE* in = fmemopen(csv.data(), csv.size(), "r");
    reg->ImportRecords(in, "records.csv", [](int64_t, const std::string&) {});
    std::fclose(in);
    reg->RunBatch(Options("2025-07-01"), pack);
    return Export(*reg).find("\"source\":\"social_security\"") != std::string::npos;
  };
  CHECK(mismatches(Pack()));
  CHECK_FALSE(mismatches(six.pack));
}

TEST_CASE("a run made with a local pack stores the whole pack, so its export renders", "[registry][batch][local]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  std::string jsonl = OracleJsonl();
  Import(*reg, jsonl);
  auto local = jiuzhu::LoadRulePack(Source("rules/local/anhui-huaiyuan"));
  REQUIRE(local.ok());
  reg->RunBatch(Options("2025-07-01"), local.pack);
  CHECK(Export(*reg) == ScreenDirectly(jsonl, *jiuzhu::Date::Parse("2025-07-01"), local.pack));
}

namespace {

std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("a record follows its person through imports: loaded before the household, moved, shared, dropped",
          "[registry][batch][records]") {
  TempRegistry tmp;
  auto reg = jiuzhu::Registry::Open(tmp.path, true);
  const std::string p = "51052119451111012X", q = "510521196803030227";  // ORACLE-29's member, ORACLE-11's second
  const std::string h29 = OneLine("fixtures/oracle/29-tekun-elder-alone.json");
  const std::string h11 = OneLine("fixtures/oracle/11-income-equal-standard.json");
  std::string csv = "source,person_id,kind,date,value\npublic_security," + p + ",death,2025-05-01,\n";
  std::FILE* in = fmemopen(csv.data(), csv.size(), "r");
  reg->ImportRecords(in, "records.csv", [](int64_t, const std::string&) { FAIL("no bad row expected"); });
  std::fclose(in);
  auto options = Options("2025-07-01");
  options.new_run = true;
  auto mismatched = [&](const jiuzhu::BatchReport& run, const std::string& household) {
    return ExportedLine(Export(*reg, run.run_id), household).find("\"code\":\"data_mismatch\"") != std::string::npos;
  };

  Import(*reg, h29 + h11);  // the record was loaded first
  auto run = reg->RunBatch(options, Pack());
  CHECK(run.unmatched_records == 0);
  CHECK(mismatched(run, "ORACLE-29"));
  CHECK_FALSE(mismatched(run, "ORACLE-11"));

  Import(*reg, Replaced(h11, q, p));  // the person is now in both households
  run = reg->RunBatch(options, Pack());
  CHECK(run.unmatched_records == 0);
  CHECK(mismatched(run, "ORACLE-29"));
  CHECK(mismatched(run, "ORACLE-11"));

  Import(*reg, Replaced(h29, p, q));  // ... and then only in ORACLE-11
  run = reg->RunBatch(options, Pack());
  CHECK(run.unmatched_records == 0);
  CHECK_FALSE(mismatched(run, "ORACLE-29"));
  CHECK(mismatched(run, "ORACLE-11"));

  Import(*reg, h11);  // ... and in no household
  run = reg->RunBatch(options, Pack());
  CHECK(run.unmatched_records == 1);
  CHECK_FALSE(mismatched(run, "ORACLE-29"));
  CHECK_FALSE(mismatched(run, "ORACLE-11"));
}

TEST_CASE("a run begun in body format 1 is completed in format 1, and exports as it decided", "[registry][batch][codec]") {
  TempRegistry tmp;
  std::string jsonl = OracleJsonl();
  {
    auto reg = jiuzhu::Registry::Open(tmp.path, true);
    Import(*reg, jsonl);
    reg->RunBatch(Options("2025-07-01"), Pack());
  }
  // As an older jiuzhu leaves a run it was killed in: format 1, nothing of it committed yet.
  Exec(tmp.path, "UPDATE runs SET status = 'running', body_format = 1, decided = 0, quarantined = 0, finished_at = NULL; "
                 "DELETE FROM decisions; DELETE FROM run_flag_grids; DELETE FROM quarantine;");
  auto reg = jiuzhu::Registry::Open(tmp.path, false);
  auto run = reg->RunBatch(Options("2025-07-01"), Pack());
  CHECK(run.resumed);
  CHECK(Export(*reg) == ScreenDirectly(jsonl, *jiuzhu::Date::Parse("2025-07-01"), Pack()));
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(tmp.path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT body_format, status FROM runs", -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  CHECK(sqlite3_column_int(q, 0) == 1);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 1))) == "done");
  sqlite3_finalize(q);
  sqlite3_close(db);
}
