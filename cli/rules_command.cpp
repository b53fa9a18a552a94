// `jiuzhu rules check [DIR] [--strict]`: load the pack and list every error and warning with its position.
// `jiuzhu rules test [DIR] [--min-coverage PERCENT]`: run the pack's own tests (DIR/tests/*.yaml) and report
// which rules no test makes both pass and fail.
// `jiuzhu rules doc [DIR] --out FILE.html [--base DIR]`: the pack as one HTML page for policy staff, with what
// changed since the base pack.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "commands.h"
#include "jiuzhu/pack_doc.h"
#include "options.h"

namespace jiuzhu::cli {

std::shared_ptr<const RulePack> LoadPackOrReport(const std::string& dir) {
  LoadResult loaded = LoadRulePack(dir);
  if (loaded.ok()) return loaded.pack;
  for (const auto& d : loaded.diagnostics)
    if (d.severity == Severity::kError) std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  std::fprintf(stderr, "jiuzhu: the rule pack in '%s' does not load (%s)\n", dir.c_str(), Counted(loaded.ErrorCount(), "error").c_str());
  return nullptr;
}

namespace {

int Check(const Args& args, const std::string& dir) {
  LoadResult loaded = LoadRulePack(dir);
  for (const auto& d : loaded.diagnostics) std::printf("%s\n", FormatDiagnostic(d).c_str());
  int errors = loaded.ErrorCount(), warnings = loaded.WarningCount();
  if (loaded.ok())
    std::printf("%s: rules_version %s — %s, %s\n", dir.c_str(), std::string(RulesVersion(*loaded.pack)).c_str(),
                Counted(errors, "error").c_str(), Counted(warnings, "warning").c_str());
  else
    std::printf("%s: %s, %s — the pack does not load\n", dir.c_str(), Counted(errors, "error").c_str(), Counted(warnings, "warning").c_str());
  if (errors > 0) return kExitFinding;
  return args.Has("--strict") && warnings > 0 ? kExitFinding : kExitOk;
}

int Test(const Args& args, const std::string& dir) {
  double min_coverage = 0;
  // --coverage is the issue tracker's spelling of the same threshold.
  auto threshold = args.Get("--min-coverage");
  if (!threshold) threshold = args.Get("--coverage");
  if (auto v = threshold) {
    char* end = nullptr;
    min_coverage = std::strtod(v->c_str(), &end);
    if (end == v->c_str() || *end != '\0' || min_coverage < 0 || min_coverage > 100)
      return UsageError("--min-coverage is a percentage 0–100, got '" + *v + "'");
  }
  std::shared_ptr<const RulePack> pack = LoadPackOrReport(dir);
  if (!pack) return kExitUsage;
  PackTestReport report = RunPackTests(pack, dir);
  for (const auto& d : report.diagnostics) std::printf("%s\n", FormatDiagnostic(d).c_str());
  for (const auto& f : report.failures)
    std::printf("FAIL %s:%d: %s — %s\n", f.file.c_str(), f.line, f.test.c_str(), f.message.c_str());
  int both = 0;
  for (const auto& c : report.coverage) {
    both += c.passed && c.failed;
    if (!(c.passed && c.failed))
      std::printf("%s:%d:%d: RULE_NOT_COVERED: %s is never made to %s by a test\n", c.file.c_str(), c.line, c.column,
                  c.rule.c_str(), !c.passed && !c.failed ? "pass or fail" : c.passed ? "fail" : "pass");
  }
  double pct = report.coverage.empty() ? 100.0 : 100.0 * both / static_cast<double>(report.coverage.size());
  std::printf("%d passed, %d failed\n", report.passed, report.tests - report.passed);
  std::printf("coverage: %d of %zu rules both pass and fail in some test (%.1f%%, threshold %.1f%%)\n", both,
              report.coverage.size(), pct, min_coverage);
  if (!report.diagnostics.empty() || report.passed != report.tests) return kExitFinding;
  return pct + 1e-9 < min_coverage ? kExitFinding : kExitOk;
}

// Every pack error on stderr, as LoadPackOrReport does; exit 2 (the pack cannot be rendered).
int ReportDocErrors(const std::vector<Diagnostic>& diagnostics) {
  int errors = 0;
  for (const auto& d : diagnostics) {
    if (d.severity != Severity::kError) continue;
    ++errors;
    std::fprintf(stderr, "%s\n", FormatDiagnostic(d).c_str());
  }
  std::fprintf(stderr, "jiuzhu: a rule pack does not load (%s); no page written\n", Counted(errors, "error").c_str());
  return kExitUsage;
}

int Doc(const Args& args, const std::string& dir) {
  std::optional<std::string> out = args.Get("--out");
  if (!out || out->empty()) return UsageError("rules doc needs --out FILE.html");
  std::optional<std::string> base = args.Get("--base");
  if (base && !std::filesystem::is_directory(*base)) return UsageError("no base rule pack folder '" + *base + "'");
  std::string html;
  std::vector<Diagnostic> diagnostics;
  if (!RenderPackDoc(dir, base ? &*base : nullptr, html, diagnostics)) return ReportDocErrors(diagnostics);
  std::ofstream file(*out, std::ios::binary | std::ios::trunc);
  file << html;
  file.close();
  if (!file) return UsageError("cannot write '" + *out + "'");
  std::fprintf(stderr, "%s: wrote %s\n", dir.c_str(), out->c_str());
  return kExitOk;
}

}  // namespace

int RulesCommand(int argc, char** argv) {
  if (argc < 3) return UsageError("rules needs a subcommand: check, test or doc");
  std::string sub = argv[2];
  Args args;
  std::string error;
  if (sub == "check") {
    if (!ParseArgs(argc, argv, 3, {"--rules"}, {"--strict"}, args, error)) return UsageError(error);
  } else if (sub == "test") {
    if (!ParseArgs(argc, argv, 3, {"--rules", "--min-coverage", "--coverage"}, {}, args, error)) return UsageError(error);
  } else if (sub == "doc") {
    if (!ParseArgs(argc, argv, 3, {"--rules", "--out", "--base"}, {}, args, error)) return UsageError(error);
  } else {
    return UsageError("unknown rules subcommand '" + sub + "' (check, test or doc)");
  }
  if (args.positional.size() > 1) return UsageError("rules " + sub + " takes one pack folder");
  std::string dir = args.positional.empty() ? RulesDir(args) : args.positional[0];
  if (!std::filesystem::is_directory(dir)) return UsageError("no rule pack folder '" + dir + "'");
  if (sub == "doc") return Doc(args, dir);
  return sub == "check" ? Check(args, dir) : Test(args, dir);
}

}  // namespace jiuzhu::cli
