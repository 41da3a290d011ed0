#include "bench/report/report.hpp"

#include <gtest/gtest.h>

namespace birthday::bench {
namespace {

Figure with_target(double value, std::optional<double> baseline, Target target) {
  return {"figure", "ms", value, baseline, target};
}

TEST(MeetsTarget, MaxRatioComparesWithTheBaseline) {
  EXPECT_EQ(meets_target(with_target(20, 100, {Target::Kind::MaxRatio, 0.2})), true);
  EXPECT_EQ(meets_target(with_target(21, 100, {Target::Kind::MaxRatio, 0.2})), false);
}

TEST(MeetsTarget, MaxRatioWithoutABaselineIsMissed) {
  EXPECT_EQ(meets_target(with_target(1, std::nullopt, {Target::Kind::MaxRatio, 0.2})), false);
}

TEST(MeetsTarget, MaxAndMinAreInclusive) {
  EXPECT_EQ(meets_target(with_target(0, std::nullopt, {Target::Kind::Max, 0})), true);
  EXPECT_EQ(meets_target(with_target(4, std::nullopt, {Target::Kind::Max, 0})), false);
  EXPECT_EQ(meets_target(with_target(500, std::nullopt, {Target::Kind::Min, 500})), true);
  EXPECT_EQ(meets_target(with_target(499, std::nullopt, {Target::Kind::Min, 500})), false);
}

TEST(MeetsTarget, NoTargetIsNoVerdict) { EXPECT_FALSE(meets_target({"f", "ms", 1, 2, std::nullopt}).has_value()); }

Report sample_report() {
  return Report{{2, "Test CPU", "Linux 6.1"},
                "2026-12-02T00:00:00Z",
                {Part{"Cold start",
                      {"how it was measured"},
                      {{"exec → first answer, median", "ms", 10, 100, Target{Target::Kind::MaxRatio, 0.2}},
                       {"init, p90", "ms", 50, 100, Target{Target::Kind::MaxRatio, 0.3}}}}},
                {{"BM_Greeting", 120.5, 119.0, "ns"}}};
}

TEST(ReportMarkdown, ShowsEachFigureWithBaselineRatioTargetAndVerdict) {
  const std::string markdown = report_markdown(sample_report());
  EXPECT_NE(markdown.find("2 cores, Test CPU"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("| exec → first answer, median | 10 ms | 100 ms | 0.1× | ≤ 0.2× baseline | pass |"),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("| init, p90 | 50 ms | 100 ms | 0.5× | ≤ 0.3× baseline | **FAIL** |"), std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("| BM_Greeting | 120.5 ns | 119 ns |"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("1 target(s) missed."), std::string::npos) << markdown;
}

TEST(ReportJson, CarriesTheMachineRatiosAndVerdicts) {
  const nlohmann::json json = report_json(sample_report());
  EXPECT_EQ(json["machine"]["cores"], 2);
  EXPECT_EQ(json["machine"]["cpu_model"], "Test CPU");
  EXPECT_DOUBLE_EQ(json["parts"][0]["figures"][0]["ratio"].get<double>(), 0.1);
  EXPECT_EQ(json["parts"][0]["figures"][0]["pass"], true);
  EXPECT_EQ(json["parts"][0]["figures"][1]["pass"], false);
  EXPECT_EQ(json["micro_benchmarks"][0]["name"], "BM_Greeting");
}

TEST(MissedTargets, NamesTheSectionAndTheFigure) {
  EXPECT_EQ(missed_targets(sample_report()), std::vector<std::string>{"Cold start: init, p90"});
}

TEST(MicroBenchmarks, AreReadFromGoogleBenchmarkOutputLeavingErrorsOut) {
  const auto output = nlohmann::json::parse(R"({"context":{},"benchmarks":[
    {"name":"BM_A","real_time":12.5,"cpu_time":12.0,"time_unit":"us"},
    {"name":"BM_B","error_occurred":true,"error_message":"chroot needs root"}]})");
  const auto benchmarks = micro_benchmarks_from_json(output);
  ASSERT_EQ(benchmarks.size(), 1u);
  EXPECT_EQ(benchmarks[0].name, "BM_A");
  EXPECT_EQ(benchmarks[0].real_time, 12.5);
  EXPECT_EQ(benchmarks[0].time_unit, "us");
}

TEST(MicroBenchmarks, OfARepeatedBenchmarkOnlyTheMedianIsKept) {
  const auto output = nlohmann::json::parse(R"({"benchmarks":[
    {"name":"BM_C","run_type":"iteration","repetitions":3,"real_time":5,"cpu_time":1,"time_unit":"ms"},
    {"name":"BM_C","run_type":"iteration","repetitions":3,"real_time":4,"cpu_time":1,"time_unit":"ms"},
    {"name":"BM_C","run_type":"iteration","repetitions":3,"real_time":3,"cpu_time":1,"time_unit":"ms"},
    {"name":"BM_C_mean","run_type":"aggregate","aggregate_name":"mean","repetitions":3,"real_time":4,"cpu_time":1,"time_unit":"ms"},
    {"name":"BM_C_median","run_type":"aggregate","aggregate_name":"median","repetitions":3,"real_time":4,"cpu_time":1,"time_unit":"ms"},
    {"name":"BM_C_cv","run_type":"aggregate","aggregate_name":"cv","repetitions":3,"real_time":0.2,"cpu_time":0.1,"time_unit":"ms"}]})");
  const auto benchmarks = micro_benchmarks_from_json(output);
  ASSERT_EQ(benchmarks.size(), 1u);
  EXPECT_EQ(benchmarks[0].name, "BM_C_median");
  EXPECT_EQ(benchmarks[0].real_time, 4);
}

}  // namespace
}  // namespace birthday::bench
