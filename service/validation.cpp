#include "service/validation.hpp"

#include <algorithm>
#include <cstddef>

#include <nlohmann/json.hpp>

#include "service/calendar.hpp"
#include "service/json_document.hpp"

namespace birthday {
namespace {

constexpr std::size_t max_username_length = 64;

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

}  // namespace

Status validate_username(std::string_view username) {
  if (username.empty()) return Error{ErrorKind::InvalidUsername, "username is empty"};
  if (username.size() > max_username_length) {
    return Error{ErrorKind::InvalidUsername, "username has " + std::to_string(username.size()) + " characters"};
  }
  if (!std::all_of(username.begin(), username.end(), is_ascii_letter)) {
    return Error{ErrorKind::InvalidUsername, "username has a character that is not an ASCII letter"};
  }
  return ok();
}

Result<std::string> date_of_birth_text(std::string_view body) {
  const nlohmann::json document = parse_json_document(body);
  if (document.is_discarded()) return Error{ErrorKind::InvalidBody, "body is not valid JSON"};
  if (!document.is_object()) {
    return Error{ErrorKind::InvalidBody, std::string("body is a JSON ") + document.type_name() + ", not an object"};
  }
  const auto member = document.find("dateOfBirth");
  if (member == document.end()) return Error{ErrorKind::InvalidBody, "body has no dateOfBirth member"};
  if (!member->is_string()) {
    return Error{ErrorKind::InvalidBody, std::string("dateOfBirth is a JSON ") + member->type_name() + ", not a string"};
  }
  return member->get<std::string>();
}

Result<std::chrono::year_month_day> parse_date_of_birth(std::string_view text) {
  if (const auto date = parse_iso_date(text)) return *date;
  return Error{ErrorKind::InvalidDate, "dateOfBirth is not a YYYY-MM-DD date (" + std::to_string(text.size()) +
                                           " bytes)"};
}

Status validate_before_today(std::chrono::year_month_day date_of_birth, std::chrono::sys_days today) {
  const std::chrono::sys_days date{date_of_birth};
  if (date < today) return ok();
  return Error{ErrorKind::DateNotInPast, date == today ? "dateOfBirth is today" : "dateOfBirth is in the future"};
}

}  // namespace birthday
