#!/usr/bin/env bash
# Usage: scripts/check-deployment.sh [--rate=5] [--duration=60] [--users=3] [--max-p99-ms=MS]
#                                    [--timeout=10] [--out-dir=.local/checks] [URL]
# (`make check-deployment URL=https://<api>`; default URL: the local gateway.)
#
# A downtime check to run while a deployment shifts traffic: PUTs and GETs over a few users at a
# fixed rate, with hey. Every request must be answered 2xx (and p99 stay under --max-p99-ms if
# given), else it exits 1. Results go to a timestamped folder: summary.txt (status histogram,
# success ratio, latency percentiles, verdict), requests.tsv, hey's raw CSV and latency.png.
set -euo pipefail

url=http://127.0.0.1:3000
rate=5
duration=60
users=3
max_p99_ms=
timeout=10
out_root=.local/checks
date_of_birth=1990-05-17

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }
fail_usage() { echo "check-deployment: $1" >&2; usage >&2; exit 2; }
is_whole() { [[ $1 =~ ^[0-9]+$ ]] && (($1 >= $2 && $1 <= $3)); }
is_number() { [[ $1 =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v n="$1" 'BEGIN { exit !(n > 0) }'; }

while (($#)); do
  case $1 in
    --rate=*) rate=${1#*=} ;;
    --duration=*) duration=${1#*=} ;;
    --users=*) users=${1#*=} ;;
    --max-p99-ms=*) max_p99_ms=${1#*=} ;;
    --timeout=*) timeout=${1#*=} ;;
    --out-dir=*) out_root=${1#*=} ;;
    -h | --help) usage; exit 0 ;;
    -*) fail_usage "unknown option $1" ;;
    *) url=${1%/} ;;
  esac
  shift
done
is_number "$rate" || fail_usage "--rate must be a positive number of requests per second"
is_number "$duration" || fail_usage "--duration must be a positive number of seconds"
is_whole "$users" 1 26 || fail_usage "--users must be 1 to 26"
is_whole "$timeout" 1 3600 || fail_usage "--timeout must be a whole number of seconds"
[[ -z $max_p99_ms ]] || is_number "$max_p99_ms" || fail_usage "--max-p99-ms must be a positive number"
[[ $url =~ ^https?:// ]] || fail_usage "URL must start with http:// or https:// (got $url)"
for tool in hey gnuplot curl; do
  command -v "$tool" >/dev/null || { echo "check-deployment: $tool is missing; run scripts/setup.sh" >&2; exit 2; }
done

stamp=$(date -u +%Y%m%dT%H%M%SZ)
dir=$out_root/$stamp
[[ -e $dir ]] && dir=$dir-$$
mkdir -p "$dir/raw"

# Fixed names, so that repeated checks overwrite the same few items instead of adding new ones.
alphabet=abcdefghijklmnopqrstuvwxyz
names=()
for ((i = 0; i < users; i++)); do names+=("deploycheck${alphabet:i:1}"); done

# One PUT stream and one GET stream per user (hey sends one method to one URL), sharing the rate
# equally. hey's -q is per worker, so a stream gets as many workers as keep each at most 2
# requests/s: a worker waits for its answer, and this leaves it 500 ms per request.
read -r workers per_worker_rate per_worker_count < <(awk -v rate="$rate" -v streams=$((2 * users)) \
  -v duration="$duration" 'BEGIN {
    stream_rate = rate / streams
    workers = int(stream_rate / 2); if (workers < stream_rate / 2) workers++
    per_worker = stream_rate / workers
    count = int(duration * per_worker + 0.5); if (count < 1) count = 1
    printf "%d %.6f %d\n", workers, per_worker, count }')

now() { date +%s.%N; }
started=$(now)
echo "check-deployment: $url for ${duration} s at $rate requests/s, PUT and GET over ${names[*]}; results in $dir" >&2

# Each user is PUT once before its GETs start, so that a GET finds it (200, not 404).
: >"$dir/raw/setup.tsv"
for name in "${names[@]}"; do
  sent=$(now)
  answer=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time "$timeout" -X PUT \
    -H 'Content-Type: application/json' -d "{\"dateOfBirth\":\"$date_of_birth\"}" "$url/hello/$name") || true
  read -r status seconds <<<"${answer:-000 0}"
  # curl's 000 is no answer at all; it is counted as such, not as a status.
  awk -v t="$sent" -v t0="$started" -v s="$seconds" -v code="$status" -v user="$name" \
    'BEGIN { printf "%.4f\t%.2f\t%s\tPUT\t%s\n", t - t0, s * 1000, code, user }' >>"$dir/raw/setup.tsv"
done

pids=()
: >"$dir/raw/streams.tsv"
for name in "${names[@]}"; do
  for method in PUT GET; do
    csv=$dir/raw/${method,,}-$name.csv
    body=(); [[ $method == PUT ]] && body=(-d "{\"dateOfBirth\":\"$date_of_birth\"}" -T application/json)
    printf '%s\t%s\t%s\t%s\t%d\n' "$csv" "$method" "$name" "$(awk -v t="$(now)" -v t0="$started" 'BEGIN { printf "%.4f", t - t0 }')" \
      $((workers * per_worker_count)) >>"$dir/raw/streams.tsv"
    hey -c "$workers" -q "$per_worker_rate" -n $((workers * per_worker_count)) -t "$timeout" -m "$method" \
      "${body[@]}" -o csv "$url/hello/$name" >"$csv" 2>"$csv.err" &
    pids+=($!)
  done
done
hey_failed=0
for pid in "${pids[@]}"; do wait "$pid" || hey_failed=1; done
if ((hey_failed)); then
  echo "check-deployment: hey failed:" >&2
  cat "$dir"/raw/*.err >&2
  exit 2
fi
find "$dir/raw" -name '*.err' -empty -delete

# requests.tsv: one answered request per line, on one clock (seconds since the check started).
{
  printf '# seconds\tlatency_ms\tstatus\tmethod\tuser\n'
  awk -F'\t' '$3 != "000"' "$dir/raw/setup.tsv"
  while IFS=$'\t' read -r csv method name offset _; do
    awk -F, -v start="$offset" -v method="$method" -v user="$name" \
      'NR > 1 { printf "%.4f\t%.2f\t%s\t%s\t%s\n", start + $8, $1 * 1000, $7, method, user }' "$csv"
  done <"$dir/raw/streams.tsv"
} | sort -t$'\t' -k1,1g >"$dir/requests.tsv"

# hey leaves requests that got no answer (refused, reset, timed out) out of its CSV: they are
# what was sent minus what was answered.
sent=$(awk -F'\t' '{ n += $5 } END { print n + 0 }' "$dir/raw/streams.tsv")
sent=$((sent + users))
answered=$(grep -vc '^#' "$dir/requests.tsv" || true)
no_answer=$((sent - answered))

answered_rows() { grep -v '^#' "$dir/requests.tsv" || true; }
ok=$(answered_rows | awk -F'\t' '$3 >= 200 && $3 < 300' | wc -l)
histogram=$(answered_rows | cut -f3 | sort -n | uniq -c | awk '{ printf "  %-9s %d\n", $2, $1 }')
not_2xx=$(answered_rows | awk -F'\t' '$3 < 200 || $3 >= 300' | cut -f3 | sort -n | uniq -c |
  awk '{ printf "%s%s: %d", separator, $2, $1; separator = ", " }')
failure_detail=$not_2xx
((no_answer == 0)) || failure_detail+="${failure_detail:+, }no answer: $no_answer"
# Nearest-rank percentiles of the answered requests' latencies.
read -r p50 p90 p99 max < <(answered_rows | cut -f2 | sort -g | awk '
  { latency[NR] = $1 }
  function nearest_rank(p,   rank) { rank = int(p * NR); if (rank < p * NR) rank++; return latency[rank < 1 ? 1 : rank] }
  END { if (NR) printf "%s %s %s %s\n", nearest_rank(0.50), nearest_rank(0.90), nearest_rank(0.99), latency[NR]
        else print "- - - -" }')

failures=()
((sent > ok)) && failures+=("$((sent - ok)) of $sent requests not 2xx ($failure_detail)")
if [[ -n $max_p99_ms && $p99 != - ]] && awk -v p99="$p99" -v limit="$max_p99_ms" 'BEGIN { exit !(p99 > limit) }'; then
  failures+=("p99 $p99 ms over the $max_p99_ms ms limit")
fi
if ((${#failures[@]})); then
  joined=$(printf '%s; ' "${failures[@]}")
  verdict="verdict: FAIL ${joined%; }"
else
  verdict="verdict: PASS $ok/$sent requests answered 2xx, p99 $p99 ms${max_p99_ms:+ (limit $max_p99_ms ms)}"
fi

summary=$dir/summary.txt
{
  echo "check-deployment $url"
  echo "$duration s at $rate requests/s from $(date -u -d "@${started%.*}" +%Y-%m-%dT%H:%M:%SZ), PUT and GET over ${names[*]}"
  echo
  echo "status codes:"
  [[ -n $histogram ]] && echo "$histogram"
  printf '  %-9s %d\n' "no answer" "$no_answer"
  echo
  echo "requests: $sent sent, $ok answered 2xx, success ratio $(awk -v ok="$ok" -v sent="$sent" 'BEGIN { printf "%.2f%%", 100 * ok / sent }')"
  echo "latency (ms): p50 $p50  p90 $p90  p99 $p99  max $max"
  echo "plot: $dir/latency.png"
  echo
  echo "$verdict"
} >"$summary"

# The plot: every answer at the time it was sent; non-2xx answers as large red crosses on top;
# the p99 (and the limit, if any) as dashed lines.
awk -F'\t' '!/^#/ && $3 >= 200 && $3 < 300 && $4 == "PUT"' "$dir/requests.tsv" >"$dir/raw/ok-put.tsv"
awk -F'\t' '!/^#/ && $3 >= 200 && $3 < 300 && $4 == "GET"' "$dir/requests.tsv" >"$dir/raw/ok-get.tsv"
awk -F'\t' '!/^#/ && ($3 < 200 || $3 >= 300)' "$dir/requests.tsv" >"$dir/raw/not-2xx.tsv"
series=()
[[ -s $dir/raw/ok-put.tsv ]] && series+=("'$dir/raw/ok-put.tsv' using 1:2 with points pt 6 ps 0.9 lc rgb '#2ca02c' title 'PUT 2xx'")
[[ -s $dir/raw/ok-get.tsv ]] && series+=("'$dir/raw/ok-get.tsv' using 1:2 with points pt 7 ps 0.5 lc rgb '#1f77b4' title 'GET 2xx'")
[[ -s $dir/raw/not-2xx.tsv ]] && series+=("'$dir/raw/not-2xx.tsv' using 1:2 with points pt 2 ps 1.6 lw 2 lc rgb '#d62728' title 'not 2xx ($not_2xx)'")
settings=()
if ((${#series[@]})); then
  settings+=("set yrange [0:*]")
  series+=("$p99 with lines dt 2 lw 1.5 lc rgb '#555555' title 'p99 $p99 ms'")
  [[ -z $max_p99_ms ]] || series+=("$max_p99_ms with lines dt 3 lw 1.5 lc rgb '#d62728' title 'limit $max_p99_ms ms'")
else
  # Nothing answered: an empty frame rather than a gnuplot error.
  series=("NaN notitle")
  settings+=("set yrange [0:1]")
fi
((no_answer == 0)) || settings+=("set label '$no_answer requests got no answer (not plotted: hey reports no time for them)' at graph 0.01, graph 0.96 tc rgb '#d62728'")
gnuplot <<GNUPLOT
set terminal pngcairo size 1200,600 font 'sans,10'
set output '$dir/latency.png'
set title "${url//\"/} — ${verdict//\"/}" noenhanced
set xlabel 'seconds since the check started'
set ylabel 'latency (ms)'
set grid
set key outside right top
set xrange [0:$duration + 1]
$(printf '%s\n' "${settings[@]}")
plot $(IFS=,; echo "${series[*]}")
GNUPLOT

cat "$summary"
[[ $verdict == "verdict: PASS"* ]]
