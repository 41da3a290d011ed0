#include "service/user_key.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>

#include "service/ascii.hpp"

namespace birthday {

UserKey user_key_for(std::string_view username) {
  const std::string lowered = ascii::lowercase(username);

  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int digest_size = 0;
  // The one-shot EVP call allocates and frees its own context.
  if (EVP_Digest(lowered.data(), lowered.size(), digest.data(), &digest_size, EVP_sha256(), nullptr) != 1) {
    // Only a broken OpenSSL installation gets here; the HTTP handler turns it into a 500.
    throw std::runtime_error("SHA-256 digest failed");
  }
  return UserKey{ascii::lowercase_hex(std::span(digest.data(), digest_size))};
}

}  // namespace birthday
