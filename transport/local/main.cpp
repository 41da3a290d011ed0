// local-gateway: API Gateway (HTTP API) and the Lambda service on one machine, for
// `make run` and `make invoke`. It reads template.yaml, runs each function's real bootstrap
// behind its own Lambda Runtime API, and serves the routes on 127.0.0.1:3000.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include <gflags/gflags.h>
#include <nlohmann/json.hpp>

#include "transport/local/function_pool.hpp"
#include "transport/local/gateway_config.hpp"
#include "transport/local/gateway_server.hpp"
#include "transport/local/ids.hpp"

DEFINE_string(template, "template.yaml", "the SAM template to read");
DEFINE_string(env_vars, "", "env.json in the shape of `sam local --env-vars`");
DEFINE_string(env, "", "NAME=VALUE,... set in every function, over template.yaml and env.json");
DEFINE_string(functions_dir, "", "folder of <kebab-case function name>/bootstrap (default: <build>/functions)");
DEFINE_string(bootstrap, "", "NAME=PATH,... a function's bootstrap, over --functions-dir");
DEFINE_string(host, "127.0.0.1", "address to serve the HTTP API on");
DEFINE_int32(port, 3000, "port to serve the HTTP API on");
DEFINE_int32(max_instances, 4, "instances per function at most");
DEFINE_string(invoke, "", "invoke this function once with --event, print its result and exit");
DEFINE_string(event, "", "the event file for --invoke ('-' for stdin)");

namespace {

using namespace birthday::local;

// gflags spells flags with underscores; accept the dashed spelling (--env-vars) too.
void accept_dashed_flag_names(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    if (argument.rfind("--", 0) != 0) continue;
    for (char* c = argv[i] + 2; *c && *c != '='; ++c) {
      if (*c == '-') *c = '_';
    }
  }
}

std::filesystem::path default_functions_dir() {
  // <build>/transport/local/local-gateway -> <build>/functions
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  return self.parent_path().parent_path().parent_path() / "functions";
}

GatewayConfig config_from_flags() {
  GatewayConfig config;
  config.template_file = FLAGS_template;
  config.env_vars_file = FLAGS_env_vars;
  config.functions_dir = FLAGS_functions_dir.empty() ? default_functions_dir() : std::filesystem::path(FLAGS_functions_dir);
  for (const auto& [name, path] : parse_assignments(FLAGS_bootstrap)) config.bootstraps[name] = path;
  for (const auto& [name, value] : parse_assignments(FLAGS_env)) config.extra_variables[name] = value;
  if (FLAGS_max_instances < 1) throw std::invalid_argument("--max-instances must be at least 1");
  config.max_instances = static_cast<std::size_t>(FLAGS_max_instances);
  return config;
}

// SIGINT and SIGTERM are taken by one thread with sigwait, so no other thread is interrupted.
class SignalWatcher {
 public:
  explicit SignalWatcher(std::function<void(int)> on_signal) {
    thread_ = std::thread([this, on_signal = std::move(on_signal)] {
      int signal = 0;
      sigwait(&signals(), &signal);
      if (!done_) {
        received_ = signal;
        on_signal(signal);
      }
    });
  }
  ~SignalWatcher() {
    done_ = true;
    if (received_ == 0) pthread_kill(thread_.native_handle(), SIGTERM);
    thread_.join();
  }
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

  // Blocks SIGINT and SIGTERM in the calling thread and every thread it starts afterwards.
  static void block() { pthread_sigmask(SIG_BLOCK, &signals(), nullptr); }

 private:
  static const sigset_t& signals() {
    static const sigset_t set = [] {
      sigset_t s;
      sigemptyset(&s);
      sigaddset(&s, SIGINT);
      sigaddset(&s, SIGTERM);
      return s;
    }();
    return set;
  }

  std::thread thread_;
  std::atomic<bool> done_{false};
  std::atomic<int> received_{0};
};

std::string read_event(const std::string& file) {
  std::ostringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("cannot read the event file " + file);
    text << in.rdbuf();
  }
  if (!nlohmann::json::accept(text.str())) throw std::runtime_error("the event in " + file + " is not JSON");
  return text.str();
}

// Like `sam local invoke`: the result on stdout, everything else on stderr.
int invoke_once(GatewayConfig config) {
  if (FLAGS_event.empty()) throw std::invalid_argument("--invoke needs --event FILE");
  config.child_stdout_fd = STDERR_FILENO;
  config.max_instances = 1;
  std::vector<PoolOptions> functions = pool_options_from(config, current_environment(), stderr_log());
  const auto chosen = std::find_if(functions.begin(), functions.end(),
                                   [](const PoolOptions& options) { return options.function.name == FLAGS_invoke; });
  if (chosen == functions.end()) throw std::invalid_argument("template.yaml has no function " + FLAGS_invoke);
  const std::string event = read_event(FLAGS_event);

  FunctionPool pool(std::move(*chosen));
  InvokeResult result;
  {
    const SignalWatcher watcher([&pool](int) { pool.stop(); });
    result = pool.invoke(event, new_trace_root(std::chrono::system_clock::now()));
    pool.stop();
  }
  if (result.status == InvokeStatus::Stopping) return 130;
  std::cout << result.payload << std::endl;
  return result.status == InvokeStatus::Success ? 0 : 1;
}

int serve(const GatewayConfig& config) {
  std::vector<PoolOptions> functions = pool_options_from(config, current_environment(), stderr_log());
  const RouteTable routes = route_table_from(functions);

  std::vector<std::unique_ptr<FunctionPool>> pools;
  std::map<std::string, FunctionPool*> pool_of;
  for (PoolOptions& options : functions) {
    if (options.function.routes.empty()) continue;
    const std::string name = options.function.name;
    pools.push_back(std::make_unique<FunctionPool>(std::move(options)));
    pool_of[name] = pools.back().get();
  }

  GatewayServer gateway(routes, pool_of);
  const int port = gateway.bind(FLAGS_host, FLAGS_port);
  std::cerr << "local-gateway: serving http://" << FLAGS_host << ":" << port << "\n";
  for (const Route& route : routes.routes()) {
    std::cerr << "  " << (route.path == "$default" ? "$default" : route.method + " " + route.path) << " -> "
              << route.function << "\n";
  }

  const SignalWatcher watcher([&](int signal) {
    std::cerr << "local-gateway: " << strsignal(signal) << ", stopping the functions\n";
    for (const auto& pool : pools) pool->stop();
    gateway.stop();
  });
  const bool served = gateway.serve();
  for (const auto& pool : pools) pool->stop();
  return served ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  accept_dashed_flag_names(argc, argv);
  gflags::SetUsageMessage(
      "the HTTP API and Lambda functions of template.yaml on this machine\n"
      "  serve:  local-gateway --env-vars env.json [--port 3000]\n"
      "  invoke: local-gateway --env-vars env.json --invoke GetBirthday --event testdata/events-get.json");
  gflags::ParseCommandLineFlags(&argc, &argv, true);
  SignalWatcher::block();
  signal(SIGPIPE, SIG_IGN);
  try {
    const GatewayConfig config = config_from_flags();
    return FLAGS_invoke.empty() ? serve(config) : invoke_once(config);
  } catch (const std::exception& error) {
    std::cerr << "local-gateway: " << error.what() << "\n";
    return 2;
  }
}
