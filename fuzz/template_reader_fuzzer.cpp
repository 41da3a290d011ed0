// A SAM template → the functions the local gateway runs: any text is read or refused with a
// std::runtime_error saying why (what the gateway prints before it exits), never a crash.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "fuzz/fuzz_property.hpp"
#include "transport/local/template_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace birthday::local;
  using birthday::fuzz::require;
  try {
    for (const FunctionSpec& function : parse_template(std::string(reinterpret_cast<const char*>(data), size))) {
      require(!function.name.empty(), "a function has its logical id");
      for (const HttpRoute& route : function.routes) require(!route.method.empty() && !route.path.empty(), "a route has a method and a path");
    }
  } catch (const std::runtime_error&) {
    // Refused with a reason.
  }
  return 0;
}
