#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/clock.hpp"
#include "service/dynamodb/http_header.hpp"
#include "service/result.hpp"

namespace birthday::dynamodb {

struct HttpResponse {
  long status = 0;
  std::vector<Header> headers;  // names lower-cased
  std::string body;

  std::optional<std::string> header(std::string_view lower_case_name) const;
};

// An HTTP/1.1 client over one libcurl easy handle kept for the life of the object, so the
// connection (and its TLS session) survives between calls: a warm Lambda invocation skips the
// handshake. Calls are serialised. TLS peers are always verified.
class HttpClient {
 public:
  // `ca_file`: the CA bundle to verify servers with; empty means libcurl's built-in default.
  explicit HttpClient(std::string ca_file);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one POST and waits for the whole answer, never past `deadline`. Any HTTP status is a
  // response. No answer in time, refused, reset or unresolvable is Unavailable (worth a retry);
  // what a retry cannot fix (malformed URL, failed certificate verification) is Internal.
  Result<HttpResponse> post(const std::string& url, const std::vector<Header>& headers, std::string_view body,
                            Deadline deadline);

 private:
  struct Handle;
  std::mutex mutex_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace birthday::dynamodb
