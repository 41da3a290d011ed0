#include "service/dynamodb/service_error.hpp"

#include <array>
#include <string_view>

#include <nlohmann/json.hpp>

namespace birthday::dynamodb {
namespace {

std::string string_member(const nlohmann::json& object, const char* name) {
  const auto member = object.find(name);
  return member != object.end() && member->is_string() ? member->get<std::string>() : std::string{};
}

// Both places may name the type as "<namespace>#<name>:<uri>" (the AWS JSON protocols' error
// rules); the name is what lies between the last '#' before the first ':' and that ':'.
std::string type_name(std::string_view text) {
  text = text.substr(0, text.find(':'));
  return std::string(text.substr(text.rfind('#') + 1));  // npos + 1 == 0: no '#' keeps it whole
}

}  // namespace

ServiceError parse_service_error(const HttpResponse& response) {
  ServiceError error;
  const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    error.type = type_name(string_member(body, "__type"));
    error.message = string_member(body, "message");
    if (error.message.empty()) error.message = string_member(body, "Message");
  }
  if (error.type.empty()) {
    error.type = type_name(response.header("x-amzn-errortype").value_or(""));
  }
  return error;
}

bool is_throttling(std::string_view error_type) {
  constexpr std::array<std::string_view, 3> kThrottling = {"ProvisionedThroughputExceededException",
                                                           "ThrottlingException", "RequestLimitExceeded"};
  for (const std::string_view throttling : kThrottling)
    if (error_type == throttling) return true;
  return false;
}

bool is_retryable(long status, std::string_view error_type) {
  return is_throttling(error_type) || status == 429 || status >= 500;
}

}  // namespace birthday::dynamodb
