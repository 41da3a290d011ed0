#include "bench/soak/soak_run.hpp"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench/soak/load_client.hpp"
#include "bench/soak/outage_window.hpp"
#include "bench/soak/schedule.hpp"
#include "transport/local/test_support.hpp"

namespace birthday::bench::soak {
namespace {

using Clock = std::chrono::steady_clock;

// Letters only, as the contract wants: soak + the index in base 26, four letters wide.
std::string username(int index) {
  std::string name = "soak";
  for (int place = 26 * 26 * 26; place > 0; place /= 26) name += static_cast<char>('a' + (index / place) % 26);
  return name;
}

std::vector<std::string> usernames_of_client(int client, const SoakSettings& settings) {
  std::vector<std::string> names;
  for (int index = client; index < settings.users; index += settings.concurrency) names.push_back(username(index));
  return names;
}

// Each client in its own thread, joined when this goes.
class ClientThreads {
 public:
  ClientThreads(const SoakSettings& settings, int gateway_port, const OutageWindow& outage) {
    for (int client = 0; client < settings.concurrency; ++client)
      clients_.push_back(std::make_unique<LoadClient>(gateway_port, usernames_of_client(client, settings),
                                                      static_cast<unsigned>(client + 1), outage));
  }
  ~ClientThreads() { join(); }
  ClientThreads(const ClientThreads&) = delete;
  ClientThreads& operator=(const ClientThreads&) = delete;

  void run_until(Clock::time_point end) {
    for (auto& client : clients_) threads_.emplace_back([&client, end] { client->run_until(end); });
  }
  void read_back_all() {
    join();
    for (auto& client : clients_) threads_.emplace_back([&client] { client->read_back_all(); });
    join();
  }
  Tally merged() const {
    Tally all;
    for (const auto& client : clients_) all.merge(client->tally());
    return all;
  }

 private:
  void join() {
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
  }

  std::vector<std::unique_ptr<LoadClient>> clients_;
  std::vector<std::thread> threads_;
};

}  // namespace

SoakResult run_soak(const SoakSettings& settings) {
  const Schedule schedule = Schedule::for_run(settings.length);
  const local::testing::TempDir data;
  end_to_end::LocalStack stack(settings.paths, {.data_directory = data.path().string()});
  OutageWindow outage;
  SoakResult result;

  const Clock::time_point start = Clock::now();
  ClientThreads clients(settings, stack.gateway_port(), outage);
  clients.run_until(start + schedule.end);

  std::this_thread::sleep_until(start + schedule.early_memory);
  const MemoryByProcess early = read_memory(stack.function_processes());

  std::this_thread::sleep_until(start + schedule.outage_start);
  const Clock::time_point stopping = Clock::now();
  stack.store().stop();
  outage.stopped_at(Clock::now());
  std::this_thread::sleep_until(start + schedule.outage_start + schedule.outage_length);
  outage.restarting_at(Clock::now());
  stack.store().restart();
  result.outage = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - stopping);

  clients.read_back_all();
  result.memory = growth_between(early, read_memory(stack.function_processes()));
  result.tally = clients.merged();
  return result;
}

}  // namespace birthday::bench::soak
