#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace birthday::bench::soak {

// What one user must read back, from the answers its PUTs got. Each user is driven by one
// client thread only, so its PUTs are sequential and "the last one answered 204" is well defined.
class UserLedger {
 public:
  // The date the next PUT sends: one day later than the last, so that consecutive values differ
  // in their greeting too (a run sends far fewer than 365 PUTs to one user).
  std::chrono::year_month_day next_date();

  // 204: the write happened, and is now the value. 503: the store may or may not have taken it,
  // so until the next 204 it is an acceptable value as well.
  void record_put(std::chrono::year_month_day sent, int status);

  // Whether a GET's answer shows what was acknowledged: 404 only when no PUT was acknowledged,
  // 200 only with the greeting of the last acknowledged date or a later unacknowledged one.
  // 503 says nothing about the data and is always consistent.
  bool consistent_read(const std::string& username, int status, const std::string& body,
                       std::chrono::sys_days today) const;

  bool written() const { return confirmed_.has_value() || !maybe_written_.empty(); }
  std::string describe() const;  // for a failure message: the dates it would accept

 private:
  int puts_sent_ = 0;
  std::optional<std::chrono::year_month_day> confirmed_;
  std::vector<std::chrono::year_month_day> maybe_written_;
};

}  // namespace birthday::bench::soak
