// The audit log (http.md): append-only, each entry holding the SHA-256 of the entry before it together with its
// own content, so that changing, removing or reordering a stored entry breaks the chain at that entry. Writers
// in several processes (the server, `jiuzhu users`) append under SQLite's write lock, so the chain stays linear.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "registry/database.h"

namespace jiuzhu::server {

struct AuditEntry {
  std::string user;     // "" before login; "cli:NAME" for the command line
  std::string address;  // client address, or "cli"
  std::string action;   // login, logout, view, list, search, worklist, visit, user_add, ...
  std::string target;   // household id, grid, user name, path
  int status = 0;       // the HTTP status answered (0 for the command line)
  std::string detail;   // a short note; never an ID number, password or session id
};

// Appends one entry stamped `at` (UTC, ISO 8601). Inside the caller's transaction when one is open, else in its
// own (BEGIN IMMEDIATE).
void AppendAudit(registry::Database& db, const AuditEntry& entry, const std::string& at);

// Every entry as one JSON object per line, in order.
void PrintAudit(registry::Database& db, std::FILE* out);

struct AuditCheck {
  bool ok = true;
  int64_t entries = 0;
  int64_t broken_at = 0;  // seq of the first entry whose hash or link does not hold
  std::string message;
};
AuditCheck VerifyAudit(registry::Database& db);

// The text an entry's hash covers (exposed for tests).
std::string AuditContent(int64_t seq, const std::string& at, const AuditEntry& e);

inline constexpr const char* kAuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace jiuzhu::server
