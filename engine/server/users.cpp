#include "server/users.h"

namespace jiuzhu::server {

using registry::Database;
using registry::Statement;

namespace {

User ReadUser(const Statement& q) {
  User u;
  u.name = q.Text(0);
  u.role = ParseRole(q.Text(1)).value_or(Role::kCaseworker);
  u.grids = SplitList(q.Text(2));
  u.regions = SplitList(q.Text(3));
  u.disabled = q.Int(4) != 0;
  u.generation = q.Int(5);
  return u;
}

// Bumps the generation and drops the stored sessions: the user's open sessions end at their next request.
bool Touch(Database& db, const std::string& name, const std::string& set_clause, const std::string& value,
           const std::string& now) {
  registry::Transaction tx(db);
  Statement update = db.Prepare("UPDATE users SET " + set_clause + ", generation = generation + 1, updated_at = ? WHERE name = ?");
  update.Bind(1, value).Bind(2, now).Bind(3, name).Run();
  if (db.Changes() == 0) return false;
  db.Prepare("DELETE FROM sessions WHERE user = ?").Bind(1, name).Run();
  tx.Commit();
  return true;
}

}  // namespace

bool AddUser(Database& db, const User& user, const std::string& password_hash, const std::string& now) {
  Statement insert = db.Prepare(
      "INSERT OR IGNORE INTO users(name, role, grids, regions, disabled, password_hash, generation, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, 0, ?, 1, ?, ?)");
  insert.Bind(1, user.name).Bind(2, RoleName(user.role)).Bind(3, JoinList(user.grids)).Bind(4, JoinList(user.regions))
      .Bind(5, password_hash).Bind(6, now).Bind(7, now).Run();
  return db.Changes() > 0;
}

bool SetPassword(Database& db, const std::string& name, const std::string& password_hash, const std::string& now) {
  return Touch(db, name, "password_hash = ?", password_hash, now);
}

bool DisableUser(Database& db, const std::string& name, const std::string& now) {
  return Touch(db, name, "disabled = ?", "1", now);
}

std::optional<StoredUser> FindUser(Database& db, const std::string& name) {
  Statement q = db.Prepare("SELECT name, role, grids, regions, disabled, generation, password_hash FROM users WHERE name = ?");
  q.Bind(1, name);
  if (!q.Step()) return std::nullopt;
  return StoredUser{ReadUser(q), std::string(q.Text(6))};
}

std::vector<User> ListUsers(Database& db) {
  std::vector<User> users;
  Statement q = db.Prepare("SELECT name, role, grids, regions, disabled, generation FROM users ORDER BY name");
  while (q.Step()) users.push_back(ReadUser(q));
  return users;
}

}  // namespace jiuzhu::server
