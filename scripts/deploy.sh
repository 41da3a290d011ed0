#!/usr/bin/env bash
# Deploys the service to AWS with the Terraform configuration in deploy/.
#   deploy.sh preflight [deploy|plan|destroy]  checks the tools and credentials that command needs
#   deploy.sh plan | deploy | destroy          terraform init, then plan / apply / destroy
# `make deploy` and `make plan` run the preflight, then `make dist`, then the command.
# ARCH (x86_64, the default, or arm64: `make deploy ARCH=arm64`) picks the zips make dist wrote for
# it and the functions' architecture (Terraform's var.architecture, over terraform.tfvars).
# Uses terraform, or OpenTofu's tofu when only that is installed. Set AUTO_APPROVE=1 to skip the
# confirmation prompt of apply and destroy, REDEPLOY_ROLLED_BACK=1 to deploy code CodeDeploy rolled back.
# Runs under bash 3.2 (macOS's /bin/bash): arrays that may be empty are expanded as ${a[@]+"${a[@]}"}.
set -euo pipefail
cd "$(dirname "$0")/.."

# Credentials come from the environment, a profile or SSO, never from an instance-metadata endpoint.
export AWS_EC2_METADATA_DISABLED=true

architecture=${ARCH:-x86_64}
case $architecture in
  x86_64) dist=dist ;;
  arm64) dist=dist/arm64 ;;
  *) printf 'deploy: ARCH must be x86_64 or arm64, not %s\n' "$architecture" >&2; exit 2 ;;
esac
packages=("$dist/get-birthday.zip" "$dist/put-birthday.zip")

say() { printf 'deploy: %s\n' "$*" >&2; }
die() {
  say "$@"
  exit 1
}

find_terraform() {
  if command -v terraform >/dev/null; then
    tf=terraform
  elif command -v tofu >/dev/null; then
    tf=tofu
  else
    die "neither terraform (>= 1.5.7) nor tofu (OpenTofu) is installed." \
      "Install one of them (https://developer.hashicorp.com/terraform/install or" \
      "https://opentofu.org/docs/intro/install/) and run this again. Nothing was changed."
  fi
}

check_credentials() {
  local help="configure AWS credentials first: 'aws configure' or 'aws sso login' (with AWS_PROFILE"
  help+=" set), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN)."
  help+=" Nothing was changed."
  if command -v aws >/dev/null; then
    local region=${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}} account
    account=$(aws sts get-caller-identity --region "$region" --query Account --output text 2>/dev/null) \
      || die "the AWS CLI found no working credentials; $help"
    say "AWS account $account"
  elif [[ -z ${AWS_ACCESS_KEY_ID:-} && -z ${AWS_PROFILE:-} && ! -f ${HOME:-/nonexistent}/.aws/credentials \
    && ! -f ${HOME:-/nonexistent}/.aws/config ]]; then
    die "no AWS credentials found; $help"
  fi
}

# `make deploy` shifts traffic with CodeDeploy, which the Terraform configuration starts with the
# AWS CLI; it uses v2's flags (--no-cli-pager), which v1 rejects.
check_aws_cli() {
  local install="(https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html). Nothing was changed."
  command -v aws >/dev/null \
    || die "the AWS CLI is needed to start the CodeDeploy traffic shift; install AWS CLI v2 $install"
  local version
  version=$(aws --version 2>&1 | head -n 1) || true
  [[ $version == aws-cli/2.* ]] \
    || die "the AWS CLI v2 is needed to start the CodeDeploy traffic shift, found '${version:-no version}'; install v2 $install"
}

preflight() {
  local command=${1:-deploy}
  find_terraform
  if [[ $command == deploy ]]; then
    check_aws_cli
  fi
  check_credentials
  say "using $("$tf" version | head -n 1)"
}

check_packages() {
  local package
  for package in "${packages[@]}"; do
    [[ -f $package ]] || die "$package is missing: run 'make $1 ARCH=$architecture', which builds it first (or 'make dist ARCH=$architecture')."
  done
}

auto_approve=()
if [[ ${AUTO_APPROVE:-} == 1 ]]; then
  auto_approve=(-auto-approve)
fi

# After CodeDeploy rolled a deployment back, the deploy module's null_resource is tainted and the
# next apply starts the same deployment again: traffic would move to the rejected version. Refuse
# while dist/ holds the very code that was rolled back (nothing to compare before a first deploy).
refuse_rolled_back_code() {
  local app region group refused=0
  app=$("$tf" -chdir=deploy output -raw codedeploy_application 2>/dev/null) || return 0
  region=$("$tf" -chdir=deploy output -raw region 2>/dev/null) || region=${AWS_REGION:-${AWS_DEFAULT_REGION:-eu-west-1}}
  for group in get-birthday put-birthday; do
    rolled_back_same_code "$app" "$region" "$group" || refused=1
  done
  ((refused == 0)) && return 0
  if [[ ${REDEPLOY_ROLLED_BACK:-} == 1 ]]; then
    say "REDEPLOY_ROLLED_BACK=1: deploying the rolled-back code again, as asked"
    return 0
  fi
  die "applying now would shift traffic to the rejected version again. Fix the code and run 'make deploy'," \
    "or deploy the same code anyway with 'REDEPLOY_ROLLED_BACK=1 make deploy'. Nothing was changed."
}

# Whether GROUP's last deployment was rolled back (or failed) while $dist/GROUP.zip is the code it
# tried to deploy; says so and returns 1 then.
rolled_back_same_code() {
  local app=$1 region=$2 group=$3 aws_cli last rejected name version
  local status="" creator="" trigger="" time="" content=""
  aws_cli=(aws --no-cli-pager --region "$region")
  last=$("${aws_cli[@]}" deploy get-deployment-group --application-name "$app" --deployment-group-name "$group" \
    --query deploymentGroupInfo.lastAttemptedDeployment.deploymentId --output text) || return 0
  [[ -n $last && $last != None ]] || return 0
  IFS=$'\t' read -r status creator trigger < <("${aws_cli[@]}" deploy get-deployment --deployment-id "$last" \
    --query 'deploymentInfo.[status,creator,rollbackInfo.rollbackTriggeringDeploymentId]' --output text) || true
  if [[ $creator == autoRollback && -n $trigger && $trigger != None ]]; then
    rejected=$trigger
  elif [[ $status == Failed || $status == Stopped ]]; then
    rejected=$last
  else
    return 0
  fi
  IFS=$'\t' read -r time content < <("${aws_cli[@]}" deploy get-deployment --deployment-id "$rejected" \
    --query 'deploymentInfo.[completeTime,revision.appSpecContent.content]' --output text) || true
  name=$(sed -n 's/.*"Name" *: *"\([^"]*\)".*/\1/p' <<<"$content")
  version=$(sed -n 's/.*"TargetVersion" *: *"\{0,1\}\([0-9]*\).*/\1/p' <<<"$content")
  [[ -n $name && -n $version ]] || return 0
  [[ $("${aws_cli[@]}" lambda get-function-configuration --function-name "$name" --qualifier "$version" \
    --query CodeSha256 --output text) == "$(code_sha256 "$dist/$group.zip")" ]] || return 0
  say "$group version $version was rolled back by CodeDeploy at $time (deployment $rejected)," \
    "and $dist/$group.zip is that same code."
  return 1
}

# Lambda's CodeSha256 of a zip: base64 of its SHA-256.
code_sha256() { openssl dgst -sha256 -binary "$1" | openssl base64 -A; }

init() {
  say "$tf init (the first run downloads the AWS provider and the modules)"
  "$tf" -chdir=deploy init -input=false >/dev/null
}

command=${1:-}
case $command in
  preflight)
    preflight "${2:-deploy}"
    ;;
  plan)
    preflight plan
    check_packages plan
    init
    "$tf" -chdir=deploy plan -input=false -var "architecture=$architecture"
    ;;
  deploy)
    preflight deploy
    check_packages deploy
    init
    refuse_rolled_back_code
    "$tf" -chdir=deploy apply -var "architecture=$architecture" ${auto_approve[@]+"${auto_approve[@]}"}
    url=$("$tf" -chdir=deploy output -raw api_url)
    say "the API answers at $url"
    say "check it with: make smoke URL=$url"
    ;;
  destroy)
    preflight destroy
    init
    "$tf" -chdir=deploy destroy ${auto_approve[@]+"${auto_approve[@]}"} || die "destroy failed. If the birthdays table" \
      "refused deletion, lift its protection first:" \
      "'$tf -chdir=deploy apply -target=module.birthdays_table -var table_deletion_protection=false'," \
      "then run 'make destroy' again."
    ;;
  *)
    say "usage: $0 preflight [deploy|plan|destroy] | plan | deploy | destroy"
    exit 2
    ;;
esac
