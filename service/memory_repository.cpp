#include "service/memory_repository.hpp"

namespace birthday {

Result<std::chrono::year_month_day> MemoryRepository::load(const UserKey& key, Deadline /*deadline*/) {
  const std::lock_guard lock(mutex_);
  const auto found = dates_of_birth_.find(key.hex);
  if (found == dates_of_birth_.end()) return Error{ErrorKind::NotFound, "no item for key " + key.log_prefix()};
  return found->second;
}

Status MemoryRepository::save(const UserKey& key, std::chrono::year_month_day date_of_birth, Deadline /*deadline*/) {
  const std::lock_guard lock(mutex_);
  dates_of_birth_.insert_or_assign(key.hex, date_of_birth);
  return ok();
}

std::size_t MemoryRepository::size() const {
  const std::lock_guard lock(mutex_);
  return dates_of_birth_.size();
}

}  // namespace birthday
