#include "jiuzhu/date.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

namespace Catch {
template <>
struct StringMaker<jiuzhu::Date> {
  static std::string convert(jiuzhu::Date d) { return d.ToString(); }
};
}  // namespace Catch

namespace jiuzhu {
namespace {

Date D(const char* text) {
  std::optional<Date> d = Date::Parse(text);
  REQUIRE(d.has_value());
  return *d;
}

TEST_CASE("Dates count days from 1970-01-01", "[base][date]") {
  struct Row {
    int year;
    int month;
    int day;
    int32_t days;
  };
  // Day numbers checked against Python's datetime.date.
  const Row row = GENERATE(values<Row>({
      {1970, 1, 1, 0},
      {1969, 12, 31, -1},
      {2000, 1, 1, 10957},
      {2024, 2, 29, 19782},
      {1900, 3, 1, -25508},
      {1000, 1, 1, -354285},
      {9999, 12, 31, 2932896},
      {1, 1, 1, -719162},
  }));
  CAPTURE(row.year, row.month, row.day);
  const Date d = Date::FromYmd(row.year, row.month, row.day);
  CHECK(d.days() == row.days);
  CHECK(d.year() == row.year);
  CHECK(d.month() == row.month);
  CHECK(d.day() == row.day);
  CHECK(Date::FromDays(row.days) == d);
}

TEST_CASE("Every day of 1600 to 2400 survives a round trip through year, month and day", "[base][date]") {
  const Date first = Date::FromYmd(1600, 1, 1);
  const Date last = Date::FromYmd(2400, 12, 31);
  int failures = 0;
  int year = 1600;
  int month = 1;
  int day = 1;
  for (int32_t n = first.days(); n <= last.days(); ++n) {
    const Date d = Date::FromDays(n);
    if (d.year() != year || d.month() != month || d.day() != day) ++failures;
    if (Date::IsValidYmd(year, month, day + 1)) {
      ++day;
    } else {
      day = 1;
      if (++month > 12) {
        month = 1;
        ++year;
      }
    }
  }
  CHECK(failures == 0);
  CHECK(year == 2401);
}

TEST_CASE("Leap years follow the Gregorian rule", "[base][date]") {
  CHECK(Date::IsValidYmd(2024, 2, 29));
  CHECK(Date::IsValidYmd(2000, 2, 29));  // divisible by 400
  CHECK_FALSE(Date::IsValidYmd(1900, 2, 29));  // divisible by 100 only
  CHECK_FALSE(Date::IsValidYmd(2100, 2, 29));
  CHECK_FALSE(Date::IsValidYmd(2023, 2, 29));
  CHECK(Date::FromYmd(1900, 2, 28).AddDays(1) == Date::FromYmd(1900, 3, 1));
  CHECK(Date::FromYmd(2000, 2, 28).AddDays(1) == Date::FromYmd(2000, 2, 29));
  CHECK(Date::EndOfMonth(2024, 2).day() == 29);
  CHECK(Date::EndOfMonth(2023, 2).day() == 28);
  CHECK(Date::EndOfMonth(1900, 2).day() == 28);
  CHECK(Date::EndOfMonth(2000, 2).day() == 29);
}

TEST_CASE("IsValidYmd rejects impossible months and days", "[base][date]") {
  CHECK(Date::IsValidYmd(2024, 4, 30));
  CHECK_FALSE(Date::IsValidYmd(2024, 4, 31));
  CHECK(Date::IsValidYmd(2024, 12, 31));
  CHECK_FALSE(Date::IsValidYmd(2024, 13, 1));
  CHECK_FALSE(Date::IsValidYmd(2024, 0, 1));
  CHECK_FALSE(Date::IsValidYmd(2024, 1, 0));
  CHECK_FALSE(Date::IsValidYmd(2024, 1, 32));
  CHECK_FALSE(Date::IsValidYmd(2024, -1, 1));
}

TEST_CASE("Parse accepts real YYYY-MM-DD days", "[base][date]") {
  const char* text = GENERATE("2024-02-29", "2000-02-29", "1000-01-01", "9999-12-31", "1970-01-01", "2026-03-01");
  CAPTURE(text);
  std::optional<Date> d = Date::Parse(text);
  REQUIRE(d.has_value());
  CHECK(d->ToString() == text);
}

TEST_CASE("Parse rejects anything else", "[base][date]") {
  const char* text = GENERATE("", "2024-2-29", "2024-02-9", "2024/02/29", "20240229", "2024-02-30", "2023-02-29",
                              "1900-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "0999-12-31", "0000-01-01",
                              " 2024-01-01", "2024-01-01 ", "2024-01-01T00", "+024-01-01", "-024-01-01",
                              "2024-+1-01", "2024-1a-01", "10000-01-01");
  CAPTURE(text);
  CHECK_FALSE(Date::Parse(text).has_value());
}

TEST_CASE("ToString pads to YYYY-MM-DD", "[base][date]") {
  CHECK(Date().ToString() == "1970-01-01");
  CHECK(Date::FromYmd(2024, 3, 5).ToString() == "2024-03-05");
  CHECK(Date::FromYmd(1000, 10, 10).ToString() == "1000-10-10");
}

TEST_CASE("Dates order by day", "[base][date]") {
  CHECK(D("2024-02-28") < D("2024-02-29"));
  CHECK(D("2023-12-31") < D("2024-01-01"));
  CHECK(D("2024-01-01") == D("2024-01-01"));
  CHECK(D("2024-01-01").AddDays(-1) == D("2023-12-31"));
  CHECK(D("2024-02-28").AddDays(2) == D("2024-03-01"));
  CHECK(D("2023-02-28").AddDays(2) == D("2023-03-02"));
}

TEST_CASE("AddMonths keeps the day or takes the month's last day", "[base][date]") {
  struct Row {
    const char* from;
    int months;
    const char* to;
  };
  const Row row = GENERATE(values<Row>({
      {"2024-08-31", 6, "2025-02-28"},
      {"2024-01-31", 1, "2024-02-29"},
      {"2023-01-31", 1, "2023-02-28"},
      {"2024-03-31", 1, "2024-04-30"},
      {"2024-01-15", 1, "2024-02-15"},
      {"2024-02-29", 12, "2025-02-28"},
      {"2024-02-29", 48, "2028-02-29"},
      {"2024-11-30", 3, "2025-02-28"},
      {"2024-12-31", 12, "2025-12-31"},
      {"2024-05-31", 0, "2024-05-31"},
      {"2024-03-31", -1, "2024-02-29"},
      {"2024-01-15", -1, "2023-12-15"},
      {"2024-01-15", -13, "2022-12-15"},
      {"2023-06-30", 18, "2024-12-30"},
      {"1899-12-31", 2, "1900-02-28"},
  }));
  CAPTURE(row.from, row.months);
  CHECK(D(row.from).AddMonths(row.months).ToString() == row.to);
}

TEST_CASE("LastDayOfMonth and EndOfMonth give the month's last day", "[base][date]") {
  CHECK(D("2024-02-10").LastDayOfMonth() == D("2024-02-29"));
  CHECK(D("2024-04-01").LastDayOfMonth() == D("2024-04-30"));
  CHECK(D("2024-12-31").LastDayOfMonth() == D("2024-12-31"));
  CHECK(Date::EndOfMonth(2025, 1) == D("2025-01-31"));
}

TEST_CASE("AgeOn counts completed years", "[base][date]") {
  struct Row {
    const char* birth;
    const char* on;
    int age;
  };
  const Row row = GENERATE(values<Row>({
      {"2008-06-15", "2026-06-14", 17},  // day before the 18th birthday
      {"2008-06-15", "2026-06-15", 18},  // the birthday itself
      {"2008-06-15", "2026-06-16", 18},
      {"1966-01-01", "2025-12-31", 59},
      {"1966-01-01", "2026-01-01", 60},
      {"2008-02-29", "2026-02-28", 17},  // common year: not yet
      {"2008-02-29", "2026-03-01", 18},  // common year: reached on 1 March
      {"2008-02-29", "2028-02-28", 19},
      {"2008-02-29", "2028-02-29", 20},  // leap year: on the day
      {"2008-02-29", "2100-02-28", 91},  // 2100 is not a leap year
      {"2008-02-29", "2100-03-01", 92},
      {"2007-03-01", "2026-02-28", 18},
      {"2007-03-01", "2026-03-01", 19},
      {"2024-05-10", "2024-05-10", 0},
      {"2024-05-10", "2024-05-09", -1},  // before birth
      {"2024-05-10", "2023-05-10", -1},
      {"2024-05-10", "2023-05-09", -2},
  }));
  CAPTURE(row.birth, row.on);
  CHECK(AgeOn(D(row.birth), D(row.on)) == row.age);
}

TEST_CASE("MonthsBetween counts whole calendar months", "[base][date]") {
  struct Row {
    const char* a;
    const char* b;
    int months;
  };
  const Row row = GENERATE(values<Row>({
      {"2024-01-31", "2024-02-29", 0},
      {"2024-01-31", "2024-03-31", 2},
      {"2024-01-31", "2024-03-30", 1},
      {"2024-01-15", "2024-01-15", 0},
      {"2024-01-15", "2024-02-14", 0},
      {"2024-01-15", "2024-02-15", 1},
      {"2023-06-30", "2024-06-30", 12},
      {"2023-06-30", "2024-06-29", 11},
      {"2024-03-15", "2024-03-10", -1},
      {"2024-03-15", "2024-01-20", -2},
      {"2024-03-15", "2024-01-15", -2},
      {"2024-03-15", "2024-01-10", -3},
  }));
  CAPTURE(row.a, row.b);
  CHECK(MonthsBetween(D(row.a), D(row.b)) == row.months);
}

TEST_CASE("Today is the local calendar date", "[base][date]") {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  const Date today = Date::Today();
  // A midnight between the two reads may move the date by one day.
  const Date expected = Date::FromYmd(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
  CHECK(today >= expected);
  CHECK(today <= expected.AddDays(1));
}

}  // namespace
}  // namespace jiuzhu
