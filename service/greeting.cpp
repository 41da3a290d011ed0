#include "service/greeting.hpp"

namespace birthday {

std::string greeting_text(std::string_view username, int days_until_birthday) {
  std::string text = "Hello, ";
  text += username;
  if (days_until_birthday == 0) {
    text += "! Happy birthday!";
  } else {
    text += "! Your birthday is in ";
    text += std::to_string(days_until_birthday);
    text += " day(s)";
  }
  return text;
}

}  // namespace birthday
