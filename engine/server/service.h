// The server's state shared by every request (the compiled pack, the registry path, the clock) and the router
// that answers one Request: session, limits and the error precedence of http.md (401, 413, 431, 400, 403, 404,
// 409, 422), then the endpoint's handler. Thread-safe: every request takes a Worker (its own SQLite connection
// and screening buffers) from a pool for its duration.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/household_reader.h"
#include "registry/database.h"
#include "registry/decision_codec.h"
#include "server/audit_log.h"
#include "server/http_types.h"
#include "server/json_dom.h"
#include "server/sessions.h"

namespace jiuzhu::server {

struct ServiceConfig {
  std::string db_path;
  bool tls = false;
  SessionPolicy policy;
  std::function<int64_t()> now_seconds;  // Unix time; tests move it
  std::function<Date()> today;           // the local date (visits may not be dated after it)
};

// What one request needs for itself: a connection and the screening buffers, reused between requests.
struct Worker {
  Worker(const std::string& db_path, std::shared_ptr<const RulePack> pack);
  registry::Database db;
  Screener screener;
  HouseholdReader reader;
  Household household;
  Decision decision;
  ReadResult read;
};

// The packs of stored runs by rules_version, loaded from the registry once and kept.
class PackCache {
 public:
  struct Entry {
    std::shared_ptr<const RulePack> pack;
    std::unique_ptr<registry::DecisionCodec> codec;
  };
  const Entry* Get(registry::Database& db, const std::string& version);

 private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Entry>> entries_;
};

class Service;

// One request in progress: what the router found out, for the handler.
struct Call {
  const Request& request;
  Service& service;
  Worker& worker;
  std::optional<ActiveSession> session;  // set for every route but login
  std::map<std::string, std::string> query;
  std::optional<JsonValue> json;         // the parsed body of the routes that take JSON
  std::vector<std::string> params;       // path segments matched by {…}
  std::string now_iso;                   // UTC, for stored timestamps and the audit log
  // Filled by a route's validation for its handler.
  std::optional<Date> as_of;
  std::optional<int64_t> offset, run;
  // Appends to the audit log as the session's user from the client's address: at once inside an open
  // transaction (a visit is stored and audited together), else once the handler has returned. Not earlier: a
  // handler's statement still stepping holds a read snapshot, and BEGIN IMMEDIATE on a connection with a stale
  // snapshot fails at once with SQLITE_BUSY (no busy wait) when another request wrote since — parallel requests
  // then answered 500.
  void Audit(const std::string& action, const std::string& target, int status, const std::string& detail = "");
  std::vector<AuditEntry> pending_audit;
};

struct Route {
  const char* method;
  const char* pattern;  // "/api/households/{}/history"
  bool needs_session;
  bool json_body;                                        // the body must be well-formed JSON (else 400)
  bool post;                                             // CSRF token required
  std::function<std::optional<Response>(Call&)> validate;  // 400s, before the 403 checks
  std::function<Response(Call&)> handle;
};

class Service {
 public:
  Service(ServiceConfig config, std::shared_ptr<const RulePack> pack);
  ~Service();

  Response Handle(const Request& request);
  // Requests that compute a password hash: the HTTP layer runs them off its I/O threads.
  static bool IsSlow(const Request& request);

  const ServiceConfig& config() const { return config_; }
  const std::shared_ptr<const RulePack>& pack() const { return pack_; }
  PackCache& packs() { return packs_; }
  int64_t Now() const { return config_.now_seconds(); }

 private:
  class Lease;
  std::unique_ptr<Worker> Acquire();
  void Release(std::unique_ptr<Worker> worker);
  Response Dispatch(const Request& request, Worker& worker);
  Response HandleApi(const Request& request, Worker& worker);
  Response Answer(Call& call);
  Response HandlePage(const Request& request) const;

  ServiceConfig config_;
  std::shared_ptr<const RulePack> pack_;
  PackCache packs_;
  std::vector<Route> routes_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Worker>> idle_;
};

// "2026-11-23T10:00:00.123Z"
std::string IsoTime(int64_t unix_seconds);

}  // namespace jiuzhu::server
