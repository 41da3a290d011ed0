// Cold start of each dist zip as Lambda sees it: from the exec of /var/task/bootstrap in an
// otherwise empty root to its first GET /runtime/invocation/next (the init phase, including
// the function's own init). Packages this build's bootstraps first; needs root for chroot.
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "deploy/package/empty_root.hpp"

namespace birthday::packaging {
namespace {

using Clock = std::chrono::steady_clock;

// A Runtime API that only notes when the first GET /next arrives.
class FirstNextRecorder {
 public:
  FirstNextRecorder() {
    server_.Get("/2018-06-01/runtime/invocation/next", [this](const httplib::Request&, httplib::Response& response) {
      {
        const std::lock_guard lock(mutex_);
        if (!arrived_) arrived_ = Clock::now();
      }
      arrival_.notify_all();
      response.status = 500;  // the process is killed right after anyway
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("no free port on 127.0.0.1");
    listener_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FirstNextRecorder() {
    server_.stop();
    listener_.join();
  }
  FirstNextRecorder(const FirstNextRecorder&) = delete;
  FirstNextRecorder& operator=(const FirstNextRecorder&) = delete;

  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

  void forget() {
    const std::lock_guard lock(mutex_);
    arrived_.reset();
  }

  std::optional<Clock::time_point> wait_for_first_next(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    arrival_.wait_for(lock, timeout, [this] { return arrived_.has_value(); });
    return arrived_;
  }

 private:
  httplib::Server server_;
  std::thread listener_;
  int port_ = 0;
  std::mutex mutex_;
  std::condition_variable arrival_;
  std::optional<Clock::time_point> arrived_;
};

// This build's zips, packaged once per run.
const std::filesystem::path& dist_directory() {
  static const std::filesystem::path directory = [] {
    const std::filesystem::path output = PROJECT_BINARY_DIR "/dist-benchmark";
    const std::string command = "bash " PROJECT_SOURCE_DIR "/scripts/package.sh " PROJECT_BINARY_DIR " " +
                                output.string() + " >/dev/null";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("packaging failed: " + command);
    return output;
  }();
  return directory;
}

void cold_start(benchmark::State& state, const std::string& function) {
  if (!EmptyRoot::can_run()) {
    state.SkipWithError("chroot needs root");
    return;
  }
  const EmptyRoot root(dist_directory() / (function + ".zip"));
  FirstNextRecorder runtime_api;
  const auto environment = lambda_environment(
      runtime_api.endpoint(), {"DYNAMODB_TABLE=Birthdays", "AWS_REGION=us-east-1", "AWS_ACCESS_KEY_ID=test",
                               "AWS_SECRET_ACCESS_KEY=test", "AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:9"});
  for (auto _ : state) {
    runtime_api.forget();
    const auto started = Clock::now();
    const pid_t pid = root.start(environment);
    const auto arrived = runtime_api.wait_for_first_next(std::chrono::seconds(10));
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    if (!arrived) {
      state.SkipWithError(("no GET /next; output:\n" + root.output()).c_str());
      break;
    }
    state.SetIterationTime(std::chrono::duration<double>(*arrived - started).count());
  }
}

// Each iteration is one process start; repetitions give the median and the spread.
void per_process_start(benchmark::internal::Benchmark* benchmark) {
  benchmark->UseManualTime()->Unit(benchmark::kMillisecond)->Repetitions(5);
}

BENCHMARK_CAPTURE(cold_start, get_birthday_zip, std::string("get-birthday"))->Apply(per_process_start);
BENCHMARK_CAPTURE(cold_start, put_birthday_zip, std::string("put-birthday"))->Apply(per_process_start);

}  // namespace
}  // namespace birthday::packaging
