// PUT /hello/{username}: the put-birthday Lambda function's bootstrap.
#include <memory>

#include "service/birthday_service.hpp"
#include "service/dynamodb/dynamodb_repository.hpp"
#include "transport/api_gateway_function.hpp"

int main() {
  using namespace birthday;
  return runtime::run_lambda([] {
    auto store = dynamodb::make_dynamodb_repository(dynamodb::Config::from_environment());
    auto service = std::make_shared<BirthdayService>(std::move(store), utc_today);
    return transport::api_gateway_function(transport::put_birthday_handler(std::move(service)));
  });
}
