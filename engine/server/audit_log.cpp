#include "server/audit_log.h"

#include <optional>

#include "jiuzhu/decision_writer.h"
#include "server/crypto.h"

namespace jiuzhu::server {

using registry::Database;
using registry::Statement;

std::string AuditContent(int64_t seq, const std::string& at, const AuditEntry& e) {
  std::string s = "{\"seq\":" + std::to_string(seq) + ",\"at\":";
  AppendJsonString(at, s);
  s += ",\"user\":";
  AppendJsonString(e.user, s);
  s += ",\"address\":";
  AppendJsonString(e.address, s);
  s += ",\"action\":";
  AppendJsonString(e.action, s);
  s += ",\"target\":";
  AppendJsonString(e.target, s);
  s += ",\"status\":" + std::to_string(e.status) + ",\"detail\":";
  AppendJsonString(e.detail, s);
  s += '}';
  return s;
}

namespace {

std::string ChainHash(const std::string& prev, const std::string& content) { return Sha256Hex(prev + "\n" + content); }

void AppendLocked(Database& db, const AuditEntry& e, const std::string& at) {
  Statement last = db.Prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  int64_t seq = 1;
  std::string prev = kAuditGenesis;
  if (last.Step()) {
    seq = last.Int(0) + 1;
    prev = last.Text(1);
  }
  Statement insert = db.Prepare(
      "INSERT INTO audit_log(seq, at, user, address, action, target, status, detail, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, seq).Bind(2, at).Bind(3, e.user).Bind(4, e.address).Bind(5, e.action).Bind(6, e.target)
      .Bind(7, static_cast<int64_t>(e.status)).Bind(8, e.detail).Bind(9, prev)
      .Bind(10, ChainHash(prev, AuditContent(seq, at, e)))
      .Run();
}

struct StoredEntry {
  int64_t seq = 0;
  std::string at, prev_hash, hash;
  AuditEntry e;
};

bool ReadEntry(Statement& q, StoredEntry& s) {
  if (!q.Step()) return false;
  s.seq = q.Int(0);
  s.at = q.Text(1);
  s.e.user = q.Text(2);
  s.e.address = q.Text(3);
  s.e.action = q.Text(4);
  s.e.target = q.Text(5);
  s.e.status = static_cast<int>(q.Int(6));
  s.e.detail = q.Text(7);
  s.prev_hash = q.Text(8);
  s.hash = q.Text(9);
  return true;
}

constexpr const char* kSelectAll =
    "SELECT seq, at, user, address, action, target, status, detail, prev_hash, hash FROM audit_log ORDER BY seq";

}  // namespace

void AppendAudit(Database& db, const AuditEntry& entry, const std::string& at) {
  if (sqlite3_get_autocommit(db.handle()) == 0) {
    AppendLocked(db, entry, at);
    return;
  }
  registry::Transaction tx(db);
  AppendLocked(db, entry, at);
  tx.Commit();
}

void PrintAudit(Database& db, std::FILE* out) {
  Statement q = db.Prepare(kSelectAll);
  StoredEntry s;
  std::string line;
  while (ReadEntry(q, s)) {
    line = AuditContent(s.seq, s.at, s.e);
    line.pop_back();
    line += ",\"prev_hash\":\"" + s.prev_hash + "\",\"hash\":\"" + s.hash + "\"}\n";
    std::fwrite(line.data(), 1, line.size(), out);
  }
}

AuditCheck VerifyAudit(Database& db) {
  AuditCheck check;
  Statement q = db.Prepare(kSelectAll);
  StoredEntry s;
  std::string prev = kAuditGenesis;
  int64_t expected_seq = 1;
  while (ReadEntry(q, s)) {
    ++check.entries;
    std::optional<std::string> problem;
    if (s.seq != expected_seq) problem = "entry " + std::to_string(expected_seq) + " is missing";
    else if (s.prev_hash != prev) problem = "its link to the entry before does not match";
    else if (s.hash != ChainHash(prev, AuditContent(s.seq, s.at, s.e))) problem = "its content does not match its hash";
    if (problem) {
      check.ok = false;
      check.broken_at = s.seq;
      check.message = "audit log broken at entry " + std::to_string(s.seq) + ": " + *problem;
      return check;
    }
    prev = s.hash;
    expected_seq = s.seq + 1;
  }
  return check;
}

}  // namespace jiuzhu::server
