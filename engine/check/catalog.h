// The catalog: every name a rule expression may use besides the pack's own parameters and derived values —
// household, member, income, obligor, vehicle and house fields, the enumerations and their spellings, and the
// functions. The binder resolves names against it; the evaluator switches on the ids it defines.
#pragma once

#include <string_view>
#include <vector>

#include "compile/plan.h"

namespace jiuzhu::check {

// Field ids, one enum per element type. The evaluator implements each (eval/fields.cpp).
enum class HouseholdField : uint16_t { kHukou, kAsOf, kMembers, kObligors, kAssets, kExpenses, kMemberCount };
enum class AssetsField : uint16_t { kDeposits, kSecurities, kVehicles, kHouses, kBusinesses, kPublicPayroll };
enum class ExpensesField : uint16_t { kMedicalSelfPaid, kEducation };
enum class MemberField : uint16_t {
  kRelation, kAge, kBirthDate, kSex, kSchoolLevel, kImprisoned, kCompulsoryRehab, kDeclaredMissing,
  kReligiousAwayYears, kAlive, kDeceasedOn, kHasDisability, kDisabilityCategory, kDisabilityGrade,
  kNeedsLongTermCare, kSeriousIllness, kSelfCare, kInstitutionalCare, kOrphanSupport, kWorkInjuryCareFee,
  kOtherCareAllowance, kIncomes, kObligors, kTekunEnrolled, kDibaoRecipient, kSingleDibaoEnrolled,
  kIsHead,
};
enum class IncomeField : uint16_t { kKind, kMonthly, kIrregular };
enum class VehicleField : uint16_t { kKind, kValue, kForDisability };
enum class HouseField : uint16_t { kAreaM2, kPurpose };
enum class ObligorField : uint16_t {
  kOrder, kAge, kIsMember, kMember, kMonthlyIncome, kAssetsWithinLimits, kTekun, kDibao, kSevereDisability,
  kIntellectualOrMentalGrade3, kNoCivilCapacity, kDeclaredMissing, kImprisoned,
};

struct FieldDef {
  std::string_view name;
  uint16_t id;
  plan::TypeInfo type;
  std::string_view doc;  // one line, for `rules doc` and did-you-mean lists
};

// Fields of an element type (kMember, kIncome, ...; kAssets and kExpenses for `assets.` and `expenses.`).
const std::vector<FieldDef>& FieldsOf(plan::Type element);
// Top-level household names: hukou, as_of, members, obligors, assets, expenses, member_count.
const std::vector<FieldDef>& HouseholdFields();

// Spellings of an enumeration's values, by code.
const std::vector<std::string_view>& DomainValues(Domain d);
std::string_view DomainName(Domain d);
int DomainCode(Domain d, std::string_view value);  // -1 when not a value of d

struct FunctionDef {
  std::string_view name;
  plan::Fn fn;
  int min_args, max_args;
  std::string_view doc;
};
const std::vector<FunctionDef>& Functions();

}  // namespace jiuzhu::check
