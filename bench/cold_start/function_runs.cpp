#include "bench/cold_start/function_runs.hpp"

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "bench/cold_start/cpu_share.hpp"
#include "bench/cold_start/timed_runtime_api.hpp"

namespace birthday::bench {
namespace {

using std::chrono::milliseconds;

constexpr std::chrono::microseconds cfs_period{100'000};
constexpr int lambda_memory_mb = 128;

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// Kills and reaps the process on every way out.
class RunningProcess {
 public:
  explicit RunningProcess(pid_t pid) : pid_(pid) {}
  ~RunningProcess() { stop(); }

  // Kills and reaps it; the CPU time (user and system) it used in all.
  double stop() {
    if (pid_ <= 0) return 0;
    kill(pid_, SIGKILL);
    rusage usage{};
    while (wait4(pid_, nullptr, 0, &usage) < 0 && errno == EINTR) {
    }
    pid_ = -1;
    const auto ms = [](timeval time) { return static_cast<double>(time.tv_sec) * 1e3 + static_cast<double>(time.tv_usec) / 1e3; };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
  }
  RunningProcess(const RunningProcess&) = delete;
  RunningProcess& operator=(const RunningProcess&) = delete;
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_;
};

// A memory figure of /proc/<pid>/status ("VmHWM:", the peak resident set size; "RssAnon:"), in KiB.
long status_kib(pid_t pid, const std::string& field_name) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string field; status >> field;) {
    if (field == field_name) {
      long kib = 0;
      status >> kib;
      return kib;
    }
  }
  throw std::runtime_error("no " + field_name + " for process " + std::to_string(pid));
}

MemoryReading read_memory(pid_t pid) { return {status_kib(pid, "VmHWM:"), status_kib(pid, "RssAnon:")}; }

[[noreturn]] void fail(const SandboxedFunction& function, const TimedRuntimeApi& runtime_api, const std::string& what) {
  throw std::runtime_error(function.name + ": " + what + " (" + runtime_api.describe_progress() +
                           ")\nfirst answer: " + runtime_api.first_answer() +
                           "\noutput:\n" + function.sandbox->output());
}

void require_answers(const SandboxedFunction& function, TimedRuntimeApi& runtime_api, std::size_t count) {
  if (!runtime_api.wait_for_answers(count, milliseconds(60'000)))
    fail(function, runtime_api, "no answer to invoke " + std::to_string(count) + " in time");
}

}  // namespace

ColdStart cold_start(const SandboxedFunction& function, CpuColumn column) {
  std::unique_ptr<CpuShare> share;
  if (column != CpuColumn::Full) {
    std::string why_not;
    share = CpuShare::create(CpuShare::quota_for(lambda_memory_mb, cfs_period), cfs_period, why_not);
    if (!share) throw std::runtime_error("no CPU share: " + why_not);
  }
  std::atomic<pid_t> started_pid{0};
  std::function<void()> on_first_next;
  if (column == CpuColumn::ShareAfterInit) {
    on_first_next = [&] {
      while (started_pid.load() == 0) std::this_thread::yield();
      share->move_in(started_pid.load());
    };
  }
  TimedRuntimeApi runtime_api(function.event, std::move(on_first_next), 1);
  runtime_api.allow(1);
  const auto environment = packaging::lambda_environment(runtime_api.endpoint(), function.settings);

  const auto started = Clock::now();
  RunningProcess process(
      function.sandbox->start(environment, column == CpuColumn::Share ? share->procs_descriptor() : -1));
  started_pid = process.pid();
  require_answers(function, runtime_api, 1);
  const TimedInvoke invoke = runtime_api.invokes().front();
  if (!invoke.succeeded) fail(function, runtime_api, "the first answer is not a 200 greeting");
  // Killed at once: what it used waiting for the next event is next to nothing.
  const double cpu_ms = process.stop();
  return {ms_between(started, runtime_api.first_next()), ms_between(invoke.handed_out, invoke.answered), cpu_ms};
}

WarmRun warm_run(const SandboxedFunction& function, std::size_t checkpoint, std::size_t total) {
  TimedRuntimeApi runtime_api(function.event, nullptr, total);
  const RunningProcess process(
      function.sandbox->start(packaging::lambda_environment(runtime_api.endpoint(), function.settings)));
  WarmRun run;
  runtime_api.allow(checkpoint);
  require_answers(function, runtime_api, checkpoint);
  run.after_checkpoint = read_memory(process.pid());
  runtime_api.allow(total);
  require_answers(function, runtime_api, total);
  run.after_all = read_memory(process.pid());

  const std::vector<TimedInvoke> invokes = runtime_api.invokes();
  for (std::size_t i = 1; i < invokes.size(); ++i) {
    if (!invokes[i].succeeded) fail(function, runtime_api, "invoke " + std::to_string(i + 1) + " did not answer 200");
    run.turnaround_ms.push_back(ms_between(invokes[i].handed_out, invokes[i].answered));
  }
  return run;
}

}  // namespace birthday::bench
