#include "server/scope.h"

#include <algorithm>

namespace jiuzhu::server {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kCaseworker: return "caseworker";
    case Role::kSupervisor: return "supervisor";
    case Role::kAdmin: return "admin";
  }
  return "caseworker";
}

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "caseworker") return Role::kCaseworker;
  if (name == "supervisor") return Role::kSupervisor;
  if (name == "admin") return Role::kAdmin;
  return std::nullopt;
}

std::string SignificantRegion(std::string_view code) {
  std::string s(code);
  while (s.size() > 2 && s.compare(s.size() - 2, 2, "00") == 0) s.resize(s.size() - 2);
  return s;
}

bool RegionCovers(std::string_view scope, std::string_view region) {
  std::string prefix = SignificantRegion(scope);
  return !prefix.empty() && region.starts_with(prefix);
}

bool InScope(const User& user, std::string_view grid, std::string_view region) {
  switch (user.role) {
    case Role::kAdmin: return true;
    case Role::kCaseworker:
      return !grid.empty() && std::find(user.grids.begin(), user.grids.end(), grid) != user.grids.end();
    case Role::kSupervisor:
      return std::any_of(user.regions.begin(), user.regions.end(), [&](const std::string& r) { return RegionCovers(r, region); });
  }
  return false;
}

ScopeSql ScopeCondition(const User& user, std::string_view grid_column, std::string_view region_column) {
  ScopeSql out;
  if (user.role == Role::kAdmin) {
    out.condition = "1";
    return out;
  }
  const bool caseworker = user.role == Role::kCaseworker;
  const auto& items = caseworker ? user.grids : user.regions;
  if (items.empty()) {
    out.condition = "0";
    return out;
  }
  out.condition = "(";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.condition += " OR ";
    if (caseworker) {
      out.condition += std::string(grid_column) + " = ?";
      out.binds.push_back(items[i]);
    } else {
      out.condition += "substr(" + std::string(region_column) + ", 1, length(?)) = ?";
      std::string prefix = SignificantRegion(items[i]);
      out.binds.push_back(prefix);
      out.binds.push_back(prefix);
    }
  }
  out.condition += ")";
  return out;
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ',';
    out += item;
  }
  return out;
}

}  // namespace jiuzhu::server
