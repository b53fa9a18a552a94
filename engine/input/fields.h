// Field names of each object of the household contract (household.md), in contract order. The enums index the
// tables; `required` has bit i set when field i is required.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace jiuzhu::input {

struct FieldTable {
  std::vector<std::string_view> names;  // a vector because base::DidYouMean takes one
  uint32_t required = 0;

  // Index of `name`, or -1.
  int Find(std::string_view name) const {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return static_cast<int>(i);
    }
    return -1;
  }
};

enum HouseholdField { kHhId, kHhRegion, kHhHukou, kHhGrid, kHhMembers, kHhAssets, kHhExpenses, kHhObligors,
                      kHhEnrolments, kHhExt };
enum MemberField { kMId, kMName, kMRelation, kMBirthDate, kMSex, kMSchoolLevel, kMImprisoned, kMCompulsoryRehab,
                   kMDeclaredMissing, kMReligiousAwayYears, kMDeceasedOn, kMDisability, kMSeriousIllness,
                   kMSelfCare, kMInstitutionalCare, kMOrphanSupport, kMWorkInjuryCareFee, kMOtherCareAllowance,
                   kMIncomes };
enum DisabilityField { kDCategory, kDGrade, kDCertificate, kDNeedsLongTermCare };
enum IncomeField { kIKind, kIMonthly, kIIrregular };
enum AssetsField { kADeposits, kASecurities, kAVehicles, kAHouses, kABusinesses, kAPublicPayroll };
enum VehicleField { kVKind, kVValue, kVForDisability };
enum HouseField { kHoAreaM2, kHoPurpose };
enum ExpensesField { kEMedicalSelfPaid, kEEducation };
enum ObligorField { kOId, kORelation, kOMonthlyIncome, kOAssetsWithinLimits, kOStatus };
enum EnrolmentField { kEnProgram, kEnMember, kEnSince, kEnMonthly, kEnLastReview, kEnPhaseOutUntil };

const FieldTable& HouseholdFields();
const FieldTable& MemberFields();
const FieldTable& DisabilityFields();
const FieldTable& IncomeFields();
const FieldTable& AssetsFields();
const FieldTable& VehicleFields();
const FieldTable& HouseFields();
const FieldTable& ExpensesFields();
const FieldTable& ObligorFields();
const FieldTable& EnrolmentFields();

}  // namespace jiuzhu::input
