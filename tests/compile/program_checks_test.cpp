// The cross-program checks (engine/compile/program_checks.cpp) on the shipped pack and on edits of it that a
// reviewer must catch: a 特困 person counted in 低保 (an error) and a 低保标准 without the values derived from it
// (a warning), each at the file, line and column of the definition at fault.
#include <algorithm>
#include <catch2/catch.hpp>

#include "edited_pack.h"
#include "jiuzhu/engine.h"

namespace {

std::vector<jiuzhu::Diagnostic> With(const jiuzhu::LoadResult& r, const std::string& code) {
  std::vector<jiuzhu::Diagnostic> out;
  std::copy_if(r.diagnostics.begin(), r.diagnostics.end(), std::back_inserter(out), [&](const auto& d) { return d.code == code; });
  return out;
}

std::string All(const jiuzhu::LoadResult& r) {
  std::string all;
  for (const auto& d : r.diagnostics) all += jiuzhu::FormatDiagnostic(d) + "\n";
  return all;
}

}  // namespace

TEST_CASE("the shipped packs pass the cross-program checks", "[compile][checks]") {
  for (const char* dir : {"/rules", "/rules/local/anhui-huaiyuan"}) {
    jiuzhu::LoadResult r = jiuzhu::LoadRulePack(std::string(JIUZHU_SOURCE_DIR) + dir);
    INFO(All(r));
    REQUIRE(r.ok());
    CHECK(With(r, "TEKUN_COUNTED_IN_DIBAO").empty());
    CHECK(With(r, "DERIVED_PARAM_MISSING").empty());
  }
}

TEST_CASE("dropping the 特困 condition from who is counted is an error at that definition", "[compile][checks]") {
  EditedPack p("counted", "household.yaml", "\n        and status_of('tekun', m) != 'eligible'", "");
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
  INFO(All(r));
  CHECK_FALSE(r.ok());
  auto found = With(r, "TEKUN_COUNTED_IN_DIBAO");
  REQUIRE(found.size() == 1);  // one definition at fault, however many counts and entries read it
  CHECK(found[0].file == (p.dir / "household.yaml").string());
  CHECK(found[0].line == 15);  // the first line of `counted`'s expression (a literal block)
  CHECK(found[0].column == 7);
  CHECK(found[0].message.find("'counted_members'") != std::string::npos);
  CHECK(found[0].message.find("for_each of 'dibao.single'") != std::string::npos);
}

TEST_CASE("a 低保 count over every member, or 单人保 without the 特困 condition, is an error where it is written", "[compile][checks]") {
  SECTION("member_count in the 低保 line") {
    EditedPack p("member_count", "household.yaml", "expr: dibao.standard * counted_members", "expr: dibao.standard * member_count");
    jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
    auto found = With(r, "TEKUN_COUNTED_IN_DIBAO");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.find("'member_count'") != std::string::npos);
    CHECK(found[0].source_line.find("member_count") == static_cast<size_t>(found[0].column - 1));
  }
  SECTION("单人保's for_each") {
    EditedPack p("single", "dibao.yaml", "for_each: m.counted and m.single_category", "for_each: m.alive and m.single_category");
    jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
    auto found = With(r, "TEKUN_COUNTED_IN_DIBAO");
    REQUIRE(found.size() == 1);
    CHECK(found[0].file == (p.dir / "dibao.yaml").string());
    CHECK(found[0].source_line.find("for_each:") != std::string::npos);
  }
  SECTION("an equivalent exclusion is accepted") {
    EditedPack p("equivalent", "household.yaml", "status_of('tekun', m) != 'eligible'", "not eligible('tekun', m)");
    jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
    INFO(All(r));
    CHECK(r.ok());
    CHECK(With(r, "TEKUN_COUNTED_IN_DIBAO").empty());
  }
}

TEST_CASE("a 低保标准 without a value derived from it, for a date, is a warning at that standard", "[compile][checks]") {
  SECTION("the 特困 multiple starts after 泸州's standard") {
    EditedPack p("multiple", "parameters.yaml", "{region: national, from: 1990-01-01, value: 1.3,",
                 "{region: national, from: 2024-09-01, value: 1.3,");
    jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
    REQUIRE(r.ok());  // a warning
    auto found = With(r, "DERIVED_PARAM_MISSING");
    REQUIRE(found.size() == 4);  // 泸州 2024-07-01 and 西藏's three standards
    CHECK(found[0].file == (p.dir / "parameters.yaml").string());
    CHECK(found[0].line == 13);
    CHECK(found[0].column == 9);
    CHECK(found[0].message.find("tekun.basic_multiple") != std::string::npos);
    CHECK(found[0].message.find("'tekun_basic'") != std::string::npos);
  }
  SECTION("a regional value that drops the 边缘 multiple for a region") {
    // 西藏 gets its own 边缘 multiple from 2021, for urban only: rural households there lack it from then.
    EditedPack p("edge", "parameters.yaml", "      - {region: national, from: 1990-01-01, value: 1.5, source: \"最低生活保障审核确认办法 第八条\"}",
                 "      - {region: national, from: 1990-01-01, value: 1.5, source: \"最低生活保障审核确认办法 第八条\"}\n"
                 "      - {region: \"540000\", from: 2021-06-01, value: 1.5, source: test}");
    jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
    INFO(All(r));
    REQUIRE(r.ok());
    CHECK(With(r, "DERIVED_PARAM_MISSING").empty());  // a value for every hukou: nothing missing
  }
  SECTION("an optional multiplier (a regional option) is not required") {
    EditedPack p("optional", "parameters.yaml", "      - {region: \"330000\", from: 2022-01-01, value: 0.3, source: \"浙民福〔2021〕191号\"}",
                 "      - {region: \"540000\", from: 2022-01-01, value: 0.3, source: test}");
    jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
    CHECK(With(r, "DERIVED_PARAM_MISSING").empty());
  }
}

namespace {

// The one PROGRAM_CYCLE of an edited pack that does not load: it names 特困 and 低保 and starts at one of them.
void CheckOneCycle(const EditedPack& p) {
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(p.dir.string());
  INFO(All(r));
  CHECK_FALSE(r.ok());
  auto found = With(r, "PROGRAM_CYCLE");
  REQUIRE(found.size() == 1);  // one cycle, reported once: no false ones through the programs on its path
  CHECK(found[0].message.find("'tekun'") != std::string::npos);
  CHECK(found[0].message.find("'dibao") != std::string::npos);
  CHECK((found[0].file == (p.dir / "tekun.yaml").string() || found[0].file == (p.dir / "dibao.yaml").string()));
  CHECK(found[0].line > 0);
}

}  // namespace

TEST_CASE("a 特困 that reads 低保, which excludes 特困 persons, is a PROGRAM_CYCLE at a program of the cycle", "[compile][checks]") {
  // 低保 counts its members through status_of('tekun', m): a 特困 rule reading 低保 closes the circle.
  SECTION("directly, in a rule's test") {
    CheckOneCycle(EditedPack("cycle_direct", "tekun.yaml", "test: not m.declared_missing",
                             "test: not m.declared_missing and not eligible('dibao')"));
  }
  SECTION("through a derived value the 特困 rule reads (tekun_assets_ok)") {
    CheckOneCycle(EditedPack("cycle_derived", "household.yaml",
                             "financial_assets <= assets.financial_months * dibao.standard * living_members",
                             "not eligible('dibao') and financial_assets <= assets.financial_months * dibao.standard * living_members"));
  }
  SECTION("the shipped pack has none") {
    CHECK(With(jiuzhu::LoadRulePack(std::string(JIUZHU_SOURCE_DIR) + "/rules"), "PROGRAM_CYCLE").empty());
  }
}
