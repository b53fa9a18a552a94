// Obligor values evaluated once per person (plan::Derived::by_person, engine/compile/compiler.cpp): the shipped
// pack's, and an edit that makes a value depend on whose obligor the person is, which must not be shared.
#include <catch2/catch.hpp>
#include <string>

#include "compile/plan.h"
#include "edited_pack.h"
#include "jiuzhu/engine.h"

namespace {

const jiuzhu::plan::Derived& Named(const jiuzhu::RulePack& pack, const std::string& name) {
  for (const auto& d : pack.derived)
    if (d.name == name) return d;
  FAIL("no derived value " << name);
  throw;
}

}  // namespace

TEST_CASE("the shipped obligor values are evaluated once per person", "[compile][by_person]") {
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(std::string(JIUZHU_SOURCE_DIR) + "/rules");
  REQUIRE(r.ok());
  CHECK(Named(*r.pack, "unable").by_person);
  CHECK(Named(*r.pack, "obligor_income").by_person);
  CHECK(Named(*r.pack, "obligor_property_ok").by_person);
  CHECK_FALSE(Named(*r.pack, "counted").by_person);  // member scope: memoised per member already
}

TEST_CASE("an obligor value that reads o.order is evaluated for every member it is an obligor of", "[compile][by_person]") {
  // The same person can be a first-order obligor of one member and a second-order one of another.
  EditedPack edited("by_person_order", "household.yaml", "      o.tekun\n        or (o.dibao and o.age >= 60)",
                    "      (o.tekun and o.order == 1)\n        or (o.dibao and o.age >= 60)");
  jiuzhu::LoadResult r = jiuzhu::LoadRulePack(edited.dir.string());
  REQUIRE(r.ok());
  CHECK_FALSE(Named(*r.pack, "unable").by_person);
  CHECK(Named(*r.pack, "obligor_income").by_person);
}
