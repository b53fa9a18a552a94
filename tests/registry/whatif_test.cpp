// What-if units: the --set parser and its application to the shipped pack, the comparison of two Decisions and
// its wording, the threshold distance bands and the per-household totals. The end-to-end check against two
// batches is tests/cli/whatif_test.sh.
#include <catch2/catch.hpp>
#include <string>

#include "compile/compiler.h"
#include "jiuzhu/engine.h"
#include "pack/param_override.h"
#include "registry/whatif_compare.h"
#include "registry/whatif_totals.h"

using namespace jiuzhu;
using registry::whatif::ResultChange;

namespace {

const std::string kRules = std::string(JIUZHU_SOURCE_DIR) + "/rules";

pack::ParamOverride Parse(const std::string& text) {
  pack::ParamOverride o;
  std::string error;
  REQUIRE(pack::ParseParamOverride(text, o, error));
  return o;
}

std::string ParseError(const std::string& text) {
  pack::ParamOverride o;
  std::string error;
  CHECK_FALSE(pack::ParseParamOverride(text, o, error));
  return error;
}

// The shipped pack's RawPack with the overrides applied; `error` set when they do not fit.
std::shared_ptr<const RulePack> Overridden(const std::vector<std::string>& sets, Date from, std::string& error) {
  std::vector<pack::ParamOverride> overrides;
  for (const auto& s : sets) overrides.push_back(Parse(s));
  pack::RawPack raw;
  pack::DiagnosticSink sink(raw.files);
  pack::LoadRawPack(kRules, raw, sink);
  REQUIRE(sink.errors() == 0);
  if (!pack::ApplyParamOverrides(raw, overrides, from, error)) return nullptr;
  std::unique_ptr<RulePack> compiled = compile::Compile(raw, sink);
  for (const auto& d : sink.diagnostics())
    if (d.severity == Severity::kError) FAIL(FormatDiagnostic(d));
  return std::shared_ptr<const RulePack>(std::move(compiled));
}

Household Urban(const std::string& region, int64_t wage_fen) {
  const std::string json = R"({"id":"T1","region":")" + region + R"(","hukou":"urban","members":[{"id":"510502198003020119",
    "name":"甲","relation":"head","incomes":[{"kind":"wage","monthly":)" +
                           Num::Fen(wage_fen).ToFixed2() + R"(}]}]})";
  Household h;
  HouseholdReader reader;
  ReadResult r = reader.ReadJson(json, h);
  INFO(json);
  REQUIRE(r.ok);
  return h;
}

const ProgramResult* Dibao(const Decision& d) {
  for (const auto& p : d.programs)
    if (p.program == "dibao" && p.member.empty()) return &p;
  return nullptr;
}

NamedValue Money(std::string_view name, int64_t yuan) {
  NamedValue v;
  v.name = name;
  v.kind = NamedValue::Kind::kMoney;
  v.number = Num::Int(yuan);
  return v;
}

}  // namespace

TEST_CASE("whatif --set splits PARAM[@REGION][:HUKOU]=VALUE", "[whatif][params]") {
  auto o = Parse("dibao.standard@510502:urban=1180");
  CHECK(o.param == "dibao.standard");
  CHECK(o.region == "510502");
  CHECK(o.hukou == "urban");
  CHECK(o.value == "1180");
  o = Parse("dibao.standard=5060/12");
  CHECK(o.region.empty());
  CHECK(o.hukou.empty());
  CHECK(o.value == "5060/12");
  o = Parse("phase_out.months@national=3");
  CHECK(o.region == "national");
  CHECK(ParseError("dibao.standard").find("PARAM[@REGION][:HUKOU]=VALUE") != std::string::npos);
  CHECK(ParseError("=3").find("expected") != std::string::npos);
  CHECK(ParseError("dibao.standard:cty=3").find("did you mean 'city'") == std::string::npos);
  CHECK(ParseError("dibao.standard:rual=3").find("did you mean 'rural'") != std::string::npos);
  CHECK(ParseError("dibao.standard@=3").find("region code") != std::string::npos);
}

TEST_CASE("whatif --set values are exact: decimals and fractions", "[whatif][params]") {
  CHECK(*pack::ParseOverrideNumber("1180") == Num::Int(1180));
  CHECK(*pack::ParseOverrideNumber("1180.50") == Num::Fen(118050));
  CHECK(*pack::ParseOverrideNumber("5060/12") == Num::Ratio(5060, 12));
  CHECK(*pack::ParseOverrideNumber("5060 / 12") == Num::Ratio(5060, 12));
  CHECK_FALSE(pack::ParseOverrideNumber("12/0"));
  CHECK_FALSE(pack::ParseOverrideNumber("abc"));
  CHECK_FALSE(pack::ParseOverrideNumber("1e3"));
}

TEST_CASE("whatif --set errors name the option and what was expected", "[whatif][params]") {
  const Date from = *Date::Parse("2025-07-01");
  std::string error;
  CHECK_FALSE(Overridden({"dibao.standrd=900"}, from, error));
  CHECK(error.find("--set dibao.standrd=900") != std::string::npos);
  CHECK(error.find("did you mean 'dibao.standard'") != std::string::npos);
  CHECK_FALSE(Overridden({"dibao.standard@510599=900"}, from, error));
  CHECK(error.find("'510599' is not declared") != std::string::npos);
  CHECK_FALSE(Overridden({"phase_out.months:urban=3"}, from, error));
  CHECK(error.find("does not vary by hukou") != std::string::npos);
  CHECK_FALSE(Overridden({"dibao.standard=nine"}, from, error));
  CHECK(error.find("not a money value") != std::string::npos);
  CHECK_FALSE(Overridden({"dibao.income_kinds=wage"}, from, error));
  CHECK(error.find("type kinds") != std::string::npos);
}

TEST_CASE("whatif --set changes the value a region's households read from the date on, and only there", "[whatif][params]") {
  const Date as_of = *Date::Parse("2025-07-01");
  std::string error;
  auto base = LoadRulePack(kRules).pack;
  REQUIRE(base);
  // 江阳区 (510502) has no value of its own: it inherits 泸州市's 788 (urban), which the override replaces for it.
  auto raised = Overridden({"dibao.standard@510502:urban=900"}, as_of, error);
  REQUIRE(raised);
  Decision before, after;
  Screener(base).Screen(Urban("510502001001", 85000), as_of, ReasonsMode::kAll, before);
  Screener(raised).Screen(Urban("510502001001", 85000), as_of, ReasonsMode::kAll, after);
  REQUIRE(Dibao(before));
  REQUIRE(Dibao(after));
  CHECK(Dibao(before)->status == Status::kIneligible);
  CHECK(Dibao(after)->status == Status::kEligible);
  CHECK(*Dibao(after)->monthly_amount == Num::Int(50));
  // Another county of the same city keeps 788; a day before the override, so does 江阳区.
  Screener(raised).Screen(Urban("510503001001", 85000), as_of, ReasonsMode::kAll, after);
  CHECK(Dibao(after)->status == Status::kIneligible);
  Screener(raised).Screen(Urban("510502001001", 85000), *Date::Parse("2025-06-30"), ReasonsMode::kAll, after);
  CHECK(Dibao(after)->status == Status::kIneligible);
  // Without a region every region with a value in force is overridden; a fraction stays exact.
  auto everywhere = Overridden({"dibao.standard:urban=10200/12"}, as_of, error);
  REQUIRE(everywhere);
  Screener(everywhere).Screen(Urban("540102001001", 85000), as_of, ReasonsMode::kAll, after);
  CHECK(*Dibao(after)->monthly_amount == Num::Int(0));  // 850 − 850: not below, ineligible
  CHECK(Dibao(after)->status == Status::kIneligible);
}

TEST_CASE("comparing two Decisions lists each changed result with the rule that flipped", "[whatif][compare]") {
  const Date as_of = *Date::Parse("2025-07-01");
  std::string error;
  auto base = LoadRulePack(kRules).pack;
  auto raised = Overridden({"dibao.standard@510502=900"}, as_of, error);
  REQUIRE(raised);
  Decision before, after;
  const Household h = Urban("510502001001", 85000);
  Screener(base).Screen(h, as_of, ReasonsMode::kAll, before, false);
  Screener(raised).Screen(h, as_of, ReasonsMode::kAll, after, false);
  std::vector<ResultChange> changes;
  registry::whatif::CompareDecisions(before, after, changes);
  REQUIRE(changes.size() == 1);
  const ResultChange& c = changes[0];
  CHECK(c.program == "dibao");
  CHECK(c.member.empty());
  CHECK(*c.before == Status::kIneligible);
  CHECK(*c.after == Status::kEligible);
  CHECK(c.rules == "dibao.income_below_standard");
  CHECK(c.reason_zh == "人均收入 850.00 元：原标准 788.00 元下不符合，新标准 900.00 元下符合；每月金额 0.00 元 → 50.00 元");
  CHECK(c.reason_en.find("fails under the old standard 788.00 yuan, passes under the new standard 900.00 yuan") != std::string::npos);
  // The same pack on both sides: nothing changes.
  changes.clear();
  registry::whatif::CompareDecisions(before, before, changes);
  CHECK(changes.empty());
}

TEST_CASE("a rule without a threshold is described by its outcomes and the values that differ", "[whatif][compare]") {
  Reason a, b;
  a.rule = b.rule = "dibao.no_car";
  a.outcome = Outcome::kFail;
  b.outcome = Outcome::kPass;
  NamedValue cars;
  cars.name = "cars";
  cars.kind = NamedValue::Kind::kNumber;
  cars.number = Num::Int(1);
  a.values.push_back(cars);
  cars.number = Num::Int(0);
  b.values.push_back(cars);
  std::string zh, en;
  registry::whatif::DescribeRule(a, b, zh, en);
  CHECK(zh == "dibao.no_car：原不符合，新符合（cars 1 → 0）");
  CHECK(en == "dibao.no_car: fails under the base pack, passes under the new pack (cars 1 → 0)");
}

TEST_CASE("threshold distance: |excess| / standard (or limit) in bands of 5, 10, 20 %", "[whatif][distribution]") {
  Reason r;
  r.rule = "dibao.income_below_standard";
  r.outcome = Outcome::kFail;
  r.values = {Money("per_capita_income", 1050), Money("standard", 1000), Money("excess", 50)};
  Num threshold, distance;
  REQUIRE(registry::whatif::ThresholdOf(r, threshold, distance));
  CHECK(threshold == Num::Int(1000));
  CHECK(distance == Num::Int(50));
  CHECK(registry::whatif::DistanceBand(threshold, distance) == 0);  // exactly 5 %: within
  CHECK(registry::whatif::DistanceBand(threshold, Num::Int(51)) == 1);
  CHECK(registry::whatif::DistanceBand(threshold, Num::Int(100)) == 1);
  CHECK(registry::whatif::DistanceBand(threshold, Num::Int(200)) == 2);
  CHECK(registry::whatif::DistanceBand(threshold, Num::Int(201)) == 3);
  r.values = {Money("assets", 900), Money("limit", 1000), Money("excess", -100)};  // below: the distance is positive
  REQUIRE(registry::whatif::ThresholdOf(r, threshold, distance));
  CHECK(distance == Num::Int(100));
  r.outcome = Outcome::kSkip;  // not evaluated: no distance
  CHECK_FALSE(registry::whatif::ThresholdOf(r, threshold, distance));
  r.outcome = Outcome::kPass;
  r.values = {Money("cars", 0)};
  CHECK_FALSE(registry::whatif::ThresholdOf(r, threshold, distance));
}

TEST_CASE("a household's contribution: newly eligible persons, amounts, bands", "[whatif][totals]") {
  const Date as_of = *Date::Parse("2025-07-01");
  std::string error;
  auto base = LoadRulePack(kRules).pack;
  auto raised = Overridden({"dibao.standard@510502=900"}, as_of, error);
  REQUIRE(raised);
  Decision before, after;
  const Household h = Urban("510502001001", 85000);
  Screener(base).Screen(h, as_of, ReasonsMode::kAll, before, false);
  Screener(raised).Screen(h, as_of, ReasonsMode::kAll, after, false);
  registry::whatif::HouseholdDelta delta;
  registry::whatif::Summarize(h, before, after, delta);
  registry::whatif::Accumulator acc;
  acc.Add("510502", "", delta, true);
  acc.Add("510502", "", delta, true);
  const auto& t = acc.all();
  CHECK(t.households == 2);
  CHECK(t.changed_households == 2);
  const registry::whatif::ProgramTotals* dibao = nullptr;
  for (const auto& [name, p] : t.programs)
    if (name == "dibao") dibao = &p;
  REQUIRE(dibao);
  CHECK(dibao->households_newly_eligible == 2);
  CHECK(dibao->persons_newly_eligible == 2);
  CHECK(dibao->households_no_longer_eligible == 0);
  CHECK(dibao->fen_after - dibao->fen_before == 2 * 5000);
  std::string json;
  acc.AppendJson(json);
  CHECK(json.find("\"monthly_difference\":100.00") != std::string::npos);
  CHECK(json.find("\"yearly_difference\":1200.00") != std::string::npos);
  CHECK(json.find("\"grids\":{\"未分网格\"") != std::string::npos);
  // 850 against 788 is 7.9 % above (band 10 %); against 900 it is 5.6 % below (band 10 %).
  CHECK(json.find("\"dibao.income_below_standard\":{\"before\":{\"evaluated\":2,\"within_5\":0,\"within_10\":2") != std::string::npos);
}
