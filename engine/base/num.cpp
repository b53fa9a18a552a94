#include "jiuzhu/num.h"

#include <limits>
#include <string>

namespace jiuzhu {
namespace {

using Int128 = __int128;
using Uint128 = unsigned __int128;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// Unsigned so that the magnitude of any int128 (even the minimum) is representable.
Uint128 Abs128(Int128 v) { return v < 0 ? Uint128(0) - Uint128(v) : Uint128(v); }

Uint128 Gcd128(Uint128 a, Uint128 b) {
  // Nearly every quantity fits 64 bits, where division is one instruction instead of a __umodti3 call.
  if ((a >> 64) == 0 && (b >> 64) == 0) {
    auto x = static_cast<uint64_t>(a), y = static_cast<uint64_t>(b);
    while (y != 0) {
      uint64_t t = x % y;
      x = y;
      y = t;
    }
    return x;
  }
  while (b != 0) {
    Uint128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

std::string DigitsOf(Uint128 v) {
  std::string out;
  do {
    out.insert(out.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  return out;
}

// Writes |value| / 10^decimals with exactly `decimals` digits after the point.
std::string FormatScaled(Int128 value, int decimals) {
  std::string digits = DigitsOf(Abs128(value));
  if (static_cast<int>(digits.size()) <= decimals) {
    digits.insert(0, static_cast<size_t>(decimals) + 1 - digits.size(), '0');
  }
  if (decimals > 0) digits.insert(digits.size() - static_cast<size_t>(decimals), 1, '.');
  return value < 0 ? "-" + digits : digits;
}

// num/den * 100 rounded half away from zero; den > 0. Wide so that it cannot overflow.
Int128 RoundFenWide(int64_t num, int64_t den) {
  Int128 scaled = Int128(num) * 100;
  Int128 q = scaled / den;  // truncates toward zero
  Uint128 twice_rem = Abs128(scaled % den) * 2;
  if (twice_rem >= Uint128(den)) q += scaled < 0 ? -1 : 1;
  return q;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Num Num::FromWide(Int128 n, Int128 d) {
  if (d == 0) return Invalid();
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (d == 1) {
    if (n < kInt64Min || n > kInt64Max) return Invalid();
    return Num(static_cast<int64_t>(n), 1);
  }
  Uint128 g = Gcd128(Abs128(n), Uint128(d));
  if (g > 1) {
    if ((Abs128(n) >> 63) == 0 && (Uint128(d) >> 63) == 0) {  // 64-bit division where it suffices
      n = static_cast<int64_t>(n) / static_cast<int64_t>(g);
      d = static_cast<int64_t>(d) / static_cast<int64_t>(g);
    } else {
      n /= static_cast<Int128>(g);
      d /= static_cast<Int128>(g);
    }
  }
  if (n < kInt64Min || n > kInt64Max || d > kInt64Max) return Invalid();
  return Num(static_cast<int64_t>(n), static_cast<int64_t>(d));
}

Num Num::Fen(int64_t fen) { return FromWide(fen, 100); }

Num Num::Ratio(int64_t num, int64_t den) { return FromWide(num, den); }

std::optional<Num> Num::ParseDecimal(std::string_view text, int max_decimals) {
  // Bounds keep the accumulation inside int128; anything that large cannot fit an int64 Num anyway.
  constexpr Int128 kMaxAccumulated = Int128(1) << 120;
  constexpr int kMaxScale = 36;
  size_t i = 0;
  bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  Int128 value = 0;
  int decimals = 0;
  bool in_fraction = false;
  size_t digits_in_part = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !in_fraction && digits_in_part > 0) {
      in_fraction = true;
      digits_in_part = 0;
      continue;
    }
    if (!IsDigit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > kMaxAccumulated) return std::nullopt;
    ++digits_in_part;
    if (in_fraction && ++decimals > kMaxScale) return std::nullopt;
  }
  if (digits_in_part == 0 || decimals > max_decimals) return std::nullopt;
  Int128 scale = 1;
  for (int k = 0; k < decimals; ++k) scale *= 10;
  Num result = FromWide(negative ? -value : value, scale);
  if (!result.IsValid()) return std::nullopt;
  return result;
}

Num Num::Plus(const Num& o) const {
  if (!IsValid() || !o.IsValid()) return Invalid();
  if (den_ == o.den_) return FromWide(Int128(num_) + o.num_, den_);  // common case: same denominator
  return FromWide(Int128(num_) * o.den_ + Int128(o.num_) * den_, Int128(den_) * o.den_);
}

Num Num::Minus(const Num& o) const {
  if (!IsValid() || !o.IsValid()) return Invalid();
  if (den_ == o.den_) return FromWide(Int128(num_) - o.num_, den_);  // common case: same denominator
  return FromWide(Int128(num_) * o.den_ - Int128(o.num_) * den_, Int128(den_) * o.den_);
}

Num Num::Times(const Num& o) const {
  if (!IsValid() || !o.IsValid()) return Invalid();
  return FromWide(Int128(num_) * o.num_, Int128(den_) * o.den_);
}

Num Num::operator/(const Num& o) const {
  if (!IsValid() || !o.IsValid() || o.num_ == 0) return Invalid();
  return FromWide(Int128(num_) * o.den_, Int128(den_) * o.num_);
}

Num Num::operator-() const {
  if (!IsValid()) return Invalid();
  return FromWide(-Int128(num_), den_);
}

std::partial_ordering Num::Compare(const Num& o) const {
  if (!IsValid() || !o.IsValid()) return std::partial_ordering::unordered;
  return Int128(num_) * o.den_ <=> Int128(o.num_) * den_;
}

int64_t Num::RoundFen() const {
  // Saturates: only values beyond ±9.2e16 yuan (far outside any valid input) reach the limits.
  Int128 fen = RoundFenWide(num_, den_);
  if (fen > kInt64Max) return kInt64Max;
  if (fen < kInt64Min) return kInt64Min;
  return static_cast<int64_t>(fen);
}

int64_t Num::Floor() const {
  int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return q;
}

std::string Num::ToFixed2() const {
  if (!IsValid()) return "invalid";
  return FormatScaled(RoundFenWide(num_, den_), 2);
}

std::string Num::ToString() const {
  if (!IsValid()) return "invalid";
  constexpr int kMaxShownDecimals = 6;
  int64_t power = 1;
  for (int decimals = 0; decimals <= kMaxShownDecimals; ++decimals, power *= 10) {
    if (power % den_ == 0) return FormatScaled(Int128(num_) * (power / den_), decimals);
  }
  return ToFixed2();
}

}  // namespace jiuzhu
