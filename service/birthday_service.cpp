#include "service/birthday_service.hpp"

#include <utility>

#include "service/calendar.hpp"
#include "service/greeting.hpp"
#include "service/user_key.hpp"
#include "service/validation.hpp"

namespace birthday {
namespace {

// Runs one repository call and adds the time it took to `call.elapsed`.
template <class RepositoryCall>
auto timed(StoreCall& call, RepositoryCall&& repository_call) {
  const auto started = std::chrono::steady_clock::now();
  auto result = std::forward<RepositoryCall>(repository_call)();
  call.elapsed += std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace

BirthdayService::BirthdayService(std::shared_ptr<BirthdayRepository> repository, TodayClock today)
    : repository_(std::move(repository)), today_(std::move(today)) {}

Status BirthdayService::save_date_of_birth(std::string_view username, std::string_view body, StoreCall& call) {
  if (auto valid = validate_username(username); !valid) return valid.error();
  const auto text = date_of_birth_text(body);
  if (!text) return text.error();
  const auto date_of_birth = parse_date_of_birth(text.value());
  if (!date_of_birth) return date_of_birth.error();
  if (auto in_past = validate_before_today(date_of_birth.value(), today_()); !in_past) return in_past.error();

  const UserKey key = user_key_for(username);
  // Store errors (Unavailable, Internal) pass through unchanged: the transport maps them.
  return timed(call, [&] { return repository_->save(key, date_of_birth.value(), call.deadline); });
}

Result<std::string> BirthdayService::greeting(std::string_view username, StoreCall& call) {
  if (auto valid = validate_username(username); !valid) return valid.error();

  const UserKey key = user_key_for(username);
  const auto date_of_birth = timed(call, [&] { return repository_->load(key, call.deadline); });
  if (!date_of_birth) return date_of_birth.error();

  const std::chrono::year_month_day today{today_()};
  return greeting_text(username, days_until_birthday(date_of_birth.value(), today));
}

}  // namespace birthday
