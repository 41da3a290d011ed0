#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace birthday {

// Parses a whole JSON text strictly (no trailing data, valid UTF-8), or returns a discarded
// value. Unlike nlohmann's parser alone, a number too large for a double (1e400, a 400-digit
// integer) is valid JSON here and reads as 0: nlohmann stops at the first such number, which
// would make a body "not JSON" for a member nobody reads.
nlohmann::json parse_json_document(std::string_view text);

}  // namespace birthday
