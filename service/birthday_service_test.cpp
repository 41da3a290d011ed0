#include "service/birthday_service.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

#include <gtest/gtest.h>

#include "service/memory_repository.hpp"
#include "service/user_key.hpp"

namespace birthday {
namespace {

using namespace std::chrono;
using namespace std::string_view_literals;

// A repository for what a healthy in-memory store cannot do: fail, or take time.
// It records what the service asked of it.
class ScriptedRepository final : public BirthdayRepository {
 public:
  std::optional<Error> failure;  // returned by load and save when set
  milliseconds delay{0};
  int loads = 0;
  int saves = 0;
  std::optional<Deadline> last_deadline;

  Result<year_month_day> load(const UserKey& /*key*/, Deadline deadline) override {
    ++loads;
    return answer<year_month_day>(deadline, 1990y / May / 13);
  }
  Status save(const UserKey& /*key*/, year_month_day /*date_of_birth*/, Deadline deadline) override {
    ++saves;
    return answer<Done>(deadline, Done{});
  }

 private:
  template <class T>
  Result<T> answer(Deadline deadline, T value) {
    last_deadline = deadline;
    std::this_thread::sleep_for(delay);
    if (failure) return *failure;
    return value;
  }
};

class BirthdayServiceTest : public testing::Test {
 protected:
  sys_days today{2024y / June / 17};
  std::shared_ptr<MemoryRepository> memory = std::make_shared<MemoryRepository>();
  std::shared_ptr<ScriptedRepository> scripted = std::make_shared<ScriptedRepository>();
  StoreCall call{steady_clock::now() + seconds{3}};

  BirthdayService service_over(std::shared_ptr<BirthdayRepository> repository) {
    return BirthdayService(std::move(repository), [this] { return today; });
  }

  static std::string body_with(std::string_view date) { return R"({"dateOfBirth":")" + std::string(date) + R"("})"; }
};

// --- the happy paths -----------------------------------------------------------------------

TEST_F(BirthdayServiceTest, PutThenGetCountsDaysToTheNextBirthday) {
  auto service = service_over(memory);
  ASSERT_TRUE(service.save_date_of_birth("alice", body_with("1978-06-18"), call).ok());
  const auto greeting = service.greeting("alice", call);
  ASSERT_TRUE(greeting.ok());
  EXPECT_EQ(greeting.value(), "Hello, alice! Your birthday is in 1 day(s)");
}

TEST_F(BirthdayServiceTest, GetOnTheBirthdayIsHappyBirthday) {
  auto service = service_over(memory);
  ASSERT_TRUE(service.save_date_of_birth("alice", body_with("1978-06-17"), call).ok());
  EXPECT_EQ(service.greeting("alice", call).value(), "Hello, alice! Happy birthday!");
}

TEST_F(BirthdayServiceTest, UsernamesAreCaseInsensitiveAndTheGreetingEchoesTheGetSpelling) {
  auto service = service_over(memory);
  ASSERT_TRUE(service.save_date_of_birth("Alice", body_with("1978-06-17"), call).ok());
  EXPECT_EQ(service.greeting("ALICE", call).value(), "Hello, ALICE! Happy birthday!");
  EXPECT_EQ(service.greeting("alice", call).value(), "Hello, alice! Happy birthday!");
  EXPECT_EQ(memory->size(), 1u);
}

TEST_F(BirthdayServiceTest, PutOverwrites) {
  auto service = service_over(memory);
  ASSERT_TRUE(service.save_date_of_birth("alice", body_with("1978-06-18"), call).ok());
  ASSERT_TRUE(service.save_date_of_birth("alice", body_with("1978-06-17"), call).ok());
  EXPECT_EQ(service.greeting("alice", call).value(), "Hello, alice! Happy birthday!");
}

TEST_F(BirthdayServiceTest, PutStoresUnderTheUserKeyOfTheUsername) {
  auto service = service_over(memory);
  ASSERT_TRUE(service.save_date_of_birth("Alice", body_with("1990-05-13"), call).ok());
  EXPECT_EQ(memory->load(user_key_for("alice"), call.deadline).value(), 1990y / May / 13);
}

TEST_F(BirthdayServiceTest, GetOfAnUnknownUserIsNotFound) {
  auto service = service_over(memory);
  const auto greeting = service.greeting("nobody", call);
  ASSERT_FALSE(greeting.ok());
  EXPECT_EQ(greeting.error().kind, ErrorKind::NotFound);
}

// --- the clock -----------------------------------------------------------------------------

TEST_F(BirthdayServiceTest, ReadsTodayOnEveryCall) {
  auto service = service_over(memory);
  ASSERT_TRUE(service.save_date_of_birth("alice", body_with("1978-06-18"), call).ok());
  EXPECT_EQ(service.greeting("alice", call).value(), "Hello, alice! Your birthday is in 1 day(s)");
  today += days{1};  // midnight passes while the function stays warm
  EXPECT_EQ(service.greeting("alice", call).value(), "Hello, alice! Happy birthday!");
}

TEST_F(BirthdayServiceTest, PutAcceptsYesterdayAndRejectsTodayByTheClock) {
  auto service = service_over(memory);
  EXPECT_TRUE(service.save_date_of_birth("alice", body_with("2024-06-16"), call).ok());
  const Status rejected = service.save_date_of_birth("bob", body_with("2024-06-17"), call);
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.error().kind, ErrorKind::DateNotInPast);
  today += days{1};
  EXPECT_TRUE(service.save_date_of_birth("bob", body_with("2024-06-17"), call).ok());
}

// --- validation: order, and nothing saved --------------------------------------------------

struct BadPut {
  std::string_view username;
  std::string_view body;
  ErrorKind kind;
};

void PrintTo(const BadPut& c, std::ostream* os) { *os << "username '" << c.username << "', body " << c.body; }

class BirthdayServiceRejectsPut : public BirthdayServiceTest, public testing::WithParamInterface<BadPut> {};

TEST_P(BirthdayServiceRejectsPut, InContractOrderAndSavesNothing) {
  auto service = service_over(memory);
  const Status status = service.save_date_of_birth(GetParam().username, GetParam().body, call);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, GetParam().kind);
  EXPECT_EQ(memory->size(), 0u);
  EXPECT_EQ(call.elapsed, microseconds{0});
}

INSTANTIATE_TEST_SUITE_P(
    Inputs, BirthdayServiceRejectsPut,
    testing::Values(BadPut{"alice1", "not json", ErrorKind::InvalidUsername},  // username first
                    BadPut{"", R"({"dateOfBirth":"1990-01-01"})", ErrorKind::InvalidUsername},
                    BadPut{"alice", "not json", ErrorKind::InvalidBody},
                    BadPut{"alice", R"({"dateOfBirth":19900101})", ErrorKind::InvalidBody},
                    BadPut{"alice", R"(["1990-01-01"])", ErrorKind::InvalidBody},
                    BadPut{"alice", R"({"dateOfBirth":"1990-02-30"})", ErrorKind::InvalidDate},
                    BadPut{"alice", R"({"dateOfBirth":"2099-02-30"})", ErrorKind::InvalidDate},  // text checked before "in the past"
                    BadPut{"alice", R"({"dateOfBirth":"2024-06-17"})", ErrorKind::DateNotInPast},
                    BadPut{"alice", R"({"dateOfBirth":"2024-06-18"})", ErrorKind::DateNotInPast}));

TEST_F(BirthdayServiceTest, InvalidInputNeverReachesTheStore) {
  scripted->failure = Error{ErrorKind::Unavailable, "throttled"};
  auto service = service_over(scripted);
  EXPECT_EQ(service.greeting("al ice", call).error().kind, ErrorKind::InvalidUsername);
  EXPECT_EQ(service.save_date_of_birth("alice", "{}", call).error().kind, ErrorKind::InvalidBody);
  EXPECT_EQ(scripted->loads, 0);
  EXPECT_EQ(scripted->saves, 0);
}

// --- store failures pass through ------------------------------------------------------------

class BirthdayServiceStoreFailure : public BirthdayServiceTest, public testing::WithParamInterface<ErrorKind> {};

TEST_P(BirthdayServiceStoreFailure, OnGetPassesThroughUnchanged) {
  scripted->failure = Error{GetParam(), "store said no"};
  auto service = service_over(scripted);
  const auto greeting = service.greeting("alice", call);
  ASSERT_FALSE(greeting.ok());
  EXPECT_EQ(greeting.error().kind, GetParam());
  EXPECT_EQ(greeting.error().detail, "store said no");
  EXPECT_EQ(scripted->loads, 1);
}

TEST_P(BirthdayServiceStoreFailure, OnPutPassesThroughUnchanged) {
  scripted->failure = Error{GetParam(), "store said no"};
  auto service = service_over(scripted);
  const Status status = service.save_date_of_birth("alice", body_with("1990-05-13"), call);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().kind, GetParam());
  EXPECT_EQ(status.error().detail, "store said no");
  EXPECT_EQ(scripted->saves, 1);
}

INSTANTIATE_TEST_SUITE_P(Kinds, BirthdayServiceStoreFailure,
                         testing::Values(ErrorKind::Unavailable, ErrorKind::Internal),
                         [](const testing::TestParamInfo<ErrorKind>& info) {
                           return info.param == ErrorKind::Unavailable ? "Unavailable" : "Internal";
                         });

// --- the StoreCall ------------------------------------------------------------------------

TEST_F(BirthdayServiceTest, HandsTheDeadlineToTheStoreAndTimesTheCall) {
  scripted->delay = milliseconds{5};
  auto service = service_over(scripted);

  ASSERT_TRUE(service.greeting("alice", call).ok());
  EXPECT_EQ(scripted->last_deadline, call.deadline);
  EXPECT_GE(call.elapsed, milliseconds{5});

  StoreCall put_call{steady_clock::now() + seconds{1}};
  ASSERT_TRUE(service.save_date_of_birth("alice", body_with("1990-05-13"), put_call).ok());
  EXPECT_EQ(scripted->last_deadline, put_call.deadline);
  EXPECT_GE(put_call.elapsed, milliseconds{5});
}

}  // namespace
}  // namespace birthday
