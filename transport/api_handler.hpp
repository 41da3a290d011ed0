#pragma once

#include <functional>
#include <memory>

#include "service/birthday_service.hpp"
#include "transport/http_message.hpp"

namespace birthday::transport {

using HttpHandler = std::function<Response(const Request&)>;

// The two functions' request handlers: method check (405 + Allow), body size (413),
// the service call, error mapping, and one access-log line per request.
HttpHandler get_birthday_handler(std::shared_ptr<BirthdayService> service);
HttpHandler put_birthday_handler(std::shared_ptr<BirthdayService> service);

}  // namespace birthday::transport
