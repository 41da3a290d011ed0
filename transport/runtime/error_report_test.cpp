#include "transport/runtime/error_report.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace birthday::runtime {
namespace {

struct StoreNotConfigured : std::runtime_error {
  using std::runtime_error::runtime_error;
};

ErrorReport report_for(const std::function<void()>& thrower) {
  try {
    thrower();
  } catch (...) {
    return describe_current_exception();
  }
  ADD_FAILURE() << "nothing was thrown";
  return {};
}

struct ThrownCase {
  const char* name;
  std::function<void()> thrower;
  std::string type;
  std::string message;
};

TEST(ErrorReport, NamesTheThrownTypeAndItsMessage) {
  const ThrownCase cases[] = {
      {"runtime_error", [] { throw std::runtime_error("boom"); }, "std::runtime_error", "boom"},
      {"invalid_argument", [] { throw std::invalid_argument("bad event"); }, "std::invalid_argument", "bad event"},
      {"project type", [] { throw StoreNotConfigured("DYNAMODB_TABLE is not set"); },
       "birthday::runtime::(anonymous namespace)::StoreNotConfigured", "DYNAMODB_TABLE is not set"},
      {"int", [] { throw 42; }, "int", "an exception of type int was thrown"},
      {"C string", [] { throw "oops"; }, "char const*", "an exception of type char const* was thrown"},
  };
  for (const ThrownCase& c : cases) {
    const ErrorReport report = report_for(c.thrower);
    EXPECT_EQ(report.type, c.type) << c.name;
    EXPECT_EQ(report.message, c.message) << c.name;
  }
}

TEST(ErrorReport, BodyHasTheRuntimeApiErrorShape) {
  const nlohmann::json body = nlohmann::json::parse(error_body({"std::runtime_error", "boom \"quoted\""}));
  EXPECT_EQ(body, (nlohmann::json{{"errorMessage", "boom \"quoted\""},
                                  {"errorType", "std::runtime_error"},
                                  {"stackTrace", nlohmann::json::array()}}));
}

TEST(ErrorReport, BodySurvivesAMessageThatIsNotUtf8) {
  const std::string body = error_body({"std::runtime_error", "bad byte \xff here"});
  EXPECT_EQ(nlohmann::json::parse(body)["errorMessage"], "bad byte \xEF\xBF\xBD here");
}

TEST(ErrorReport, TooLargeResponseNamesBothSizes) {
  const ErrorReport report = response_too_large(6291557);
  EXPECT_EQ(report.type, "Function.ResponseSizeTooLarge");
  EXPECT_NE(report.message.find("6291557 bytes"), std::string::npos) << report.message;
  EXPECT_NE(report.message.find("6291556 bytes"), std::string::npos) << report.message;
}

TEST(ErrorReport, RefusedResponseIsTooLargeOnlyFor413) {
  const ErrorReport too_large = response_refused(413, 7000000);
  EXPECT_EQ(too_large.type, "Function.ResponseSizeTooLarge");
  EXPECT_NE(too_large.message.find("7000000 bytes"), std::string::npos) << too_large.message;
  EXPECT_NE(too_large.message.find("HTTP 413"), std::string::npos) << too_large.message;

  const ErrorReport rejected = response_refused(403, 10);
  EXPECT_EQ(rejected.type, "Runtime.ResponseRejected");
  EXPECT_NE(rejected.message.find("HTTP 403"), std::string::npos) << rejected.message;
}

}  // namespace
}  // namespace birthday::runtime
