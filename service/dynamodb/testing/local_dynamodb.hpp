#pragma once

#include <sys/types.h>

#include <chrono>
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
  struct Options {
    std::string table;  // replaces the spec's TableName when not empty
    bool create_table = true;
    std::chrono::milliseconds startup_timeout{20000};
  };

  LocalDynamoDb();  // Options{}: the spec's table, "Birthdays"
  // Throws std::runtime_error when dynalite is missing, does not come up, or the table cannot be made.
  explicit LocalDynamoDb(Options options);
  ~LocalDynamoDb();
  LocalDynamoDb(const LocalDynamoDb&) = delete;
  LocalDynamoDb& operator=(const LocalDynamoDb&) = delete;

  const std::string& endpoint() const { return endpoint_; }  // "http://127.0.0.1:<port>"
  const std::string& table() const { return table_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }  // -1 once stopped

  // A repository Config for this instance: its endpoint and table, region us-east-1, dummy keys.
  Config config() const;

  // Stops the process now, e.g. to test a store that has gone away. Safe to call twice.
  void stop();

 private:
  void start(const Options& options);
  bool start_on(int port, std::chrono::steady_clock::time_point give_up);

  std::string table_;
  std::string endpoint_;
  int port_ = -1;
  pid_t pid_ = -1;
};

// A TCP port on 127.0.0.1 that nothing listens on right now.
int free_local_port();

}  // namespace birthday::dynamodb::testing
