// The engine's entry points: load a rule pack (parse → check → compile), then screen households with it.
//
//   auto loaded = jiuzhu::LoadRulePack("rules");
//   if (!loaded.ok()) { for (auto& d : loaded.diagnostics) print(FormatDiagnostic(d)); }
//   jiuzhu::Screener screener(loaded.pack);          // one per thread
//   screener.Screen(household, as_of, ReasonsMode::kAll, decision);
//
// A RulePack is immutable after loading and shared by all threads; a Screener holds the per-thread evaluation
// frame, reused between households so that screening allocates nothing once warm.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/decision.h"
#include "jiuzhu/decision_writer.h"
#include "jiuzhu/diagnostic.h"
#include "jiuzhu/household.h"

namespace jiuzhu {

class RulePack;  // compiled, immutable; defined in engine/compile/plan.h

struct LoadResult {
  std::shared_ptr<const RulePack> pack;  // null when any error was found
  std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
  bool ok() const { return pack != nullptr; }
  int ErrorCount() const;
  int WarningCount() const;
};

// Loads every *.yaml file of `dir` (not its tests/ folder, nor sub-folders such as local/) as one pack; a local
// pack (a file says `extends: PATH`) is loaded on top of its base (README, "Local packs").
LoadResult LoadRulePack(const std::string& dir);

// The same from (file name, text) pairs — a pack stored with a run. Names sort as files in a folder would.
LoadResult LoadRulePackFromSources(std::vector<std::pair<std::string, std::string>> files);

// Content hash of the pack's files: the same pack gives the same rules_version.
std::string_view RulesVersion(const RulePack& pack);

// The pack's files as (name, text), every layer of a local pack included ("layer<K>/<file>" above the base):
// what a run stores, and what LoadRulePackFromSources reads back into the same pack and rules_version.
const std::vector<std::pair<std::string, std::string>>& RulePackSources(const RulePack& pack);

class Screener {
 public:
  explicit Screener(std::shared_ptr<const RulePack> pack);
  ~Screener();
  Screener(const Screener&) = delete;
  Screener& operator=(const Screener&) = delete;

  // Decides `household` as of `as_of` into `out` (overwritten). Never throws for any valid Household.
  // `render_texts` false keeps every reason's outcome and values but leaves text/text_en empty (a batch stores
  // them and renders the texts at export).
  void Screen(const Household& household, Date as_of, ReasonsMode reasons, Decision& out, bool render_texts = true);

  // A number parameter of the pack by name: its index (-1 when the pack has none), and its value for the
  // household's region and hukou on `as_of` (nullopt when it has none there) — for what the engine's callers
  // decide outside the rules, such as how old a department's record may be in a batch.
  int ParameterIndex(std::string_view name) const;
  std::optional<Num> NumberParameter(int index, const Household& household, Date as_of);

 private:
  struct Frame;
  std::shared_ptr<const RulePack> pack_;
  std::unique_ptr<Frame> frame_;
};

// `rules test`: runs the YAML test cases in DIR/tests/*.yaml against the pack.
struct PackTestFailure {
  std::string file;
  int line = 0;
  std::string test;
  std::string message;
};
struct PackTestReport {
  int tests = 0;
  int passed = 0;
  std::vector<PackTestFailure> failures;
  std::vector<Diagnostic> diagnostics;  // unreadable test files
  // Per rule id: whether some test saw it pass and some test saw it fail.
  struct Coverage {
    std::string rule;
    bool passed = false;
    bool failed = false;
    std::string file;  // where the rule is written
    int line = 0;
    int column = 0;
  };
  std::vector<Coverage> coverage;
};
PackTestReport RunPackTests(const std::shared_ptr<const RulePack>& pack, const std::string& dir);

}  // namespace jiuzhu
