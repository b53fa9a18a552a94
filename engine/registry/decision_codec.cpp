// Byte layout (varints are LEB128; signed ones zigzag):
//   programs: n, then per result: program index, member (string), status, amount flag [+ num, den], enrolled,
//             reasons: n, then per reason: global rule index, outcome, values: n, then per value: kind + payload
//   flags:    n, then per flag: code, program, member, message, message_en (strings), field mask,
//             [until][due][amount_now][amount_new], missing (n strings), source
//   issues:   n, then per issue: path, code, message
// Strings are a length and bytes. Values carry no names: a rule's value names come from the pack.
#include "registry/decision_codec.h"

#include "eval/messages.h"

namespace jiuzhu::registry {
namespace {

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
void PutSigned(std::string& out, int64_t v) { PutVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}
void PutNum(std::string& out, const Num& n) {
  PutSigned(out, n.num());
  PutVarint(out, static_cast<uint64_t>(n.den()));
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : p_(bytes.data()), end_(bytes.data() + bytes.size()) {}
  bool ok() const { return ok_; }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) { ok_ = false; return 0; }
      uint8_t b = static_cast<uint8_t>(*p_++);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  int64_t Signed() {
    uint64_t v = Varint();
    return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
  }
  std::string_view String() {
    uint64_t n = Varint();
    if (n > static_cast<uint64_t>(end_ - p_)) { ok_ = false; return {}; }
    std::string_view s(p_, n);
    p_ += n;
    return s;
  }
  Num GetNum() {
    int64_t num = Signed();
    int64_t den = static_cast<int64_t>(Varint());
    return Num::Ratio(num, den);
  }
  uint8_t Byte() { return static_cast<uint8_t>(Varint()); }

 private:
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

void PutValue(std::string& out, const NamedValue& v) {
  out.push_back(static_cast<char>(v.kind));
  switch (v.kind) {
    case NamedValue::Kind::kBool: out.push_back(v.boolean ? 1 : 0); break;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney: PutNum(out, v.number); break;
    case NamedValue::Kind::kDate: PutSigned(out, v.date.days()); break;
    case NamedValue::Kind::kText:
      PutString(out, v.text);
      out.push_back(static_cast<char>(v.enumeration));
      PutSigned(out, v.code);
      break;
    case NamedValue::Kind::kUnknown: break;
  }
}

void GetValue(Reader& in, NamedValue& v) {
  v.kind = static_cast<NamedValue::Kind>(in.Byte());
  switch (v.kind) {
    case NamedValue::Kind::kBool: v.boolean = in.Byte() != 0; break;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney: v.number = in.GetNum(); break;
    case NamedValue::Kind::kDate: v.date = Date::FromDays(static_cast<int32_t>(in.Signed())); break;
    case NamedValue::Kind::kText:
      v.text = std::string(in.String());
      v.enumeration = in.Byte();
      v.code = static_cast<int16_t>(in.Signed());
      break;
    case NamedValue::Kind::kUnknown: break;
  }
}

enum FlagField : uint8_t { kUntil = 1, kDue = 2, kAmountNow = 4, kAmountNew = 8 };

void PutFlag(std::string& out, const Flag& f) {
  PutString(out, f.code);
  PutString(out, f.program);
  PutString(out, f.member);
  PutString(out, f.message);
  PutString(out, f.message_en);
  uint8_t mask = (f.until ? kUntil : 0) | (f.due ? kDue : 0) | (f.amount_now ? kAmountNow : 0) | (f.amount_new ? kAmountNew : 0);
  out.push_back(static_cast<char>(mask));
  if (f.until) PutSigned(out, f.until->days());
  if (f.due) PutSigned(out, f.due->days());
  if (f.amount_now) PutNum(out, *f.amount_now);
  if (f.amount_new) PutNum(out, *f.amount_new);
  PutVarint(out, f.missing.size());
  for (const auto& m : f.missing) PutString(out, m);
  PutString(out, f.source);
}

void GetFlag(Reader& in, Flag& f) {
  f.code = in.String();
  f.program = in.String();
  f.member = in.String();
  f.message = in.String();
  f.message_en = in.String();
  uint8_t mask = in.Byte();
  if (mask & kUntil) f.until = Date::FromDays(static_cast<int32_t>(in.Signed()));
  if (mask & kDue) f.due = Date::FromDays(static_cast<int32_t>(in.Signed()));
  if (mask & kAmountNow) f.amount_now = in.GetNum();
  if (mask & kAmountNew) f.amount_new = in.GetNum();
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
      rules_.push_back({e, r});
    }
    if (entry.phase_out.present) {
      rule_index_.emplace(entry.phase_out.rule_id, static_cast<int>(rules_.size()));
      rules_.push_back({e, -1});
    }
    bool known = false;
    for (auto p : programs_) known |= p == entry.program;
    if (!known) programs_.push_back(entry.program);
  }
}

void DecisionCodec::Encode(const Decision& d, std::string& out) const {
  out.clear();
  PutVarint(out, d.programs.size());
  for (const auto& pr : d.programs) {
    size_t program = 0;
    while (program < programs_.size() && programs_[program] != pr.program) ++program;
    PutVarint(out, program);
    PutString(out, pr.member);
    out.push_back(static_cast<char>(pr.status));
    out.push_back(pr.monthly_amount ? 1 : 0);
    if (pr.monthly_amount) PutNum(out, *pr.monthly_amount);
    out.push_back(pr.enrolled ? 1 : 0);
    PutVarint(out, pr.reasons.size());
    for (const auto& reason : pr.reasons) {
      auto it = rule_index_.find(reason.rule);
      PutVarint(out, it == rule_index_.end() ? 0 : static_cast<uint64_t>(it->second));
      out.push_back(static_cast<char>(reason.outcome));
      PutVarint(out, reason.values.size());
      for (const auto& v : reason.values) PutValue(out, v);
    }
  }
  PutVarint(out, d.flags.size());
  for (const auto& f : d.flags) PutFlag(out, f);
  PutVarint(out, d.data_issues.size());
  for (const auto& i : d.data_issues) {
    PutString(out, i.path);
    PutString(out, i.code);
    PutString(out, i.message);
  }
}

bool DecisionCodec::Decode(std::string_view bytes, Decision& d) const {
  Reader in(bytes);
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
    if (in.Byte()) pr.monthly_amount = in.GetNum();
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
      for (auto& v : reason.values) GetValue(in, v);
      if (ref.rule >= 0) {
        const plan::Rule& rule = entry.rules[ref.rule];
        reason.rule = rule.id;
        reason.basis = rule.basis;
        for (size_t k = 0; k < reason.values.size() && k < rule.value_names.size(); ++k) reason.values[k].name = rule.value_names[k];
        eval::RenderRuleText(rule, reason.outcome, reason);
      } else {
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
