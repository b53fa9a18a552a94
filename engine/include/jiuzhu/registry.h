// Registry: the SQLite database of households, other departments' records, and monthly runs
// (shared/spec/registry.md; table layout in README.md). One Registry per thread; several processes may open
// the same file (WAL): a server can read while a batch writes.
//
//   auto reg = jiuzhu::Registry::Open("county.sqlite", /*create=*/true);
//   reg->ImportHouseholds(stdin, on_bad_line);
//   jiuzhu::BatchReport r = reg->RunBatch(options, pack);
#pragma once

#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/engine.h"
#include "jiuzhu/error.h"
#include "jiuzhu/household_reader.h"

namespace jiuzhu {

struct ImportReport {
  int64_t lines = 0;
  int64_t inserted = 0;
  int64_t replaced = 0;
  int64_t bad = 0;
};

struct RecordsReport {
  int64_t lines = 0;
  int64_t stored = 0;
  int64_t bad = 0;
};

struct BatchOptions {
  Date as_of;
  bool new_run = false;        // start a new run even if one exists for this date and pack
  int threads = 0;             // 0: every core
  std::string worklists_dir;   // "" : no worklist files
  // Called from the batch thread after each committed chunk, and once at the end.
  std::function<void(int64_t done, int64_t total)> progress;
};

struct BatchReport {
  int64_t run_id = 0;
  bool resumed = false;       // an interrupted run was completed
  bool already_done = false;  // the run existed and had finished: nothing changed
  int64_t total = 0;
  int64_t decided = 0;
  int64_t quarantined = 0;
  int64_t unmatched_records = 0;
  std::string summary_json;  // counts and monthly amounts per flag and region, before and after
};

enum class ExportFormat : uint8_t { kJsonl, kCsv };

class Registry {
 public:
  // Opens the registry file, creating it when `create` (import, records); else it must exist. Upgrades an older
  // schema. Throws DatabaseError when it cannot be opened.
  static std::unique_ptr<Registry> Open(const std::string& path, bool create);
  virtual ~Registry() = default;

  // JSON Lines in household.md shape: insert or replace by id. A bad line is passed to `on_bad` and skipped.
  virtual ImportReport ImportHouseholds(std::FILE* in, const std::function<void(int64_t line, const ReadResult&)>& on_bad) = 0;
  // RECORDS.csv of registry.md. A malformed row is passed to `on_bad` (line, message) and skipped.
  virtual RecordsReport ImportRecords(std::FILE* in, const std::string& file_name,
                                      const std::function<void(int64_t line, const std::string&)>& on_bad) = 0;
  // The monthly run (registry.md "Commands"): resumable and idempotent.
  // The pack's files are stored with the run (once per rules_version) so that its decisions can be rendered again.
  virtual BatchReport RunBatch(const BatchOptions& options, std::shared_ptr<const RulePack> pack) = 0;
  // Prints a run's Decisions (latest completed run by default) in household id order. Returns false with
  // `error` set when there is no such run.
  virtual bool Export(std::optional<int64_t> run, ExportFormat format, std::FILE* out, std::string& error) = 0;
};

}  // namespace jiuzhu
