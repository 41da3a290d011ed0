// scripts/logs.sh (`make logs`) against stand-in `terraform` and `aws` programs: it follows both
// functions' log groups and the API's access log named by the Terraform outputs, since SINCE, and
// says clearly when there is no deployment or no credentials.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "deploy/script_sandbox.hpp"

namespace deploy_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class MakeLogs : public ::testing::Test {
 protected:
  void SetUp() override {
    deployed(true);
    credentials(true);
  }

  void deployed(bool yes) const {
    sandbox_.fake("terraform", std::string("case \"$*\" in\n") +
                                   (yes ? R"(  *"output -no-color -json log_groups"*) echo '{"api-access":"/aws/vendedlogs/bg-api","get-birthday":"/aws/lambda/bg-get-birthday","put-birthday":"/aws/lambda/bg-put-birthday"}' ;;
  *"output -no-color -raw region"*) printf eu-central-1 ;;
)"
                                        : R"(  *output*) echo 'Warning: No outputs found' >&2; exit 1 ;;
)") + "  *) exit 1 ;;\nesac");
  }

  // Each `logs tail` prints one event naming its arguments, then ends (a real one would follow).
  void credentials(bool valid) const {
    sandbox_.fake("aws", std::string("[ \"$AWS_EC2_METADATA_DISABLED\" = true ] || exit 9\ncase \"$*\" in\n") +
                             (valid ? "  *sts*) echo 123456789012 ;;\n"
                                    : "  *sts*) echo 'Unable to locate credentials' >&2; exit 253 ;;\n") +
                             "  *\"logs tail\"*) echo \"event: $*\" ;;\n  *) exit 2 ;;\nesac");
  }

  ScriptSandbox sandbox_{"logs.sh", {"dirname", "grep", "tr", "wc"}};
};

TEST_F(MakeLogs, FollowsBothFunctionsAndTheApiAccessLogFromTheTerraformOutputs) {
  const CommandResult result = sandbox_.run("");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  for (const char* line :
       {"api-access    event: --no-cli-pager --region eu-central-1 logs tail /aws/vendedlogs/bg-api --follow --since 10m",
        "get-birthday  event: --no-cli-pager --region eu-central-1 logs tail /aws/lambda/bg-get-birthday --follow --since 10m",
        "put-birthday  event: --no-cli-pager --region eu-central-1 logs tail /aws/lambda/bg-put-birthday --follow --since 10m"}) {
    EXPECT_THAT(result.output, HasSubstr(line));
  }
}

TEST_F(MakeLogs, StartsFromSince) {
  const CommandResult result = sandbox_.run("", "SINCE=2h");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("/aws/lambda/bg-get-birthday --follow --since 2h"));
  EXPECT_THAT(result.output, Not(HasSubstr("--since 10m")));
}

TEST_F(MakeLogs, WithoutADeploymentSaysToDeployFirst) {
  deployed(false);
  const CommandResult result = sandbox_.run("");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("no deployment found"));
  EXPECT_THAT(result.output, HasSubstr("Run 'make deploy' first"));
  EXPECT_THAT(result.output, Not(HasSubstr("event:")));
}

TEST_F(MakeLogs, WithoutCredentialsSaysHowToConfigureThem) {
  credentials(false);
  const CommandResult result = sandbox_.run("");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("the AWS CLI found no working credentials"));
  EXPECT_THAT(result.output, HasSubstr("aws sso login"));
  EXPECT_THAT(result.output, Not(HasSubstr("event:")));
}

}  // namespace
}  // namespace deploy_test
