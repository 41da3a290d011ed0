#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace birthday::runtime::test_support {

// One invocation the fake hands out on GET /next.
struct ScriptedInvocation {
  std::string request_id;
  std::string payload = "{}";
  std::string deadline_ms = "1700000000000";
  std::string function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:birthday";
  std::optional<std::string> trace_id = std::nullopt;             // header left out when empty
  std::optional<std::string> content_type = "application/json";  // header left out when empty
};

// What GET /next does once every scripted invocation has been handed out.
enum class WhenScriptEnds {
  AnswerNextWith500,  // the Runtime API's "container error": the runtime must exit
  Vanish,             // drop the connection mid-answer and stop listening: a Runtime API gone away
  StartOver,          // hand the script out again, forever (benchmarks)
};

// A request the fake received, as the assertions need it.
struct ReceivedRequest {
  std::string method;
  std::string path;
  std::string content_type;
  std::string error_type;  // Lambda-Runtime-Function-Error-Type
  std::string body;
  int client_port = 0;     // tells one client connection from another
};

// A Lambda Runtime API (2018-06-01) on 127.0.0.1 and a free port, in this process, that serves
// a scripted list of invocations and records what the runtime sends back.
class FakeRuntimeApi {
 public:
  explicit FakeRuntimeApi(std::vector<ScriptedInvocation> script,
                          WhenScriptEnds when_script_ends = WhenScriptEnds::AnswerNextWith500);
  ~FakeRuntimeApi();
  FakeRuntimeApi(const FakeRuntimeApi&) = delete;
  FakeRuntimeApi& operator=(const FakeRuntimeApi&) = delete;

  // host:port, the value for AWS_LAMBDA_RUNTIME_API.
  std::string endpoint() const;

  // Answer POST .../response with this status (and body) instead of 202.
  void answer_responses_with(int status, std::string body = {});

  // Off for benchmarks, so that memory does not grow with the number of invocations.
  void record_requests(bool on);

  std::vector<ReceivedRequest> requests() const;
  std::vector<ReceivedRequest> posts() const;
  int next_calls() const;

  // Stops listening and waits for the server thread; safe to call more than once.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace birthday::runtime::test_support
