// POST /api/login, GET /api/session, POST /api/logout.
#include "jiuzhu/decision_writer.h"
#include "server/crypto.h"
#include "server/handlers.h"
#include "server/users.h"

namespace jiuzhu::server {
namespace {

// Verifying against this when the user is unknown or disabled makes those answers take as long as a wrong password.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("not a password of anyone");
  return hash;
}

std::string Cookie(const std::string& value, bool tls, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (tls) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

const std::string* StringField(const JsonValue& body, std::string_view name) {
  const JsonValue* v = body.is_object() ? body.Find(name) : nullptr;
  return v != nullptr && v->is_string() ? &v->text() : nullptr;
}

}  // namespace

std::string UserJson(const ActiveSession& s) {
  std::string out = "{\"user\":";
  AppendJsonString(s.user.name, out);
  out += ",\"role\":";
  AppendJsonString(RoleName(s.user.role), out);
  out += ",\"csrf_token\":";
  AppendJsonString(s.csrf_token, out);
  out += '}';
  return out;
}

Response HandleLogin(Call& call) {
  const std::string* name = StringField(*call.json, "user");
  const std::string* password = StringField(*call.json, "password");
  if (name == nullptr || password == nullptr)
    return ErrorResponse(400, "bad_request", "a login is {\"user\": string, \"password\": string}");
  auto& db = call.worker.db;
  const std::string& address = call.request.client_address;
  const int64_t now = call.service.Now();
  if (LoginThrottled(db, *name, address, now)) {
    call.Audit("login", *name, 429, "throttled");
    return ErrorResponse(429, "too_many_logins", "too many failed logins: try again in 15 minutes");
  }
  std::optional<StoredUser> user = FindUser(db, *name);
  const bool usable = user && !user->user.disabled;
  const bool ok = VerifyPassword(usable ? user->password_hash : DummyHash(), *password) && usable;
  if (!ok) {
    RecordLoginFailure(db, *name, address, now);
    call.Audit("login", *name, 401, "failed");
    return ErrorResponse(401, "bad_login", "unknown user or wrong password");
  }
  // A login always issues a new session id; one the client still carries ends here.
  if (std::string old = CookieValue(call.request.cookie, kSessionCookie); !old.empty()) EndSession(db, old);
  NewSession fresh = CreateSession(db, user->user, now);
  call.session = ActiveSession{user->user, fresh.csrf_token};
  call.Audit("login", *name, 200, "ok");
  Response r;
  r.body = UserJson(*call.session);
  r.headers.emplace_back("Set-Cookie", Cookie(fresh.id, call.request.tls, false));
  return r;
}

Response HandleSession(Call& call) {
  Response r;
  r.body = UserJson(*call.session);
  return r;
}

Response HandleLogout(Call& call) {
  EndSession(call.worker.db, CookieValue(call.request.cookie, kSessionCookie));
  call.Audit("logout", call.session->user.name, 204);
  Response r;
  r.status = 204;
  r.content_type.clear();
  r.headers.emplace_back("Set-Cookie", Cookie("", call.request.tls, true));
  return r;
}

}  // namespace jiuzhu::server
