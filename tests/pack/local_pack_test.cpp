// Local packs: a province's or county's pack on top of the national one (README, "Local packs"). The shipped
// example rules/local/anhui-huaiyuan, its provenance in decisions and its rules_version, and the errors a local
// pack can make, each at the local file's line and column.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "compile/plan.h"  // RulePack::layers
#include "jiuzhu/engine.h"
#include "jiuzhu/household_reader.h"

namespace fs = std::filesystem;

namespace {

const std::string kRules = std::string(JIUZHU_SOURCE_DIR) + "/rules";
const std::string kHuaiyuan = kRules + "/local/anhui-huaiyuan";

std::string AllDiagnostics(const jiuzhu::LoadResult& r) {
  std::string all;
  for (const auto& d : r.diagnostics) all += jiuzhu::FormatDiagnostic(d) + "\n";
  return all;
}

const jiuzhu::Diagnostic* Find(const jiuzhu::LoadResult& r, const std::string& code) {
  auto it = std::find_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const jiuzhu::Diagnostic& d) { return d.code == code; });
  return it == r.diagnostics.end() ? nullptr : &*it;
}

// A local pack in a fresh folder extending the national pack; `files` are (name, text).
struct TempPack {
  fs::path dir;
  explicit TempPack(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
    dir = fs::temp_directory_path() / ("jiuzhu_local_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [file, text] : files) std::ofstream(dir / file) << text;
  }
  ~TempPack() { fs::remove_all(dir); }
};

std::string Screen(const std::shared_ptr<const jiuzhu::RulePack>& pack, const std::string& household, const char* as_of) {
  jiuzhu::HouseholdReader reader;
  jiuzhu::Household h;
  REQUIRE(reader.ReadJson(household, h).ok);
  jiuzhu::Screener screener(pack);
  jiuzhu::Decision d;
  screener.Screen(h, *jiuzhu::Date::Parse(as_of), jiuzhu::ReasonsMode::kAll, d);
  std::string json;
  jiuzhu::AppendDecisionJson(d, json);
  return json;
}

const char* kHuaiyuanMotorcycle = R"({"id":"H1","region":"340321","hukou":"urban","members":[
  {"id":"510502198003020119","name":"户主","relation":"head"},
  {"id":"510502198207190224","name":"配偶","relation":"spouse"}],
  "assets":{"vehicles":[{"kind":"motorcycle","value":3000,"for_disability":false}]}})";

}  // namespace

TEST_CASE("the example local pack loads on the national pack; rules/ alone does not read rules/local", "[pack][local]") {
  jiuzhu::LoadResult national = jiuzhu::LoadRulePack(kRules);
  jiuzhu::LoadResult local = jiuzhu::LoadRulePack(kHuaiyuan);
  INFO(AllDiagnostics(local));
  REQUIRE(national.ok());
  REQUIRE(local.ok());
  CHECK(local.ErrorCount() == 0);
  CHECK(national.pack->layers == std::vector<std::string>{"national"});
  CHECK(local.pack->layers == std::vector<std::string>{"national", "anhui-huaiyuan"});
  CHECK(jiuzhu::RulesVersion(*local.pack) != jiuzhu::RulesVersion(*national.pack));
  // The national pack's files are its own: nothing under local/ is read.
  for (const auto& [name, text] : jiuzhu::RulePackSources(*national.pack)) CHECK(name.find('/') == std::string::npos);
  // The effective pack is stored as (name, text) and reads back to the same pack and rules_version.
  const auto& sources = jiuzhu::RulePackSources(*local.pack);
  CHECK(std::count_if(sources.begin(), sources.end(), [](const auto& s) { return s.first.rfind("layer1/", 0) == 0; }) == 3);
  jiuzhu::LoadResult again = jiuzhu::LoadRulePackFromSources(sources);
  INFO(AllDiagnostics(again));
  REQUIRE(again.ok());
  CHECK(jiuzhu::RulesVersion(*again.pack) == jiuzhu::RulesVersion(*local.pack));
  CHECK(again.pack->layers == local.pack->layers);
}

TEST_CASE("a local pack's decision names the pack of each rule and of each shown parameter value", "[pack][local][provenance]") {
  jiuzhu::LoadResult local = jiuzhu::LoadRulePack(kHuaiyuan);
  REQUIRE(local.ok());
  std::string json = Screen(local.pack, kHuaiyuanMotorcycle, "2025-07-01");
  INFO(json);
  // The replaced rule comes from the county pack, with its value; the others from the national pack.
  CHECK(json.find(R"("rule":"dibao.no_car","outcome":"fail")") != std::string::npos);
  CHECK(json.find(R"("values":{"cars":1,"no_motor_vehicle":true},"pack":"anhui-huaiyuan","value_packs":{"no_motor_vehicle":"anhui-huaiyuan"}})") != std::string::npos);
  CHECK(json.find(R"("pack":"national","value_packs":{"months":"anhui-huaiyuan"}})") != std::string::npos);
  // A plain pack's decisions carry no provenance fields: their JSON is unchanged.
  jiuzhu::LoadResult national = jiuzhu::LoadRulePack(kRules);
  REQUIRE(national.ok());
  std::string plain = Screen(national.pack, kHuaiyuanMotorcycle, "2025-07-01");
  CHECK(plain.find("\"pack\"") == std::string::npos);
  CHECK(plain.find("value_packs") == std::string::npos);
}

TEST_CASE("outside its region the local pack decides as the national pack", "[pack][local]") {
  jiuzhu::LoadResult local = jiuzhu::LoadRulePack(kHuaiyuan);
  jiuzhu::LoadResult national = jiuzhu::LoadRulePack(kRules);
  REQUIRE(local.ok());
  REQUIRE(national.ok());
  std::string luzhou = kHuaiyuanMotorcycle;
  luzhou.replace(luzhou.find("340321"), 6, "510502");
  jiuzhu::HouseholdReader reader;
  jiuzhu::Household h;
  REQUIRE(reader.ReadJson(luzhou, h).ok);
  jiuzhu::Decision a, b;
  jiuzhu::Screener(local.pack).Screen(h, *jiuzhu::Date::Parse("2025-07-01"), jiuzhu::ReasonsMode::kAll, a);
  jiuzhu::Screener(national.pack).Screen(h, *jiuzhu::Date::Parse("2025-07-01"), jiuzhu::ReasonsMode::kAll, b);
  REQUIRE(a.programs.size() == b.programs.size());
  for (size_t i = 0; i < a.programs.size(); ++i) {
    CHECK(a.programs[i].status == b.programs[i].status);
    CHECK(a.programs[i].monthly_amount == b.programs[i].monthly_amount);
  }
}

TEST_CASE("rules test on a local pack runs its own tests and covers the rules it adds or replaces", "[pack][local]") {
  jiuzhu::LoadResult local = jiuzhu::LoadRulePack(kHuaiyuan);
  REQUIRE(local.ok());
  jiuzhu::PackTestReport report = jiuzhu::RunPackTests(local.pack, kHuaiyuan);
  std::string failures;
  for (const auto& f : report.failures) failures += f.file + ":" + std::to_string(f.line) + " " + f.test + ": " + f.message + "\n";
  INFO(failures);
  CHECK(report.tests >= 4);
  CHECK(report.passed == report.tests);
  REQUIRE(report.coverage.size() == 1);
  CHECK(report.coverage[0].rule == "dibao.no_car");
  CHECK(report.coverage[0].file.find("local/anhui-huaiyuan/rules.yaml") != std::string::npos);
  CHECK((report.coverage[0].passed && report.coverage[0].failed));
}

TEST_CASE("a local override of an unknown parameter is an error at the local file, with a did-you-mean", "[pack][local][diagnostics]") {
  TempPack p("unknown_param", {{"pack.yaml", "pack: t\nextends: " + kRules + "\nparameters:\n  - name: assets.financal_months\n    values:\n      - {region: national, from: 2025-01-01, value: 12, source: t}\n"}});
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
  INFO(AllDiagnostics(r));
  CHECK_FALSE(r.ok());
  const jiuzhu::Diagnostic* d = Find(r, "UNKNOWN_PARAMETER");
  REQUIRE(d);
  CHECK(d->file == (p.dir / "pack.yaml").string());
  CHECK(d->line == 4);
  CHECK(d->column == 11);
  CHECK(d->message.find("did you mean 'assets.financial_months'") != std::string::npos);
}

TEST_CASE("replaces: of an unknown rule or derived value is an error with a did-you-mean", "[pack][local][diagnostics]") {
  TempPack p("unknown_rule", {{"pack.yaml", "pack: t\nextends: " + kRules + "\n"},
                              {"rules.yaml", "rules:\n  - replaces: dibao.no_cars\n    test: cars == 0\n    pass: {zh: a, en: a}\n"
                                             "    fail: {zh: b, en: b}\n    basis: t\n"
                                             "derived:\n  - replaces: carz\n    expr: 0\n"}});
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
  INFO(AllDiagnostics(r));
  CHECK_FALSE(r.ok());
  const jiuzhu::Diagnostic* rule = Find(r, "UNKNOWN_RULE");
  REQUIRE(rule);
  CHECK(rule->file == (p.dir / "rules.yaml").string());
  CHECK(rule->line == 2);
  CHECK(rule->column == 15);
  CHECK(rule->message.find("did you mean 'dibao.no_car'") != std::string::npos);
  const jiuzhu::Diagnostic* derived = Find(r, "UNKNOWN_DERIVED");
  REQUIRE(derived);
  CHECK(derived->line == 8);
  CHECK(derived->message.find("did you mean 'cars'") != std::string::npos);
}

TEST_CASE("a local pack adds a rule after another, overrides a value by region and date, and may not redeclare", "[pack][local]") {
  TempPack p("added", {{"pack.yaml", "pack: t\nextends: " + kRules + "\n"
                                     "parameters:\n  - name: phase_out.months\n    values:\n"
                                     "      - {region: national, from: 1990-01-01, value: 3, source: t}\n"
                                     "  - name: dibao.edge_multiple\n    type: number\n    title: {zh: x, en: x}\n    basis: t\n    values: []\n"
                                     "programs:\n  - id: dibao\n    scope: household\n"
                                     "rules:\n  - id: dibao.extra\n    program: dibao\n    after: dibao.no_car\n    test: true\n"
                                     "    pass: {zh: a, en: a}\n    fail: {zh: b, en: b}\n    basis: t\n"}});
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
  INFO(AllDiagnostics(r));
  CHECK_FALSE(r.ok());
  // A full declaration of a base parameter and a base program entry are refused, each at its line.
  const jiuzhu::Diagnostic* param = Find(r, "LOCAL_REDEFINES");
  REQUIRE(param);
  CHECK(param->line == 7);
  CHECK(std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [](const auto& d) { return d.code == "LOCAL_REDEFINES"; }) == 2);
  // Without the two mistakes the same pack loads: the value of the same region and day replaces the national one.
  TempPack ok("added_ok", {{"pack.yaml", "pack: t\nextends: " + kRules + "\n"
                                         "parameters:\n  - name: phase_out.months\n    values:\n"
                                         "      - {region: national, from: 1990-01-01, value: 3, source: t}\n"
                                         "rules:\n  - id: dibao.extra\n    program: dibao\n    after: dibao.no_car\n    test: true\n"
                                         "    pass: {zh: a, en: a}\n    fail: {zh: b, en: b}\n    basis: t\n"}});
  jiuzhu::LoadResult good = jiuzhu::LoadRulePack(ok.dir.string());
  INFO(AllDiagnostics(good));
  REQUIRE(good.ok());
  CHECK(Find(good, "OVERLAPPING_VALUES") == nullptr);
}

TEST_CASE("a bad extends: is an error at its position; a local pack needs a name", "[pack][local][diagnostics]") {
  TempPack p("bad_extends", {{"pack.yaml", "pack: t\nextends: ../no-such-pack\n"}});
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
  CHECK_FALSE(r.ok());
  const jiuzhu::Diagnostic* d = Find(r, "BAD_EXTENDS");
  REQUIRE(d);
  CHECK(d->line == 2);
  CHECK(d->column == 10);
  TempPack unnamed("unnamed", {{"regions.yaml", "extends: " + kRules + "\nregions:\n  - {code: \"340321\", name: 怀远县}\n"}});
  jiuzhu::LoadResult u = jiuzhu::LoadRulePack(unnamed.dir.string());
  CHECK_FALSE(u.ok());
  CHECK(Find(u, "MISSING_KEY") != nullptr);
}
