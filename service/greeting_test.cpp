#include "service/greeting.hpp"

#include <gtest/gtest.h>

namespace birthday {
namespace {

TEST(GreetingText, OnTheBirthdayIsHappyBirthday) {
  EXPECT_EQ(greeting_text("alice", 0), "Hello, alice! Happy birthday!");
}

TEST(GreetingText, OtherwiseCountsDaysWithLiteralDayS) {
  EXPECT_EQ(greeting_text("alice", 1), "Hello, alice! Your birthday is in 1 day(s)");
  EXPECT_EQ(greeting_text("alice", 19), "Hello, alice! Your birthday is in 19 day(s)");
  EXPECT_EQ(greeting_text("alice", 365), "Hello, alice! Your birthday is in 365 day(s)");
}

TEST(GreetingText, EchoesTheUsernameExactlyAsGiven) {
  EXPECT_EQ(greeting_text("ALiCe", 0), "Hello, ALiCe! Happy birthday!");
}

}  // namespace
}  // namespace birthday
