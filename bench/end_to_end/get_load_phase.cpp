#include "bench/end_to_end/get_load_phase.hpp"

#include "bench/end_to_end/hey_runner.hpp"
#include "bench/end_to_end/invoke_durations.hpp"

namespace birthday::bench::end_to_end {

GetLoadResult measure_gets(const LocalStack& stack, const std::filesystem::path& hey, const std::string& path,
                           int concurrency, double seconds) {
  // hey lets in-flight requests finish, and the gateway logs a REPORT before it answers, so the
  // log grown during the run holds exactly this run's invokes.
  const std::size_t log_before = stack.gateway_log().size();
  const std::vector<HeyRequest> requests = run_hey(hey, {stack.base_url() + path, "GET", concurrency, seconds});
  const std::vector<double> durations = report_durations_ms(std::string_view(stack.gateway_log()).substr(log_before));

  GetLoadResult result;
  result.latency = summarize(requests);
  result.function_reports = durations.size();
  result.function_mean_ms = mean(durations);
  return result;
}

}  // namespace birthday::bench::end_to_end
