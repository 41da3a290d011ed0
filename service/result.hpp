#pragma once

#include <string>
#include <utility>
#include <variant>

namespace birthday {

// Every way a request can fail. transport/error_mapping.cpp owns the one table from
// kind to HTTP status and public message; `detail` is for the log only.
enum class ErrorKind {
  InvalidUsername,
  InvalidBody,
  InvalidDate,
  DateNotInPast,
  NotFound,
  MethodNotAllowed,
  BodyTooLarge,
  Unavailable,  // store throttled, unreachable or timed out after retries
  Internal,
};

struct Error {
  ErrorKind kind;
  std::string detail;
};

// A value or the Error explaining why there is none. Errors travel as values
// through service/ and transport/; exceptions are caught at the runtime edge only.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

struct Done {};
using Status = Result<Done>;

inline Status ok() { return Done{}; }

}  // namespace birthday
