#include "input/enum_names.h"

#include <cstddef>
#include <iterator>
#include <span>

namespace jiuzhu {
namespace {

// Spellings indexed by enum value; constant-initialised so other files' static initialisers may use them. Where the enum has a value the contract writes as null/absence (SchoolLevel,
// SelfCare), that value comes first and is not parseable: kFirstParsed skips it.
constexpr std::string_view kHukou[] = {"urban", "rural"};
constexpr std::string_view kSex[] = {"male", "female"};
constexpr std::string_view kRelation[] = {"head",        "spouse",  "child",        "parent", "grandchild",
                                                 "grandparent", "sibling", "child_in_law", "other"};
constexpr std::string_view kSchoolLevel[] = {"none", "compulsory", "senior_secondary", "undergraduate",
                                                    "postgraduate"};
constexpr std::string_view kDisabilityCategory[] = {"visual",       "hearing", "speech",  "physical",
                                                           "intellectual", "mental",  "multiple"};
constexpr std::string_view kSelfCare[] = {"unknown", "full", "partial", "none"};
constexpr std::string_view kIncomeKind[] = {
    "wage",        "business",   "property", "support",            "pension",           "basic_pension",
    "special_care", "family_planning", "scholarship", "assistance", "award", "disability_subsidy",
    "old_age_allowance", "other"};
constexpr std::string_view kVehicleKind[] = {"car",      "truck",          "motorcycle",
                                                    "tricycle", "farm_machinery", "other"};
constexpr std::string_view kHousePurpose[] = {"residence", "commercial", "other"};
constexpr std::string_view kObligorRelation[] = {"child",       "spouse",     "parent",
                                                        "grandchild", "grandparent", "sibling"};
// Bit i of ObligorStatusBit.
constexpr std::string_view kObligorStatus[] = {
    "tekun", "dibao", "severe_disability", "intellectual_or_mental_grade3", "no_civil_capacity",
    "declared_missing", "imprisoned"};
constexpr std::string_view kEnrolmentProgram[] = {"dibao", "tekun", "disability_living",
                                                         "disability_care"};


template <class E>
std::string_view At(std::span<const std::string_view> table, E value) {
  const auto index = static_cast<size_t>(value);
  return index < table.size() ? table[index] : std::string_view();
}

template <class E>
std::optional<E> Find(std::span<const std::string_view> table, std::string_view text, size_t first = 0) {
  for (size_t i = first; i < table.size(); ++i) {
    if (table[i] == text) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view Name(Hukou value) { return At(kHukou, value); }
std::string_view Name(Sex value) { return At(kSex, value); }
std::string_view Name(Relation value) { return At(kRelation, value); }
std::string_view Name(SchoolLevel value) { return At(kSchoolLevel, value); }
std::string_view Name(DisabilityCategory value) { return At(kDisabilityCategory, value); }
std::string_view Name(SelfCare value) { return At(kSelfCare, value); }
std::string_view Name(IncomeKind value) { return At(kIncomeKind, value); }
std::string_view Name(VehicleKind value) { return At(kVehicleKind, value); }
std::string_view Name(HousePurpose value) { return At(kHousePurpose, value); }
std::string_view Name(ObligorRelation value) { return At(kObligorRelation, value); }

std::string_view Name(ObligorStatusBit value) {
  for (size_t i = 0; i < std::size(kObligorStatus); ++i) {
    if (static_cast<unsigned>(value) == (1u << i)) return kObligorStatus[i];
  }
  return {};
}

std::optional<Hukou> ParseHukou(std::string_view text) { return Find<Hukou>(kHukou, text); }
std::optional<Sex> ParseSex(std::string_view text) { return Find<Sex>(kSex, text); }
std::optional<Relation> ParseRelation(std::string_view text) { return Find<Relation>(kRelation, text); }
std::optional<SchoolLevel> ParseSchoolLevel(std::string_view text) {
  return Find<SchoolLevel>(kSchoolLevel, text, 1);
}
std::optional<DisabilityCategory> ParseDisabilityCategory(std::string_view text) {
  return Find<DisabilityCategory>(kDisabilityCategory, text);
}
std::optional<SelfCare> ParseSelfCare(std::string_view text) { return Find<SelfCare>(kSelfCare, text, 1); }
std::optional<IncomeKind> ParseIncomeKind(std::string_view text) { return Find<IncomeKind>(kIncomeKind, text); }
std::optional<VehicleKind> ParseVehicleKind(std::string_view text) {
  return Find<VehicleKind>(kVehicleKind, text);
}
std::optional<HousePurpose> ParseHousePurpose(std::string_view text) {
  return Find<HousePurpose>(kHousePurpose, text);
}
std::optional<ObligorRelation> ParseObligorRelation(std::string_view text) {
  return Find<ObligorRelation>(kObligorRelation, text);
}
std::optional<ObligorStatusBit> ParseObligorStatus(std::string_view text) {
  for (size_t i = 0; i < std::size(kObligorStatus); ++i) {
    if (kObligorStatus[i] == text) return static_cast<ObligorStatusBit>(1u << i);
  }
  return std::nullopt;
}
bool IsEnrolmentProgram(std::string_view text) {
  return Find<size_t>(kEnrolmentProgram, text).has_value();
}

const std::vector<std::string_view>& HukouNames() {
  static const std::vector<std::string_view> names(std::begin(kHukou), std::end(kHukou));
  return names;
}
const std::vector<std::string_view>& SexNames() {
  static const std::vector<std::string_view> names(std::begin(kSex), std::end(kSex));
  return names;
}
const std::vector<std::string_view>& RelationNames() {
  static const std::vector<std::string_view> names(std::begin(kRelation), std::end(kRelation));
  return names;
}
const std::vector<std::string_view>& SchoolLevelNames() {
  static const std::vector<std::string_view> names(std::begin(kSchoolLevel) + 1, std::end(kSchoolLevel));
  return names;
}
const std::vector<std::string_view>& DisabilityCategoryNames() {
  static const std::vector<std::string_view> names(std::begin(kDisabilityCategory), std::end(kDisabilityCategory));
  return names;
}
const std::vector<std::string_view>& SelfCareNames() {
  static const std::vector<std::string_view> names(std::begin(kSelfCare) + 1, std::end(kSelfCare));
  return names;
}
const std::vector<std::string_view>& IncomeKindNames() {
  static const std::vector<std::string_view> names(std::begin(kIncomeKind), std::end(kIncomeKind));
  return names;
}
const std::vector<std::string_view>& VehicleKindNames() {
  static const std::vector<std::string_view> names(std::begin(kVehicleKind), std::end(kVehicleKind));
  return names;
}
const std::vector<std::string_view>& HousePurposeNames() {
  static const std::vector<std::string_view> names(std::begin(kHousePurpose), std::end(kHousePurpose));
  return names;
}
const std::vector<std::string_view>& ObligorRelationNames() {
  static const std::vector<std::string_view> names(std::begin(kObligorRelation), std::end(kObligorRelation));
  return names;
}
const std::vector<std::string_view>& ObligorStatusNames() {
  static const std::vector<std::string_view> names(std::begin(kObligorStatus), std::end(kObligorStatus));
  return names;
}
const std::vector<std::string_view>& EnrolmentProgramNames() {
  static const std::vector<std::string_view> names(std::begin(kEnrolmentProgram), std::end(kEnrolmentProgram));
  return names;
}

}  // namespace jiuzhu
