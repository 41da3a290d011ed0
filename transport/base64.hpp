#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace birthday::transport {

// Standard (RFC 4648) base64 with `=` padding, as API Gateway encodes binary bodies.
// Line breaks and spaces between groups are tolerated; anything else that is not valid
// base64 (a bad character, missing or misplaced padding, data after the padding) is nullopt.
std::optional<std::string> decode_base64(std::string_view text);

}  // namespace birthday::transport
