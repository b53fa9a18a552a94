#include <catch2/catch.hpp>

#include "server/json_dom.h"
#include "server/json_patch.h"

using jiuzhu::server::ApplyChange;
using jiuzhu::server::Change;
using jiuzhu::server::JsonValue;
using jiuzhu::server::ParseJson;
using jiuzhu::server::ParsePath;
using jiuzhu::server::PathStep;

namespace {

JsonValue Parse(const std::string& text) {
  std::string error;
  auto v = ParseJson(text, error);
  REQUIRE(v);
  return *v;
}

Change Set(const std::string& path, const std::string& value) { return Change{path, Parse(value), false}; }
Change Remove(const std::string& path) { return Change{path, JsonValue(), true}; }

}  // namespace

TEST_CASE("json dom keeps numbers as written and member order", "[server][json]") {
  const std::string text = R"({"b":1150.10,"a":[1e2,-0.0,0.125],"s":"中\"文\n","t":true,"n":null})";
  CHECK(Parse(text).Dump() == text);
  CHECK(Parse(R"( {"u":"\u4e2d\ud83d\ude00"} )").Find("u")->text() == "中😀");
}

TEST_CASE("json dom refuses what is not well-formed", "[server][json]") {
  std::string error;
  for (const char* bad : {"", "{", "{\"a\":}", "[1,]", "01", "1.", "\"\\ud800\"", "{\"a\":1} x", "\"\x01\"", "\xff"}) {
    INFO(bad);
    CHECK_FALSE(ParseJson(bad, error));
  }
  CHECK_FALSE(ParseJson(std::string(100, '[') + std::string(100, ']'), error));  // nesting too deep
}

TEST_CASE("paths parse into steps", "[server][json]") {
  std::vector<PathStep> steps;
  std::string error;
  REQUIRE(ParsePath("members[1].incomes[0].monthly", steps, error));
  REQUIRE(steps.size() == 5);
  CHECK(steps[0].key == "members");
  CHECK(*steps[1].index == 1);
  CHECK(steps[4].key == "monthly");
  for (const char* bad : {"", "[0]", "a..b", "a[", "a[x]", "a]", "a.", "a[1]b"}) {
    INFO(bad);
    CHECK_FALSE(ParsePath(bad, steps, error));
  }
}

TEST_CASE("changes set, append, create parents and remove", "[server][json]") {
  JsonValue doc = Parse(R"({"id":"H1","members":[{"name":"a","incomes":[{"kind":"wage","monthly":100}]}]})");
  std::string error;
  REQUIRE(ApplyChange(doc, Set("members[0].incomes[0].monthly", "1150.10"), error));
  REQUIRE(ApplyChange(doc, Set("members[0].incomes[1]", R"({"kind":"pension","monthly":20})"), error));
  REQUIRE(ApplyChange(doc, Set("assets.deposits", "5000.5"), error));      // missing parent object created
  REQUIRE(ApplyChange(doc, Set("members[1]", R"({"name":"b"})"), error));  // one past the end appends
  REQUIRE(ApplyChange(doc, Remove("members[0].incomes[0]"), error));
  REQUIRE(ApplyChange(doc, Remove("expenses.education"), error));  // absent: stays absent, nothing created
  CHECK(doc.Dump() ==
        R"({"id":"H1","members":[{"name":"a","incomes":[{"kind":"pension","monthly":20}]},{"name":"b"}],"assets":{"deposits":5000.5}})");
}

TEST_CASE("changes that cannot be followed are refused", "[server][json]") {
  JsonValue doc = Parse(R"({"id":"H1","members":[{"name":"a"}]})");
  std::string error;
  CHECK_FALSE(ApplyChange(doc, Set("members[5].name", "\"x\""), error));  // beyond one past the end
  CHECK_FALSE(ApplyChange(doc, Set("id.x", "1"), error));                 // into a string
  CHECK_FALSE(ApplyChange(doc, Set("members.name", "1"), error));         // a key into an array
  CHECK_FALSE(ApplyChange(doc, Remove("members[1]"), error));             // nothing there
  CHECK(doc.Dump() == R"({"id":"H1","members":[{"name":"a"}]})");
}
