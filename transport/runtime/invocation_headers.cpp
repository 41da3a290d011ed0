#include "transport/runtime/invocation_headers.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "service/ascii.hpp"

namespace birthday::runtime {
namespace {

// A payload larger than Lambda ever sends is not worth reserving for up front.
constexpr std::size_t max_reserved_payload = 8 * 1024 * 1024;

std::uint64_t parse_unsigned(std::string_view digits) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return error == std::errc() && end == digits.data() + digits.size() ? value : 0;
}

// The system clock counts nanoseconds in 64 bits, which ends in the year 2262: a later deadline
// is clamped to the clock's last representable millisecond instead of overflowing into the past.
std::chrono::system_clock::time_point deadline_from_epoch_ms(std::uint64_t epoch_ms) {
  constexpr auto latest = std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::duration::max());
  const auto clamped = std::min(epoch_ms, static_cast<std::uint64_t>(latest.count()));
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(static_cast<std::int64_t>(clamped)));
}

}  // namespace

void read_invocation_header(std::string_view line, Invocation& invocation) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;  // the status line or the blank line ending the block
  const std::string_view name = ascii::trim(line.substr(0, colon));
  const std::string_view value = ascii::trim(line.substr(colon + 1));
  if (ascii::equal_ignoring_case(name, "lambda-runtime-aws-request-id")) {
    invocation.request_id.assign(value);
  } else if (ascii::equal_ignoring_case(name, "lambda-runtime-deadline-ms")) {
    invocation.deadline = deadline_from_epoch_ms(parse_unsigned(value));
  } else if (ascii::equal_ignoring_case(name, "lambda-runtime-trace-id")) {
    invocation.trace_id.assign(value);
  } else if (ascii::equal_ignoring_case(name, "lambda-runtime-invoked-function-arn")) {
    invocation.function_arn.assign(value);
  } else if (ascii::equal_ignoring_case(name, "content-length")) {
    invocation.payload.reserve(std::min<std::size_t>(parse_unsigned(value), max_reserved_payload));
  }
}

}  // namespace birthday::runtime
