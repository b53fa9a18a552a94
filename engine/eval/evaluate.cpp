// Expression evaluation over the compiled node vector, with Kleene three-valued logic: `false and unknown` is
// false, `true or unknown` is true, anything else touching unknown is unknown and keeps the first cause.
#include "check/catalog.h"
#include "eval/frame.h"

namespace jiuzhu::eval {

using plan::Op;
using Tag = Value::Tag;

namespace {

Value Compare(Op op, const Value& a, const Value& b) {
  std::partial_ordering c = std::partial_ordering::equivalent;
  if (a.tag == Tag::kNum) c = a.n <=> b.n;
  else if (a.tag == Tag::kDate || a.tag == Tag::kEnum) c = a.i <=> b.i;
  else if (a.tag == Tag::kBool) c = a.b <=> b.b;
  switch (op) {
    case Op::kLt: return Value::Bool(c < 0);
    case Op::kLe: return Value::Bool(c <= 0);
    case Op::kGt: return Value::Bool(c > 0);
    case Op::kGe: return Value::Bool(c >= 0);
    case Op::kEq: return Value::Bool(c == 0);
    default: return Value::Bool(c != 0);
  }
}

}  // namespace

Value Frame::Eval(int node) {
  const plan::Node& n = pack_.nodes[node];
  switch (n.op) {
    case Op::kConst: return pack_.consts[n.konst];
    case Op::kParam: return Param(n.a);
    case Op::kDerived: {
      if (derived_state_[n.a] == 2) return derived_memo_[n.a];
      if (derived_state_[n.a] == 1) return Value::Unknown();  // guarded: the compiler rejects cycles
      derived_state_[n.a] = 1;
      Value v = Eval(pack_.derived[n.a].root);
      derived_memo_[n.a] = v;
      derived_state_[n.a] = 2;
      return v;
    }
    case Op::kMemberDerived: {
      Value m = Operand(n.kids[0]);
      return m.tag == Tag::kRef ? MemberDerived(n.a, m.i) : m;
    }
    case Op::kObligorDerived: {
      Value o = Operand(n.kids[0]);
      return o.tag == Tag::kRef ? ObligorDerived(n.a, o.i) : o;
    }
    case Op::kVar: return vars_[n.a];
    case Op::kHouseholdField: return HouseholdField(n.a);
    case Op::kMemberField: case Op::kIncomeField: case Op::kObligorField:
    case Op::kVehicleField: case Op::kHouseField: {
      Value base = Operand(n.kids[0]);
      if (base.tag != Tag::kRef) return base;
      if (n.op == Op::kMemberField) return MemberField(base.i, n.a);
      if (n.op == Op::kIncomeField) return IncomeField(base.i, n.a);
      if (n.op == Op::kObligorField) return ObligorField(base.i, n.a);
      if (n.op == Op::kVehicleField) return VehicleField(base.i, n.a);
      return HouseField(base.i, n.a);
    }
    case Op::kNeg: {
      Value v = Operand(n.kids[0]);
      return v.known() ? Value::Number(-v.n) : v;
    }
    case Op::kNot: {
      Value v = Operand(n.kids[0]);
      return v.known() ? Value::Bool(!v.b) : v;
    }
    case Op::kAnd: {
      Value a = Operand(n.kids[0]);
      if (a.IsFalse()) return a;
      Value b = Operand(n.kids[1]);
      if (b.IsFalse()) return b;
      return a.known() ? b : a.Also(b);
    }
    case Op::kOr: {
      Value a = Operand(n.kids[0]);
      if (a.IsTrue()) return a;
      Value b = Operand(n.kids[1]);
      if (b.IsTrue()) return b;
      return a.known() ? b : a.Also(b);
    }
    case Op::kIf: {
      Value c = Operand(n.kids[0]);
      if (c.known()) return Operand(c.b ? n.kids[1] : n.kids[2]);
      // Unknown condition: the result is unknown; a branch that would be unknown anyway names its cause too.
      Value yes = Operand(n.kids[1]);
      return c.Also(yes.known() ? Operand(n.kids[2]) : yes);
    }
    case Op::kIn: {
      Value a = Operand(n.kids[0]);
      if (!a.known()) return a;
      Value s = Operand(n.kids[1]);
      if (!s.known()) return s;
      return Value::Bool(s.Has(a.i));
    }
    case Op::kAggregate: return EvalAggregate(n);
    case Op::kCall: return EvalCall(n);
    default: return EvalBinary(n);
  }
}

// Inlined into Eval, which it is reached from (83 times a household): a second call frame saved.
[[gnu::always_inline]] inline Value Frame::EvalBinary(const plan::Node& n) {
  Value a = Operand(n.kids[0]);
  Value b = Operand(n.kids[1]);
  if (!a.known()) return a.Also(b);
  if (!b.known()) return b;
  switch (n.op) {
    case Op::kAdd: return Value::Number(a.n + b.n);
    case Op::kSub: return Value::Number(a.n - b.n);
    case Op::kMul: return Value::Number(a.n * b.n);
    case Op::kDiv: return Value::Number(a.n / b.n);  // division by zero -> unknown
    default: return Compare(n.op, a, b);
  }
}

Value Frame::EvalAggregate(const plan::Node& n) {
  Value source = Operand(n.kids[1]);
  if (!source.known()) return source;
  plan::Type list = pack_.nodes[n.kids[1]].type.type;
  int count = 0;
  std::vector<ObligorView> const* views = nullptr;
  switch (list) {
    case plan::Type::kMemberList: count = members_; break;
    case plan::Type::kIncomeList: count = static_cast<int>(h_->members[source.i].incomes.size()); break;
    case plan::Type::kObligorList: views = &ObligorsOf(source.i); count = static_cast<int>(views->size()); break;
    case plan::Type::kVehicleList: count = static_cast<int>(h_->assets.vehicles.size()); break;
    case plan::Type::kHouseList: count = static_cast<int>(h_->assets.houses.size()); break;
    default: return Value::Unknown();
  }
  plan::Agg agg = static_cast<plan::Agg>(n.a);
  Value acc = agg == plan::Agg::kAll ? Value::Bool(true) : agg == plan::Agg::kAny ? Value::Bool(false)
              : agg == plan::Agg::kMin || agg == plan::Agg::kMax ? Value::Unknown() : Value::Number(Num());
  Value unknown;  // the first unknown met, for count/sum/min/max
  bool saw_unknown = false;
  int counted = 0;
  for (int k = 0; k < count; ++k) {
    int32_t ref = k;
    if (list == plan::Type::kIncomeList || list == plan::Type::kObligorList) ref = ((source.i + 1) << 16) | k;
    vars_[n.b] = Value::Ref(ref);
    Value keep = n.kids[2] >= 0 ? Operand(n.kids[2]) : Value::Bool(true);
    if (keep.IsFalse()) continue;
    Value head = n.kids[0] >= 0 ? Operand(n.kids[0]) : Value::Bool(true);
    if (agg == plan::Agg::kAll || agg == plan::Agg::kAny) {
      // Each element contributes `keep → head` to all() and `keep ∧ head` to any(), in Kleene logic; keep is
      // true or unknown here (false was skipped). An unknown keep decides nothing unless head already does.
      Value term = head;
      if (!keep.known()) {
        bool decided = agg == plan::Agg::kAll ? head.IsTrue() : head.IsFalse();
        if (!decided) term = keep;
      }
      if (agg == plan::Agg::kAll) {
        if (term.IsFalse()) return term;
        if (!term.known() && acc.known()) acc = term;
      } else {
        if (term.IsTrue()) return term;
        if (!term.known() && acc.known()) acc = term;
      }
      continue;
    }
    if (!keep.known() || !head.known()) {
      if (!saw_unknown) unknown = keep.known() ? head : keep;
      saw_unknown = true;
      continue;
    }
    if (agg == plan::Agg::kCount) {
      if (head.IsTrue()) ++counted;
    } else if (agg == plan::Agg::kSum) {
      acc = Value::Number(acc.n + head.n);
    } else if (!acc.known() || (agg == plan::Agg::kMin ? head.n < acc.n : head.n > acc.n)) {
      acc = head;
    }
  }
  if (agg == plan::Agg::kAll || agg == plan::Agg::kAny) return acc;
  if (saw_unknown) return unknown;
  if (agg == plan::Agg::kCount) return Value::Number(Num::Int(counted));
  return acc;
}

Value Frame::EvalCall(const plan::Node& n) {
  using plan::Fn;
  Fn fn = static_cast<Fn>(n.a);
  if (fn == Fn::kStatusOf || fn == Fn::kEligible || fn == Fn::kAmountOf || fn == Fn::kInPhaseOut) return EvalEntryCall(n);
  const int32_t* args = &pack_.args[n.kids[0]];
  int argc = n.b;
  switch (fn) {
    case Fn::kKnown: return Value::Bool(Operand(args[0]).known());
    case Fn::kCoalesce: {
      Value a = Operand(args[0]);
      return a.known() ? a : Operand(args[1]);
    }
    case Fn::kMax: case Fn::kMin: {
      Value best = Operand(args[0]);
      for (int i = 1; i < argc && best.known(); ++i) {
        Value v = Operand(args[i]);
        if (!v.known()) return v;
        if (fn == Fn::kMax ? v.n > best.n : v.n < best.n) best = v;
      }
      return best;
    }
    case Fn::kUnknownFact: {
      Value m = Operand(args[0]);
      if (m.tag != Tag::kRef) return m;
      return Value::Unknown(FactCause(Cause::Fact::kMemberText, m.i, n.konst));
    }
    default: break;
  }
  Value a = Operand(args[0]);
  if (!a.known()) return a;
  switch (fn) {
    case Fn::kAbs: return Value::Number(a.n.IsNegative() ? -a.n : a.n);
    case Fn::kEndOfMonth: return Value::OfDate(Date::FromDays(a.i).LastDayOfMonth().days());
    case Fn::kAddMonths: {
      Value b = Operand(args[1]);
      if (!b.known()) return b;
      return Value::OfDate(Date::FromDays(a.i).AddMonths(static_cast<int>(b.n.Floor())).days());
    }
    case Fn::kMonthsBetween: {
      Value b = Operand(args[1]);
      if (!b.known()) return b;
      return Value::Number(Num::Int(MonthsBetween(Date::FromDays(a.i), Date::FromDays(b.i))));
    }
    default: return Value::Unknown();
  }
}

Value Frame::EvalEntryCall(const plan::Node& n) {
  using plan::Fn;
  int member = -1;
  int32_t member_arg = pack_.args[n.kids[0]];
  if (n.b == 2) {
    Value m = Operand(member_arg);
    if (m.tag != Tag::kRef) return m;
    member = m.i;
  }
  Fn fn = static_cast<Fn>(n.a);
  int entry = n.konst;
  if (pack_.entries[entry].member_scope && !HasResult(entry, member)) {
    // No result for this member (e.g. not alive): not eligible, nothing granted.
    if (fn == Fn::kStatusOf) return Value::Enum(static_cast<int>(Status::kIneligible));
    if (fn == Fn::kAmountOf) return Value::Number(Num());
    return Value::Bool(false);
  }
  EntryResult& r = Entry(entry, member);
  switch (fn) {
    case Fn::kStatusOf: return Value::Enum(static_cast<int>(r.status));
    case Fn::kEligible:
      if (r.status == Status::kUndetermined) return Value::Unknown(r.unknown_causes.empty() ? 0 : r.unknown_causes[0]);
      return Value::Bool(r.status == Status::kEligible);
    case Fn::kAmountOf:
      if (r.status == Status::kIneligible) return Value::Number(Num());
      return r.status == Status::kEligible ? r.amount : Value::Unknown();
    default: return Value::Bool(r.phase_out);
  }
}

}  // namespace jiuzhu::eval
