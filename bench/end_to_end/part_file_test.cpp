#include "bench/end_to_end/part_file.hpp"

#include <gtest/gtest.h>

namespace birthday::bench::end_to_end {
namespace {

TEST(PartDocument, HasTheSectionNotesAndFiguresInTheReportSchema) {
  const nlohmann::ordered_json document = part_document(
      "End to end", {"one note"},
      {{"GET requests/s, concurrency 1", "req/s", 812.04321, true}, {"GET p99, concurrency 16", "ms", 21.3}});
  EXPECT_EQ(document, nlohmann::ordered_json::parse(R"({
    "section": "End to end", "notes": ["one note"],
    "figures": [{"name": "GET requests/s, concurrency 1", "unit": "req/s", "value": 812.04, "higher_is_better": true},
                {"name": "GET p99, concurrency 16", "unit": "ms", "value": 21.3}]})"));
}

}  // namespace
}  // namespace birthday::bench::end_to_end
