#!/usr/bin/env bash
# Usage: scripts/invoke.sh BUILD_DIR FUNCTION EVENT_FILE  (`make invoke`)
# Like `sam local invoke FUNCTION -e EVENT_FILE`: runs the function's real bootstrap once on
# the event, prints its result JSON on stdout; logs go to stderr. It uses the local DynamoDB of a
# running `make run`, or starts one on the same data for the duration of the call.
set -euo pipefail
build_dir=${1:?usage: scripts/invoke.sh BUILD_DIR FUNCTION EVENT_FILE}
function=${2:?usage: scripts/invoke.sh BUILD_DIR FUNCTION EVENT_FILE}
event=${3:?usage: scripts/invoke.sh BUILD_DIR FUNCTION EVENT_FILE}
event=$(realpath "$event")
cd "$(dirname "$0")/.."
source scripts/local-dynamodb.sh
export AWS_EC2_METADATA_DISABLED=true
trap stop_local_dynamodb EXIT

mkdir -p .local
ensure_env_json
start_local_dynamodb
ensure_local_table "$build_dir"
"$build_dir/transport/local/local-gateway" --template template.yaml --env-vars env.json \
  --env "AWS_ENDPOINT_URL_DYNAMODB=$DYNAMODB_ENDPOINT" --functions-dir "$build_dir/functions" \
  --invoke "$function" --event "$event"
