#include "jiuzhu/household_reader.h"

#include <catch2/catch.hpp>

#include <string>

#include "input/enum_names.h"
#include "household_dump.h"  // tests/input/, beside this file

namespace jiuzhu {
namespace {

using testing::DumpHousehold;

// Every field of the contract, once. Ids: 510502198001010013 (male, 1980-01-01), 510502198203150022 (female,
// 1982-03-15), 51050219550505004x (female, 1955-05-05, lower-case check character), 510502197508080067.
constexpr std::string_view kFullJson = R"({
  "id": "H0001", "region": "510502003", "hukou": "rural", "grid": "G-07",
  "members": [
    {"id": "510502198001010013", "name": "王建国", "relation": "head", "birth_date": "1980-01-01", "sex": "male",
     "school_level": null, "imprisoned": false, "compulsory_rehab": false, "declared_missing": false,
     "religious_away_years": 0.5, "serious_illness": true, "self_care": "partial", "institutional_care": false,
     "orphan_support": false, "work_injury_care_fee": true, "other_care_allowance": 80.5,
     "incomes": [{"kind": "wage", "monthly": 620.10, "irregular": true},
                 {"kind": "basic_pension", "monthly": 153}]},
    {"id": "510502198203150022", "name": "李秀英", "relation": "spouse",
     "disability": {"category": "intellectual", "grade": 3, "certificate": "51050219820315002243",
                    "needs_long_term_care": true}},
    {"id": "51050219550505004x", "name": "Émilie 张", "relation": "parent", "deceased_on": "2024-03-01",
     "disability": {"category": "visual", "grade": 1}, "school_level": "postgraduate"}
  ],
  "assets": {"deposits": 12000.55, "securities": 0, "businesses": 1, "public_payroll": false,
             "vehicles": [{"kind": "farm_machinery", "value": 8000, "for_disability": false}],
             "houses": [{"area_m2": 75.25, "purpose": "residence"}]},
  "expenses": {"medical_self_paid": 3000.5, "education": 0},
  "obligors": [{"id": "510502197508080067", "relation": "sibling", "monthly_income": 4000,
                "assets_within_limits": true, "status": ["dibao", "intellectual_or_mental_grade3"]}],
  "enrolments": [
    {"program": "dibao", "member": null, "since": "2023-01-01", "monthly": 620.10, "last_review": "2024-01-01",
     "phase_out_until": "2025-06-30"},
    {"program": "disability_care", "member": "510502198203150022", "since": "2022-05-01", "monthly": 100}
  ],
  "ext": {"note": "说明 \"quoted\"", "score": 1.50, "tags": [true, null, 2]}
})";

// The same household in YAML: plain ids and regions, a lower-case x, ~ for null.
constexpr std::string_view kFullYaml = R"(
id: H0001
region: 510502003
hukou: rural
grid: G-07
members:
  - id: 510502198001010013
    name: 王建国
    relation: head
    birth_date: 1980-01-01
    sex: male
    school_level: ~
    imprisoned: false
    compulsory_rehab: false
    declared_missing: false
    religious_away_years: 0.5
    serious_illness: true
    self_care: partial
    institutional_care: false
    orphan_support: false
    work_injury_care_fee: true
    other_care_allowance: 80.5
    incomes:
      - {kind: wage, monthly: 620.10, irregular: true}
      - {kind: basic_pension, monthly: 153}
  - id: "510502198203150022"
    name: 李秀英
    relation: spouse
    disability: {category: intellectual, grade: 3, certificate: "51050219820315002243", needs_long_term_care: true}
  - id: 51050219550505004x
    name: "Émilie 张"
    relation: parent
    deceased_on: 2024-03-01
    disability: {category: visual, grade: 1}
    school_level: postgraduate
assets:
  deposits: 12000.55
  securities: 0
  businesses: 1
  public_payroll: false
  vehicles: [{kind: farm_machinery, value: 8000, for_disability: false}]
  houses: [{area_m2: 75.25, purpose: residence}]
expenses: {medical_self_paid: 3000.5, education: 0}
obligors:
  - id: 510502197508080067
    relation: sibling
    monthly_income: 4000
    assets_within_limits: true
    status: [dibao, intellectual_or_mental_grade3]
enrolments:
  - {program: dibao, member: null, since: 2023-01-01, monthly: 620.10, last_review: 2024-01-01,
     phase_out_until: 2025-06-30}
  - {program: disability_care, member: 510502198203150022, since: 2022-05-01, monthly: 100}
ext: {note: "说明 \"quoted\"", score: 1.50, tags: [true, ~, 2]}
)";

// A minimal valid household with one member; tests splice a field into it.
std::string Minimal(std::string_view member_extra = "", std::string_view household_extra = "") {
  std::string s = R"({"id": "H9", "region": "510502", "hukou": "urban", "members": [{"id": "510502198001010013",
    "name": "王建国", "relation": "head")";
  s += member_extra;
  s += "}]";
  s += household_extra;
  s += "}";
  return s;
}

std::string Replace(std::string text, std::string_view from, std::string_view to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

ReadResult ReadJson(std::string_view json, Household& out) {
  HouseholdReader reader;
  return reader.ReadJson(json, out);
}

std::string Codes(const ReadResult& r) {
  std::string s;
  for (const HouseholdError& e : r.errors) s += e.path + " " + e.code + "\n";
  return s;
}

std::string IssueCodes(const Household& h) {
  std::string s;
  for (const DataIssue& d : h.input_issues) s += d.path + " " + d.code + "\n";
  return s;
}

TEST_CASE("A full household is read field by field", "[input]") {
  Household h;
  const ReadResult r = ReadJson(kFullJson, h);
  INFO(Codes(r));
  REQUIRE(r.ok);
  CHECK(r.household_id == "H0001");
  CHECK(h.region == "510502003");
  CHECK(h.hukou == Hukou::kRural);
  CHECK(h.grid == "G-07");
  REQUIRE(h.members.size() == 3);
  const Member& head = h.members[0];
  CHECK(head.name == "王建国");
  CHECK(head.birth_date == Date::FromYmd(1980, 1, 1));
  CHECK(head.sex == Sex::kMale);
  CHECK(head.school_level == SchoolLevel::kNone);
  CHECK(head.religious_away_years == Num::Ratio(1, 2));
  CHECK(head.serious_illness);
  CHECK(head.self_care == SelfCare::kPartial);
  CHECK(head.work_injury_care_fee);
  CHECK(head.other_care_allowance == Num::Fen(8050));
  REQUIRE(head.incomes.size() == 2);
  CHECK(head.incomes[0].kind == IncomeKind::kWage);
  CHECK(head.incomes[0].monthly == Num::Fen(62010));
  CHECK(head.incomes[0].irregular);
  CHECK(head.incomes[1].kind == IncomeKind::kBasicPension);
  CHECK(head.incomes[1].monthly == Num::Int(153));
  const Member& spouse = h.members[1];
  CHECK(spouse.sex == Sex::kFemale);
  REQUIRE(spouse.disability);
  CHECK(spouse.disability->category == DisabilityCategory::kIntellectual);
  CHECK(spouse.disability->grade == 3);
  CHECK(spouse.disability->certificate == "51050219820315002243");
  CHECK(spouse.disability->needs_long_term_care);
  const Member& parent = h.members[2];
  CHECK(parent.id == "51050219550505004X");
  CHECK(parent.name == "Émilie 张");
  CHECK(parent.deceased_on == Date::FromYmd(2024, 3, 1));
  CHECK(parent.disability->needs_long_term_care);  // default for grade 1
  CHECK(parent.school_level == SchoolLevel::kPostgraduate);
  CHECK(h.assets.deposits == Num::Fen(1200055));
  CHECK(h.assets.businesses == 1);
  REQUIRE(h.assets.vehicles.size() == 1);
  CHECK(h.assets.vehicles[0].kind == VehicleKind::kFarmMachinery);
  CHECK(h.assets.houses[0].area_m2 == Num::Fen(7525));
  CHECK(h.expenses.medical_self_paid == Num::Fen(300050));
  REQUIRE(h.obligors.size() == 1);
  CHECK(h.obligors[0].birth_date == Date::FromYmd(1975, 8, 8));
  CHECK(h.obligors[0].monthly_income == Num::Int(4000));
  CHECK(h.obligors[0].assets_within_limits == true);
  CHECK(h.obligors[0].status == (kObligorDibao | kObligorIntellectualOrMentalGrade3));
  REQUIRE(h.enrolments.size() == 2);
  CHECK(h.enrolments[0].member.empty());
  CHECK(h.enrolments[0].last_review == Date::FromYmd(2024, 1, 1));
  CHECK(h.enrolments[0].phase_out_until == Date::FromYmd(2025, 6, 30));
  CHECK(h.enrolments[1].member == "510502198203150022");
  CHECK(h.enrolments[1].last_review == Date::FromYmd(2022, 5, 1));  // defaults to since
  CHECK(h.ext_json == R"({"note":"说明 \"quoted\"","score":1.50,"tags":[true,null,2]})");
  CHECK(h.input_issues.empty());
}

TEST_CASE("JSON and YAML of one household give equal Households", "[input]") {
  HouseholdReader reader;
  Household from_json;
  Household from_yaml;
  const ReadResult rj = reader.ReadJson(kFullJson, from_json);
  const ReadResult ry = reader.ReadYaml(kFullYaml, from_yaml);
  INFO(Codes(ry));
  REQUIRE(rj.ok);
  REQUIRE(ry.ok);
  CHECK(ry.household_id == "H0001");
  CHECK(DumpHousehold(from_yaml) == DumpHousehold(from_json));
}

TEST_CASE("Defaults are filled from the contract", "[input]") {
  Household h;
  const ReadResult r = ReadJson(Minimal(R"(, "disability": {"category": "physical", "grade": 2})",
                                        R"(, "enrolments": [{"program": "tekun", "since": "2020-02-29", "monthly": 0}])"),
                                h);
  INFO(Codes(r));
  REQUIRE(r.ok);
  const Member& m = h.members[0];
  CHECK(m.birth_date == Date::FromYmd(1980, 1, 1));
  CHECK(m.sex == Sex::kMale);
  CHECK(m.self_care == SelfCare::kUnknown);
  CHECK(m.school_level == SchoolLevel::kNone);
  CHECK_FALSE(m.imprisoned);
  CHECK(m.religious_away_years.IsZero());
  CHECK_FALSE(m.deceased_on.has_value());
  CHECK(m.disability->needs_long_term_care);  // grade 2
  CHECK(m.disability->certificate.empty());
  CHECK(h.grid.empty());
  CHECK(h.ext_json.empty());
  CHECK(h.assets.vehicles.empty());
  CHECK(h.enrolments[0].last_review == Date::FromYmd(2020, 2, 29));
  CHECK_FALSE(h.enrolments[0].phase_out_until.has_value());

  Household h3;
  REQUIRE(ReadJson(Minimal(R"(, "disability": {"category": "mental", "grade": 3})"), h3).ok);
  CHECK_FALSE(h3.members[0].disability->needs_long_term_care);
}

TEST_CASE("Optional fields given as null count as absent", "[input]") {
  Household h;
  const ReadResult r = ReadJson(
      Minimal(R"(, "deceased_on": null, "disability": null, "sex": null, "self_care": null, "incomes": null)",
              R"(, "grid": null, "assets": null, "obligors": [{"id": "510502197508080067", "relation": "child",
                  "monthly_income": null, "assets_within_limits": null}], "ext": null)"),
      h);
  INFO(Codes(r));
  REQUIRE(r.ok);
  CHECK_FALSE(h.members[0].disability.has_value());
  CHECK_FALSE(h.obligors[0].monthly_income.has_value());
  CHECK_FALSE(h.obligors[0].assets_within_limits.has_value());
}

TEST_CASE("Money keeps its source text exactly", "[input]") {
  auto monthly = [](std::string_view text) {
    Household h;
    const ReadResult r = ReadJson(Minimal(std::string(R"(, "incomes": [{"kind": "wage", "monthly": )") +
                                          std::string(text) + "}]"),
                                  h);
    return std::make_pair(r, r.ok ? h.members[0].incomes[0].monthly : Num::Invalid());
  };
  CHECK(monthly("620.10").second == Num::Fen(62010));
  CHECK(monthly("0.1").second == Num::Fen(10));
  CHECK(monthly("0.30").second == Num::Fen(30));
  CHECK(monthly("1e2").second == Num::Int(100));
  CHECK(monthly("6.2015e2").second == Num::Fen(62015));
  CHECK(monthly("1.500").second == Num::Fen(150));  // trailing zeros are not decimals
  CHECK(monthly("999999999999.99").second == Num::Fen(99999999999999));
  CHECK(monthly("0").second.IsZero());
  CHECK(monthly("-0").second.IsZero());
  for (std::string_view bad : {"0.125", "0.30000000000000004", "1.005", "12.3456e1", "1e-3"}) {
    INFO(bad);
    CHECK(Codes(monthly(bad).first) == "members[0].incomes[0].monthly too_many_decimals\n");
  }
  for (std::string_view big : {"1000000000000", "1e12", "99999999999999999", "1e300"}) {
    INFO(big);
    CHECK(Codes(monthly(big).first) == "members[0].incomes[0].monthly too_large\n");
  }
  CHECK(Codes(monthly("-0.01").first) == "members[0].incomes[0].monthly negative\n");
}

TEST_CASE("Non-money quantities allow more decimals but not negatives", "[input]") {
  Household h;
  REQUIRE(ReadJson(Minimal(R"(, "religious_away_years": 2.375)",
                           R"(, "assets": {"houses": [{"area_m2": 60.125, "purpose": "other"}]})"),
                   h)
              .ok);
  CHECK(h.members[0].religious_away_years == Num::Ratio(19, 8));
  CHECK(h.assets.houses[0].area_m2 == Num::Ratio(481, 8));
  CHECK(Codes(ReadJson(Minimal(R"(, "religious_away_years": -1)"), h)) ==
        "members[0].religious_away_years negative\n");
}

TEST_CASE("Every violation is collected in document order", "[input]") {
  Household h;
  const ReadResult r = ReadJson(R"({
    "id": "H7", "region": "5105", "hukou": "town",
    "members": [
      {"id": "110105194912310021", "name": 5, "relation": "wife", "colour": "red",
       "incomes": [{"kind": "wage", "monthly": -3}, {"monthly": 0.001}]},
      {"id": "510502198001010013", "name": "甲", "relation": "head", "disability": {"category": "physical", "grade": 7}}
    ],
    "assets": {"deposits": "many", "businesses": 0.5},
    "enrolments": [{"program": "dibao", "since": "2024-13-01"}],
    "extra": 1
  })",
                                h);
  CHECK_FALSE(r.ok);
  CHECK(r.household_id == "H7");
  CHECK(Codes(r) ==
        "region bad_region\n"
        "hukou bad_enum\n"
        "members[0].id bad_check_digit\n"
        "members[0].name wrong_type\n"
        "members[0].relation bad_enum\n"
        "members[0].colour unknown_field\n"
        "members[0].incomes[0].monthly negative\n"
        "members[0].incomes[1].monthly too_many_decimals\n"
        "members[0].incomes[1].kind missing_field\n"
        "members[1].disability.grade bad_grade\n"
        "assets.deposits wrong_type\n"
        "assets.businesses wrong_type\n"
        "enrolments[0].since bad_date\n"
        "enrolments[0].monthly missing_field\n"
        "extra unknown_field\n");
}

TEST_CASE("Messages name the path, what was found and what was expected", "[input]") {
  Household h;
  ReadResult r = ReadJson(Replace(Minimal(), "510502198001010013", "110105194912310021"), h);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "members[0].id: 身份证号校验位应为 X，实为 1 (check digit should be X, found 1)");

  r = ReadJson(Replace(Minimal(), R"("relation": "head")", R"("relation": "wife")"), h);
  REQUIRE(r.errors.size() == 1);
  const std::string& message = r.errors[0].message;
  CHECK(message.starts_with("members[0].relation: 未知取值 \"wife\"，应为 head、spouse、child、"));
  CHECK(message.find("(unknown value \"wife\", expected one of head, spouse, child, parent") != std::string::npos);

  r = ReadJson(Minimal(R"(, "nmae": "x")"), h);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].path == "members[0].nmae");
  CHECK(r.errors[0].message.find("did you mean 'name'?") != std::string::npos);

  r = ReadJson(Minimal(R"(, "incomes": [{"kind": "wage", "monthly": "100"}])"), h);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message ==
        "members[0].incomes[0].monthly: 类型错误，应为数字，实为字符串 \"100\" (wrong type: expected number, found "
        "string \"100\")");
}

TEST_CASE("Document-level rejections", "[input]") {
  Household h;
  ReadResult r = ReadJson(R"({"id": "H1", )", h);
  CHECK(Codes(r) == " bad_json\n");
  CHECK(r.household_id.empty());
  CHECK(Codes(ReadJson("", h)) == " bad_json\n");
  CHECK(Codes(ReadJson("[1]", h)) == " not_object\n");
  CHECK(Codes(ReadJson("\"H1\"", h)) == " not_object\n");
  r = ReadJson(R"({"id": 7, "region": "510502", "hukou": "urban", "members": []})", h);
  CHECK(Codes(r) == "id wrong_type\nmembers no_members\n");
  CHECK(r.household_id.empty());
  CHECK(Codes(ReadJson("{}", h)) ==
        "id missing_field\nregion missing_field\nhukou missing_field\nmembers missing_field\n");
  // A byte order mark is not an error.
  CHECK(ReadJson("\xEF\xBB\xBF" + Minimal(), h).ok);
}

TEST_CASE("Ids: format, birth date, check digit, duplicates", "[input]") {
  Household h;
  auto with_id = [&](std::string_view id) {
    return Codes(ReadJson(Replace(Minimal(), "510502198001010013", id), h));
  };
  CHECK(with_id("11010519491231002X") == "");
  CHECK(with_id("11010519491231002x") == "");
  CHECK(h.members[0].id == "11010519491231002X");
  CHECK(h.members[0].sex == Sex::kFemale);
  CHECK(with_id("440524188001010014") == "");
  CHECK(h.members[0].birth_date == Date::FromYmd(1880, 1, 1));
  CHECK(with_id("110105194912310021") == "members[0].id bad_check_digit\n");
  CHECK(with_id("11010519491231002") == "members[0].id bad_id\n");
  CHECK(with_id("1101051949123100211") == "members[0].id bad_id\n");
  CHECK(with_id("11010519491231002Y") == "members[0].id bad_id\n");
  CHECK(with_id("X10105194912310021") == "members[0].id bad_id\n");
  CHECK(with_id("51050219490230001X") == "members[0].id bad_birth_date\n");
  CHECK(with_id("510502194902300011") == "members[0].id bad_birth_date\n");  // date first, then check digit

  const ReadResult r = ReadJson(Minimal("", R"(, "obligors": [{"id": "510502197508080068", "relation": "child"}])"), h);
  CHECK(Codes(r) == "obligors[0].id bad_check_digit\n");

  const ReadResult dup = ReadJson(R"({"id": "H1", "region": "510502", "hukou": "urban", "members": [
      {"id": "51050219550505004X", "name": "a", "relation": "head"},
      {"id": "510502198001010013", "name": "b", "relation": "child"},
      {"id": "51050219550505004x", "name": "c", "relation": "spouse"}]})",
                                  h);
  CHECK(Codes(dup) == "members[2].id duplicate_member\n");
}

TEST_CASE("Regions, enums, grades, integers", "[input]") {
  Household h;
  auto with_region = [&](std::string_view region) {
    return Codes(ReadJson(Replace(Minimal(), "\"510502\"", region), h));
  };
  CHECK(with_region("\"510502\"") == "");
  CHECK(with_region("\"510502003\"") == "");
  CHECK(with_region("\"510502003001\"") == "");
  CHECK(with_region("\"5105020\"") == "region bad_region\n");
  CHECK(with_region("\"51050a\"") == "region bad_region\n");
  CHECK(with_region("510502") == "region wrong_type\n");  // JSON: a number is not a string

  CHECK(Codes(ReadJson(Minimal(R"(, "disability": {"category": "physical", "grade": 4.0})"), h)) == "");
  CHECK(h.members[0].disability->grade == 4);
  CHECK(Codes(ReadJson(Minimal(R"(, "disability": {"category": "physical", "grade": -1})"), h)) ==
        "members[0].disability.grade bad_grade\n");
  CHECK(Codes(ReadJson(Minimal(R"(, "disability": {"category": "physical", "grade": "2"})"), h)) ==
        "members[0].disability.grade wrong_type\n");
  CHECK(Codes(ReadJson(Minimal(R"(, "disability": {"category": "heart", "grade": 2})"), h)) ==
        "members[0].disability.category bad_enum\n");
  CHECK(Codes(ReadJson(Minimal(R"(, "disability": {"grade": 2})"), h)) ==
        "members[0].disability.category missing_field\n");
  CHECK(Codes(ReadJson(Minimal("", R"(, "assets": {"businesses": -2})"), h)) == "assets.businesses negative\n");
  CHECK(Codes(ReadJson(Minimal("", R"(, "assets": {"businesses": 3})"), h)) == "");
  CHECK(h.assets.businesses == 3);
  CHECK(Codes(ReadJson(Minimal("", R"(, "obligors": [{"id": "510502197508080067", "relation": "cousin"}])"), h)) ==
        "obligors[0].relation bad_enum\n");
  CHECK(Codes(ReadJson(Minimal(R"(, "imprisoned": 0)"), h)) == "members[0].imprisoned wrong_type\n");
  CHECK(Codes(ReadJson(Minimal(R"(, "self_care": "unknown")"), h)) == "members[0].self_care bad_enum\n");
  CHECK(Codes(ReadJson(Minimal(R"(, "school_level": "none")"), h)) == "members[0].school_level bad_enum\n");
  CHECK(Codes(ReadJson(Minimal("", R"(, "ext": {"anything": {"goes": [1, "x"]}})"), h)) == "");
  CHECK(h.ext_json == R"({"anything":{"goes":[1,"x"]}})");
}

TEST_CASE("Data issues do not reject the household", "[input]") {
  Household h;
  ReadResult r = ReadJson(Minimal(R"(, "birth_date": "1980-01-02", "sex": "female")"), h);
  REQUIRE(r.ok);
  CHECK(IssueCodes(h) == "members[0].birth_date birth_date_mismatch\nmembers[0].sex sex_mismatch\n");
  CHECK(h.members[0].birth_date == Date::FromYmd(1980, 1, 1));
  CHECK(h.members[0].sex == Sex::kMale);
  CHECK(h.input_issues[0].message ==
        "members[0].birth_date: 出生日期 1980-01-02 与身份证号中的 1980-01-01 不一致，采用身份证号 (birth_date "
        "1980-01-02 differs from 1980-01-01 in the id; the id's date is used)");

  r = ReadJson(R"({"id": "H1", "region": "510502", "hukou": "urban", "members": [
      {"id": "510502198001010013", "name": "a", "relation": "child"}]})",
               h);
  REQUIRE(r.ok);
  CHECK(IssueCodes(h) == "members no_head\n");

  r = ReadJson(R"({"id": "H1", "region": "510502", "hukou": "urban", "members": [
      {"id": "510502198001010013", "name": "a", "relation": "head"},
      {"id": "510502198203150022", "name": "b", "relation": "head"},
      {"id": "51050219550505004X", "name": "c", "relation": "head"}]})",
               h);
  REQUIRE(r.ok);
  CHECK(IssueCodes(h) == "members[1].relation multiple_heads\n");

  r = ReadJson(Minimal("", R"(, "enrolments": [
      {"program": "dibao", "since": "2023-01-01", "monthly": 100},
      {"program": "disability_living", "member": "510502198203150022", "since": "2023-01-01", "monthly": 90},
      {"program": "dibao", "member": null, "since": "2024-01-01", "monthly": 120},
      {"program": "disability_care", "member": "510502198001010013", "since": "2023-01-01", "monthly": 90},
      {"program": "disability_care", "member": "510502198001010013", "since": "2024-01-01", "monthly": 90}])"),
               h);
  REQUIRE(r.ok);
  CHECK(IssueCodes(h) ==
        "enrolments[1].member unknown_enrolment_member\n"
        "enrolments[2] duplicate_enrolment\n"
        "enrolments[4] duplicate_enrolment\n");
}

TEST_CASE("YAML: plain scalars, quoted numbers, nulls, syntax errors", "[input]") {
  HouseholdReader reader;
  Household h;
  const std::string base = "id: H1\nregion: 510502\nhukou: urban\nmembers:\n  - id: 510502198001010013\n"
                           "    name: 王建国\n    relation: head\n";
  ReadResult r = reader.ReadYaml(base, h);
  INFO(Codes(r));
  REQUIRE(r.ok);
  CHECK(h.region == "510502");
  CHECK(h.members[0].id == "510502198001010013");

  r = reader.ReadYaml(base + "    incomes: [{kind: wage, monthly: \"620.10\"}]\n", h);
  CHECK(Codes(r) == "members[0].incomes[0].monthly wrong_type\n");
  r = reader.ReadYaml(base + "    incomes: [{kind: wage, monthly: 620.10}]\n", h);
  REQUIRE(r.ok);
  CHECK(h.members[0].incomes[0].monthly == Num::Fen(62010));
  r = reader.ReadYaml(base + "    incomes: [{kind: wage, monthly: 0.125}]\n", h);
  CHECK(Codes(r) == "members[0].incomes[0].monthly too_many_decimals\n");
  r = reader.ReadYaml(base + "    imprisoned: yes\n", h);
  CHECK(Codes(r) == "members[0].imprisoned wrong_type\n");
  r = reader.ReadYaml(base + "    deceased_on: ~\n    disability: null\n", h);
  CHECK(r.ok);
  r = reader.ReadYaml(Replace(base, "name: 王建国", "name: ~"), h);
  CHECK(Codes(r) == "members[0].name wrong_type\n");
  r = reader.ReadYaml(base + "grdi: x\n", h);
  CHECK(Codes(r) == "grdi unknown_field\n");
  r = reader.ReadYaml("id: [unclosed\n", h);
  CHECK(Codes(r) == " bad_yaml\n");
  r = reader.ReadYaml("", h);
  CHECK(Codes(r) == " not_object\n");
  r = reader.ReadYaml("- a\n- b\n", h);
  CHECK(Codes(r) == " not_object\n");
}

TEST_CASE("A reader is reused without carrying state over", "[input]") {
  HouseholdReader reader;
  Household h;
  REQUIRE(reader.ReadJson(kFullJson, h).ok);
  const std::string first = DumpHousehold(h);
  const ReadResult bad = reader.ReadJson(R"({"id": "H2"})", h);
  CHECK_FALSE(bad.ok);
  CHECK(bad.household_id == "H2");
  const ReadResult minimal = reader.ReadJson(Minimal(), h);
  REQUIRE(minimal.ok);
  CHECK(h.members.size() == 1);
  CHECK(h.enrolments.empty());
  CHECK(h.ext_json.empty());
  REQUIRE(reader.ReadJson(kFullJson, h).ok);
  CHECK(DumpHousehold(h) == first);
}

TEST_CASE("Household::Clear empties everything", "[input]") {
  Household h;
  REQUIRE(ReadJson(kFullJson, h).ok);
  h.input_issues.push_back({"x", "y", "z"});
  const size_t capacity = h.members.capacity();
  h.Clear();
  Household empty;
  CHECK(DumpHousehold(h) == DumpHousehold(empty));
  CHECK(h.members.capacity() == capacity);
}

}  // namespace
}  // namespace jiuzhu
