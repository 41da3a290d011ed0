// The cold start a Lambda user waits for, and the warm path, measured for the packaged
// get-birthday function and for a naive baseline, side by side (`make bench`; `--quick` in
// `make test`). Writes two report parts: cold_start.json and warm.json. Needs root (chroot,
// cgroups, port 443).
#include <gflags/gflags.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "bench/cold_start/cpu_share.hpp"
#include "bench/cold_start/function_runs.hpp"
#include "bench/cold_start/lambda_sandbox.hpp"
#include "bench/report/part_file.hpp"
#include "bench/report/statistics.hpp"
#include "deploy/package/empty_root.hpp"
#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/testing/local_dynamodb.hpp"
#include "service/dynamodb/testing/test_pki.hpp"
#include "service/user_key.hpp"

DEFINE_int32(starts, 15, "cold starts per program and CPU column");
DEFINE_int32(warm_invokes, 10000, "invokes of one warm process");
DEFINE_int32(rss_checkpoint, 1000, "invokes after which the warm process's peak RSS is read first");
DEFINE_bool(quick, false, "a few starts and invokes: proves the harness works, measures nothing");
DEFINE_string(output_dir, "bench/results/parts", "where cold_start.json and warm.json go");
DEFINE_string(ours_zip, "", "measure this get-birthday zip (another commit's, say) instead of this build's");
DEFINE_string(ours_environment, "", "extra NAME=value settings for our function, comma-separated "
                                    "(SSL_CERT_FILE=/etc/pki/tls/certs/ca-bundle.crt: the whole bundle)");

namespace birthday::bench {
namespace {

const std::string endpoint_host = "dynamodb.us-east-1.amazonaws.com";
constexpr int https_port = 443;

struct Column {
  CpuColumn cpu;
  std::string label;
  double max_ratio;  // the target: exec → first answer, median, against the baseline's
};

const std::vector<Column> columns = {
    {CpuColumn::Full, "full CPU", 0.3},
    {CpuColumn::Share, "128 MB share", 0.2},
    {CpuColumn::ShareAfterInit, "128 MB share after a full-CPU init", 0.1},
};

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The get-birthday zip, the naive baseline and the in-memory variant, packaged alike.
std::filesystem::path package(const std::filesystem::path& output) {
  const std::string build = PROJECT_BINARY_DIR;
  const std::string command = "bash " PROJECT_SOURCE_DIR "/scripts/package.sh " + build + " " + output.string() +
                              " get-birthday=" + build + "/functions/get-birthday/bootstrap naive-baseline=" + build +
                              "/bench/cold_start/naive_bootstrap in-memory=" + build +
                              "/bench/cold_start/in_memory_bootstrap >/dev/null";
  if (std::system(command.c_str()) != 0) throw std::runtime_error("packaging failed: " + command);
  return output;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> items;
  for (std::size_t start = 0; start < list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    if (comma > start) items.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

void seed_user(const dynamodb::testing::LocalDynamoDb& store) {
  const auto repository = dynamodb::make_dynamodb_repository(store.config());
  const auto saved = repository->save(user_key_for("alice"), std::chrono::year{1990} / std::chrono::May / 17,
                                      std::chrono::steady_clock::now() + std::chrono::seconds(10));
  if (!saved) throw std::runtime_error("cannot seed the user: " + saved.error().detail);
}

// What the functions are deployed with, besides what Lambda sets itself.
std::vector<std::string> settings_with(std::vector<std::string> extra = {}) {
  std::vector<std::string> settings = {"DYNAMODB_TABLE=Birthdays",
                                       "AWS_REGION=us-east-1",
                                       "AWS_DEFAULT_REGION=us-east-1",
                                       "AWS_ACCESS_KEY_ID=ASIAQEXAMPLEBENCHKEY",
                                       "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                       "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEXAMPLETOKEN",
                                       "AWS_LAMBDA_FUNCTION_NAME=get-birthday",
                                       "AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
                                       "AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/get-birthday",
                                       "AWS_LAMBDA_INITIALIZATION_TYPE=on-demand"};
  settings.insert(settings.end(), extra.begin(), extra.end());
  return settings;
}

void add_pair(Part& part, const std::string& name, const std::string& unit, const std::vector<double>& ours,
              const std::vector<double>& baseline, double high, std::optional<Target> target_of_median = {}) {
  part.figures.push_back({name + ", median", unit, median(ours), median(baseline), target_of_median});
  part.figures.push_back({name + ", p" + std::to_string(static_cast<int>(high * 100)), unit, percentile(ours, high),
                          percentile(baseline, high), std::nullopt});
}

Part measure_cold_starts(const SandboxedFunction& ours, const SandboxedFunction& naive,
                         int starts) {
  Part part{"Cold start: the packaged get-birthday zip vs a naive libcurl baseline", {}, {}};
  part.notes.push_back(std::to_string(starts) + " cold starts per program and column, the two programs interleaved. "
                       "Each from its zip unpacked as /var/task of an otherwise empty root (chroot) with "
                       "Lambda's environment, AL2023's trust store path (Debian's whole bundle plus a "
                       "stand-in root), /etc/hosts sending " + endpoint_host + " to dynalite over TLS on "
                       "127.0.0.1:443; no SSL_CERT_FILE, no endpoint override.");
  part.notes.push_back("init: exec → first GET /next. first answer: event handed out → response posted. "
                       "exec → first answer: their sum. Every first answer is checked to be a 200 greeting. "
                       "CPU time: user + system of the process, which is what the 128 MB share rations.");
  part.notes.push_back(std::string("The zip ") + (ours.sandbox->ships_its_own_trust_store() ? "ships" : "does not ship") +
                       " its own trust store for AWS endpoints; in the sandbox the stand-in root replaces it.");
  if (!FLAGS_ours_zip.empty()) part.notes.push_back("Our zip: " + FLAGS_ours_zip + ".");
  if (!FLAGS_ours_environment.empty()) part.notes.push_back("Our extra settings: " + FLAGS_ours_environment + ".");

  std::string why_not;
  const auto quota = CpuShare::quota_for(128, std::chrono::microseconds(100'000));
  const std::unique_ptr<CpuShare> probe = CpuShare::create(quota, std::chrono::microseconds(100'000), why_not);
  if (probe) {
    part.notes.push_back("128 MB share: " + probe->mechanism() + ", quota " + std::to_string(quota.count()) +
                         " µs per 100000 µs (128/1769 of a CPU), a fresh cgroup for every start; after a "
                         "full-CPU init, the process is moved into it when its first GET /next arrives.");
  } else {
    part.notes.push_back("No cgroup could be made (" + why_not + "): the 128 MB share columns are missing.");
  }
  for (const Column& column : columns) {
    if (column.cpu != CpuColumn::Full && !probe) continue;
    std::vector<double> init[2], first[2], total[2], cpu[2];
    for (int start = 0; start < starts; ++start) {
      int side = 0;
      for (const SandboxedFunction* function : {&ours, &naive}) {
        const ColdStart measured = cold_start(*function, column.cpu);
        init[side].push_back(measured.init_ms);
        first[side].push_back(measured.first_answer_ms);
        total[side].push_back(measured.init_ms + measured.first_answer_ms);
        cpu[side].push_back(measured.cpu_ms);
        ++side;
      }
    }
    add_pair(part, column.label + ": init", "ms", init[0], init[1], 0.9);
    add_pair(part, column.label + ": first answer", "ms", first[0], first[1], 0.9);
    add_pair(part, column.label + ": exec → first answer", "ms", total[0], total[1], 0.9,
             Target{Target::Kind::MaxRatio, column.max_ratio});
    add_pair(part, column.label + ": CPU time to the first answer", "ms", cpu[0], cpu[1], 0.9);
  }
  return part;
}

Part measure_warm(const SandboxedFunction& ours, const SandboxedFunction& naive, const SandboxedFunction& ours_in_memory,
                  const SandboxedFunction& naive_in_memory, std::size_t checkpoint, std::size_t total) {
  Part part{"Warm: one process answering GET invokes over the Runtime API, full CPU", {}, {}};
  part.notes.push_back(std::to_string(total) + " invokes per process; turnaround is event handed out → response "
                       "posted, every invoke but the cold first. Peak RSS (VmHWM) and anonymous RSS (RssAnon) are read after " +
                       std::to_string(checkpoint) + " and after " + std::to_string(total) +
                       " invokes, while the process waits for the next one.");
  const WarmRun memory = warm_run(ours_in_memory, checkpoint, total);
  const WarmRun memory_baseline = warm_run(naive_in_memory, checkpoint, total);
  add_pair(part, "GET turnaround, in-memory store", "ms", memory.turnaround_ms, memory_baseline.turnaround_ms, 0.99);
  const WarmRun dynamodb = warm_run(ours, checkpoint, total);
  const WarmRun dynamodb_baseline = warm_run(naive, checkpoint, total);
  add_pair(part, "GET turnaround, dynalite over HTTPS", "ms", dynamodb.turnaround_ms, dynamodb_baseline.turnaround_ms,
           0.99);
  const auto kib = [](long value) { return static_cast<double>(value); };
  const std::string first = std::to_string(checkpoint), last = std::to_string(total);
  part.figures.push_back({"max RSS after " + first + " invokes (dynalite)", "KiB",
                          kib(dynamodb.after_checkpoint.max_rss_kib), kib(dynamodb_baseline.after_checkpoint.max_rss_kib)});
  part.figures.push_back({"max RSS after " + last + " invokes (dynalite)", "KiB",
                          kib(dynamodb.after_all.max_rss_kib), kib(dynamodb_baseline.after_all.max_rss_kib)});
  // A leak shows in anonymous memory; the peak RSS also counts code pages first run late. The
  // allowance is a page or so of the allocator settling, far below what even 8 leaked bytes an
  // invoke would add (70 KiB over 9,000 invokes); from 10,000 to 50,000 invokes both stay flat.
  const Target no_growth{Target::Kind::Max, 64};
  for (const auto& [store, ours_run, baseline_run] :
       {std::tuple{"dynalite", &dynamodb, &dynamodb_baseline}, std::tuple{"in-memory store", &memory, &memory_baseline}}) {
    const std::string between = ", " + first + " → " + last + " invokes (" + std::string(store) + ")";
    part.figures.push_back({"max RSS growth" + between, "KiB",
                            kib(ours_run->after_all.max_rss_kib - ours_run->after_checkpoint.max_rss_kib),
                            kib(baseline_run->after_all.max_rss_kib - baseline_run->after_checkpoint.max_rss_kib),
                            no_growth});
    part.figures.push_back({"anonymous RSS growth" + between, "KiB",
                            kib(ours_run->after_all.anon_rss_kib - ours_run->after_checkpoint.anon_rss_kib),
                            kib(baseline_run->after_all.anon_rss_kib - baseline_run->after_checkpoint.anon_rss_kib),
                            no_growth});
  }
  return part;
}

void run(const std::filesystem::path& output_dir, int starts, std::size_t checkpoint, std::size_t total) {
  std::string work_pattern = (std::filesystem::temp_directory_path() / "cold-start-XXXXXX").string();
  if (!mkdtemp(work_pattern.data())) throw std::runtime_error("mkdtemp failed");
  const std::filesystem::path work = work_pattern;
  struct RemoveOnExit {
    std::filesystem::path path;
    ~RemoveOnExit() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } cleanup{work};

  const std::filesystem::path dist = package(work / "dist");
  const dynamodb::testing::TestPki pki(work / "pki", endpoint_host, "Stand-in Root CA");
  dynamodb::testing::LocalDynamoDb::Options options;
  options.tls = dynamodb::testing::LocalDynamoDb::Tls{pki.server_certificate.string(), pki.server_key.string(),
                                                      pki.root_certificate.string()};
  options.port = https_port;
  const dynamodb::testing::LocalDynamoDb store(options);
  seed_user(store);

  const std::string event = read_file(PROJECT_SOURCE_DIR "/testdata/events/get-v2.json");
  const LambdaSandbox ours_root(FLAGS_ours_zip.empty() ? dist / "get-birthday.zip" : std::filesystem::path(FLAGS_ours_zip), pki,
                                endpoint_host);
  const LambdaSandbox naive_root(dist / "naive-baseline.zip", pki, endpoint_host);
  const LambdaSandbox in_memory_root(dist / "in-memory.zip", pki, endpoint_host);
  const SandboxedFunction ours{"get-birthday", &ours_root, settings_with(split(FLAGS_ours_environment)), event};
  const SandboxedFunction naive{"naive baseline", &naive_root, settings_with(), event};
  const SandboxedFunction ours_in_memory{"get-birthday, in-memory store", &in_memory_root, settings_with(), event};
  const SandboxedFunction naive_in_memory{"naive baseline, no store", &naive_root,
                                          settings_with({"BASELINE_STORE=memory"}), event};

  write_part(output_dir / "cold_start.json", measure_cold_starts(ours, naive, starts));
  write_part(output_dir / "warm.json", measure_warm(ours, naive, ours_in_memory, naive_in_memory, checkpoint, total));
}

}  // namespace
}  // namespace birthday::bench

int main(int argc, char** argv) {
  gflags::SetUsageMessage("cold start and warm figures of the packaged function and a naive baseline");
  gflags::ParseCommandLineFlags(&argc, &argv, true);
  if (!birthday::packaging::EmptyRoot::can_run()) {
    std::fputs("cold_start_harness: needs root (chroot, cgroups, port 443)\n", stderr);
    return 1;
  }
  const int starts = FLAGS_quick ? 2 : FLAGS_starts;
  const auto checkpoint = static_cast<std::size_t>(FLAGS_quick ? 50 : FLAGS_rss_checkpoint);
  const auto total = static_cast<std::size_t>(FLAGS_quick ? 200 : FLAGS_warm_invokes);
  try {
    birthday::bench::run(FLAGS_output_dir, starts, checkpoint, total);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "cold_start_harness: %s\n", error.what());
    return 1;
  }
  return 0;
}
