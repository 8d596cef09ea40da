#!/usr/bin/env bash
# A/B throughput of the cached credential route: two cognito-creds distributions (say, before and
# after a change to the daemon's HTTP server), each signed in against the same local-cognito in its
# own throwaway home, measured with wrk in interleaved rounds (A, B, A, B, ...). Prints each one's
# best round, the median of its rounds after the first (a warm-up: best-of alone is noisy) and both
# ratios B/A, measured in the same run. About a minute; loopback only; everything
# it starts is stopped on exit.
#
# Usage: bench/hot-path-ab.sh DIST_A DIST_B   (each a packaging/target/cognito-creds folder)
#   HOT_PATH_ROUNDS (default 3), HOT_PATH_SECONDS (default 10), HOT_PATH_CONNECTIONS (default 16)
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 DIST_A DIST_B" >&2; exit 2; }
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$bench_dir/.." && pwd)
lib=$bench_dir/benchlib.py
dists=("$(cd "$1" && pwd)" "$(cd "$2" && pwd)")
local_cognito_jar=$root/local-cognito/target/local-cognito.jar
rounds=${HOT_PATH_ROUNDS:-3}
seconds=${HOT_PATH_SECONDS:-10}
connections=${HOT_PATH_CONNECTIONS:-16}
command -v wrk >/dev/null || { echo "bench: wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$local_cognito_jar" ] || { echo "bench: build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/cognito-creds-ab.XXXXXX")
chmod 700 "$work"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for var in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done

(umask 077; printf 'Bench-%s%s-Passw0rd!' "$RANDOM" "$RANDOM" >"$work/password")
read -r pool client ids < <(python3 "$lib" seed "$work/seed.json" A 3600 "$work/password")
cognito_port=$(python3 "$lib" free-port)
java -jar "$local_cognito_jar" --port "$cognito_port" --seed "$work/seed.json" >"$work/local-cognito.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$cognito_port/_local/health" >/dev/null 2>&1 && break; sleep 0.1; done

urls=() tokens=()
for side in 0 1; do
  home=$work/home-$side
  mkdir -p "$home/.aws" "$home/run"
  chmod 700 "$home" "$home/run"
  cat >"$home/.aws/config" <<INI
[profile bench]
region = us-east-2
cognito_user_pool_id = $pool
cognito_client_id = $client
cognito_identity_pool_id = $ids
cognito_endpoint_url = http://127.0.0.1:$cognito_port
INI
  port=$(python3 "$lib" free-port)
  env HOME="$home" XDG_STATE_HOME="$home/state" XDG_RUNTIME_DIR="$home/run" AWS_CONFIG_FILE="$home/.aws/config" \
    "${dists[$side]}/bin/cognito-credsd" --port "$port" >"$work/daemon-$side.log" 2>&1 &
  pids+=($!)
  python3 "$lib" wait-health "$port" 30 >/dev/null || { echo "bench: daemon ${dists[$side]} did not start" >&2; exit 1; }
  env HOME="$home" XDG_STATE_HOME="$home/state" XDG_RUNTIME_DIR="$home/run" AWS_CONFIG_FILE="$home/.aws/config" \
    "${dists[$side]}/bin/cognito-creds" login --profile bench --username bench-user --password-stdin \
    <"$work/password" >"$work/login-$side.log" 2>&1 || { echo "bench: login failed: $(cat "$work/login-$side.log")" >&2; exit 1; }
  urls+=("http://127.0.0.1:$port/v1/profiles/bench/credentials")
  tokens+=("$home/state/cognito-creds/auth-token")
done

wrk_run() { # wrk_run SIDE SECONDS -> "rps p99_ms requests errors"
  BENCH_TOKEN_FILE=${tokens[$1]} wrk -t2 -c"$connections" -d"$2"s --latency -s "$bench_dir/auth-header.lua" \
    "${urls[$1]}" >"$work/wrk.out"
  python3 "$lib" wrk-summary "$work/wrk.out"
}
wrk_run 0 5 >/dev/null
wrk_run 1 5 >/dev/null
label=(A B) best=(0 0) p99=(0 0) after_first=("" "")
for round in $(seq 1 "$rounds"); do
  for side in 0 1; do
    read -r rps p _ errors < <(wrk_run "$side" "$seconds")
    [ "$errors" = 0 ] || { echo "bench: $errors errors from ${dists[$side]}" >&2; exit 1; }
    echo "round $round ${label[side]}: $rps req/s, p99 $p ms" >&2
    if python3 -c "import sys; sys.exit(not $rps > ${best[side]})"; then best[side]=$rps; p99[side]=$p; fi
    # the first round still warms the JIT and the caches: the median leaves it out
    [ "$round" = 1 ] || after_first[side]+=" $rps"
  done
done
median() { # median of the numbers given, or "-" when none
  python3 -c 'import statistics, sys; v = [float(x) for x in sys.argv[1:]]; print(round(statistics.median(v)) if v else "-")' "$@"
}
# shellcheck disable=SC2086 # a list of numbers, split on purpose
median_a=$(median ${after_first[0]}) median_b=$(median ${after_first[1]})
printf 'A %s: best %s req/s (p99 %s ms), median of rounds 2-%s %s req/s\n' "${dists[0]}" "${best[0]}" "${p99[0]}" "$rounds" "$median_a"
printf 'B %s: best %s req/s (p99 %s ms), median of rounds 2-%s %s req/s\n' "${dists[1]}" "${best[1]}" "${p99[1]}" "$rounds" "$median_b"
printf 'B/A = %s best, %s median of rounds 2-%s (wrk -t2 -c%s, %s rounds of %s s, %s cpus, load %s)\n' \
  "$(python3 -c "print(round(${best[1]} / ${best[0]}, 3))")" \
  "$(python3 -c 'import sys; a, b = sys.argv[1:]; print("-" if "-" in (a, b) else round(float(b) / float(a), 3))' \
    "$median_a" "$median_b")" "$rounds" \
  "$connections" "$rounds" "$seconds" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
