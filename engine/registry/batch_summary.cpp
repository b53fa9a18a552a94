#include "registry/batch_summary.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "jiuzhu/decision_writer.h"
#include "registry/sqlite_registry.h"
#include "registry/worklists.h"

namespace jiuzhu::registry {
namespace {

// Monthly amounts before (paid now) and after (what the rules grant) for the flags that change payment.
constexpr const char* kTotalsSql = R"sql(
SELECT code, region, count(*), count(DISTINCT household_id),
       sum(CAST(replace(coalesce(amount_now, '0'), '.', '') AS INTEGER)),
       sum(CASE code WHEN 'missed' THEN CAST(replace(coalesce(amount_new, '0'), '.', '') AS INTEGER)
                     WHEN 'increase' THEN CAST(replace(amount_new, '.', '') AS INTEGER)
                     WHEN 'decrease' THEN CAST(replace(amount_new, '.', '') AS INTEGER)
                     WHEN 'phase_out' THEN CAST(replace(coalesce(amount_now, '0'), '.', '') AS INTEGER)
                     WHEN 'exit' THEN 0
                     ELSE CAST(replace(coalesce(amount_now, '0'), '.', '') AS INTEGER) END)
FROM run_flags WHERE run_id = ? GROUP BY code, region ORDER BY code, region
)sql";

constexpr const char* kUnmatchedSql = R"sql(
SELECT person_id, source, kind, date, file, line FROM records r
WHERE date <= ? AND NOT EXISTS (SELECT 1 FROM members m WHERE m.id = r.person_id) ORDER BY seq
)sql";

struct Totals {
  int64_t flags = 0, households = 0, before_fen = 0, after_fen = 0;
};

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
  Statement q = db.Prepare(kTotalsSql);
  q.Bind(1, run);
  while (q.Step()) {
    Totals t{q.Int(2), q.Int(3), q.Int(4), q.Int(5)};
    std::string code(q.Text(0)), region(q.Text(1));
    Totals& all = by_flag[code];
    all.flags += t.flags;
    all.households += t.households;
    all.before_fen += t.before_fen;
    all.after_fen += t.after_fen;
    by_region[region][code] = t;
  }
  int64_t unmatched = 0;
  std::string unmatched_list = UnmatchedJson(db, as_of, unmatched);
  Statement counts_q = db.Prepare("SELECT total, (SELECT count(*) FROM decisions WHERE run_id = ?1), "
                                  "(SELECT count(*) FROM quarantine WHERE run_id = ?1), as_of, rules_version FROM runs WHERE id = ?1");
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
