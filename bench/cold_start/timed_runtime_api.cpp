#include "bench/cold_start/timed_runtime_api.hpp"

#include <limits>
#include <string_view>
#include <stdexcept>

namespace birthday::bench {
namespace {

constexpr const char* invocation_path = "/2018-06-01/runtime/invocation/";
constexpr std::chrono::milliseconds function_timeout{3000};

constexpr std::string_view request_id_prefix = "bench-";

// The function's answer is an API Gateway result; only a 200 greeting counts as success.
bool is_greeting(const std::string& body) { return body.find("\"statusCode\":200") != std::string::npos; }

}  // namespace

TimedRuntimeApi::TimedRuntimeApi(std::string event, std::function<void()> on_first_next, std::size_t expected)
    : event_(std::move(event)), on_first_next_(std::move(on_first_next)) {
  invokes_.reserve(expected);
  server_.Get(std::string(invocation_path) + "next",
              [this](const httplib::Request&, httplib::Response& response) { handle_next(response); });
  server_.Post(std::string(invocation_path) + R"(([^/]+)/response)",
               [this](const httplib::Request& request, httplib::Response& response) {
                 handle_answer(request, response, false);
               });
  server_.Post(std::string(invocation_path) + R"(([^/]+)/error)",
               [this](const httplib::Request& request, httplib::Response& response) {
                 handle_answer(request, response, true);
               });
  // One connection serves a function's whole life, as Lambda's Runtime API allows; without
  // TCP_NODELAY a warm invoke would wait out the client's delayed ACK (~40 ms).
  server_.set_tcp_nodelay(true);
  server_.set_keep_alive_max_count(std::numeric_limits<std::size_t>::max());
  server_.set_keep_alive_timeout(15 * 60);
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("no free port on 127.0.0.1");
  listener_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

TimedRuntimeApi::~TimedRuntimeApi() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  server_.stop();
  listener_.join();
}

std::string TimedRuntimeApi::endpoint() const { return "127.0.0.1:" + std::to_string(port_); }

void TimedRuntimeApi::allow(std::size_t total) {
  {
    const std::lock_guard lock(mutex_);
    allowed_ = total;
  }
  changed_.notify_all();
}

void TimedRuntimeApi::handle_next(httplib::Response& response) {
  std::unique_lock lock(mutex_);
  if (!first_next_seen_) {
    first_next_seen_ = true;
    first_next_ = Clock::now();
    try {
      if (on_first_next_) on_first_next_();
    } catch (const std::exception& error) {
      first_next_error_ = error.what();
    }
  }
  changed_.wait(lock, [&] { return stopping_ || invokes_.size() < allowed_; });
  if (stopping_) {
    response.status = 500;  // the process is gone
    return;
  }
  const auto deadline = std::chrono::system_clock::now() + function_timeout;
  response.set_header("Lambda-Runtime-Aws-Request-Id", std::string(request_id_prefix) + std::to_string(invokes_.size()));
  response.set_header("Lambda-Runtime-Deadline-Ms",
                      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         deadline.time_since_epoch()).count()));
  response.set_header("Lambda-Runtime-Invoked-Function-Arn",
                      "arn:aws:lambda:us-east-1:123456789012:function:get-birthday");
  response.set_header("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0");
  response.set_content(event_, "application/json");
  invokes_.push_back({Clock::now(), {}, false});
}

void TimedRuntimeApi::handle_answer(const httplib::Request& request, httplib::Response& response, bool is_error) {
  const auto arrived = Clock::now();
  {
    const std::lock_guard lock(mutex_);
    const std::string id = request.matches[1];
    if (id.starts_with(request_id_prefix)) {
      const std::size_t index = std::stoul(id.substr(request_id_prefix.size()));
      if (index < invokes_.size()) {
        invokes_[index].answered = arrived;
        invokes_[index].succeeded = !is_error && is_greeting(request.body);
        if (answers_++ == 0) first_answer_ = request.body;
      }
    }
  }
  changed_.notify_all();
  response.status = 202;
}

bool TimedRuntimeApi::wait_for_answers(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return answers_ >= count; });
}

Clock::time_point TimedRuntimeApi::first_next() const {
  const std::lock_guard lock(mutex_);
  return first_next_;
}

std::vector<TimedInvoke> TimedRuntimeApi::invokes() const {
  const std::lock_guard lock(mutex_);
  return invokes_;
}

std::string TimedRuntimeApi::describe_progress() const {
  const std::lock_guard lock(mutex_);
  std::string text = first_next_seen_ ? "first GET /next arrived" : "no GET /next arrived";
  text += "; " + std::to_string(invokes_.size()) + " of " + std::to_string(allowed_) + " allowed events handed out, " +
          std::to_string(answers_) + " answered";
  if (!first_next_error_.empty()) text += "; at the first GET /next: " + first_next_error_;
  return text;
}

std::string TimedRuntimeApi::first_answer() const {
  const std::lock_guard lock(mutex_);
  return first_answer_;
}

}  // namespace birthday::bench
