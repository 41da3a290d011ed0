#include "transport/local/body_encoding.hpp"

#include <array>
#include <cctype>

#include <openssl/evp.h>

namespace birthday::local {

std::string encode_base64(std::string_view bytes) {
  std::string encoded(4 * ((bytes.size() + 2) / 3) + 1, '\0');  // EVP_EncodeBlock writes a NUL
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  encoded.resize(static_cast<std::size_t>(length));
  return encoded;
}

bool is_text_content_type(std::string_view content_type) {
  std::string media_type;
  for (const char c : content_type.substr(0, content_type.find(';'))) {
    if (c != ' ' && c != '\t') media_type.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (media_type.rfind("text/", 0) == 0) return true;
  static constexpr std::array text_types{"application/json", "application/javascript", "application/xml",
                                         "application/x-javascript", "application/ecmascript"};
  for (const char* type : text_types) {
    if (media_type == type) return true;
  }
  const auto ends_with = [&](std::string_view suffix) {
    return media_type.size() > suffix.size() && media_type.compare(media_type.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with("+json") || ends_with("+xml");
}

}  // namespace birthday::local
