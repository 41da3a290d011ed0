// Assembles bench/results/latest.md and latest.json from the part files the process
// benchmarks wrote and the micro benchmarks' JSON outputs, prints the Markdown, and fails when
// a figure misses its target.
#include <gflags/gflags.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "bench/report/report.hpp"

DEFINE_string(parts_dir, "bench/results/parts", "the part files (*.json) of the process benchmarks");
DEFINE_string(micro_dir, "bench/results/micro", "Google Benchmark JSON outputs (*.json)");
DEFINE_string(output_dir, "bench/results", "where latest.md and latest.json go");

namespace {

namespace fs = std::filesystem;

std::vector<fs::path> json_files(const fs::path& directory) {
  std::vector<fs::path> files;
  std::error_code ignored;
  for (const auto& entry : fs::directory_iterator(directory, ignored))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// The order a reader wants: the cold start first, then warm, then end to end, then the rest.
int rank(const fs::path& part) {
  const std::string name = part.stem().string();
  for (int index = 0; const char* first : {"cold_start", "warm", "end_to_end"}) {
    if (name == first) return index;
    ++index;
  }
  return 3;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  gflags::ParseCommandLineFlags(&argc, &argv, true);
  using namespace birthday::bench;
  try {
    Report report{this_machine(), utc_now(), {}, {}};
    std::vector<fs::path> parts = json_files(FLAGS_parts_dir);
    std::stable_sort(parts.begin(), parts.end(), [](const fs::path& a, const fs::path& b) { return rank(a) < rank(b); });
    for (const fs::path& part : parts) report.parts.push_back(read_part(part));
    for (const fs::path& output : json_files(FLAGS_micro_dir)) {
      std::ifstream in(output);
      for (MicroBenchmark& benchmark : micro_benchmarks_from_json(nlohmann::json::parse(in)))
        report.micro_benchmarks.push_back(std::move(benchmark));
    }
    fs::create_directories(FLAGS_output_dir);
    const std::string markdown = report_markdown(report);
    std::ofstream(fs::path(FLAGS_output_dir) / "latest.md") << markdown;
    std::ofstream(fs::path(FLAGS_output_dir) / "latest.json") << report_json(report).dump(2) << '\n';
    std::cout << markdown << std::flush;
    const auto missed = missed_targets(report);
    for (const std::string& figure : missed) std::fprintf(stderr, "bench: target missed: %s\n", figure.c_str());
    return missed.empty() ? 0 : 1;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_report_writer: %s\n", error.what());
    return 2;
  }
}
