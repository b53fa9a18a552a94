// The administration behind `jiuzhu users` and `jiuzhu audit`: every user change is written to the audit log.
#include <cctype>
#include <ctime>

#include "jiuzhu/server.h"
#include "registry/schema.h"
#include "server/audit_log.h"
#include "server/crypto.h"
#include "server/service.h"
#include "server/users.h"

namespace jiuzhu {
namespace {

std::string Now() { return server::IsoTime(std::time(nullptr)); }

std::unique_ptr<registry::Database> OpenRegistryFile(const std::string& path) {
  auto db = std::make_unique<registry::Database>(path, /*create=*/false);
  registry::EnsureSchema(*db);
  return db;
}

bool ValidRegion(const std::string& r) {
  if (r.size() != 6 && r.size() != 9 && r.size() != 12) return false;
  for (char c : r)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

void Audit(registry::Database& db, const std::string& actor, const std::string& action, const std::string& target,
           const std::string& detail) {
  server::AppendAudit(db, {actor, "cli", action, target, 0, detail}, Now());
}

std::string HashOrError(const std::string& password, std::string& error) {
  if (!server::InitCrypto()) {
    error = "libsodium could not be initialised";
    return "";
  }
  std::string hash = server::HashPassword(password);
  if (hash.empty()) error = "the password hash could not be computed (out of memory?)";
  return hash;
}

}  // namespace

UserResult AddUser(const std::string& path, const NewUser& user, const std::string& password, const std::string& actor, std::string& error) {
  auto role = server::ParseRole(user.role);
  if (!role || user.name.empty()) {
    error = role ? "a user needs a name" : "--role is caseworker, supervisor or admin";
    return UserResult::kBadInput;
  }
  for (const auto& r : user.regions) {
    if (!ValidRegion(r)) {
      error = "a region is a code of 6, 9 or 12 digits, got '" + r + "'";
      return UserResult::kBadInput;
    }
  }
  auto owned = OpenRegistryFile(path);
  registry::Database& db = *owned;
  if (server::FindUser(db, user.name)) {
    error = "user '" + user.name + "' exists: nothing changed";
    return UserResult::kExists;
  }
  std::string hash = HashOrError(password, error);
  if (hash.empty()) return UserResult::kBadInput;
  server::User u{user.name, *role, user.grids, user.regions, false, 1};
  if (!server::AddUser(db, u, hash, Now())) {
    error = "user '" + user.name + "' exists: nothing changed";
    return UserResult::kExists;
  }
  Audit(db, actor, "user_add", user.name, std::string("role ") + server::RoleName(*role) + ", grids " + server::JoinList(user.grids) +
                                               ", regions " + server::JoinList(user.regions));
  return UserResult::kDone;
}

UserResult SetUserPassword(const std::string& path, const std::string& name, const std::string& password, const std::string& actor, std::string& error) {
  auto owned = OpenRegistryFile(path);
  registry::Database& db = *owned;
  if (!server::FindUser(db, name)) {
    error = "no user '" + name + "'";
    return UserResult::kNoSuchUser;
  }
  std::string hash = HashOrError(password, error);
  if (hash.empty()) return UserResult::kBadInput;
  server::SetPassword(db, name, hash, Now());
  Audit(db, actor, "user_passwd", name, "password changed; sessions ended");
  return UserResult::kDone;
}

UserResult DisableUser(const std::string& path, const std::string& name, const std::string& actor, std::string& error) {
  auto owned = OpenRegistryFile(path);
  registry::Database& db = *owned;
  if (!server::DisableUser(db, name, Now())) {
    error = "no user '" + name + "'";
    return UserResult::kNoSuchUser;
  }
  Audit(db, actor, "user_disable", name, "disabled; sessions ended");
  return UserResult::kDone;
}

void PrintAuditLog(const std::string& path, std::FILE* out) {
  auto owned = OpenRegistryFile(path);
  registry::Database& db = *owned;
  server::PrintAudit(db, out);
}

bool VerifyAuditLog(const std::string& path, std::string& message) {
  auto owned = OpenRegistryFile(path);
  registry::Database& db = *owned;
  server::AuditCheck check = server::VerifyAudit(db);
  message = check.ok ? "audit log intact: " + std::to_string(check.entries) + " entries" : check.message;
  return check.ok;
}

}  // namespace jiuzhu
