#include "bench/end_to_end/part_file.hpp"

#include <cmath>
#include <fstream>
#include <stdexcept>

namespace birthday::bench::end_to_end {
namespace {

// Two decimals: finer than any of these measurements can tell apart.
double rounded(double value) { return std::round(value * 100.0) / 100.0; }

}  // namespace

nlohmann::ordered_json part_document(const std::string& section, const std::vector<std::string>& notes,
                                     const std::vector<Figure>& figures) {
  nlohmann::ordered_json document = {
      {"section", section}, {"notes", notes}, {"figures", nlohmann::ordered_json::array()}};
  for (const Figure& figure : figures) {
    nlohmann::ordered_json entry = {{"name", figure.name}, {"unit", figure.unit}, {"value", rounded(figure.value)}};
    if (figure.higher_is_better) entry["higher_is_better"] = true;
    document["figures"].push_back(std::move(entry));
  }
  return document;
}

void write_part_file(const std::filesystem::path& file, const nlohmann::ordered_json& document) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file);
  out << document.dump(2) << "\n";
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace birthday::bench::end_to_end
