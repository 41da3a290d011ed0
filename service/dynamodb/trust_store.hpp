#pragma once

#include <string>

namespace birthday::dynamodb {

// The CA certificates that verify the endpoint's TLS certificate. Peers are always verified.
struct TrustStore {
  std::string ca_file{};           // PEM bundle; empty means libcurl's built-in default
  std::string fallback_ca_file{};  // tried (and kept) once ca_file fails to verify a peer; empty: none
};

}  // namespace birthday::dynamodb
