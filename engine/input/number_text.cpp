#include "input/number_text.h"

#include <algorithm>
#include <cstddef>

namespace jiuzhu::input {
namespace {

constexpr long kMaxExponent = 400;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Scans digits from text[i]; returns how many.
size_t ScanDigits(std::string_view text, size_t& i) {
  const size_t start = i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  return i - start;
}

}  // namespace

bool ParseNumberText(std::string_view text, std::string& buffer, DecimalText& out) {
  size_t i = 0;
  const bool minus = i < text.size() && text[i] == '-';
  if (minus) ++i;
  const size_t int_start = i;
  const size_t int_len = ScanDigits(text, i);
  if (int_len == 0 || (int_len > 1 && text[int_start] == '0')) return false;
  size_t frac_start = i;
  size_t frac_len = 0;
  if (i < text.size() && text[i] == '.') {
    frac_start = ++i;
    frac_len = ScanDigits(text, i);
    if (frac_len == 0) return false;
  }
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool exp_minus = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const size_t exp_start = i;
    if (ScanDigits(text, i) == 0) return false;
    for (size_t k = exp_start; k < i && exponent <= kMaxExponent; ++k) exponent = exponent * 10 + (text[k] - '0');
    exponent = std::min(exponent, kMaxExponent + 1);
    if (exp_minus) exponent = -exponent;
  }
  if (i != text.size()) return false;

  // All significant digits in one run; the point sits after `point` of them (may be <= 0 or past the end).
  buffer.clear();
  buffer.append(text.substr(int_start, int_len));
  buffer.append(text.substr(frac_start, frac_len));
  long point = static_cast<long>(int_len) + exponent;
  // Leading zeros move the point left; trailing zeros beyond the point are not decimals.
  size_t lead = 0;
  while (lead < buffer.size() && buffer[lead] == '0') ++lead;
  if (lead == buffer.size()) {
    out = DecimalText{};
    buffer = "0";
    out.plain = buffer;
    return true;
  }
  buffer.erase(0, lead);
  point -= static_cast<long>(lead);
  while (static_cast<long>(buffer.size()) > std::max(point, 0L) && buffer.back() == '0') buffer.pop_back();
  const long digits = static_cast<long>(buffer.size());
  if (point <= 0) {
    buffer.insert(0, static_cast<size_t>(-point), '0');
    buffer.insert(0, "0.");
    out.integer_digits = 0;
    out.decimals = static_cast<int>(digits - point);
  } else if (point >= digits) {
    buffer.append(static_cast<size_t>(point - digits), '0');
    out.integer_digits = static_cast<int>(point);
    out.decimals = 0;
  } else {
    buffer.insert(static_cast<size_t>(point), 1, '.');
    out.integer_digits = static_cast<int>(point);
    out.decimals = static_cast<int>(digits - point);
  }
  if (minus) buffer.insert(0, 1, '-');
  out.negative = minus;
  out.plain = buffer;
  return true;
}

}  // namespace jiuzhu::input
