#pragma once

#include <string>
#include <string_view>

namespace birthday {

// The greeting text (the value of "message"): "Hello, <username>! Happy birthday!" when
// `days_until_birthday` is 0, else "Hello, <username>! Your birthday is in N day(s)".
// The username is echoed exactly as given.
std::string greeting_text(std::string_view username, int days_until_birthday);

}  // namespace birthday
