#pragma once

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include <httplib.h>

#include "bench/soak/outage_window.hpp"
#include "bench/soak/tally.hpp"
#include "bench/soak/user_ledger.hpp"

namespace birthday::bench::soak {

// One of the soak's clients: a kept-alive connection to the gateway and the users only it
// drives, so that each user's PUTs are sequential. Every answer is checked against the
// contract and against what that user's earlier PUTs were told.
class LoadClient {
 public:
  LoadClient(int gateway_port, std::vector<std::string> usernames, unsigned seed, const OutageWindow& outage);

  // PUTs and GETs, half and half, on users picked at random, until `end`.
  void run_until(std::chrono::steady_clock::time_point end);

  // GETs every user once more: each acknowledged write must be there. A 503 is asked again,
  // after its Retry-After, a few times.
  void read_back_all();

  const Tally& tally() const { return tally_; }

 private:
  struct User {
    std::string name;
    UserLedger ledger;
  };

  void put(User& user);
  // Returns the status (0: no answer) after checking the answer against the user's ledger.
  int get(const User& user, bool final_read);
  bool well_formed_error(const httplib::Result& answer, const std::string& method, const std::string& message);

  httplib::Client http_;
  std::vector<User> users_;
  std::mt19937 random_;
  const OutageWindow& outage_;
  Tally tally_;
};

}  // namespace birthday::bench::soak
