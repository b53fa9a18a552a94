// Thin RAII wrappers over SQLite: a connection, prepared statements that reset themselves, and a transaction
// guard. Errors become DatabaseError with SQLite's message and the statement. A Database is used by one thread.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "jiuzhu/error.h"

namespace jiuzhu::registry {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }

  // Binding (1-based positions). Text and blobs are copied by SQLite (SQLITE_TRANSIENT); the *Unowned forms are
  // not copied — for the batch's bulk inserts — and REQUIRE `v` to stay valid until the statement has run.
  Statement& Bind(int pos, int64_t v);
  Statement& Bind(int pos, std::string_view v);
  Statement& BindBlob(int pos, std::string_view v);
  Statement& BindUnowned(int pos, std::string_view v);
  Statement& BindBlobUnowned(int pos, std::string_view v);
  Statement& BindNull(int pos);
  Statement& BindOptional(int pos, const std::optional<std::string>& v);

  bool Step();  // true: a row is ready; false: done (the statement resets on the next Bind/Step after done)
  void Run();   // Step until done
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  std::string_view Text(int col) const;
  std::string_view Blob(int col) const;
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

 private:
  void Check(int rc, const char* what) const;
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool done_ = false;
};

// The page cache of a connection (KiB): large for imports, whose index inserts land anywhere in the b-trees.
inline constexpr int kPageCacheKiB = 65536;

class Database {
 public:
  // Opens (creating when `create`) the file; WAL journal, NORMAL sync (durable at each commit in WAL).
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void Exec(std::string_view sql);
  Statement Prepare(std::string_view sql) { return Statement(db_, sql); }
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

// BEGIN IMMEDIATE on construction (or `begin`, e.g. a deferred "BEGIN" for a transaction that writes only to
// TEMP tables and so must not take the registry's write lock); ROLLBACK unless Commit() was called.
class Transaction {
 public:
  explicit Transaction(Database& db, std::string_view begin = "BEGIN IMMEDIATE") : db_(db) { db_.Exec(begin); }
  ~Transaction() {
    if (!done_) {
      try { db_.Exec("ROLLBACK"); } catch (...) {}
    }
  }
  void Commit() {
    db_.Exec("COMMIT");
    done_ = true;
  }

 private:
  Database& db_;
  bool done_ = false;
};

// A long load split into transactions of `every` operations: a huge file never holds one giant transaction, and
// what was committed stays if the process dies. Call Tick() after each operation and Finish() at the end.
class ChunkedTransaction {
 public:
  ChunkedTransaction(Database& db, int every) : db_(db), every_(every), tx_(std::make_unique<Transaction>(db)) {}
  void Tick() {
    if (++pending_ < every_) return;
    tx_->Commit();
    tx_ = std::make_unique<Transaction>(db_);
    pending_ = 0;
  }
  void Finish() { tx_->Commit(); }

 private:
  Database& db_;
  int every_;
  int pending_ = 0;
  std::unique_ptr<Transaction> tx_;
};

// A connection setting for a scope: `set` on construction, `restore` when the scope ends. A failure to restore is
// ignored: a destructor must not throw, and these settings change what work costs, never what it gives.
class ScopedPragma {
 public:
  ScopedPragma(Database& db, std::string_view set, std::string restore) : db_(db), restore_(std::move(restore)) { db_.Exec(set); }
  ~ScopedPragma() {
    try { db_.Exec(restore_); } catch (...) {}
  }
  ScopedPragma(const ScopedPragma&) = delete;
  ScopedPragma& operator=(const ScopedPragma&) = delete;

 private:
  Database& db_;
  std::string restore_;
};

// For a load: temporary files in memory while it runs, above all the statement journal SQLite opens for every
// INSERT whose triggers write another table (members and records keep record_households), which on disk made an
// import of 100k households spend 2.8 s in the kernel (3.8 → 6.9 s). For loads only: a batch's sorts (its grids
// at the end, the worklists) grow with the registry and stay on disk.
inline ScopedPragma TempStoreInMemory(Database& db) { return ScopedPragma(db, "PRAGMA temp_store=MEMORY", "PRAGMA temp_store=DEFAULT"); }

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
void AppendCsvField(std::string_view field, std::string& out);

}  // namespace jiuzhu::registry
