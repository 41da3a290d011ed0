#include "service/ascii.hpp"

#include <array>

#include <gtest/gtest.h>

namespace birthday::ascii {
namespace {

TEST(Ascii, LowercasesOnlyAsciiLetters) {
  EXPECT_EQ(lowercase("Content-TYPE: X-Amz-9"), "content-type: x-amz-9");
  EXPECT_EQ(lowercase("\xc3\x89mile"), "\xc3\x89mile");  // UTF-8 bytes are left alone
}

TEST(Ascii, ComparesIgnoringCase) {
  EXPECT_TRUE(equal_ignoring_case("Lambda-Runtime-Trace-Id", "lambda-runtime-trace-id"));
  EXPECT_FALSE(equal_ignoring_case("Lambda-Runtime-Trace", "lambda-runtime-trace-id"));
  EXPECT_FALSE(equal_ignoring_case("x-a", "x_a"));
}

TEST(Ascii, TrimsSpacesTabsAndLineEnds) {
  EXPECT_EQ(trim(" \t value  with  inside \r\n"), "value  with  inside");
  EXPECT_EQ(trim(" \r\n"), "");
}

TEST(Ascii, WritesLowercaseHex) {
  const std::array<unsigned char, 4> bytes{0x00, 0x0f, 0xa0, 0xff};
  EXPECT_EQ(lowercase_hex(bytes), "000fa0ff");
}

TEST(Ascii, DecodesPercentEscapesAndKeepsStrayPercents) {
  EXPECT_EQ(percent_decode("%41l%69ce%2fx"), "Alice/x");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%4"), "%4");
  EXPECT_EQ(percent_decode("%zz%4G"), "%zz%4G");
}

}  // namespace
}  // namespace birthday::ascii
