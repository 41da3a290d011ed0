#include "bench/report/report.hpp"

#include <sys/utsname.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace birthday::bench {
namespace {

using nlohmann::json;

std::string number(double value) {
  char text[32];
  if (value != 0 && (value >= 1000 || value <= -1000 || value == static_cast<long long>(value)))
    std::snprintf(text, sizeof text, "%.0f", value);
  else if (value >= 10 || value <= -10)
    std::snprintf(text, sizeof text, "%.1f", value);
  else
    std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

std::string pass_word(const Figure& figure) {
  const auto met = meets_target(figure);
  if (!met) return "";
  return *met ? "pass" : "**FAIL**";
}

}  // namespace

Machine this_machine() {
  Machine machine;
  machine.cores = std::thread::hardware_concurrency();
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.starts_with("model name")) {
      machine.cpu_model = line.substr(line.find(':') + 2);
      break;
    }
  }
  utsname names{};
  if (uname(&names) == 0) machine.kernel = std::string(names.sysname) + " " + names.release;
  return machine;
}

std::vector<MicroBenchmark> micro_benchmarks_from_json(const json& output) {
  std::vector<MicroBenchmark> benchmarks;
  for (const json& entry : output.at("benchmarks")) {
    if (entry.value("error_occurred", false)) continue;
    // Of a repeated benchmark only the median of its repetitions; the runs and other statistics
    // (some of them, like the coefficient of variation, not times at all) stay in the JSON.
    const bool aggregate = entry.value("run_type", "") == "aggregate";
    if (aggregate ? entry.value("aggregate_name", "") != "median" : entry.value("repetitions", 1) > 1) continue;
    benchmarks.push_back({entry.at("name").get<std::string>(), entry.value("real_time", 0.0),
                          entry.value("cpu_time", 0.0), entry.value("time_unit", "ns")});
  }
  return benchmarks;
}

std::optional<double> ratio_to_baseline(const Figure& figure) {
  if (!figure.baseline || *figure.baseline == 0) return std::nullopt;
  return figure.value / *figure.baseline;
}

std::optional<bool> meets_target(const Figure& figure) {
  if (!figure.target) return std::nullopt;
  switch (figure.target->kind) {
    case Target::Kind::Max:
      return figure.value <= figure.target->limit;
    case Target::Kind::Min:
      return figure.value >= figure.target->limit;
    case Target::Kind::MaxRatio: {
      const auto ratio = ratio_to_baseline(figure);
      return ratio && *ratio <= figure.target->limit;
    }
  }
  return std::nullopt;
}

std::string describe_target(const Target& target, const std::string& unit) {
  switch (target.kind) {
    case Target::Kind::Max:
      return "≤ " + number(target.limit) + " " + unit;
    case Target::Kind::Min:
      return "≥ " + number(target.limit) + " " + unit;
    case Target::Kind::MaxRatio:
      return "≤ " + number(target.limit) + "× baseline";
  }
  return "";
}

std::vector<std::string> missed_targets(const Report& report) {
  std::vector<std::string> missed;
  for (const Part& part : report.parts)
    for (const Figure& figure : part.figures)
      if (meets_target(figure) == false) missed.push_back(part.section + ": " + figure.name);
  return missed;
}

json report_json(const Report& report) {
  json parts = json::array();
  for (const Part& part : report.parts) {
    json entry = to_json(part);
    for (std::size_t i = 0; i < part.figures.size(); ++i) {
      if (const auto ratio = ratio_to_baseline(part.figures[i])) entry["figures"][i]["ratio"] = *ratio;
      if (const auto met = meets_target(part.figures[i])) entry["figures"][i]["pass"] = *met;
    }
    parts.push_back(std::move(entry));
  }
  json micro = json::array();
  for (const MicroBenchmark& benchmark : report.micro_benchmarks)
    micro.push_back({{"name", benchmark.name}, {"real_time", benchmark.real_time}, {"cpu_time", benchmark.cpu_time},
                     {"time_unit", benchmark.time_unit}});
  return {{"generated_at", report.generated_at},
          {"machine", {{"cores", report.machine.cores}, {"cpu_model", report.machine.cpu_model},
                       {"kernel", report.machine.kernel}}},
          {"parts", std::move(parts)},
          {"micro_benchmarks", std::move(micro)}};
}

std::string report_markdown(const Report& report) {
  std::ostringstream out;
  out << "# Benchmark report\n\n"
      << report.generated_at << " on " << report.machine.cores << " cores, " << report.machine.cpu_model << ", "
      << report.machine.kernel << ".\n";
  for (const Part& part : report.parts) {
    out << "\n## " << part.section << "\n\n";
    for (const std::string& note : part.notes) out << note << "\n\n";
    out << "| figure | ours | baseline | ratio | target | |\n|---|---:|---:|---:|---|---|\n";
    for (const Figure& figure : part.figures) {
      const auto ratio = ratio_to_baseline(figure);
      out << "| " << figure.name << " | " << number(figure.value) << " " << figure.unit << " | "
          << (figure.baseline ? number(*figure.baseline) + " " + figure.unit : "") << " | "
          << (ratio ? number(*ratio) + "×" : "") << " | "
          << (figure.target ? describe_target(*figure.target, figure.unit) : "") << " | " << pass_word(figure)
          << " |\n";
    }
  }
  if (!report.micro_benchmarks.empty()) {
    out << "\n## Micro benchmarks (Google Benchmark)\n\n| benchmark | real time | CPU time |\n|---|---:|---:|\n";
    for (const MicroBenchmark& benchmark : report.micro_benchmarks)
      out << "| " << benchmark.name << " | " << number(benchmark.real_time) << " " << benchmark.time_unit << " | "
          << number(benchmark.cpu_time) << " " << benchmark.time_unit << " |\n";
  }
  const std::vector<std::string> missed = missed_targets(report);
  out << "\n" << (missed.empty() ? "Every target met." : std::to_string(missed.size()) + " target(s) missed.") << "\n";
  return out.str();
}

}  // namespace birthday::bench
