// The fake must really behave as scripted, or the runtime tests built on it prove nothing.
#include "transport/runtime/fake_runtime_api.hpp"

#include <gtest/gtest.h>

#include <httplib.h>

namespace birthday::runtime::test_support {
namespace {

httplib::Client client_for(const FakeRuntimeApi& api) {
  const std::string endpoint = api.endpoint();
  const std::size_t colon = endpoint.rfind(':');
  return httplib::Client(endpoint.substr(0, colon), std::stoi(endpoint.substr(colon + 1)));
}

TEST(FakeRuntimeApi, InvocationScriptedWithoutContentTypeIsSentWithoutOne) {
  FakeRuntimeApi api({{.request_id = "r1", .payload = "x", .content_type = std::nullopt}});
  httplib::Client client = client_for(api);

  const auto answer = client.Get("/2018-06-01/runtime/invocation/next");

  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, "x");
  EXPECT_FALSE(answer->has_header("Content-Type"));
  EXPECT_FALSE(answer->has_header("X-Fake-Omit-Content-Type"));
}

TEST(FakeRuntimeApi, VanishingCutsTheAnswerAndRefusesReconnects) {
  FakeRuntimeApi api({}, WhenScriptEnds::Vanish);
  httplib::Client client = client_for(api);

  EXPECT_FALSE(client.Get("/2018-06-01/runtime/invocation/next")) << "the answer must be cut short";
  const auto again = client.Get("/2018-06-01/runtime/invocation/next");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error(), httplib::Error::Connection);
}

}  // namespace
}  // namespace birthday::runtime::test_support
