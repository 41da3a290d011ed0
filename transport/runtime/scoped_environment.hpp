#pragma once

#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace birthday::runtime::test_support {

// Sets (or, given nullopt, removes) an environment variable for the life of a test, then puts
// back what was there before.
class ScopedEnvironment {
 public:
  ScopedEnvironment(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
    if (const char* before = std::getenv(name_.c_str())) before_ = before;
    apply(value);
  }
  ~ScopedEnvironment() { apply(before_); }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

 private:
  void apply(const std::optional<std::string>& value) {
    if (value) {
      setenv(name_.c_str(), value->c_str(), 1);
    } else {
      unsetenv(name_.c_str());
    }
  }

  std::string name_;
  std::optional<std::string> before_;
};

}  // namespace birthday::runtime::test_support
