// The benchmark in quick mode (2 s per concurrency) on the real local stack: it runs, every GET
// is answered 200 and the part file holds every figure. No speed is asserted.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "transport/local/test_support.hpp"

namespace birthday::bench::end_to_end {
namespace {

using local::testing::TempDir;
using nlohmann::json;
using ::testing::HasSubstr;

TEST(EndToEndBench, QuickRunWritesEveryFigureWithAllGetsAnswered200) {
  const TempDir dir;
  const std::filesystem::path part = dir.path() / "parts" / "end_to_end.json";
  const auto run = local::testing::run_program(
      END_TO_END_BENCH_PATH, {"--seconds=2", "--warmup_seconds=1", "--output=" + part.string()}, PROJECT_SOURCE_DIR);
  ASSERT_EQ(run.exit_code, 0) << run.err;

  std::ifstream in(part);
  ASSERT_TRUE(in) << "no part file at " << part;
  const json document = json::parse(in);
  EXPECT_EQ(document.at("section"), "End to end: local gateway + dynalite under hey");

  std::set<std::string> names;
  for (const json& figure : document.at("figures")) {
    const std::string name = figure.at("name");
    names.insert(name);
    EXPECT_GT(figure.at("value").get<double>(), 0) << name;
    EXPECT_THAT(figure.at("unit").get<std::string>(), ::testing::AnyOf("req/s", "ms")) << name;
  }
  for (const std::string at : {", concurrency 1", ", concurrency 16"}) {
    EXPECT_TRUE(names.contains("GET requests/s" + at)) << at;
    EXPECT_TRUE(names.contains("GET p50" + at)) << at;
    EXPECT_TRUE(names.contains("GET p99" + at)) << at;
  }
  EXPECT_TRUE(names.contains("Gateway overhead per GET (mean latency - function Duration), concurrency 1"));

  const std::string notes = document.at("notes").dump();
  EXPECT_THAT(notes, HasSubstr("concurrency 1: "));
  EXPECT_THAT(notes, HasSubstr("concurrency 16: "));
  EXPECT_THAT(notes, ::testing::Not(HasSubstr("NOT answered 200")));
  EXPECT_THAT(run.err, ::testing::Not(HasSubstr(" 0 GETs")));
}

}  // namespace
}  // namespace birthday::bench::end_to_end
