#include "transport/local/runtime_api_server.hpp"

#include <limits>
#include <stdexcept>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "transport/runtime/lambda_runtime.hpp"

namespace birthday::local {
namespace {

constexpr const char* json_type = "application/json";

std::string error_body(const std::string& type, const std::string& message) {
  return nlohmann::json{{"errorMessage", message}, {"errorType", type}}.dump();
}

std::string accepted_body() { return R"({"status":"OK"})"; }

}  // namespace

struct RuntimeApiServer::State {
  RuntimeApiCallbacks callbacks;
  httplib::Server server;
  int port = 0;
  std::thread thread;
};

RuntimeApiServer::RuntimeApiServer(RuntimeApiCallbacks callbacks) : state_(std::make_unique<State>()) {
  state_->callbacks = std::move(callbacks);
  httplib::Server& server = state_->server;
  State& state = *state_;

  // A runtime keeps one connection; a few threads leave room for one that reconnects.
  server.new_task_queue = [] { return new httplib::ThreadPool(4); };
  server.set_tcp_nodelay(true);
  // The connection lives as long as the instance; an invocation may take up to 15 minutes.
  server.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
  server.set_keep_alive_timeout(15 * 60);
  server.set_read_timeout(15 * 60);
  server.set_payload_max_length(2 * runtime::max_response_bytes);

  server.Get("/2018-06-01/runtime/invocation/next", [&state](const httplib::Request&, httplib::Response& res) {
    const std::optional<InvocationRequest> invocation = state.callbacks.next();
    if (!invocation) {
      res.status = 500;
      res.set_content(error_body("Runtime.Stopping", "the instance is being stopped"), json_type);
      return;
    }
    const auto deadline_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(invocation->deadline.time_since_epoch()).count();
    res.set_header("Lambda-Runtime-Aws-Request-Id", invocation->request_id);
    res.set_header("Lambda-Runtime-Deadline-Ms", std::to_string(deadline_ms));
    res.set_header("Lambda-Runtime-Invoked-Function-Arn", invocation->function_arn);
    res.set_header("Lambda-Runtime-Trace-Id", invocation->trace_id);
    res.set_content(invocation->payload, json_type);
  });

  server.Post(R"(/2018-06-01/runtime/invocation/([^/]+)/response)",
              [&state](const httplib::Request& req, httplib::Response& res) {
                const std::string request_id = req.matches[1];
                if (req.body.size() > runtime::max_response_bytes) {
                  const std::string message = "Response payload size (" + std::to_string(req.body.size()) +
                                              " bytes) exceeded maximum allowed payload size (" +
                                              std::to_string(runtime::max_response_bytes) + " bytes).";
                  state.callbacks.fail(request_id, "Function.ResponseSizeTooLarge",
                                       error_body("Function.ResponseSizeTooLarge", message));
                  res.status = 413;
                  res.set_content(error_body("RequestEntityTooLarge", message), json_type);
                  return;
                }
                if (!state.callbacks.respond(request_id, req.body)) {
                  res.status = 400;
                  res.set_content(error_body("InvalidRequestID", "Invalid request ID"), json_type);
                  return;
                }
                res.status = 202;
                res.set_content(accepted_body(), json_type);
              });

  server.Post(R"(/2018-06-01/runtime/invocation/([^/]+)/error)",
              [&state](const httplib::Request& req, httplib::Response& res) {
                const std::string error_type = req.get_header_value("Lambda-Runtime-Function-Error-Type");
                if (!state.callbacks.fail(req.matches[1], error_type.empty() ? "Unhandled" : error_type, req.body)) {
                  res.status = 400;
                  res.set_content(error_body("InvalidRequestID", "Invalid request ID"), json_type);
                  return;
                }
                res.status = 202;
                res.set_content(accepted_body(), json_type);
              });

  server.Post("/2018-06-01/runtime/init/error", [&state](const httplib::Request& req, httplib::Response& res) {
    const std::string error_type = req.get_header_value("Lambda-Runtime-Function-Error-Type");
    state.callbacks.init_error(error_type.empty() ? "Runtime.Unknown" : error_type, req.body);
    res.status = 202;
    res.set_content(accepted_body(), json_type);
  });

  state_->port = server.bind_to_any_port("127.0.0.1");
  if (state_->port <= 0) throw std::runtime_error("cannot bind a Runtime API port on 127.0.0.1");
  state_->thread = std::thread([&server] { server.listen_after_bind(); });
}

RuntimeApiServer::~RuntimeApiServer() { stop(); }

std::string RuntimeApiServer::address() const { return "127.0.0.1:" + std::to_string(state_->port); }

void RuntimeApiServer::stop() {
  // stop() is a no-op until listen has begun; give a just-started server a moment to begin.
  for (int tries = 0; tries < 1000 && !state_->server.is_running() && state_->thread.joinable(); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  state_->server.stop();
  if (state_->thread.joinable()) state_->thread.join();
}

}  // namespace birthday::local
