// The Registry implementation over SQLite. Its methods live in one file per concern: importer.cpp,
// records_store.cpp, batch.cpp, exporter.cpp.
#pragma once

#include "jiuzhu/registry.h"
#include "registry/database.h"

namespace jiuzhu::registry {

class SqliteRegistry : public Registry {
 public:
  SqliteRegistry(const std::string& path, bool create);

  ImportReport ImportHouseholds(std::FILE* in, const std::function<void(int64_t, const ReadResult&)>& on_bad) override;
  RecordsReport ImportRecords(std::FILE* in, const std::string& file_name,
                              const std::function<void(int64_t, const std::string&)>& on_bad) override;
  BatchReport RunBatch(const BatchOptions& options, std::shared_ptr<const RulePack> pack) override;
  bool Export(std::optional<int64_t> run, ExportFormat format, std::FILE* out, std::string& error) override;

  Database& db() { return db_; }

 private:
  Database db_;
};

// The pack a run used, loaded from the `packs` table (exporter.cpp); null with `error` set when it is missing or
// does not load. Also used by the server to render stored decisions.
std::shared_ptr<const RulePack> StoredPack(Database& db, const std::string& version, std::string& error);

// "2026-11-23T10:00:00Z" (UTC), for started_at / imported_at columns.
std::string NowUtc();

// Reads `in` line by line with one reused buffer; calls fn(line_number, text without the line end) for every
// line (empty ones included, so the caller decides).
void ForEachLine(std::FILE* in, const std::function<void(int64_t, std::string_view)>& fn);

}  // namespace jiuzhu::registry
