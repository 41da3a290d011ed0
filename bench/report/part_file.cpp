#include "bench/report/part_file.hpp"

#include <fstream>
#include <stdexcept>

namespace birthday::bench {
namespace {

using nlohmann::json;

const char* kind_name(Target::Kind kind) {
  switch (kind) {
    case Target::Kind::Max:
      return "max";
    case Target::Kind::Min:
      return "min";
    case Target::Kind::MaxRatio:
      return "max_ratio";
  }
  return "max";
}

std::optional<Target> target_from_json(const json& figure) {
  const auto target = figure.find("target");
  if (target == figure.end() || target->is_null()) return std::nullopt;
  for (const Target::Kind kind : {Target::Kind::Max, Target::Kind::Min, Target::Kind::MaxRatio})
    if (target->contains(kind_name(kind))) return Target{kind, target->at(kind_name(kind)).get<double>()};
  throw std::invalid_argument("a target needs max, min or max_ratio");
}

}  // namespace

json to_json(const Part& part) {
  json figures = json::array();
  for (const Figure& figure : part.figures) {
    json entry = {{"name", figure.name}, {"unit", figure.unit}, {"value", figure.value}};
    if (figure.baseline) entry["baseline"] = *figure.baseline;
    if (figure.target) entry["target"] = {{kind_name(figure.target->kind), figure.target->limit}};
    figures.push_back(std::move(entry));
  }
  return {{"section", part.section}, {"notes", part.notes}, {"figures", std::move(figures)}};
}

Part part_from_json(const json& json) {
  Part part{json.at("section").get<std::string>(), json.value("notes", std::vector<std::string>{}), {}};
  for (const auto& entry : json.at("figures")) {
    Figure figure{entry.at("name").get<std::string>(), entry.value("unit", ""), entry.at("value").get<double>(),
                  std::nullopt, target_from_json(entry)};
    if (entry.contains("baseline") && !entry["baseline"].is_null()) figure.baseline = entry["baseline"].get<double>();
    part.figures.push_back(std::move(figure));
  }
  return part;
}

void write_part(const std::filesystem::path& file, const Part& part) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file);
  out << to_json(part).dump(2) << '\n';
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

Part read_part(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return part_from_json(json::parse(in));
}

}  // namespace birthday::bench
