#include "service/calendar.hpp"

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace birthday {
namespace {

using namespace std::chrono;

year_month_day date(std::string_view text) {
  const auto parsed = parse_iso_date(text);
  EXPECT_TRUE(parsed.has_value()) << "test date " << text;
  return parsed.value_or(year_month_day{});
}

// --- days_until_birthday: the contract's table -------------------------------------------

struct DaysUntilCase {
  std::string_view date_of_birth;
  std::string_view today;
  int days;
};

void PrintTo(const DaysUntilCase& c, std::ostream* os) {
  *os << "born " << c.date_of_birth << ", today " << c.today << " -> " << c.days;
}

class DaysUntilBirthday : public testing::TestWithParam<DaysUntilCase> {};

TEST_P(DaysUntilBirthday, MatchesTheContractTable) {
  const auto& c = GetParam();
  EXPECT_EQ(days_until_birthday(date(c.date_of_birth), date(c.today)), c.days)
      << "born " << c.date_of_birth << ", today " << c.today;
}

INSTANTIATE_TEST_SUITE_P(ContractCases, DaysUntilBirthday,
                         testing::Values(DaysUntilCase{"1978-06-18", "2021-06-18", 0},
                                         DaysUntilCase{"1978-06-18", "2022-05-30", 19},
                                         DaysUntilCase{"1997-11-28", "2022-05-30", 182},
                                         DaysUntilCase{"2001-05-13", "2022-05-30", 348},
                                         DaysUntilCase{"2001-05-13", "2020-05-30", 348},
                                         DaysUntilCase{"1984-02-29", "2022-05-30", 275},
                                         DaysUntilCase{"1984-02-29", "2023-05-30", 275},
                                         DaysUntilCase{"1981-12-30", "2020-12-31", 364},
                                         DaysUntilCase{"1981-12-30", "2019-12-31", 365},
                                         DaysUntilCase{"1984-02-29", "2020-02-27", 2},
                                         DaysUntilCase{"1984-02-29", "2021-02-27", 2},
                                         DaysUntilCase{"1978-06-18", "2024-06-17", 1},
                                         DaysUntilCase{"1978-06-18", "2024-06-18", 0},
                                         DaysUntilCase{"2000-03-01", "2023-03-01", 0},
                                         DaysUntilCase{"2000-03-01", "2023-03-02", 365},
                                         DaysUntilCase{"1978-03-01", "2024-02-29", 1},
                                         DaysUntilCase{"1990-12-31", "2024-12-31", 0},
                                         DaysUntilCase{"1990-12-31", "2024-01-01", 365}));

// --- days_until_birthday: every birthday against every day of six years --------------------

// The birthday rule, stated day by day: is `day` the day a person born on `birth` celebrates?
bool is_celebrated_on(year_month_day birth, year_month_day day) {
  if (birth.month() == day.month() && birth.day() == day.day()) return true;
  const bool born_on_leap_day = birth.month() == February && birth.day() == 29d;
  return born_on_leap_day && !day.year().is_leap() && day.month() == March && day.day() == 1d;
}

TEST(DaysUntilBirthdayExhaustive, AgreesWithADayByDayWalkForEveryBirthdayFrom2023To2028) {
  const sys_days first_today{2023y / January / 1};
  const sys_days last_today{2028y / December / 31};
  // A walk from the last "today" may need up to a year more.
  const sys_days last_walked{2029y / December / 31};
  std::vector<year_month_day> calendar;
  for (sys_days d = first_today; d <= last_walked; d += days{1}) calendar.emplace_back(d);
  const auto today_count = static_cast<std::size_t>((last_today - first_today).count() + 1);

  // Every month/day of a leap year, so 29 February is among them.
  std::vector<year_month_day> births;
  for (sys_days d{1984y / January / 1}; d <= sys_days{1984y / December / 31}; d += days{1}) births.emplace_back(d);
  ASSERT_EQ(births.size(), 366u);

  long checked = 0;
  long mismatches = 0;
  long out_of_range = 0;
  std::string first_mismatch;
  for (const auto& birth : births) {
    for (std::size_t t = 0; t < today_count; ++t) {
      std::size_t walk = t;
      while (walk < calendar.size() && !is_celebrated_on(birth, calendar[walk])) ++walk;
      ASSERT_LT(walk, calendar.size()) << "the walk ran off the calendar";
      const auto expected = static_cast<int>(walk - t);
      const int actual = days_until_birthday(birth, calendar[t]);
      ++checked;
      if (actual != expected && mismatches++ == 0) {
        first_mismatch = "born " + format_iso_date(birth) + ", today " + format_iso_date(calendar[t]) + ": got " +
                         std::to_string(actual) + ", walk says " + std::to_string(expected);
      }
      if (actual < 0 || actual > 365) ++out_of_range;
    }
  }
  EXPECT_EQ(checked, 366L * 2192L);
  EXPECT_EQ(mismatches, 0) << "first mismatch: " << first_mismatch;
  EXPECT_EQ(out_of_range, 0) << "results outside 0..365";
}

// --- parse_iso_date ----------------------------------------------------------------------

struct ValidDateCase {
  std::string_view text;
  year_month_day date;
};

void PrintTo(const ValidDateCase& c, std::ostream* os) { *os << c.text; }

class ParseIsoDateAccepts : public testing::TestWithParam<ValidDateCase> {};

TEST_P(ParseIsoDateAccepts, ARealDateInExactlyYyyyMmDd) {
  const auto parsed = parse_iso_date(GetParam().text);
  ASSERT_TRUE(parsed.has_value()) << GetParam().text;
  EXPECT_EQ(*parsed, GetParam().date);
}

INSTANTIATE_TEST_SUITE_P(Texts, ParseIsoDateAccepts,
                         testing::Values(ValidDateCase{"1990-01-01", 1990y / January / 1},
                                         ValidDateCase{"0001-01-01", 1y / January / 1},
                                         ValidDateCase{"9999-12-31", 9999y / December / 31},
                                         ValidDateCase{"2024-02-29", 2024y / February / 29},
                                         ValidDateCase{"2000-02-29", 2000y / February / 29},
                                         ValidDateCase{"1990-04-30", 1990y / April / 30},
                                         ValidDateCase{"0999-09-09", 999y / September / 9}));

class ParseIsoDateRejects : public testing::TestWithParam<std::string_view> {};

TEST_P(ParseIsoDateRejects, AnythingElse) { EXPECT_FALSE(parse_iso_date(GetParam()).has_value()) << GetParam(); }

using namespace std::string_view_literals;

INSTANTIATE_TEST_SUITE_P(
    Texts, ParseIsoDateRejects,
    testing::Values("1990-02-30"sv,                // no such day
                    "1990-04-31"sv,                // no such day
                    "2023-02-29"sv,                // not a leap year
                    "1900-02-29"sv,                // century, not a leap year
                    "1990-13-01"sv,                // no such month
                    "1990-00-10"sv,                // month zero
                    "1990-01-00"sv,                // day zero
                    "1990-01-32"sv,                // no such day
                    "0000-01-01"sv,                // year zero is out of range
                    "1990-2-3"sv,                  // not zero-padded
                    "1990-02-3 "sv,                // padded with a space
                    "1990-01-01T00:00:00Z"sv,      // a timestamp
                    " 1990-01-01"sv,               // leading space
                    "1990-01-01 "sv,               // trailing space
                    "1990-01-01\n"sv,              // trailing newline
                    "+990-01-01"sv,                // a sign
                    "-990-01-01"sv,                // a sign
                    "+1990-01-01"sv,               // a sign
                    "1990/01/01"sv,                // other separators
                    "19900101"sv,                  // basic format
                    "1990-01-0\0"sv,               // embedded NUL
                    "1990-0a-01"sv,                // a letter
                    "\xef\xbc\x91\xef\xbc\x99\xef\xbc\x99\xef\xbc\x90-01-01"sv,  // full-width digits
                    "\xd9\xa1\xd9\xa9-01-01"sv,    // Arabic-Indic digits, 10 bytes with dashes in place
                    "10000-01-01"sv,               // five-digit year
                    ""sv));

// --- format_iso_date -----------------------------------------------------------------------

TEST(FormatIsoDate, ZeroPadsEveryField) {
  EXPECT_EQ(format_iso_date(1y / January / 2), "0001-01-02");
  EXPECT_EQ(format_iso_date(999y / September / 9), "0999-09-09");
  EXPECT_EQ(format_iso_date(9999y / December / 31), "9999-12-31");
  EXPECT_EQ(format_iso_date(2024y / February / 29), "2024-02-29");
}

TEST(FormatIsoDate, RoundTripsWithParseForEveryDayOfALeapYear) {
  for (sys_days d{2024y / January / 1}; d <= sys_days{2024y / December / 31}; d += days{1}) {
    const year_month_day date{d};
    EXPECT_EQ(parse_iso_date(format_iso_date(date)), date);
  }
}

}  // namespace
}  // namespace birthday
