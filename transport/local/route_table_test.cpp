#include "transport/local/route_table.hpp"

#include <gtest/gtest.h>

namespace birthday::local {
namespace {

const RouteTable birthday_routes({
    {"GET", "/hello/{username}", "GetBirthday"},
    {"PUT", "/hello/{username}", "PutBirthday"},
});

TEST(RouteTable, SendsEachMethodToItsFunctionWithThePathParameter) {
  const auto get = birthday_routes.match("GET", "/hello/alice");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->function, "GetBirthday");
  EXPECT_EQ(get->route_key, "GET /hello/{username}");
  EXPECT_EQ(get->path_parameters, (std::map<std::string, std::string>{{"username", "alice"}}));

  const auto put = birthday_routes.match("PUT", "/hello/Bob");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->function, "PutBirthday");
  EXPECT_EQ(put->route_key, "PUT /hello/{username}");
  EXPECT_EQ(put->path_parameters.at("username"), "Bob");
}

TEST(RouteTable, DecodesPercentEscapesInPathParameters) {
  EXPECT_EQ(birthday_routes.match("GET", "/hello/%41lice")->path_parameters.at("username"), "Alice");
  EXPECT_EQ(birthday_routes.match("GET", "/hello/a%20b")->path_parameters.at("username"), "a b");
  EXPECT_EQ(birthday_routes.match("GET", "/hello/caf%C3%A9")->path_parameters.at("username"), "caf\xc3\xa9");
  EXPECT_EQ(birthday_routes.match("GET", "/hello/100%")->path_parameters.at("username"), "100%");
}

TEST(RouteTable, UnknownPathsAndMethodsMatchNothing) {
  const std::pair<const char*, const char*> misses[] = {
      {"POST", "/hello/alice"},   {"DELETE", "/hello/alice"}, {"HEAD", "/hello/alice"},
      {"GET", "/hello"},          {"GET", "/hello/"},         {"GET", "/hello/alice/"},
      {"GET", "/hello/alice/x"},  {"GET", "/"},               {"GET", "/hellos/alice"},
      {"get", "/hello/alice"},    {"GET", "//hello/alice"},
  };
  for (const auto& [method, path] : misses) EXPECT_FALSE(birthday_routes.match(method, path)) << method << " " << path;
}

TEST(RouteTable, PrefersLiteralSegmentsThenParametersThenGreedy) {
  const RouteTable routes({
      {"ANY", "/{proxy+}", "Greedy"},
      {"GET", "/pets/{id}", "Parameter"},
      {"GET", "/pets/dog", "Literal"},
  });
  EXPECT_EQ(routes.match("GET", "/pets/dog")->function, "Literal");
  EXPECT_EQ(routes.match("GET", "/pets/cat")->function, "Parameter");
  EXPECT_EQ(routes.match("GET", "/pets/cat/toys")->function, "Greedy");
  EXPECT_EQ(routes.match("GET", "/pets/cat/toys")->path_parameters.at("proxy"), "pets/cat/toys");
  EXPECT_EQ(routes.match("POST", "/pets/dog")->function, "Greedy");
}

TEST(RouteTable, PrefersTheExactMethodOverAny) {
  const RouteTable routes({{"ANY", "/hello/{username}", "Any"}, {"GET", "/hello/{username}", "Get"}});
  EXPECT_EQ(routes.match("GET", "/hello/alice")->function, "Get");
  EXPECT_EQ(routes.match("POST", "/hello/alice")->function, "Any");
  EXPECT_EQ(routes.match("POST", "/hello/alice")->route_key, "ANY /hello/{username}");
}

TEST(RouteTable, FallsBackToTheDefaultRoute) {
  const RouteTable routes({{"GET", "/hello/{username}", "Get"}, {"ANY", "$default", "Default"}});
  EXPECT_EQ(routes.match("GET", "/hello/alice")->function, "Get");
  const auto fallback = routes.match("DELETE", "/anything/at/all");
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->function, "Default");
  EXPECT_EQ(fallback->route_key, "$default");
  EXPECT_TRUE(fallback->path_parameters.empty());
}

}  // namespace
}  // namespace birthday::local
