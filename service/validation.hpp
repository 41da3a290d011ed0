#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "service/result.hpp"

namespace birthday {

// The contract's input checks, in the order the service runs them. Error details are for
// the log, so they describe what was wrong without repeating the username or the date.

// 1 to 64 ASCII letters (A-Z, a-z). Otherwise InvalidUsername.
Status validate_username(std::string_view username);

// The text of the string member "dateOfBirth" of a JSON object body; other members are
// ignored, and of duplicate members the last one counts. Otherwise InvalidBody.
Result<std::string> date_of_birth_text(std::string_view body);

// A date per parse_iso_date. Otherwise InvalidDate.
Result<std::chrono::year_month_day> parse_date_of_birth(std::string_view text);

// The date must be strictly before `today`. Otherwise DateNotInPast.
Status validate_before_today(std::chrono::year_month_day date_of_birth, std::chrono::sys_days today);

}  // namespace birthday
