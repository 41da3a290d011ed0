#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

#include "service/repository.hpp"

namespace birthday {

// A BirthdayRepository held in process memory, safe to share between threads. For tests and
// local experiments: it never fails, and an unknown key is NotFound.
class MemoryRepository final : public BirthdayRepository {
 public:
  Result<std::chrono::year_month_day> load(const UserKey& key, Deadline deadline) override;
  Status save(const UserKey& key, std::chrono::year_month_day date_of_birth, Deadline deadline) override;

  // How many users are stored.
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::chrono::year_month_day> dates_of_birth_;  // by UserKey::hex
};

}  // namespace birthday
