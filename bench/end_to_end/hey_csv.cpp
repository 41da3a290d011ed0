#include "bench/end_to_end/hey_csv.hpp"

#include <charconv>
#include <stdexcept>
#include <string>

namespace birthday::bench::end_to_end {
namespace {

constexpr std::string_view kHeader =
    "response-time,DNS+dialup,DNS,Request-write,Response-delay,Response-read,status-code,offset";
constexpr std::size_t kColumns = 8;

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const std::size_t end = line.find(separator, start);
    fields.push_back(line.substr(start, end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

template <typename Number>
Number number_from(std::string_view field, std::string_view line) {
  Number value{};
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc{} || end != field.data() + field.size())
    throw std::runtime_error("hey csv: not a number in row: " + std::string(line));
  return value;
}

}  // namespace

std::vector<HeyRequest> parse_hey_csv(std::string_view csv) {
  std::vector<std::string_view> lines = split(csv, '\n');
  if (lines.empty() || lines.front() != kHeader)
    throw std::runtime_error("hey csv: unexpected header: " + std::string(lines.empty() ? "" : lines.front()));

  std::vector<HeyRequest> requests;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) continue;
    const std::vector<std::string_view> fields = split(line, ',');
    if (fields.size() != kColumns) throw std::runtime_error("hey csv: expected 8 columns in row: " + std::string(line));
    requests.push_back({number_from<double>(fields[0], line) * 1000.0, number_from<int>(fields[6], line),
                        number_from<double>(fields[7], line)});
  }
  return requests;
}

}  // namespace birthday::bench::end_to_end
