#include "transport/base64.hpp"

#include <climits>
#include <memory>

#include <openssl/evp.h>

namespace birthday::transport {
namespace {

struct EncodeContextFree {
  void operator()(EVP_ENCODE_CTX* context) const { EVP_ENCODE_CTX_free(context); }
};
using EncodeContext = std::unique_ptr<EVP_ENCODE_CTX, EncodeContextFree>;

}  // namespace

std::optional<std::string> decode_base64(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(INT_MAX)) return std::nullopt;
  const EncodeContext context(EVP_ENCODE_CTX_new());
  if (!context) return std::nullopt;

  // EVP_DecodeUpdate/Final (unlike EVP_DecodeBlock) account for the padding, so the
  // length they report is the real number of decoded bytes.
  std::string decoded((text.size() + 3) / 4 * 3, '\0');
  auto* out = reinterpret_cast<unsigned char*>(decoded.data());
  int written = 0;
  int flushed = 0;
  EVP_DecodeInit(context.get());
  if (EVP_DecodeUpdate(context.get(), out, &written, reinterpret_cast<const unsigned char*>(text.data()),
                       static_cast<int>(text.size())) < 0) {
    return std::nullopt;
  }
  if (EVP_DecodeFinal(context.get(), out + written, &flushed) < 0) return std::nullopt;
  decoded.resize(static_cast<std::size_t>(written) + static_cast<std::size_t>(flushed));
  return decoded;
}

}  // namespace birthday::transport
