#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "service/dynamodb/dynamodb_repository.hpp"
#include "service/dynamodb/http_header.hpp"

// AWS Signature Version 4 for requests signed in an Authorization header.
namespace birthday::dynamodb::sigv4 {

// A request about to be sent. Every header listed here is signed, so list only headers that
// reach the server unchanged; the transport may add unsigned ones (Content-Length, User-Agent).
struct Request {
  std::string method;
  std::string path = "/";  // as sent, before URI encoding
  std::string query;       // the part after '?', possibly empty
  std::vector<Header> headers;
  std::string body;
};

struct Scope {
  std::string region;   // e.g. eu-west-1
  std::string service;  // e.g. dynamodb
};

// The texts the signature is computed from, kept for tests and troubleshooting.
struct Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string authorization;  // the value of the Authorization header
};

// Signs `request` in place: sets X-Amz-Date to `now`, sets X-Amz-Security-Token when the
// credentials carry a session token, then sets Authorization. Signing again replaces all three.
Signature sign(Request& request, const Credentials& credentials, const Scope& scope,
               std::chrono::system_clock::time_point now);

// Lowercase hex SHA-256, the hash SigV4 uses for payloads and canonical requests.
std::string sha256_hex(std::string_view data);

}  // namespace birthday::dynamodb::sigv4
