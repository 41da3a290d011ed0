#include "bench/soak/user_ledger.hpp"

#include <nlohmann/json.hpp>

#include "service/calendar.hpp"
#include "service/greeting.hpp"

namespace birthday::bench::soak {
namespace {

using namespace std::chrono;

std::string greeting_body(const std::string& username, year_month_day date_of_birth, sys_days today) {
  return nlohmann::json{{"message", greeting_text(username, days_until_birthday(date_of_birth, year_month_day{today}))}}
      .dump();
}

}  // namespace

year_month_day UserLedger::next_date() {
  return year_month_day{sys_days{1990y / January / 1} + days{puts_sent_++}};
}

void UserLedger::record_put(year_month_day sent, int status) {
  if (status == 204) {
    confirmed_ = sent;
    maybe_written_.clear();
  } else if (status == 503) {
    maybe_written_.push_back(sent);
  }
}

bool UserLedger::consistent_read(const std::string& username, int status, const std::string& body,
                                 sys_days today) const {
  if (status == 503) return true;
  if (status == 404) return !confirmed_;
  if (status != 200) return false;
  if (confirmed_ && body == greeting_body(username, *confirmed_, today)) return true;
  for (const year_month_day& maybe : maybe_written_)
    if (body == greeting_body(username, maybe, today)) return true;
  return false;
}

std::string UserLedger::describe() const {
  std::string text = "acknowledged " + (confirmed_ ? format_iso_date(*confirmed_) : std::string("nothing"));
  for (const year_month_day& maybe : maybe_written_) text += ", perhaps " + format_iso_date(maybe);
  return text;
}

}  // namespace birthday::bench::soak
