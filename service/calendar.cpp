#include "service/calendar.hpp"

#include <cstddef>

namespace birthday {
namespace {

using namespace std::chrono;

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// The value of text[first, first + count), which the caller has checked is all ASCII digits.
unsigned digits_value(std::string_view text, std::size_t first, std::size_t count) {
  unsigned value = 0;
  for (std::size_t i = first; i < first + count; ++i) value = value * 10 + static_cast<unsigned>(text[i] - '0');
  return value;
}

void append_digits(std::string& out, unsigned value, std::size_t width) {
  std::string digits(width, '0');
  for (std::size_t i = width; i > 0 && value > 0; --i, value /= 10) digits[i - 1] = static_cast<char>('0' + value % 10);
  out += digits;
}

// The day this year on which the birthday is celebrated.
sys_days birthday_in(year y, month_day birthday) {
  if (birthday == February / 29 && !y.is_leap()) return sys_days{y / March / 1};
  return sys_days{y / birthday};
}

}  // namespace

std::optional<year_month_day> parse_iso_date(std::string_view text) {
  constexpr std::string_view pattern = "DDDD-DD-DD";
  if (text.size() != pattern.size()) return std::nullopt;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const bool shape_ok = pattern[i] == '-' ? text[i] == '-' : is_ascii_digit(text[i]);
    if (!shape_ok) return std::nullopt;
  }
  const year_month_day date{year{static_cast<int>(digits_value(text, 0, 4))}, month{digits_value(text, 5, 2)},
                            day{digits_value(text, 8, 2)}};
  if (!date.ok() || date.year() < year{1}) return std::nullopt;
  return date;
}

std::string format_iso_date(year_month_day date) {
  std::string text;
  text.reserve(10);
  append_digits(text, static_cast<unsigned>(static_cast<int>(date.year())), 4);
  text += '-';
  append_digits(text, static_cast<unsigned>(date.month()), 2);
  text += '-';
  append_digits(text, static_cast<unsigned>(date.day()), 2);
  return text;
}

int days_until_birthday(year_month_day date_of_birth, year_month_day today) {
  const month_day birthday{date_of_birth.month(), date_of_birth.day()};
  const sys_days from{today};
  sys_days next = birthday_in(today.year(), birthday);
  if (next < from) next = birthday_in(today.year() + years{1}, birthday);
  return static_cast<int>((next - from).count());
}

}  // namespace birthday
