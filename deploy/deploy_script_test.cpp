// scripts/deploy.sh must stop with a clear message, before touching anything, when terraform/tofu,
// AWS credentials or (for deploy) the AWS CLI are missing. The tests give it a PATH holding only
// the tools it needs plus fakes, and an empty HOME, so nothing on this machine leaks in.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "deploy/command.hpp"
#include "deploy/terraform_config.hpp"

namespace deploy_test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

class DeployScript : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(bin());
    fs::create_directories(home());
    for (const char* tool : {"dirname", "head"}) {
      const CommandResult found = run_command(std::string("command -v ") + tool);
      ASSERT_EQ(found.exit_code, 0) << tool;
      fs::create_symlink(found.output.substr(0, found.output.find('\n')), bin() / tool);
    }
  }

  fs::path bin() const { return scratch_.path() / "bin"; }
  fs::path home() const { return scratch_.path() / "home"; }

  void fake(const std::string& program, const std::string& script) const {
    const fs::path path = bin() / program;
    std::ofstream(path) << "#!/bin/sh\n" << script << "\n";
    fs::permissions(path, fs::perms::owner_all);
  }

  // Runs `deploy.sh ARGUMENTS` with only PATH=bin(), HOME=home() and `environment` set.
  CommandResult deploy_sh(const std::string& arguments, const std::string& environment = "") const {
    return run_command("env -i HOME=" + shell_quote(home().string()) + " PATH=" + shell_quote(bin().string()) + " " +
                       environment + " /bin/bash " +
                       shell_quote((project_source_dir() / "scripts" / "deploy.sh").string()) + " " + arguments);
  }

 private:
  TempDirectory scratch_;
};

TEST_F(DeployScript, WithoutTerraformOrTofuSaysWhatToInstall) {
  const CommandResult result = deploy_sh("preflight plan", "AWS_ACCESS_KEY_ID=x");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("neither terraform (>= 1.5.7) nor tofu"));
  EXPECT_THAT(result.output, HasSubstr("Nothing was changed"));
}

TEST_F(DeployScript, UsesTofuWhenOnlyTofuIsInstalled) {
  fake("tofu", "echo 'OpenTofu v1.9.0'");
  const CommandResult result = deploy_sh("preflight plan", "AWS_ACCESS_KEY_ID=x");
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_THAT(result.output, HasSubstr("using OpenTofu v1.9.0"));
}

TEST_F(DeployScript, WithoutCredentialsSaysHowToConfigureThem) {
  fake("terraform", "echo 'Terraform v1.9.0'");
  const CommandResult result = deploy_sh("preflight plan");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("no AWS credentials found"));
  EXPECT_THAT(result.output, HasSubstr("AWS_ACCESS_KEY_ID"));
}

TEST_F(DeployScript, AcceptsAProfileFileWithoutTheAwsCli) {
  fake("terraform", "echo 'Terraform v1.9.0'");
  fs::create_directories(home() / ".aws");
  std::ofstream(home() / ".aws" / "credentials") << "[default]\n";
  EXPECT_EQ(deploy_sh("preflight plan").exit_code, 0);
}

TEST_F(DeployScript, DeployNeedsTheAwsCliForTheTrafficShift) {
  fake("terraform", "echo 'Terraform v1.9.0'");
  const CommandResult result = deploy_sh("preflight deploy", "AWS_ACCESS_KEY_ID=x");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("the AWS CLI is needed"));
}

TEST_F(DeployScript, AsksTheAwsCliWhetherTheCredentialsWork) {
  fake("terraform", "echo 'Terraform v1.9.0'");
  const std::string version = "[ \"$1\" = --version ] && { echo 'aws-cli/2.17.0 Python/3.12.6'; exit 0; }\n";
  fake("aws", version + "[ \"$AWS_EC2_METADATA_DISABLED\" = true ] || exit 9\necho 'Unable to locate credentials' >&2\nexit 253");
  const CommandResult refused = deploy_sh("preflight deploy", "AWS_ACCESS_KEY_ID=x");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.output, HasSubstr("the AWS CLI found no working credentials"));

  fake("aws", version + "[ \"$AWS_EC2_METADATA_DISABLED\" = true ] || exit 9\necho 123456789012");
  const CommandResult accepted = deploy_sh("preflight deploy");
  EXPECT_EQ(accepted.exit_code, 0) << accepted.output;
  EXPECT_THAT(accepted.output, HasSubstr("AWS account 123456789012"));
  EXPECT_THAT(accepted.output, Not(HasSubstr("Nothing was changed")));
}

TEST_F(DeployScript, RefusesAnArchitectureLambdaDoesNotOffer) {
  const CommandResult result = deploy_sh("plan", "ARCH=sparc");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.output, HasSubstr("ARCH must be x86_64 or arm64, not sparc"));
}

TEST_F(DeployScript, RejectsAnUnknownCommand) {
  const CommandResult result = deploy_sh("apply");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.output, HasSubstr("usage:"));
}

}  // namespace
}  // namespace deploy_test
