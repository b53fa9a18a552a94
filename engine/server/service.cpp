#include "server/service.h"

#include <cstdio>
#include <ctime>

#include "registry/sqlite_registry.h"
#include "server/audit_log.h"
#include "server/handlers.h"
#include "server/crypto.h"

#if __has_include("server/web_assets.h") && defined(JIUZHU_WEB_ASSETS)
#include "server/web_assets.h"
#define JIUZHU_HAVE_WEB_ASSETS 1
#endif

namespace jiuzhu::server {

std::string IsoTime(int64_t unix_seconds) {
  auto t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Worker::Worker(const std::string& db_path, std::shared_ptr<const RulePack> pack)
    : db(db_path, /*create=*/false), screener(std::move(pack)) {}

const PackCache::Entry* PackCache::Get(registry::Database& db, const std::string& version) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(version);
  if (it != entries_.end()) return it->second.get();
  std::string error;
  std::shared_ptr<const RulePack> pack = registry::StoredPack(db, version, error);
  if (!pack) return nullptr;
  auto entry = std::make_unique<Entry>();
  entry->codec = std::make_unique<registry::DecisionCodec>(*pack);
  entry->pack = std::move(pack);
  return entries_.emplace(version, std::move(entry)).first->second.get();
}

void Call::Audit(const std::string& action, const std::string& target, int status, const std::string& detail) {
  AuditEntry e{session ? session->user.name : "", request.client_address, action, target, status, detail};
  if (sqlite3_get_autocommit(worker.db.handle()) == 0) AppendAudit(worker.db, e, now_iso);
  else pending_audit.push_back(std::move(e));
}

Service::Service(ServiceConfig config, std::shared_ptr<const RulePack> pack)
    : config_(std::move(config)), pack_(std::move(pack)), routes_(AllRoutes()) {}

Service::~Service() = default;

std::unique_ptr<Worker> Service::Acquire() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      auto w = std::move(idle_.back());
      idle_.pop_back();
      return w;
    }
  }
  return std::make_unique<Worker>(config_.db_path, pack_);
}

void Service::Release(std::unique_ptr<Worker> worker) {
  std::lock_guard lock(pool_mutex_);
  idle_.push_back(std::move(worker));
}

bool Service::IsSlow(const Request& request) { return request.method == "POST" && request.path == "/api/login"; }

namespace {

void AddSecurityHeaders(bool api, Response& r) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (api) r.headers.emplace_back("Cache-Control", "no-store");
  else r.headers.emplace_back("Content-Security-Policy", "default-src 'self'");
}

}  // namespace

Response Service::Handle(const Request& request) {
  const bool api = request.path == "/api" || request.path.starts_with("/api/");
  Response r;
  try {
    std::unique_ptr<Worker> worker = Acquire();
    r = Dispatch(request, *worker);
    Release(std::move(worker));
  } catch (const std::exception& e) {
    // A database failure (disk full, a corrupt file): a clear 500, never a crash. The answer names no data; the
    // operator's log gets SQLite's message (it quotes the SQL text, never a bound value).
    std::fprintf(stderr, "jiuzhu serve: 500 on %s %s: %s\n", request.method.c_str(), request.path.c_str(), e.what());
    r = ErrorResponse(500, "internal_error", "the server could not complete the request");
  }
  AddSecurityHeaders(api, r);
  return r;
}

Response Service::Dispatch(const Request& request, Worker& worker) {
  if (request.path == "/api" || request.path.starts_with("/api/")) return HandleApi(request, worker);
  return HandlePage(request);
}

Response Service::HandlePage(const Request& request) const {
  if (request.body_too_large) return ErrorResponse(413, "too_large", "the body is over 1 MiB");
  if (request.headers_too_large) return ErrorResponse(431, "headers_too_large", "the headers are over 16 KiB");
  if (request.method != "GET" && request.method != "HEAD") return ErrorResponse(405, "method_not_allowed", "the page is read with GET");
  Response r;
#ifdef JIUZHU_HAVE_WEB_ASSETS
  const WebAsset* asset = FindWebAsset(request.path);
  if (asset == nullptr) return ErrorResponse(404, "not_found", "no such page");
  r.content_type = std::string(asset->content_type);
  r.body = std::string(asset->body);
#else
  if (request.path != "/" && request.path != "/index.html") return ErrorResponse(404, "not_found", "no such page");
  r.content_type = "text/html; charset=utf-8";
  r.body = "<!doctype html><html lang=\"zh\"><meta charset=\"utf-8\"><title>救助</title>"
           "<p>jiuzhu serve: the page is not built into this binary; the API is under /api/.</p></html>";
#endif
  return r;
}

namespace {

// Matches "/api/households/{}/visits" against the raw path; the {} segments are percent-decoded into `params`.
bool MatchPattern(std::string_view pattern, std::string_view path, std::vector<std::string>& params) {
  params.clear();
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    std::string_view p = pattern.substr(0, pattern.find('/'));
    std::string_view s = path.substr(0, path.find('/'));
    if (p == "{}") {
      auto decoded = PercentDecode(s);
      if (s.empty() || !decoded) return false;
      params.push_back(std::move(*decoded));
    } else if (p != s) {
      return false;
    }
    pattern.remove_prefix(p.size());
    path.remove_prefix(s.size());
  }
  return true;
}

// The Origin header, when present, must name this server: scheme and Host as the request came in.
bool SameOrigin(const Request& request) {
  if (request.origin.empty()) return true;
  return request.origin == std::string(request.tls ? "https://" : "http://") + request.host;
}

bool HouseholdPath(const std::string& path) { return path.starts_with("/api/households"); }

}  // namespace

Response Service::HandleApi(const Request& request, Worker& worker) {
  Call call{request, *this, worker, std::nullopt, {}, std::nullopt, {}, IsoTime(Now()), std::nullopt, std::nullopt, std::nullopt, {}};
  Response r = Answer(call);
  // Every statement of the handler is finished here, so the connection holds no read snapshot (see Call::Audit).
  for (const AuditEntry& e : call.pending_audit) AppendAudit(worker.db, e, call.now_iso);
  return r;
}

Response Service::Answer(Call& call) {
  const Request& request = call.request;
  Worker& worker = call.worker;
  const Route* route = nullptr;
  std::vector<std::string> params;
  bool path_known = false;
  for (const Route& r : routes_) {
    if (!MatchPattern(r.pattern, request.path, params)) continue;
    path_known = true;
    if (request.method == r.method) {
      route = &r;
      call.params = params;
      break;
    }
  }
  // 401 first: every call but login needs the session, known path or not.
  const bool needs_session = route == nullptr || route->needs_session;
  if (needs_session) {
    call.session = FindSession(worker.db, config_.policy, CookieValue(request.cookie, kSessionCookie), Now());
    if (!call.session) {
      Response r = ErrorResponse(401, "no_session", "log in first (POST /api/login)");
      if (HouseholdPath(request.path)) call.Audit("refused", request.path, 401);
      return r;
    }
  }
  if (request.body_too_large) return ErrorResponse(413, "too_large", "the body is over 1 MiB");
  if (request.headers_too_large) return ErrorResponse(431, "headers_too_large", "the headers are over 16 KiB");
  auto query = ParseQuery(request.query);
  if (!query) return ErrorResponse(400, "bad_query", "the query string has a malformed %-escape");
  call.query = std::move(*query);
  if (route == nullptr) {
    Response r = path_known ? ErrorResponse(405, "method_not_allowed", "this path does not take " + request.method)
                            : ErrorResponse(404, "not_found", "no such endpoint");
    if (HouseholdPath(request.path)) call.Audit("refused", request.path, r.status);
    return r;
  }
  if (route->json_body) {
    std::string error;
    call.json = ParseJson(request.body, error);
    if (!call.json) return ErrorResponse(400, "bad_json", "the body is not well-formed UTF-8 JSON: " + error);
  }
  if (route->validate) {
    if (auto bad = route->validate(call)) return *bad;
  }
  const bool csrf_ok = !route->post || route->needs_session == false ||
                       (call.session && !request.csrf_token.empty() && ConstantTimeEquals(call.session->csrf_token, request.csrf_token));
  if (!SameOrigin(request) || !csrf_ok) {
    Response r = ErrorResponse(403, SameOrigin(request) ? "bad_csrf_token" : "foreign_origin",
                               SameOrigin(request) ? "the X-CSRF-Token header is missing or wrong" : "the request comes from another origin");
    if (HouseholdPath(request.path)) call.Audit("refused", request.path, 403);
    return r;
  }
  return route->handle(call);
}

}  // namespace jiuzhu::server
