#pragma once

#include <string>

namespace birthday::dynamodb {

struct Header {
  std::string name;
  std::string value;
};

}  // namespace birthday::dynamodb
