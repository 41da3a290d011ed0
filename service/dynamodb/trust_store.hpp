#pragma once

#include <functional>
#include <string>
#include <vector>

namespace birthday::dynamodb {

// The CA certificates that verify the endpoint's TLS certificate. Peers are always verified.
struct TrustStore {
  std::string ca_file{};           // PEM bundle; empty means libcurl's built-in default
  std::string fallback_ca_file{};  // tried (and kept) once ca_file fails to verify a peer; empty: none
};

// Where this machine may keep CA certificates.
struct CaLocations {
  std::vector<std::string> system_bundles;  // PEM bundles, the first readable one wins
  // The CA file and directory libcurl was built with; asked only when no system bundle is
  // readable (it takes a libcurl handle, a cost every cold start would otherwise pay).
  std::function<std::vector<std::string>()> libcurl_defaults;

  // /etc/pki/tls/certs/ca-bundle.crt (Amazon Linux), /etc/ssl/certs/ca-certificates.crt (Debian);
  // libcurl's CURLINFO_CAINFO and CURLINFO_CAPATH.
  static CaLocations of_this_machine();
};

// What the environment says about trust.
struct TrustSettings {
  std::string endpoint;       // the DynamoDB endpoint URL
  std::string ssl_cert_file;  // SSL_CERT_FILE; empty when unset
  std::string task_root;      // LAMBDA_TASK_ROOT; empty when unset
};

// - SSL_CERT_FILE set: that file alone. It must be a readable, non-empty regular file, whatever
//   the endpoint: whoever set it meant it.
// - An https *.amazonaws.com endpoint with the zip's Amazon Trust Services roots readable in the
//   task root: those, the first readable system bundle as fallback. Roots that are there but
//   unreadable are logged and passed over for the system bundle, which is their fallback anyway.
// - Otherwise the first readable system bundle; with none, libcurl's built-in default (empty
//   ca_file) as long as one of its locations is readable.
// Throws std::runtime_error naming the variable or every file tried, and why each failed, when
// SSL_CERT_FILE is unusable, or when an https endpoint would have no CA certificate at all:
// then every request would fail its handshake, and an init error says so once, at deploy time.
// A plain http endpoint (a local DynamoDB) needs no certificates.
TrustStore choose_trust_store(const TrustSettings& settings, const CaLocations& locations);

}  // namespace birthday::dynamodb
