// Exact reading of a number from its source text. Money must keep the digits the producer wrote: going through a
// binary double would turn 0.125 into something else and could make 620.10 look like 620.0999…, so numbers are
// never read as doubles here.
#pragma once

#include <string>
#include <string_view>

namespace jiuzhu::input {

// A JSON-grammar number (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?) rewritten without exponent, leading
// zeros or trailing fractional zeros: "1.50e2" -> "150", "-0.0" -> "0", "007" is not JSON and fails.
struct DecimalText {
  std::string_view plain;  // points into the caller's buffer; "0" for zero
  bool negative = false;   // strictly below zero
  int integer_digits = 0;  // digits before the point in `plain` (0 for values below 1)
  int decimals = 0;        // digits after the point in `plain`
};

// false when `text` is not a JSON-grammar number. `buffer` is reused between calls (no allocation once warm).
// Exponents beyond ±400 are clamped: such a value is far out of every range the contract allows, and the clamp
// keeps `plain` bounded (a few hundred digits) while still too large / too fine to pass any check.
bool ParseNumberText(std::string_view text, std::string& buffer, DecimalText& out);

}  // namespace jiuzhu::input
