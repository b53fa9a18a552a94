// Who a user is and what they may see (http.md "Who may see what"): a caseworker their grids, a supervisor their
// regions (regions match as in regions.md: `510500` covers `510502…`), an admin everything.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::server {

enum class Role : uint8_t { kCaseworker, kSupervisor, kAdmin };
const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);

struct User {
  std::string name;
  Role role = Role::kCaseworker;
  std::vector<std::string> grids;    // caseworkers
  std::vector<std::string> regions;  // supervisors
  bool disabled = false;
  int64_t generation = 0;  // grows whenever role, scope, password or disabled change: older sessions end
};

// A region code without its trailing "00" pairs ("510500" -> "5105"), as the rule packs match regions.
std::string SignificantRegion(std::string_view code);
bool RegionCovers(std::string_view scope, std::string_view region);

bool InScope(const User& user, std::string_view grid, std::string_view region);

// The scope as an SQL condition over the given columns, with its values to bind in order ("1" for an admin).
// Values are never spliced into the SQL text.
struct ScopeSql {
  std::string condition;
  std::vector<std::string> binds;
};
ScopeSql ScopeCondition(const User& user, std::string_view grid_column, std::string_view region_column);

// "a,b" <-> {"a", "b"}; empty items dropped.
std::vector<std::string> SplitList(std::string_view text);
std::string JoinList(const std::vector<std::string>& items);

}  // namespace jiuzhu::server
