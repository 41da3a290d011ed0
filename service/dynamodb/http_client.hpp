#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/clock.hpp"
#include "service/dynamodb/http_header.hpp"
#include "service/dynamodb/trust_store.hpp"
#include "service/result.hpp"

namespace birthday::dynamodb {

struct HttpResponse {
  long status = 0;
  std::vector<Header> headers;  // names lower-cased
  std::string body;

  std::optional<std::string> header(std::string_view lower_case_name) const;
};

// Whether a failure of HttpClient::post() was running out of time: no answer before the deadline.
bool is_timeout(const Error& error);

// An HTTP/1.1 client over one libcurl easy handle kept for the life of the object, so the
// connection (and its TLS session) survives between calls: a warm Lambda invocation skips the
// handshake. Calls are serialised. TLS peers are always verified, with trust.ca_file and, should
// that fail, with trust.fallback_ca_file from then on.
class HttpClient {
 public:
  explicit HttpClient(TrustStore trust);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one POST and waits for the whole answer, never past `deadline`. Any HTTP status is a
  // response. No answer in time, refused, reset, unresolvable, garbled or with a body over 1 MiB
  // (not read past that) is Unavailable (worth a retry);
  // what a retry cannot fix (malformed URL, failed certificate verification) is Internal.
  Result<HttpResponse> post(const std::string& url, const std::vector<Header>& headers, std::string_view body,
                            Deadline deadline);

  // Opens the connection to `url`'s server (TCP and TLS) ahead of the first request, with a GET
  // of `url` whose answer, whatever its status, only shows that the connection works.
  Status connect(const std::string& url, Deadline deadline);

 private:
  struct Handle;
  Result<HttpResponse> perform(Deadline deadline);

  TrustStore trust_;
  std::mutex mutex_;
  std::unique_ptr<Handle> handle_;
};

}  // namespace birthday::dynamodb
