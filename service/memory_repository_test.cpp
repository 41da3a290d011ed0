#include "service/memory_repository.hpp"

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "service/user_key.hpp"

namespace birthday {
namespace {

using namespace std::chrono;

const Deadline no_deadline = steady_clock::now() + hours{1};

TEST(MemoryRepository, UnknownKeyIsNotFound) {
  MemoryRepository repository;
  const auto loaded = repository.load(user_key_for("alice"), no_deadline);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, ErrorKind::NotFound);
}

TEST(MemoryRepository, LoadsWhatWasSaved) {
  MemoryRepository repository;
  ASSERT_TRUE(repository.save(user_key_for("alice"), 1990y / May / 13, no_deadline).ok());
  const auto loaded = repository.load(user_key_for("alice"), no_deadline);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded.value(), 1990y / May / 13);
  EXPECT_EQ(repository.size(), 1u);
}

TEST(MemoryRepository, SaveOverwrites) {
  MemoryRepository repository;
  ASSERT_TRUE(repository.save(user_key_for("alice"), 1990y / May / 13, no_deadline).ok());
  ASSERT_TRUE(repository.save(user_key_for("alice"), 1991y / June / 14, no_deadline).ok());
  EXPECT_EQ(repository.load(user_key_for("alice"), no_deadline).value(), 1991y / June / 14);
  EXPECT_EQ(repository.size(), 1u);
}

TEST(MemoryRepository, KeepsUsersApart) {
  MemoryRepository repository;
  ASSERT_TRUE(repository.save(user_key_for("alice"), 1990y / May / 13, no_deadline).ok());
  ASSERT_TRUE(repository.save(user_key_for("bob"), 1985y / July / 2, no_deadline).ok());
  EXPECT_EQ(repository.load(user_key_for("alice"), no_deadline).value(), 1990y / May / 13);
  EXPECT_EQ(repository.load(user_key_for("bob"), no_deadline).value(), 1985y / July / 2);
  EXPECT_EQ(repository.size(), 2u);
}

TEST(MemoryRepository, IsSafeToShareBetweenThreads) {
  MemoryRepository repository;
  constexpr int thread_count = 4;
  constexpr int users_per_thread = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < thread_count; ++t) {
    threads.emplace_back([&repository, t] {
      for (int u = 0; u < users_per_thread; ++u) {
        const UserKey key = user_key_for("user" + std::to_string(t * users_per_thread + u));
        const year_month_day date = year{1900 + u} / January / 1;
        EXPECT_TRUE(repository.save(key, date, no_deadline).ok());
        EXPECT_EQ(repository.load(key, no_deadline).value(), date);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(repository.size(), static_cast<std::size_t>(thread_count * users_per_thread));
}

}  // namespace
}  // namespace birthday
