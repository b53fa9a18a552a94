// Every fixtures/bad_households/NAME.json breaks exactly one rule of the contract; NAME.expect holds the first
// error as "path code" on one line, or just "code" when the path is the document itself ("").
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "jiuzhu/household_reader.h"

namespace jiuzhu {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("Each bad household fixture is rejected with its expected first error", "[input][fixtures]") {
  const std::filesystem::path dir = std::filesystem::path(JIUZHU_SOURCE_DIR) / "fixtures" / "bad_households";
  std::vector<std::filesystem::path> cases;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") cases.push_back(entry.path());
  }
  std::sort(cases.begin(), cases.end());
  REQUIRE(cases.size() >= 20);

  HouseholdReader reader;
  Household household;
  std::set<std::string> codes;
  for (const std::filesystem::path& json : cases) {
    std::filesystem::path expect_path = json;
    expect_path.replace_extension(".expect");
    std::istringstream expect(Slurp(expect_path));
    std::string first, second;
    expect >> first >> second;
    const std::string want_path = second.empty() ? "" : first;
    const std::string want_code = second.empty() ? first : second;

    INFO(json.filename().string());
    REQUIRE_FALSE(want_code.empty());
    const ReadResult result = reader.ReadJson(Slurp(json), household);
    CHECK_FALSE(result.ok);
    REQUIRE_FALSE(result.errors.empty());
    CHECK(result.errors[0].path == want_path);
    CHECK(result.errors[0].code == want_code);
    // One rule broken, one error.
    CHECK(result.errors.size() == 1);
    codes.insert(want_code);
  }
  // The fixtures cover every rejection code of household.md / semantics.md §10.
  for (const char* code : {"bad_json", "not_object", "missing_field", "wrong_type", "unknown_field", "bad_enum",
                           "negative", "too_many_decimals", "too_large", "bad_date", "bad_id", "bad_check_digit",
                           "bad_birth_date", "bad_region", "no_members", "duplicate_member", "bad_grade"}) {
    INFO(code);
    CHECK(codes.count(code) == 1);
  }
}

}  // namespace
}  // namespace jiuzhu
