// `registry records`: other departments' records (RECORDS.csv, registry.md) → the records table. The header
// must be exact; a malformed row is reported with its line and skipped; the good rows are stored. Records are
// applied at batch time, never here: a record dated after a run's as_of is ignored by that run.
#include <memory>

#include "registry/records.h"
#include "registry/sqlite_registry.h"

namespace jiuzhu::registry {

RecordsReport SqliteRegistry::ImportRecords(std::FILE* in, const std::string& file_name,
                                            const std::function<void(int64_t, const std::string&)>& on_bad) {
  RecordsReport report;
  Statement insert = db_.Prepare("INSERT INTO records(source, person_id, kind, date, value, file, line) VALUES (?, ?, ?, ?, ?, ?, ?)");
  ScopedPragma journals = TempStoreInMemory(db_);
  ChunkedTransaction tx(db_, 20000);
  bool header_seen = false;
  Record record;
  std::string error;
  ForEachLine(in, [&](int64_t number, std::string_view line) {
    report.lines = number;
    if (!header_seen) {
      header_seen = true;
      if (!IsRecordsHeader(line)) {
        ++report.bad;
        on_bad(number, "第 1 行：表头应为 source,person_id,kind,date,value (line 1: the header must be source,person_id,kind,date,value)");
      }
      return;
    }
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    if (!ParseRecordLine(line, number, record, error)) {
      ++report.bad;
      on_bad(number, error);
      return;
    }
    insert.Bind(1, record.source).Bind(2, record.person_id).Bind(3, record.kind).Bind(4, record.date.ToString())
        .Bind(5, record.value).Bind(6, file_name).Bind(7, number).Run();
    ++report.stored;
    tx.Tick();
  });
  tx.Finish();
  return report;
}

}  // namespace jiuzhu::registry
