#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace birthday::bench::end_to_end {

// One measured figure of a benchmark report's part file.
struct Figure {
  std::string name;
  std::string unit;
  double value = 0;
  bool higher_is_better = false;
};

// {"section": ..., "notes": [...], "figures": [{"name", "unit", "value"[, "higher_is_better"]}]}, keys in
// that order so that the file reads like the report schema.
nlohmann::ordered_json part_document(const std::string& section, const std::vector<std::string>& notes,
                                     const std::vector<Figure>& figures);

// Writes the document, creating the folders on the way; throws std::runtime_error on failure.
void write_part_file(const std::filesystem::path& file, const nlohmann::ordered_json& document);

}  // namespace birthday::bench::end_to_end
