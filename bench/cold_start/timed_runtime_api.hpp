#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

namespace birthday::bench {

using Clock = std::chrono::steady_clock;

// One invocation as the Runtime API saw it.
struct TimedInvoke {
  Clock::time_point handed_out;  // the event was about to be sent in answer to GET /next
  Clock::time_point answered;    // the function's POST .../response or .../error arrived
  bool succeeded = false;        // a response (not an error) whose statusCode is 200
};

// A Lambda Runtime API (2018-06-01) on 127.0.0.1 and a port of its own, for timing one function
// process: a fresh one for every process, so that nothing a killed process still had in flight
// can reach the next. It hands out the same event on every GET /next, but only as many as
// allowed so far: like the real one, GET /next waits while there is nothing to hand out.
class TimedRuntimeApi {
 public:
  // `on_first_next` runs when the first GET /next arrives, before the first event is handed out.
  // Capacity for `expected` invokes is reserved up front, so that recording one does not allocate.
  TimedRuntimeApi(std::string event, std::function<void()> on_first_next, std::size_t expected);
  ~TimedRuntimeApi();
  TimedRuntimeApi(const TimedRuntimeApi&) = delete;
  TimedRuntimeApi& operator=(const TimedRuntimeApi&) = delete;

  std::string endpoint() const;  // host:port, for AWS_LAMBDA_RUNTIME_API

  // Lets GET /next hand out events until `total` have been handed out.
  void allow(std::size_t total);

  // Waits until `count` answers have arrived; false on timeout.
  bool wait_for_answers(std::size_t count, std::chrono::milliseconds timeout);

  Clock::time_point first_next() const;
  std::vector<TimedInvoke> invokes() const;
  std::string first_answer() const;  // the body of the first answer, for error messages
  std::string describe_progress() const;  // what it saw so far, for error messages

 private:
  void handle_next(httplib::Response& response);
  void handle_answer(const httplib::Request& request, httplib::Response& response, bool is_error);

  const std::string event_;
  const std::function<void()> on_first_next_;
  httplib::Server server_;
  std::thread listener_;
  int port_ = 0;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;
  bool first_next_seen_ = false;
  Clock::time_point first_next_;
  std::string first_next_error_;  // what on_first_next threw
  std::size_t allowed_ = 0;
  std::vector<TimedInvoke> invokes_;
  std::size_t answers_ = 0;
  std::string first_answer_;
};

}  // namespace birthday::bench
