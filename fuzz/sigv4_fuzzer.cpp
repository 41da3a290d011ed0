// SigV4 over arbitrary methods, paths, queries, headers, bodies, credentials and times: never a
// crash, one signature per request (twice signed, twice the same), and signing a signed request
// again replaces its signature rather than signing the old one.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz/fuzz_property.hpp"
#include "service/dynamodb/sigv4.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace birthday::dynamodb;
  using birthday::fuzz::require;
  FuzzedDataProvider input(data, size);
  sigv4::Request request;
  request.method = input.ConsumeRandomLengthString(16);
  request.path = input.ConsumeRandomLengthString(256);
  request.query = input.ConsumeRandomLengthString(256);
  for (int count = input.ConsumeIntegralInRange(0, 8); count > 0; --count) {
    std::string name = input.ConsumeRandomLengthString(32);
    request.headers.push_back({std::move(name), input.ConsumeRandomLengthString(128)});
  }
  Credentials credentials;
  credentials.access_key_id = input.ConsumeRandomLengthString(32);
  credentials.secret_access_key = input.ConsumeRandomLengthString(64);
  credentials.session_token = input.ConsumeRandomLengthString(64);
  const sigv4::Scope scope{input.ConsumeRandomLengthString(24), input.ConsumeRandomLengthString(24)};
  // Any time from 1970 to the system clock's end (2262).
  constexpr auto latest = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::duration::max());
  const std::chrono::system_clock::time_point now{
      std::chrono::seconds(input.ConsumeIntegralInRange<std::int64_t>(0, latest.count()))};
  request.body = input.ConsumeRemainingBytesAsString();

  sigv4::Request first = request;
  sigv4::Request second = request;
  const sigv4::Signature one = sigv4::sign(first, credentials, scope, now);
  const sigv4::Signature two = sigv4::sign(second, credentials, scope, now);
  require(one.canonical_request == two.canonical_request && one.authorization == two.authorization,
          "the same request signed twice gets the same signature");
  require(first.headers.size() == second.headers.size(), "signing adds the same headers");

  const sigv4::Signature again = sigv4::sign(first, credentials, scope, now);
  require(again.authorization == one.authorization, "signing a signed request again replaces its signature");
  int authorizations = 0;
  for (const Header& header : first.headers) authorizations += header.name == "Authorization" ? 1 : 0;
  require(authorizations == 1, "a signed request has one Authorization header");
  return 0;
}
