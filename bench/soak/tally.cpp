#include "bench/soak/tally.hpp"

#include <utility>

namespace birthday::bench::soak {
namespace {

constexpr std::size_t kExamples = 10;

}  // namespace

void Tally::lost(std::string what) {
  ++lost_;
  remember("lost: " + std::move(what));
}

void Tally::violation(std::string what) {
  ++violations_;
  remember(std::move(what));
}

void Tally::remember(std::string what) {
  if (examples_.size() < kExamples) examples_.push_back(std::move(what));
}

void Tally::merge(const Tally& other) {
  for (const auto& [key, count] : other.by_status_) by_status_[key] += count;
  lost_ += other.lost_;
  violations_ += other.violations_;
  users_read_back_ += other.users_read_back_;
  for (const std::string& example : other.examples_) remember(example);
}

long Tally::requests() const {
  long total = 0;
  for (const auto& [key, count] : by_status_) total += count;
  return total;
}

}  // namespace birthday::bench::soak
