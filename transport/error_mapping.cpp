#include "transport/error_mapping.hpp"

#include <string>
#include <utility>

#include <nlohmann/json.hpp>

namespace birthday::transport {

PublicError public_error(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidUsername: return {400, "username must be 1 to 64 letters (A-Z, a-z)"};
    case ErrorKind::InvalidBody: return {400, "body must be a JSON object with a dateOfBirth string"};
    case ErrorKind::InvalidDate: return {400, "dateOfBirth must be a valid date in YYYY-MM-DD format"};
    case ErrorKind::DateNotInPast: return {400, "dateOfBirth must be before today"};
    case ErrorKind::NotFound: return {404, "username not found"};
    case ErrorKind::MethodNotAllowed: return {405, "method not allowed"};
    case ErrorKind::BodyTooLarge: return {413, "body too large"};
    case ErrorKind::Unavailable: return {503, "service temporarily unavailable, please retry"};
    case ErrorKind::Internal: return {500, "internal error"};
  }
  return {500, "internal error"};
}

Response error_response(ErrorKind kind, std::string_view request_id, std::string_view allowed_method) {
  const PublicError error = public_error(kind);
  nlohmann::ordered_json body;
  body["message"] = error.message;
  body["requestId"] = request_id;

  // A request id is echoed from the event; replace invalid UTF-8 rather than throw.
  std::string text = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  Response response{error.status, {{"Content-Type", "application/json"}}, std::move(text)};
  if (error.status == 405) response.headers.emplace_back("Allow", std::string(allowed_method));
  // Unavailable means throttled or unreachable after our own retries: a client retry soon may work.
  if (error.status == 503) response.headers.emplace_back("Retry-After", "1");
  return response;
}

}  // namespace birthday::transport
