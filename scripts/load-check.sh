#!/usr/bin/env bash
# A bounded load check against a running local API (`make run` in another terminal):
# one PUT, then GETs from several concurrent clients for a fixed time, with hey.
# Loopback only: this is for seeing the warm path and the instance pool under load.
set -euo pipefail

url=${URL:-http://127.0.0.1:3000}
duration=${DURATION:-10s}
clients=${CLIENTS:-16}

case $url in
  http://127.0.0.1:*|http://localhost:*) ;;
  *) echo "load-check: only loopback URLs (got $url)" >&2; exit 2 ;;
esac

if ! command -v hey >/dev/null; then
  echo "load-check: installing hey" >&2
  sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get install -y -qq hey >/dev/null
fi

status=$(curl -s -o /dev/null -w '%{http_code}' -X PUT "$url/hello/loadcheck" -d '{"dateOfBirth":"1990-05-17"}') || true
if [[ $status != 204 ]]; then
  echo "load-check: PUT answered $status; is the API running at $url (make run)?" >&2
  exit 1
fi

echo "load-check: GET $url/hello/loadcheck, $clients clients, $duration" >&2
hey -z "$duration" -c "$clients" "$url/hello/loadcheck"
