// The users table: add, change password, disable, read, list. Shared by `jiuzhu users` and the server. Any change
// to a user bumps their `generation`, which ends their sessions (http.md: a session ends when its user is disabled
// or their role, grids or regions change; a new password ends them too).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "registry/database.h"
#include "server/scope.h"

namespace jiuzhu::server {

struct StoredUser {
  User user;
  std::string password_hash;
};

// false when a user of that name exists (nothing changes).
bool AddUser(registry::Database& db, const User& user, const std::string& password_hash, const std::string& now);
// false when there is no such user.
bool SetPassword(registry::Database& db, const std::string& name, const std::string& password_hash, const std::string& now);
bool DisableUser(registry::Database& db, const std::string& name, const std::string& now);
std::optional<StoredUser> FindUser(registry::Database& db, const std::string& name);
std::vector<User> ListUsers(registry::Database& db);

}  // namespace jiuzhu::server
