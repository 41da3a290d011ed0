#include "service/validation.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace birthday {
namespace {

using namespace std::chrono;
using namespace std::string_view_literals;

// --- username --------------------------------------------------------------------------

TEST(ValidateUsername, AcceptsOneTo64AsciiLettersOfEitherCase) {
  for (const std::string& username : {std::string("a"), std::string("alice"), std::string("ALICE"),
                                      std::string("AliceSmith"), std::string(64, 'z')}) {
    EXPECT_TRUE(validate_username(username).ok()) << username;
  }
}

class ValidateUsernameRejects : public testing::TestWithParam<std::string> {};

TEST_P(ValidateUsernameRejects, AsInvalidUsernameWithoutEchoingIt) {
  const Status status = validate_username(GetParam());
  ASSERT_FALSE(status.ok()) << GetParam();
  EXPECT_EQ(status.error().kind, ErrorKind::InvalidUsername);
  if (GetParam().size() > 2) {
    EXPECT_EQ(status.error().detail.find(GetParam()), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(Usernames, ValidateUsernameRejects,
                         testing::Values(std::string(""),                    // empty
                                         std::string(65, 'a'),               // 65 letters
                                         std::string("alice1"),              // digit
                                         std::string("123"),                 // only digits
                                         std::string("alice smith"),         // space
                                         std::string("alice.smith"),         // dot
                                         std::string("alice%20smith"),       // percent
                                         std::string("alice-smith"),         // dash
                                         std::string("alice_smith"),         // underscore
                                         std::string("al\xc3\xa9"),          // non-ASCII (é)
                                         std::string("alice\n"),             // newline
                                         std::string("ali\0ce", 6),          // embedded NUL
                                         std::string("../alice")));          // path

// --- body --------------------------------------------------------------------------------

TEST(DateOfBirthText, ReadsTheStringMemberOfAnObject) {
  const auto text = date_of_birth_text(R"({"dateOfBirth":"2000-01-31"})");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value(), "2000-01-31");
}

TEST(DateOfBirthText, IgnoresOtherMembersAndWhitespace) {
  const auto text = date_of_birth_text(" {\n \"name\": \"x\", \"dateOfBirth\" : \"2000-01-31\", \"n\": [1, {}] }\n");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value(), "2000-01-31");
}

TEST(DateOfBirthText, TakesTheLastOfDuplicateMembers) {
  const auto text = date_of_birth_text(R"({"dateOfBirth":"not a date","dateOfBirth":"2000-01-31"})");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value(), "2000-01-31");
}

TEST(DateOfBirthText, IgnoresAnotherMemberWhoseNumberADoubleCannotHold) {
  for (const std::string body : {R"({"dateOfBirth":"2000-01-31","x":1e400})", R"({"x":-1e400,"dateOfBirth":"2000-01-31"})",
                                 R"({"dateOfBirth":"2000-01-31","x":{"y":[1e999]}})"}) {
    const auto text = date_of_birth_text(body);
    ASSERT_TRUE(text.ok()) << body << ": " << text.error().detail;
    EXPECT_EQ(text.value(), "2000-01-31");
  }
}

TEST(DateOfBirthText, PassesTheStringOnUncheckedForTheDateStep) {
  const auto text = date_of_birth_text(R"({"dateOfBirth":"31/01/2000"})");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value(), "31/01/2000");
}

class DateOfBirthTextRejects : public testing::TestWithParam<std::string_view> {};

TEST_P(DateOfBirthTextRejects, AsInvalidBodyWithoutEchoingTheDate) {
  const auto text = date_of_birth_text(GetParam());
  ASSERT_FALSE(text.ok()) << GetParam();
  EXPECT_EQ(text.error().kind, ErrorKind::InvalidBody);
  EXPECT_EQ(text.error().detail.find("1990"), std::string::npos) << text.error().detail;
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, DateOfBirthTextRejects,
    testing::Values(""sv,                                         // empty
                    "not json"sv,                                 // not JSON
                    "dateOfBirth=1990-01-01"sv,                   // a form
                    R"({"dateOfBirth":"1990-01-01")"sv,           // truncated
                    R"({"dateOfBirth":"1990-01-01"} {})"sv,       // trailing data
                    R"({'dateOfBirth':'1990-01-01'})"sv,          // single quotes
                    "{\"dateOfBirth\":\"1990-01-01\xff\"}"sv,     // invalid UTF-8
                    R"(["1990-01-01"])"sv,                        // array
                    R"("1990-01-01")"sv,                          // string
                    "19900101"sv,                                 // number
                    "null"sv,                                     // null
                    "true"sv,                                     // boolean
                    "{}"sv,                                       // member missing
                    R"({"dateofbirth":"1990-01-01"})"sv,          // member names are case-sensitive
                    R"({"date_of_birth":"1990-01-01"})"sv,        // other member
                    R"({"dateOfBirth":19900101})"sv,              // member a number
                    R"({"dateOfBirth":null})"sv,                  // member null
                    R"({"dateOfBirth":{"value":"1990-01-01"}})"sv,  // member an object
                    R"({"dateOfBirth":["1990-01-01"]})"sv,        // member an array
                    R"({"dateOfBirth":true})"sv,                  // member a boolean
                    R"({"dateOfBirth":1e400})"sv,                 // member a number a double cannot hold
                    R"({"dateOfBirth":"1990-01-01","x":1e400)"sv));  // huge number, truncated

TEST(DateOfBirthText, RejectsADeeplyNestedBodyWithoutExhaustingTheStack) {
  const std::size_t depth = 100'000;
  const std::string nested_arrays = std::string(depth, '[') + std::string(depth, ']');
  EXPECT_EQ(date_of_birth_text(nested_arrays).error().kind, ErrorKind::InvalidBody);
  std::string nested_objects;
  for (std::size_t i = 0; i < depth; ++i) nested_objects += R"({"a":)";
  nested_objects += '1';
  nested_objects.append(depth, '}');
  EXPECT_EQ(date_of_birth_text(nested_objects).error().kind, ErrorKind::InvalidBody);
}

// --- date text ----------------------------------------------------------------------------

TEST(ParseDateOfBirth, AcceptsAValidDate) {
  const auto date = parse_date_of_birth("2000-01-31");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date.value(), 2000y / January / 31);
}

class ParseDateOfBirthRejects : public testing::TestWithParam<std::string_view> {};

TEST_P(ParseDateOfBirthRejects, AsInvalidDateWithoutEchoingIt) {
  const auto date = parse_date_of_birth(GetParam());
  ASSERT_FALSE(date.ok()) << GetParam();
  EXPECT_EQ(date.error().kind, ErrorKind::InvalidDate);
  EXPECT_EQ(date.error().detail.find("1990"), std::string::npos) << date.error().detail;
}

INSTANTIATE_TEST_SUITE_P(Texts, ParseDateOfBirthRejects,
                         testing::Values("1990-02-30"sv, "1990-2-3"sv, "1990-01-01T00:00:00Z"sv, " 1990-01-01"sv,
                                         "0000-01-01"sv, "1990-13-01"sv, ""sv, "yesterday"sv));

// --- before today -------------------------------------------------------------------------

constexpr sys_days pinned_today{2024y / June / 17};

TEST(ValidateBeforeToday, AcceptsYesterdayAndTheFarPast) {
  EXPECT_TRUE(validate_before_today(2024y / June / 16, pinned_today).ok());
  EXPECT_TRUE(validate_before_today(1y / January / 1, pinned_today).ok());
}

TEST(ValidateBeforeToday, RejectsTodayAsDateNotInPast) {
  const Status status = validate_before_today(2024y / June / 17, pinned_today);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, ErrorKind::DateNotInPast);
}

TEST(ValidateBeforeToday, RejectsTheFutureAsDateNotInPast) {
  for (const year_month_day future : {2024y / June / 18, 2025y / January / 1, 9999y / December / 31}) {
    const Status status = validate_before_today(future, pinned_today);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error().kind, ErrorKind::DateNotInPast);
    EXPECT_EQ(status.error().detail.find("2024"), std::string::npos) << status.error().detail;
  }
}

}  // namespace
}  // namespace birthday
