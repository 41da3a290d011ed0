#pragma once

#include <string>
#include <string_view>

namespace birthday::local {

// Standard base64 with padding, as API Gateway encodes binary bodies (decoding is
// transport/base64.hpp's decode_base64).
std::string encode_base64(std::string_view bytes);

// Whether API Gateway passes a body with this Content-Type as text. Anything else, and a body
// without a Content-Type, arrives base64-encoded with isBase64Encoded true; that includes
// application/x-www-form-urlencoded, which is what `curl -d` sends.
bool is_text_content_type(std::string_view content_type);

}  // namespace birthday::local
