#include "transport/local/http_api_result.hpp"

#include <optional>

#include <nlohmann/json.hpp>

#include "transport/base64.hpp"

namespace birthday::local {
namespace {

HttpReply gateway_message(int status, const char* message) {
  return {status, {{"Content-Type", "application/json"}}, nlohmann::json{{"message", message}}.dump()};
}

std::optional<std::string> header_text(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number() || value.is_boolean()) return value.dump();
  return std::nullopt;
}

std::variant<HttpReply, MalformedResult> reply_from_proxy_result(const nlohmann::json& result) {
  const nlohmann::json& status = result["statusCode"];
  if (!status.is_number_integer() || status.get<long long>() < 100 || status.get<long long>() > 599) {
    return MalformedResult{"statusCode must be an integer from 100 to 599"};
  }
  HttpReply reply;
  reply.status = status.get<int>();

  if (result.contains("headers") && !result["headers"].is_null()) {
    if (!result["headers"].is_object()) return MalformedResult{"headers must be an object"};
    for (const auto& [name, value] : result["headers"].items()) {
      const std::optional<std::string> text = header_text(value);
      if (!text) return MalformedResult{"header " + name + " must be a string"};
      reply.headers.emplace_back(name, *text);
    }
  }
  if (result.contains("cookies") && !result["cookies"].is_null()) {
    if (!result["cookies"].is_array()) return MalformedResult{"cookies must be an array of strings"};
    for (const nlohmann::json& cookie : result["cookies"]) {
      if (!cookie.is_string()) return MalformedResult{"cookies must be an array of strings"};
      reply.headers.emplace_back("Set-Cookie", cookie.get<std::string>());
    }
  }
  bool base64 = false;
  if (result.contains("isBase64Encoded") && !result["isBase64Encoded"].is_null()) {
    if (!result["isBase64Encoded"].is_boolean()) return MalformedResult{"isBase64Encoded must be a boolean"};
    base64 = result["isBase64Encoded"].get<bool>();
  }
  if (result.contains("body") && !result["body"].is_null()) {
    if (!result["body"].is_string()) return MalformedResult{"body must be a string"};
    reply.body = result["body"].get<std::string>();
    if (base64) {
      std::optional<std::string> decoded = transport::decode_base64(reply.body);
      if (!decoded) return MalformedResult{"body is not valid base64 although isBase64Encoded is true"};
      reply.body = std::move(*decoded);
    }
  }
  return reply;
}

}  // namespace

std::variant<HttpReply, MalformedResult> reply_from_result(std::string_view payload) {
  const nlohmann::json result = nlohmann::json::parse(payload, nullptr, false);
  if (result.is_discarded()) return MalformedResult{"the result is not JSON"};
  if (result.is_object() && result.contains("statusCode")) return reply_from_proxy_result(result);
  // Payload 2.0's inferred format: valid JSON without a statusCode is the body of a 200.
  return HttpReply{200, {{"Content-Type", "application/json"}}, std::string(payload)};
}

HttpReply bad_request() { return gateway_message(400, "Bad Request"); }
HttpReply not_found() { return gateway_message(404, "Not Found"); }
HttpReply internal_server_error() { return gateway_message(500, "Internal Server Error"); }
HttpReply bad_gateway() { return gateway_message(502, "Bad Gateway"); }
HttpReply service_unavailable() { return gateway_message(503, "Service Unavailable"); }
HttpReply request_too_large() { return gateway_message(413, "Request Entity Too Large"); }

}  // namespace birthday::local
