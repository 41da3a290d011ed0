#include "service/dynamodb/endpoint.hpp"

#include <curl/curl.h>

#include <array>
#include <memory>
#include <utility>

namespace birthday::dynamodb {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};

struct CurlFreeDeleter {
  void operator()(char* text) const { curl_free(text); }
};

std::optional<std::string> url_part(CURLU* url, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(url, part, &raw, 0) != CURLUE_OK) return std::nullopt;
  const std::unique_ptr<char, CurlFreeDeleter> owned(raw);
  return std::string(raw);
}

}  // namespace

std::string partition_dns_suffix(std::string_view region) {
  // From the AWS SDKs' partitions.json (regionRegex → dnsSuffix).
  constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kPartitions = {{
      {"cn-", "amazonaws.com.cn"},
      {"us-iso-", "c2s.ic.gov"},
      {"us-isob-", "sc2s.sgov.gov"},
      {"eu-isoe-", "cloud.adc-e.uk"},
      {"us-isof-", "csp.hci.ic.gov"},
  }};
  for (const auto& [prefix, suffix] : kPartitions)
    if (region.starts_with(prefix)) return std::string(suffix);
  return "amazonaws.com";
}

std::optional<Endpoint> parse_endpoint(const std::string& url) {
  const std::unique_ptr<CURLU, CurlUrlDeleter> parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  const auto scheme = url_part(parsed.get(), CURLUPART_SCHEME);
  const auto host = url_part(parsed.get(), CURLUPART_HOST);
  const auto path = url_part(parsed.get(), CURLUPART_PATH);
  if (!scheme || (*scheme != "http" && *scheme != "https") || !host || host->empty()) return std::nullopt;
  if (path && !path->empty() && *path != "/") return std::nullopt;
  if (url_part(parsed.get(), CURLUPART_QUERY) || url_part(parsed.get(), CURLUPART_USER)) return std::nullopt;

  // Only a port written in the URL appears in Host, as HTTP clients send it.
  std::string authority = *host;
  if (const auto port = url_part(parsed.get(), CURLUPART_PORT)) authority += ':' + *port;
  return Endpoint{*scheme + "://" + authority + "/", authority};
}

}  // namespace birthday::dynamodb
