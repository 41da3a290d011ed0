#pragma once

#include <map>
#include <string>
#include <vector>

namespace birthday::bench::soak {

// What a client saw: answers by method and status, and every broken promise.
class Tally {
 public:
  void count(const std::string& method, int status) { ++by_status_[method + " " + std::to_string(status)]; }
  // A read that did not show an acknowledged write (or showed one never made).
  void lost(std::string what);
  // Anything else the contract or the soak's rules forbid: another 5xx, a 503 without
  // Retry-After, a 204 while the store was down, a wrong body, no answer at all.
  void violation(std::string what);
  void users_read_back(long count) { users_read_back_ += count; }

  void merge(const Tally& other);

  long requests() const;
  long lost_count() const { return lost_; }
  long violation_count() const { return violations_; }
  long users_read_back() const { return users_read_back_; }
  const std::map<std::string, long>& by_status() const { return by_status_; }
  // The first few problems, enough to start from.
  const std::vector<std::string>& examples() const { return examples_; }

 private:
  void remember(std::string what);

  std::map<std::string, long> by_status_;
  long lost_ = 0;
  long violations_ = 0;
  long users_read_back_ = 0;
  std::vector<std::string> examples_;
};

}  // namespace birthday::bench::soak
