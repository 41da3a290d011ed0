#include <curl/curl.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "service/log.hpp"
#include "transport/runtime/error_report.hpp"
#include "transport/runtime/invoke_loop.hpp"
#include "transport/runtime/lambda_runtime.hpp"
#include "transport/runtime/runtime_api_client.hpp"

namespace birthday::runtime {
namespace {

constexpr int failed = 1;

// libcurl's process-wide state, set up before any handle exists (the function's own clients
// are created during init) and torn down after the last one is gone.
class CurlGlobal {
 public:
  CurlGlobal() : code_(curl_global_init(CURL_GLOBAL_DEFAULT)) {}
  ~CurlGlobal() {
    if (code_ == CURLE_OK) curl_global_cleanup();
  }
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
  bool ok() const { return code_ == CURLE_OK; }

 private:
  CURLcode code_;
};

// Runs the function's init; on failure reports it to the Runtime API and returns nothing.
std::optional<InvocationHandler> initialise(const FunctionInit& init, RuntimeApiClient& client) {
  ErrorReport report;
  try {
    if (InvocationHandler handler = init()) return handler;
    report = {"Runtime.InvalidHandler", "the function's init returned no handler"};
  } catch (...) {
    report = describe_current_exception();
  }
  log::write(log::Level::Error, "function init failed", {{"errorType", report.type}, {"errorMessage", report.message}});
  const ApiReply reply = client.post_init_error(report);
  if (!reply.accepted()) {
    log::write(log::Level::Error, "Runtime API did not take the init error",
               reply.reached() ? nlohmann::json{{"status", reply.status}} : nlohmann::json{{"error", reply.transport_error}});
  }
  return std::nullopt;
}

}  // namespace

int run_lambda(const FunctionInit& init) {
  // A peer that closes a connection while we write to it (the Runtime API going away, DynamoDB
  // resetting a kept-alive socket) must be an error the write returns, not the end of the process.
  std::signal(SIGPIPE, SIG_IGN);
  const char* endpoint = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (!endpoint || *endpoint == '\0') {
    std::fputs("AWS_LAMBDA_RUNTIME_API is not set: this program is a Lambda bootstrap and needs the "
               "Runtime API address (host:port) that Lambda provides.\n",
               stderr);
    return failed;
  }
  const CurlGlobal curl;
  if (!curl.ok()) {
    std::fputs("libcurl could not be initialised\n", stderr);
    return failed;
  }
  RuntimeApiClient client(endpoint);
  const std::optional<InvocationHandler> handler = initialise(init, client);
  if (!handler) return failed;
  return invoke_loop(client, *handler);
}

}  // namespace birthday::runtime
