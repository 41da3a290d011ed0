#include "transport/base64.hpp"

#include <string>

#include <gtest/gtest.h>

namespace birthday::transport {
namespace {

TEST(Base64, DecodesEveryPaddingLength) {
  EXPECT_EQ(decode_base64(""), "");
  EXPECT_EQ(decode_base64("YQ=="), "a");
  EXPECT_EQ(decode_base64("YWI="), "ab");
  EXPECT_EQ(decode_base64("YWJj"), "abc");
  EXPECT_EQ(decode_base64("YWJjZA=="), "abcd");
}

TEST(Base64, DecodesAPutBody) {
  EXPECT_EQ(decode_base64("eyJkYXRlT2ZCaXJ0aCI6IjE5OTAtMDUtMTcifQ=="), R"({"dateOfBirth":"1990-05-17"})");
}

TEST(Base64, KeepsBinaryBytesIncludingNul) {
  EXPECT_EQ(decode_base64("AP8A"), std::string("\0\xff\0", 3));
}

TEST(Base64, ToleratesLineBreaksBetweenGroups) {
  EXPECT_EQ(decode_base64("YWJj\nZGVm\n"), "abcdef");
}

TEST(Base64, DecodesBodiesLongerThanOneInternalBlock) {
  const std::string plain(100'000, 'x');
  std::string encoded;
  for (std::size_t i = 0; i < plain.size() / 3; ++i) encoded += "eHh4";  // "xxx"
  encoded += "eA==";                                                      // the 100000th 'x'
  EXPECT_EQ(decode_base64(encoded), plain);
}

TEST(Base64, RejectsInvalidText) {
  for (const char* invalid : {"YQ", "Y===", "YQ=a", "YQ==YQ==", "!!!!", "YW*j", "eyJ9}"}) {
    EXPECT_EQ(decode_base64(invalid), std::nullopt) << invalid;
  }
}

}  // namespace
}  // namespace birthday::transport
