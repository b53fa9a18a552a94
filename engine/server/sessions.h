// Sessions (http.md): a random id in the cookie, only its SHA-256 stored; one CSRF token per session; the
// session ends after 30 minutes idle or 12 hours, at logout, and when its user changes (generation) or is
// disabled. Stored in the registry, so a restarted server keeps them. Time comes from the caller (a clock that
// tests can set).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "registry/database.h"
#include "server/scope.h"

namespace jiuzhu::server {

struct SessionPolicy {
  int64_t idle_seconds = 30 * 60;
  int64_t max_seconds = 12 * 60 * 60;
  // last_seen is written at most this often, so reads stay reads; a session may end this much early.
  int64_t touch_every_seconds = 15;
};

bool SessionAlive(const SessionPolicy& policy, int64_t created, int64_t last_seen, int64_t now);

struct NewSession {
  std::string id;  // for the cookie only: never stored or logged
  std::string csrf_token;
};
NewSession CreateSession(registry::Database& db, const User& user, int64_t now);

struct ActiveSession {
  User user;
  std::string csrf_token;
};
// The live session of `id`, or nullopt (unknown, expired, its user disabled or changed). Expired rows are deleted.
std::optional<ActiveSession> FindSession(registry::Database& db, const SessionPolicy& policy, const std::string& id, int64_t now);

void EndSession(registry::Database& db, const std::string& id);

// Login throttling: a user name or a client address with `kMaxFailures` failed logins in the last 15 minutes.
inline constexpr int kMaxFailures = 5;
inline constexpr int64_t kFailureWindowSeconds = 15 * 60;
bool LoginThrottled(registry::Database& db, const std::string& user, const std::string& address, int64_t now);
void RecordLoginFailure(registry::Database& db, const std::string& user, const std::string& address, int64_t now);

}  // namespace jiuzhu::server
