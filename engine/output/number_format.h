// Internal to engine/output: allocation-free number formatting shared by the JSON and text writers.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

namespace jiuzhu::output_internal {

inline void AppendUnsigned(uint64_t v, std::string& out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

inline void AppendSigned(int64_t v, std::string& out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

// Appends an amount given in fen as yuan. With `trim` (JSON) trailing zeros and the point are dropped ("1120",
// "421.67", "0.5"); without it there are always two decimals ("1120.00", the texts' money format, cli.md).
// Formatting from whole fen gives the same digits as Num::ToFixed2() without building a string.
inline void AppendFen(int64_t fen, bool trim, std::string& out) {
  // Unsigned magnitude so INT64_MIN does not overflow on negation.
  const uint64_t mag = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  if (fen < 0) out.push_back('-');
  AppendUnsigned(mag / 100, out);
  const unsigned cents = static_cast<unsigned>(mag % 100);
  if (trim && cents == 0) return;
  out.push_back('.');
  out.push_back(static_cast<char>('0' + cents / 10));
  if (!trim || cents % 10 != 0) out.push_back(static_cast<char>('0' + cents % 10));
}

}  // namespace jiuzhu::output_internal
