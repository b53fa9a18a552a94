// The caseworkers' server (shared/spec/http.md): `jiuzhu serve` over a registry, and the user and audit-log
// administration of `jiuzhu users` and `jiuzhu audit`. The implementation is engine/server/.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "jiuzhu/engine.h"

namespace jiuzhu {

struct ServeOptions {
  std::string db;                   // the registry (must exist)
  std::string bind = "127.0.0.1";
  int port = 8080;                  // 0: any free port (the first stderr line says which)
  std::string tls_cert, tls_key;    // both or neither
  int threads = 0;                  // 0: every core
};

// Serves until SIGTERM or SIGINT; returns 0 then. Returns 2 with `error` set when it cannot start (a registry
// that does not open, a non-loopback address without TLS, a port in use, an unreadable certificate). Its first
// line on standard error, once it accepts connections, is `listening on http://HOST:PORT` (https with TLS).
int Serve(const ServeOptions& options, std::shared_ptr<const RulePack> pack, std::string& error);

// Whether an address is a loopback one (127.0.0.0/8, ::1, "localhost").
bool IsLoopbackAddress(const std::string& address);

// `jiuzhu users`: the outcome of one change.
enum class UserResult { kDone, kExists, kNoSuchUser, kBadInput };
struct NewUser {
  std::string name, role;                    // role: caseworker, supervisor or admin
  std::vector<std::string> grids, regions;
};
// `actor` names who made the change in the audit log ("cli:root").
UserResult AddUser(const std::string& db, const NewUser& user, const std::string& password, const std::string& actor, std::string& error);
UserResult SetUserPassword(const std::string& db, const std::string& name, const std::string& password, const std::string& actor, std::string& error);
UserResult DisableUser(const std::string& db, const std::string& name, const std::string& actor, std::string& error);

// `jiuzhu audit`: prints the log as JSON Lines; `VerifyAuditLog` checks the chain (false with `message` at a break).
void PrintAuditLog(const std::string& db, std::FILE* out);
bool VerifyAuditLog(const std::string& db, std::string& message);

}  // namespace jiuzhu
