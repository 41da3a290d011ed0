#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace birthday::dynamodb {

// Where requests go. DynamoDB serves every operation at "/", so only scheme and authority count.
struct Endpoint {
  std::string url;   // "scheme://host[:port]/"
  std::string host;  // "host[:port]": the Host header, which is signed
};

// http or https URL with an empty path or "/"; nullopt for anything else.
std::optional<Endpoint> parse_endpoint(const std::string& url);

// The DNS suffix of the AWS partition `region` belongs to: amazonaws.com.cn for China (cn-*),
// the ISO partitions' own (us-iso-*, us-isob-*, eu-isoe-*, us-isof-*), else amazonaws.com
// (the commercial regions and GovCloud, us-gov-*).
std::string partition_dns_suffix(std::string_view region);

}  // namespace birthday::dynamodb
