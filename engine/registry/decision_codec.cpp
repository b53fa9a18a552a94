// Byte layout (varints are LEB128; signed ones zigzag):
//   programs: n, then per result: program index, member (string), status, amount flag [+ num, den], enrolled,
//             reasons: n, then per reason: global rule index, outcome, values: n, then per value: kind + payload
//             [+ the pack it came from, 1 + layer or 0, only when the pack is a local pack]
//   flags:    n, then per flag: code, program, member, message, message_en (strings), field mask,
//             [until][due][amount_now][amount_new], missing (n strings), source
//   issues:   n, then per issue: path, code, message
// Strings are a length and bytes. Values carry no names: a rule's value names come from the pack.
#include "registry/decision_codec.h"

#include "eval/messages.h"
#include "registry/byte_codec.h"

namespace jiuzhu::registry {
namespace {

void PutValue(ByteWriter& out, const NamedValue& v) {
  out.Byte(static_cast<uint8_t>(v.kind));
  switch (v.kind) {
    case NamedValue::Kind::kBool: out.Bool(v.boolean); break;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney: out.Number(v.number); break;
    case NamedValue::Kind::kDate: out.Day(v.date); break;
    case NamedValue::Kind::kText:
      out.String(v.text);
      out.Byte(v.enumeration);
      out.Signed(v.code);
      break;
    case NamedValue::Kind::kUnknown: break;
  }
}

void GetValue(ByteReader& in, NamedValue& v) {
  v.kind = static_cast<NamedValue::Kind>(in.Byte());
  switch (v.kind) {
    case NamedValue::Kind::kBool: v.boolean = in.Byte() != 0; break;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney: v.number = in.Number(); break;
    case NamedValue::Kind::kDate: v.date = in.Day(); break;
    case NamedValue::Kind::kText:
      v.text = std::string(in.String());
      v.enumeration = in.Byte();
      v.code = static_cast<int16_t>(in.Signed());
      break;
    case NamedValue::Kind::kUnknown: break;
  }
}

enum FlagField : uint8_t { kUntil = 1, kDue = 2, kAmountNow = 4, kAmountNew = 8 };

void PutFlag(ByteWriter& out, const Flag& f) {
  out.String(f.code);
  out.String(f.program);
  out.String(f.member);
  out.String(f.message);
  out.String(f.message_en);
  uint8_t mask = (f.until ? kUntil : 0) | (f.due ? kDue : 0) | (f.amount_now ? kAmountNow : 0) | (f.amount_new ? kAmountNew : 0);
  out.Byte(mask);
  if (f.until) out.Day(*f.until);
  if (f.due) out.Day(*f.due);
  if (f.amount_now) out.Number(*f.amount_now);
  if (f.amount_new) out.Number(*f.amount_new);
  out.Varint(f.missing.size());
  for (const auto& m : f.missing) out.String(m);
  out.String(f.source);
}

void GetFlag(ByteReader& in, Flag& f) {
  f.code = in.String();
  f.program = in.String();
  f.member = in.String();
  f.message = in.String();
  f.message_en = in.String();
  uint8_t mask = in.Byte();
  if (mask & kUntil) f.until = in.Day();
  if (mask & kDue) f.due = in.Day();
  if (mask & kAmountNow) f.amount_now = in.Number();
  if (mask & kAmountNew) f.amount_new = in.Number();
  uint64_t n = in.Varint();
  for (uint64_t i = 0; i < n && in.ok(); ++i) f.missing.emplace_back(in.String());
  f.source = in.String();
}

}  // namespace

DecisionCodec::DecisionCodec(const RulePack& pack) : pack_(pack) {
  for (int e = 0; e < static_cast<int>(pack.entries.size()); ++e) {
    const plan::Entry& entry = pack.entries[e];
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

void DecisionCodec::Encode(const Decision& d, std::string& bytes) const {
  ByteWriter out(bytes);
  size_t hint = 0;
  const bool layered = pack_.layers.size() > 1;
  out.Varint(d.programs.size());
  for (const auto& pr : d.programs) {
    size_t program = 0;
    while (program < programs_.size() && programs_[program] != pr.program) ++program;
    out.Varint(program);
    out.String(pr.member);
    out.Byte(static_cast<uint8_t>(pr.status));
    out.Bool(pr.monthly_amount.has_value());
    if (pr.monthly_amount) out.Number(*pr.monthly_amount);
    out.Bool(pr.enrolled);
    out.Varint(pr.reasons.size());
    for (const auto& reason : pr.reasons) {
      out.Varint(RuleIndex(reason.rule, hint));
      out.Byte(static_cast<uint8_t>(reason.outcome));
      out.Varint(reason.values.size());
      for (const auto& v : reason.values) {
        PutValue(out, v);
        if (layered) out.Varint(LayerCode(v.pack));  // provenance of a local pack's value (plain packs: nothing)
      }
    }
  }
  out.Varint(d.flags.size());
  for (const auto& f : d.flags) PutFlag(out, f);
  out.Varint(d.data_issues.size());
  for (const auto& i : d.data_issues) {
    out.String(i.path);
    out.String(i.code);
    out.String(i.message);
  }
  out.Finish();
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

bool DecisionCodec::Decode(std::string_view bytes, Decision& d) const {
  ByteReader in(bytes);
  const bool layered = pack_.layers.size() > 1;
  d.programs.clear();
  d.flags.clear();
  d.data_issues.clear();
  uint64_t programs = in.Varint();
  for (uint64_t p = 0; p < programs && in.ok(); ++p) {
    ProgramResult& pr = d.programs.emplace_back();
    uint64_t program = in.Varint();
    if (program >= programs_.size()) return false;
    pr.program = programs_[program];
    pr.member = in.String();
    pr.status = static_cast<Status>(in.Byte());
    if (in.Byte()) pr.monthly_amount = in.Number();
    pr.enrolled = in.Byte() != 0;
    uint64_t reasons = in.Varint();
    for (uint64_t r = 0; r < reasons && in.ok(); ++r) {
      uint64_t index = in.Varint();
      if (index >= rules_.size()) return false;
      const RuleRef ref = rules_[index];
      const plan::Entry& entry = pack_.entries[ref.entry];
      Reason& reason = pr.reasons.emplace_back();
      reason.outcome = static_cast<Outcome>(in.Byte());
      reason.values.resize(in.Varint());
      for (auto& v : reason.values) {
        GetValue(in, v);
        v.pack = layered ? LayerName(in.Varint()) : std::string_view();
      }
      if (ref.rule >= 0) {
        const plan::Rule& rule = entry.rules[ref.rule];
        reason.pack = layered ? std::string_view(pack_.layers[rule.layer]) : std::string_view();
        reason.rule = rule.id;
        reason.basis = rule.basis;
        for (size_t k = 0; k < reason.values.size() && k < rule.value_names.size(); ++k) reason.values[k].name = rule.value_names[k];
        eval::RenderRuleText(rule, reason.outcome, reason);
      } else {
        reason.pack = layered ? std::string_view(pack_.layers[entry.phase_out.layer]) : std::string_view();
        reason.rule = entry.phase_out.rule_id;
        reason.basis = entry.phase_out.basis;
        if (!reason.values.empty()) reason.values[0].name = "until";
        const plan::Message& m = reason.outcome == Outcome::kPass ? entry.phase_out.pass : entry.phase_out.fail;
        reason.text = eval::RenderMessage(m.zh, reason.values, Lang::kZh);
        reason.text_en = eval::RenderMessage(m.en, reason.values, Lang::kEn);
      }
    }
  }
  uint64_t flags = in.Varint();
  for (uint64_t i = 0; i < flags && in.ok(); ++i) GetFlag(in, d.flags.emplace_back());
  uint64_t issues = in.Varint();
  for (uint64_t i = 0; i < issues && in.ok(); ++i) {
    DataIssue& issue = d.data_issues.emplace_back();
    issue.path = in.String();
    issue.code = in.String();
    issue.message = in.String();
  }
  return in.ok();
}

}  // namespace jiuzhu::registry
