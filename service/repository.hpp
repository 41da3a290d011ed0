#pragma once

#include <chrono>
#include <string>

#include "service/clock.hpp"
#include "service/result.hpp"

namespace birthday {

// The storage identity of a user: lowercase hex SHA-256 of the lower-cased username.
// The username itself never reaches the store or the log.
struct UserKey {
  std::string hex;  // 64 characters

  std::string log_prefix() const { return hex.substr(0, 8); }
  friend bool operator==(const UserKey&, const UserKey&) = default;
};

// Where dates of birth live. Errors are Error values of kind NotFound (load only),
// Unavailable (throttled, timed out, unreachable: worth a retry by the client) or
// Internal (anything else, e.g. a missing table).
class BirthdayRepository {
 public:
  virtual ~BirthdayRepository() = default;

  virtual Result<std::chrono::year_month_day> load(const UserKey& key, Deadline deadline) = 0;
  // Returns only once the store has acknowledged the write.
  virtual Status save(const UserKey& key, std::chrono::year_month_day date_of_birth,
                      Deadline deadline) = 0;
};

}  // namespace birthday
