// The evaluator on tiny packs: one household program whose single rule tests the expression under test.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "jiuzhu/engine.h"
#include "jiuzhu/household_reader.h"
#include "check/catalog.h"
#include "eval/value.h"

namespace fs = std::filesystem;
using jiuzhu::Outcome;

namespace {

const char* kPackTemplate = R"(pack: mini
regions:
  - {code: "510500", name: 泸州市}
  - {code: "540000", name: 西藏}
parameters:
  - name: standard
    type: money
    by: hukou
    title: {zh: 标准, en: standard}
    basis: test
    values:
      - {region: national, from: 2000-01-01, urban: 100, rural: 50, source: test}
      - {region: "510500", from: 2024-07-01, urban: 788, rural: 580, source: test}
      - {region: "540000", from: 2021-01-01, urban: 910, rural: 5060 / 12, source: test}
  - name: care
    type: money
    title: {zh: 护理, en: care}
    basis: test
    values: []
programs:
  - id: p
    scope: household
    title: {zh: 测试, en: test}
    basis: test
    rules:
      - id: p.rule
        test: TEST
        values: {v: VALUE}
        pass: {zh: "通过 {v}", en: "pass {v}"}
        fail: {zh: "不通过 {v}", en: "fail {v}"}
        basis: test
    amount: AMOUNT
    review_months: 12
)";

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  return s.replace(s.find(from), from.size(), to);
}

struct Run {
  jiuzhu::Decision decision;
  std::shared_ptr<const jiuzhu::RulePack> pack;  // keeps the decision's string views alive
  Outcome outcome() const { return decision.programs.at(0).reasons.at(0).outcome; }
  const jiuzhu::NamedValue& value() const { return decision.programs.at(0).reasons.at(0).values.at(0); }
};

const char* kHousehold = R"({"id": "H1", "region": "%s", "hukou": "%s", "members": [
  {"id": "11010519491231002X", "name": "甲", "relation": "head", "incomes": [{"kind": "wage", "monthly": %s}]},
  {"id": "440524188001010014", "name": "乙", "relation": "spouse"}]})";

Run Evaluate(const std::string& test, const std::string& value = "0", const std::string& amount = "standard",
             const std::string& region = "510502", const std::string& hukou = "urban",
             const std::string& income = "100", const std::string& as_of = "2025-03-10") {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("jiuzhu_eval_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  fs::create_directories(dir);
  std::ofstream(dir / "pack.yaml") << Replace(Replace(Replace(kPackTemplate, "TEST", test), "VALUE", value), "AMOUNT", amount);
  jiuzhu::LoadResult loaded = jiuzhu::LoadRulePack(dir.string());
  fs::remove_all(dir);
  std::string errors;
  for (const auto& d : loaded.diagnostics) errors += jiuzhu::FormatDiagnostic(d) + "\n";
  INFO(errors);
  REQUIRE(loaded.ok());
  char json[1024];
  std::snprintf(json, sizeof json, kHousehold, region.c_str(), hukou.c_str(), income.c_str());
  jiuzhu::HouseholdReader reader;
  jiuzhu::Household h;
  REQUIRE(reader.ReadJson(json, h).ok);
  Run run;
  run.pack = loaded.pack;
  jiuzhu::Screener screener(loaded.pack);
  screener.Screen(h, *jiuzhu::Date::Parse(as_of), jiuzhu::ReasonsMode::kAll, run.decision);
  return run;
}

}  // namespace

TEST_CASE("missing facts and parameters follow Kleene's three-valued logic", "[eval][logic]") {
  auto [test, outcome] = GENERATE(table<std::string, Outcome>({
      {"care > 0", Outcome::kUnknown},
      {"false and care > 0", Outcome::kFail},
      {"care > 0 and false", Outcome::kFail},
      {"true or care > 0", Outcome::kPass},
      {"care > 0 or true", Outcome::kPass},
      {"care > 0 or false", Outcome::kUnknown},
      {"not (care > 0)", Outcome::kUnknown},
      {"not known(care)", Outcome::kPass},
      {"coalesce(care, 5) == 5", Outcome::kPass},
      {"if care > 0 then true else true", Outcome::kUnknown},
  }));
  CAPTURE(test);
  CHECK(Evaluate(test).outcome() == outcome);
}

TEST_CASE("an unknown rule makes the result undetermined and names what is missing", "[eval][logic]") {
  Run run = Evaluate("care > 0");
  const auto& d = run.decision;
  CHECK(d.programs[0].status == jiuzhu::Status::kUndetermined);
  CHECK_FALSE(d.programs[0].monthly_amount.has_value());
  REQUIRE(d.flags.size() == 1);
  CHECK(d.flags[0].code == "undetermined");
  CHECK(d.flags[0].missing == std::vector<std::string>{"care"});
  REQUIRE(d.data_issues.size() == 1);
  CHECK(d.data_issues[0].code == "missing_parameter");
}

TEST_CASE("money is exact: an annual standard is compared by cross-multiplying", "[eval][money]") {
  // 西藏 rural 5060 / 12 = 421.666…: 421.66 is below it, 421.67 is not.
  CHECK(Evaluate("sum(sum(i.monthly for i in m.incomes) for m in members) < standard", "0", "standard", "540102", "rural", "421.66").outcome() == Outcome::kPass);
  CHECK(Evaluate("sum(sum(i.monthly for i in m.incomes) for m in members) < standard", "0", "standard", "540102", "rural", "421.67").outcome() == Outcome::kFail);
}

TEST_CASE("an amount is rounded half-up to the fen once, at the end", "[eval][money]") {
  // 5060/12 − 421.66 = 0.00666… → 0.01 (rounding the standard first would give 0.01 too, but 3 × it: 0.02).
  Run one = Evaluate("true", "0", "standard - 421.66", "540102", "rural");
  CHECK(one.decision.programs[0].monthly_amount->ToFixed2() == "0.01");
  Run three = Evaluate("true", "0", "3 * standard - 1264.98", "540102", "rural");
  CHECK(three.decision.programs[0].monthly_amount->ToFixed2() == "0.02");
}

TEST_CASE("parameters come from the most specific declared region in force on the date", "[eval][params]") {
  CHECK(Evaluate("standard == 788").outcome() == Outcome::kPass);                                   // 510502 ← 510500
  CHECK(Evaluate("standard == 100", "0", "standard", "510502", "urban", "1", "2024-06-30").outcome() == Outcome::kPass);  // before 泸州's date: national
  CHECK(Evaluate("standard == 100", "0", "standard", "999999").outcome() == Outcome::kPass);        // undeclared: national
  Run unknown_region = Evaluate("true", "0", "standard", "999999");
  CHECK(unknown_region.decision.data_issues.at(0).code == "unknown_region");
  CHECK(Evaluate("standard == 580", "0", "standard", "510521001", "rural").outcome() == Outcome::kPass);  // 9-digit code
}

TEST_CASE("aggregates run over members, incomes and filters", "[eval][aggregate]") {
  auto [test, outcome] = GENERATE(table<std::string, Outcome>({
      {"count(m in members) == 2", Outcome::kPass},
      {"count(m in members if m.age >= 100) == 1", Outcome::kPass},
      {"sum(i.monthly for m in members for i in m.incomes) == 100", Outcome::kFail},  // nested: see below
      {"sum(sum(i.monthly for i in m.incomes) for m in members) == 100", Outcome::kPass},
      {"any(m.relation == 'spouse' for m in members)", Outcome::kPass},
      {"all(m.alive for m in members)", Outcome::kPass},
      {"max(m.age for m in members) == 145", Outcome::kPass},
      {"min(m.age for m in members) == 75", Outcome::kPass},
      {"sum(v.value for v in assets.vehicles if false) == 0", Outcome::kPass},
  }));
  CAPTURE(test);
  if (test.find("for m in members for i") != std::string::npos) {
    // Two `for` clauses are not the grammar: the pack must not load.
    fs::path dir = fs::temp_directory_path() / "jiuzhu_eval_nested";
    fs::create_directories(dir);
    std::ofstream(dir / "pack.yaml") << Replace(Replace(Replace(kPackTemplate, "TEST", test), "VALUE", "0"), "AMOUNT", "standard");
    CHECK_FALSE(jiuzhu::LoadRulePack(dir.string()).ok());
    fs::remove_all(dir);
    return;
  }
  CHECK(Evaluate(test).outcome() == outcome);
}

TEST_CASE("date functions keep the day or take the month's last day", "[eval][date]") {
  auto [test, outcome] = GENERATE(table<std::string, Outcome>({
      {"add_months(date('2024-08-31'), 6) == date('2025-02-28')", Outcome::kPass},
      {"add_months(date('2024-01-31'), 1) == date('2024-02-29')", Outcome::kPass},
      {"end_of_month(as_of) == date('2025-03-31')", Outcome::kPass},
      {"end_of_month(add_months(as_of, 5)) == date('2025-08-31')", Outcome::kPass},
      {"months_between(date('2024-01-31'), date('2024-03-31')) == 2", Outcome::kPass},
  }));
  CAPTURE(test);
  CHECK(Evaluate(test).outcome() == outcome);
}

TEST_CASE("a rule's values are reported with their types", "[eval][reasons]") {
  Run money = Evaluate("true", "standard / 3");
  CHECK(money.value().kind == jiuzhu::NamedValue::Kind::kMoney);
  CHECK(money.value().number.ToFixed2() == "262.67");
  CHECK(money.decision.programs[0].reasons[0].text == "通过 262.67");
  Run date = Evaluate("true", "as_of");
  CHECK(date.value().kind == jiuzhu::NamedValue::Kind::kDate);
  CHECK(date.decision.programs[0].reasons[0].text_en == "pass 2025-03-10");
  Run unknown = Evaluate("true", "care");
  CHECK(unknown.value().kind == jiuzhu::NamedValue::Kind::kUnknown);
}

TEST_CASE("an enumeration value reads in Chinese in zh texts and keeps its contract spelling elsewhere", "[eval][reasons]") {
  Run run = Evaluate("true", "hukou", "standard", "510502", "rural");
  const jiuzhu::Reason& reason = run.decision.programs[0].reasons[0];
  CHECK(reason.values[0].kind == jiuzhu::NamedValue::Kind::kText);
  CHECK(reason.values[0].text == "rural");
  CHECK(reason.text == "通过 农村");
  CHECK(reason.text_en == "pass rural");
}

TEST_CASE("every enumeration fits a set of 32 bits (Value keeps a set in 32 bits)", "[eval][value]") {
  using jiuzhu::Domain;
  for (Domain d : {Domain::kRelation, Domain::kSex, Domain::kSchool, Domain::kCategory, Domain::kSelfCare,
                   Domain::kIncomeKind, Domain::kVehicleKind, Domain::kHousePurpose, Domain::kHukou, Domain::kStatus,
                   Domain::kRounding})
    CHECK(jiuzhu::check::DomainValues(d).size() <= 32);
  jiuzhu::Value s = jiuzhu::Value::Set((uint64_t{1} << 31) | 1);
  CHECK(s.Has(0));
  CHECK(s.Has(31));
  CHECK_FALSE(s.Has(1));
}
