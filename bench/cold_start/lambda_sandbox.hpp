#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "deploy/package/empty_root.hpp"
#include "service/dynamodb/testing/test_pki.hpp"

namespace birthday::bench {

// A Lambda zip unpacked as /var/task of a root that looks, to the function, like
// provided.al2023 reaching DynamoDB: /etc/pki/tls/certs/ca-bundle.crt is the system's whole CA
// bundle plus the stand-in root (as AL2023's store holds Amazon's roots), /etc/hosts sends
// `endpoint_host` to 127.0.0.1. The stand-in root is `pki`'s, made here for want of Amazon's:
// if the zip carries its own trust store for AWS endpoints, the stand-in root takes its place,
// the one thing that cannot be real here.
class LambdaSandbox {
 public:
  LambdaSandbox(const std::filesystem::path& zip, const dynamodb::testing::TestPki& pki, const std::string& endpoint_host);

  pid_t start(const std::vector<std::string>& environment, int cgroup_procs = -1) const {
    return root_.start(environment, cgroup_procs);
  }
  std::string output() const { return root_.output(); }
  bool ships_its_own_trust_store() const { return ships_trust_store_; }

 private:
  packaging::EmptyRoot root_;
  bool ships_trust_store_ = false;
};

}  // namespace birthday::bench
