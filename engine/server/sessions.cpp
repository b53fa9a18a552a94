#include "server/sessions.h"

#include "server/crypto.h"

namespace jiuzhu::server {

using registry::Database;
using registry::Statement;

bool SessionAlive(const SessionPolicy& policy, int64_t created, int64_t last_seen, int64_t now) {
  return now - last_seen < policy.idle_seconds && now - created < policy.max_seconds;
}

NewSession CreateSession(Database& db, const User& user, int64_t now) {
  NewSession s{RandomHex(32), RandomHex(32)};
  Statement insert = db.Prepare(
      "INSERT INTO sessions(id_hash, user, generation, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(1, Sha256Hex(s.id)).Bind(2, user.name).Bind(3, user.generation).Bind(4, s.csrf_token).Bind(5, now).Bind(6, now).Run();
  return s;
}

std::optional<ActiveSession> FindSession(Database& db, const SessionPolicy& policy, const std::string& id, int64_t now) {
  if (id.empty()) return std::nullopt;
  const std::string hash = Sha256Hex(id);
  Statement q = db.Prepare(
      "SELECT s.created_at, s.last_seen_at, s.csrf_token, s.generation, u.name, u.role, u.grids, u.regions, u.disabled, "
      "u.generation FROM sessions s JOIN users u ON u.name = s.user WHERE s.id_hash = ?");
  q.Bind(1, hash);
  if (!q.Step()) return std::nullopt;
  const int64_t created = q.Int(0), last_seen = q.Int(1);
  const bool current = q.Int(3) == q.Int(9) && q.Int(8) == 0;
  if (!current || !SessionAlive(policy, created, last_seen, now)) {
    q.Reset();
    db.Prepare("DELETE FROM sessions WHERE id_hash = ?").Bind(1, hash).Run();
    return std::nullopt;
  }
  ActiveSession s;
  s.csrf_token = q.Text(2);
  s.user.name = q.Text(4);
  s.user.role = ParseRole(q.Text(5)).value_or(Role::kCaseworker);
  s.user.grids = SplitList(q.Text(6));
  s.user.regions = SplitList(q.Text(7));
  s.user.generation = q.Int(9);
  q.Reset();
  if (now - last_seen >= policy.touch_every_seconds)
    db.Prepare("UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?").Bind(1, now).Bind(2, hash).Run();
  return s;
}

void EndSession(Database& db, const std::string& id) {
  db.Prepare("DELETE FROM sessions WHERE id_hash = ?").Bind(1, Sha256Hex(id)).Run();
}

bool LoginThrottled(Database& db, const std::string& user, const std::string& address, int64_t now) {
  Statement q = db.Prepare(
      "SELECT (SELECT count(*) FROM login_failures WHERE user = ?1 AND at > ?3), "
      "(SELECT count(*) FROM login_failures WHERE address = ?2 AND at > ?3)");
  q.Bind(1, user).Bind(2, address).Bind(3, now - kFailureWindowSeconds);
  q.Step();
  return q.Int(0) >= kMaxFailures || q.Int(1) >= kMaxFailures;
}

void RecordLoginFailure(Database& db, const std::string& user, const std::string& address, int64_t now) {
  registry::Transaction tx(db);
  db.Prepare("DELETE FROM login_failures WHERE at <= ?").Bind(1, now - kFailureWindowSeconds).Run();
  db.Prepare("INSERT INTO login_failures(user, address, at) VALUES (?, ?, ?)").Bind(1, user).Bind(2, address).Bind(3, now).Run();
  tx.Commit();
}

}  // namespace jiuzhu::server
