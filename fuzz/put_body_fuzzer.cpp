// A PUT body → its dateOfBirth text → a date → "before today". A date accepted is exactly the
// text it was read from (YYYY-MM-DD, years 0001-9999), and the raw input as a date text too.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_property.hpp"
#include "service/calendar.hpp"
#include "service/validation.hpp"

namespace {

using namespace std::chrono;
using birthday::fuzz::require;

void check_date_text(std::string_view text) {
  const auto date = birthday::parse_date_of_birth(text);
  if (!date) return;
  require(date.value().ok(), "an accepted date is a real date");
  require(birthday::format_iso_date(date.value()) == text, "an accepted date is written back as it was read");
  const birthday::Status before = birthday::validate_before_today(date.value(), sys_days{2024y / May / 17});
  require(before.ok() == (sys_days{date.value()} < sys_days{2024y / May / 17}), "before today means before");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  check_date_text(input);
  const auto text = birthday::date_of_birth_text(input);
  if (text) check_date_text(text.value());
  return 0;
}
