#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace birthday::bench {

// What a figure must meet: at most / at least a value, or at most a ratio to its baseline.
struct Target {
  enum class Kind { Max, Min, MaxRatio };
  Kind kind;
  double limit;
};

struct Figure {
  std::string name;
  std::string unit;
  double value = 0;
  std::optional<double> baseline{};  // the naive baseline's figure, same unit
  std::optional<Target> target{};
};

// One benchmark's results: a section of the report (bench/results/parts/<name>.json).
struct Part {
  std::string section;
  std::vector<std::string> notes;
  std::vector<Figure> figures;
};

nlohmann::json to_json(const Part& part);
Part part_from_json(const nlohmann::json& json);  // throws nlohmann::json::exception if malformed

void write_part(const std::filesystem::path& file, const Part& part);
Part read_part(const std::filesystem::path& file);

}  // namespace birthday::bench
