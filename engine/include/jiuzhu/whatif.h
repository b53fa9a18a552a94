// What-if: two rule packs over the same registry, compared household by household (README, "What-if").
//
//   jiuzhu::WhatifOptions o;  o.db = "county.sqlite"; o.as_of = ...; o.base_dir = "rules";
//   o.sets = {"dibao.standard@510502=900"};  o.out_dir = "whatif/";
//   jiuzhu::WhatifReport r = jiuzhu::RunWhatif(o);
//
// Both packs decide every household on the facts a batch would use (the departments' records dated on or before
// as_of, the 渐退期 proposals stored by earlier runs). Nothing is written into the registry.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/diagnostic.h"

namespace jiuzhu {

struct WhatifOptions {
  std::string db;
  Date as_of;
  std::string base_dir;
  std::string new_dir;            // "" : the base pack with `sets` applied
  std::vector<std::string> sets;  // "PARAM[@REGION][:HUKOU]=VALUE", applied to the new pack from as_of on
  std::string out_dir;            // "" : no files (summary.json, 变化名单.csv, 变化名单.xlsx)
  int threads = 0;                // 0: every core
  std::function<void(int64_t done, int64_t total)> progress;  // after each chunk, from the calling thread
};

struct WhatifReport {
  enum class Failure : uint8_t { kNone, kUsage, kPack };
  Failure failure = Failure::kNone;
  std::string error;                    // kUsage: what is wrong, naming the option; kPack: which pack
  std::vector<Diagnostic> diagnostics;  // kPack: the pack's errors (and warnings)
  int64_t households = 0;
  int64_t quarantined = 0;      // stored households that break the contract: neither pack decides them
  int64_t changed_households = 0;
  int64_t changed_results = 0;  // (program, scope) results whose status or amount differs
  std::string table;            // the compact table printed on stdout
  std::string summary_json;     // what summary.json holds
  bool ok() const { return failure == Failure::kNone; }
};

// Throws DatabaseError when the registry cannot be read; a bad option or pack is reported in the result.
WhatifReport RunWhatif(const WhatifOptions& options);

}  // namespace jiuzhu
