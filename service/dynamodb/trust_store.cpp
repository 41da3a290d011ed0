#include "service/dynamodb/trust_store.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <system_error>

#include "service/dynamodb/endpoint.hpp"
#include "service/dynamodb/environment.hpp"
#include "service/log.hpp"

namespace birthday::dynamodb {
namespace {

namespace fs = std::filesystem;

// Why `path` cannot serve as a PEM bundle; nothing when it can. Opening is checked, parsing is
// not: parsing the system's ~150 certificates is most of what a cold TLS handshake costs, and
// libcurl does it on the first connection anyway.
std::optional<std::string> unusable_file(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) return "does not exist";
  if (fs::is_directory(status)) return "is a directory, not a PEM file";
  if (!fs::is_regular_file(status)) return "is not a regular file";
  const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) return "cannot be read: " + std::error_code(errno, std::generic_category()).message();
  ::close(descriptor);
  if (fs::file_size(path, error) == 0) return "is empty";
  return std::nullopt;
}

// libcurl's built-in CA location may be a file or a directory of hashed certificates.
std::optional<std::string> unusable_file_or_directory(const std::string& path) {
  std::error_code error;
  if (!fs::is_directory(path, error)) return unusable_file(path);
  fs::directory_iterator listing(path, error);
  if (error) return "cannot be read: " + error.message();
  return std::nullopt;
}

struct SystemBundle {
  std::string path;              // empty when none is readable
  std::vector<std::string> why;  // for each bundle passed over: "<path> <reason>"
};

SystemBundle first_readable(const std::vector<std::string>& bundles) {
  SystemBundle found;
  for (const std::string& bundle : bundles) {
    const std::optional<std::string> why_not = unusable_file(bundle);
    if (!why_not) {
      found.path = bundle;
      return found;
    }
    found.why.push_back(bundle + " " + *why_not);
  }
  return found;
}

bool is_https(const std::optional<Endpoint>& endpoint) {
  return endpoint && endpoint->url.starts_with("https://");
}

// The zip's Amazon roots, when they apply to this endpoint and are shipped; readable or not.
std::optional<std::string> amazon_roots_for(const std::optional<Endpoint>& endpoint, const std::string& task_root) {
  if (!is_https(endpoint) || task_root.empty()) return std::nullopt;
  const std::string host = endpoint->host.substr(0, endpoint->host.find(':'));
  if (!host.ends_with(".amazonaws.com")) return std::nullopt;
  const fs::path roots = fs::path(task_root) / environment::amazon_roots_in_task;
  std::error_code error;
  if (!fs::exists(roots, error)) return std::nullopt;
  return roots.string();
}

std::vector<std::string> libcurl_built_in_ca_locations() {
  std::vector<std::string> locations;
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return locations;
  for (const CURLINFO info : {CURLINFO_CAINFO, CURLINFO_CAPATH}) {
    char* built_in = nullptr;
    if (curl_easy_getinfo(curl.get(), info, &built_in) == CURLE_OK && built_in && *built_in)
      locations.emplace_back(built_in);
  }
  return locations;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

}  // namespace

CaLocations CaLocations::of_this_machine() {
  return {{"/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt"}, libcurl_built_in_ca_locations};
}

TrustStore choose_trust_store(const TrustSettings& settings, const CaLocations& locations) {
  if (!settings.ssl_cert_file.empty()) {
    if (const auto why_not = unusable_file(settings.ssl_cert_file))
      throw std::runtime_error("SSL_CERT_FILE " + settings.ssl_cert_file + " " + *why_not);
    return {settings.ssl_cert_file, ""};
  }

  const std::optional<Endpoint> endpoint = parse_endpoint(settings.endpoint);
  const SystemBundle system_bundle = first_readable(locations.system_bundles);
  std::vector<std::string> why;
  if (const std::optional<std::string> amazon_roots = amazon_roots_for(endpoint, settings.task_root)) {
    const std::optional<std::string> why_not = unusable_file(*amazon_roots);
    if (!why_not) return {*amazon_roots, system_bundle.path};
    log::write(log::Level::Warn, "the zip's Amazon roots are unusable: passed over for the system bundle",
               {{"caFile", *amazon_roots}, {"reason", *why_not}});
    why.push_back(*amazon_roots + " " + *why_not);
  }
  if (!system_bundle.path.empty() || !is_https(endpoint)) return {system_bundle.path, ""};

  why.insert(why.end(), system_bundle.why.begin(), system_bundle.why.end());
  const std::vector<std::string> libcurl_defaults =
      locations.libcurl_defaults ? locations.libcurl_defaults() : std::vector<std::string>{};
  for (const std::string& built_in : libcurl_defaults) {
    if (std::ranges::find(locations.system_bundles, built_in) != locations.system_bundles.end()) continue;
    const std::optional<std::string> why_not = unusable_file_or_directory(built_in);
    if (!why_not) return {};
    why.push_back("libcurl's built-in " + built_in + " " + *why_not);
  }
  if (libcurl_defaults.empty()) why.emplace_back("libcurl has no built-in CA location");
  throw std::runtime_error("no CA certificates to verify " + settings.endpoint +
                           " with: SSL_CERT_FILE is not set; " + joined(why));
}

}  // namespace birthday::dynamodb
