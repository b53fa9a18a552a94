#include "registry/batch_summary.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "jiuzhu/decision_writer.h"
#include "registry/schema.h"
#include "registry/sqlite_registry.h"
#include "registry/worklists.h"

namespace jiuzhu::registry {
namespace {

// The flags of a run in key order, for the totals per flag and region (summed here rather than by GROUP BY in SQL:
// one pass in household order, no temporary b-trees for the grouping and the distinct households). Ordered by
// household only, which lists each household's flags in order (schema.h).
constexpr const char* kFlagsSql =
    "SELECT code, region, household_id, amount_now, amount_new FROM run_flags WHERE run_id = ? ORDER BY household_id";

// "1234.50" (Num::ToFixed2, as decisions.flag_rows stores amounts) in fen; NULL (no amount) is 0.
int64_t Fen(const Statement& q, int col) {
  if (q.IsNull(col)) return 0;
  std::optional<Num> n = Num::ParseDecimal(q.Text(col), 2);
  return n ? n->RoundFen() : 0;
}

std::string UnmatchedJson(const UnmatchedRecords& unmatched) {
  std::string list = "[";
  for (const UnmatchedRecord& r : unmatched.listed) {
    if (list.size() > 1) list += ',';
    list += "{\"person_id\":";
    AppendJsonString(MaskId(r.person_id), list);
    list += ",\"source\":";
    AppendJsonString(r.source, list);
    list += ",\"kind\":";
    AppendJsonString(r.kind, list);
    list += ",\"date\":";
    AppendJsonString(r.date, list);
    list += ",\"file\":";
    AppendJsonString(r.file, list);
    list += ",\"line\":" + std::to_string(r.line) + "}";
  }
  return list + "]";
}

}  // namespace

// Monthly amounts before (paid now) and after (what the rules grant): a missed benefit adds what is granted, an
// exit takes away what was paid, a phase-out keeps paying until its end, a changed amount moves to the new one;
// other flags leave payment as it is.
void RunTotals::AddTo(Totals& t, std::string_view code, std::string_view household, int64_t now_fen, int64_t granted_fen) {
  ++t.flags;
  if (t.households == 0 || t.last_household != household) {
    ++t.households;
    t.last_household = household;
  }
  t.before_fen += now_fen;
  if (code == "missed" || code == "increase" || code == "decrease") t.after_fen += granted_fen;
  else if (code != "exit") t.after_fen += now_fen;
}

void RunTotals::Add(std::string_view code, std::string_view region, std::string_view household, int64_t now_fen, int64_t granted_fen) {
  auto flag = by_flag_.find(code);
  if (flag == by_flag_.end()) flag = by_flag_.emplace(std::string(code), Totals()).first;
  AddTo(flag->second, code, household, now_fen, granted_fen);
  auto in_region = by_region_.find(region);
  if (in_region == by_region_.end()) in_region = by_region_.emplace(std::string(region), std::map<std::string, Totals, std::less<>>()).first;
  auto regional = in_region->second.find(code);
  if (regional == in_region->second.end()) regional = in_region->second.emplace(std::string(code), Totals()).first;
  AddTo(regional->second, code, household, now_fen, granted_fen);
}

void RunTotals::AddStored(Database& db, int64_t run) {
  Statement q = db.Prepare(kFlagsSql);
  q.Bind(1, run);
  while (q.Step()) Add(q.Text(0), q.Text(1), q.Text(2), Fen(q, 3), Fen(q, 4));
}

void RunTotals::AppendTotals(const Totals& t, std::string& out) {
  out += "{\"flags\":" + std::to_string(t.flags) + ",\"households\":" + std::to_string(t.households) +
         ",\"monthly_before\":" + Num::Fen(t.before_fen).ToString() + ",\"monthly_after\":" + Num::Fen(t.after_fen).ToString() +
         ",\"monthly_change\":" + Num::Fen(t.after_fen - t.before_fen).ToString() + "}";
}

std::string RunTotals::CountsJson() const {
  std::string counts = "{";
  for (const auto& [code, t] : by_flag_) {
    if (counts.size() > 1) counts += ',';
    counts += "\"" + code + "\":" + std::to_string(t.flags);
  }
  return counts + "}";
}

void RunTotals::AppendFlagsAndRegions(std::string& summary) const {
  summary += "\"flags\":{";
  bool first = true;
  for (const auto& [code, t] : by_flag_) {
    summary += (first ? "\"" : ",\"") + code + "\":";
    AppendTotals(t, summary);
    first = false;
  }
  summary += "},\"regions\":{";
  first = true;
  for (const auto& [region, flags] : by_region_) {
    summary += (first ? "\"" : ",\"") + region + "\":{";
    bool inner = true;
    for (const auto& [code, t] : flags) {
      summary += (inner ? "\"" : ",\"") + code + "\":";
      AppendTotals(t, summary);
      inner = false;
    }
    summary += "}";
    first = false;
  }
  summary += "}";
}

void FinishRun(Database& db, int64_t run, const RunTotals& totals, const UnmatchedRecords& unmatched) {
  Transaction tx(db);
  // The grids of the run's flagged households, sorted into key order so that the rows are appended (schema v4).
  // One sort at the end costs less than keeping them sorted as the run goes: a TEMP b-tree took 2 µs an insert on
  // the writing thread, twice what the sort takes a household.
  Statement grids = db.Prepare("INSERT OR IGNORE INTO run_flag_grids(run_id, grid, household_id) "
                               "SELECT run_id, grid, household_id FROM decisions "
                               "WHERE run_id = ?1 AND flag_rows IS NOT NULL AND grid IS NOT NULL ORDER BY grid, household_id");
  grids.Bind(1, run).Run();
  Statement counts_q = db.Prepare("SELECT total, decided, quarantined, as_of, rules_version FROM runs WHERE id = ?1");
  counts_q.Bind(1, run);
  counts_q.Step();
  std::string summary = "{\"run\":" + std::to_string(run) + ",\"as_of\":\"" + std::string(counts_q.Text(3)) +
                        "\",\"rules_version\":\"" + std::string(counts_q.Text(4)) + "\",\"households\":" +
                        std::to_string(counts_q.Int(0)) + ",\"decided\":" + std::to_string(counts_q.Int(1)) +
                        ",\"quarantined\":" + std::to_string(counts_q.Int(2)) + ",";
  totals.AppendFlagsAndRegions(summary);
  summary += ",\"unmatched_records\":{\"count\":" + std::to_string(unmatched.count) + ",\"listed\":" + UnmatchedJson(unmatched) + "}}";
  counts_q.Reset();
  // decided and quarantined are already the rows committed: every chunk's transaction adds its own (RunWriter).
  Statement done = db.Prepare("UPDATE runs SET status = 'done', finished_at = ?, unmatched_records = ?, counts = ?, summary = ? "
                              "WHERE id = ?");
  done.Bind(1, NowUtc()).Bind(2, unmatched.count).Bind(3, totals.CountsJson()).Bind(4, summary).Bind(5, run).Run();
  tx.Commit();
}

void FillReport(Database& db, BatchReport& report) {
  Statement q = db.Prepare("SELECT total, decided, quarantined, unmatched_records, coalesce(summary, '{}') FROM runs WHERE id = ?");
  q.Bind(1, report.run_id);
  if (!q.Step()) return;
  report.total = q.Int(0);
  report.decided = q.Int(1);
  report.quarantined = q.Int(2);
  report.unmatched_records = q.Int(3);
  report.summary_json = q.Text(4);
}

namespace {

constexpr const char* kFlagRowsSql = R"sql(
SELECT f.household_id, coalesce(f.grid, ''), f.region, coalesce(h.head_name, ''), coalesce(h.head_id, ''),
       f.code, f.program, f.member, f.amount_now, f.amount_new, f.message
FROM run_flags f LEFT JOIN households h ON h.id = f.household_id
WHERE f.run_id = ? ORDER BY )sql";

RowSource SourceFor(Statement& q) {
  return [&q](WorklistRow& row) {
    if (!q.Step()) return false;
    row.household = q.Text(0);
    row.grid = q.Text(1);
    row.region = q.Text(2);
    row.head_name = q.Text(3);
    row.head_id = q.Text(4);
    row.flag = q.Text(5);
    row.program = q.Text(6);
    row.member_id = q.Text(7);
    row.amount_now = q.IsNull(8) ? std::nullopt : Num::ParseDecimal(q.Text(8), 2);
    row.amount_new = q.IsNull(9) ? std::nullopt : Num::ParseDecimal(q.Text(9), 2);
    row.reason = q.Text(10);
    return true;
  };
}

}  // namespace

void WriteRunWorklists(Database& db, int64_t run, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  Statement by_household = db.Prepare(std::string(kFlagRowsSql) + "f.household_id");
  Statement by_grid = db.Prepare(std::string(kFlagRowsSql) + "coalesce(f.grid, ''), f.household_id, f.seq");
  by_household.Bind(1, run);
  by_grid.Bind(1, run);
  std::string error;
  if (!WriteWorklists(dir, SourceFor(by_household), SourceFor(by_grid), error)) throw IoError(error);
  Statement summary = db.Prepare("SELECT coalesce(summary, '{}') FROM runs WHERE id = ?");
  summary.Bind(1, run);
  summary.Step();
  std::ofstream out(dir + "/summary.json", std::ios::binary);
  out << summary.Text(0) << '\n';
  if (!out) throw IoError("cannot write " + dir + "/summary.json");
}

}  // namespace jiuzhu::registry
