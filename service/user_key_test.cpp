#include "service/user_key.hpp"

#include <gtest/gtest.h>

namespace birthday {
namespace {

TEST(UserKeyFor, IsTheLowercaseHexSha256OfTheContractExample) {
  EXPECT_EQ(user_key_for("foo").hex, "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
}

TEST(UserKeyFor, IgnoresLetterCase) {
  EXPECT_EQ(user_key_for("FOO"), user_key_for("foo"));
  EXPECT_EQ(user_key_for("Alice"), user_key_for("aLICE"));
}

TEST(UserKeyFor, DiffersBetweenUsers) { EXPECT_NE(user_key_for("alice"), user_key_for("alicf")); }

TEST(UserKeyFor, LogPrefixIsTheFirstEightHexDigits) {
  const UserKey key = user_key_for("foo");
  EXPECT_EQ(key.hex.size(), 64u);
  EXPECT_EQ(key.log_prefix(), "2c26b46b");
}

}  // namespace
}  // namespace birthday
