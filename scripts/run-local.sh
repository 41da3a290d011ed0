#!/usr/bin/env bash
# Usage: scripts/run-local.sh BUILD_DIR [ARM64_BUILD_DIR]  (`make run`, `make run ARCH=arm64`)
# The API on http://localhost:3000 with no Docker: a local DynamoDB (scripts/local-dynamodb.sh)
# and the local gateway running the real bootstraps. Ctrl-C stops everything it started.
# With ARM64_BUILD_DIR the gateway runs the arm64 bootstraps built there, each under qemu-user
# with Debian's arm64 glibc (libc6:arm64), for parity checks against the x86_64 ones.
set -euo pipefail
build_dir=${1:?usage: scripts/run-local.sh BUILD_DIR [ARM64_BUILD_DIR]}
arm64_build_dir=${2:-}
port=${PORT:-3000}
cd "$(dirname "$0")/.."
source scripts/local-dynamodb.sh
export AWS_EC2_METADATA_DISABLED=true

gateway_pid=
stop() {
  trap - INT TERM EXIT
  [[ -n $gateway_pid ]] && kill -TERM "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
  stop_local_dynamodb
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

started=$SECONDS
mkdir -p .local
ensure_env_json
start_local_dynamodb
ensure_local_table "$build_dir"

functions_dir=$build_dir/functions
if [[ -n $arm64_build_dir ]]; then
  # The gateway execs <functions-dir>/<function>/bootstrap: here a script that hands the arm64
  # one to qemu, which needs no binfmt_misc set up for it.
  functions_dir=.local/arm64-functions
  for bootstrap in "$arm64_build_dir"/functions/*/bootstrap; do
    wrapper=$functions_dir/$(basename "$(dirname "$bootstrap")")/bootstrap
    mkdir -p "$(dirname "$wrapper")"
    printf '#!/usr/bin/env bash\nexec qemu-aarch64-static %q "$@"\n' "$(realpath "$bootstrap")" >"$wrapper"
    chmod +x "$wrapper"
  done
fi

# Started in the background so that this script stays in charge of stopping it; the gateway
# stops its function instances itself on SIGTERM.
"$build_dir/transport/local/local-gateway" --template template.yaml --env-vars env.json \
  --env "AWS_ENDPOINT_URL_DYNAMODB=$DYNAMODB_ENDPOINT" --host 127.0.0.1 --port "$port" \
  --functions-dir "$functions_dir" &
gateway_pid=$!
until curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; do
  kill -0 "$gateway_pid" 2>/dev/null || { echo "the local gateway did not start" >&2; exit 1; }
  sleep 0.05
done

cat >&2 <<MESSAGE

The birthday API${arm64_build_dir:+ (arm64 bootstraps under qemu)} is up on http://localhost:$port (ready in $((SECONDS - started)) s; data in $dynalite_data,
DynamoDB at $DYNAMODB_ENDPOINT). Try:
  curl -i -X PUT localhost:$port/hello/alice -d '{"dateOfBirth":"1990-05-17"}'
  curl localhost:$port/hello/alice
Ctrl-C stops it.

MESSAGE
wait "$gateway_pid"
