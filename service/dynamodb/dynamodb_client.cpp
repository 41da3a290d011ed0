#include "service/dynamodb/dynamodb_client.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "service/dynamodb/response_outcome.hpp"
#include "service/log.hpp"

namespace birthday::dynamodb {
namespace {

Endpoint endpoint_of(const Config& config) {
  auto endpoint = parse_endpoint(config.endpoint);
  if (!endpoint) throw std::invalid_argument("DynamoDB endpoint is not an http(s) URL: " + config.endpoint);
  return *std::move(endpoint);
}

}  // namespace

struct DynamoDbClient::Attempt {
  Reply reply;
  bool retryable = false;
  bool timed_out = false;      // a hung store, which the retry budget charges more for
  std::string aws_request_id;  // x-amzn-RequestId: what AWS support asks for about a failed call
};

sigv4::Request make_request(const std::string& host, std::string_view operation, std::string body) {
  sigv4::Request request;
  request.method = "POST";
  request.path = "/";
  request.headers = {{"Host", host},
                     {"Content-Type", "application/x-amz-json-1.0"},
                     {"X-Amz-Target", "DynamoDB_20120810." + std::string(operation)}};
  request.body = std::move(body);
  return request;
}

DynamoDbClient::DynamoDbClient(const Config& config, RetryPolicy retry)
    : endpoint_(endpoint_of(config)),
      scope_{config.region, "dynamodb"},
      credentials_(config.credentials),
      retry_(std::move(retry)),
      http_(config.trust) {}

Status DynamoDbClient::open_connection(Deadline deadline) { return http_.connect(endpoint_.url, deadline); }

Result<nlohmann::json> DynamoDbClient::call(std::string_view operation, const nlohmann::json& input,
                                            Deadline deadline) {
  return exchange(operation, input, deadline).output;
}

DynamoDbClient::Reply DynamoDbClient::exchange(std::string_view operation, const nlohmann::json& input,
                                               Deadline deadline) {
  const std::string body = input.dump();
  const std::string name = "DynamoDB " + std::string(operation);
  int tokens_of_last_retry = 0;
  for (int attempt_number = 1;; ++attempt_number) {
    Attempt outcome = attempt(operation, body, deadline);
    Reply& reply = outcome.reply;
    if (reply.output) {
      retry_.budget->record_success(tokens_of_last_retry);
      return std::move(reply);
    }
    const Error& error = reply.output.error();
    if (!outcome.retryable) return {Error{error.kind, name + ": " + error.detail}, std::move(reply.error_type)};

    const auto delay = retry_.jitter(backoff_ceiling(retry_, attempt_number));
    const char* why = nullptr;
    if (attempt_number >= retry_.max_attempts) {
      why = "attempts exhausted";
    } else if (std::chrono::steady_clock::now() + delay >= deadline) {
      why = "deadline reached";
    } else {
      tokens_of_last_retry = retry_.budget->acquire_retry(outcome.timed_out);
      if (tokens_of_last_retry == 0) why = "retry budget exhausted";
    }
    if (why) {
      log::write(log::Level::Error, "DynamoDB call failed",
                 {{"operation", operation}, {"attempts", attempt_number}, {"why", why},
                  {"retryTokens", retry_.budget->available()}, {"awsRequestId", outcome.aws_request_id},
                  {"reason", error.detail}});
      return {Error{ErrorKind::Unavailable, name + ": " + error.detail + " (" + why + " after " +
                                                std::to_string(attempt_number) + " attempts)"},
              std::move(reply.error_type)};
    }
    log::write(log::Level::Warn, "DynamoDB call retrying",
               {{"operation", operation}, {"attempt", attempt_number}, {"delay_ms", delay.count()},
                {"awsRequestId", outcome.aws_request_id}, {"reason", error.detail}});
    retry_.sleep(delay);
  }
}

DynamoDbClient::Attempt DynamoDbClient::attempt(std::string_view operation, const std::string& body,
                                                Deadline deadline) {
  sigv4::Request request = make_request(endpoint_.host, operation, body);
  sigv4::sign(request, credentials_, scope_, std::chrono::system_clock::now());
  const Deadline attempt_deadline = std::min(deadline, std::chrono::steady_clock::now() + retry_.attempt_timeout);
  Result<HttpResponse> sent = http_.post(endpoint_.url, request.headers, request.body, attempt_deadline);
  if (!sent) {
    return {.reply = {sent.error(), ""},
            .retryable = sent.error().kind == ErrorKind::Unavailable,
            .timed_out = is_timeout(sent.error()),
            .aws_request_id = ""};
  }

  ResponseOutcome outcome = read_response(sent.value());
  return {.reply = {std::move(outcome.output), std::move(outcome.error_type)},
          .retryable = outcome.retryable,
          .timed_out = false,
          .aws_request_id = std::move(outcome.aws_request_id)};
}

}  // namespace birthday::dynamodb
