#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>

#include "service/dynamodb/dynamodb_repository.hpp"

namespace birthday::dynamodb::testing {

// A fresh, in-memory local DynamoDB (dynalite) for tests: a child process listening on
// 127.0.0.1 and a free port, ready for requests and holding the project's table
// (testdata/create-table.json) when the constructor returns. Stopped by PID (SIGTERM, then
// SIGKILL) in the destructor. Needs `npm ci` to have installed node_modules/.bin/dynalite.
// The child is also killed if the thread that created the fixture dies.
class LocalDynamoDb {
 public:
  // dynalite's own HTTPS (--ssl) with a certificate of the caller's, which must name 127.0.0.1.
  struct Tls {
    std::string certificate_file;  // PEM, the server's certificate
    std::string key_file;          // PEM, its private key
    std::string ca_file;           // PEM, what clients verify it with
  };

  struct Options {
    std::string table{};  // replaces the spec's TableName when not empty
    bool create_table = true;
    std::chrono::milliseconds startup_timeout{20000};
    std::optional<Tls> tls{};  // plain HTTP when empty
    int port = 0;              // a free one when 0
    std::string data_directory{};  // dynalite --path: LevelDB there, surviving a restart; in memory when empty
  };

  LocalDynamoDb();  // Options{}: the spec's table, "Birthdays"
  // Throws std::runtime_error when dynalite is missing, does not come up, or the table cannot be made.
  explicit LocalDynamoDb(Options options);
  ~LocalDynamoDb();
  LocalDynamoDb(const LocalDynamoDb&) = delete;
  LocalDynamoDb& operator=(const LocalDynamoDb&) = delete;

  const std::string& endpoint() const { return endpoint_; }  // "http(s)://127.0.0.1:<port>"
  const std::string& table() const { return table_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }  // -1 once stopped

  // A repository Config for this instance: its endpoint and table, region us-east-1, dummy keys,
  // and the CA file when it serves HTTPS.
  Config config() const;

  // Stops the process now, e.g. to test a store that has gone away. Safe to call twice.
  void stop();

  // Stops it if running, then starts it again on the same port, ready and holding the table
  // (with a data directory, the same data) when this returns: a store that comes back.
  void restart();

 private:
  void start(const Options& options);
  bool start_on(int port, const Options& options, std::chrono::steady_clock::time_point give_up);

  Options options_;
  std::string table_;
  std::string ca_file_;
  std::string endpoint_;
  int port_ = -1;
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_local_port();

}  // namespace birthday::dynamodb::testing
