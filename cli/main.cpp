// jiuzhu (救助): the command line over the rules engine. A thin layer: parse options, call the library,
// print, map outcomes to the exit codes of shared/spec/cli.md.
#include <cstdio>
#include <cstring>
#include <exception>

#include "commands.h"
#include "jiuzhu/error.h"
#include "options.h"

namespace {

const char* kUsage = R"(jiuzhu — social assistance rules engine (低保, 特困, 残疾人两项补贴)

usage:
  jiuzhu screen FILE|- [--as-of YYYY-MM-DD] [--rules DIR] [--format json|text] [--lang zh|en]
                       [--reasons all|deciding|none]
  jiuzhu rules check [DIR] [--strict]
  jiuzhu rules test  [DIR] [--min-coverage PERCENT]
  jiuzhu rules doc   [DIR] --out FILE.html [--base DIR]
  jiuzhu registry import  --db REG.sqlite HOUSEHOLDS.jsonl
  jiuzhu registry records --db REG.sqlite RECORDS.csv
  jiuzhu batch  --db REG.sqlite --as-of YYYY-MM-DD [--rules DIR] [--worklists DIR] [--new-run] [--threads N]
  jiuzhu export --db REG.sqlite [--run ID] [--format jsonl|csv]
  jiuzhu whatif --db REG.sqlite --as-of YYYY-MM-DD --base DIR [--new DIR] [--set PARAM[@REGION][:HUKOU]=VALUE]...
                [--out DIR] [--threads N]     (both packs over the registry; nothing is written into it)
  jiuzhu serve  --db REG.sqlite [--rules DIR] [--bind 127.0.0.1] [--port 8080] [--tls-cert FILE --tls-key FILE]
  jiuzhu users add     --db REG.sqlite NAME --role caseworker|supervisor|admin [--grids G1,G2] [--regions 510502,...]
  jiuzhu users passwd  --db REG.sqlite NAME          (the password is the first line of standard input)
  jiuzhu users disable --db REG.sqlite NAME
  jiuzhu audit  --db REG.sqlite [--verify]
  jiuzhu help

Rules: --rules DIR, else $JIUZHU_RULES, else ./rules. Exit codes: 0 done, 1 a finding, 2 bad usage or input.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace jiuzhu::cli;
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return kExitUsage;
  }
  const char* command = argv[1];
  try {
    if (std::strcmp(command, "screen") == 0) return ScreenCommand(argc, argv);
    if (std::strcmp(command, "rules") == 0) return RulesCommand(argc, argv);
    if (std::strcmp(command, "registry") == 0) return RegistryCommand(argc, argv);
    if (std::strcmp(command, "batch") == 0) return BatchCommand(argc, argv);
    if (std::strcmp(command, "export") == 0) return ExportCommand(argc, argv);
    if (std::strcmp(command, "whatif") == 0) return WhatifCommand(argc, argv);
    if (std::strcmp(command, "serve") == 0) return ServeCommand(argc, argv);
    if (std::strcmp(command, "users") == 0) return UsersCommand(argc, argv);
    if (std::strcmp(command, "audit") == 0) return AuditCommand(argc, argv);
    if (std::strcmp(command, "help") == 0 || std::strcmp(command, "--help") == 0) {
      std::fputs(kUsage, stdout);
      return kExitOk;
    }
  } catch (const jiuzhu::Error& e) {
    std::fprintf(stderr, "jiuzhu: %s\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "jiuzhu: internal error: %s\n", e.what());
    return kExitUsage;
  }
  return UsageError(std::string("unknown command '") + command + "'");
}
