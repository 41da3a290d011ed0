#include "transport/local/function_pool.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "transport/local/child_process.hpp"
#include "transport/local/ids.hpp"
#include "transport/local/invoke_report.hpp"
#include "transport/local/runtime_api_server.hpp"

namespace birthday::local {
namespace {

using Clock = std::chrono::steady_clock;
using Milliseconds = std::chrono::duration<double, std::milli>;

enum class InstanceState {
  Starting,  // spawned, not yet on /next
  Idle,      // waiting on /next
  Busy,      // running an invocation
  Returned,  // answered, about to call /next again
  Exited,
};

struct Instance;

struct Pending {
  InvocationRequest request;
  std::optional<InvokeResult> result;
  std::shared_ptr<Instance> instance;  // the one that took it
  Clock::time_point taken_at;
};

struct Instance : std::enable_shared_from_this<Instance> {
  InstanceState state = InstanceState::Starting;
  pid_t pid = 0;
  Clock::time_point spawned_at;
  bool initialised = false;                   // reached /next once
  std::optional<Milliseconds> init_duration;  // until the first invocation's REPORT
  std::shared_ptr<Pending> current;
  std::optional<InvokeResult> init_error;     // what it posted to /runtime/init/error
  bool killed_by_gateway = false;             // a timeout, not a crash
  std::unique_ptr<RuntimeApiServer> runtime_api;
  std::thread supervisor;  // starts the child and reaps it; the child dies with this thread
};

std::string error_document(const std::string& type, const std::string& message) {
  return nlohmann::json{{"errorMessage", message}, {"errorType", type}}.dump();
}

void join_and_stop(std::vector<std::shared_ptr<Instance>>& instances) {
  for (const auto& instance : instances) {
    if (instance->supervisor.joinable()) instance->supervisor.join();
    if (instance->runtime_api) instance->runtime_api->stop();
    // Its last invocation points back at it (Pending::instance): the two would keep each other,
    // and the instance's Runtime API server, alive forever (found by LeakSanitizer).
    instance->current.reset();
  }
  instances.clear();
}

}  // namespace

LogSink stderr_log() {
  return [](const std::string& line) {
    const std::string text = line + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
  };
}

struct FunctionPool::Impl {
  PoolOptions options;
  std::string function_arn;
  std::string task_root;

  mutable std::mutex mutex;
  std::condition_variable changed;  // any change of state: waiters re-check their condition
  bool stopping = false;
  std::deque<std::shared_ptr<Pending>> queue;
  std::vector<std::shared_ptr<Instance>> live;
  std::vector<std::shared_ptr<Instance>> retired;  // exited; threads still to be joined

  explicit Impl(PoolOptions pool_options) : options(std::move(pool_options)) {
    function_arn = "arn:aws:lambda:" + options.region + ":123456789012:function:" + options.function.name;
    task_root = options.bootstrap.parent_path().string();
  }

  void log(const std::string& line) const {
    if (options.log) options.log(line);
  }

  std::string instance_name(const Instance& instance) const {
    return options.function.name + " instance (pid " + std::to_string(instance.pid) + ")";
  }

  // ---- instances ---------------------------------------------------------------------------

  void scale_up_locked() {
    if (stopping) return;
    std::size_t available = 0;
    for (const auto& instance : live) {
      if (instance->state == InstanceState::Starting || instance->state == InstanceState::Idle ||
          instance->state == InstanceState::Returned) {
        ++available;
      }
    }
    while (queue.size() > available && live.size() < options.max_instances) {
      if (!spawn_locked()) return;
      ++available;
    }
  }

  bool spawn_locked() {
    auto instance = std::make_shared<Instance>();
    instance->spawned_at = Clock::now();
    Instance* raw = instance.get();
    try {
      instance->runtime_api = std::make_unique<RuntimeApiServer>(RuntimeApiCallbacks{
          [this, raw] { return next(*raw); },
          [this, raw](const std::string& id, std::string payload) { return respond(*raw, id, std::move(payload)); },
          [this, raw](const std::string& id, std::string type, std::string error) {
            return fail(*raw, id, std::move(type), std::move(error));
          },
          [this, raw](std::string type, std::string error) { init_error(*raw, std::move(type), std::move(error)); },
      });
    } catch (const std::exception& error) {
      log("local-gateway: " + options.function.name + ": " + error.what());
      return false;
    }
    const LambdaContext context{instance->runtime_api->address(), task_root,
                                new_log_stream_name(std::chrono::system_clock::now()), options.region,
                                options.credentials};
    ChildSpec spec;
    spec.program = options.bootstrap.string();
    spec.environment = instance_environment(options.function, options.variables, context);
    spec.working_directory = task_root;
    spec.stdout_fd = options.child_stdout_fd;
    instance->supervisor = std::thread([this, raw, spec = std::move(spec)] { supervise(*raw, spec); });
    live.push_back(std::move(instance));
    return true;
  }

  // The supervisor thread: starts the child, bounds its init phase, and reaps it.
  void supervise(Instance& instance, const ChildSpec& spec) {
    pid_t pid = 0;
    try {
      pid = start_child(spec);
    } catch (const std::exception& error) {
      log("local-gateway: cannot start " + spec.program + ": " + error.what());
      std::lock_guard lock(mutex);
      on_exit_locked(instance, "not started");
      return;
    }
    {
      std::lock_guard lock(mutex);
      instance.pid = pid;
      if (stopping) kill(pid, SIGKILL);  // never served; nothing to let it finish
    }
    if (const int pidfd = open_pidfd(pid); pidfd >= 0) {
      const bool exited = wait_for_exit_readiness(pidfd, options.init_limit);
      close(pidfd);
      if (!exited) {
        std::lock_guard lock(mutex);
        if (!instance.initialised && !stopping) {
          instance.init_error = InvokeResult{InvokeStatus::FunctionError,
                                             error_document("Sandbox.Timedout", "Init phase timed out"), ""};
          instance.killed_by_gateway = true;
          kill(pid, SIGKILL);
        }
      }
    }
    wait_until_exited(pid);
    std::lock_guard lock(mutex);
    on_exit_locked(instance, describe_wait_status(reap_child(pid)));
  }

  void on_exit_locked(Instance& instance, const std::string& how) {
    const bool was_initialised = instance.initialised;
    instance.state = InstanceState::Exited;
    const auto found = std::find_if(live.begin(), live.end(), [&](const auto& each) { return each.get() == &instance; });
    if (found != live.end()) {
      retired.push_back(*found);
      live.erase(found);
    }

    if (const std::shared_ptr<Pending> pending = instance.current; pending && !pending->result) {
      const std::string& id = pending->request.request_id;
      if (stopping) {
        pending->result = InvokeResult{InvokeStatus::Stopping, "", id};
      } else {
        const std::string message = "RequestId: " + id + " Error: Runtime exited with error: " + how;
        pending->result = InvokeResult{InvokeStatus::Crashed, error_document("Runtime.ExitError", message), id};
        log(message);
        log(end_line(id));
        log(report_line({id, Clock::now() - pending->taken_at, options.function.memory_mb, 0, std::nullopt,
                         "error\tError Type: Runtime.ExitError"}));
      }
    } else if (!was_initialised && !stopping) {
      // Lambda answers the invocation that waited for this instance with its init error.
      InvokeResult error = instance.init_error.value_or(InvokeResult{
          InvokeStatus::FunctionError,
          error_document("Runtime.ExitError", "Runtime exited without providing a reason: " + how), ""});
      log("INIT_REPORT " + options.function.name + " Init Duration: " +
          std::to_string(static_cast<long long>(Milliseconds(Clock::now() - instance.spawned_at).count())) +
          " ms\tPhase: init\tStatus: error\t(" + how + ")");
      if (!queue.empty()) {
        const std::shared_ptr<Pending> waiting = queue.front();
        queue.pop_front();
        error.request_id = waiting->request.request_id;
        waiting->result = std::move(error);
      }
    } else if (!stopping && !instance.killed_by_gateway) {
      log("local-gateway: " + instance_name(instance) + " exited (" + how + "); the next request starts a new one");
    }
    changed.notify_all();
    scale_up_locked();
  }

  // ---- the Runtime API's side -------------------------------------------------------------

  std::optional<InvocationRequest> next(Instance& instance) {
    std::unique_lock lock(mutex);
    if (!instance.initialised) {
      instance.initialised = true;
      instance.init_duration = Clock::now() - instance.spawned_at;
    }
    instance.current.reset();
    if (instance.state != InstanceState::Exited) instance.state = InstanceState::Idle;
    changed.notify_all();
    changed.wait(lock, [&] { return stopping || !queue.empty() || instance.state != InstanceState::Idle; });
    if (stopping || instance.state != InstanceState::Idle) return std::nullopt;

    std::shared_ptr<Pending> pending = queue.front();
    queue.pop_front();
    pending->instance = instance.shared_from_this();
    pending->taken_at = Clock::now();
    pending->request.deadline = std::chrono::system_clock::now() + options.function.timeout;
    instance.state = InstanceState::Busy;
    instance.current = pending;
    changed.notify_all();

    InvocationRequest request = pending->request;
    pending->request.payload.clear();  // the instance has it now
    lock.unlock();
    log(start_line(request.request_id));
    return request;
  }

  bool respond(Instance& instance, const std::string& request_id, std::string payload) {
    return finish(instance, request_id, InvokeStatus::Success, std::move(payload));
  }

  bool fail(Instance& instance, const std::string& request_id, std::string type, std::string error) {
    if (!nlohmann::json::accept(error)) error = error_document(type, error);
    return finish(instance, request_id, InvokeStatus::FunctionError, std::move(error));
  }

  bool finish(Instance& instance, const std::string& request_id, InvokeStatus status, std::string payload) {
    std::lock_guard lock(mutex);
    const std::shared_ptr<Pending> pending = instance.current;
    if (!pending || pending->request.request_id != request_id || pending->result) return false;
    pending->result = InvokeResult{status, std::move(payload), request_id};
    instance.state = InstanceState::Returned;
    InvokeReport report{request_id, Clock::now() - pending->taken_at, options.function.memory_mb, 0,
                        instance.init_duration, ""};
    instance.init_duration.reset();
    // Read while holding the lock: the child cannot be reaped meanwhile, so the pid is its own.
    report.max_memory_used_mb = megabytes_from_kb(peak_memory_kb(instance.pid).value_or(0));
    // Logged before the caller is woken, so that an invoke's REPORT precedes whatever follows it.
    log(end_line(request_id));
    log(report_line(report));
    changed.notify_all();
    return true;
  }

  void init_error(Instance& instance, std::string type, std::string error) {
    if (!nlohmann::json::accept(error)) error = error_document(type, error);
    std::lock_guard lock(mutex);
    instance.init_error = InvokeResult{InvokeStatus::FunctionError, std::move(error), ""};
  }

  // ---- the gateway's side -------------------------------------------------------------------

  InvokeResult invoke(std::string event, const std::string& trace_root) {
    auto pending = std::make_shared<Pending>();
    pending->request = {new_lambda_request_id(), std::move(event), {}, function_arn,
                        trace_root + ";Parent=" + random_hex(8) + ";Sampled=0"};
    const std::string& id = pending->request.request_id;

    std::vector<std::shared_ptr<Instance>> finished;
    InvokeResult result;
    {
      std::unique_lock lock(mutex);
      if (stopping) return {InvokeStatus::Stopping, "", id};
      queue.push_back(pending);
      scale_up_locked();
      changed.notify_all();

      const auto queue_deadline = Clock::now() + options.queue_limit;
      changed.wait_until(lock, queue_deadline, [&] { return pending->instance || pending->result || stopping; });
      if (!pending->instance && !pending->result) {
        std::erase(queue, pending);
        pending->result = stopping ? InvokeResult{InvokeStatus::Stopping, "", id}
                                   : InvokeResult{InvokeStatus::Unavailable,
                                                  error_document("Sandbox.Timedout", "no instance was free in time"), id};
      }
      if (!pending->result) {
        const auto deadline = pending->taken_at + options.function.timeout;
        if (!changed.wait_until(lock, deadline, [&] { return pending->result.has_value(); })) time_out_locked(*pending);
      }
      result = *pending->result;
      finished.swap(retired);
    }
    join_and_stop(finished);
    return result;
  }

  void time_out_locked(Pending& pending) {
    const std::string& id = pending.request.request_id;
    const std::string message = timeout_line(id, options.function.timeout);
    pending.result = InvokeResult{InvokeStatus::TimedOut, error_document("Sandbox.Timedout", message), id};
    Instance& instance = *pending.instance;
    long max_memory_mb = 0;
    if (instance.state != InstanceState::Exited && instance.pid > 0) {
      max_memory_mb = megabytes_from_kb(peak_memory_kb(instance.pid).value_or(0));
      instance.killed_by_gateway = true;
      kill(instance.pid, SIGKILL);
    }
    log(message);
    log(end_line(id));
    log(report_line({id, Clock::now() - pending.taken_at, options.function.memory_mb, max_memory_mb,
                     instance.init_duration, "timeout"}));
    instance.init_duration.reset();
  }

  void stop() {
    std::vector<std::shared_ptr<Instance>> finished;
    {
      std::unique_lock lock(mutex);
      stopping = true;
      for (const auto& pending : queue) pending->result = InvokeResult{InvokeStatus::Stopping, "", pending->request.request_id};
      queue.clear();
      for (const auto& instance : live) {
        if (instance->pid > 0) kill(instance->pid, SIGTERM);
      }
      changed.notify_all();
      if (!changed.wait_for(lock, options.stop_grace, [&] { return live.empty(); })) {
        for (const auto& instance : live) {
          if (instance->pid > 0) kill(instance->pid, SIGKILL);
        }
        changed.wait(lock, [&] { return live.empty(); });
      }
      finished.swap(retired);
    }
    join_and_stop(finished);
  }

  std::vector<pid_t> instance_pids() const {
    std::lock_guard lock(mutex);
    std::vector<pid_t> pids;
    for (const auto& instance : live) {
      if (instance->pid > 0) pids.push_back(instance->pid);
    }
    return pids;
  }
};

FunctionPool::FunctionPool(PoolOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

FunctionPool::~FunctionPool() { stop(); }

InvokeResult FunctionPool::invoke(std::string event, const std::string& trace_root) {
  return impl_->invoke(std::move(event), trace_root);
}

void FunctionPool::stop() { impl_->stop(); }

std::vector<pid_t> FunctionPool::instance_pids() const { return impl_->instance_pids(); }

const FunctionSpec& FunctionPool::function() const { return impl_->options.function; }

}  // namespace birthday::local
