// A Lambda function for the local gateway's tests, on the project's own runtime. The first
// segment of the request path says what to do:
//   /echo          200 {"pid":..,"event":<the event>,"environment":{..}}
//   /reply         the request body, as sent, is the whole function result
//   /sleep/<ms>    waits, then echoes
//   /error         throws: a function error
//   /crash         exits at once, mid-invocation
//   /hang          never answers
// With SCRIPTED_INIT=fail the init fails; with SCRIPTED_INIT=crash the process exits in init.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "transport/base64.hpp"
#include "transport/runtime/lambda_runtime.hpp"

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

nlohmann::json lambda_environment() {
  nlohmann::json environment = nlohmann::json::object();
  for (const char* name : {"AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
                           "AWS_REGION", "AWS_DEFAULT_REGION", "LAMBDA_TASK_ROOT", "_HANDLER", "TZ",
                           "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY_ID",
                           "AWS_SECRET_ACCESS_KEY", "AWS_LAMBDA_RUNTIME_API", "DYNAMODB_TABLE", "LOG_LEVEL",
                           "EXTRA", "HOME"}) {
    if (std::getenv(name)) environment[name] = env(name);
  }
  return environment;
}

std::string echo(const birthday::runtime::Invocation& invocation, const nlohmann::json& event) {
  const nlohmann::json body{{"pid", getpid()},
                            {"event", event},
                            {"environment", lambda_environment()},
                            {"requestId", invocation.request_id},
                            {"traceId", invocation.trace_id},
                            {"functionArn", invocation.function_arn},
                            {"deadlineMs", std::chrono::duration_cast<std::chrono::milliseconds>(
                                               invocation.deadline.time_since_epoch())
                                               .count()}};
  return nlohmann::json{{"statusCode", 200}, {"headers", {{"content-type", "application/json"}}}, {"body", body.dump()}}
      .dump();
}

std::string handle(const birthday::runtime::Invocation& invocation) {
  const nlohmann::json event = nlohmann::json::parse(invocation.payload);
  const std::string path = event.at("rawPath").get<std::string>();
  if (path.rfind("/reply", 0) == 0) {
    std::string body = event.value("body", "");
    if (event.value("isBase64Encoded", false)) body = birthday::transport::decode_base64(body).value_or("");
    return body;
  }
  if (path.rfind("/sleep/", 0) == 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(path.substr(7))));
    return echo(invocation, event);
  }
  if (path == "/error") throw std::runtime_error("asked to fail");
  if (path == "/crash") std::_Exit(3);
  if (path == "/hang") {
    while (true) std::this_thread::sleep_for(std::chrono::hours(1));
  }
  return echo(invocation, event);
}

}  // namespace

int main() {
  return birthday::runtime::run_lambda([]() -> birthday::runtime::InvocationHandler {
    if (env("SCRIPTED_INIT") == "fail") throw std::runtime_error("init asked to fail");
    if (env("SCRIPTED_INIT") == "crash") std::_Exit(4);
    return handle;
  });
}
