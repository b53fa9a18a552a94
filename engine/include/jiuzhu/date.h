// Date: a civil (proleptic Gregorian) calendar day, stored as days since 1970-01-01. Everything in the engine is
// decided as of a Date given by the caller; nothing reads the clock except Today(), used only by the CLI.
// Value type; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jiuzhu {

class Date {
 public:
  constexpr Date() = default;  // 1970-01-01
  static bool IsValidYmd(int year, int month, int day);
  static Date FromYmd(int year, int month, int day);  // REQUIRES: IsValidYmd(year, month, day)
  static Date FromDays(int32_t days) { Date d; d.days_ = days; return d; }
  // Strict "YYYY-MM-DD" (exactly 10 chars, a real calendar day, year 1000–9999). nullopt otherwise.
  static std::optional<Date> Parse(std::string_view text);
  static Date EndOfMonth(int year, int month);
  static Date Today();  // local date; for the CLI's default --as-of only

  int year() const;
  int month() const;
  int day() const;
  int32_t days() const { return days_; }
  std::string ToString() const;  // "YYYY-MM-DD"

  Date AddDays(int n) const { return FromDays(days_ + n); }
  // Keeps the day, or takes the month's last day where it has none: 2024-08-31 + 6 = 2025-02-28 (semantics §9).
  Date AddMonths(int n) const;
  Date LastDayOfMonth() const { return EndOfMonth(year(), month()); }

  friend constexpr auto operator<=>(Date a, Date b) = default;

 private:
  int32_t days_ = 0;
};

// Completed years on `on`: age N is reached on the Nth anniversary of `birth`; a 29 February birthday is reached
// on 1 March in common years (semantics §9). May be negative if on < birth.
int AgeOn(Date birth, Date on);
// Whole calendar months from a to b counted by (year, month) difference, adjusted down when b's day is before a's
// day (2024-01-31 → 2024-02-29 is 0; → 2024-03-31 is 2). Negative when b < a.
int MonthsBetween(Date a, Date b);

}  // namespace jiuzhu
