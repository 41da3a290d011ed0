#include "service/json_document.hpp"

#include <string>

#include <gtest/gtest.h>

namespace birthday {
namespace {

TEST(ParseJsonDocument, ReadsOrdinaryJsonAsNlohmannDoes) {
  EXPECT_EQ(parse_json_document(R"({"a":[1,2.5,"x"],"b":null})"), nlohmann::json::parse(R"({"a":[1,2.5,"x"],"b":null})"));
}

TEST(ParseJsonDocument, NumbersTooLargeForADoubleAreValidJsonAndReadAsZero) {
  const std::string digits_400(400, '9');
  const nlohmann::json document = parse_json_document(R"({"big":1e400,"small":-1E+999,"long":)" + digits_400 +
                                                      R"(,"list":[1e400,2],"kept":1.5})");
  ASSERT_FALSE(document.is_discarded());
  EXPECT_EQ(document, nlohmann::json::parse(R"({"big":0,"small":0,"long":0,"list":[0,2],"kept":1.5})"));
}

TEST(ParseJsonDocument, AStringThatLooksLikeAHugeNumberIsLeftAlone) {
  EXPECT_EQ(parse_json_document(R"({"x":1e400,"s":"1e400"})")["s"], "1e400");
}

TEST(ParseJsonDocument, TinyNumbersUnderflowToZeroWithoutAnError) {
  EXPECT_EQ(parse_json_document(R"({"x":1e-400})")["x"], 0.0);
}

class ParseJsonDocumentRejects : public testing::TestWithParam<std::string> {};

TEST_P(ParseJsonDocumentRejects, WhatIsNotJsonWhateverItsNumbers) {
  EXPECT_TRUE(parse_json_document(GetParam()).is_discarded()) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Texts, ParseJsonDocumentRejects,
                         testing::Values(R"({"x":1e400)",                 // truncated
                                         R"({"x":1e400} {})",             // trailing data
                                         R"({"x":1e400,})",               // trailing comma
                                         R"({"x":1e400e5})",              // not a number, nor is 0e5 made of it
                                         R"({"x":1e400.5})",              // nor 0.5
                                         R"({"x":1e400,"s":"a)" "\xff" R"("})",  // invalid UTF-8 after it
                                         R"({x:1e400})",                  // unquoted name
                                         "1e400 1e400",                   // two values
                                         ""));

TEST(ParseJsonDocument, ManyHugeNumbersCostOnePassMore) {
  std::string many = "[";
  for (int i = 0; i < 10'000; ++i) many += "1e400,";
  many += "1]";
  const nlohmann::json document = parse_json_document(many);
  ASSERT_TRUE(document.is_array());
  EXPECT_EQ(document.size(), 10'001u);
}

}  // namespace
}  // namespace birthday
