// Command-line parsing shared by the subcommands: positional arguments and --name VALUE / --name=VALUE options.
// An unknown option is a usage error (exit 2), reported with the accepted ones.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace jiuzhu::cli {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--rules" -> "DIR"; flags map to ""
  std::optional<std::string> Get(const std::string& name) const;
  bool Has(const std::string& name) const { return options.count(name) > 0; }
};

// Parses argv[first..]. `with_value` options take a value, `flags` do not. Returns false with `error` set
// on an unknown option or a missing value.
bool ParseArgs(int argc, char** argv, int first, const std::set<std::string>& with_value,
               const std::set<std::string>& flags, Args& out, std::string& error);

// Exit codes of cli.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFinding = 1;
inline constexpr int kExitUsage = 2;

// --rules DIR, else $JIUZHU_RULES, else rules/ in the current directory.
std::string RulesDir(const Args& args);

int UsageError(const std::string& message);

// "1 error", "2 errors": a count with its noun, for the summaries of pack diagnostics.
std::string Counted(int n, const char* noun);

// `--threads N` where given: N ≥ 1 into `threads` (left as it is when the option is absent). False, with `error`
// set, when N is not such a number.
bool ReadThreads(const Args& args, int& threads, std::string& error);

}  // namespace jiuzhu::cli
