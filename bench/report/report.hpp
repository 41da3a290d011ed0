#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/report/part_file.hpp"

namespace birthday::bench {

struct Machine {
  unsigned cores = 0;
  std::string cpu_model;
  std::string kernel;
};

Machine this_machine();

// One Google Benchmark result (a run of a micro benchmark, or an aggregate of repetitions).
struct MicroBenchmark {
  std::string name;
  double real_time = 0;
  double cpu_time = 0;
  std::string time_unit;
};

// The benchmarks of a Google Benchmark JSON output (--benchmark_out_format=json): each run, or of
// a repeated one the median of its repetitions.
std::vector<MicroBenchmark> micro_benchmarks_from_json(const nlohmann::json& output);

struct Report {
  Machine machine;
  std::string generated_at;  // UTC, ISO 8601
  std::vector<Part> parts;
  std::vector<MicroBenchmark> micro_benchmarks;
};

std::optional<double> ratio_to_baseline(const Figure& figure);
std::optional<bool> meets_target(const Figure& figure);  // nothing when the figure has no target
std::string describe_target(const Target& target, const std::string& unit);

// Every figure that has a target and misses it, as "section: figure".
std::vector<std::string> missed_targets(const Report& report);

nlohmann::json report_json(const Report& report);
std::string report_markdown(const Report& report);

}  // namespace birthday::bench
