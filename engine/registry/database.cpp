#include "registry/database.h"

namespace jiuzhu::registry {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) throw DatabaseError(std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Check(int rc, const char* what) const {
  if (rc != SQLITE_OK) throw DatabaseError(std::string(what) + ": " + sqlite3_errmsg(db_) + " in: " + sqlite3_sql(stmt_));
}

Statement& Statement::Bind(int pos, int64_t v) {
  if (done_) Reset();
  Check(sqlite3_bind_int64(stmt_, pos, v), "bind");
  return *this;
}

Statement& Statement::Bind(int pos, std::string_view v) {
  if (done_) Reset();
  Check(sqlite3_bind_text(stmt_, pos, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}

Statement& Statement::BindBlob(int pos, std::string_view v) {
  if (done_) Reset();
  Check(sqlite3_bind_blob(stmt_, pos, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}

Statement& Statement::BindUnowned(int pos, std::string_view v) {
  if (done_) Reset();
  Check(sqlite3_bind_text(stmt_, pos, v.data(), static_cast<int>(v.size()), SQLITE_STATIC), "bind");
  return *this;
}

Statement& Statement::BindBlobUnowned(int pos, std::string_view v) {
  if (done_) Reset();
  Check(sqlite3_bind_blob(stmt_, pos, v.data(), static_cast<int>(v.size()), SQLITE_STATIC), "bind");
  return *this;
}

Statement& Statement::BindNull(int pos) {
  if (done_) Reset();
  Check(sqlite3_bind_null(stmt_, pos), "bind");
  return *this;
}

Statement& Statement::BindOptional(int pos, const std::optional<std::string>& v) {
  return v ? Bind(pos, *v) : BindNull(pos);
}

bool Statement::Step() {
  if (done_) Reset();
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    done_ = true;
    return false;
  }
  std::string message = std::string("step: ") + sqlite3_errmsg(db_) + " in: " + sqlite3_sql(stmt_);
  sqlite3_reset(stmt_);
  throw DatabaseError(message);
}

void Statement::Run() {
  while (Step()) {
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  done_ = false;
}

std::string_view Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  return p ? std::string_view(reinterpret_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string_view();
}

std::string_view Statement::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  return p ? std::string_view(static_cast<const char*>(p), sqlite3_column_bytes(stmt_, col)) : std::string_view();
}

Database::Database(const std::string& path, bool create) : path_(path) {
  int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw DatabaseError("cannot open registry '" + path + "': " + message);
  }
  sqlite3_busy_timeout(db_, 10000);  // another process (a server, a second batch) may hold the write lock briefly
  Exec("PRAGMA page_size=16384");  // takes effect on a new file only: fewer, larger pages for documents and blobs
  Exec("PRAGMA journal_mode=WAL");
  Exec("PRAGMA synchronous=NORMAL");
  Exec("PRAGMA foreign_keys=ON");
  Exec("PRAGMA cache_size=-" + std::to_string(kPageCacheKiB));
}

Database::~Database() { sqlite3_close(db_); }

void Database::Exec(std::string_view sql) {
  char* error = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw DatabaseError(message + " in: " + text.substr(0, 200));
  }
}

void AppendCsvField(std::string_view field, std::string& out) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace jiuzhu::registry
