#include "transport/local/body_reading_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "service/ascii.hpp"

namespace birthday::local {
namespace {

bool wait_for(int fd, short events, int milliseconds) {
  pollfd entry{fd, events, 0};
  return ::poll(&entry, 1, milliseconds) > 0 && (entry.revents & (events | POLLHUP | POLLERR)) != 0;
}

int milliseconds(time_t sec, time_t usec) { return static_cast<int>(sec * 1000 + usec / 1000); }

std::string address_text(const sockaddr_storage& address, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  }
  return text;
}

// One kept-alive connection, buffered: what a read brings beyond the current request stays for
// the next one.
class ConnectionStream : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, int read_timeout_ms, int write_timeout_ms)
      : sock_(sock), read_timeout_ms_(read_timeout_ms), write_timeout_ms_(write_timeout_ms) {}

  bool is_readable() const override { return begin_ < end_ || wait_for(sock_, POLLIN, read_timeout_ms_); }
  bool is_writable() const override { return wait_for(sock_, POLLOUT, write_timeout_ms_); }

  // Waits up to `ms` for the next request to begin.
  bool next_request_within(int ms) const { return begin_ < end_ || wait_for(sock_, POLLIN, ms); }

  ssize_t read(char* ptr, size_t size) override {
    if (begin_ == end_) {
      if (!is_readable()) return -1;
      const ssize_t got = ::recv(sock_, buffer_, sizeof buffer_, 0);
      if (got <= 0) return got;
      begin_ = 0;
      end_ = static_cast<size_t>(got);
    }
    const size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    return ::send(sock_, ptr, size, MSG_NOSIGNAL);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip = address_text(address, port);
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip = address_text(address, port);
  }

  socket_t socket() const override { return sock_; }

 private:
  socket_t sock_;
  int read_timeout_ms_;
  int write_timeout_ms_;
  char buffer_[16 * 1024];
  size_t begin_ = 0;
  size_t end_ = 0;
};

bool carries_body(const httplib::Request& req) {
  return (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0") ||
         ascii::lowercase(req.get_header_value("Transfer-Encoding")).find("chunked") != std::string::npos;
}

}  // namespace

std::string BodyReadingServer::method_of(const httplib::Request& req) {
  return req.has_header(original_method_header) ? req.get_header_value(original_method_header) : req.method;
}

// Waits for the next request on a kept-alive connection in short slices, so that stop() is not
// held up by an idle connection.
bool BodyReadingServer::next_request_begins(const httplib::Stream& stream) const {
  const auto& connection = static_cast<const ConnectionStream&>(stream);
  for (int waited = 0; waited < milliseconds(keep_alive_timeout_sec_, 0) && is_running(); waited += 100) {
    if (connection.next_request_within(100)) return true;
  }
  return false;
}

bool BodyReadingServer::process_and_close_socket(socket_t sock) {
  ConnectionStream stream(sock, milliseconds(read_timeout_sec_, read_timeout_usec_),
                          milliseconds(write_timeout_sec_, write_timeout_usec_));
  const auto hand_body_to_reading_handlers = [](httplib::Request& req) {
    if ((req.method == "GET" || req.method == "OPTIONS") && carries_body(req)) {
      req.set_header(original_method_header, req.method);
      req.method = "POST";
    }
  };
  bool ok = true;
  bool connection_closed = false;
  for (size_t count = keep_alive_max_count_; count > 0 && !connection_closed && is_running(); --count) {
    if (!next_request_begins(stream)) break;
    ok = process_request(stream, count == 1, connection_closed, hand_body_to_reading_handlers);
    if (!ok) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace birthday::local
