// Frame: the per-thread evaluation state for one household at a time — variable slots, memo tables for derived
// values, parameters and program results, obligor views and the causes of unknown values. Created once per
// Screener and reset per household: containers keep their capacity, so a warm frame allocates (almost) nothing.
// Not thread-safe; one per thread. The RulePack it reads is immutable and shared.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "compile/plan.h"
#include "eval/value.h"
#include "jiuzhu/decision.h"
#include "jiuzhu/decision_writer.h"
#include "jiuzhu/household.h"

namespace jiuzhu::eval {

// A person with a support duty towards a member (semantics.md §3): a co-resident member or an outside obligor.
struct ObligorView {
  int member = -1;   // member index, or -1
  int obligor = -1;  // index in Household::obligors, or -1
  int order = 1;     // 1: spouse/parent/child; 2: grandparent/grandchild/sibling
};

// One program entry's result for one scope (the household, or one member).
struct EntryResult {
  uint8_t state = 0;  // 0 not evaluated, 1 evaluating, 2 done
  bool has_result = false;  // member scope: for_each chose this member
  Status status = Status::kUndetermined;
  Value amount;          // eligible: the amount (rounded), possibly unknown
  bool phase_out = false;  // in a 渐退期 (flag phase_out)
  bool phase_out_new = false;
  Date phase_out_until;
  std::vector<Outcome> outcomes;        // per rule
  std::vector<uint32_t> unknown_causes;  // causes behind unknown outcomes
  ProgramResult result;                  // reasons rendered when asked
};

// What an unknown value is missing: a parameter, or a fact named by its JSON path — kept as ids, and written
// as a path only when reported, so reading an absent fact costs no allocation.
struct Cause {
  enum class Fact : uint8_t { kNone, kMemberSelfCare, kObligorIncome, kObligorAssets, kMemberText };
  int param = -1;            // a missing parameter, or
  Fact fact = Fact::kNone;   // a missing fact of
  int index = -1;            //   member or obligor `index`
  int text = -1;             //   kMemberText: RulePack::texts[text] after "members[i]."
  bool operator==(const Cause&) const = default;
};

class Frame {
 public:
  explicit Frame(const RulePack& pack);
  void Screen(const Household& h, Date as_of, ReasonsMode reasons, Decision& out, bool render_texts = true);

  // Expression evaluation (eval/evaluate.cpp).
  Value Eval(int node);
  // Eval for an operand: the nodes met most are read without a recursive call (below).
  Value Operand(int node);
  // A parameter's value for the household's region and hukou on `as_of`, outside any rule (flags.cpp).
  Value ParameterFor(int index, const Household& h, Date as_of);

 private:
  // evaluate.cpp
  Value EvalBinary(const plan::Node& n);
  Value EvalAggregate(const plan::Node& n);
  Value EvalCall(const plan::Node& n);
  Value EvalEntryCall(const plan::Node& n);
  // fields.cpp
  Value HouseholdField(uint16_t id);
  Value MemberField(int m, uint16_t id);
  Value IncomeField(int32_t ref, uint16_t id);
  Value ObligorField(int32_t ref, uint16_t id);
  Value VehicleField(int32_t ref, uint16_t id);
  Value HouseField(int32_t ref, uint16_t id);
  // The memoised reads (views, parameters, member values) are inline below; the first look-up is not.
  const std::vector<ObligorView>& ObligorsOf(int m);
  const std::vector<ObligorView>& BuildObligors(int m);
  Value Param(int index);
  Value LookUpParam(int index, size_t slot);
  std::string_view ParamLayer(int index) const;  // the pack a looked-up parameter's value came from
  Value MemberDerived(int derived, int m);
  Value EvalMemberDerived(int derived, int m, size_t slot);
  Value ObligorDerived(int derived, int32_t ref);
  uint32_t FactCause(Cause::Fact fact, int index, int text = -1);
  uint32_t ParamCause(int param);
  // programs.cpp
  EntryResult& Entry(int entry, int member);
  void EvaluateEntry(int entry, int member, EntryResult& r);
  void EvaluatePhaseOut(const plan::Entry& e, EntryResult& r);
  void RenderReasons(const plan::Entry& e, EntryResult& r);
  bool HasResult(int entry, int member);
  // flags.cpp
  void Reset(const Household& h, Date as_of, ReasonsMode reasons);
  void Assemble(Decision& out);
  void RaiseFlags(const plan::Entry& e, int member, EntryResult& r, Decision& out);
  void RaiseUnmatchedExits(Decision& out);
  void AddCauseIssues(std::span<const uint32_t> causes, Decision& out);
  std::string CauseName(uint32_t cause) const;
  int ActiveEnrolment(std::string_view program, int member) const;
  int FindEnrolment(std::string_view program, int member) const;

  const RulePack& pack_;
  const Household* h_ = nullptr;
  Date as_of_;
  ReasonsMode reasons_ = ReasonsMode::kAll;
  bool render_texts_ = true;
  int current_member_ = -1;  // member of the member-scope entry or derived value being evaluated

  std::vector<Value> vars_;
  std::vector<Value> derived_memo_;
  std::vector<uint8_t> derived_state_;
  std::vector<Value> member_memo_;  // [derived * members + m]
  std::vector<uint8_t> member_state_;
  std::vector<Value> person_memo_;  // by_person obligor values: [derived * persons + member, or members + obligor]
  std::vector<uint8_t> person_state_;
  std::vector<Value> param_memo_;  // [param * (members + 1) + member + 1]
  std::vector<uint8_t> param_state_;  // 0 not looked up, else 1 + the layer (pack) the value came from
  std::vector<EntryResult> results_;  // [entry * (members + 1) + member + 1]
  std::vector<int> ages_;
  std::vector<int> obligor_ages_;
  std::vector<std::vector<ObligorView>> views_;  // [member + 1]; 0 = the household's outside obligors
  std::vector<uint8_t> views_built_;
  std::vector<int> region_chain_;  // pack region indexes, most specific first
  std::string chain_region_;       // the region region_chain_ was matched for
  bool chain_valid_ = false;
  std::vector<int> enrolment_active_;  // per enrolment: 1 active, 0 not started
  std::vector<int> enrolment_member_;  // per enrolment: member index, -1 household, -2 unknown member
  std::vector<uint8_t> enrolment_used_;
  std::vector<Cause> causes_;
  std::vector<DataIssue> issues_;
  // The program results of the last Decision, returned by entry when the next household is assembled, and which
  // entry each came from: a result is rendered again into an object of its own entry (RenderReasons), whose
  // reasons and values have the sizes it needs and buffers it can refill as they are.
  std::vector<std::vector<ProgramResult>> spare_by_entry_;
  std::vector<int> program_entries_;
  int members_ = 0;
  int persons_ = 0;  // members and outside obligors
};

inline const std::vector<ObligorView>& Frame::ObligorsOf(int m) {
  return views_built_[m + 1] ? views_[m + 1] : BuildObligors(m);
}

inline Value Frame::Param(int index) {
  const int member = pack_.params[index].by_setting ? current_member_ : -1;
  const size_t slot = static_cast<size_t>(index) * (members_ + 1) + (member + 1);
  return param_state_[slot] ? param_memo_[slot] : LookUpParam(index, slot);
}

inline Value Frame::MemberDerived(int derived, int m) {
  const size_t slot = static_cast<size_t>(derived) * members_ + m;
  return member_state_[slot] == 2 ? member_memo_[slot] : EvalMemberDerived(derived, m, slot);
}

// Most households are enrolled in nothing: no call to find out.
inline int Frame::ActiveEnrolment(std::string_view program, int member) const {
  return h_->enrolments.empty() ? -1 : FindEnrolment(program, member);
}

// Operand: Eval for a node's operand, with the nodes met most read in place instead of through a recursive Eval
// call (whose frame costs some 40 instructions): variables, constants, memoised derived values and parameters,
// and a field or member value of a variable (`m.age`, `o.order`, `i.monthly`, `m.counted`).
[[gnu::always_inline]] inline Value Frame::Operand(int node) {
  using plan::Op;
  constexpr auto bit = [](Op op) { return 1u << static_cast<unsigned>(op); };
  constexpr unsigned kOfVariable =
      bit(Op::kMemberField) | bit(Op::kMemberDerived) | bit(Op::kIncomeField) | bit(Op::kObligorField);
  const plan::Node& n = pack_.nodes[node];
  if (n.op == Op::kVar) return vars_[n.a];
  if ((kOfVariable >> static_cast<unsigned>(n.op)) & 1) {
    const plan::Node& base = pack_.nodes[n.kids[0]];
    if (base.op == Op::kVar && vars_[base.a].tag == Value::Tag::kRef) {
      const int32_t ref = vars_[base.a].i;
      if (n.op == Op::kMemberField) return MemberField(ref, n.a);
      if (n.op == Op::kMemberDerived) return MemberDerived(n.a, ref);
      return n.op == Op::kIncomeField ? IncomeField(ref, n.a) : ObligorField(ref, n.a);
    }
  }
  if (n.op == Op::kConst) return pack_.consts[n.konst];
  if (n.op == Op::kDerived && derived_state_[n.a] == 2) return derived_memo_[n.a];
  if (n.op == Op::kParam) return Param(n.a);
  return Eval(node);
}

}  // namespace jiuzhu::eval
