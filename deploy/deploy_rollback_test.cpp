// scripts/deploy.sh against stand-in `terraform` and `aws` programs: after CodeDeploy rolled a
// deployment back, `make deploy` of the same code must stop before apply and say which version was
// rolled back, when, and what to do; changed code, a first deploy or the explicit override go on.
// The preflight wants the AWS CLI v2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "deploy/script_sandbox.hpp"

namespace deploy_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// The module's appspec, as `aws deploy get-deployment --output text` prints it.
const char* const appspec =
    R"({"version":"0.0","Resources":[{"MyFunction":{"Type":"AWS::Lambda::Function",)"
    R"("Properties":{"Name":"birthday-greeter-get-birthday","Alias":"live","CurrentVersion":"6","TargetVersion":"7"}}}]})";

std::string lambda_code_sha256(const std::string& bytes) {
  return run_command("printf %s " + shell_quote(bytes) + " | openssl dgst -sha256 -binary | openssl base64 -A").output;
}

class DeployAfterRollback : public ::testing::Test {
 protected:
  void SetUp() override {
    sandbox_.write("dist/get-birthday.zip", "the rejected code");
    sandbox_.write("dist/put-birthday.zip", "put code");
    terraform(true);
    aws(lambda_code_sha256("the rejected code"));
  }

  // Terraform with state (outputs) or without (a first deploy); apply only leaves a trace.
  void terraform(bool has_state) const {
    std::string outputs = has_state ? R"(
  *"output -raw codedeploy_application"*) echo birthday-greeter ;;
  *"output -raw region"*) printf eu-west-1 ;;)"
                                    : "";
    sandbox_.fake("terraform", "case \"$*\" in\n  version) echo 'Terraform v1.9.0' ;;\n  *\" init \"*) ;;" + outputs + R"(
  *" apply"*) echo "APPLIED $*" ;;
  *"output -raw api_url"*) echo https://abc.execute-api.eu-west-1.amazonaws.com ;;
  *) exit 1 ;;
esac)");
  }

  // CodeDeploy: get-birthday's last deployment is the automatic rollback of d-CANARY (to version 7,
  // whose code has `rejected_sha256`); put-birthday's last one succeeded.
  void aws(const std::string& rejected_sha256, const std::string& version = "aws-cli/2.17.0 Python/3.12.6") const {
    std::ostringstream script;
    script << "[ \"$AWS_EC2_METADATA_DISABLED\" = true ] || exit 9\n"
           << "case \"$*\" in\n"
           << "  --version) echo '" << version << "' ;;\n"
           << "  *\"sts get-caller-identity\"*) echo 123456789012 ;;\n"
           << "  *\"get-deployment-group\"*\"--deployment-group-name get-birthday\"*) echo d-ROLLBACK ;;\n"
           << "  *\"get-deployment-group\"*\"--deployment-group-name put-birthday\"*) echo d-PUTOK ;;\n"
           << "  *\"--deployment-id d-ROLLBACK\"*status,creator*) printf 'Succeeded\\tautoRollback\\td-CANARY\\n' ;;\n"
           << "  *\"--deployment-id d-PUTOK\"*status,creator*) printf 'Succeeded\\tuser\\tNone\\n' ;;\n"
           << "  *\"--deployment-id d-CANARY\"*completeTime*) printf '2026-12-02T16:41:07.123000+00:00\\t%s\\n' '"
           << appspec << "' ;;\n"
           << "  *\"get-function-configuration --function-name birthday-greeter-get-birthday --qualifier 7\"*) echo '"
           << rejected_sha256 << "' ;;\n"
           << "  *) echo \"unexpected aws $*\" >&2; exit 2 ;;\n"
           << "esac";
    sandbox_.fake("aws", script.str());
  }

  CommandResult deploy(const std::string& environment = "") const {
    return sandbox_.run("deploy", "AUTO_APPROVE=1 " + environment);
  }

  ScriptSandbox sandbox_{"deploy.sh", {"dirname", "head", "sed", "openssl"}};
};

TEST_F(DeployAfterRollback, RefusesTheCodeCodeDeployRolledBackAndSaysWhichWhenAndWhatToDo) {
  const CommandResult result = deploy();
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, Not(HasSubstr("APPLIED")));
  EXPECT_THAT(result.output, HasSubstr("get-birthday version 7 was rolled back by CodeDeploy at "
                                       "2026-12-02T16:41:07.123000+00:00 (deployment d-CANARY)"));
  EXPECT_THAT(result.output, Not(HasSubstr("put-birthday version")));
  EXPECT_THAT(result.output, HasSubstr("Fix the code and run 'make deploy'"));
  EXPECT_THAT(result.output, HasSubstr("REDEPLOY_ROLLED_BACK=1 make deploy"));
  EXPECT_THAT(result.output, HasSubstr("Nothing was changed"));
}

TEST_F(DeployAfterRollback, DeploysWhenTheCodeChangedSinceTheRollback) {
  aws(lambda_code_sha256("the code before the fix"));
  const CommandResult result = deploy();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("APPLIED -chdir=deploy apply"));
  EXPECT_THAT(result.output, HasSubstr("-auto-approve"));
  EXPECT_THAT(result.output, Not(HasSubstr("rolled back")));
}

TEST_F(DeployAfterRollback, DeploysTheRolledBackCodeWhenExplicitlyAsked) {
  const CommandResult result = deploy("REDEPLOY_ROLLED_BACK=1");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("REDEPLOY_ROLLED_BACK=1: deploying the rolled-back code again"));
  EXPECT_THAT(result.output, HasSubstr("APPLIED"));
}

TEST_F(DeployAfterRollback, AFirstDeployHasNothingToCompare) {
  terraform(false);
  const CommandResult result = deploy();
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("APPLIED"));
}

TEST_F(DeployAfterRollback, WithoutAutoApproveAppliesWithNoExtraArgumentsUnderSetU) {
  aws(lambda_code_sha256("new code"));
  const CommandResult result = sandbox_.run("deploy");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("APPLIED -chdir=deploy apply"));
  EXPECT_THAT(result.output, Not(HasSubstr("-auto-approve")));
}

TEST_F(DeployAfterRollback, PreflightRefusesTheAwsCliVersion1) {
  aws("", "aws-cli/1.29.62 Python/3.11.2 Linux/6.1.0 botocore/1.31.62");
  const CommandResult result = sandbox_.run("preflight deploy");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_THAT(result.output, HasSubstr("the AWS CLI v2 is needed"));
  EXPECT_THAT(result.output, HasSubstr("found 'aws-cli/1.29.62"));

  aws("");
  const CommandResult accepted = sandbox_.run("preflight deploy");
  EXPECT_EQ(accepted.exit_code, 0) << accepted.output;
}

}  // namespace
}  // namespace deploy_test
