# shellcheck shell=bash
# Sourced by run-local.sh and invoke.sh: a local DynamoDB for the local API.
# dynalite (npm, pinned in package-lock.json) keeps its data in .local/dynamodb, so a restart
# keeps users. DYNAMODB_ENDPOINT points at another one instead (e.g. docker compose's
# dynamodb-local on http://127.0.0.1:8000) and nothing is started.

readonly dynalite=node_modules/.bin/dynalite
readonly dynalite_port=${DYNALITE_PORT:-4567}
readonly dynalite_data=.local/dynamodb
dynalite_pid=

# A real request, not a TCP connect: a dynalite whose data directory is locked by another one
# listens but fails every request. Local DynamoDBs check that a signature is there, not its value.
local_dynamodb_answers() {  # endpoint
  local status
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 -X POST "$1" \
    -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: DynamoDB_20120810.ListTables' \
    -H 'X-Amz-Date: 20000101T000000Z' \
    -H 'Authorization: AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0' \
    -d '{}') || return 1
  [[ $status == 200 ]]
}

# Sets DYNAMODB_ENDPOINT: the given one, a dynalite already serving our data (a `make run` in
# another terminal), or a dynalite started here and stopped by stop_local_dynamodb.
start_local_dynamodb() {
  if [[ -n ${DYNAMODB_ENDPOINT:-} ]]; then
    local_dynamodb_answers "$DYNAMODB_ENDPOINT" || { echo "$DYNAMODB_ENDPOINT does not answer as DynamoDB" >&2; return 1; }
    return 0
  fi
  DYNAMODB_ENDPOINT=http://127.0.0.1:$dynalite_port
  if local_dynamodb_answers "$DYNAMODB_ENDPOINT"; then
    echo "using the local DynamoDB already on $DYNAMODB_ENDPOINT" >&2
    return 0
  fi
  [[ -x $dynalite ]] || { echo "$dynalite is missing: run scripts/setup.sh" >&2; return 1; }
  mkdir -p "$dynalite_data"
  "$dynalite" --host 127.0.0.1 --port "$dynalite_port" --path "$dynalite_data" --createTableMs 0 \
    >.local/dynalite.log 2>&1 &
  dynalite_pid=$!
  for _ in $(seq 100); do
    local_dynamodb_answers "$DYNAMODB_ENDPOINT" && return 0
    kill -0 "$dynalite_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "dynalite did not come up on $DYNAMODB_ENDPOINT (is the port taken?):" >&2
  cat .local/dynalite.log >&2
  stop_local_dynamodb
  return 1
}

stop_local_dynamodb() {
  [[ -n $dynalite_pid ]] || return 0
  kill "$dynalite_pid" 2>/dev/null || true
  wait "$dynalite_pid" 2>/dev/null || true
  dynalite_pid=
}

# The table of testdata/create-table.json, created unless it exists; waits until ACTIVE.
ensure_local_table() {  # build dir
  AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-local} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-local} \
    AWS_EC2_METADATA_DISABLED=true \
    "$1/service/dynamodb/ensure_table" --endpoint "$DYNAMODB_ENDPOINT" --region us-east-1 \
    --spec testdata/create-table.json --timeout 30
}

# env.json: the SAM --env-vars file, read by the local gateway and by `sam local`.
ensure_env_json() {
  [[ -f env.json ]] || { cp env.json.example env.json && echo "created env.json from env.json.example" >&2; }
}
