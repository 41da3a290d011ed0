#include "transport/api_handler.hpp"

#include <chrono>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "service/log.hpp"
#include "service/user_key.hpp"
#include "service/validation.hpp"
#include "transport/access_log.hpp"
#include "transport/error_mapping.hpp"

namespace birthday::transport {
namespace {

// The contract's 64 KiB, counted after base64 decoding.
constexpr std::size_t max_body_bytes = 64 * 1024;

// The one route a function serves. Any other method is answered 405 with `Allow: <method>`,
// HEAD and OPTIONS included (API Gateway routes only the declared method here anyway).
struct Route {
  std::string_view method;
  std::string_view name;      // for the access log
  std::string_view function;  // the metrics' dimension
};

constexpr Route get_route{"GET", "GET /hello/{username}", "get-birthday"};
constexpr Route put_route{"PUT", "PUT /hello/{username}", "put-birthday"};

Response json_message(int status, std::string_view message) {
  nlohmann::ordered_json body;
  body["message"] = message;
  return {status, {{"Content-Type", "application/json"}}, body.dump()};
}

// The log may name a user only by the first 8 hex digits of its key, and only once the
// username is known to be valid.
std::optional<std::string> user_for_log(std::string_view username) {
  if (!validate_username(username)) return std::nullopt;
  try {
    return user_key_for(username).log_prefix();
  } catch (const std::exception&) {
    return std::nullopt;  // hashing failed; the request's outcome already says so
  }
}

// A step that throws (an OpenSSL failure, bad_alloc) still gets the contract's 500, with its
// JSON body and access line, rather than a Lambda function error.
template <class ServeRoute>
Result<Response> run_route(ServeRoute& serve_route, StoreCall& call) {
  try {
    return serve_route(call);
  } catch (const std::exception& error) {
    return Error{ErrorKind::Internal, std::string("exception: ") + error.what()};
  } catch (...) {
    return Error{ErrorKind::Internal, "exception of unknown type"};
  }
}

// Runs `serve_route` for a request to `route`: the method check first, then the route's own
// steps; maps a failure to the contract's error response and writes the access line.
template <class ServeRoute>
Response serve(const Route& route, const Request& request, ServeRoute&& serve_route) {
  const auto started = std::chrono::steady_clock::now();
  StoreCall call{request.deadline};

  Result<Response> outcome = request.method == route.method
                                 ? run_route(serve_route, call)
                                 : Result<Response>(Error{ErrorKind::MethodNotAllowed, "method not served"});
  Response response = outcome ? std::move(outcome).value()
                              : error_response(outcome.error().kind, request.request_id, route.method);
  if (!outcome && response.status >= 500) {
    log::write(log::Level::Error, "request failed",
               {{"requestId", request.request_id}, {"status", response.status}, {"detail", outcome.error().detail}});
  }

  const auto duration = std::chrono::steady_clock::now() - started;
  write_access_log({.function = route.function,
                    .request_id = request.request_id,
                    .method = request.method,
                    .route = route.name,
                    .status = response.status,
                    .duration = std::chrono::duration_cast<std::chrono::microseconds>(duration),
                    .store = call.elapsed,
                    .user = user_for_log(request.username)});
  return response;
}

}  // namespace

HttpHandler get_birthday_handler(std::shared_ptr<BirthdayService> service) {
  return [service = std::move(service)](const Request& request) {
    return serve(get_route, request, [&](StoreCall& call) -> Result<Response> {
      auto greeting = service->greeting(request.username, call);
      if (!greeting) return greeting.error();
      return json_message(200, greeting.value());
    });
  };
}

HttpHandler put_birthday_handler(std::shared_ptr<BirthdayService> service) {
  return [service = std::move(service)](const Request& request) {
    return serve(put_route, request, [&](StoreCall& call) -> Result<Response> {
      // The size limit is a body check, so it runs after the username (contract order:
      // username, body, date) and before the body is parsed.
      if (auto valid = validate_username(request.username); !valid) return valid.error();
      if (request.body.size() > max_body_bytes) {
        return Error{ErrorKind::BodyTooLarge, "body has " + std::to_string(request.body.size()) + " bytes"};
      }
      if (auto saved = service->save_date_of_birth(request.username, request.body, call); !saved) {
        return saved.error();
      }
      return Response{204, {}, {}};
    });
  };
}

}  // namespace birthday::transport
