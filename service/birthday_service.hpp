#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "service/clock.hpp"
#include "service/repository.hpp"
#include "service/result.hpp"

namespace birthday {

// What one service call did with the store, for the access log.
struct StoreCall {
  Deadline deadline;
  std::chrono::microseconds elapsed{0};  // time spent waiting on the repository
};

// The use cases: remember a date of birth, greet a user. Validation order is the
// contract's: username, then body, then date.
class BirthdayService {
 public:
  BirthdayService(std::shared_ptr<BirthdayRepository> repository, TodayClock today);

  // PUT: `body` is the decoded request body, `{"dateOfBirth":"YYYY-MM-DD"}`.
  Status save_date_of_birth(std::string_view username, std::string_view body, StoreCall& call);

  // GET: the greeting text (the value of "message"), e.g. "Hello, alice! Happy birthday!".
  Result<std::string> greeting(std::string_view username, StoreCall& call);

 private:
  std::shared_ptr<BirthdayRepository> repository_;
  TodayClock today_;
};

}  // namespace birthday
