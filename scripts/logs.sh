#!/usr/bin/env bash
# Follows the logs of a deployment: both functions' CloudWatch log groups and the API's access log,
# each through `aws logs tail --follow`, every line prefixed with whose it is.
#   make logs              the last 10 minutes, then new events as they come (Ctrl-C stops)
#   SINCE=1h make logs     from further back (anything `aws logs tail --since` takes)
# The group names and the region come from the Terraform state `make deploy` left in deploy/.
# Runs under bash 3.2 (macOS's /bin/bash).
set -euo pipefail
cd "$(dirname "$0")/.."

# Credentials come from the environment, a profile or SSO, never from an instance-metadata endpoint.
export AWS_EC2_METADATA_DISABLED=true
since=${SINCE:-10m}

say() { printf 'logs: %s\n' "$*" >&2; }
die() {
  say "$@"
  exit 1
}

tf=""
for candidate in terraform tofu; do
  if command -v "$candidate" >/dev/null; then
    tf=$candidate
    break
  fi
done
[[ -n $tf ]] || die "neither terraform nor tofu is installed; the log group names come from the" \
  "Terraform state that 'make deploy' writes in deploy/."
command -v aws >/dev/null || die "the AWS CLI v2 is needed to follow the logs" \
  "(https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)."

# A first `terraform output` without state prints a warning and no value: either way, no deployment.
groups=$("$tf" -chdir=deploy output -no-color -json log_groups 2>/dev/null) || groups=""
pairs=$(grep -o '"[^"]*"[[:space:]]*:[[:space:]]*"[^"]*"' <<<"$groups" || true)
[[ -n $pairs ]] || die "no deployment found: deploy/ has no Terraform state with log groups." \
  "Run 'make deploy' first (or run this where its state is)."
region=$("$tf" -chdir=deploy output -no-color -raw region 2>/dev/null) || region=""
[[ $region =~ ^[a-z0-9-]+$ ]] || region=${AWS_REGION:-${AWS_DEFAULT_REGION:-eu-west-1}}

aws --region "$region" sts get-caller-identity --query Account --output text >/dev/null 2>&1 \
  || die "the AWS CLI found no working credentials; configure them first: 'aws configure' or" \
    "'aws sso login' (with AWS_PROFILE set), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."

# Ctrl-C reaches every tail through the terminal; otherwise (one tail failed) stop the others.
pids=()
trap 'for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done' EXIT
trap 'exit 130' INT TERM

say "following $(wc -l <<<"$pairs" | tr -d ' ') log groups in $region since $since (Ctrl-C stops)"
while IFS= read -r pair; do
  name=${pair#\"}
  name=${name%%\"*}
  group=${pair%\"}
  group=${group##*\"}
  (
    aws --no-cli-pager --region "$region" logs tail "$group" --follow --since "$since" --format short \
      | while IFS= read -r line; do printf '%-13s %s\n' "$name" "$line"; done
  ) &
  pids+=($!)
done <<<"$pairs"

status=0
for pid in ${pids[@]+"${pids[@]}"}; do wait "$pid" || status=1; done
pids=()
exit "$status"
