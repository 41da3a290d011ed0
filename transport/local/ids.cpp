#include "transport/local/ids.hpp"

#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <vector>

#include <openssl/rand.h>

#include "service/ascii.hpp"
#include "transport/local/body_encoding.hpp"

namespace birthday::local {
namespace {

std::vector<unsigned char> random_bytes(std::size_t count) {
  std::vector<unsigned char> bytes(count);
  if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1) throw std::runtime_error("no random bytes from OpenSSL");
  return bytes;
}

}  // namespace

std::string random_hex(std::size_t bytes) { return ascii::lowercase_hex(random_bytes(bytes)); }

std::string new_api_request_id() {
  const std::vector<unsigned char> bytes = random_bytes(11);  // 11 bytes: 16 base64 characters, one '='
  return encode_base64(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string new_lambda_request_id() {
  std::vector<unsigned char> bytes = random_bytes(16);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string digits = ascii::lowercase_hex(bytes);
  return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" + digits.substr(16, 4) +
         "-" + digits.substr(20);
}

std::string new_trace_root(std::chrono::system_clock::time_point now) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  char epoch[17];
  std::snprintf(epoch, sizeof epoch, "%08llx", static_cast<unsigned long long>(seconds));
  return std::string("Root=1-") + epoch + "-" + random_hex(12);
}

std::string new_log_stream_name(std::chrono::system_clock::time_point now) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[16];
  std::strftime(date, sizeof date, "%Y/%m/%d", &utc);
  return std::string(date) + "/[$LATEST]" + random_hex(16);
}

}  // namespace birthday::local
