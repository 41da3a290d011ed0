#include "service/user_key.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>

namespace birthday {
namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase_hex(const unsigned char* bytes, unsigned int size) {
  constexpr std::string_view hex_digits = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2u);
  for (unsigned int i = 0; i < size; ++i) {
    hex += hex_digits[bytes[i] >> 4u];
    hex += hex_digits[bytes[i] & 0x0fu];
  }
  return hex;
}

}  // namespace

UserKey user_key_for(std::string_view username) {
  std::string lowered(username);
  for (char& c : lowered) c = ascii_lower(c);

  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  // The one-shot EVP call allocates and frees its own context.
  if (EVP_Digest(lowered.data(), lowered.size(), digest.data(), &digest_size, EVP_sha256(), nullptr) != 1) {
    // Only a broken OpenSSL installation gets here; the HTTP handler turns it into a 500.
    throw std::runtime_error("SHA-256 digest failed");
  }
  return UserKey{lowercase_hex(digest.data(), digest_size)};
}

}  // namespace birthday
