// Num: the exact number type of every quantity the rules see — money in yuan (元), counts, ages, ratios.
// An int64 fraction kept in lowest terms (den > 0). No binary floating point touches money: an annual figure
// divided by 12 stays exact (5060/12) and is rounded half-up to the fen (分) once, at the end (semantics.md §8).
// Arithmetic that overflows int64 or divides by zero yields an invalid Num (IsValid() false); the evaluator
// turns that into an error value instead of crashing. Value type; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiuzhu {

class Num {
 public:
  constexpr Num() = default;  // 0
  static Num Int(int64_t v) { return Num(v, 1); }
  static Num Fen(int64_t fen);                  // fen / 100, reduced
  static Num Ratio(int64_t num, int64_t den);   // reduced; den == 0 gives an invalid Num
  static Num Invalid() { Num n; n.den_ = 0; return n; }

  // Parses a plain decimal: optional '-', digits, optional '.' and digits. No exponent, no '+', no spaces.
  // Returns nullopt when the text is not such a number or has more than max_decimals decimals.
  static std::optional<Num> ParseDecimal(std::string_view text, int max_decimals = 18);

  int64_t num() const { return num_; }
  int64_t den() const { return den_; }
  bool IsValid() const { return den_ != 0; }
  bool IsInteger() const { return den_ == 1; }
  bool IsZero() const { return num_ == 0 && den_ != 0; }
  bool IsNegative() const { return num_ < 0; }

  // Whole numbers (most counts and many amounts) take an inline path with no 128-bit work and no reducing;
  // the result is the same Num the general path gives, overflow included (invalid).
  Num operator+(const Num& o) const {
    int64_t r;
    return den_ == 1 && o.den_ == 1 && !__builtin_add_overflow(num_, o.num_, &r) ? Num(r, 1) : Plus(o);
  }
  Num operator-(const Num& o) const {
    int64_t r;
    return den_ == 1 && o.den_ == 1 && !__builtin_sub_overflow(num_, o.num_, &r) ? Num(r, 1) : Minus(o);
  }
  Num operator*(const Num& o) const {
    int64_t r;
    return den_ == 1 && o.den_ == 1 && !__builtin_mul_overflow(num_, o.num_, &r) ? Num(r, 1) : Times(o);
  }
  Num operator/(const Num& o) const;  // o == 0 -> invalid
  Num operator-() const;
  // Exact comparison by cross-multiplication in 128 bits. Invalid compares as unordered; callers check first.
  std::partial_ordering operator<=>(const Num& o) const {
    if (den_ == 1 && o.den_ == 1) return num_ <=> o.num_;
    return Compare(o);
  }
  bool operator==(const Num& o) const { return num_ == o.num_ && den_ == o.den_; }

  // Rounded to whole fen, half away from zero (1.005 -> 1.01, -1.005 -> -1.01). REQUIRES: IsValid().
  int64_t RoundFen() const;
  Num RoundedToFen() const { return Fen(RoundFen()); }
  // Floor to an integer (for ages, counts). REQUIRES: IsValid().
  int64_t Floor() const;
  // "1120.00": rounded to the fen, always two decimals, no thousands separator. "invalid" if !IsValid().
  std::string ToFixed2() const;
  // Shortest exact decimal when the value has a terminating expansion of ≤ 6 decimals ("1.5", "24", "0.3"),
  // else ToFixed2(). For showing parameters and ratios.
  std::string ToString() const;
  double ToDouble() const { return den_ == 0 ? 0.0 : static_cast<double>(num_) / static_cast<double>(den_); }

 private:
  constexpr Num(int64_t n, int64_t d) : num_(n), den_(d) {}
  static Num FromWide(__int128 n, __int128 d);  // reduce; out of int64 range -> invalid
  Num Plus(const Num& o) const;
  Num Minus(const Num& o) const;
  Num Times(const Num& o) const;
  std::partial_ordering Compare(const Num& o) const;
  int64_t num_ = 0;
  int64_t den_ = 1;
};

}  // namespace jiuzhu
