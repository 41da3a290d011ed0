#include "transport/local/body_encoding.hpp"

#include <gtest/gtest.h>

#include "transport/base64.hpp"

namespace birthday::local {
namespace {

TEST(EncodeBase64, MatchesTheRfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},        {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"},
  };
  for (const auto& [plain, encoded] : vectors) EXPECT_EQ(encode_base64(plain), encoded) << plain;
}

TEST(EncodeBase64, RoundTripsEveryByteValue) {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes.push_back(static_cast<char>(value));
  EXPECT_EQ(transport::decode_base64(encode_base64(bytes)), bytes);
}

TEST(IsTextContentType, FollowsApiGatewaysTextTypes) {
  const std::pair<const char*, bool> cases[] = {
      {"application/json", true},
      {"Application/JSON; charset=utf-8", true},
      {"text/plain", true},
      {"text/html;charset=UTF-8", true},
      {"application/xml", true},
      {"application/javascript", true},
      {"application/problem+json", true},
      {"image/svg+xml", true},
      {"application/x-www-form-urlencoded", false},
      {"application/octet-stream", false},
      {"image/png", false},
      {"multipart/form-data; boundary=x", false},
      {"", false},
  };
  for (const auto& [type, text] : cases) EXPECT_EQ(is_text_content_type(type), text) << type;
}

}  // namespace
}  // namespace birthday::local
