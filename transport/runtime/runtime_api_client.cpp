#include "transport/runtime/runtime_api_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <stdexcept>
#include <thread>

#include "service/log.hpp"
#include "transport/runtime/invocation_headers.hpp"

namespace birthday::runtime {
namespace {

struct EasyHandleCleanup {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListCleanup {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyHandleCleanup>;
using HeaderList = std::unique_ptr<curl_slist, HeaderListCleanup>;

// An empty "Expect:" stops libcurl from waiting for "100 Continue" before large bodies.
constexpr const char* no_expect = "Expect:";

HeaderList header_list(std::initializer_list<const char*> lines) {
  curl_slist* list = nullptr;
  for (const char* line : lines) {
    curl_slist* longer = curl_slist_append(list, line);
    if (!longer) {
      curl_slist_free_all(list);
      throw std::bad_alloc();
    }
    list = longer;
  }
  return HeaderList(list);
}

// Header values are single lines; a type name is never allowed to break out of its header.
std::string header_safe(std::string_view value) {
  std::string safe(value);
  std::replace_if(safe.begin(), safe.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
  return safe;
}

void clear(Invocation& invocation) {
  invocation.request_id.clear();
  invocation.deadline = {};
  invocation.trace_id.clear();
  invocation.function_arn.clear();
  invocation.payload.clear();
}

}  // namespace

struct RuntimeApiClient::Connection {
  EasyHandle easy;
  RetryPolicy retry;
  std::string runtime_url;  // http://<endpoint>/2018-06-01/runtime/
  std::string next_url;
  std::string url;          // reused for the per-invocation URLs
  HeaderList response_headers = header_list({"Content-Type: application/json", no_expect});
  std::string reply_body;   // bodies of answers to posts, kept for the log
  // Where the answer being received goes: /next fills an Invocation, posts fill reply_body.
  std::string* body_sink = nullptr;
  Invocation* invocation = nullptr;
  char error_text[CURL_ERROR_SIZE] = {};

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* self) noexcept {
    auto& connection = *static_cast<Connection*>(self);
    const std::size_t length = size * count;
    try {
      if (connection.body_sink) connection.body_sink->append(data, length);
      return length;
    } catch (...) {
      return 0;  // out of memory: libcurl aborts the transfer and the call reports it
    }
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self) noexcept {
    auto& connection = *static_cast<Connection*>(self);
    const std::size_t length = size * count;
    try {
      if (connection.invocation) read_invocation_header(std::string_view(data, length), *connection.invocation);
      return length;
    } catch (...) {
      return 0;
    }
  }

  Connection(std::string_view endpoint, RetryPolicy retry_policy) : easy(curl_easy_init()), retry(retry_policy) {
    if (!easy) throw std::runtime_error("curl_easy_init failed");
    runtime_url = "http://" + std::string(endpoint) + "/2018-06-01/runtime/";
    next_url = runtime_url + "invocation/next";
    CURL* handle = easy.get();
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(handle, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http");
    // The Runtime API is local to the execution environment; a proxy from the environment
    // (http_proxy, ALL_PROXY, ...) must never sit in between.
    curl_easy_setopt(handle, CURLOPT_PROXY, "");
    // Bounds only the connect: /next itself must be allowed to wait as long as Lambda likes.
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, 2000L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &Connection::on_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, this);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, &Connection::on_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, this);
  }

  void use_url(std::string_view path_after_runtime) {
    url.assign(runtime_url).append(path_after_runtime);
  }

  void use_invocation_url(std::string_view request_id, std::string_view action) {
    url.assign(runtime_url).append("invocation/").append(request_id).append("/").append(action);
  }

  void prepare_post(std::string_view body, curl_slist* headers) {
    CURL* handle = easy.get();
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    // Never a null pointer: libcurl would read the body from stdin instead.
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.empty() ? "" : body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    invocation = nullptr;
    body_sink = &reply_body;
  }

  // Connection-level failures are retried after a doubling wait; HTTP answers are not.
  template <class BeforeEachAttempt>
  ApiReply perform(BeforeEachAttempt before_each_attempt) {
    ApiReply reply;
    std::chrono::milliseconds backoff = retry.first_backoff;
    for (int attempt = 1;; ++attempt) {
      before_each_attempt();
      error_text[0] = '\0';
      const CURLcode code = curl_easy_perform(easy.get());
      if (code == CURLE_OK) {
        curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &reply.status);
        if (body_sink == &reply_body) reply.body = reply_body;
        return reply;
      }
      reply.transport_error = error_text[0] != '\0' ? error_text : curl_easy_strerror(code);
      if (attempt >= retry.attempts) return reply;
      log::write(log::Level::Warn, "Runtime API unreachable, retrying",
                 {{"attempt", attempt}, {"error", reply.transport_error}, {"backoff_ms", backoff.count()}});
      std::this_thread::sleep_for(backoff);
      backoff *= 2;
    }
  }

  ApiReply post(std::string_view body, curl_slist* headers) {
    prepare_post(body, headers);
    return perform([this] { reply_body.clear(); });
  }

  ApiReply post_error(const ErrorReport& report) {
    const std::string type_header = "Lambda-Runtime-Function-Error-Type: " + header_safe(report.type);
    const HeaderList headers =
        header_list({"Content-Type: application/vnd.aws.lambda.error+json", no_expect, type_header.c_str()});
    const std::string body = error_body(report);
    ApiReply reply = post(body, headers.get());
    curl_easy_setopt(easy.get(), CURLOPT_HTTPHEADER, nullptr);  // the list dies with this call
    return reply;
  }
};

RuntimeApiClient::RuntimeApiClient(std::string_view endpoint, RetryPolicy retry)
    : connection_(std::make_unique<Connection>(endpoint, retry)) {}

RuntimeApiClient::~RuntimeApiClient() = default;

ApiReply RuntimeApiClient::next(Invocation& into) {
  Connection& connection = *connection_;
  CURL* handle = connection.easy.get();
  curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(handle, CURLOPT_URL, connection.next_url.c_str());
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
  connection.invocation = &into;
  connection.body_sink = &into.payload;
  ApiReply reply = connection.perform([&into] { clear(into); });
  if (reply.reached() && reply.status != 200) reply.body = into.payload;  // the refusal's reason
  connection.invocation = nullptr;
  connection.body_sink = nullptr;
  return reply;
}

ApiReply RuntimeApiClient::post_response(std::string_view request_id, std::string_view response) {
  connection_->use_invocation_url(request_id, "response");
  return connection_->post(response, connection_->response_headers.get());
}

ApiReply RuntimeApiClient::post_invocation_error(std::string_view request_id, const ErrorReport& report) {
  connection_->use_invocation_url(request_id, "error");
  return connection_->post_error(report);
}

ApiReply RuntimeApiClient::post_init_error(const ErrorReport& report) {
  connection_->use_url("init/error");
  return connection_->post_error(report);
}

}  // namespace birthday::runtime
