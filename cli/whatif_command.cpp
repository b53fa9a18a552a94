// jiuzhu whatif --db REG --as-of DATE --base DIR [--new DIR] [--set PARAM[@REGION][:HUKOU]=VALUE]... [--out DIR]
//               [--threads N]
// Both packs over the same registry; the table on stdout, summary.json and the change lists in --out.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "commands.h"
#include "jiuzhu/whatif.h"
#include "options.h"

namespace jiuzhu::cli {

int WhatifCommand(int argc, char** argv) {
  // --set may be given many times; the shared parser keeps one value per option, so they are taken out first.
  WhatifOptions options;
  std::vector<char*> rest(argv, argv + argc);
  rest.resize(2);
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--set") {
      if (i + 1 >= argc) return UsageError("option --set needs a value PARAM[@REGION][:HUKOU]=VALUE");
      options.sets.emplace_back(argv[++i]);
    } else if (arg.rfind("--set=", 0) == 0) {
      options.sets.push_back(arg.substr(6));
    } else {
      rest.push_back(argv[i]);
    }
  }
  Args args;
  std::string error;
  if (!ParseArgs(static_cast<int>(rest.size()), rest.data(), 2, {"--db", "--as-of", "--base", "--new", "--out", "--threads", "--rules"},
                 {}, args, error))
    return UsageError(error + " (and --set, repeatable)");
  if (!args.positional.empty()) return UsageError("whatif takes no positional argument, got '" + args.positional[0] + "'");
  auto db = args.Get("--db");
  if (!db) return UsageError("whatif needs --db REG.sqlite");
  if (!std::filesystem::exists(*db)) return UsageError("--db: no registry '" + *db + "'");
  auto as_of = args.Get("--as-of");
  if (!as_of) return UsageError("whatif needs --as-of YYYY-MM-DD (cli.md: the date both packs decide for)");
  auto date = Date::Parse(*as_of);
  if (!date) return UsageError("--as-of needs a date YYYY-MM-DD, got '" + *as_of + "'");
  options.db = *db;
  options.as_of = *date;
  options.base_dir = args.Get("--base").value_or(RulesDir(args));
  options.new_dir = args.Get("--new").value_or("");
  options.out_dir = args.Get("--out").value_or("");
  if (!ReadThreads(args, options.threads, error)) return UsageError(error);
  const auto start = std::chrono::steady_clock::now();
  WhatifReport r = RunWhatif(options);
  if (r.failure == WhatifReport::Failure::kUsage) return UsageError(r.error);
  if (r.failure == WhatifReport::Failure::kPack) {
    int errors = 0;
    for (const auto& d : r.diagnostics)
      if (d.severity == Severity::kError) {
        std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
        ++errors;
      }
    std::fprintf(stderr, "jiuzhu: %s (%s)\n", r.error.c_str(), Counted(errors, "error").c_str());
    return kExitUsage;
  }
  std::fputs(r.table.c_str(), stdout);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "whatif: %lld households in %.1f s (%.0f/s), %lld changed%s%s\n", static_cast<long long>(r.households),
               seconds, seconds > 0 ? static_cast<double>(r.households) / seconds : 0.0,
               static_cast<long long>(r.changed_households), options.out_dir.empty() ? "" : "; summary.json and 变化名单.csv/.xlsx in ",
               options.out_dir.c_str());
  return kExitOk;
}

}  // namespace jiuzhu::cli
