#include "service/dynamodb/sigv4.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace birthday::dynamodb::sigv4 {
namespace {

namespace fs = std::filesystem;

const fs::path kVectors = fs::path(PROJECT_SOURCE_DIR) / "testdata" / "sigv4";

std::string read_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream content;
  content << file.rdbuf();
  std::string text = content.str();
  std::erase(text, '\r');
  return text;
}

std::string case_file(const std::string& name, const std::string& extension) {
  return read_text(kVectors / name / (name + extension));
}

// A .req/.sreq file: request line, "Name:value" headers, an empty line, then the body.
Request parse_request(const std::string& text) {
  const std::size_t blank = text.find("\n\n");
  std::string head = text.substr(0, blank);
  while (!head.empty() && head.back() == '\n') head.pop_back();
  Request request;
  if (blank != std::string::npos) request.body = text.substr(blank + 2);

  std::istringstream lines(head);
  std::string request_line;
  std::getline(lines, request_line);
  const std::size_t first_space = request_line.find(' ');
  const std::size_t last_space = request_line.rfind(' ');
  const std::string target = request_line.substr(first_space + 1, last_space - first_space - 1);
  request.method = request_line.substr(0, first_space);
  const std::size_t question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = target.substr(question + 1);

  for (std::string line; std::getline(lines, line);) {
    const std::size_t colon = line.find(':');
    request.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  return request;
}

std::chrono::system_clock::time_point parse_amz_date(const std::string& text) {
  using namespace std::chrono;
  const auto number = [&](std::size_t at, std::size_t length) { return std::stoi(text.substr(at, length)); };
  const year_month_day date{year{number(0, 4)}, month{static_cast<unsigned>(number(4, 2))},
                            day{static_cast<unsigned>(number(6, 2))}};
  return sys_days{date} + hours{number(9, 2)} + minutes{number(11, 2)} + seconds{number(13, 2)};
}

std::string header_value(const Request& request, std::string_view name) {
  for (const Header& header : request.headers)
    if (header.name == name) return header.value;
  return {};
}

// "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ..."
Scope scope_of(const std::string& authorization) {
  const std::size_t start = authorization.find("Credential=");
  std::istringstream parts(authorization.substr(start, authorization.find(',') - start));
  std::string access_key, date;
  Scope scope;
  std::getline(parts, access_key, '/');
  std::getline(parts, date, '/');
  std::getline(parts, scope.region, '/');
  std::getline(parts, scope.service, '/');
  return scope;
}

// A token the signer must add itself shows up in .creq but not in .req.
std::string session_token_of(const Request& request, const std::string& canonical_request) {
  constexpr std::string_view kLine = "\nx-amz-security-token:";
  const std::size_t at = canonical_request.find(kLine);
  if (at == std::string::npos || !header_value(request, "X-Amz-Security-Token").empty()) return {};
  const std::size_t start = at + kLine.size();
  return canonical_request.substr(start, canonical_request.find('\n', start) - start);
}

std::vector<std::string> vector_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kVectors))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class SigV4Vector : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4Vector, ProducesCanonicalRequestStringToSignAndAuthorizationByteForByte) {
  const std::string name = GetParam();
  const std::string expected_creq = case_file(name, ".creq");
  const std::string expected_sts = case_file(name, ".sts");
  const std::string expected_authz = case_file(name, ".authz");

  Request request = parse_request(case_file(name, ".req"));
  const Credentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                session_token_of(request, expected_creq)};
  const Signature signature = sign(request, credentials, scope_of(expected_authz),
                                   parse_amz_date(header_value(request, "X-Amz-Date")));

  EXPECT_EQ(signature.canonical_request, expected_creq);
  EXPECT_EQ(signature.string_to_sign, expected_sts);
  EXPECT_EQ(signature.authorization, expected_authz);
}

TEST_P(SigV4Vector, SignedRequestCarriesTheHeadersOfTheSignedRequestFile) {
  const std::string name = GetParam();
  // Upstream adds the token to this one only after signing, so its .sreq is not what a signer sends.
  if (name == "post-sts-header-after") GTEST_SKIP() << "token added after signing by design of the case";
  const std::string expected_creq = case_file(name, ".creq");
  Request request = parse_request(case_file(name, ".req"));
  const Credentials credentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                session_token_of(request, expected_creq)};
  sign(request, credentials, scope_of(case_file(name, ".authz")), parse_amz_date(header_value(request, "X-Amz-Date")));

  Request expected = parse_request(case_file(name, ".sreq"));
  for (Header& header : expected.headers)
    if (header.name == "Authorization") header.value.erase(0, header.value.find_first_not_of(' '));
  ASSERT_EQ(request.headers.size(), expected.headers.size());
  for (std::size_t i = 0; i < expected.headers.size(); ++i) {
    EXPECT_EQ(request.headers[i].name, expected.headers[i].name);
    EXPECT_EQ(request.headers[i].value, expected.headers[i].value);
  }
  EXPECT_EQ(request.body, expected.body);
}

INSTANTIATE_TEST_SUITE_P(AllVectors, SigV4Vector, ::testing::ValuesIn(vector_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(SigV4, EveryVectorOfTheSuiteIsPresent) {
  // 23 cases from the AWS suite plus 3 DynamoDB ones; a missing directory would silently shrink coverage.
  EXPECT_EQ(vector_names().size(), 26u);
}

TEST(SigV4, SigningAgainReplacesDateTokenAndAuthorization) {
  Request request{"POST", "/", "", {{"Host", "dynamodb.eu-west-1.amazonaws.com"}}, "{}"};
  const Credentials credentials{"AKIDEXAMPLE", "secret", "token-1"};
  const Scope scope{"eu-west-1", "dynamodb"};
  const auto first_time = std::chrono::sys_days{std::chrono::year{2024} / 2 / 29};
  const Signature first = sign(request, credentials, scope, first_time);
  const Signature second = sign(request, {"AKIDEXAMPLE", "secret", "token-2"}, scope, first_time + std::chrono::hours{1});

  EXPECT_NE(first.authorization, second.authorization);
  std::multiset<std::string> names;
  for (const Header& header : request.headers) names.insert(header.name);
  EXPECT_EQ(names, (std::multiset<std::string>{"Host", "X-Amz-Date", "X-Amz-Security-Token", "Authorization"}));
  EXPECT_EQ(header_value(request, "X-Amz-Date"), "20240229T010000Z");
  EXPECT_EQ(header_value(request, "X-Amz-Security-Token"), "token-2");
  EXPECT_EQ(header_value(request, "Authorization"), second.authorization);
}

TEST(SigV4, LongTermCredentialsAddNoSecurityToken) {
  Request request{"POST", "/", "", {{"Host", "example.amazonaws.com"}}, ""};
  sign(request, {"AKIDEXAMPLE", "secret", ""}, {"us-east-1", "dynamodb"}, std::chrono::system_clock::now());
  EXPECT_EQ(header_value(request, "X-Amz-Security-Token"), "");
  EXPECT_NE(header_value(request, "Authorization").find("SignedHeaders=host;x-amz-date,"), std::string::npos);
}

TEST(SigV4, Sha256HexOfEmptyInputIsTheWellKnownDigest) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace birthday::dynamodb::sigv4
