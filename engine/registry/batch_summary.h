// The end of a run: counts per flag, the summary (counts and monthly amounts per flag and region, before and
// after; unmatched records), the run marked done; and the worklist files from a run's stored flags.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "jiuzhu/registry.h"
#include "registry/batch_reading.h"
#include "registry/database.h"

namespace jiuzhu::registry {

// A run's flags summed per flag and per region: counts, households, and the monthly amounts before and after.
class RunTotals {
 public:
  // One flag row, amounts in fen (0 for none). A household's rows come together: each is written once.
  void Add(std::string_view code, std::string_view region, std::string_view household, int64_t now_fen, int64_t granted_fen);
  // Sums the flags stored for `run`, for a run part of which an earlier process wrote.
  void AddStored(Database& db, int64_t run);
  // {"code": count, ...} and the summary's "flags" and "regions" members.
  std::string CountsJson() const;
  void AppendFlagsAndRegions(std::string& out) const;

 private:
  struct Totals {
    int64_t flags = 0, households = 0, before_fen = 0, after_fen = 0;
    std::string last_household;  // households are counted once per flag and region
  };
  static void AddTo(Totals& t, std::string_view code, std::string_view household, int64_t now_fen, int64_t granted_fen);
  static void AppendTotals(const Totals& t, std::string& out);

  std::map<std::string, Totals, std::less<>> by_flag_;
  std::map<std::string, std::map<std::string, Totals, std::less<>>, std::less<>> by_region_;
};

// Stores the run's counts and summary and the grids of its flagged households, and marks it done.
void FinishRun(Database& db, int64_t run, const RunTotals& totals, const UnmatchedRecords& unmatched);
void FillReport(Database& db, BatchReport& report);
// Writes DIR/<stem>.csv, DIR/grids/<grid>/<stem>.csv, the XLSX files and DIR/summary.json. Throws IoError.
void WriteRunWorklists(Database& db, int64_t run, const std::string& dir);

}  // namespace jiuzhu::registry
