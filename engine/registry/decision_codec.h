// DecisionCodec: a Decision as compact bytes for the run's decisions table, and back. It keeps what reproduces
// the Decision exactly — every result, every rule's outcome and the values it used, flags and data issues —
// but not the rule texts, which are rendered again at export from the pack of the run (stored once per
// rules_version). About a tenth of the JSON's size. Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "compile/plan.h"
#include "jiuzhu/decision.h"

namespace jiuzhu::registry {

class DecisionCodec {
 public:
  explicit DecisionCodec(const RulePack& pack);

  void Encode(const Decision& d, std::string& out) const;
  // Fills `d` (household, as_of and rules_version are the caller's). Returns false on corrupt bytes.
  bool Decode(std::string_view bytes, Decision& d) const;

 private:
  struct RuleRef {
    int entry = -1;
    int rule = -1;  // -1: the entry's phase_out reason
  };
  uint64_t RuleIndex(std::string_view rule, size_t& hint) const;
  uint64_t LayerCode(std::string_view name) const;
  std::string_view LayerName(uint64_t code) const;

  const RulePack& pack_;
  std::vector<RuleRef> rules_;                           // global rule index -> where it is
  std::vector<std::string_view> rule_ids_;               // global rule index -> rule id
  std::unordered_map<std::string_view, int> rule_index_;  // rule id -> global rule index
  std::unordered_map<const char*, int> rule_at_;          // the pack's rule id string -> global rule index
  std::vector<std::string_view> programs_;                // distinct program codes
};

}  // namespace jiuzhu::registry
