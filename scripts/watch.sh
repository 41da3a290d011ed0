#!/usr/bin/env bash
# Usage: scripts/watch.sh BUILD_DIR  (`make watch`)
# `make run` that rebuilds and restarts whenever a source file, CMakeLists.txt or
# template.yaml changes. A failed build keeps the last good API running.
set -euo pipefail
build_dir=${1:?usage: scripts/watch.sh BUILD_DIR}
cd "$(dirname "$0")/.."
watched=(functions service transport template.yaml CMakeLists.txt cmake env.json.example)

command -v inotifywait >/dev/null || { echo "inotifywait is missing: run scripts/setup.sh" >&2; exit 1; }

server_pid=
stop_server() {
  [[ -n $server_pid ]] || return 0
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}
watcher_pid=
stop() {
  [[ -n $watcher_pid ]] && kill "$watcher_pid" 2>/dev/null
  stop_server
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

# Only what `make run` runs; tests and benchmarks wait for `make test`.
targets=(local_gateway get_birthday_bootstrap put_birthday_bootstrap ensure_table)

while true; do
  if [[ -z $server_pid ]] || cmake --build "$build_dir" --target "${targets[@]}"; then
    stop_server
    bash scripts/run-local.sh "$build_dir" &
    server_pid=$!
  else
    echo "watch: the build failed; the API keeps running the last good build" >&2
  fi
  # Waited on in the background so that a signal is handled at once, not after the next change.
  # Editors write in bursts: wait for one change, then let the burst settle.
  inotifywait -qq -r -e close_write,create,delete,move "${watched[@]}" &
  watcher_pid=$!
  wait "$watcher_pid" || true
  sleep 0.3
done
