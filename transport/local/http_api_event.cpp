#include "transport/local/http_api_event.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <map>
#include <string_view>

#include <nlohmann/json.hpp>

#include "service/ascii.hpp"
#include "transport/local/body_encoding.hpp"

namespace birthday::local {
namespace {

// API Gateway's own account and API id stand-ins; a real API has a 10-character id.
constexpr const char* account_id = "123456789012";
constexpr const char* api_id = "local";

// Exactly the UTF-8 the JSON writer takes: overlong forms and surrogates are not.
bool is_valid_utf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();
    return true;
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
}

// Keys and values percent-decoded; a repeated key's values joined with commas.
nlohmann::ordered_json query_parameters(std::string_view query) {
  std::map<std::string, std::string> parameters;
  while (!query.empty()) {
    const std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    const std::string key = ascii::percent_decode(pair.substr(0, equals));
    const std::string value = equals == std::string_view::npos ? "" : ascii::percent_decode(pair.substr(equals + 1));
    auto [entry, inserted] = parameters.try_emplace(key, value);
    if (!inserted) entry->second += "," + value;
  }
  nlohmann::ordered_json json = nlohmann::ordered_json::object();
  for (const auto& [key, value] : parameters) json[key] = value;
  return json;
}

std::vector<std::string> cookies_of(const std::vector<std::string>& cookie_headers) {
  std::vector<std::string> cookies;
  for (const std::string& header : cookie_headers) {
    std::string_view rest = header;
    while (!rest.empty()) {
      const std::string_view cookie = rest.substr(0, rest.find(';'));
      rest.remove_prefix(std::min(rest.size(), cookie.size() + 1));
      if (std::string trimmed(ascii::trim(cookie)); !trimmed.empty()) cookies.push_back(std::move(trimmed));
    }
  }
  return cookies;
}

}  // namespace

std::pair<std::string, std::string> split_target(const std::string& target) {
  const std::size_t question = target.find('?');
  if (question == std::string::npos) return {target, ""};
  return {target.substr(0, question), target.substr(question + 1)};
}

std::string request_time_text(std::chrono::system_clock::time_point time) {
  static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[40];
  std::snprintf(text, sizeof text, "%02d/%s/%04d:%02d:%02d:%02d +0000", utc.tm_mday,
                months[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

std::string http_api_event(const IncomingRequest& request, const RouteMatch& route, const RequestContext& context) {
  const auto [raw_path, raw_query] = split_target(request.target);

  // Header names are case-insensitive: one lower-case key each, repeated values joined.
  std::map<std::string, std::string> headers;
  std::vector<std::string> cookie_headers;
  for (const auto& [name, value] : request.headers) {
    const std::string key = ascii::lowercase(name);
    if (key == "cookie") {
      cookie_headers.push_back(value);
      continue;
    }
    auto [entry, inserted] = headers.try_emplace(key, value);
    if (!inserted) entry->second += "," + value;
  }
  const auto forwarded = headers.find("x-forwarded-for");
  headers["x-forwarded-for"] = forwarded == headers.end() ? request.source_ip : forwarded->second + ", " + request.source_ip;
  headers["x-forwarded-port"] = std::to_string(context.port);
  headers["x-forwarded-proto"] = "http";
  headers.try_emplace("x-amzn-trace-id", context.trace_root);

  const auto host = headers.find("host");
  const std::string domain_name = host == headers.end() ? "localhost" : host->second;
  const auto user_agent = headers.find("user-agent");

  // HTTP APIs deliver the path percent-decoded, in rawPath too (REST APIs and function URLs
  // keep it encoded); rawQueryString stays as sent.
  const std::string path = ascii::percent_decode(raw_path);

  nlohmann::ordered_json event;
  event["version"] = "2.0";
  event["routeKey"] = route.route_key;
  event["rawPath"] = path;
  event["rawQueryString"] = raw_query;
  if (const std::vector<std::string> cookies = cookies_of(cookie_headers); !cookies.empty()) event["cookies"] = cookies;
  event["headers"] = nlohmann::ordered_json(headers);
  if (!raw_query.empty()) event["queryStringParameters"] = query_parameters(raw_query);
  event["requestContext"] = {
      {"accountId", account_id},
      {"apiId", api_id},
      {"domainName", domain_name},
      {"domainPrefix", domain_name.substr(0, domain_name.find('.'))},
      {"http",
       {{"method", request.method},
        {"path", path},
        {"protocol", request.protocol},
        {"sourceIp", request.source_ip},
        {"userAgent", user_agent == headers.end() ? "" : user_agent->second}}},
      {"requestId", context.request_id},
      {"routeKey", route.route_key},
      {"stage", "$default"},
      {"time", request_time_text(context.time)},
      {"timeEpoch", std::chrono::duration_cast<std::chrono::milliseconds>(context.time.time_since_epoch()).count()},
  };
  if (!route.path_parameters.empty()) event["pathParameters"] = route.path_parameters;

  bool base64 = false;
  if (!request.body.empty()) {
    const auto content_type = headers.find("content-type");
    const bool text = content_type != headers.end() && is_text_content_type(content_type->second) &&
                      is_valid_utf8(request.body);
    base64 = !text;
    event["body"] = base64 ? encode_base64(request.body) : request.body;
  }
  event["isBase64Encoded"] = base64;
  // A path, query or header that is not UTF-8 reaches the function with U+FFFD in its place.
  return event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace birthday::local
