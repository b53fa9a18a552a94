#include "base/did_you_mean.h"

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::base {
namespace {

using Names = std::vector<std::string_view>;

TEST_CASE("EditDistance is Levenshtein distance", "[base][did_you_mean]") {
  struct Row {
    const char* a;
    const char* b;
    size_t distance;
  };
  const Row row = GENERATE(values<Row>({
      {"", "", 0},
      {"abc", "", 3},
      {"", "abc", 3},
      {"kitten", "sitting", 3},
      {"flaw", "lawn", 2},
      {"income", "income", 0},
      {"incmoe", "income", 2},
      {"incom", "income", 1},
      {"wage", "wages", 1},
  }));
  CAPTURE(row.a, row.b);
  CHECK(EditDistance(row.a, row.b) == row.distance);
  CHECK(EditDistance(row.b, row.a) == row.distance);
}

TEST_CASE("EditDistance counts UTF-8 code points, not bytes", "[base][did_you_mean]") {
  CHECK(EditDistance("低保标准", "低保标准") == 0);
  CHECK(EditDistance("低保标准", "低保标谁") == 1);  // one character, three bytes
  CHECK(EditDistance("低保标准", "低保") == 2);
  CHECK(EditDistance("特困", "dibao") == 5);
  CHECK(EditDistance("a低", "a") == 1);
  CHECK(EditDistance("😀", "😁") == 1);  // four-byte sequences
}

TEST_CASE("EditDistance treats malformed UTF-8 bytes as single units", "[base][did_you_mean]") {
  CHECK(EditDistance("\xff", "") == 1);
  CHECK(EditDistance("\xe4\xbd", "") == 2);  // truncated sequence: two stray bytes
  CHECK(EditDistance("a\x80" "b", "ab") == 1);
}

TEST_CASE("DidYouMean returns close candidates, closest first", "[base][did_you_mean]") {
  // Distances from "income_totl": 3, 2, 10, 1, 9 (max allowed: 11 / 3 = 3).
  const Names candidates = {"incomes_totals", "income_totals", "expenses", "income_total", "dibao_line"};
  CHECK(DidYouMean("income_totl", candidates) == Names{"income_total", "income_totals", "incomes_totals"});
}

TEST_CASE("DidYouMean breaks ties by candidate order and honours max_results", "[base][did_you_mean]") {
  const Names candidates = {"wagf", "wage", "wagd", "wago"};
  CHECK(DidYouMean("wagx", candidates) == Names{"wagf", "wage", "wagd"});
  CHECK(DidYouMean("wagx", candidates, 1) == Names{"wagf"});
  CHECK(DidYouMean("wagx", candidates, 0).empty());
}

TEST_CASE("DidYouMean allows max(2, len/3) edits", "[base][did_you_mean]") {
  // Short names allow 2 edits.
  CHECK(DidYouMean("ab", Names{"xy"}) == Names{"xy"});
  CHECK(DidYouMean("ab", Names{"xyz"}).empty());
  // A 12-character name allows 4 edits, not 5.
  CHECK(DidYouMean("abcdefghijkl", Names{"abcdefghWXYZ"}) == Names{"abcdefghWXYZ"});
  CHECK(DidYouMean("abcdefghijkl", Names{"abcdefgVWXYZ"}).empty());
  // The length is in code points: 6 Chinese characters (18 bytes) allow 2 edits, not 6.
  CHECK(DidYouMean("低保家庭人均", Names{"低保家庭月均"}) == Names{"低保家庭月均"});
  CHECK(DidYouMean("低保家庭人均", Names{"特困供养人员"}).empty());
  CHECK(DidYouMean("低保家庭人均", Names{"低保家月收入"}).empty());
}

TEST_CASE("DidYouMean leaves out the name itself and repeated candidates", "[base][did_you_mean]") {
  CHECK(DidYouMean("wage", Names{"wage", "wages", "wages"}) == Names{"wages"});
  CHECK(DidYouMean("x", Names{}).empty());
}

TEST_CASE("DidYouMeanSuffix formats zero, one or two suggestions", "[base][did_you_mean]") {
  CHECK(DidYouMeanSuffix("zzzzzz", Names{"income", "wage"}).empty());
  CHECK(DidYouMeanSuffix("incme", Names{"income", "expenses"}) == " (did you mean 'income'?)");
  CHECK(DidYouMeanSuffix("wagx", Names{"wage", "wagf", "wagd"}) == " (did you mean 'wage' or 'wagf'?)");
  CHECK(DidYouMeanSuffix("低保标谁", Names{"低保标准"}) == " (did you mean '低保标准'?)");
}

}  // namespace
}  // namespace jiuzhu::base
