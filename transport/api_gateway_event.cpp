#include "transport/api_gateway_event.hpp"

#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "service/log.hpp"
#include "transport/base64.hpp"

namespace birthday::transport {
namespace {

using nlohmann::json;

// The string at `key` in `object`, if `object` is an object holding a string there.
std::optional<std::string> string_member(const json& object, std::string_view key) {
  if (!object.is_object()) return std::nullopt;
  const auto member = object.find(key);
  if (member == object.end() || !member->is_string()) return std::nullopt;
  return member->get<std::string>();
}

std::string required_string(const json& object, std::string_view key, std::string_view where) {
  auto value = string_member(object, key);
  if (!value) throw NotAnApiGatewayEvent("not an API Gateway event: no string " + std::string(where));
  return std::move(*value);
}

std::string last_path_segment(std::string_view path) {
  const auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string decoded_body(const json& event, std::string_view request_id) {
  const auto body = event.find("body");
  if (body == event.end() || body->is_null()) return {};
  if (!body->is_string()) throw NotAnApiGatewayEvent("not an API Gateway event: body is not a string");

  const auto base64 = event.find("isBase64Encoded");
  if (base64 == event.end() || *base64 != true) return body->get<std::string>();
  if (auto decoded = decode_base64(body->get_ref<const std::string&>())) return std::move(*decoded);
  log::write(log::Level::Warn, "request body is not valid base64", {{"requestId", request_id}});
  return {};
}

}  // namespace

Request parse_api_gateway_event(std::string_view payload, Deadline deadline) {
  const json event = json::parse(payload, nullptr, /*allow_exceptions=*/false);
  if (!event.is_object()) throw NotAnApiGatewayEvent("not an API Gateway event: the payload is not a JSON object");
  const auto context = event.find("requestContext");
  if (context == event.end() || !context->is_object()) {
    throw NotAnApiGatewayEvent("not an API Gateway event: no requestContext");
  }

  Request request;
  const auto version = string_member(event, "version");
  if (version == "2.0") {
    request.method = required_string(context->value("http", json::object()), "method", "requestContext.http.method");
    request.path = required_string(event, "rawPath", "rawPath");
  } else if (!version || version == "1.0") {
    request.method = required_string(event, "httpMethod", "httpMethod");
    request.path = string_member(event, "path").value_or("");
  } else {
    throw NotAnApiGatewayEvent("not an API Gateway event: unsupported payload version " + *version);
  }

  request.request_id = string_member(*context, "requestId").value_or("");
  const auto parameters = event.find("pathParameters");
  auto username = parameters != event.end() ? string_member(*parameters, "username") : std::nullopt;
  request.username = username ? std::move(*username) : last_path_segment(request.path);
  request.body = decoded_body(event, request.request_id);
  request.deadline = deadline;
  return request;
}

std::string api_gateway_result(const Response& response) {
  nlohmann::ordered_json headers = nlohmann::ordered_json::object();
  for (const auto& [name, value] : response.headers) headers[name] = value;

  nlohmann::ordered_json result;
  result["statusCode"] = response.status;
  result["headers"] = std::move(headers);
  result["body"] = response.body;
  result["isBase64Encoded"] = false;
  return result.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace birthday::transport
