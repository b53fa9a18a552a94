#include "check/catalog.h"

#include "input/enum_names.h"

namespace jiuzhu::check {
namespace {

using plan::Type;
using plan::TypeInfo;

constexpr TypeInfo T(Type t, Domain d = Domain::kNone) { return TypeInfo{t, d, false}; }
template <typename E>
constexpr uint16_t Id(E e) { return static_cast<uint16_t>(e); }

}  // namespace

const std::vector<FieldDef>& HouseholdFields() {
  static const std::vector<FieldDef> kFields = {
      {"hukou", Id(HouseholdField::kHukou), T(Type::kEnum, Domain::kHukou), "urban or rural (城市/农村)"},
      {"as_of", Id(HouseholdField::kAsOf), T(Type::kDate), "the date the household is decided for"},
      {"members", Id(HouseholdField::kMembers), T(Type::kMemberList), "every member, counted or not"},
      {"obligors", Id(HouseholdField::kObligors), T(Type::kObligorList), "obligors living elsewhere"},
      {"assets", Id(HouseholdField::kAssets), T(Type::kAssets), "household property"},
      {"expenses", Id(HouseholdField::kExpenses), T(Type::kExpenses), "rigid expenses, last 12 months"},
      {"member_count", Id(HouseholdField::kMemberCount), T(Type::kNumber), "number of members listed"},
  };
  return kFields;
}

const std::vector<FieldDef>& FieldsOf(Type element) {
  static const std::vector<FieldDef> kAssets = {
      {"deposits", Id(AssetsField::kDeposits), T(Type::kMoney), "bank deposits and cash"},
      {"securities", Id(AssetsField::kSecurities), T(Type::kMoney), "securities, funds, insurance cash value"},
      {"vehicles", Id(AssetsField::kVehicles), T(Type::kVehicleList), "vehicles"},
      {"houses", Id(AssetsField::kHouses), T(Type::kHouseList), "houses"},
      {"businesses", Id(AssetsField::kBusinesses), T(Type::kNumber), "registered businesses (工商登记)"},
      {"public_payroll", Id(AssetsField::kPublicPayroll), T(Type::kBool), "a member paid from public funds"},
  };
  static const std::vector<FieldDef> kExpenses = {
      {"medical_self_paid", Id(ExpensesField::kMedicalSelfPaid), T(Type::kMoney), "out-of-pocket medical costs"},
      {"education", Id(ExpensesField::kEducation), T(Type::kMoney), "education costs"},
  };
  static const std::vector<FieldDef> kMember = {
      {"relation", Id(MemberField::kRelation), T(Type::kEnum, Domain::kRelation), "relation to the head"},
      {"age", Id(MemberField::kAge), T(Type::kNumber), "completed years on as_of"},
      {"birth_date", Id(MemberField::kBirthDate), T(Type::kDate), "birth date (from the id)"},
      {"sex", Id(MemberField::kSex), T(Type::kEnum, Domain::kSex), "male or female"},
      {"school_level", Id(MemberField::kSchoolLevel), T(Type::kEnum, Domain::kSchool), "full-time education now ('none' if not)"},
      {"imprisoned", Id(MemberField::kImprisoned), T(Type::kBool), "serving a prison sentence (服刑)"},
      {"compulsory_rehab", Id(MemberField::kCompulsoryRehab), T(Type::kBool), "compulsory drug rehabilitation"},
      {"declared_missing", Id(MemberField::kDeclaredMissing), T(Type::kBool), "declared missing by a court"},
      {"religious_away_years", Id(MemberField::kReligiousAwayYears), T(Type::kNumber), "years away as religious staff"},
      {"alive", Id(MemberField::kAlive), T(Type::kBool), "alive on as_of (no deceased_on on or before it)"},
      {"deceased_on", Id(MemberField::kDeceasedOn), T(Type::kDate), "date of death (unknown if none)"},
      {"has_disability", Id(MemberField::kHasDisability), T(Type::kBool), "holds a disability certificate"},
      {"disability_category", Id(MemberField::kDisabilityCategory), T(Type::kEnum, Domain::kCategory), "certificate category ('none' without one)"},
      {"disability_grade", Id(MemberField::kDisabilityGrade), T(Type::kNumber), "certificate grade 1–4 (0 without one)"},
      {"needs_long_term_care", Id(MemberField::kNeedsLongTermCare), T(Type::kBool), "needs long-term care"},
      {"serious_illness", Id(MemberField::kSeriousIllness), T(Type::kBool), "serious illness (重特大疾病)"},
      {"self_care", Id(MemberField::kSelfCare), T(Type::kEnum, Domain::kSelfCare), "self-care ability (unknown if absent)"},
      {"institutional_care", Id(MemberField::kInstitutionalCare), T(Type::kBool), "lives in a care institution"},
      {"orphan_support", Id(MemberField::kOrphanSupport), T(Type::kBool), "receives orphan / unsupported-child support"},
      {"work_injury_care_fee", Id(MemberField::kWorkInjuryCareFee), T(Type::kBool), "receives the work-injury care fee"},
      {"other_care_allowance", Id(MemberField::kOtherCareAllowance), T(Type::kMoney), "another welfare care allowance per month"},
      {"incomes", Id(MemberField::kIncomes), T(Type::kIncomeList), "this member's incomes"},
      {"obligors", Id(MemberField::kObligors), T(Type::kObligorList), "people with a support duty to this member (semantics §3)"},
      {"tekun_enrolled", Id(MemberField::kTekunEnrolled), T(Type::kBool), "has an active 特困 enrolment"},
      {"dibao_recipient", Id(MemberField::kDibaoRecipient), T(Type::kBool), "receives 低保 now (from enrolments)"},
      {"single_dibao_enrolled", Id(MemberField::kSingleDibaoEnrolled), T(Type::kBool), "has an active 单人保 enrolment"},
      {"is_head", Id(MemberField::kIsHead), T(Type::kBool), "relation is head"},
  };
  static const std::vector<FieldDef> kIncome = {
      {"kind", Id(IncomeField::kKind), T(Type::kEnum, Domain::kIncomeKind), "income kind"},
      {"monthly", Id(IncomeField::kMonthly), T(Type::kMoney), "yuan per month"},
      {"irregular", Id(IncomeField::kIrregular), T(Type::kBool), "income is not stable"},
  };
  static const std::vector<FieldDef> kVehicle = {
      {"kind", Id(VehicleField::kKind), T(Type::kEnum, Domain::kVehicleKind), "vehicle kind"},
      {"value", Id(VehicleField::kValue), T(Type::kMoney), "value in yuan"},
      {"for_disability", Id(VehicleField::kForDisability), T(Type::kBool), "a disability vehicle"},
  };
  static const std::vector<FieldDef> kHouse = {
      {"area_m2", Id(HouseField::kAreaM2), T(Type::kNumber), "floor area"},
      {"purpose", Id(HouseField::kPurpose), T(Type::kEnum, Domain::kHousePurpose), "residence, commercial or other"},
  };
  static const std::vector<FieldDef> kObligor = {
      {"order", Id(ObligorField::kOrder), T(Type::kNumber), "1: spouse, parent or child; 2: grandparent, grandchild, sibling"},
      {"age", Id(ObligorField::kAge), T(Type::kNumber), "completed years on as_of (from the id)"},
      {"is_member", Id(ObligorField::kIsMember), T(Type::kBool), "a member of this household"},
      {"member", Id(ObligorField::kMember), T(Type::kMember), "the member (only when is_member)"},
      {"monthly_income", Id(ObligorField::kMonthlyIncome), T(Type::kMoney), "declared own income (outside obligors; unknown if absent)"},
      {"assets_within_limits", Id(ObligorField::kAssetsWithinLimits), T(Type::kBool), "property within limits (outside obligors; unknown if absent)"},
      {"tekun", Id(ObligorField::kTekun), T(Type::kBool), "is a 特困 person"},
      {"dibao", Id(ObligorField::kDibao), T(Type::kBool), "is in a 低保 household"},
      {"severe_disability", Id(ObligorField::kSevereDisability), T(Type::kBool), "disability grade 1–2"},
      {"intellectual_or_mental_grade3", Id(ObligorField::kIntellectualOrMentalGrade3), T(Type::kBool), "grade 3 intellectual or mental"},
      {"no_civil_capacity", Id(ObligorField::kNoCivilCapacity), T(Type::kBool), "no civil capacity"},
      {"declared_missing", Id(ObligorField::kDeclaredMissing), T(Type::kBool), "declared missing"},
      {"imprisoned", Id(ObligorField::kImprisoned), T(Type::kBool), "serving a sentence"},
  };
  static const std::vector<FieldDef> kNone;
  switch (element) {
    case Type::kAssets: return kAssets;
    case Type::kExpenses: return kExpenses;
    case Type::kMember: return kMember;
    case Type::kIncome: return kIncome;
    case Type::kVehicle: return kVehicle;
    case Type::kHouse: return kHouse;
    case Type::kObligor: return kObligor;
    default: return kNone;
  }
}

namespace {

// An enumeration's spellings indexed by the enum's value, taken from the reader's tables (input/enum_names),
// so a spelling lives in one place. `extra` names values the rules see but the contract writes as absence.
template <typename E>
std::vector<std::string_view> SpellingsOf(int count, std::initializer_list<std::string_view> extra = {}) {
  std::vector<std::string_view> names;
  names.reserve(count + extra.size());
  for (int i = 0; i < count; ++i) names.push_back(Name(static_cast<E>(i)));
  names.insert(names.end(), extra);
  return names;
}

}  // namespace

const std::vector<std::string_view>& DomainValues(Domain d) {
  static const std::vector<std::string_view> kNone;
  static const auto kRelation = SpellingsOf<Relation>(9);
  static const auto kSex = SpellingsOf<Sex>(2);
  static const auto kSchool = SpellingsOf<SchoolLevel>(5);  // "none" first: not in full-time education
  static const auto kCategory = SpellingsOf<DisabilityCategory>(7, {"none"});  // "none": no certificate
  static const auto kSelfCare = SpellingsOf<SelfCare>(4);  // "unknown" first: the field is absent
  static const auto kIncomeKind = SpellingsOf<IncomeKind>(kIncomeKindCount);
  static const auto kVehicleKind = SpellingsOf<VehicleKind>(6);
  static const auto kHousePurpose = SpellingsOf<HousePurpose>(3);
  static const auto kHukou = SpellingsOf<Hukou>(2);
  static const std::vector<std::string_view> kStatus = {"eligible", "ineligible", "undetermined"};
  static const std::vector<std::string_view> kRounding = {"fen", "jiao", "yuan"};
  switch (d) {
    case Domain::kRelation: return kRelation;
    case Domain::kSex: return kSex;
    case Domain::kSchool: return kSchool;
    case Domain::kCategory: return kCategory;
    case Domain::kSelfCare: return kSelfCare;
    case Domain::kIncomeKind: return kIncomeKind;
    case Domain::kVehicleKind: return kVehicleKind;
    case Domain::kHousePurpose: return kHousePurpose;
    case Domain::kHukou: return kHukou;
    case Domain::kStatus: return kStatus;
    case Domain::kRounding: return kRounding;
    case Domain::kNone: break;
  }
  return kNone;
}

std::string_view DomainName(Domain d) {
  static const char* kNames[] = {"none", "relation", "sex", "school_level", "disability_category", "self_care",
                                 "income_kind", "vehicle_kind", "house_purpose", "hukou", "status", "rounding"};
  return kNames[static_cast<int>(d)];
}

int DomainCode(Domain d, std::string_view value) {
  const auto& values = DomainValues(d);
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] == value) return static_cast<int>(i);
  return -1;
}

const std::vector<FunctionDef>& Functions() {
  using plan::Fn;
  static const std::vector<FunctionDef> kFunctions = {
      {"max", Fn::kMax, 2, 8, "max(a, b, ...): the largest of numbers or amounts"},
      {"min", Fn::kMin, 2, 8, "min(a, b, ...): the smallest"},
      {"abs", Fn::kAbs, 1, 1, "abs(x): absolute value"},
      {"known", Fn::kKnown, 1, 1, "known(x): true when x is not unknown (never unknown itself)"},
      {"coalesce", Fn::kCoalesce, 2, 2, "coalesce(x, y): x when known, else y"},
      {"add_months", Fn::kAddMonths, 2, 2, "add_months(date, n): same day n months later, or that month's last day"},
      {"end_of_month", Fn::kEndOfMonth, 1, 1, "end_of_month(date): last day of the date's month"},
      {"months_between", Fn::kMonthsBetween, 2, 2, "months_between(a, b): whole months from a to b"},
      {"date", Fn::kDate, 1, 1, "date('YYYY-MM-DD'): a date literal"},
      {"status_of", Fn::kStatusOf, 1, 2, "status_of('entry'[, member]): eligible, ineligible or undetermined"},
      {"eligible", Fn::kEligible, 1, 2, "eligible('entry'[, member]): true / false / unknown when undetermined"},
      {"amount_of", Fn::kAmountOf, 1, 2, "amount_of('entry'[, member]): the monthly amount granted"},
      {"in_phase_out", Fn::kInPhaseOut, 1, 1, "in_phase_out('entry'): the household's enrolment is in a 渐退期"},
      {"unknown_fact", Fn::kUnknownFact, 2, 2, "unknown_fact(m, 'disability.components'): unknown, naming a fact the contract does not carry"},
  };
  return kFunctions;
}

}  // namespace jiuzhu::check
