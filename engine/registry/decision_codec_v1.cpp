// Body format 1 (runs.body_format = 1), written by every run before format 2 and still by a run of that format
// that resumes. Byte layout (varints are LEB128; signed ones zigzag):
//   programs: n, then per result: program index, member (string), status, amount flag [+ num, den], enrolled,
//             reasons: n, then per reason: global rule index, outcome, values: n, then per value: kind + payload
//             [+ the pack it came from, 1 + layer or 0, only when the pack is a local pack]
//   flags:    n, then per flag: code, program, member, message, message_en (strings), field mask,
//             [until][due][amount_now][amount_new], missing (n strings), source
//   issues:   n, then per issue: path, code, message
// Strings are a length and bytes. Values carry no names: a rule's value names come from the pack.
#include "registry/decision_codec.h"
#include "registry/decision_codec_values.h"

namespace jiuzhu::registry {
namespace {

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
  uint64_t n = in.Count();
  for (uint64_t i = 0; i < n && in.ok(); ++i) f.missing.emplace_back(in.String());
  f.source = in.String();
}

}  // namespace

void DecisionCodec::EncodeV1(const Decision& d, ByteWriter& out) const {
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
  PutIssues(out, d.data_issues);
}

bool DecisionCodec::DecodeV1(ByteReader& in, Decision& d) const {
  const bool layered = pack_.layers.size() > 1;
  uint64_t programs = in.Count();
  for (uint64_t p = 0; p < programs && in.ok(); ++p) {
    ProgramResult& pr = d.programs.emplace_back();
    uint64_t program = in.Varint();
    if (program >= programs_.size()) return false;
    pr.program = programs_[program];
    pr.member = in.String();
    const uint8_t status = in.Byte();
    if (status > static_cast<uint8_t>(Status::kUndetermined)) return false;
    pr.status = static_cast<Status>(status);
    if (in.Byte()) pr.monthly_amount = in.Number();
    pr.enrolled = in.Byte() != 0;
    uint64_t reasons = in.Count();
    for (uint64_t r = 0; r < reasons && in.ok(); ++r) {
      uint64_t index = in.Varint();
      if (index >= rules_.size()) return false;
      Reason& reason = pr.reasons.emplace_back();
      const uint8_t outcome = in.Byte();
      if (outcome > static_cast<uint8_t>(Outcome::kUnknown)) return false;
      reason.outcome = static_cast<Outcome>(outcome);
      reason.values.resize(in.Count());
      for (auto& v : reason.values) {
        if (!GetValue(in, v)) return false;
        v.pack = layered ? LayerName(in.Varint()) : std::string_view();
      }
      CompleteReason(rules_[index], reason);
    }
  }
  uint64_t flags = in.Count();
  for (uint64_t i = 0; i < flags && in.ok(); ++i) GetFlag(in, d.flags.emplace_back());
  GetIssues(in, d.data_issues);
  return true;
}

}  // namespace jiuzhu::registry
