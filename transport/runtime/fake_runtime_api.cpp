#include "transport/runtime/fake_runtime_api.hpp"

#include <httplib.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace birthday::runtime::test_support {
namespace {

// httplib gives every body a Content-Type; this marker asks the post-routing hook to take it
// away again, just before the headers are written.
constexpr const char* omit_content_type = "X-Fake-Omit-Content-Type";

void drop_content_type_when_asked(const httplib::Request&, httplib::Response& response) {
  if (!response.has_header(omit_content_type)) return;
  response.headers.erase(omit_content_type);
  response.headers.erase("Content-Type");
}

}  // namespace

struct FakeRuntimeApi::State {
  httplib::Server server;
  std::thread listener;
  int port = 0;
  std::once_flag stopped;

  mutable std::mutex mutex;
  std::vector<ScriptedInvocation> script;
  WhenScriptEnds when_script_ends;
  std::size_t next_index = 0;
  int next_calls = 0;
  int response_status = 202;
  std::string response_body = R"({"status":"OK"})";
  bool recording = true;
  std::vector<ReceivedRequest> received;

  void stop_listening() {
    std::call_once(stopped, [this] { server.stop(); });
  }

  void record(const httplib::Request& request) {
    if (!recording) return;
    received.push_back({request.method, request.path, request.get_header_value("Content-Type"),
                        request.get_header_value("Lambda-Runtime-Function-Error-Type"), request.body,
                        request.remote_port});
  }

  void answer_next(const httplib::Request& request, httplib::Response& response) {
    const std::lock_guard lock(mutex);
    ++next_calls;
    record(request);
    if (next_index == script.size()) {
      if (when_script_ends == WhenScriptEnds::StartOver && !script.empty()) {
        next_index = 0;
      } else if (when_script_ends == WhenScriptEnds::Vanish) {
        vanish(response);
        return;
      } else {
        response.status = 500;
        response.set_content(R"({"errorMessage":"no more invocations","errorType":"Fake.ScriptEnded"})",
                             "application/json");
        return;
      }
    }
    const ScriptedInvocation& invocation = script[next_index++];
    response.status = 200;
    response.set_header("Lambda-Runtime-Aws-Request-Id", invocation.request_id);
    response.set_header("Lambda-Runtime-Deadline-Ms", invocation.deadline_ms);
    response.set_header("Lambda-Runtime-Invoked-Function-Arn", invocation.function_arn);
    if (invocation.trace_id) response.set_header("Lambda-Runtime-Trace-Id", *invocation.trace_id);
    if (invocation.content_type) {
      response.set_header("Content-Type", *invocation.content_type);
    } else {
      response.set_header(omit_content_type, "1");
    }
    response.body = invocation.payload;
  }

  // Closes the listening socket, then starts a chunked answer whose body never comes: the
  // client sees its connection cut, and every reconnect is refused.
  void vanish(httplib::Response& response) {
    stop_listening();
    response.set_chunked_content_provider("application/json", [](std::size_t, httplib::DataSink&) { return false; });
  }

  void answer_post(const httplib::Request& request, httplib::Response& response, bool is_response) {
    const std::lock_guard lock(mutex);
    record(request);
    response.status = is_response ? response_status : 202;
    response.set_content(is_response ? response_body : R"({"status":"OK"})", "application/json");
  }
};

FakeRuntimeApi::FakeRuntimeApi(std::vector<ScriptedInvocation> script, WhenScriptEnds when_script_ends)
    : state_(std::make_unique<State>()) {
  State& state = *state_;
  state.script = std::move(script);
  state.when_script_ends = when_script_ends;
  state.server.set_tcp_nodelay(true);
  state.server.set_keep_alive_max_count(1'000'000'000);
  state.server.set_post_routing_handler(drop_content_type_when_asked);
  state.server.Get("/2018-06-01/runtime/invocation/next",
                   [&state](const httplib::Request& request, httplib::Response& response) {
                     state.answer_next(request, response);
                   });
  state.server.Post(R"(/2018-06-01/runtime/invocation/[^/]+/response)",
                    [&state](const httplib::Request& request, httplib::Response& response) {
                      state.answer_post(request, response, true);
                    });
  state.server.Post(R"(/2018-06-01/runtime/(invocation/[^/]+|init)/error)",
                    [&state](const httplib::Request& request, httplib::Response& response) {
                      state.answer_post(request, response, false);
                    });
  state.port = state.server.bind_to_any_port("127.0.0.1");
  if (state.port <= 0) throw std::runtime_error("fake Runtime API: no free port on 127.0.0.1");
  state.listener = std::thread([&state] { state.server.listen_after_bind(); });
  // stop() is a no-op until the server runs, so wait for it before anyone may call stop().
  while (!state.server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

FakeRuntimeApi::~FakeRuntimeApi() { stop(); }

void FakeRuntimeApi::stop() {
  state_->stop_listening();
  if (state_->listener.joinable()) state_->listener.join();
}

std::string FakeRuntimeApi::endpoint() const { return "127.0.0.1:" + std::to_string(state_->port); }

void FakeRuntimeApi::answer_responses_with(int status, std::string body) {
  const std::lock_guard lock(state_->mutex);
  state_->response_status = status;
  state_->response_body = std::move(body);
}

void FakeRuntimeApi::record_requests(bool on) {
  const std::lock_guard lock(state_->mutex);
  state_->recording = on;
}

std::vector<ReceivedRequest> FakeRuntimeApi::requests() const {
  const std::lock_guard lock(state_->mutex);
  return state_->received;
}

std::vector<ReceivedRequest> FakeRuntimeApi::posts() const {
  std::vector<ReceivedRequest> posts;
  for (ReceivedRequest& request : requests()) {
    if (request.method == "POST") posts.push_back(std::move(request));
  }
  return posts;
}

int FakeRuntimeApi::next_calls() const {
  const std::lock_guard lock(state_->mutex);
  return state_->next_calls;
}

}  // namespace birthday::runtime::test_support
