#include "service/dynamodb/service_error.hpp"

#include <gtest/gtest.h>

namespace birthday::dynamodb {
namespace {

HttpResponse response(long status, std::string body, std::vector<Header> headers = {}) {
  return HttpResponse{status, std::move(headers), std::move(body)};
}

TEST(ParseServiceError, TypeIsThePartOfUnderscoreTypeAfterTheHash) {
  const ServiceError error = parse_service_error(response(
      400, R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"})"));
  EXPECT_EQ(error.type, "ResourceNotFoundException");
  EXPECT_EQ(error.message, "Requested resource not found");
}

TEST(ParseServiceError, TypeWithoutNamespaceIsTakenWhole) {
  const ServiceError error = parse_service_error(response(400, R"({"__type":"ThrottlingException","Message":"slow down"})"));
  EXPECT_EQ(error.type, "ThrottlingException");
  EXPECT_EQ(error.message, "slow down");
}

TEST(ParseServiceError, FallsBackToTheErrorTypeHeaderUpToTheColon) {
  const ServiceError error = parse_service_error(
      response(400, "<html>not json</html>", {{"x-amzn-errortype", "ValidationException:http://internal.amazon.com/"}}));
  EXPECT_EQ(error.type, "ValidationException");
}

// Found by fuzz/dynamodb_response_fuzzer: a namespaced type in the header was kept whole, so a
// throttle named only there was not recognised as one.
TEST(ParseServiceError, EitherPlaceDropsTheNamespaceBeforeTheHashAndTheUriAfterTheColon) {
  EXPECT_EQ(parse_service_error(response(400, "", {{"x-amzn-errortype",
                                                     "com.amazonaws.dynamodb.v20120810#ThrottlingException:http://x/"}}))
                .type,
            "ThrottlingException");
  EXPECT_EQ(parse_service_error(response(400, R"({"__type":"a#b#ValidationException:http://x/#y"})")).type,
            "ValidationException");
}

TEST(ParseServiceError, NothingToGoOnGivesAnEmptyType) {
  EXPECT_EQ(parse_service_error(response(502, "Bad Gateway")).type, "");
}

struct RetryRow {
  long status;
  const char* type;
  bool retryable;
};

class IsRetryable : public ::testing::TestWithParam<RetryRow> {};

TEST_P(IsRetryable, FollowsTheClassificationTable) {
  EXPECT_EQ(is_retryable(GetParam().status, GetParam().type), GetParam().retryable)
      << GetParam().status << " " << GetParam().type;
}

INSTANTIATE_TEST_SUITE_P(
    Table, IsRetryable,
    ::testing::Values(RetryRow{400, "ProvisionedThroughputExceededException", true},
                      RetryRow{400, "ThrottlingException", true}, RetryRow{400, "RequestLimitExceeded", true},
                      RetryRow{429, "", true}, RetryRow{500, "InternalServerError", true},
                      RetryRow{503, "ServiceUnavailable", true}, RetryRow{504, "", true},
                      RetryRow{400, "ValidationException", false}, RetryRow{400, "ResourceNotFoundException", false},
                      RetryRow{400, "ConditionalCheckFailedException", false},
                      RetryRow{400, "AccessDeniedException", false}, RetryRow{403, "", false},
                      RetryRow{413, "", false}, RetryRow{404, "", false}));

}  // namespace
}  // namespace birthday::dynamodb
