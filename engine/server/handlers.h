// The endpoints of http.md, one file per group: handlers_session.cpp (login, session, logout),
// handlers_screen.cpp, handlers_households.cpp (list, detail, history), handlers_visits.cpp,
// handlers_worklists.cpp (JSON and files), handlers_users.cpp. Each `Validate*` answers the 400s of its endpoint
// (it runs before the CSRF and Origin checks, as http.md's precedence wants); each `Handle*` the rest.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "server/service.h"

namespace jiuzhu::server {

inline constexpr const char* kSessionCookie = "jiuzhu_session";

Response HandleLogin(Call& call);
Response HandleSession(Call& call);
Response HandleLogout(Call& call);

std::optional<Response> ValidateScreen(Call& call);
Response HandleScreen(Call& call);

std::optional<Response> ValidateHouseholdList(Call& call);
Response HandleHouseholdList(Call& call);
Response HandleHousehold(Call& call);
Response HandleHouseholdHistory(Call& call);

std::optional<Response> ValidateVisit(Call& call);
Response HandleVisit(Call& call);

std::optional<Response> ValidateWorklist(Call& call);
Response HandleWorklist(Call& call);
Response HandleWorklistFile(Call& call);

Response HandleUsers(Call& call);

// Shared by handlers.
// An offset query parameter: absent -> 0; not a non-negative integer -> nullopt.
std::optional<int64_t> ParseOffset(const std::map<std::string, std::string>& query, bool& bad);
// The latest completed run: id and as_of, or nullopt.
struct RunRef {
  int64_t id = 0;
  std::string as_of, rules_version;
  bool done = false;  // finished: its flagged households' grids are in run_flag_grids
  int body_format = 1;  // runs.body_format: how its decisions are encoded
};
std::optional<RunRef> LatestRun(registry::Database& db);
std::optional<RunRef> FindRun(registry::Database& db, int64_t id);
// A stored decision of `run` for `household` as Decision JSON (texts rendered from the run's pack); "" when none.
std::string StoredDecisionJson(Call& call, const RunRef& run, const std::string& household);
// Whether `grid` is one the user may see: a caseworker's own grid; for others a grid of a household in scope.
bool GridVisible(Call& call, const std::string& grid);
// A JSON number from stored money text ("1120.00"), or null.
void AppendMoney(const std::string& text, bool is_null, std::string& out);

std::string UserJson(const ActiveSession& s);

// Masks every ID number (17 digits and a check character, standing alone) in a text, as every answer but the
// household view must (http.md).
void MaskIdNumbersIn(std::string& text);

// Values for an SQL text built from fixed pieces and `?` placeholders; bound in order from position 1.
using SqlValue = std::variant<int64_t, std::string>;
void BindAll(registry::Statement& statement, const std::vector<SqlValue>& values);

}  // namespace jiuzhu::server

namespace jiuzhu::server {
// The endpoints table (routes.cpp).
std::vector<Route> AllRoutes();
}  // namespace jiuzhu::server
