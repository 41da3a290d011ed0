// The get-birthday function with the in-memory store in place of DynamoDB, holding one user
// ("alice"): the warm benchmark's measure of the runtime, transport and service alone.
#include <chrono>
#include <memory>
#include <stdexcept>

#include "service/birthday_service.hpp"
#include "service/memory_repository.hpp"
#include "service/user_key.hpp"
#include "transport/api_gateway_function.hpp"

int main() {
  using namespace birthday;
  return runtime::run_lambda([] {
    auto store = std::make_shared<MemoryRepository>();
    const auto never = std::chrono::steady_clock::time_point::max();
    const Status saved = store->save(user_key_for("alice"), std::chrono::year{1990} / std::chrono::May / 17, never);
    if (!saved) throw std::runtime_error(saved.error().detail);
    auto service = std::make_shared<BirthdayService>(std::move(store), utc_today);
    return transport::api_gateway_function(transport::get_birthday_handler(std::move(service)));
  });
}
