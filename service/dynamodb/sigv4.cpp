#include "service/dynamodb/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <utility>

#include "service/ascii.hpp"

namespace birthday::dynamodb::sigv4 {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

using Digest = std::array<unsigned char, 32>;

// Fetched once: OpenSSL 3 would otherwise look the algorithm up on every call.
const EVP_MD* sha256_md() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md{EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                   &EVP_MD_free};
  if (!md) throw std::runtime_error("OpenSSL has no SHA256");
  return md.get();
}

Digest sha256(std::string_view data) {
  Digest digest{};
  if (EVP_Digest(data.data(), data.size(), digest.data(), nullptr, sha256_md(), nullptr) != 1)
    throw std::runtime_error("OpenSSL SHA256 failed");
  return digest;
}

Digest hmac_sha256(std::string_view key, std::string_view data) {
  Digest digest{};
  unsigned int length = 0;
  if (!HMAC(sha256_md(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
            data.size(), digest.data(), &length))
    throw std::runtime_error("OpenSSL HMAC-SHA256 failed");
  return digest;
}

std::string_view as_text(const Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

// Replaces the first header of that name (dropping any repeats) or appends one, so that the
// headers keep the order they were given in.
void set_header(std::vector<Header>& headers, std::string_view name, std::string value) {
  const auto first = std::find_if(headers.begin(), headers.end(),
                                  [&](const Header& header) { return ascii::equal_ignoring_case(header.name, name); });
  if (first == headers.end()) {
    headers.push_back({std::string(name), std::move(value)});
    return;
  }
  first->value = std::move(value);
  headers.erase(std::remove_if(std::next(first), headers.end(),
                               [&](const Header& header) { return ascii::equal_ignoring_case(header.name, name); }),
                headers.end());
}

void append_padded(std::string& out, long value, std::size_t width) {
  const std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

// "YYYYMMDDTHHMMSSZ", the ISO 8601 basic format SigV4 uses.
std::string amz_date(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(now);
  const auto day = floor<days>(seconds);
  const year_month_day date{day};
  const hh_mm_ss time{seconds - day};
  std::string text;
  text.reserve(16);
  append_padded(text, static_cast<int>(date.year()), 4);
  append_padded(text, static_cast<unsigned>(date.month()), 2);
  append_padded(text, static_cast<unsigned>(date.day()), 2);
  text += 'T';
  append_padded(text, time.hours().count(), 2);
  append_padded(text, time.minutes().count(), 2);
  append_padded(text, static_cast<long>(time.seconds().count()), 2);
  text += 'Z';
  return text;
}

bool is_unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

std::string uri_encode(std::string_view text, bool keep_slashes) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_unreserved(c) || (keep_slashes && c == '/')) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kDigits[byte >> 4];
      out += kDigits[byte & 0x0f];
    }
  }
  return out;
}

// Query parameters decoded, re-encoded the one canonical way, sorted by name then value.
std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  while (!query.empty()) {
    const std::size_t end = std::min(query.find('&'), query.size());
    const std::string_view pair = query.substr(0, end);
    query.remove_prefix(std::min(end + 1, query.size()));
    if (pair.empty()) continue;
    const std::size_t equals = std::min(pair.find('='), pair.size());
    const std::string_view value = equals < pair.size() ? pair.substr(equals + 1) : std::string_view{};
    parameters.emplace_back(uri_encode(ascii::percent_decode(pair.substr(0, equals)), false),
                            uri_encode(ascii::percent_decode(value), false));
  }
  std::sort(parameters.begin(), parameters.end());
  std::string out;
  for (const auto& [name, value] : parameters) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

// Leading and trailing blanks removed, inner runs of blanks collapsed to one space.
std::string normalized_value(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (const char c : value) {
    if (c == ' ' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

struct CanonicalHeaders {
  std::string lines;         // "name:value\n" for each header name, sorted
  std::string signed_names;  // "name;name;..."
};

// Repeated headers become one, their values joined by commas in the order they were given.
CanonicalHeaders canonical_headers(const std::vector<Header>& headers) {
  std::map<std::string, std::string> merged;
  for (const Header& header : headers) {
    auto [entry, inserted] = merged.try_emplace(ascii::lowercase(header.name), normalized_value(header.value));
    if (!inserted) entry->second += ',' + normalized_value(header.value);
  }
  CanonicalHeaders out;
  for (const auto& [name, value] : merged) {
    out.lines += name + ':' + value + '\n';
    if (!out.signed_names.empty()) out.signed_names += ';';
    out.signed_names += name;
  }
  return out;
}

}  // namespace

std::string sha256_hex(std::string_view data) { return ascii::lowercase_hex(sha256(data)); }

Signature sign(Request& request, const Credentials& credentials, const Scope& scope,
               std::chrono::system_clock::time_point now) {
  const std::string timestamp = amz_date(now);
  const std::string date = timestamp.substr(0, 8);
  std::erase_if(request.headers, [](const Header& header) { return ascii::equal_ignoring_case(header.name, "Authorization"); });
  set_header(request.headers, "X-Amz-Date", timestamp);
  if (!credentials.session_token.empty())
    set_header(request.headers, "X-Amz-Security-Token", credentials.session_token);

  const CanonicalHeaders headers = canonical_headers(request.headers);
  Signature signature;
  signature.canonical_request = request.method + '\n' + uri_encode(request.path, true) + '\n' +
                                canonical_query(request.query) + '\n' + headers.lines + '\n' +
                                headers.signed_names + '\n' + sha256_hex(request.body);

  const std::string credential_scope = date + '/' + scope.region + '/' + scope.service + "/aws4_request";
  signature.string_to_sign = std::string(kAlgorithm) + '\n' + timestamp + '\n' + credential_scope + '\n' +
                             sha256_hex(signature.canonical_request);

  const Digest date_key = hmac_sha256("AWS4" + credentials.secret_access_key, date);
  const Digest region_key = hmac_sha256(as_text(date_key), scope.region);
  const Digest service_key = hmac_sha256(as_text(region_key), scope.service);
  const Digest signing_key = hmac_sha256(as_text(service_key), "aws4_request");
  signature.authorization = std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + '/' +
                            credential_scope + ", SignedHeaders=" + headers.signed_names +
                            ", Signature=" + ascii::lowercase_hex(hmac_sha256(as_text(signing_key), signature.string_to_sign));
  request.headers.push_back({"Authorization", signature.authorization});
  return signature;
}

}  // namespace birthday::dynamodb::sigv4
