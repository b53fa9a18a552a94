// Household: the typed facts of one household, mirroring shared/spec/household.md. Built only by
// HouseholdReader (household_reader.h), which validates the contract at the edge; the engine trusts it after.
// Defaults of the contract are filled in; facts whose absence means "unknown" stay optional.
// Containers are reused between households by the reader (clear, keep capacity), so a batch allocates nothing
// per household once warm.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jiuzhu/date.h"
#include "jiuzhu/num.h"

namespace jiuzhu {

enum class Hukou : uint8_t { kUrban, kRural };
enum class Sex : uint8_t { kMale, kFemale };
enum class Relation : uint8_t {
  kHead, kSpouse, kChild, kParent, kGrandchild, kGrandparent, kSibling, kChildInLaw, kOther
};
enum class SchoolLevel : uint8_t { kNone, kCompulsory, kSeniorSecondary, kUndergraduate, kPostgraduate };
enum class DisabilityCategory : uint8_t {
  kVisual, kHearing, kSpeech, kPhysical, kIntellectual, kMental, kMultiple
};
enum class SelfCare : uint8_t { kUnknown, kFull, kPartial, kNone };  // kUnknown: field absent
enum class IncomeKind : uint8_t {
  kWage, kBusiness, kProperty, kSupport, kPension, kBasicPension, kSpecialCare, kFamilyPlanning,
  kScholarship, kAssistance, kAward, kDisabilitySubsidy, kOldAgeAllowance, kOther
};
inline constexpr int kIncomeKindCount = 14;
enum class VehicleKind : uint8_t { kCar, kTruck, kMotorcycle, kTricycle, kFarmMachinery, kOther };
enum class HousePurpose : uint8_t { kResidence, kCommercial, kOther };
enum class ObligorRelation : uint8_t { kChild, kSpouse, kParent, kGrandchild, kGrandparent, kSibling };
// Obligor.status values as bits.
enum ObligorStatusBit : uint16_t {
  kObligorTekun = 1 << 0,
  kObligorDibao = 1 << 1,
  kObligorSevereDisability = 1 << 2,
  kObligorIntellectualOrMentalGrade3 = 1 << 3,
  kObligorNoCivilCapacity = 1 << 4,
  kObligorDeclaredMissing = 1 << 5,
  kObligorImprisoned = 1 << 6,
};

struct Income {
  IncomeKind kind = IncomeKind::kOther;
  Num monthly;
  bool irregular = false;
};

struct Disability {
  DisabilityCategory category = DisabilityCategory::kPhysical;
  int grade = 1;  // 1..4, 1 most severe
  std::string certificate;
  bool needs_long_term_care = false;  // contract default: true for grades 1–2
};

struct Member {
  std::string id;  // 18 chars, check digit verified, 'x' normalised to 'X'
  std::string name;
  Relation relation = Relation::kOther;
  Date birth_date;  // always the date inside id (a differing declared birth_date is a data issue)
  Sex sex = Sex::kMale;  // always from the id's sex digit
  SchoolLevel school_level = SchoolLevel::kNone;
  bool imprisoned = false;
  bool compulsory_rehab = false;
  bool declared_missing = false;
  Num religious_away_years;
  std::optional<Date> deceased_on;
  std::optional<Disability> disability;
  bool serious_illness = false;
  SelfCare self_care = SelfCare::kUnknown;
  bool institutional_care = false;
  bool orphan_support = false;
  bool work_injury_care_fee = false;
  Num other_care_allowance;
  std::vector<Income> incomes;
};

struct Vehicle {
  VehicleKind kind = VehicleKind::kOther;
  Num value;
  bool for_disability = false;
};

struct House {
  Num area_m2;
  HousePurpose purpose = HousePurpose::kResidence;
};

struct Assets {
  Num deposits;
  Num securities;
  std::vector<Vehicle> vehicles;
  std::vector<House> houses;
  int64_t businesses = 0;
  bool public_payroll = false;
};

struct Expenses {
  Num medical_self_paid;
  Num education;
};

struct Obligor {
  std::string id;  // validated like a member id
  ObligorRelation relation = ObligorRelation::kChild;
  Date birth_date;  // from id
  std::optional<Num> monthly_income;        // absent: unknown
  std::optional<bool> assets_within_limits;  // absent: unknown
  uint16_t status = 0;                       // ObligorStatusBit set
};

struct Enrolment {
  std::string program;  // "dibao", "tekun", "disability_living", "disability_care"
  std::string member;   // empty: household benefit (member null/absent)
  Date since;
  Num monthly;
  Date last_review;  // defaults to since
  std::optional<Date> phase_out_until;
};

// A problem that does not stop evaluation (semantics.md §10).
struct DataIssue {
  std::string path;  // JSON path, "" for the household as a whole
  std::string code;  // e.g. "birth_date_mismatch", "missing_parameter"
  std::string message;
};

struct Household {
  std::string id;
  std::string region;  // 6, 9 or 12 digits
  Hukou hukou = Hukou::kUrban;
  std::string grid;  // "" when absent
  std::vector<Member> members;
  Assets assets;
  Expenses expenses;
  std::vector<Obligor> obligors;
  std::vector<Enrolment> enrolments;
  std::string ext_json;  // the `ext` object as compact JSON text, "" when absent
  // Data issues found while reading (id vs birth_date/sex, head count, enrolment member unknown, duplicate
  // enrolment); the engine appends the as-of dependent ones to the Decision.
  std::vector<DataIssue> input_issues;

  void Clear();  // empties everything, keeping vector capacity
};

}  // namespace jiuzhu
