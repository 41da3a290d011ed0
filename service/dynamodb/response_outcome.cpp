#include "service/dynamodb/response_outcome.hpp"

#include <utility>

#include "service/dynamodb/service_error.hpp"

namespace birthday::dynamodb {
namespace {

std::string describe(long status, const ServiceError& error) {
  std::string text = "HTTP " + std::to_string(status);
  if (!error.type.empty()) text += ' ' + error.type;
  if (!error.message.empty()) text += ": " + error.message;
  return text;
}

// Every failure's detail names the request id too, so that the line that finally reports it
// (a 500's "request failed", the table tool's message) carries it.
std::string request_id_note(const std::string& aws_request_id) {
  return aws_request_id.empty() ? std::string{} : " (x-amzn-RequestId " + aws_request_id + ")";
}

}  // namespace

ResponseOutcome read_response(const HttpResponse& response) {
  std::string aws_request_id = response.header("x-amzn-requestid").value_or("");
  if (response.status >= 200 && response.status < 300) {
    nlohmann::json output = nlohmann::json::parse(response.body, nullptr, false);
    if (!output.is_object())
      return {.output = Error{ErrorKind::Internal, "response is not a JSON object" + request_id_note(aws_request_id)},
              .error_type = "",
              .retryable = false,
              .aws_request_id = std::move(aws_request_id)};
    return {.output = std::move(output), .error_type = "", .retryable = false, .aws_request_id = ""};
  }
  ServiceError error = parse_service_error(response);
  const bool retryable = is_retryable(response.status, error.type);
  return {.output = Error{retryable ? ErrorKind::Unavailable : ErrorKind::Internal,
                          describe(response.status, error) + request_id_note(aws_request_id)},
          .error_type = std::move(error.type),
          .retryable = retryable,
          .aws_request_id = std::move(aws_request_id)};
}

}  // namespace birthday::dynamodb
