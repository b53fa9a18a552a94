// GET /api/worklists (one item per Flag of a run, in scope, 500 a page) and /api/worklists/{stem}.csv|.xlsx (the
// worklist file of registry.md for that stem, scoped the same way, written by the batch's own worklist writers).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/id_number.h"
#include "jiuzhu/decision_writer.h"
#include "registry/worklists_internal.h"
#include "server/handlers.h"

namespace jiuzhu::server {

using registry::Statement;

namespace {

constexpr int64_t kPage = 500;

struct FlagQuery {
  std::string where;
  std::vector<SqlValue> values;
};

// A finished run's flags of some grids are found through run_flag_grids (schema v4), then by the decisions' key:
// the run's decisions have no index by grid, which the batch would have to rewrite at every commit.
void RestrictToGrids(const RunRef& run, const std::vector<std::string>& grids, FlagQuery& q) {
  if (!run.done || grids.empty()) return;
  q.where += " AND f.household_id IN (SELECT g.household_id FROM run_flag_grids g WHERE g.run_id = ? AND g.grid IN (";
  q.values.emplace_back(run.id);
  for (std::size_t i = 0; i < grids.size(); ++i) {
    q.where += i == 0 ? "?" : ", ?";
    q.values.emplace_back(grids[i]);
  }
  q.where += "))";
}

// The run's flags in the caller's scope (the grid and region the run stored with each flag), optionally one grid
// and some flag codes.
FlagQuery Flags(Call& call, const RunRef& run, const std::vector<std::string>& codes) {
  FlagQuery q;
  const User& user = call.session->user;
  ScopeSql scope = ScopeCondition(user, "f.grid", "f.region");
  q.where = " WHERE f.run_id = ? AND " + scope.condition;
  q.values.emplace_back(run.id);
  q.values.insert(q.values.end(), scope.binds.begin(), scope.binds.end());
  if (auto g = call.query.find("grid"); g != call.query.end()) {
    q.where += " AND f.grid = ?";
    q.values.emplace_back(g->second);
    RestrictToGrids(run, {g->second}, q);
  } else if (user.role == Role::kCaseworker) {
    RestrictToGrids(run, user.grids, q);
  }
  if (!codes.empty()) {
    q.where += " AND f.code IN (";
    for (std::size_t i = 0; i < codes.size(); ++i) {
      q.where += i == 0 ? "?" : ", ?";
      q.values.emplace_back(codes[i]);
    }
    q.where += ")";
  }
  return q;
}

// Ordered by household alone, which lists each household's flags in order (registry/schema.h).
constexpr const char* kSelect =
    "SELECT f.household_id, coalesce(h.head_name, ''), coalesce(h.head_id, ''), f.grid, f.code, f.program, f.member, "
    "f.amount_now, f.amount_new, f.message, f.region FROM run_flags f LEFT JOIN households h ON h.id = f.household_id";

// The run asked for (404 when unknown), else the latest completed one (nullopt: none yet).
std::optional<Response> PickRun(Call& call, std::optional<RunRef>& run) {
  if (call.run) {
    run = FindRun(call.worker.db, *call.run);
    if (!run) return ErrorResponse(404, "not_found", "no such run");
  } else {
    run = LatestRun(call.worker.db);
  }
  if (auto g = call.query.find("grid"); g != call.query.end() && !GridVisible(call, g->second))
    return ErrorResponse(404, "not_found", "no such grid");
  return std::nullopt;
}

void AppendItem(const Statement& rows, std::string& out) {
  auto text = [&](int col) { return rows.IsNull(col) ? std::string_view() : rows.Text(col); };
  out += "{\"household\":";
  AppendJsonString(text(0), out);
  out += ",\"head_name\":";
  AppendJsonString(text(1), out);
  out += ",\"head_id_masked\":";
  AppendJsonString(base::MaskIdNumber(text(2)), out);
  out += ",\"grid\":";
  if (rows.IsNull(3)) out += "null"; else AppendJsonString(text(3), out);
  out += ",\"flag\":";
  AppendJsonString(text(4), out);
  out += ",\"program\":";
  AppendJsonString(text(5), out);
  out += ",\"member_id_masked\":";
  if (text(6).empty()) out += "null"; else AppendJsonString(base::MaskIdNumber(text(6)), out);
  out += ",\"amount_now\":";
  AppendMoney(std::string(text(7)), rows.IsNull(7), out);
  out += ",\"amount_new\":";
  AppendMoney(std::string(text(8)), rows.IsNull(8), out);
  out += ",\"message\":";
  AppendJsonString(text(9), out);
  out += '}';
}

std::string AuditTarget(Call& call) {
  std::string t = call.query.count("grid") ? "grid " + call.query["grid"] : "all in scope";
  if (call.query.count("flag")) t += ", flag " + call.query["flag"];
  return t;
}

}  // namespace

std::optional<Response> ValidateWorklist(Call& call) {
  bool bad = false;
  call.offset = ParseOffset(call.query, bad);
  if (bad) return ErrorResponse(400, "bad_query", "offset is a non-negative integer");
  if (auto r = call.query.find("run"); r != call.query.end()) {
    std::size_t used = 0;
    int64_t id = 0;
    try {
      id = std::stoll(r->second, &used);
    } catch (...) {
      used = 0;
    }
    if (used == 0 || used != r->second.size()) return ErrorResponse(400, "bad_query", "run is an integer run id");
    call.run = id;
  }
  if (auto f = call.query.find("flag"); f != call.query.end() && registry::worklists::StemIndex(f->second) < 0)
    return ErrorResponse(400, "bad_query", "flag is one of missed, exit, phase_out, increase, decrease, review_due, "
                                           "undetermined, verify, data_mismatch");
  return std::nullopt;
}

Response HandleWorklist(Call& call) {
  std::optional<RunRef> run;
  if (auto refused = PickRun(call, run)) {
    call.Audit("worklist", AuditTarget(call), refused->status);
    return *refused;
  }
  Response r;
  if (!run) {
    r.body = R"({"run":null,"as_of":null,"items":[],"total":0,"next_offset":null})";
    call.Audit("worklist", AuditTarget(call), 200, "no run yet");
    return r;
  }
  std::vector<std::string> codes;
  if (auto f = call.query.find("flag"); f != call.query.end()) codes.push_back(f->second);
  FlagQuery q = Flags(call, *run, codes);
  Statement count = call.worker.db.Prepare("SELECT count(*) FROM run_flags f" + q.where);
  BindAll(count, q.values);
  count.Step();
  const int64_t total = count.Int(0);
  q.values.emplace_back(kPage);
  q.values.emplace_back(*call.offset);
  Statement rows = call.worker.db.Prepare(std::string(kSelect) + q.where + " ORDER BY f.household_id LIMIT ? OFFSET ?");
  BindAll(rows, q.values);
  std::string out = "{\"run\":" + std::to_string(run->id) + ",\"as_of\":\"" + run->as_of + "\",\"items\":[";
  int64_t n = 0;
  for (; rows.Step(); ++n) {
    if (n > 0) out += ',';
    AppendItem(rows, out);
  }
  const int64_t next = *call.offset + n;
  out += "],\"total\":" + std::to_string(total) + ",\"next_offset\":" + (n > 0 && next < total ? std::to_string(next) : "null") + "}";
  call.Audit("worklist", AuditTarget(call), 200, "run " + std::to_string(run->id));
  r.body = std::move(out);
  return r;
}

namespace {

// The flag codes of a worklist stem ("增发减发" takes two).
std::vector<std::string> StemCodes(std::size_t stem) {
  std::vector<std::string> codes;
  for (const char* code : {"missed", "exit", "phase_out", "increase", "decrease", "review_due", "undetermined", "verify", "data_mismatch"})
    if (registry::worklists::StemIndex(code) == static_cast<int>(stem)) codes.emplace_back(code);
  return codes;
}

void ToRow(const Statement& rows, registry::WorklistRow& row) {
  auto text = [&](int col) { return rows.IsNull(col) ? std::string() : std::string(rows.Text(col)); };
  row.household = text(0);
  row.head_name = text(1);
  row.head_id = text(2);
  row.grid = text(3);
  row.flag = text(4);
  row.program = text(5);
  row.member_id = text(6);
  row.amount_now = rows.IsNull(7) ? std::nullopt : Num::ParseDecimal(rows.Text(7));
  row.amount_new = rows.IsNull(8) ? std::nullopt : Num::ParseDecimal(rows.Text(8));
  row.reason = text(9);
  row.region = text(10);
}

// A private temporary folder, removed with everything in it when the answer is built.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "jiuzhu-worklist-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool ReadWhole(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

// RFC 5987 filename* for a UTF-8 name.
std::string EncodeFileName(const std::string& name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

template <typename Sink>
bool WriteRows(Statement& rows, std::size_t stem, Sink& sink, std::string& error) {
  registry::WorklistRow row;
  registry::worklists::Cells cells;
  while (rows.Step()) {
    ToRow(rows, row);
    registry::worklists::ToCells(row, cells);
    if (!sink(stem, cells, error)) return false;
  }
  return true;
}

}  // namespace

Response HandleWorklistFile(Call& call) {
  const std::string& file = call.params[0];
  const bool csv = file.ends_with(".csv");
  const bool xlsx = file.ends_with(".xlsx");
  std::string stem_name = file.substr(0, file.size() - (csv ? 4 : xlsx ? 5 : 0));
  int stem = -1;
  for (std::size_t i = 0; i < registry::worklists::kStemCount; ++i)
    if (registry::worklists::kStems[i] == stem_name) stem = static_cast<int>(i);
  if ((!csv && !xlsx) || stem < 0) return ErrorResponse(404, "not_found", "no such worklist file");
  std::optional<RunRef> run;
  if (auto refused = PickRun(call, run)) {
    call.Audit("worklist_file", file + " " + AuditTarget(call), refused->status);
    return *refused;
  }
  if (!run) return ErrorResponse(404, "not_found", "no completed run yet");
  FlagQuery q = Flags(call, *run, StemCodes(static_cast<std::size_t>(stem)));
  Statement rows = call.worker.db.Prepare(std::string(kSelect) + q.where + " ORDER BY f.household_id");
  BindAll(rows, q.values);

  TempDir dir;
  std::string error, path = dir.path() + "/" + file;
  bool ok = !dir.path().empty();
  if (ok && csv) {
    registry::worklists::CsvList list;
    auto sink = [&](std::size_t, const registry::worklists::Cells& cells, std::string& e) { return list.Append(cells, e); };
    ok = list.Open(path, error) && WriteRows(rows, static_cast<std::size_t>(stem), sink, error) && list.Close(error);
  } else if (ok) {
    registry::worklists::XlsxBook book(path, dir.path(), registry::kXlsxMaxSheetRows);
    auto sink = [&](std::size_t s, const registry::worklists::Cells& cells, std::string& e) { return book.Append(s, cells, e); };
    ok = book.Open(error) && WriteRows(rows, static_cast<std::size_t>(stem), sink, error) && book.Close(error);
  }
  Response r;
  if (!ok || !ReadWhole(path, r.body)) return ErrorResponse(500, "worklist_failed", "the worklist file could not be written");
  r.content_type = csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.headers.emplace_back("Content-Disposition", std::string("attachment; filename=\"worklist.") + (csv ? "csv" : "xlsx") +
                                                    "\"; filename*=UTF-8''" + EncodeFileName(file));
  call.Audit("worklist_file", file + " " + AuditTarget(call), 200, "run " + std::to_string(run->id));
  return r;
}

}  // namespace jiuzhu::server
