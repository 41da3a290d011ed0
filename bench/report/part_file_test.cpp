#include "bench/report/part_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

namespace birthday::bench {
namespace {

TEST(PartFile, RoundTripsEveryField) {
  const Part written{"Cold start",
                     {"a note"},
                     {{"init, median", "ms", 3.5, 12.0, Target{Target::Kind::MaxRatio, 0.3}},
                      {"requests/s", "req/s", 900, std::nullopt, Target{Target::Kind::Min, 500}},
                      {"RSS growth", "KiB", 0, 4, Target{Target::Kind::Max, 0}},
                      {"p99", "ms", 1.25, std::nullopt, std::nullopt}}};
  const auto file = std::filesystem::temp_directory_path() / ("part-" + std::to_string(getpid()) + "/part.json");
  write_part(file, written);
  const Part read = read_part(file);
  std::filesystem::remove_all(file.parent_path());

  EXPECT_EQ(read.section, "Cold start");
  EXPECT_EQ(read.notes, written.notes);
  ASSERT_EQ(read.figures.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(read.figures[i].name, written.figures[i].name);
    EXPECT_EQ(read.figures[i].unit, written.figures[i].unit);
    EXPECT_EQ(read.figures[i].value, written.figures[i].value);
    EXPECT_EQ(read.figures[i].baseline, written.figures[i].baseline);
    ASSERT_EQ(read.figures[i].target.has_value(), written.figures[i].target.has_value());
    if (read.figures[i].target) {
      EXPECT_EQ(read.figures[i].target->kind, written.figures[i].target->kind);
      EXPECT_EQ(read.figures[i].target->limit, written.figures[i].target->limit);
    }
  }
}

TEST(PartFile, ATargetWithoutAKnownKindIsRefused) {
  const auto json = nlohmann::json::parse(
      R"({"section":"s","figures":[{"name":"n","unit":"ms","value":1,"target":{"below":3}}]})");
  EXPECT_THROW(part_from_json(json), std::exception);
}

TEST(PartFile, AFigureWithoutAValueIsRefused) {
  const auto json = nlohmann::json::parse(R"({"section":"s","figures":[{"name":"n","unit":"ms"}]})");
  EXPECT_THROW(part_from_json(json), nlohmann::json::exception);
}

}  // namespace
}  // namespace birthday::bench
