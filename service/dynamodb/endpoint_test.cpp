#include "service/dynamodb/endpoint.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "service/dynamodb/environment.hpp"

namespace birthday::dynamodb {
namespace {

class RegionalEndpoint : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(RegionalEndpoint, UsesThePartitionOfTheRegion) {
  const auto& [region, endpoint] = GetParam();
  EXPECT_EQ(environment::regional_endpoint(region), endpoint);
}

INSTANTIATE_TEST_SUITE_P(
    Regions, RegionalEndpoint,
    ::testing::Values(std::pair{"eu-west-1", "https://dynamodb.eu-west-1.amazonaws.com"},
                      std::pair{"cn-north-1", "https://dynamodb.cn-north-1.amazonaws.com.cn"},
                      std::pair{"cn-northwest-1", "https://dynamodb.cn-northwest-1.amazonaws.com.cn"},
                      std::pair{"us-gov-west-1", "https://dynamodb.us-gov-west-1.amazonaws.com"},
                      std::pair{"us-iso-east-1", "https://dynamodb.us-iso-east-1.c2s.ic.gov"},
                      std::pair{"us-isob-east-1", "https://dynamodb.us-isob-east-1.sc2s.sgov.gov"},
                      std::pair{"ca-central-1", "https://dynamodb.ca-central-1.amazonaws.com"}));

TEST(RegionalEndpoint, EveryDefaultEndpointIsAValidEndpoint) {
  for (const char* region : {"eu-west-1", "cn-north-1", "us-gov-east-1", "us-isob-east-1"})
    EXPECT_TRUE(parse_endpoint(environment::regional_endpoint(region))) << region;
}

}  // namespace
}  // namespace birthday::dynamodb
