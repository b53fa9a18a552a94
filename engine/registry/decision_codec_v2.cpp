// Body format 2 (runs.body_format = 2): what the pack implies is not written. Byte layout (varints are LEB128;
// signed ones zigzag; a "number" is a varint a: a even, the whole number unzigzag(a / 2); a = 1, a signed
// numerator and a denominator follow):
//   members:  n, then per distinct member id of the results and flags, in order of first use: a varint v —
//             v > 0 an ID number of 17 digits and a check digit or X, packed as v - 1 = digits × 11 + check;
//             v = 0 the id as a string
//   programs: n, then per result: a head byte (status in bits 0-1, kAmount, kEnrolled, kCanonical,
//             kPhaseOutReason), member (0 the household, k ≤ n the k-th member, n + 1 a string follows),
//             [amount: number], then
//               kCanonical: its entry's index; its reasons are the entry's rules in order, and its phase_out
//                 reason last with kPhaseOutReason
//               else: program index, reasons n, and before each reason its global rule index
//             per reason: a byte, outcome in bits 0-1 and kValuesWritten; then its values:
//               implied — one per value node of the rule (a phase_out reason: its date), as the node's type says:
//                 bool 0 unknown / 1 false / 2 true; number, money 0 unknown / 1 + number; date 0 unknown /
//                 1 + zigzag day; enumeration 0 unknown / 1 + code; a node of any other type: nothing (unknown)
//               kValuesWritten — n, then per value its kind and payload as in format 1
//               [either way, after each value its pack, 1 + layer or 0, only when the pack is a local pack]
//   flags:    n, then per flag: code (k > 0 the k-th of kFlagCodes, 0 a string), program (k > 0 the k-th
//             program, 0 a string), member (as in results), message, a field mask, [until][due][amount_now]
//             [amount_new], missing (n strings), source. message_en is not kept: the contract's Decision
//             (decision.md), which export and the server print, carries `message` only.
//   issues:   n, then per issue: path, code, message
#include <array>

#include "check/catalog.h"
#include "registry/decision_codec.h"
#include "registry/decision_codec_values.h"

namespace jiuzhu::registry {
namespace {

enum Head : uint8_t { kAmount = 4, kEnrolled = 8, kCanonical = 16, kPhaseOutReason = 32 };
constexpr uint8_t kValuesWritten = 4;
enum FlagField : uint8_t { kUntil = 1, kDue = 2, kAmountNow = 4, kAmountNew = 8 };
constexpr std::array<std::string_view, 9> kFlagCodes = {
    "missed", "exit", "phase_out", "increase", "decrease", "review_due", "undetermined", "verify", "data_mismatch"};

// ---- numbers and ID numbers

uint64_t Zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
int64_t Unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

void PutNumber(ByteWriter& out, const Num& n) {
  if (n.den() == 1 && Zigzag(n.num()) < (uint64_t{1} << 62)) {
    out.Varint(Zigzag(n.num()) << 1);
    return;
  }
  out.Varint(1);
  out.Number(n);
}

Num GetNumber(ByteReader& in, uint64_t a) { return a == 1 ? in.Number() : Num::Int(Unzigzag(a >> 1)); }

constexpr uint64_t kPackedIds = 100000000000000000ULL * 11;  // 10^17 digit strings × 11 check characters

// 1 + the packed form of an 18-character ID number, or 0 when `id` is not one.
uint64_t PackedId(std::string_view id) {
  if (id.size() != 18) return 0;
  uint64_t digits = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return 0;
    digits = digits * 10 + static_cast<uint64_t>(id[i] - '0');
  }
  const char check = id[17];
  if (check != 'X' && (check < '0' || check > '9')) return 0;
  return 1 + digits * 11 + (check == 'X' ? 10 : static_cast<uint64_t>(check - '0'));
}

std::string UnpackedId(uint64_t packed) {
  std::string id(18, '0');
  const uint64_t check = packed % 11;
  id[17] = check == 10 ? 'X' : static_cast<char>('0' + check);
  uint64_t digits = packed / 11;
  for (int i = 16; i >= 0; --i, digits /= 10) id[static_cast<size_t>(i)] = static_cast<char>('0' + digits % 10);
  return id;
}

// ---- the member table

// The distinct member ids of a Decision in order of first use. Households have a handful of members: a linear
// search on the stack, no allocation; ids beyond kMax are written where they are used.
class MemberTable {
 public:
  static constexpr size_t kMax = 64;
  explicit MemberTable(const Decision& d) {
    for (const auto& pr : d.programs) Add(pr.member);
    for (const auto& f : d.flags) Add(f.member);
  }
  void Write(ByteWriter& out) const {
    out.Varint(n_);
    for (size_t i = 0; i < n_; ++i) {
      const uint64_t packed = PackedId(ids_[i]);
      out.Varint(packed);
      if (packed == 0) out.String(ids_[i]);
    }
  }
  void PutRef(ByteWriter& out, std::string_view member) const {
    if (member.empty()) return out.Varint(0);
    for (size_t i = 0; i < n_; ++i)
      if (ids_[i] == member) return out.Varint(i + 1);
    out.Varint(n_ + 1);
    out.String(member);
  }

 private:
  void Add(std::string_view member) {
    if (member.empty() || n_ == kMax) return;
    for (size_t i = 0; i < n_; ++i)
      if (ids_[i] == member) return;
    ids_[n_++] = member;
  }
  std::array<std::string_view, kMax> ids_;
  size_t n_ = 0;
};

bool ReadMembers(ByteReader& in, std::vector<std::string>& members) {
  const uint64_t n = in.Count();
  for (uint64_t i = 0; i < n && in.ok(); ++i) {
    const uint64_t packed = in.Varint();
    if (packed > kPackedIds) return false;
    members.push_back(packed > 0 ? UnpackedId(packed - 1) : std::string(in.String()));
  }
  return in.ok();
}

bool GetMemberRef(ByteReader& in, const std::vector<std::string>& members, std::string& member) {
  const uint64_t ref = in.Varint();
  if (ref == 0) member.clear();
  else if (ref <= members.size()) member = members[ref - 1];
  else if (ref == members.size() + 1) member = in.String();
  else return false;
  return true;
}

// ---- values as the pack implies them

// The kind a value of `node` has when known (FillNamedValue in eval/programs.cpp); kUnknown: always unknown.
NamedValue::Kind ImpliedKind(const RulePack& pack, int node) {
  if (node < 0) return NamedValue::Kind::kUnknown;
  switch (pack.nodes[node].type.type) {
    case plan::Type::kBool: return NamedValue::Kind::kBool;
    case plan::Type::kMoney: return NamedValue::Kind::kMoney;
    case plan::Type::kNumber: return NamedValue::Kind::kNumber;
    case plan::Type::kDate: return NamedValue::Kind::kDate;
    case plan::Type::kEnum: return NamedValue::Kind::kText;
    default: return NamedValue::Kind::kUnknown;
  }
}

// Writes `v` as `kind` implies; false when it is of another kind (or an enumeration value not named as the
// enumeration names it).
bool PutImplied(ByteWriter& out, NamedValue::Kind kind, Domain domain, const NamedValue& v) {
  if (v.kind == NamedValue::Kind::kUnknown) {
    if (kind != NamedValue::Kind::kUnknown) out.Byte(0);
    return true;
  }
  if (v.kind != kind) return false;
  switch (kind) {
    case NamedValue::Kind::kBool: out.Byte(v.boolean ? 2 : 1); return true;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney:
      if (v.number.den() == 1 && Zigzag(v.number.num()) < (uint64_t{1} << 62)) {  // PutNumber's, shifted by one
        out.Varint((Zigzag(v.number.num()) << 1) + 1);
      } else {
        out.Varint(2);
        out.Number(v.number);
      }
      return true;
    case NamedValue::Kind::kDate: out.Varint(Zigzag(v.date.days()) + 1); return true;
    case NamedValue::Kind::kText: {
      const auto& names = check::DomainValues(domain);
      if (v.enumeration != static_cast<uint8_t>(domain) || v.code < 0 || static_cast<size_t>(v.code) >= names.size() ||
          names[static_cast<size_t>(v.code)] != v.text)
        return false;
      out.Varint(static_cast<uint64_t>(v.code) + 1);
      return true;
    }
    case NamedValue::Kind::kUnknown: return false;
  }
  return false;
}

bool GetImplied(ByteReader& in, NamedValue::Kind kind, Domain domain, NamedValue& v) {
  v.kind = NamedValue::Kind::kUnknown;
  if (kind == NamedValue::Kind::kUnknown) return true;
  const uint64_t a = in.Varint();
  if (a == 0) return true;
  v.kind = kind;
  switch (kind) {
    case NamedValue::Kind::kBool: v.boolean = a == 2; return a <= 2;
    case NamedValue::Kind::kNumber: case NamedValue::Kind::kMoney: v.number = GetNumber(in, a - 1); return true;
    case NamedValue::Kind::kDate: v.date = Date::FromDays(static_cast<int32_t>(Unzigzag(a - 1))); return true;
    case NamedValue::Kind::kText: {
      const auto& names = check::DomainValues(domain);
      if (a - 1 >= names.size()) return false;
      v.code = static_cast<int16_t>(a - 1);
      v.enumeration = static_cast<uint8_t>(domain);
      v.text = std::string(names[a - 1]);
      return true;
    }
    case NamedValue::Kind::kUnknown: return true;
  }
  return false;
}

// ---- flags

void PutFlagV2(ByteWriter& out, const Flag& f, const MemberTable& members, const std::vector<std::string_view>& programs) {
  size_t code = 0;
  while (code < kFlagCodes.size() && kFlagCodes[code] != f.code) ++code;
  out.Varint(code < kFlagCodes.size() ? code + 1 : 0);
  if (code == kFlagCodes.size()) out.String(f.code);
  size_t program = 0;
  while (program < programs.size() && programs[program] != f.program) ++program;
  out.Varint(program < programs.size() ? program + 1 : 0);
  if (program == programs.size()) out.String(f.program);
  members.PutRef(out, f.member);
  out.String(f.message);
  out.Byte((f.until ? kUntil : 0) | (f.due ? kDue : 0) | (f.amount_now ? kAmountNow : 0) | (f.amount_new ? kAmountNew : 0));
  if (f.until) out.Day(*f.until);
  if (f.due) out.Day(*f.due);
  if (f.amount_now) PutNumber(out, *f.amount_now);
  if (f.amount_new) PutNumber(out, *f.amount_new);
  out.Varint(f.missing.size());
  for (const auto& m : f.missing) out.String(m);
  out.String(f.source);
}

bool GetFlagV2(ByteReader& in, Flag& f, const std::vector<std::string>& members, const std::vector<std::string_view>& programs) {
  const uint64_t code = in.Varint();
  if (code > kFlagCodes.size()) return false;
  f.code = code > 0 ? kFlagCodes[code - 1] : in.String();
  const uint64_t program = in.Varint();
  if (program > programs.size()) return false;
  f.program = program > 0 ? programs[program - 1] : in.String();
  if (!GetMemberRef(in, members, f.member)) return false;
  f.message = in.String();
  const uint8_t mask = in.Byte();
  if (mask & kUntil) f.until = in.Day();
  if (mask & kDue) f.due = in.Day();
  if (mask & kAmountNow) f.amount_now = GetNumber(in, in.Varint());
  if (mask & kAmountNew) f.amount_new = GetNumber(in, in.Varint());
  const uint64_t n = in.Count();
  for (uint64_t i = 0; i < n && in.ok(); ++i) f.missing.emplace_back(in.String());
  f.source = in.String();
  return in.ok();
}

bool SameId(std::string_view a, std::string_view b) { return (a.data() == b.data() && a.size() == b.size()) || a == b; }

}  // namespace

int DecisionCodec::CanonicalEntry(const ProgramResult& pr) const {
  if (pr.reasons.empty()) return -1;
  size_t hint = 0;
  const uint64_t first = RuleIndex(pr.reasons[0].rule, hint);
  if (first >= rules_.size() || !SameId(rule_ids_[first], pr.reasons[0].rule)) return -1;
  const int e = rules_[first].entry;
  const plan::Entry& entry = pack_.entries[e];
  if (pr.program != entry.program) return -1;
  const size_t rules = entry.rules.size();
  if (pr.reasons.size() != rules && !(entry.phase_out.present && pr.reasons.size() == rules + 1)) return -1;
  for (size_t i = 0; i < rules; ++i)
    if (!SameId(pr.reasons[i].rule, entry.rules[i].id)) return -1;
  if (pr.reasons.size() > rules && !SameId(pr.reasons[rules].rule, entry.phase_out.rule_id)) return -1;
  return e;
}

void DecisionCodec::IndexImpliedValues() {
  for (const RuleRef& ref : rules_) {
    auto& values = implied_.emplace_back();
    if (ref.rule < 0) {  // a phase_out reason: its end date
      values.push_back({NamedValue::Kind::kDate, Domain::kNone});
      continue;
    }
    for (int node : pack_.entries[ref.entry].rules[ref.rule].value_nodes)
      values.push_back({ImpliedKind(pack_, node), node >= 0 ? pack_.nodes[node].type.domain : Domain::kNone});
  }
}

bool DecisionCodec::PutImpliedValues(uint64_t rule, const Reason& reason, ByteWriter& out) const {
  const auto& implied = implied_[rule];
  if (reason.values.size() != implied.size()) return false;
  const bool layered = pack_.layers.size() > 1;
  for (size_t k = 0; k < implied.size(); ++k) {
    if (!PutImplied(out, implied[k].kind, implied[k].domain, reason.values[k])) return false;
    if (layered) out.Varint(LayerCode(reason.values[k].pack));
  }
  return true;
}

bool DecisionCodec::GetImpliedValues(uint64_t rule, ByteReader& in, Reason& reason) const {
  const auto& implied = implied_[rule];
  const bool layered = pack_.layers.size() > 1;
  reason.values.resize(implied.size());
  for (size_t k = 0; k < implied.size(); ++k) {
    NamedValue& v = reason.values[k];
    if (!GetImplied(in, implied[k].kind, implied[k].domain, v)) return false;
    v.pack = layered ? LayerName(in.Varint()) : std::string_view();
  }
  return in.ok();
}

void DecisionCodec::EncodeV2(const Decision& d, ByteWriter& out) const {
  const bool layered = pack_.layers.size() > 1;
  const MemberTable members(d);
  members.Write(out);
  out.Varint(d.programs.size());
  for (const auto& pr : d.programs) {
    const int entry = CanonicalEntry(pr);
    const bool phase_out_reason = entry >= 0 && pr.reasons.size() > pack_.entries[entry].rules.size();
    const unsigned head = static_cast<unsigned>(pr.status) | (pr.monthly_amount ? kAmount : 0) | (pr.enrolled ? kEnrolled : 0) |
                          (entry >= 0 ? kCanonical : 0) | (phase_out_reason ? kPhaseOutReason : 0);
    out.Byte(static_cast<uint8_t>(head));
    members.PutRef(out, pr.member);
    if (pr.monthly_amount) PutNumber(out, *pr.monthly_amount);
    size_t hint = 0;
    if (entry >= 0) {
      out.Varint(static_cast<uint64_t>(entry));
    } else {
      size_t program = 0;
      while (program < programs_.size() && programs_[program] != pr.program) ++program;
      out.Varint(program);
      out.Varint(pr.reasons.size());
    }
    for (size_t r = 0; r < pr.reasons.size(); ++r) {
      const Reason& reason = pr.reasons[r];
      const uint64_t index = entry >= 0 ? static_cast<uint64_t>(entry_first_rule_[entry]) + r : RuleIndex(reason.rule, hint);
      if (entry < 0) out.Varint(index);
      // Implied values are tried first; the rare reason they do not fit is written again with its values.
      const size_t mark = out.Written();
      out.Byte(static_cast<uint8_t>(reason.outcome));
      if (PutImpliedValues(index, reason, out)) continue;
      out.Rewind(mark);
      out.Byte(static_cast<uint8_t>(static_cast<uint8_t>(reason.outcome) | kValuesWritten));
      out.Varint(reason.values.size());
      for (const auto& v : reason.values) {
        PutValue(out, v);
        if (layered) out.Varint(LayerCode(v.pack));
      }
    }
  }
  out.Varint(d.flags.size());
  for (const auto& f : d.flags) PutFlagV2(out, f, members, programs_);
  PutIssues(out, d.data_issues);
}

bool DecisionCodec::DecodeV2(ByteReader& in, Decision& d) const {
  const bool layered = pack_.layers.size() > 1;
  std::vector<std::string> members;
  if (!ReadMembers(in, members)) return false;
  const uint64_t programs = in.Count();
  for (uint64_t p = 0; p < programs && in.ok(); ++p) {
    ProgramResult& pr = d.programs.emplace_back();
    const uint8_t head = in.Byte();
    if ((head & 3) > static_cast<uint8_t>(Status::kUndetermined)) return false;
    pr.status = static_cast<Status>(head & 3);
    pr.enrolled = (head & kEnrolled) != 0;
    if (!GetMemberRef(in, members, pr.member)) return false;
    if (head & kAmount) pr.monthly_amount = GetNumber(in, in.Varint());
    uint64_t reasons = 0, first_rule = 0;
    const bool canonical = (head & kCanonical) != 0;
    if (canonical) {
      const uint64_t entry = in.Varint();
      if (entry >= pack_.entries.size()) return false;
      pr.program = pack_.entries[entry].program;
      first_rule = static_cast<uint64_t>(entry_first_rule_[entry]);
      reasons = pack_.entries[entry].rules.size() + ((head & kPhaseOutReason) ? 1 : 0);
      if ((head & kPhaseOutReason) && !pack_.entries[entry].phase_out.present) return false;
    } else {
      const uint64_t program = in.Varint();
      if (program >= programs_.size()) return false;
      pr.program = programs_[program];
      reasons = in.Count();
    }
    for (uint64_t r = 0; r < reasons && in.ok(); ++r) {
      const uint64_t index = canonical ? first_rule + r : in.Varint();
      if (index >= rules_.size()) return false;
      Reason& reason = pr.reasons.emplace_back();
      const uint8_t byte = in.Byte();
      if ((byte & 3) > static_cast<uint8_t>(Outcome::kUnknown) || (byte & ~(3 | kValuesWritten))) return false;
      reason.outcome = static_cast<Outcome>(byte & 3);
      if (byte & kValuesWritten) {
        reason.values.resize(in.Count());
        for (auto& v : reason.values) {
          if (!GetValue(in, v)) return false;
          v.pack = layered ? LayerName(in.Varint()) : std::string_view();
        }
      } else if (!GetImpliedValues(index, in, reason)) {
        return false;
      }
      if (!in.ok()) return false;
      CompleteReason(rules_[index], reason);
    }
  }
  const uint64_t flags = in.Count();
  for (uint64_t i = 0; i < flags && in.ok(); ++i)
    if (!GetFlagV2(in, d.flags.emplace_back(), members, programs_)) return false;
  GetIssues(in, d.data_issues);
  return true;
}

}  // namespace jiuzhu::registry
