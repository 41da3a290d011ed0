#include "bench/cold_start/lambda_sandbox.hpp"

#include <fstream>
#include <stdexcept>

#include "service/dynamodb/environment.hpp"

namespace birthday::bench {
namespace {

const std::filesystem::path system_bundle = "/etc/ssl/certs/ca-certificates.crt";

void write_file(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream out(file);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

LambdaSandbox::LambdaSandbox(const std::filesystem::path& zip, const dynamodb::testing::TestPki& pki, const std::string& endpoint_host)
    : root_(zip) {
  const std::filesystem::path& root = root_.root();
  const std::string stand_in_root = read_file(pki.root_certificate);
  write_file(root / "etc/pki/tls/certs/ca-bundle.crt", read_file(system_bundle) + stand_in_root);
  write_file(root / "etc/hosts", "127.0.0.1 localhost\n127.0.0.1 " + endpoint_host + "\n");
  write_file(root / "etc/nsswitch.conf", "hosts: files dns\n");
  const std::filesystem::path own_store = root / "var/task" / dynamodb::environment::amazon_roots_in_task;
  ships_trust_store_ = std::filesystem::exists(own_store);
  if (ships_trust_store_) write_file(own_store, stand_in_root);
}

}  // namespace birthday::bench
