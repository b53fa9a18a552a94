// Program entries: each rule's outcome, the status they combine to, the amount, the 渐退期, and the reasons.
// Entries are evaluated on demand and memoised, so an entry that reads another's result (低保 reads 特困 for
// who is counted) evaluates it first; the compiler has already rejected cycles.
#include "check/catalog.h"
#include "eval/frame.h"
#include "eval/messages.h"

namespace jiuzhu::eval {

using Tag = Value::Tag;

bool Frame::HasResult(int entry, int member) {
  const plan::Entry& e = pack_.entries[entry];
  if (!e.member_scope) return true;
  EntryResult& r = results_[static_cast<size_t>(entry) * (members_ + 1) + member + 1];
  if (r.state == 0 && !r.has_result) {
    Value saved = vars_[e.member_slot];
    int saved_member = current_member_;
    vars_[e.member_slot] = Value::Ref(member);
    current_member_ = member;
    r.has_result = Eval(e.for_each).IsTrue();
    vars_[e.member_slot] = saved;
    current_member_ = saved_member;
    if (!r.has_result) r.state = 3;  // decided: no result for this member
  }
  return r.has_result;
}

EntryResult& Frame::Entry(int entry, int member) {
  EntryResult& r = results_[static_cast<size_t>(entry) * (members_ + 1) + member + 1];
  if (r.state == 0) {
    r.state = 1;
    EvaluateEntry(entry, member, r);
    r.state = 2;
  }
  return r;
}

void Frame::EvaluateEntry(int entry, int member, EntryResult& r) {
  const plan::Entry& e = pack_.entries[entry];
  Value saved = e.member_scope ? vars_[e.member_slot] : Value();
  int saved_member = current_member_;
  if (e.member_scope) {
    vars_[e.member_slot] = Value::Ref(member);
    current_member_ = member;
  }
  r.outcomes.clear();
  r.unknown_causes.clear();
  bool any_fail = false, any_unknown = false;
  for (const plan::Rule& rule : e.rules) {
    Outcome o = Outcome::kPass;
    Value when = rule.when >= 0 ? Eval(rule.when) : Value::Bool(true);
    Value test = when.IsTrue() ? Eval(rule.test) : when;
    if (when.IsFalse()) o = Outcome::kSkip;
    else if (!test.known()) o = Outcome::kUnknown;
    else o = test.b ? Outcome::kPass : Outcome::kFail;
    if (o == Outcome::kUnknown) {
      r.unknown_causes.push_back(test.cause);
      if (test.cause2) r.unknown_causes.push_back(test.cause2);
    }
    any_fail |= o == Outcome::kFail;
    any_unknown |= o == Outcome::kUnknown;
    r.outcomes.push_back(o);
  }
  r.status = any_fail ? Status::kIneligible : any_unknown ? Status::kUndetermined : Status::kEligible;
  r.amount = Value::Number(Num());
  if (r.status == Status::kEligible) {
    r.amount = Eval(e.amount);
    if (r.amount.known()) {
      Value mode = pack_.rounding_param >= 0 ? Param(pack_.rounding_param) : Value::Enum(0);
      // Rounded half-up once, at the end, to the unit of money.rounding: fen (default), jiao or yuan.
      int64_t unit = !mode.known() || mode.i == 0 ? 1 : mode.i == 1 ? 10 : 100;
      int64_t units = (r.amount.n / Num::Fen(unit) / Num::Int(100)).RoundFen();
      r.amount = Value::Number(Num::Fen(units * unit));
    }
  } else if (r.status == Status::kUndetermined) {
    r.amount = Value::Unknown();
  }
  r.phase_out = false;
  if (e.phase_out.present && r.status == Status::kIneligible) EvaluatePhaseOut(e, r);
  if (reasons_ != ReasonsMode::kNone) RenderReasons(e, r);
  if (e.member_scope) {
    vars_[e.member_slot] = saved;
    current_member_ = saved_member;
  }
}

// 渐退期 (semantics §4): only for an enrolled household, ineligible only on the conditions `applies` names.
void Frame::EvaluatePhaseOut(const plan::Entry& e, EntryResult& r) {
  int enrolment = ActiveEnrolment(e.program, -1);
  if (enrolment < 0) return;
  if (!Eval(e.phase_out.applies).IsTrue()) return;
  const Enrolment& en = h_->enrolments[enrolment];
  if (en.phase_out_until) {
    if (*en.phase_out_until >= as_of_) {
      r.phase_out = true;
      r.phase_out_until = *en.phase_out_until;
    }
    return;
  }
  if (!Eval(e.phase_out.grant).IsTrue()) return;
  Value until = Eval(e.phase_out.until);
  if (!until.known()) return;
  r.phase_out = true;
  r.phase_out_new = true;
  r.phase_out_until = Date::FromDays(until.i);
}

namespace {

void FillNamedValue(const RulePack& pack, int node, const Value& v, NamedValue& out) {
  const plan::TypeInfo t = pack.nodes[node].type;
  if (!v.known()) { out.kind = NamedValue::Kind::kUnknown; return; }
  switch (t.type) {
    case plan::Type::kBool: out.kind = NamedValue::Kind::kBool; out.boolean = v.b; break;
    case plan::Type::kMoney: out.kind = NamedValue::Kind::kMoney; out.number = v.n; break;
    case plan::Type::kNumber: out.kind = NamedValue::Kind::kNumber; out.number = v.n; break;
    case plan::Type::kDate: out.kind = NamedValue::Kind::kDate; out.date = Date::FromDays(v.i); break;
    case plan::Type::kEnum:
      out.kind = NamedValue::Kind::kText;
      out.text = std::string(check::DomainValues(t.domain)[v.i]);
      out.enumeration = static_cast<uint8_t>(t.domain);
      out.code = static_cast<int16_t>(v.i);
      break;
    default: out.kind = NamedValue::Kind::kUnknown; break;
  }
}

}  // namespace

namespace {

[[gnu::noinline]] void AddReason(std::vector<Reason>& reasons) { reasons.emplace_back(); }

// The next Reason of `reasons`, reusing the object (and its buffers) left there by an earlier household. Inlined
// (it runs for every rule); a new object, rare once warm, is made out of line.
inline Reason& NextReason(std::vector<Reason>& reasons, size_t& used) {
  if (used == reasons.size()) AddReason(reasons);
  Reason& r = reasons[used++];
  r.text.clear();
  r.text_en.clear();
  return r;
}

}  // namespace

std::string_view Frame::ParamLayer(int index) const {
  const plan::Param& p = pack_.params[index];
  int member = p.by_setting ? current_member_ : -1;
  uint8_t state = param_state_[static_cast<size_t>(index) * (members_ + 1) + (member + 1)];
  return state >= 1 && state - 1 < static_cast<int>(pack_.layers.size()) ? std::string_view(pack_.layers[state - 1]) : std::string_view();
}

void Frame::RenderReasons(const plan::Entry& e, EntryResult& r) {
  ProgramResult& pr = r.result;
  // An object this entry rendered before (RaiseFlags moved the last one out): its reasons and values fit.
  std::vector<ProgramResult>& spares = spare_by_entry_[static_cast<size_t>(&e - pack_.entries.data())];
  if (pr.reasons.empty() && !spares.empty()) {
    pr = std::move(spares.back());
    spares.pop_back();
  }
  size_t used = 0;
  for (size_t i = 0; i < e.rules.size(); ++i) {
    const plan::Rule& rule = e.rules[i];
    Outcome o = r.outcomes[i];
    Reason& reason = NextReason(pr.reasons, used);
    reason.rule = rule.id;
    reason.outcome = o;
    reason.basis = rule.basis;
    // Provenance is resolved when the pack compiles (the rule's layer) or when the parameter is looked up (its
    // value's layer): only named here, and only for a local pack (a plain pack's decisions stay as they were).
    const bool layered = pack_.layers.size() > 1;
    reason.pack = layered ? std::string_view(pack_.layers[rule.layer]) : std::string_view();
    reason.values.resize(rule.value_nodes.size());
    for (size_t k = 0; k < rule.value_nodes.size(); ++k) {
      NamedValue& v = reason.values[k];
      v.name = rule.value_names[k];
      v.kind = NamedValue::Kind::kUnknown;
      v.enumeration = 0;
      v.pack = {};
      if (o != Outcome::kSkip && rule.value_nodes[k] >= 0) {
        FillNamedValue(pack_, rule.value_nodes[k], Operand(rule.value_nodes[k]), v);
        const plan::Node& node = pack_.nodes[rule.value_nodes[k]];
        if (layered && node.op == plan::Op::kParam && v.kind != NamedValue::Kind::kUnknown) v.pack = ParamLayer(node.a);
      }
    }
    if (render_texts_) RenderRuleText(rule, o, reason);
  }
  if (e.phase_out.present && r.status == Status::kIneligible && ActiveEnrolment(e.program, -1) >= 0) {
    Reason& reason = NextReason(pr.reasons, used);
    reason.rule = e.phase_out.rule_id;
    reason.outcome = r.phase_out ? Outcome::kPass : Outcome::kFail;
    reason.basis = e.phase_out.basis;
    reason.pack = pack_.layers.size() > 1 ? std::string_view(pack_.layers[e.phase_out.layer]) : std::string_view();
    reason.values.resize(1);
    NamedValue& until = reason.values[0];
    until.pack = {};
    until.name = "until";
    until.kind = r.phase_out ? NamedValue::Kind::kDate : NamedValue::Kind::kUnknown;
    until.date = r.phase_out_until;
    const plan::Message& m = r.phase_out ? e.phase_out.pass : e.phase_out.fail;
    if (render_texts_) {
      reason.text = RenderMessage(m.zh, reason.values, Lang::kZh);
      reason.text_en = RenderMessage(m.en, reason.values, Lang::kEn);
    }
  }
  pr.reasons.resize(used);
}

}  // namespace jiuzhu::eval
