#pragma once

#include <filesystem>
#include <string>

namespace birthday::dynamodb::testing {

// Certificates for local TLS endpoints, made with the openssl command into `directory`: a root
// CA named `root_name` and a server certificate it signs for `server_name` and 127.0.0.1, both
// RSA 2048 like the certificates of AWS endpoints. Throws std::runtime_error if openssl fails.
struct TestPki {
  TestPki(const std::filesystem::path& directory, const std::string& server_name,
          const std::string& root_name = "Test Root CA");

  std::filesystem::path root_certificate;
  std::filesystem::path server_certificate;
  std::filesystem::path server_key;
};

}  // namespace birthday::dynamodb::testing
