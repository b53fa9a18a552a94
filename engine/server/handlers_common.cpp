// Helpers shared by the handlers: runs, stored decisions, grid visibility, query parameters.
#include <charconv>

#include "base/id_number.h"
#include "jiuzhu/decision_writer.h"
#include "server/handlers.h"

namespace jiuzhu::server {

using registry::Statement;

void BindAll(Statement& statement, const std::vector<SqlValue>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int pos = static_cast<int>(i) + 1;
    if (const auto* n = std::get_if<int64_t>(&values[i])) statement.Bind(pos, *n);
    else statement.Bind(pos, std::get<std::string>(values[i]));
  }
}

std::optional<int64_t> ParseOffset(const std::map<std::string, std::string>& query, bool& bad) {
  bad = false;
  auto it = query.find("offset");
  if (it == query.end()) return int64_t{0};
  int64_t value = -1;
  const std::string& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || value < 0) {
    bad = true;
    return std::nullopt;
  }
  return value;
}

namespace {

std::optional<RunRef> ReadRun(Statement& q) {
  if (!q.Step()) return std::nullopt;
  return RunRef{q.Int(0), std::string(q.Text(1)), std::string(q.Text(2)), q.Text(3) == "done", static_cast<int>(q.Int(4))};
}

}  // namespace

std::optional<RunRef> LatestRun(registry::Database& db) {
  Statement q = db.Prepare("SELECT id, as_of, rules_version, status, body_format FROM runs WHERE status = 'done' ORDER BY id DESC LIMIT 1");
  return ReadRun(q);
}

std::optional<RunRef> FindRun(registry::Database& db, int64_t id) {
  Statement q = db.Prepare("SELECT id, as_of, rules_version, status, body_format FROM runs WHERE id = ?");
  q.Bind(1, id);
  return ReadRun(q);
}

std::string StoredDecisionJson(Call& call, const RunRef& run, const std::string& household) {
  Statement q = call.worker.db.Prepare("SELECT body FROM decisions WHERE run_id = ? AND household_id = ?");
  q.Bind(1, run.id).Bind(2, household);
  if (!q.Step()) return "";
  const PackCache::Entry* entry = call.service.packs().Get(call.worker.db, run.rules_version);
  auto as_of = Date::Parse(run.as_of);
  if (entry == nullptr || !as_of) return "";
  Decision d;
  d.household = household;
  d.as_of = *as_of;
  d.rules_version = RulesVersion(*entry->pack);
  if (!entry->codec->Decode(q.Blob(0), run.body_format, d)) return "";
  std::string out;
  AppendDecisionJson(d, out);
  return out;
}

bool GridVisible(Call& call, const std::string& grid) {
  const User& user = call.session->user;
  if (user.role == Role::kCaseworker) return InScope(user, grid, "");
  ScopeSql scope = ScopeCondition(user, "grid", "region");
  Statement q = call.worker.db.Prepare("SELECT 1 FROM households WHERE grid = ? AND " + scope.condition + " LIMIT 1");
  std::vector<SqlValue> values{grid};
  values.insert(values.end(), scope.binds.begin(), scope.binds.end());
  BindAll(q, values);
  return q.Step();
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool IdNumberAt(const std::string& t, std::size_t i) {
  constexpr std::size_t kLength = 18;
  if (i + kLength > t.size() || (i > 0 && IsWordChar(t[i - 1]))) return false;
  if (i + kLength < t.size() && IsWordChar(t[i + kLength])) return false;
  for (std::size_t k = 0; k < kLength - 1; ++k)
    if (!IsDigit(t[i + k])) return false;
  char last = t[i + kLength - 1];
  return IsDigit(last) || last == 'X' || last == 'x';
}

}  // namespace

void MaskIdNumbersIn(std::string& text) {
  for (std::size_t i = 0; i + 18 <= text.size(); ++i) {
    if (!IdNumberAt(text, i)) continue;
    text.replace(i, 18, base::MaskIdNumber(std::string_view(text).substr(i, 18)));
    i += 17;
  }
}

void AppendMoney(const std::string& text, bool is_null, std::string& out) {
  if (is_null || text.empty()) out += "null";
  else out += text;
}

}  // namespace jiuzhu::server
