#include "service/dynamodb/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "service/ascii.hpp"
#include "service/log.hpp"

namespace birthday::dynamodb {
namespace {

using std::chrono::milliseconds;

// Enough for a TCP+TLS handshake within a region; a longer stall is better spent on a retry.
constexpr milliseconds kConnectTimeout{1000};

// Far more than any answer to the single-item calls made here (an item is at most 400 KB). A
// longer body is not an answer but a fault on the server's side, and is not read to its end.
constexpr std::size_t kMaxResponseBody = 1024 * 1024;

struct CurlSlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, CurlSlistDeleter>;

struct CurlEasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

void initialise_curl_once() {
  static const CURLcode status = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (status != CURLE_OK) throw std::runtime_error("curl_global_init failed");
}

// libcurl's callbacks are called from C: an exception must not cross them. Returning a count
// other than the one given makes libcurl fail the transfer instead.
size_t append_body(char* data, size_t size, size_t count, void* response) noexcept {
  try {
    std::string& body = static_cast<HttpResponse*>(response)->body;
    if (body.size() + size * count > kMaxResponseBody) {
      // Keeps one byte past the limit, which tells perform() why the transfer stopped.
      body.append(data, kMaxResponseBody + 1 - body.size());
      return 0;
    }
    body.append(data, size * count);
    return size * count;
  } catch (...) {
    return 0;
  }
}

size_t append_header(char* data, size_t size, size_t count, void* target) noexcept {
  try {
    auto* response = static_cast<HttpResponse*>(target);
    const std::string_view line(data, size * count);
    // A new status line starts a new response (after a redirect or an interim 1xx): forget the old headers.
    if (line.starts_with("HTTP/")) response->headers.clear();
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      response->headers.push_back({ascii::lowercase(line.substr(0, colon)), std::string(ascii::trim(line.substr(colon + 1)))});
    }
    return size * count;
  } catch (...) {
    return 0;
  }
}

// Failures a later attempt may not see: the network or the server, not our request.
bool is_transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:  // a garbled status line or header: a broken hop, not our request
      return true;
    default:
      return false;
  }
}

// libcurl reads 0 as "no timeout", so never pass less than 1 ms.
long timeout_ms(milliseconds duration) { return static_cast<long>(std::max<milliseconds::rep>(duration.count(), 1)); }

// The CA file did not verify the server's certificate, or could not be read at all.
bool is_trust_failure(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE;
}

struct Transfer {
  CURLcode code = CURLE_OK;
  HttpResponse response;
};

// Runs the request set up on `curl` within what is left before `deadline`.
Transfer run(CURL* curl, Deadline deadline) {
  Transfer transfer;
  const auto time_left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  if (time_left <= milliseconds::zero()) {
    transfer.code = CURLE_OPERATION_TIMEDOUT;
    return transfer;
  }
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms(std::min(time_left, kConnectTimeout)));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms(time_left));
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer.response);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer.response);
  transfer.code = curl_easy_perform(curl);
  if (transfer.code == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &transfer.response.status);
  return transfer;
}

}  // namespace

// A failure's detail starts with libcurl's text for its code (perform()).
bool is_timeout(const Error& error) {
  return error.kind == ErrorKind::Unavailable && error.detail.starts_with(curl_easy_strerror(CURLE_OPERATION_TIMEDOUT));
}

std::optional<std::string> HttpResponse::header(std::string_view lower_case_name) const {
  for (const Header& entry : headers)
    if (entry.name == lower_case_name) return entry.value;
  return std::nullopt;
}

struct HttpClient::Handle {
  std::unique_ptr<CURL, CurlEasyDeleter> curl;
  char error[CURL_ERROR_SIZE] = {};
};

HttpClient::HttpClient(TrustStore trust) : trust_(std::move(trust)), handle_(std::make_unique<Handle>()) {
  initialise_curl_once();
  handle_->curl.reset(curl_easy_init());
  CURL* curl = handle_->curl.get();
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  curl_easy_setopt(curl, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  // The bootstraps' libcurl has no other protocol built in (cmake/Packaging.cmake).
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  // Timeouts by alarm signal are unsafe in a threaded process; the threaded resolver needs none.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!trust_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, trust_.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, handle_->error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
}

HttpClient::~HttpClient() = default;

Result<HttpResponse> HttpClient::post(const std::string& url, const std::vector<Header>& headers,
                                      std::string_view body, Deadline deadline) {
  const auto time_left = std::chrono::duration_cast<milliseconds>(deadline - std::chrono::steady_clock::now());
  if (time_left <= milliseconds::zero()) return Error{ErrorKind::Unavailable, "deadline passed before sending"};

  // An empty "Expect:" stops libcurl from waiting for "100 Continue" on larger bodies.
  HeaderList header_list{curl_slist_append(nullptr, "Expect:")};
  if (!header_list) return Error{ErrorKind::Internal, "out of memory building request headers"};
  for (const Header& header : headers)
    if (!curl_slist_append(header_list.get(), (header.name + ": " + header.value).c_str()))
      return Error{ErrorKind::Internal, "out of memory building request headers"};

  std::lock_guard lock(mutex_);
  CURL* curl = handle_->curl.get();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POST, 1L);
  // A null POSTFIELDS would make libcurl read the body from stdin.
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.empty() ? "" : body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, header_list.get());
  Result<HttpResponse> response = perform(deadline);
  // The list dies with this call; the handle must not keep pointing at it.
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  return response;
}

Status HttpClient::connect(const std::string& url, Deadline deadline) {
  std::lock_guard lock(mutex_);
  curl_easy_setopt(handle_->curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle_->curl.get(), CURLOPT_HTTPGET, 1L);
  const Result<HttpResponse> response = perform(deadline);
  if (!response) return response.error();
  return ok();
}

Result<HttpResponse> HttpClient::perform(Deadline deadline) {
  CURL* curl = handle_->curl.get();
  handle_->error[0] = '\0';
  Transfer transfer = run(curl, deadline);
  if (is_trust_failure(transfer.code) && !trust_.fallback_ca_file.empty()) {
    log::write(log::Level::Warn, "TLS peer not verified with the CA file; using the fallback from now on",
               {{"caFile", trust_.ca_file}, {"fallbackCaFile", trust_.fallback_ca_file},
                {"reason", std::string(curl_easy_strerror(transfer.code)) + ": " + handle_->error}});
    trust_.ca_file = std::exchange(trust_.fallback_ca_file, "");
    curl_easy_setopt(curl, CURLOPT_CAINFO, trust_.ca_file.c_str());
    handle_->error[0] = '\0';
    transfer = run(curl, deadline);
  }
  // As a failure while reading a body, which the AWS SDKs retry: another attempt gets a new
  // connection, perhaps to a healthy host, and the retry budget bounds what that costs.
  if (transfer.code == CURLE_WRITE_ERROR && transfer.response.body.size() > kMaxResponseBody)
    return Error{ErrorKind::Unavailable, "response body over 1 MiB: stopped reading it"};
  if (transfer.code != CURLE_OK) {
    std::string detail = curl_easy_strerror(transfer.code);
    if (handle_->error[0] != '\0') detail += std::string(": ") + handle_->error;
    return Error{is_transient(transfer.code) ? ErrorKind::Unavailable : ErrorKind::Internal, std::move(detail)};
  }
  return std::move(transfer.response);
}

}  // namespace birthday::dynamodb
