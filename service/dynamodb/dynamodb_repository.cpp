#include "service/dynamodb/dynamodb_repository.hpp"

#include <optional>
#include <string>
#include <utility>

#include "service/calendar.hpp"
#include "service/dynamodb/dynamodb_client.hpp"
#include "service/log.hpp"

namespace birthday::dynamodb {
namespace {

using nlohmann::json;

// Item.Dob.S, when the item has it as a string.
std::optional<std::string> dob_text(const json& item) {
  if (!item.is_object()) return std::nullopt;
  const auto dob = item.find("Dob");
  if (dob == item.end() || !dob->is_object()) return std::nullopt;
  const auto text = dob->find("S");
  if (text == dob->end() || !text->is_string()) return std::nullopt;
  return text->get<std::string>();
}

// One item per user: {"Id": {"S": <key hex>}, "Dob": {"S": "YYYY-MM-DD"}}.
class DynamoDbRepository final : public BirthdayRepository {
 public:
  explicit DynamoDbRepository(Config config) : table_(std::move(config.table)), client_(config) {
    if (config.connect_at_start_within > std::chrono::milliseconds::zero()) connect_now(config.connect_at_start_within);
  }

  Result<std::chrono::year_month_day> load(const UserKey& key, Deadline deadline) override {
    const json input = {{"TableName", table_}, {"Key", {{"Id", {{"S", key.hex}}}}}, {"ConsistentRead", true}};
    Result<json> output = client_.call("GetItem", input, deadline);
    if (!output) return output.error();
    const auto item = output.value().find("Item");
    if (item == output.value().end()) return Error{ErrorKind::NotFound, "no item for key " + key.log_prefix()};

    const std::optional<std::string> text = dob_text(*item);
    const auto date = text ? parse_iso_date(*text) : std::nullopt;
    if (!date) return Error{ErrorKind::Internal, "stored item " + key.log_prefix() + " has no valid Dob"};
    return *date;
  }

  Status save(const UserKey& key, std::chrono::year_month_day date_of_birth, Deadline deadline) override {
    const json input = {{"TableName", table_},
                        {"Item", {{"Id", {{"S", key.hex}}}, {"Dob", {{"S", format_iso_date(date_of_birth)}}}}}};
    Result<json> output = client_.call("PutItem", input, deadline);
    if (!output) return output.error();
    return ok();
  }

 private:
  // Lambda runs the init phase on a whole CPU and the invocations on the memory size's share of
  // one: the handshake is cheapest here. Never fatal: the first call connects again.
  void connect_now(std::chrono::milliseconds within) {
    const Status opened = client_.open_connection(std::chrono::steady_clock::now() + within);
    if (!opened) log::write(log::Level::Warn, "DynamoDB connection not opened at start", {{"reason", opened.error().detail}});
  }

  std::string table_;
  DynamoDbClient client_;
};

}  // namespace

std::shared_ptr<BirthdayRepository> make_dynamodb_repository(Config config) {
  return std::make_shared<DynamoDbRepository>(std::move(config));
}

}  // namespace birthday::dynamodb
