#include "registry/batch_summary.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "jiuzhu/decision_writer.h"
#include "registry/sqlite_registry.h"
#include "registry/worklists.h"

namespace jiuzhu::registry {
namespace {

// The flags of a run in key order, for the totals per flag and region (summed here rather than by GROUP BY in SQL:
// one pass in household order, no temporary b-trees for the grouping and the distinct households).
constexpr const char* kFlagsSql =
    "SELECT code, region, household_id, amount_now, amount_new FROM run_flags WHERE run_id = ? ORDER BY household_id, seq";

constexpr const char* kUnmatchedSql = R"sql(
SELECT person_id, source, kind, date, file, line FROM records r
WHERE date <= ? AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = r.person_id) ORDER BY seq
)sql";

struct Totals {
  int64_t flags = 0, households = 0, before_fen = 0, after_fen = 0;
  std::string last_household;  // households are counted once per flag and region; rows come in household order
};

// "1234.50" (Num::ToFixed2, as run_flags stores amounts) in fen; NULL (no amount) is 0.
int64_t Fen(const Statement& q, int col) {
  if (q.IsNull(col)) return 0;
  std::optional<Num> n = Num::ParseDecimal(q.Text(col), 2);
  return n ? n->RoundFen() : 0;
}

// Monthly amounts before (paid now) and after (what the rules grant): a missed benefit adds what is granted, an
// exit takes away what was paid, a phase-out keeps paying until its end, a changed amount moves to the new one;
// other flags leave payment as it is.
void AddFlag(std::string_view code, const Statement& q, Totals& t) {
  int64_t now = Fen(q, 3), granted = Fen(q, 4);
  ++t.flags;
  if (t.households == 0 || t.last_household != q.Text(2)) {
    ++t.households;
    t.last_household = q.Text(2);
  }
  t.before_fen += now;
  if (code == "missed" || code == "increase" || code == "decrease") t.after_fen += granted;
  else if (code != "exit") t.after_fen += now;
}

void AppendTotals(const Totals& t, std::string& out) {
  out += "{\"flags\":" + std::to_string(t.flags) + ",\"households\":" + std::to_string(t.households) +
         ",\"monthly_before\":" + Num::Fen(t.before_fen).ToString() + ",\"monthly_after\":" + Num::Fen(t.after_fen).ToString() +
         ",\"monthly_change\":" + Num::Fen(t.after_fen - t.before_fen).ToString() + "}";
}

// Lists at most this many unmatched records in the summary; the count is always complete.
constexpr int kUnmatchedListed = 1000;

std::string UnmatchedJson(Database& db, Date as_of, int64_t& count) {
  Statement q = db.Prepare(kUnmatchedSql);
  q.Bind(1, as_of.ToString());
  std::string list = "[";
  count = 0;
  while (q.Step()) {
    if (count++ >= kUnmatchedListed) continue;
    if (list.size() > 1) list += ',';
    list += "{\"person_id\":";
    AppendJsonString(MaskId(q.Text(0)), list);
    list += ",\"source\":";
    AppendJsonString(q.Text(1), list);
    list += ",\"kind\":";
    AppendJsonString(q.Text(2), list);
    list += ",\"date\":";
    AppendJsonString(q.Text(3), list);
    list += ",\"file\":";
    AppendJsonString(q.Text(4), list);
    list += ",\"line\":" + std::to_string(q.Int(5)) + "}";
  }
  return list + "]";
}

}  // namespace

void FinishRun(Database& db, int64_t run, Date as_of) {
  std::map<std::string, Totals> by_flag;
  std::map<std::string, std::map<std::string, Totals>> by_region;
  Statement q = db.Prepare(kFlagsSql);
  q.Bind(1, run);
  std::string code, region;
  while (q.Step()) {
    code = q.Text(0);
    region = q.Text(1);
    AddFlag(code, q, by_flag[code]);
    AddFlag(code, q, by_region[region][code]);
  }
  int64_t unmatched = 0;
  std::string unmatched_list = UnmatchedJson(db, as_of, unmatched);
  Statement counts_q = db.Prepare("SELECT total, decided, quarantined, as_of, rules_version FROM runs WHERE id = ?1");
  counts_q.Bind(1, run);
  counts_q.Step();
  std::string counts = "{";
  for (const auto& [code, t] : by_flag) {
    if (counts.size() > 1) counts += ',';
    counts += "\"" + code + "\":" + std::to_string(t.flags);
  }
  counts += "}";
  std::string summary = "{\"run\":" + std::to_string(run) + ",\"as_of\":\"" + std::string(counts_q.Text(3)) +
                        "\",\"rules_version\":\"" + std::string(counts_q.Text(4)) + "\",\"households\":" +
                        std::to_string(counts_q.Int(0)) + ",\"decided\":" + std::to_string(counts_q.Int(1)) +
                        ",\"quarantined\":" + std::to_string(counts_q.Int(2)) + ",\"flags\":{";
  bool first = true;
  for (const auto& [code, t] : by_flag) {
    summary += (first ? "\"" : ",\"") + code + "\":";
    AppendTotals(t, summary);
    first = false;
  }
  summary += "},\"regions\":{";
  first = true;
  for (const auto& [region, flags] : by_region) {
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
  summary += "},\"unmatched_records\":{\"count\":" + std::to_string(unmatched) + ",\"listed\":" + unmatched_list + "}}";
  int64_t decided = counts_q.Int(1), quarantined = counts_q.Int(2);
  counts_q.Reset();
  Statement done = db.Prepare("UPDATE runs SET status = 'done', finished_at = ?, decided = ?, quarantined = ?, "
                              "unmatched_records = ?, counts = ?, summary = ? WHERE id = ?");
  done.Bind(1, NowUtc()).Bind(2, decided).Bind(3, quarantined).Bind(4, unmatched).Bind(5, counts).Bind(6, summary).Bind(7, run).Run();
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
  Statement by_household = db.Prepare(std::string(kFlagRowsSql) + "f.household_id, f.seq");
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
