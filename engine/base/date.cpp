#include "jiuzhu/date.h"

#include <cstdio>
#include <ctime>

namespace jiuzhu {
namespace {

struct Ymd {
  int year;
  int month;
  int day;
};

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": eras of 400 years starting on 1 March, so
// that the leap day falls at the end of the computational year.
int32_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const int yoe = year - era * 400;                                       // [0, 399]
  const int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;  // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                  // [0, 146096]
  return era * 146097 + doe - 719468;
}

Ymd CivilFromDays(int32_t days) {
  const int64_t z = int64_t{days} + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);                        // [0, 146096]
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;    // [0, 399]
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  // [0, 365]
  const int mp = (5 * doy + 2) / 153;                                       // [0, 11]
  const int day = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const int month = mp < 10 ? mp + 3 : mp - 9;                              // [1, 12]
  const int year = static_cast<int>(yoe + era * 400) + (month <= 2 ? 1 : 0);
  return {year, month, day};
}

bool IsLeapYear(int year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Parses exactly text.size() ASCII digits; -1 if any is not a digit.
int ParseDigits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Years far outside any real date would overflow the int32 day count.
constexpr int kMinYear = -1000000;
constexpr int kMaxYear = 1000000;

}  // namespace

bool Date::IsValidYmd(int year, int month, int day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12) return false;
  return day >= 1 && day <= DaysInMonth(year, month);
}

Date Date::FromYmd(int year, int month, int day) { return FromDays(DaysFromCivil(year, month, day)); }

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int year = ParseDigits(text.substr(0, 4));
  const int month = ParseDigits(text.substr(5, 2));
  const int day = ParseDigits(text.substr(8, 2));
  if (year < 1000 || month < 0 || day < 0 || !IsValidYmd(year, month, day)) return std::nullopt;
  return FromYmd(year, month, day);
}

Date Date::EndOfMonth(int year, int month) { return FromYmd(year, month, DaysInMonth(year, month)); }

Date Date::Today() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return FromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

std::string Date::ToString() const {
  const Ymd ymd = CivilFromDays(days_);
  if (ymd.year < 0 || ymd.year > 9999) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd.year, ymd.month, ymd.day);
    return buf;
  }
  // The digits by hand: snprintf costs some 1,800 instructions, and flags and data issues write dates per household.
  char buf[10] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0'};
  auto put = [&](int at, int value, int width) {
    for (int k = at + width - 1; k >= at; --k, value /= 10) buf[k] = static_cast<char>('0' + value % 10);
  };
  put(0, ymd.year, 4);
  put(5, ymd.month, 2);
  put(8, ymd.day, 2);
  return std::string(buf, sizeof buf);
}

Date Date::AddMonths(int n) const {
  const Ymd ymd = CivilFromDays(days_);
  const int64_t months = int64_t{ymd.year} * 12 + (ymd.month - 1) + n;
  // Floor division so that months before year 0 still land in 1..12.
  const int64_t year = months >= 0 ? months / 12 : (months - 11) / 12;
  const int year_i = static_cast<int>(year);
  const int month = static_cast<int>(months - year * 12) + 1;
  const int day = ymd.day <= DaysInMonth(year_i, month) ? ymd.day : DaysInMonth(year_i, month);
  return FromYmd(year_i, month, day);
}

int AgeOn(Date birth, Date on) {
  const Ymd b = CivilFromDays(birth.days());
  const Ymd o = CivilFromDays(on.days());
  int anniversary_month = b.month;
  int anniversary_day = b.day;
  if (b.month == 2 && b.day == 29 && !IsLeapYear(o.year)) {
    anniversary_month = 3;  // semantics §9: a 29 February birthday is reached on 1 March in common years
    anniversary_day = 1;
  }
  const bool before_anniversary =
      o.month < anniversary_month || (o.month == anniversary_month && o.day < anniversary_day);
  return o.year - b.year - (before_anniversary ? 1 : 0);
}

int MonthsBetween(Date a, Date b) {
  const Ymd from = CivilFromDays(a.days());
  const Ymd to = CivilFromDays(b.days());
  const int months = (to.year - from.year) * 12 + (to.month - from.month);
  return months - (to.day < from.day ? 1 : 0);
}

}  // namespace jiuzhu
