// Contract spellings (shared/spec/household.md) of the enums in household.h, both ways. The reader parses with
// these and the rule engine names values with them, so a spelling lives in one place (enum_names.cpp).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "jiuzhu/household.h"

namespace jiuzhu {

std::string_view Name(Hukou value);
std::string_view Name(Sex value);
std::string_view Name(Relation value);
std::string_view Name(SchoolLevel value);  // kNone -> "none" (null in the contract)
std::string_view Name(DisabilityCategory value);
std::string_view Name(SelfCare value);  // kUnknown -> "unknown" (field absent in the contract)
std::string_view Name(IncomeKind value);
std::string_view Name(VehicleKind value);
std::string_view Name(HousePurpose value);
std::string_view Name(ObligorRelation value);
std::string_view Name(ObligorStatusBit value);  // one bit; "" for anything else

// nullopt when the text is not one of the contract's spellings (exact, case-sensitive).
std::optional<Hukou> ParseHukou(std::string_view text);
std::optional<Sex> ParseSex(std::string_view text);
std::optional<Relation> ParseRelation(std::string_view text);
std::optional<SchoolLevel> ParseSchoolLevel(std::string_view text);  // never kNone: that is null
std::optional<DisabilityCategory> ParseDisabilityCategory(std::string_view text);
std::optional<SelfCare> ParseSelfCare(std::string_view text);  // never kUnknown: that is absence
std::optional<IncomeKind> ParseIncomeKind(std::string_view text);
std::optional<VehicleKind> ParseVehicleKind(std::string_view text);
std::optional<HousePurpose> ParseHousePurpose(std::string_view text);
std::optional<ObligorRelation> ParseObligorRelation(std::string_view text);
std::optional<ObligorStatusBit> ParseObligorStatus(std::string_view text);
bool IsEnrolmentProgram(std::string_view text);  // dibao, tekun, disability_living, disability_care

// The accepted spellings in contract order, for messages and "did you mean".
const std::vector<std::string_view>& HukouNames();
const std::vector<std::string_view>& SexNames();
const std::vector<std::string_view>& RelationNames();
const std::vector<std::string_view>& SchoolLevelNames();
const std::vector<std::string_view>& DisabilityCategoryNames();
const std::vector<std::string_view>& SelfCareNames();
const std::vector<std::string_view>& IncomeKindNames();
const std::vector<std::string_view>& VehicleKindNames();
const std::vector<std::string_view>& HousePurposeNames();
const std::vector<std::string_view>& ObligorRelationNames();
const std::vector<std::string_view>& ObligorStatusNames();
const std::vector<std::string_view>& EnrolmentProgramNames();

}  // namespace jiuzhu
