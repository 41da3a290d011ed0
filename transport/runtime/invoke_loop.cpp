#include "transport/runtime/invoke_loop.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "service/log.hpp"
#include "transport/runtime/error_report.hpp"

namespace birthday::runtime {
namespace {

enum class LoopStep { Continue, Exit };

constexpr int lost_runtime_api = 1;

// X-Ray and the AWS SDKs read the trace header of the current invocation from here. glibc's
// setenv never frees a value it replaces, so a warm function would keep one per invocation:
// the "NAME=value" text lives in a buffer of ours instead, rewritten in place and handed to
// putenv, which stores the pointer itself. It only grows when a longer header arrives.
void set_trace_id(const std::string& trace_id) {
  static constexpr std::string_view prefix = "_X_AMZN_TRACE_ID=";
  static std::vector<char> entry;
  if (trace_id.empty()) {
    unsetenv("_X_AMZN_TRACE_ID");
    return;
  }
  const std::size_t needed = prefix.size() + trace_id.size() + 1;
  std::vector<char> grown;
  if (needed > entry.size()) grown.resize(std::max(needed, 2 * entry.size()));
  std::vector<char>& target = grown.empty() ? entry : grown;
  std::copy(prefix.begin(), prefix.end(), target.begin());
  std::copy(trace_id.begin(), trace_id.end(), target.begin() + static_cast<std::ptrdiff_t>(prefix.size()));
  target[needed - 1] = '\0';
  putenv(target.data());
  if (!grown.empty()) entry.swap(grown);  // the environment no longer points at the old buffer
}

nlohmann::json reply_fields(const ApiReply& reply) {
  if (!reply.reached()) return {{"error", reply.transport_error}};
  return {{"status", reply.status}, {"body", reply.body}};
}

// Only a lost Runtime API or its "container error" ends the loop; any other refusal concerns
// this invocation alone.
bool runtime_api_lost(const ApiReply& reply) { return !reply.reached() || reply.container_error(); }

void log_refusal(const char* message, const ApiReply& reply, const Invocation& invocation) {
  nlohmann::json fields = reply_fields(reply);
  fields["requestId"] = invocation.request_id;
  log::write(log::Level::Error, message, fields);
}

LoopStep report_failure(RuntimeApiClient& client, const Invocation& invocation, const ErrorReport& report) {
  log::write(log::Level::Error, "invocation failed",
             {{"requestId", invocation.request_id}, {"errorType", report.type}, {"errorMessage", report.message}});
  const ApiReply reply = client.post_invocation_error(invocation.request_id, report);
  if (reply.accepted()) return LoopStep::Continue;
  log_refusal("Runtime API did not take the invocation error", reply, invocation);
  return runtime_api_lost(reply) ? LoopStep::Exit : LoopStep::Continue;
}

LoopStep report_success(RuntimeApiClient& client, const Invocation& invocation, const std::string& response) {
  if (response.size() > max_response_bytes) return report_failure(client, invocation, response_too_large(response.size()));
  const ApiReply reply = client.post_response(invocation.request_id, response);
  if (reply.accepted()) return LoopStep::Continue;
  log_refusal("Runtime API did not take the response", reply, invocation);
  if (runtime_api_lost(reply)) return LoopStep::Exit;
  // Refused (413 too large, 400, 403...): the caller must still hear that this invocation failed.
  return report_failure(client, invocation, response_refused(reply.status, response.size()));
}

LoopStep handle_invocation(RuntimeApiClient& client, const InvocationHandler& handler, const Invocation& invocation) {
  set_trace_id(invocation.trace_id);
  std::string response;
  try {
    response = handler(invocation);
  } catch (...) {
    return report_failure(client, invocation, describe_current_exception());
  }
  return report_success(client, invocation, response);
}

}  // namespace

int invoke_loop(RuntimeApiClient& client, const InvocationHandler& handler) {
  Invocation invocation;
  for (;;) {
    const ApiReply reply = client.next(invocation);
    if (reply.status != 200) {
      log::write(log::Level::Error, "Runtime API gave no next invocation", reply_fields(reply));
      return lost_runtime_api;
    }
    if (invocation.request_id.empty()) {
      // Nothing can be reported without an id, and the Runtime API would wait for it forever.
      log::write(log::Level::Error, "Runtime API sent an invocation without Lambda-Runtime-Aws-Request-Id");
      return lost_runtime_api;
    }
    LoopStep step = LoopStep::Continue;
    try {
      step = handle_invocation(client, handler, invocation);
    } catch (...) {
      // Reporting itself failed (out of memory): this invocation times out, the loop goes on.
    }
    if (step == LoopStep::Exit) return lost_runtime_api;
  }
}

}  // namespace birthday::runtime
