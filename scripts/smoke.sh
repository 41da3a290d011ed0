#!/usr/bin/env bash
# Smoke test of a deployed API: `make smoke URL=https://<api-id>.execute-api.<region>.amazonaws.com`
# (the api_url that `make deploy` prints; without URL, the api_url in the local Terraform state).
# Stores a birthday for a fresh user whose birthday is today (UTC), reads the greeting back, and
# checks that an unknown user is a 404.
# Leaves that one user in the table.
set -euo pipefail
cd "$(dirname "$0")/.."

url=${1:-}
if [[ -z $url ]]; then
  for tf in terraform tofu; do
    if command -v "$tf" >/dev/null; then
      url=$("$tf" -chdir=deploy output -no-color -raw api_url 2>/dev/null) || url=""
      [[ $url =~ ^https?://[^[:space:]]+$ ]] || url=""  # without state, output prints a warning instead
      break
    fi
  done
fi
if [[ -z $url ]]; then
  echo "usage: make smoke URL=<api_url>   (the URL 'make deploy' prints)" >&2
  exit 2
fi
url=${url%/}
command -v curl >/dev/null || {
  echo "smoke: curl is needed" >&2
  exit 1
}

random_letters() {
  local alphabet=abcdefghijklmnopqrstuvwxyz letters="" i
  for ((i = 0; i < 10; i++)); do letters+=${alphabet:RANDOM%26:1}; done
  echo "$letters"
}
user="Smoke$(random_letters)"
stranger="Nobody$(random_letters)"
# 2000 was a leap year, so this is a valid date even on 29 February, and its birthday is today.
birthday="2000-$(date -u +%m-%d)"

body=$(mktemp)
trap 'rm -f "$body"' EXIT
failures=0

# request METHOD PATH [DATA]: sets $status and $body's content.
request() {
  local data=()
  [[ $# -ge 3 ]] && data=(--data "$3")
  status=$(curl --silent --show-error --max-time 10 --retry 2 --output "$body" --write-out '%{http_code}' \
    --request "$1" ${data[@]+"${data[@]}"} "$url$2") || status="no answer"  # bash 3.2: data may be empty
}

expect() { # expect WHAT EXPECTED_STATUS [EXPECTED_BODY]
  local actual
  actual=$(<"$body")
  if [[ $status != "$2" || ($# -ge 3 && $actual != "$3") ]]; then
    echo "FAIL $1"
    echo "  expected: $2${3:+ $3}"
    echo "  got:      $status $actual"
    failures=$((failures + 1))
  else
    echo "ok   $1"
  fi
}

echo "smoke: $url (user $user)"
request PUT "/hello/$user" "{\"dateOfBirth\":\"$birthday\"}"
expect "PUT /hello/$user stores the date" 204 ""
request GET "/hello/$user"
expect "GET /hello/$user greets" 200 "{\"message\":\"Hello, $user! Happy birthday!\"}"
request GET "/hello/$stranger"
expect "GET /hello/$stranger is unknown" 404

if ((failures)); then
  echo "smoke: $failures check(s) failed" >&2
  exit 1
fi
echo "smoke: all checks passed"
