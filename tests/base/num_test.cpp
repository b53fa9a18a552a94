#include "jiuzhu/num.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace Catch {
template <>
struct StringMaker<jiuzhu::Num> {
  static std::string convert(const jiuzhu::Num& n) {
    return n.IsValid() ? std::to_string(n.num()) + "/" + std::to_string(n.den()) : "invalid";
  }
};
}  // namespace Catch

namespace jiuzhu {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();

Num Dec(const char* text) {
  std::optional<Num> n = Num::ParseDecimal(text);
  REQUIRE(n.has_value());
  return *n;
}

TEST_CASE("A default Num is a valid zero", "[base][num]") {
  Num zero;
  CHECK(zero.IsValid());
  CHECK(zero.IsZero());
  CHECK(zero.IsInteger());
  CHECK_FALSE(zero.IsNegative());
  CHECK(zero.num() == 0);
  CHECK(zero.den() == 1);
  CHECK(zero == Num::Int(0));
}

TEST_CASE("Constructors reduce to lowest terms with a positive denominator", "[base][num]") {
  struct Row {
    Num value;
    int64_t num;
    int64_t den;
  };
  const Row rows[] = {
      {Num::Ratio(5060, 12), 1265, 3},
      {Num::Ratio(-6, 4), -3, 2},
      {Num::Ratio(6, -4), -3, 2},
      {Num::Ratio(-6, -4), 3, 2},
      {Num::Ratio(0, -7), 0, 1},
      {Num::Fen(112000), 1120, 1},
      {Num::Fen(-50), -1, 2},
      {Num::Fen(1), 1, 100},
      {Num::Int(-42), -42, 1},
      {Num::Ratio(kMin, 1), kMin, 1},
      {Num::Ratio(kMax, kMax), 1, 1},
  };
  for (const Row& row : rows) {
    CAPTURE(row.num, row.den);
    CHECK(row.value.IsValid());
    CHECK(row.value.num() == row.num);
    CHECK(row.value.den() == row.den);
  }
}

TEST_CASE("Invalid Nums come from a zero denominator and out-of-range results", "[base][num]") {
  CHECK_FALSE(Num::Invalid().IsValid());
  CHECK_FALSE(Num::Invalid().IsZero());
  CHECK_FALSE(Num::Ratio(1, 0).IsValid());
  CHECK_FALSE(Num::Ratio(0, 0).IsValid());
  // -INT64_MIN does not fit in int64: the sign cannot move to the numerator.
  CHECK_FALSE(Num::Ratio(1, kMin).IsValid());
  CHECK(Num::Ratio(2, kMin) == Num::Ratio(-1, int64_t{1} << 62));
}

TEST_CASE("Arithmetic is exact", "[base][num]") {
  CHECK(Num::Ratio(1, 3) + Num::Ratio(1, 6) == Num::Ratio(1, 2));
  CHECK(Num::Ratio(1, 3) - Num::Ratio(1, 2) == Num::Ratio(-1, 6));
  CHECK(Num::Ratio(2, 3) * Num::Ratio(9, 4) == Num::Ratio(3, 2));
  CHECK(Num::Int(5060) / Num::Int(12) == Num::Ratio(1265, 3));
  CHECK(Num::Ratio(1265, 3) * Num::Int(12) == Num::Int(5060));
  CHECK(-Num::Ratio(1, 2) == Num::Ratio(-1, 2));
  CHECK(Dec("0.1") + Dec("0.2") == Dec("0.3"));
  CHECK((Num::Int(7) - Num::Int(7)).IsZero());
  CHECK((Num::Int(-3) * Num::Int(0)).IsZero());
  CHECK((Num::Int(-3) * Num::Int(4)).IsNegative());
  // Cross products exceed int64 here, yet the reduced result fits.
  CHECK(Num::Ratio(kMax, 2) + Num::Ratio(kMax, 2) == Num::Int(kMax));
  CHECK(Num::Ratio(kMax, 2) - Num::Ratio(kMax - 2, 2) == Num::Int(1));
  CHECK(Num::Int(kMax) * Num::Ratio(1, kMax) == Num::Int(1));
}

TEST_CASE("Overflow and division by zero give an invalid Num", "[base][num]") {
  const Num big = Num::Int(kMax);
  const Num cases[] = {
      big + Num::Int(1),
      Num::Int(kMin) - Num::Int(1),
      big * Num::Int(2),
      Num::Int(kMin) * Num::Int(-1),
      -Num::Int(kMin),
      Num::Int(1) / Num::Int(0),
      Num::Int(0) / Num::Int(0),
      Num::Ratio(1, kMax) + Num::Ratio(1, kMax - 1),  // denominator beyond int64
      big / Num::Ratio(1, 2),
  };
  int index = 0;
  for (const Num& n : cases) {
    CAPTURE(index++);
    CHECK_FALSE(n.IsValid());
  }
  // Right at the edge is still fine.
  CHECK((big - Num::Int(1) + Num::Int(1)) == big);
  CHECK((Num::Int(kMin + 1) * Num::Int(-1)).num() == kMax);
}

TEST_CASE("An invalid operand keeps the result invalid", "[base][num]") {
  const Num bad = Num::Invalid();
  const Num one = Num::Int(1);
  CHECK_FALSE((bad + one).IsValid());
  CHECK_FALSE((one + bad).IsValid());
  CHECK_FALSE((bad - one).IsValid());
  CHECK_FALSE((one * bad).IsValid());
  CHECK_FALSE((bad * Num::Int(0)).IsValid());
  CHECK_FALSE((bad / one).IsValid());
  CHECK_FALSE((one / bad).IsValid());
  CHECK_FALSE((-bad).IsValid());
}

TEST_CASE("Comparisons are exact, by cross-multiplication", "[base][num]") {
  const Num monthly_line = Num::Ratio(5060, 12);  // 421.666…
  CHECK(monthly_line > Dec("421.66"));
  CHECK(monthly_line < Dec("421.67"));
  CHECK(monthly_line != Dec("421.67"));
  CHECK(Num::Ratio(1, 3) < Num::Ratio(1, 2));
  CHECK(Num::Ratio(-1, 2) < Num::Ratio(-1, 3));
  CHECK(Num::Ratio(2, 4) <= Num::Ratio(1, 2));
  CHECK(Num::Ratio(2, 4) >= Num::Ratio(1, 2));
  // income × 12 < 5060 without dividing: 421.66 passes, 421.67 does not, 5060/12 itself is on the line.
  const Num annual_line = Num::Int(5060);
  CHECK(Dec("421.66") * Num::Int(12) < annual_line);
  CHECK_FALSE(Dec("421.67") * Num::Int(12) < annual_line);
  CHECK(monthly_line * Num::Int(12) == annual_line);
  // Products of huge values are compared in 128 bits without overflow.
  // (doubles would call these equal).
  CHECK(Num::Ratio(kMax, kMax - 1) < Num::Ratio(kMax - 1, kMax - 2));
  CHECK(Num::Ratio(kMax - 1, kMax) > Num::Ratio(kMax - 2, kMax - 1));
  CHECK(Num::Int(kMin) < Num::Int(kMax));
}

TEST_CASE("An invalid Num is unordered", "[base][num]") {
  const Num bad = Num::Invalid();
  CHECK((bad <=> Num::Int(0)) == std::partial_ordering::unordered);
  CHECK((Num::Int(0) <=> bad) == std::partial_ordering::unordered);
  CHECK_FALSE(bad < Num::Int(1));
  CHECK_FALSE(bad > Num::Int(1));
  CHECK_FALSE(bad <= Num::Int(1));
  CHECK_FALSE(bad >= Num::Int(1));
}

TEST_CASE("ParseDecimal accepts plain decimals", "[base][num]") {
  struct Row {
    const char* text;
    int64_t num;
    int64_t den;
  };
  const Row row = GENERATE(values<Row>({
      {"-12.5", -25, 2},
      {"0", 0, 1},
      {"-0", 0, 1},
      {"-0.00", 0, 1},
      {"1120.00", 1120, 1},
      {"421.67", 42167, 100},
      {"007", 7, 1},
      {"0.000001", 1, 1000000},
      {"9223372036854775807", kMax, 1},
      {"-9223372036854775808", kMin, 1},
      {"0.000000000000000001", 1, 1000000000000000000},
  }));
  CAPTURE(row.text);
  std::optional<Num> n = Num::ParseDecimal(row.text);
  REQUIRE(n.has_value());
  CHECK(n->num() == row.num);
  CHECK(n->den() == row.den);
}

TEST_CASE("ParseDecimal rejects anything but a plain decimal", "[base][num]") {
  const char* text = GENERATE("", "-", "1e3", "+1", " 1", "1 ", "1.", ".5", "-.5", "1,000", "1.2.3", "--1", "0x10",
                              "12a", "１２", "9223372036854775808", "-9223372036854775809",
                              "99999999999999999999999999999999999999999", "0.0000000000000000001");
  CAPTURE(text);
  CHECK_FALSE(Num::ParseDecimal(text).has_value());
}

TEST_CASE("ParseDecimal enforces max_decimals", "[base][num]") {
  CHECK(Num::ParseDecimal("1.25", 2).has_value());
  CHECK_FALSE(Num::ParseDecimal("1.250", 2).has_value());
  CHECK_FALSE(Num::ParseDecimal("0.001", 2).has_value());
  CHECK(Num::ParseDecimal("12", 0).has_value());
  CHECK_FALSE(Num::ParseDecimal("12.0", 0).has_value());
  // Trailing zeros are counted as written, though they reduce away.
  CHECK_FALSE(Num::ParseDecimal("1." + std::string(30, '0'), 18).has_value());
  CHECK(Num::ParseDecimal("1." + std::string(30, '0'), 30) == Num::Int(1));
}

TEST_CASE("RoundFen rounds half away from zero", "[base][num]") {
  struct Row {
    Num value;
    int64_t fen;
  };
  const Row row = GENERATE(values<Row>({
      {Num::Ratio(1, 200), 1},      // 0.005
      {Num::Ratio(-1, 200), -1},    // -0.005
      {Num::Ratio(1005, 1000), 101},    // 1.005
      {Num::Ratio(-1005, 1000), -101},  // -1.005
      {Num::Ratio(1004, 1000), 100},    // 1.004
      {Num::Ratio(-1004, 1000), -100},
      {Num::Ratio(2, 3), 67},
      {Num::Ratio(-2, 3), -67},
      {Num::Ratio(1, 3), 33},
      {Num::Ratio(5060, 12), 42167},
      {Num::Int(0), 0},
      {Num::Ratio(-1, 1000), 0},
      {Num::Int(1120), 112000},
  }));
  CAPTURE(row.value.num(), row.value.den());
  CHECK(row.value.RoundFen() == row.fen);
  CHECK(row.value.RoundedToFen() == Num::Fen(row.fen));
}

TEST_CASE("RoundFen saturates instead of overflowing", "[base][num]") {
  CHECK(Num::Int(kMax).RoundFen() == kMax);
  CHECK(Num::Int(kMin).RoundFen() == kMin);
}

TEST_CASE("Floor rounds toward negative infinity", "[base][num]") {
  CHECK(Num::Ratio(7, 2).Floor() == 3);
  CHECK(Num::Ratio(-7, 2).Floor() == -4);
  CHECK(Num::Int(-4).Floor() == -4);
  CHECK(Num::Ratio(-1, 3).Floor() == -1);
  CHECK(Num::Int(0).Floor() == 0);
  CHECK(Num::Int(kMin).Floor() == kMin);
}

TEST_CASE("ToFixed2 always shows two decimals of the rounded value", "[base][num]") {
  struct Row {
    Num value;
    const char* text;
  };
  const Row row = GENERATE(values<Row>({
      {Num::Int(1120), "1120.00"},
      {Num::Ratio(-1, 2), "-0.50"},
      {Num::Ratio(5060, 12), "421.67"},
      {Num::Int(0), "0.00"},
      {Num::Ratio(-1, 1000), "0.00"},  // rounds to zero: no "-0.00"
      {Num::Ratio(-1, 200), "-0.01"},
      {Num::Fen(5), "0.05"},
      {Num::Fen(-123456), "-1234.56"},
      {Num::Ratio(2, 3), "0.67"},
      {Num::Int(kMax), "9223372036854775807.00"},
      {Num::Int(kMin), "-9223372036854775808.00"},
      {Num::Invalid(), "invalid"},
  }));
  CHECK(row.value.ToFixed2() == row.text);
}

TEST_CASE("ToString shows short exact decimals and falls back to two decimals", "[base][num]") {
  struct Row {
    Num value;
    const char* text;
  };
  const Row row = GENERATE(values<Row>({
      {Num::Ratio(3, 2), "1.5"},
      {Num::Int(24), "24"},
      {Num::Ratio(3, 10), "0.3"},
      {Num::Ratio(-3, 10), "-0.3"},
      {Num::Int(0), "0"},
      {Num::Int(-7), "-7"},
      {Num::Fen(112000), "1120"},
      {Num::Ratio(1, 1000000), "0.000001"},
      {Num::Ratio(-1, 64), "-0.015625"},
      {Num::Ratio(1, 10000000), "0.00"},  // seven decimals: too long
      {Num::Ratio(1, 3), "0.33"},
      {Num::Ratio(5060, 12), "421.67"},
      {Num::Int(kMin), "-9223372036854775808"},
      {Num::Invalid(), "invalid"},
  }));
  CHECK(row.value.ToString() == row.text);
}

TEST_CASE("ToDouble approximates the value and is 0 when invalid", "[base][num]") {
  CHECK(Num::Ratio(1, 4).ToDouble() == 0.25);
  CHECK(Num::Ratio(-3, 2).ToDouble() == -1.5);
  CHECK(Num::Invalid().ToDouble() == 0.0);
}

}  // namespace
}  // namespace jiuzhu
