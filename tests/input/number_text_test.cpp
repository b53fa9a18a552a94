#include "input/number_text.h"

#include <catch2/catch.hpp>

#include <string>

namespace jiuzhu::input {
namespace {

std::string Plain(std::string_view text) {
  std::string buffer;
  DecimalText out;
  if (!ParseNumberText(text, buffer, out)) return "!";
  return std::string(out.plain) + " i" + std::to_string(out.integer_digits) + " d" + std::to_string(out.decimals) +
         (out.negative ? " neg" : "");
}

TEST_CASE("Number text is rewritten exactly, without exponent", "[input][number]") {
  CHECK(Plain("620.10") == "620.1 i3 d1");
  CHECK(Plain("0.125") == "0.125 i0 d3");
  CHECK(Plain("100") == "100 i3 d0");
  CHECK(Plain("1.5e2") == "150 i3 d0");
  CHECK(Plain("1E+2") == "100 i3 d0");
  CHECK(Plain("12.5e-3") == "0.0125 i0 d4");
  CHECK(Plain("-0.00") == "0 i0 d0");
  CHECK(Plain("-3.40") == "-3.4 i1 d1 neg");
  CHECK(Plain("0") == "0 i0 d0");
  CHECK(Plain("1000000000000") == "1000000000000 i13 d0");
  for (std::string_view bad : {"", "-", "01", ".5", "5.", "1e", "+1", "1.2.3", "0x10", " 1", "1_000", "NaN"}) {
    INFO(bad);
    CHECK(Plain(bad) == "!");
  }
}

}  // namespace
}  // namespace jiuzhu::input
