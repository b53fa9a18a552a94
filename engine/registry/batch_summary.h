// The end of a run: counts per flag, the summary (counts and monthly amounts per flag and region, before and
// after; unmatched records), the run marked done; and the worklist files from a run's stored flags.
#pragma once

#include <string>

#include "jiuzhu/registry.h"
#include "registry/database.h"

namespace jiuzhu::registry {

void FinishRun(Database& db, int64_t run, Date as_of);
void FillReport(Database& db, BatchReport& report);
// Writes DIR/<stem>.csv, DIR/grids/<grid>/<stem>.csv, the XLSX files and DIR/summary.json. Throws IoError.
void WriteRunWorklists(Database& db, int64_t run, const std::string& dir);

}  // namespace jiuzhu::registry
