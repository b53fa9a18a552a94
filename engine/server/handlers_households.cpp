// GET /api/households (list and search), /api/households/{id} (the household as stored, its decision, its
// visits) and /api/households/{id}/history. Everything in the caller's scope; a household outside it is 404,
// exactly as one that does not exist.
#include <cctype>

#include "base/id_number.h"
#include "jiuzhu/decision_writer.h"
#include "server/handlers.h"

namespace jiuzhu::server {

using registry::Statement;

namespace {

constexpr int64_t kPage = 200;

// SQLite's lower() folds ASCII only; the needle is folded the same way so that both sides agree.
std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The WHERE clause of the list: scope, grid, and `q` as a literal substring (instr, not LIKE: no wildcards) of
// the household id or a member's name — never of an ID number.
std::string ListFilter(Call& call, std::vector<SqlValue>& values) {
  ScopeSql scope = ScopeCondition(call.session->user, "h.grid", "h.region");
  std::string where = " WHERE " + scope.condition;
  values.insert(values.end(), scope.binds.begin(), scope.binds.end());
  if (auto g = call.query.find("grid"); g != call.query.end()) {
    where += " AND h.grid = ?";
    values.emplace_back(g->second);
  }
  if (auto q = call.query.find("q"); q != call.query.end() && !q->second.empty()) {
    where += " AND (instr(lower(h.id), ?) > 0 OR EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND "
             "instr(lower(m.name), ?) > 0))";
    std::string needle = AsciiLower(q->second);
    values.emplace_back(needle);
    values.emplace_back(needle);
  }
  return where;
}

void AppendFlagCodes(std::string_view codes, std::string& out) {
  out += '[';
  bool first = true;
  while (!codes.empty()) {
    std::size_t semi = codes.find(';');
    std::string_view code = codes.substr(0, semi);
    if (!code.empty()) {
      if (!first) out += ',';
      AppendJsonString(code, out);
      first = false;
    }
    if (semi == std::string_view::npos) break;
    codes.remove_prefix(semi + 1);
  }
  out += ']';
}

struct StoredHousehold {
  std::string id, grid, region, doc;
  int64_t version = 0;
};

// The household when it exists and is in scope.
std::optional<StoredHousehold> LoadInScope(Call& call, const std::string& id) {
  Statement q = call.worker.db.Prepare("SELECT id, coalesce(grid, ''), region, version, doc FROM households WHERE id = ?");
  q.Bind(1, id);
  if (!q.Step()) return std::nullopt;
  StoredHousehold h{std::string(q.Text(0)), std::string(q.Text(1)), std::string(q.Text(2)), std::string(q.Text(4)), q.Int(3)};
  if (!InScope(call.session->user, h.grid, h.region)) return std::nullopt;
  return h;
}

Response NotFound(Call& call, const std::string& id, const char* action) {
  call.Audit(action, id, 404);
  return ErrorResponse(404, "not_found", "no such household");
}

void AppendVisits(Call& call, const std::string& id, std::string& out) {
  Statement q = call.worker.db.Prepare("SELECT visit FROM visits WHERE household_id = ? ORDER BY id DESC");
  q.Bind(1, id);
  out += '[';
  for (bool first = true; q.Step(); first = false) {
    if (!first) out += ',';
    out += q.Text(0);
  }
  out += ']';
}

}  // namespace

std::optional<Response> ValidateHouseholdList(Call& call) {
  bool bad = false;
  call.offset = ParseOffset(call.query, bad);
  if (bad) return ErrorResponse(400, "bad_query", "offset is a non-negative integer");
  return std::nullopt;
}

Response HandleHouseholdList(Call& call) {
  const bool search = call.query.count("q") > 0;
  if (auto g = call.query.find("grid"); g != call.query.end() && !GridVisible(call, g->second)) {
    call.Audit(search ? "search" : "list", "grid " + g->second, 404);
    return ErrorResponse(404, "not_found", "no such grid");
  }
  auto& db = call.worker.db;
  std::vector<SqlValue> values;
  const std::string where = ListFilter(call, values);
  Statement count = db.Prepare("SELECT count(*) FROM households h" + where);
  BindAll(count, values);
  count.Step();
  const int64_t total = count.Int(0);

  std::optional<RunRef> run = LatestRun(db);
  std::vector<SqlValue> page_values{run ? run->id : int64_t{-1}};
  page_values.insert(page_values.end(), values.begin(), values.end());
  page_values.emplace_back(kPage);
  page_values.emplace_back(*call.offset);
  Statement rows = db.Prepare(
      "SELECT h.id, h.head_name, h.head_id, h.grid, h.region, d.flags FROM households h "
      "LEFT JOIN decisions d ON d.run_id = ? AND d.household_id = h.id" + where + " ORDER BY h.id LIMIT ? OFFSET ?");
  BindAll(rows, page_values);
  std::string out = "{\"households\":[";
  int64_t n = 0;
  for (; rows.Step(); ++n) {
    if (n > 0) out += ',';
    out += "{\"id\":";
    AppendJsonString(rows.Text(0), out);
    out += ",\"head_name\":";
    AppendJsonString(rows.Text(1), out);
    out += ",\"head_id_masked\":";
    AppendJsonString(base::MaskIdNumber(rows.Text(2)), out);
    out += ",\"grid\":";
    if (rows.IsNull(3)) out += "null"; else AppendJsonString(rows.Text(3), out);
    out += ",\"region\":";
    AppendJsonString(rows.Text(4), out);
    out += ",\"flags\":";
    AppendFlagCodes(rows.IsNull(5) ? "" : rows.Text(5), out);
    out += '}';
  }
  const int64_t next = *call.offset + n;
  out += "],\"total\":" + std::to_string(total) + ",\"next_offset\":" + (next < total && n > 0 ? std::to_string(next) : "null") + "}";
  std::string target = call.query.count("grid") ? "grid " + call.query["grid"] : "all in scope";
  call.Audit(search ? "search" : "list", target, 200, search ? "q of " + std::to_string(call.query["q"].size()) + " bytes" : "");
  Response r;
  r.body = std::move(out);
  return r;
}

Response HandleHousehold(Call& call) {
  const std::string& id = call.params[0];
  std::optional<StoredHousehold> h = LoadInScope(call, id);
  if (!h) return NotFound(call, id, "view");
  auto& db = call.worker.db;
  std::optional<RunRef> run = LatestRun(db);
  std::string decision;
  Statement visit = db.Prepare("SELECT coalesce(after_run, 0), decision FROM visits WHERE household_id = ? ORDER BY id DESC LIMIT 1");
  visit.Bind(1, id);
  // The latest visit's decision when it came after the latest completed run, else the run's.
  if (visit.Step() && (!run || visit.Int(0) >= run->id)) decision = visit.Text(1);
  else if (run) decision = StoredDecisionJson(call, *run, id);
  std::string out = "{\"household\":" + h->doc + ",\"version\":" + std::to_string(h->version) +
                    ",\"decision\":" + (decision.empty() ? "null" : decision) + ",\"visits\":";
  AppendVisits(call, id, out);
  out += '}';
  call.Audit("view", id, 200);
  Response r;
  r.body = std::move(out);
  return r;
}

Response HandleHouseholdHistory(Call& call) {
  const std::string& id = call.params[0];
  if (!LoadInScope(call, id)) return NotFound(call, id, "history");
  // Runs are few (one a month): a point look-up per run, newest first.
  Statement runs = call.worker.db.Prepare("SELECT id, as_of, rules_version, body_format FROM runs ORDER BY id DESC");
  std::vector<RunRef> all;
  while (runs.Step()) {
    RunRef& run = all.emplace_back(RunRef{runs.Int(0), std::string(runs.Text(1)), std::string(runs.Text(2))});
    run.body_format = static_cast<int>(runs.Int(3));
  }
  std::string out = "{\"runs\":[";
  bool first = true;
  for (const RunRef& run : all) {
    std::string decision = StoredDecisionJson(call, run, id);
    if (decision.empty()) continue;
    if (!first) out += ',';
    first = false;
    out += "{\"run\":" + std::to_string(run.id) + ",\"as_of\":\"" + run.as_of + "\",\"decision\":" + decision + "}";
  }
  out += "],\"visits\":";
  AppendVisits(call, id, out);
  out += '}';
  MaskIdNumbersIn(out);  // only the household view shows ID numbers in full
  call.Audit("history", id, 200);
  Response r;
  r.body = std::move(out);
  return r;
}

}  // namespace jiuzhu::server
