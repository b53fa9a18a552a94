// Reading facts: household, member, income, obligor, vehicle and house fields; parameters by region, date,
// hukou and care setting; member and obligor derived values; and the causes behind unknown values.
#include <algorithm>

#include "check/catalog.h"
#include "eval/frame.h"

namespace jiuzhu::eval {

using check::MemberField;
using check::ObligorField;
using Tag = Value::Tag;

namespace {

constexpr uint16_t kAssetsFieldBase = 100;
constexpr uint16_t kExpensesFieldBase = 200;

template <typename E>
Value EnumValue(E e) { return Value::Enum(static_cast<int>(e)); }

// The disability category of a member without one, looked up by name once rather than on every read.
int NoCategoryCode() {
  static const int code = check::DomainCode(Domain::kCategory, "none");
  return code;
}

// Element references pack (owner + 1) << 16 | index for incomes and obligor views.
int Owner(int32_t ref) { return (ref >> 16) - 1; }
int Index(int32_t ref) { return ref & 0xffff; }

}  // namespace

uint32_t Frame::FactCause(Cause::Fact fact, int index, int text) {
  Cause cause{-1, fact, index, text};
  for (size_t i = 0; i < causes_.size(); ++i)
    if (causes_[i] == cause) return static_cast<uint32_t>(i + 1);
  causes_.push_back(cause);
  return static_cast<uint32_t>(causes_.size());
}

uint32_t Frame::ParamCause(int param) {
  Cause cause{param, Cause::Fact::kNone, -1, -1};
  for (size_t i = 0; i < causes_.size(); ++i)
    if (causes_[i] == cause) return static_cast<uint32_t>(i + 1);
  causes_.push_back(cause);
  return static_cast<uint32_t>(causes_.size());
}

Value Frame::HouseholdField(uint16_t id) {
  using check::HouseholdField;
  const Assets& a = h_->assets;
  if (id >= kExpensesFieldBase) {
    auto f = static_cast<check::ExpensesField>(id - kExpensesFieldBase);
    return Value::Number(f == check::ExpensesField::kMedicalSelfPaid ? h_->expenses.medical_self_paid : h_->expenses.education);
  }
  if (id >= kAssetsFieldBase) {
    switch (static_cast<check::AssetsField>(id - kAssetsFieldBase)) {
      case check::AssetsField::kDeposits: return Value::Number(a.deposits);
      case check::AssetsField::kSecurities: return Value::Number(a.securities);
      case check::AssetsField::kVehicles: case check::AssetsField::kHouses: return Value::Ref(0);
      case check::AssetsField::kBusinesses: return Value::Number(Num::Int(a.businesses));
      case check::AssetsField::kPublicPayroll: return Value::Bool(a.public_payroll);
    }
  }
  switch (static_cast<HouseholdField>(id)) {
    case HouseholdField::kHukou: return EnumValue(h_->hukou);
    case HouseholdField::kAsOf: return Value::OfDate(as_of_.days());
    case HouseholdField::kMembers: return Value::Ref(0);
    case HouseholdField::kObligors: return Value::Ref(-1);  // the outside obligors, seen from the head
    case HouseholdField::kMemberCount: return Value::Number(Num::Int(members_));
    default: return Value::Ref(0);
  }
}

int Frame::FindEnrolment(std::string_view program, int member) const {
  for (size_t i = 0; i < h_->enrolments.size(); ++i)
    if (enrolment_active_[i] && enrolment_member_[i] == member && h_->enrolments[i].program == program)
      return static_cast<int>(i);
  return -1;
}

Value Frame::MemberField(int m, uint16_t id) {
  const Member& p = h_->members[m];
  const bool disabled = p.disability.has_value();
  switch (static_cast<check::MemberField>(id)) {
    case MemberField::kRelation: return EnumValue(p.relation);
    case MemberField::kAge: return Value::Number(Num::Int(ages_[m]));
    case MemberField::kBirthDate: return Value::OfDate(p.birth_date.days());
    case MemberField::kSex: return EnumValue(p.sex);
    case MemberField::kSchoolLevel: return EnumValue(p.school_level);
    case MemberField::kImprisoned: return Value::Bool(p.imprisoned);
    case MemberField::kCompulsoryRehab: return Value::Bool(p.compulsory_rehab);
    case MemberField::kDeclaredMissing: return Value::Bool(p.declared_missing);
    case MemberField::kReligiousAwayYears: return Value::Number(p.religious_away_years);
    case MemberField::kAlive: return Value::Bool(!p.deceased_on || *p.deceased_on > as_of_);
    case MemberField::kDeceasedOn:
      return p.deceased_on ? Value::OfDate(p.deceased_on->days()) : Value::Unknown();
    case MemberField::kHasDisability: return Value::Bool(disabled);
    case MemberField::kDisabilityCategory:
      return Value::Enum(disabled ? static_cast<int>(p.disability->category) : NoCategoryCode());
    case MemberField::kDisabilityGrade: return Value::Number(Num::Int(disabled ? p.disability->grade : 0));
    case MemberField::kNeedsLongTermCare: return Value::Bool(disabled && p.disability->needs_long_term_care);
    case MemberField::kSeriousIllness: return Value::Bool(p.serious_illness);
    case MemberField::kSelfCare:
      if (p.self_care == SelfCare::kUnknown) return Value::Unknown(FactCause(Cause::Fact::kMemberSelfCare, m));
      return EnumValue(p.self_care);
    case MemberField::kInstitutionalCare: return Value::Bool(p.institutional_care);
    case MemberField::kOrphanSupport: return Value::Bool(p.orphan_support);
    case MemberField::kWorkInjuryCareFee: return Value::Bool(p.work_injury_care_fee);
    case MemberField::kOtherCareAllowance: return Value::Number(p.other_care_allowance);
    case MemberField::kIncomes: case MemberField::kObligors: return Value::Ref(m);
    case MemberField::kTekunEnrolled: return Value::Bool(ActiveEnrolment("tekun", m) >= 0);
    case MemberField::kDibaoRecipient:
      // semantics §3: a household 低保 enrolment makes every member a recipient; a member one makes that member.
      return Value::Bool(ActiveEnrolment("dibao", -1) >= 0 || ActiveEnrolment("dibao", m) >= 0);
    case MemberField::kSingleDibaoEnrolled: return Value::Bool(ActiveEnrolment("dibao", m) >= 0);
    case MemberField::kIsHead: return Value::Bool(p.relation == Relation::kHead);
  }
  return Value::Unknown();
}

Value Frame::IncomeField(int32_t ref, uint16_t id) {
  const Income& inc = h_->members[Owner(ref)].incomes[Index(ref)];
  switch (static_cast<check::IncomeField>(id)) {
    case check::IncomeField::kKind: return EnumValue(inc.kind);
    case check::IncomeField::kMonthly: return Value::Number(inc.monthly);
    case check::IncomeField::kIrregular: return Value::Bool(inc.irregular);
  }
  return Value::Unknown();
}

Value Frame::VehicleField(int32_t ref, uint16_t id) {
  const Vehicle& v = h_->assets.vehicles[ref];
  switch (static_cast<check::VehicleField>(id)) {
    case check::VehicleField::kKind: return EnumValue(v.kind);
    case check::VehicleField::kValue: return Value::Number(v.value);
    case check::VehicleField::kForDisability: return Value::Bool(v.for_disability);
  }
  return Value::Unknown();
}

Value Frame::HouseField(int32_t ref, uint16_t id) {
  const House& house = h_->assets.houses[ref];
  if (static_cast<check::HouseField>(id) == check::HouseField::kAreaM2) return Value::Number(house.area_m2);
  return EnumValue(house.purpose);
}

Value Frame::ObligorField(int32_t ref, uint16_t id) {
  const ObligorView& v = ObligorsOf(Owner(ref))[Index(ref)];
  auto field = static_cast<check::ObligorField>(id);
  if (field == ObligorField::kOrder) return Value::Number(Num::Int(v.order));
  if (field == ObligorField::kIsMember) return Value::Bool(v.member >= 0);
  if (v.member >= 0) {
    const Member& p = h_->members[v.member];
    const bool d = p.disability.has_value();
    switch (field) {
      case ObligorField::kAge: return Value::Number(Num::Int(ages_[v.member]));
      case ObligorField::kMember: return Value::Ref(v.member);
      case ObligorField::kMonthlyIncome: case ObligorField::kAssetsWithinLimits: return Value::Unknown();
      case ObligorField::kTekun: return Value::Bool(ActiveEnrolment("tekun", v.member) >= 0);
      case ObligorField::kDibao: return MemberField(v.member, static_cast<uint16_t>(MemberField::kDibaoRecipient));
      case ObligorField::kSevereDisability: return Value::Bool(d && p.disability->grade <= 2);
      case ObligorField::kIntellectualOrMentalGrade3:
        return Value::Bool(d && p.disability->grade == 3 && (p.disability->category == DisabilityCategory::kIntellectual ||
                                                             p.disability->category == DisabilityCategory::kMental));
      case ObligorField::kNoCivilCapacity: return Value::Bool(false);  // no such field in the contract (semantics §3)
      case ObligorField::kDeclaredMissing: return Value::Bool(p.declared_missing);
      case ObligorField::kImprisoned: return Value::Bool(p.imprisoned);
      default: return Value::Unknown();
    }
  }
  const Obligor& o = h_->obligors[v.obligor];
  auto status = [&](uint16_t bit) { return Value::Bool((o.status & bit) != 0); };
  switch (field) {
    case ObligorField::kAge: return Value::Number(Num::Int(obligor_ages_[v.obligor]));
    case ObligorField::kMember: return Value::Unknown();
    case ObligorField::kMonthlyIncome:
      return o.monthly_income ? Value::Number(*o.monthly_income) : Value::Unknown(FactCause(Cause::Fact::kObligorIncome, v.obligor));
    case ObligorField::kAssetsWithinLimits:
      return o.assets_within_limits ? Value::Bool(*o.assets_within_limits) : Value::Unknown(FactCause(Cause::Fact::kObligorAssets, v.obligor));
    case ObligorField::kTekun: return status(kObligorTekun);
    case ObligorField::kDibao: return status(kObligorDibao);
    case ObligorField::kSevereDisability: return status(kObligorSevereDisability);
    case ObligorField::kIntellectualOrMentalGrade3: return status(kObligorIntellectualOrMentalGrade3);
    case ObligorField::kNoCivilCapacity: return status(kObligorNoCivilCapacity);
    case ObligorField::kDeclaredMissing: return status(kObligorDeclaredMissing);
    case ObligorField::kImprisoned: return status(kObligorImprisoned);
    default: return Value::Unknown();
  }
}

namespace {

// Support duties between two members read from their relations to the head (semantics.md §3):
// 1 first order, 2 second order, 0 none. Outside obligors' relations are read as relations to the head too.
int DutyOrder(Relation a, Relation b) {
  using R = Relation;
  auto pair = [&](R x, R y) { return (a == x && b == y) || (a == y && b == x); };
  if (pair(R::kHead, R::kSpouse) || pair(R::kHead, R::kChild) || pair(R::kSpouse, R::kChild) ||
      pair(R::kHead, R::kParent) || pair(R::kParent, R::kSibling) || pair(R::kGrandparent, R::kParent) ||
      pair(R::kChild, R::kGrandchild) || pair(R::kChildInLaw, R::kGrandchild))
    return 1;
  if (pair(R::kHead, R::kGrandparent) || pair(R::kHead, R::kGrandchild) || pair(R::kSpouse, R::kGrandchild) ||
      pair(R::kParent, R::kChild) || pair(R::kGrandparent, R::kSibling) || pair(R::kHead, R::kSibling) ||
      pair(R::kChild, R::kChild))
    return 2;
  return 0;
}

Relation AsRelation(ObligorRelation r) {
  switch (r) {
    case ObligorRelation::kChild: return Relation::kChild;
    case ObligorRelation::kSpouse: return Relation::kSpouse;
    case ObligorRelation::kParent: return Relation::kParent;
    case ObligorRelation::kGrandchild: return Relation::kGrandchild;
    case ObligorRelation::kGrandparent: return Relation::kGrandparent;
    case ObligorRelation::kSibling: return Relation::kSibling;
  }
  return Relation::kOther;
}

}  // namespace

// Obligors of member m (m = -1: the household's outside obligors as seen from the head): co-resident members
// with a duty pair, living on as_of, then the outside obligors whose relation gives a duty pair.
const std::vector<ObligorView>& Frame::BuildObligors(int m) {
  std::vector<ObligorView>& views = views_[m + 1];
  views_built_[m + 1] = 1;
  views.clear();
  Relation self = m >= 0 ? h_->members[m].relation : Relation::kHead;
  for (int j = 0; j < members_; ++j) {
    if (j == m) continue;
    const Member& other = h_->members[j];
    if (other.deceased_on && *other.deceased_on <= as_of_) continue;
    int order = m >= 0 ? DutyOrder(self, other.relation) : 0;
    if (order > 0) views.push_back({j, -1, order});
  }
  for (size_t k = 0; k < h_->obligors.size(); ++k) {
    int order = DutyOrder(self, AsRelation(h_->obligors[k].relation));
    if (order > 0) views.push_back({-1, static_cast<int>(k), order});
  }
  return views;
}

Value Frame::LookUpParam(int index, size_t slot) {
  const plan::Param& p = pack_.params[index];
  int member = p.by_setting ? current_member_ : -1;
  param_state_[slot] = 1;
  const bool institutional = member >= 0 && h_->members[member].institutional_care;
  const std::vector<int>& candidates = p.candidates[h_->hukou == Hukou::kRural][institutional];
  Value result;  // unknown until found
  int layer = 0;  // the pack the value comes from (kept in param_state_ as 1 + layer, for Reasons)
  auto lookup = [&](int region) -> bool {
    for (const auto& rv : p.regions) {
      if (rv.region != region) continue;
      const plan::ParamValue* in_force = nullptr;
      for (const auto& v : rv.values) if (v.from <= as_of_) in_force = &v;
      if (!in_force) return false;
      for (int key : candidates)
        if (in_force->by_key[key].known()) {
          result = in_force->by_key[key];
          layer = in_force->layer;
          return true;
        }
      return true;  // the region has a value in force, but not for this key: missing, never another region's
    }
    return false;
  };
  bool found = false;
  for (int region : region_chain_) if ((found = lookup(region))) break;
  if (!found) lookup(-1);
  if (!result.known()) result = Value::Unknown(ParamCause(index));
  param_memo_[slot] = result;
  param_state_[slot] = static_cast<uint8_t>(1 + std::min(layer, 254));
  return result;
}

Value Frame::EvalMemberDerived(int derived, int m, size_t slot) {
  if (member_state_[slot] == 1) return Value::Unknown();
  member_state_[slot] = 1;
  const plan::Derived& d = pack_.derived[derived];
  Value saved = vars_[d.slot];
  int saved_member = current_member_;
  vars_[d.slot] = Value::Ref(m);
  current_member_ = m;
  Value v = Eval(d.root);
  vars_[d.slot] = saved;
  current_member_ = saved_member;
  member_memo_[slot] = v;
  member_state_[slot] = 2;
  return v;
}

Value Frame::ObligorDerived(int derived, int32_t ref) {
  const plan::Derived& d = pack_.derived[derived];
  size_t slot = 0;
  if (d.by_person) {
    const ObligorView& view = ObligorsOf(Owner(ref))[Index(ref)];
    slot = static_cast<size_t>(derived) * persons_ + static_cast<size_t>(view.member >= 0 ? view.member : members_ + view.obligor);
    if (person_state_[slot]) return person_memo_[slot];
  }
  Value saved = vars_[d.slot];
  vars_[d.slot] = Value::Ref(ref);
  Value v = Eval(d.root);
  vars_[d.slot] = saved;
  if (d.by_person) {
    person_memo_[slot] = v;
    person_state_[slot] = 1;
  }
  return v;
}

}  // namespace jiuzhu::eval
