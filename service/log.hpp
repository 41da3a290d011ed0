#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace birthday::log {

enum class Level { Debug = 0, Info = 1, Warn = 2, Error = 3 };

// The threshold comes from LOG_LEVEL (debug|info|warn|error, default info), read once.
bool enabled(Level level);

// Writes one JSON object as one line on stdout: time, level, msg, the trace id of the
// current invocation when there is one, then `fields`. Never pass a date of birth or a
// raw username here; a user appears only as UserKey::log_prefix().
void write(Level level, std::string_view message,
           const nlohmann::ordered_json& fields = nlohmann::ordered_json::object());

}  // namespace birthday::log
