#pragma once

#include <httplib.h>

#include <string>

namespace birthday::local {

// cpp-httplib reads a request body only for POST, PUT, PATCH and DELETE: a GET or OPTIONS with a
// Content-Length (or chunked) body leaves those bytes on the connection, and the next request
// kept alive on it is read from the middle of them (400). API Gateway reads every method's body.
// This server runs cpp-httplib's own request processing on each connection, but first hands such
// a request to the body-reading handlers as POST, its real method in the header below.
class BodyReadingServer : public httplib::Server {
 public:
  static constexpr const char* original_method_header = "X-Local-Gateway-Original-Method";

  // The request's method as the client sent it.
  static std::string method_of(const httplib::Request& req);

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool next_request_begins(const httplib::Stream& stream) const;
};

}  // namespace birthday::local
