#include "transport/api_gateway_function.hpp"

#include <chrono>
#include <utility>

#include "transport/api_gateway_event.hpp"

namespace birthday::transport {
namespace {

// Lambda's default function timeout: the budget when a Runtime API sends no deadline, so that
// such an invocation still reaches the store instead of failing as already late.
constexpr std::chrono::seconds budget_without_deadline{3};

// Time kept back from the store so that a request whose store hangs is still answered (503 and
// its access line) before Lambda ends the invocation as timed out.
constexpr std::chrono::milliseconds answer_reserve{100};

// Lambda gives the deadline as wall-clock time; timeouts are measured on the steady clock.
Deadline request_deadline(std::chrono::system_clock::time_point invocation_deadline) {
  const auto budget = invocation_deadline == std::chrono::system_clock::time_point{}
                          ? std::chrono::steady_clock::duration(budget_without_deadline)
                          : std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                invocation_deadline - std::chrono::system_clock::now());
  return std::chrono::steady_clock::now() + budget - answer_reserve;
}

}  // namespace

runtime::InvocationHandler api_gateway_function(HttpHandler handler) {
  return [handler = std::move(handler)](const runtime::Invocation& invocation) {
    Request request = parse_api_gateway_event(invocation.payload, request_deadline(invocation.deadline));
    // Every error body names a request id; a hand-made event without one gets Lambda's.
    if (request.request_id.empty()) request.request_id = invocation.request_id;
    return api_gateway_result(handler(request));
  };
}

}  // namespace birthday::transport
