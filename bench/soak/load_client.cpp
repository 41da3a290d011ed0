#include "bench/soak/load_client.hpp"

#include <thread>
#include <utility>

#include <nlohmann/json.hpp>

#include "service/calendar.hpp"
#include "service/clock.hpp"

namespace birthday::bench::soak {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kUnavailable = "service temporarily unavailable, please retry";
constexpr const char* kNotFound = "username not found";
constexpr int kFinalReadAttempts = 10;

std::string path_of(const std::string& username) { return "/hello/" + username; }

std::string message_of(const std::string& body) {
  const nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  if (!parsed.is_object() || !parsed.contains("message") || !parsed["message"].is_string()) return "(not an error body)";
  return parsed["message"].get<std::string>();
}

}  // namespace

LoadClient::LoadClient(int gateway_port, std::vector<std::string> usernames, unsigned seed, const OutageWindow& outage)
    : http_("127.0.0.1", gateway_port), random_(seed), outage_(outage) {
  for (std::string& name : usernames) users_.push_back({std::move(name), {}});
  http_.set_keep_alive(true);
  // Past the gateway's 30 s wait for a free instance: its own 503 would then be the answer.
  http_.set_read_timeout(std::chrono::seconds(35));
}

void LoadClient::run_until(Clock::time_point end) {
  std::uniform_int_distribution<std::size_t> pick(0, users_.size() - 1);
  std::bernoulli_distribution write(0.5);
  while (Clock::now() < end) {
    User& user = users_[pick(random_)];
    if (write(random_)) {
      put(user);
    } else {
      get(user, false);
    }
  }
}

void LoadClient::read_back_all() {
  for (const User& user : users_) {
    int status = 0;
    for (int attempt = 0; attempt < kFinalReadAttempts; ++attempt) {
      status = get(user, true);
      if (status != 503 && status != 0) break;
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    if (status == 503 || status == 0)
      tally_.violation("GET " + path_of(user.name) + " still unanswered after " + std::to_string(kFinalReadAttempts) +
                       " tries");
    tally_.users_read_back(1);
  }
}

bool LoadClient::well_formed_error(const httplib::Result& answer, const std::string& method,
                                   const std::string& message) {
  std::string wrong;
  if (answer->get_header_value("Content-Type") != "application/json") wrong = "Content-Type is not application/json";
  if (message_of(answer->body) != message) wrong = "body " + answer->body;
  if (answer->status == 503 && answer->get_header_value("Retry-After") != "1") wrong = "no Retry-After: 1";
  if (wrong.empty()) return true;
  tally_.violation(method + " " + std::to_string(answer->status) + ": " + wrong);
  return false;
}

void LoadClient::put(User& user) {
  const auto date = user.ledger.next_date();
  const Clock::time_point sent = Clock::now();
  const httplib::Result answer =
      http_.Put(path_of(user.name), nlohmann::json{{"dateOfBirth", format_iso_date(date)}}.dump(), "application/json");
  const Clock::time_point answered = Clock::now();
  if (!answer) {
    tally_.violation("PUT: no answer (" + httplib::to_string(answer.error()) + ")");
    user.ledger.record_put(date, 503);  // it may have been written all the same
    return;
  }
  tally_.count("PUT", answer->status);
  user.ledger.record_put(date, answer->status);
  if (answer->status == 204) {
    if (outage_.covers(sent, answered)) tally_.violation("PUT 204 while DynamoDB was down: a write that cannot have happened");
    if (!answer->body.empty()) tally_.violation("PUT 204 with a body");
  } else if (answer->status == 503) {
    well_formed_error(answer, "PUT", kUnavailable);
  } else {
    tally_.violation("PUT " + std::to_string(answer->status) + ": " + answer->body);
  }
}

int LoadClient::get(const User& user, bool final_read) {
  const httplib::Result answer = http_.Get(path_of(user.name));
  if (!answer) {
    tally_.violation("GET: no answer (" + httplib::to_string(answer.error()) + ")");
    return 0;
  }
  const std::string method = final_read ? "final GET" : "GET";
  tally_.count(method, answer->status);
  if (answer->status == 503) {
    well_formed_error(answer, method, kUnavailable);
  } else if (answer->status == 404) {
    well_formed_error(answer, method, kNotFound);
  } else if (answer->status != 200) {
    tally_.violation(method + " " + std::to_string(answer->status) + ": " + answer->body);
    return answer->status;
  }
  if (!user.ledger.consistent_read(user.name, answer->status, answer->body, utc_today()))
    tally_.lost(method + " " + std::to_string(answer->status) + " " + answer->body + " where " + user.ledger.describe());
  return answer->status;
}

}  // namespace birthday::bench::soak
