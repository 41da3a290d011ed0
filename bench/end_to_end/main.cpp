// end_to_end_bench: the local stack `make run` starts (dynalite + the local gateway + the real
// bootstraps) under hey on loopback: one PUT, then GET at concurrency 1 and 16. Writes a part
// file of the benchmark report (bench/results/parts/end_to_end.json under `make bench`).
#include <gflags/gflags.h>
#include <httplib.h>
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "bench/end_to_end/get_load_phase.hpp"
#include "bench/end_to_end/hey_runner.hpp"
#include "bench/end_to_end/local_stack.hpp"
#include "bench/report/part_file.hpp"

DEFINE_string(output, "", "the part file to write (JSON)");
DEFINE_double(seconds, 10, "how long to load at each concurrency");
DEFINE_double(warmup_seconds, 2, "GETs at concurrency 16 before measuring, so every instance is warm");
DEFINE_string(hey, "", "hey's path (default: hey on PATH)");
DEFINE_string(gateway, LOCAL_GATEWAY_PATH, "the local-gateway binary");
DEFINE_string(functions_dir, PROJECT_BINARY_DIR "/functions", "the built functions: <name>/bootstrap");
DEFINE_string(template_file, PROJECT_SOURCE_DIR "/template.yaml", "the SAM template the gateway reads");

namespace {

using namespace birthday::bench::end_to_end;
using birthday::bench::Figure;
using birthday::bench::Part;

constexpr char kSection[] = "End to end: local gateway + dynalite under hey";
constexpr char kUserPath[] = "/hello/benchmarkuser";
constexpr int kConcurrencies[] = {1, 16};

void put_the_user(const LocalStack& stack) {
  httplib::Client client(stack.base_url());
  client.set_read_timeout(std::chrono::seconds(10));
  const auto answer = client.Put(kUserPath, R"({"dateOfBirth":"1990-05-17"})", "application/json");
  if (!answer || answer->status != 204)
    throw std::runtime_error(
        "the PUT was not answered 204: " +
        (answer ? std::to_string(answer->status) + " " + answer->body : httplib::to_string(answer.error())));
}

std::string fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

std::vector<Figure> figures_of(int concurrency, const GetLoadResult& result) {
  const std::string at = ", concurrency " + std::to_string(concurrency);
  const std::string outside = concurrency == 1 ? "Gateway overhead per GET (mean latency - function Duration)"
                                               : "Time outside the function per GET (gateway + wait for an instance)";
  return {{"GET requests/s" + at, "req/s", result.latency.requests_per_second},
          {"GET p50" + at, "ms", result.latency.p50_ms},
          {"GET p99" + at, "ms", result.latency.p99_ms},
          {"Function Duration per GET (REPORT, mean)" + at, "ms", result.function_mean_ms},
          {outside + at, "ms", result.outside_function_ms()}};
}

std::string outcome_note(int concurrency, const GetLoadResult& result) {
  return "concurrency " + std::to_string(concurrency) + ": " + std::to_string(result.latency.requests) + " GETs, " +
         (result.latency.not_200 == 0 ? "every one answered 200"
                                      : std::to_string(result.latency.not_200) + " NOT answered 200") +
         "; " + std::to_string(result.function_reports) + " REPORT lines; mean latency " +
         fixed(result.latency.mean_ms) + " ms, mean function Duration " + fixed(result.function_mean_ms) + " ms";
}

std::vector<std::string> method_notes() {
  return {
      "dynalite (in memory) and the local gateway (template.yaml, the real bootstraps, at most 4 instances per "
      "function, LOG_LEVEL=info) on free ports of 127.0.0.1; " +
          std::to_string(std::thread::hardware_concurrency()) +
          " cores shared by hey, the gateway, the functions and dynalite.",
      "One PUT, then GET " + std::string(kUserPath) + " for " + fixed(FLAGS_warmup_seconds) +
          " s at concurrency 16 (not counted, so every instance is warm), then hey for " + fixed(FLAGS_seconds) +
          " s at concurrency 1 and then 16, on kept-alive connections.",
      "Latency is hey's response-time per request (its CSV rows, to 0.1 ms), p50/p99 by nearest rank; requests/s = "
      "answers / (last answer - first request start).",
      "Gateway overhead = mean hey latency - mean function Duration, the Duration being the gateway's REPORT line for "
      "each of the same invokes (event handed out on GET /next -> response posted, as Lambda measures it). It is "
      "everything outside the function: hey's client, loopback HTTP, routing, building the payload 2.0 event, the "
      "Runtime API hand-off and mapping the result back. At concurrency 16 it also holds the wait for a free instance.",
  };
}

int run() {
  if (FLAGS_output.empty()) throw std::invalid_argument("--output=FILE is required");
  if (FLAGS_seconds <= 0) throw std::invalid_argument("--seconds must be positive");
  const std::filesystem::path hey = FLAGS_hey.empty() ? program_on_path("hey") : std::filesystem::path(FLAGS_hey);

  const LocalStack stack({FLAGS_gateway, FLAGS_template_file, FLAGS_functions_dir});
  put_the_user(stack);
  if (FLAGS_warmup_seconds > 0) run_hey(hey, {stack.base_url() + kUserPath, "GET", 16, FLAGS_warmup_seconds});

  std::vector<std::string> notes = method_notes();
  std::vector<Figure> figures;
  bool all_200 = true;
  for (const int concurrency : kConcurrencies) {
    const GetLoadResult result = measure_gets(stack, hey, kUserPath, concurrency, FLAGS_seconds);
    std::cerr << "end_to_end_bench: " << outcome_note(concurrency, result) << "\n";
    notes.push_back(outcome_note(concurrency, result));
    for (Figure& figure : figures_of(concurrency, result)) figures.push_back(std::move(figure));
    all_200 = all_200 && result.latency.requests > 0 && result.latency.not_200 == 0;
  }
  birthday::bench::write_part(FLAGS_output, Part{kSection, notes, figures});
  std::cerr << "end_to_end_bench: wrote " << FLAGS_output << "\n";
  if (!all_200) std::cerr << "end_to_end_bench: some GETs were not answered 200; the figures are not comparable\n";
  return all_200 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  gflags::SetUsageMessage("the local stack under hey: end_to_end_bench --output=bench/results/parts/end_to_end.json");
  gflags::ParseCommandLineFlags(&argc, &argv, true);
  signal(SIGPIPE, SIG_IGN);
  try {
    return run();
  } catch (const std::exception& error) {
    std::cerr << "end_to_end_bench: " << error.what() << "\n";
    return 2;
  }
}
