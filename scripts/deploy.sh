#!/usr/bin/env bash
# Deploys the service to AWS with the Terraform configuration in deploy/.
#   deploy.sh preflight [deploy|plan|destroy]  checks the tools and credentials that command needs
#   deploy.sh plan | deploy | destroy          terraform init, then plan / apply / destroy
# `make deploy` and `make plan` run the preflight, then `make dist`, then the command.
# Uses terraform, or OpenTofu's tofu when only that is installed. Set AUTO_APPROVE=1 to skip the
# confirmation prompt of apply and destroy.
set -euo pipefail
cd "$(dirname "$0")/.."

# Credentials come from the environment, a profile or SSO, never from an instance-metadata endpoint.
export AWS_EC2_METADATA_DISABLED=true

packages=(dist/get-birthday.zip dist/put-birthday.zip)

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

# `make deploy` shifts traffic with CodeDeploy, which the Terraform configuration starts with the AWS CLI.
check_aws_cli() {
  command -v aws >/dev/null \
    || die "the AWS CLI is needed to start the CodeDeploy traffic shift; install AWS CLI v2" \
      "(https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html). Nothing was changed."
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
    [[ -f $package ]] || die "$package is missing: run 'make $1', which builds it first (or 'make dist')."
  done
}

auto_approve=()
if [[ ${AUTO_APPROVE:-} == 1 ]]; then
  auto_approve=(-auto-approve)
fi

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
    "$tf" -chdir=deploy plan -input=false
    ;;
  deploy)
    preflight deploy
    check_packages deploy
    init
    "$tf" -chdir=deploy apply "${auto_approve[@]}"
    url=$("$tf" -chdir=deploy output -raw api_url)
    say "the API answers at $url"
    say "check it with: make smoke URL=$url"
    ;;
  destroy)
    preflight destroy
    init
    "$tf" -chdir=deploy destroy "${auto_approve[@]}" || die "destroy failed. If the birthdays table" \
      "refused deletion, lift its protection first:" \
      "'$tf -chdir=deploy apply -target=module.birthdays_table -var table_deletion_protection=false'," \
      "then run 'make destroy' again."
    ;;
  *)
    say "usage: $0 preflight [deploy|plan|destroy] | plan | deploy | destroy"
    exit 2
    ;;
esac
