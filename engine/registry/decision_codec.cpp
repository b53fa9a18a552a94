// What both body formats share: the pack's rules by global index, and the texts a decoded reason gets from the
// pack. The formats themselves are in decision_codec_v1.cpp and decision_codec_v2.cpp.
#include "registry/decision_codec.h"

#include "eval/messages.h"
#include "registry/byte_codec.h"

namespace jiuzhu::registry {

DecisionCodec::DecisionCodec(const RulePack& pack) : pack_(pack) {
  for (int e = 0; e < static_cast<int>(pack.entries.size()); ++e) {
    const plan::Entry& entry = pack.entries[e];
    entry_first_rule_.push_back(static_cast<int>(rules_.size()));
    for (int r = 0; r < static_cast<int>(entry.rules.size()); ++r) {
      rule_index_.emplace(entry.rules[r].id, static_cast<int>(rules_.size()));
      rule_ids_.push_back(entry.rules[r].id);
      rules_.push_back({e, r});
    }
    if (entry.phase_out.present) {
      rule_index_.emplace(entry.phase_out.rule_id, static_cast<int>(rules_.size()));
      rule_ids_.push_back(entry.phase_out.rule_id);
      rules_.push_back({e, -1});
    }
    bool known = false;
    for (auto p : programs_) known |= p == entry.program;
    if (!known) programs_.push_back(entry.program);
  }
  // By address only where the id is not shared (else the text look-up decides which index, as it always did).
  for (const auto& [id, index] : rule_index_)
    if (rule_ids_[index].data() == id.data()) rule_at_.emplace(id.data(), index);
  if (rule_index_.size() != rule_ids_.size()) rule_at_.clear();
  IndexImpliedValues();
}

void DecisionCodec::Encode(const Decision& d, int format, std::string& bytes) const {
  ByteWriter out(bytes);
  if (format == kBodyFormatV1) EncodeV1(d, out); else EncodeV2(d, out);
  out.Finish();
}

bool DecisionCodec::Decode(std::string_view bytes, int format, Decision& d) const {
  d.programs.clear();
  d.flags.clear();
  d.data_issues.clear();
  ByteReader in(bytes);
  if (format == kBodyFormatV1) return DecodeV1(in, d) && in.ok();
  if (format == kBodyFormatV2) return DecodeV2(in, d) && in.ok();
  return false;
}

// The global index of a reason's rule. Reasons come in the pack's order, so the rule after the previous one is
// tried first. A Screener's reasons view the pack's own strings, so their address finds the rule (an identity
// hash) before the text does.
uint64_t DecisionCodec::RuleIndex(std::string_view rule, size_t& hint) const {
  if (hint < rule_ids_.size() && rule_ids_[hint].data() == rule.data() && rule_ids_[hint].size() == rule.size())
    return hint++;
  if (auto at = rule_at_.find(rule.data()); at != rule_at_.end() && rule_ids_[at->second].size() == rule.size()) {
    hint = static_cast<size_t>(at->second) + 1;
    return static_cast<uint64_t>(at->second);
  }
  if (hint < rule_ids_.size() && rule_ids_[hint] == rule) return hint++;
  auto it = rule_index_.find(rule);
  if (it == rule_index_.end()) return 0;
  hint = static_cast<size_t>(it->second) + 1;
  return static_cast<uint64_t>(it->second);
}

// A value's pack as 1 + its index in the pack's layers; 0 for none.
uint64_t DecisionCodec::LayerCode(std::string_view name) const {
  if (name.empty()) return 0;
  for (size_t k = 0; k < pack_.layers.size(); ++k)
    if (pack_.layers[k] == name) return k + 1;
  return 0;
}

std::string_view DecisionCodec::LayerName(uint64_t code) const {
  return code > 0 && code <= pack_.layers.size() ? std::string_view(pack_.layers[code - 1]) : std::string_view();
}

void DecisionCodec::CompleteReason(RuleRef ref, Reason& reason) const {
  const plan::Entry& entry = pack_.entries[ref.entry];
  const bool layered = pack_.layers.size() > 1;
  if (ref.rule >= 0) {
    const plan::Rule& rule = entry.rules[ref.rule];
    reason.pack = layered ? std::string_view(pack_.layers[rule.layer]) : std::string_view();
    reason.rule = rule.id;
    reason.basis = rule.basis;
    for (size_t k = 0; k < reason.values.size() && k < rule.value_names.size(); ++k) reason.values[k].name = rule.value_names[k];
    eval::RenderRuleText(rule, reason.outcome, reason);
    return;
  }
  reason.pack = layered ? std::string_view(pack_.layers[entry.phase_out.layer]) : std::string_view();
  reason.rule = entry.phase_out.rule_id;
  reason.basis = entry.phase_out.basis;
  if (!reason.values.empty()) reason.values[0].name = "until";
  const plan::Message& m = reason.outcome == Outcome::kPass ? entry.phase_out.pass : entry.phase_out.fail;
  reason.text = eval::RenderMessage(m.zh, reason.values, Lang::kZh);
  reason.text_en = eval::RenderMessage(m.en, reason.values, Lang::kEn);
}

}  // namespace jiuzhu::registry
