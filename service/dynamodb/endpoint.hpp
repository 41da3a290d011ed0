#pragma once

#include <optional>
#include <string>

namespace birthday::dynamodb {

// Where requests go. DynamoDB serves every operation at "/", so only scheme and authority count.
struct Endpoint {
  std::string url;   // "scheme://host[:port]/"
  std::string host;  // "host[:port]": the Host header, which is signed
};

// http or https URL with an empty path or "/"; nullopt for anything else.
std::optional<Endpoint> parse_endpoint(const std::string& url);

}  // namespace birthday::dynamodb
