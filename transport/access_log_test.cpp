#include "transport/access_log.hpp"

#include <chrono>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace birthday::transport {
namespace {

using namespace std::chrono;

const system_clock::time_point at = sys_days{2024y / May / 17} + hours{10} + milliseconds{42'123};

AccessRecord record(int status) {
  return {.function = "get-birthday",
          .request_id = "req-1",
          .method = "GET",
          .route = "GET /hello/{username}",
          .status = status,
          .duration = microseconds{2'345},
          .store = microseconds{1'500},
          .user = "2c26b46b"};
}

TEST(AccessLog, CarriesTheContractFields) {
  const auto fields = access_log_fields(record(200), at);
  EXPECT_EQ(fields["requestId"], "req-1");
  EXPECT_EQ(fields["method"], "GET");
  EXPECT_EQ(fields["route"], "GET /hello/{username}");
  EXPECT_EQ(fields["status"], 200);
  EXPECT_EQ(fields["duration_ms"], 2.345);
  EXPECT_EQ(fields["store_ms"], 1.5);
  EXPECT_EQ(fields["user"], "2c26b46b");
}

TEST(AccessLog, OmitsUserWhenThereIsNone) {
  AccessRecord without_user = record(400);
  without_user.user.reset();
  EXPECT_FALSE(access_log_fields(without_user, at).contains("user"));
}

TEST(AccessLog, CountsClientAndServerErrors) {
  struct Row {
    int status;
    int count_4xx;
    int count_5xx;
  };
  for (const Row row : {Row{200, 0, 0}, Row{204, 0, 0}, Row{400, 1, 0}, Row{404, 1, 0}, Row{405, 1, 0},
                        Row{413, 1, 0}, Row{500, 0, 1}, Row{503, 0, 1}}) {
    const auto fields = access_log_fields(record(row.status), at);
    EXPECT_EQ(fields["count_4xx"], row.count_4xx) << row.status;
    EXPECT_EQ(fields["count_5xx"], row.count_5xx) << row.status;
  }
}

TEST(AccessLog, IsAnEmbeddedMetricFormatDocument) {
  const auto fields = access_log_fields(record(503), at);
  const auto& metadata = fields.at("_aws");
  EXPECT_EQ(metadata.at("Timestamp"), 1715940042123);  // `at` in milliseconds since the epoch
  ASSERT_EQ(metadata.at("CloudWatchMetrics").size(), 1u);

  const auto& directive = metadata["CloudWatchMetrics"][0];
  EXPECT_EQ(directive.at("Namespace"), "BirthdayGreeter");
  EXPECT_EQ(directive.at("Dimensions"), nlohmann::json::parse(R"([["function"]])"));
  // Every dimension must be a string member of the root...
  for (const auto& dimension_set : directive["Dimensions"]) {
    for (const auto& dimension : dimension_set) {
      ASSERT_TRUE(fields.contains(dimension)) << dimension;
      EXPECT_TRUE(fields[dimension.get<std::string>()].is_string()) << dimension;
    }
  }
  EXPECT_EQ(fields["function"], "get-birthday");

  // ...and every metric a number member, with a CloudWatch unit.
  std::set<std::string> names;
  for (const auto& metric : directive.at("Metrics")) {
    const std::string name = metric.at("Name");
    names.insert(name);
    ASSERT_TRUE(fields.contains(name)) << name;
    EXPECT_TRUE(fields[name].is_number()) << name;
    EXPECT_EQ(metric.at("Unit"), name.ends_with("_ms") ? "Milliseconds" : "Count") << name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"duration_ms", "store_ms", "count_4xx", "count_5xx"}));
}

}  // namespace
}  // namespace birthday::transport
