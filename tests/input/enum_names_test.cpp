#include "input/enum_names.h"

#include <catch2/catch.hpp>

namespace jiuzhu {
namespace {

// Every spelling parses back to the value that prints it.
template <class E>
void CheckRoundTrip(const std::vector<std::string_view>& names, std::optional<E> (*parse)(std::string_view)) {
  for (std::string_view name : names) {
    INFO(name);
    const std::optional<E> value = parse(name);
    REQUIRE(value.has_value());
    CHECK(Name(*value) == name);
  }
}

TEST_CASE("Enum names use the contract's spelling and round-trip", "[input][enum]") {
  CHECK(Name(Relation::kChildInLaw) == "child_in_law");
  CHECK(Name(IncomeKind::kBasicPension) == "basic_pension");
  CHECK(Name(IncomeKind::kOldAgeAllowance) == "old_age_allowance");
  CHECK(Name(SchoolLevel::kSeniorSecondary) == "senior_secondary");
  CHECK(Name(VehicleKind::kFarmMachinery) == "farm_machinery");
  CHECK(Name(kObligorIntellectualOrMentalGrade3) == "intellectual_or_mental_grade3");
  CHECK(Name(SelfCare::kNone) == "none");
  CHECK(Name(HousePurpose::kCommercial) == "commercial");
  CHECK(Name(ObligorRelation::kGrandparent) == "grandparent");
  CHECK(IncomeKindNames().size() == static_cast<size_t>(kIncomeKindCount));
  CheckRoundTrip(HukouNames(), ParseHukou);
  CheckRoundTrip(SexNames(), ParseSex);
  CheckRoundTrip(RelationNames(), ParseRelation);
  CheckRoundTrip(SchoolLevelNames(), ParseSchoolLevel);
  CheckRoundTrip(DisabilityCategoryNames(), ParseDisabilityCategory);
  CheckRoundTrip(SelfCareNames(), ParseSelfCare);
  CheckRoundTrip(IncomeKindNames(), ParseIncomeKind);
  CheckRoundTrip(VehicleKindNames(), ParseVehicleKind);
  CheckRoundTrip(HousePurposeNames(), ParseHousePurpose);
  CheckRoundTrip(ObligorRelationNames(), ParseObligorRelation);
  CheckRoundTrip(ObligorStatusNames(), ParseObligorStatus);
  CHECK_FALSE(ParseSchoolLevel("none"));
  CHECK_FALSE(ParseSelfCare("unknown"));
  CHECK(ParseSelfCare("none") == SelfCare::kNone);
  CHECK_FALSE(ParseRelation("Head"));
  CHECK(IsEnrolmentProgram("disability_care"));
  CHECK_FALSE(IsEnrolmentProgram("edge"));
}

}  // namespace
}  // namespace jiuzhu
