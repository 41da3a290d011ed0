#pragma once

#include <string_view>

#include "service/repository.hpp"

namespace birthday {

// Lowercase hex SHA-256 of the ASCII-lower-cased username, so that "Alice", "alice" and
// "ALICE" are one user and the store never sees the username itself.
UserKey user_key_for(std::string_view username);

}  // namespace birthday
