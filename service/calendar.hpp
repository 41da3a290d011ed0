#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace birthday {

// Exactly "YYYY-MM-DD": 10 ASCII characters, a real proleptic-Gregorian date, year 0001..9999.
// Anything else (other lengths, signs, spaces, times, non-ASCII digits) is nullopt.
std::optional<std::chrono::year_month_day> parse_iso_date(std::string_view text);

// "YYYY-MM-DD" for a valid date with a year in 0001..9999 (what parse_iso_date accepts).
std::string format_iso_date(std::chrono::year_month_day date);

// Whole days from `today` to the next birthday: 0 on the birthday itself, else 1..365.
// A 29 February birthday falls on 1 March in years that are not leap years.
int days_until_birthday(std::chrono::year_month_day date_of_birth, std::chrono::year_month_day today);

}  // namespace birthday
