#include "transport/error_mapping.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace birthday::transport {
namespace {

struct ContractRow {
  ErrorKind kind;
  int status;
  std::string message;
};

// The contract's error table, verbatim.
const std::vector<ContractRow> contract_errors = {
    {ErrorKind::InvalidUsername, 400, "username must be 1 to 64 letters (A-Z, a-z)"},
    {ErrorKind::InvalidBody, 400, "body must be a JSON object with a dateOfBirth string"},
    {ErrorKind::InvalidDate, 400, "dateOfBirth must be a valid date in YYYY-MM-DD format"},
    {ErrorKind::DateNotInPast, 400, "dateOfBirth must be before today"},
    {ErrorKind::NotFound, 404, "username not found"},
    {ErrorKind::MethodNotAllowed, 405, "method not allowed"},
    {ErrorKind::BodyTooLarge, 413, "body too large"},
    {ErrorKind::Unavailable, 503, "service temporarily unavailable, please retry"},
    {ErrorKind::Internal, 500, "internal error"},
};

TEST(ErrorMapping, EveryKindHasTheContractStatusAndMessage) {
  for (const auto& row : contract_errors) {
    const PublicError error = public_error(row.kind);
    EXPECT_EQ(error.status, row.status) << row.message;
    EXPECT_EQ(error.message, row.message);
  }
}

TEST(ErrorMapping, ErrorBodyIsMessageThenRequestIdWithoutSpaces) {
  for (const auto& row : contract_errors) {
    const Response response = error_response(row.kind, "req-42", "GET");
    EXPECT_EQ(response.status, row.status);
    EXPECT_EQ(response.body, R"({"message":")" + row.message + R"(","requestId":"req-42"})");
  }
}

TEST(ErrorMapping, OnlyTheContractHeadersAreSet) {
  for (const auto& row : contract_errors) {
    Headers expected = {{"Content-Type", "application/json"}};
    if (row.status == 405) expected.emplace_back("Allow", "PUT");
    if (row.status == 503) expected.emplace_back("Retry-After", "1");
    EXPECT_EQ(error_response(row.kind, "id", "PUT").headers, expected) << row.message;
  }
}

TEST(ErrorMapping, AllowNamesTheFunctionsMethod) {
  EXPECT_EQ(error_response(ErrorKind::MethodNotAllowed, "id", "GET").headers.back(),
            (std::pair<std::string, std::string>{"Allow", "GET"}));
}

TEST(ErrorMapping, RequestIdIsJsonEscaped) {
  EXPECT_EQ(error_response(ErrorKind::NotFound, "a\"b", "GET").body,
            R"({"message":"username not found","requestId":"a\"b"})");
}

TEST(ErrorMapping, InvalidUtf8InRequestIdDoesNotThrow) {
  const Response response = error_response(ErrorKind::Internal, "bad\xff", "GET");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body, "{\"message\":\"internal error\",\"requestId\":\"bad\xEF\xBF\xBD\"}");
}

}  // namespace
}  // namespace birthday::transport
