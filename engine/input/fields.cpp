#include "input/fields.h"

namespace jiuzhu::input {
namespace {

constexpr uint32_t Bit(int field) { return 1u << field; }

}  // namespace

const FieldTable& HouseholdFields() {
  static const FieldTable table{
      {"id", "region", "hukou", "grid", "members", "assets", "expenses", "obligors", "enrolments", "ext"},
      Bit(kHhId) | Bit(kHhRegion) | Bit(kHhHukou) | Bit(kHhMembers)};
  return table;
}

const FieldTable& MemberFields() {
  static const FieldTable table{
      {"id", "name", "relation", "birth_date", "sex", "school_level", "imprisoned", "compulsory_rehab",
       "declared_missing", "religious_away_years", "deceased_on", "disability", "serious_illness", "self_care",
       "institutional_care", "orphan_support", "work_injury_care_fee", "other_care_allowance", "incomes"},
      Bit(kMId) | Bit(kMName) | Bit(kMRelation)};
  return table;
}

const FieldTable& DisabilityFields() {
  static const FieldTable table{{"category", "grade", "certificate", "needs_long_term_care"},
                                Bit(kDCategory) | Bit(kDGrade)};
  return table;
}

const FieldTable& IncomeFields() {
  static const FieldTable table{{"kind", "monthly", "irregular"}, Bit(kIKind) | Bit(kIMonthly)};
  return table;
}

const FieldTable& AssetsFields() {
  static const FieldTable table{
      {"deposits", "securities", "vehicles", "houses", "businesses", "public_payroll"}, 0};
  return table;
}

// The contract gives no "required" column for vehicles and houses; a vehicle without kind or value, or a house
// without area or purpose, is a fact the property rules cannot use, so those are required.
const FieldTable& VehicleFields() {
  static const FieldTable table{{"kind", "value", "for_disability"}, Bit(kVKind) | Bit(kVValue)};
  return table;
}

const FieldTable& HouseFields() {
  static const FieldTable table{{"area_m2", "purpose"}, Bit(kHoAreaM2) | Bit(kHoPurpose)};
  return table;
}

const FieldTable& ExpensesFields() {
  static const FieldTable table{{"medical_self_paid", "education"}, 0};
  return table;
}

// An obligor is known by id (it gives the age) and relation (it gives the duty); the rest may be unknown.
const FieldTable& ObligorFields() {
  static const FieldTable table{{"id", "relation", "monthly_income", "assets_within_limits", "status"},
                                Bit(kOId) | Bit(kORelation)};
  return table;
}

const FieldTable& EnrolmentFields() {
  static const FieldTable table{{"program", "member", "since", "monthly", "last_review", "phase_out_until"},
                                Bit(kEnProgram) | Bit(kEnSince) | Bit(kEnMonthly)};
  return table;
}

}  // namespace jiuzhu::input
