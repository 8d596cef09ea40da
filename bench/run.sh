#!/usr/bin/env bash
# Benchmarks of cognito-creds. Not part of CI. One run measures every figure
# against a baseline measured in the same run and prints a table:
#   - `cognito-creds credential-process` median wall time vs curl on the same route (hyperfine), and
#     vs a raw bash /dev/tcp request;
#   - the cached credential route's throughput and p99 vs nginx serving the same bytes (wrk);
#   - upstream calls counted by local-cognito: hot path, 200 concurrent requests to a cold daemon,
#     constant load across several short credential lifetimes (slowest request at each boundary);
#   - the daemon's start time and resident memory vs a bare JVM HTTP server with the same flags.
# Everything runs on 127.0.0.1 in a throwaway home under ${TMPDIR:-/tmp}, in about three minutes,
# and everything it starts is stopped on exit.
#
# Usage: [COGNITO_CREDS_ROOT=/path/to/checkout] bench/run.sh
#   COGNITO_CREDS_ROOT  the repository whose distribution is measured (default: this script's repo);
#                       built with `./mvnw -B -q -DskipTests package` only when the distribution is missing.
#   BENCH_KEEP_LOGS     a folder to copy the logs and raw outputs (wrk, hyperfine) into before the
#                       throwaway home is deleted.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "${COGNITO_CREDS_ROOT:-$bench_dir/..}" && pwd)
dist=$root/packaging/target/cognito-creds
local_cognito_jar=$root/local-cognito/target/local-cognito.jar
lib=$bench_dir/benchlib.py

# The shape of each measurement (kept small enough for the whole run to stay within ~5 minutes).
hyperfine_runs=300
hyperfine_warmup=30
wrk_threads=2
wrk_connections=16
wrk_seconds=10
wrk_warmup_seconds=5
wrk_rounds=2
cold_requests=200
start_runs=3
short_lifetime=20     # seconds, identity-pool credentials of the second local-cognito
short_id_token=20     # seconds, ID token validity in its seed
load_seconds=65       # > 3 short lifetimes
load_rate=200         # requests/s, over 4 connections

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
fail() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------- tools
missing=()
for tool in wrk nginx hyperfine; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  printf 'bench: missing %s. Install them with:\n  apt-get install -y wrk nginx-light hyperfine\n' "${missing[*]}" >&2
  exit 1
fi
for tool in curl python3 java javac; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed (java and javac: a JDK 17, as for the build)"
done
hyperfine_shell=()
if hyperfine --help 2>/dev/null | grep -q -- "--shell=none"; then hyperfine_shell=(-N); fi

if [ ! -x "$dist/bin/cognito-creds" ] || [ ! -x "$dist/bin/cognito-credsd" ] || [ ! -f "$local_cognito_jar" ]; then
  say "no distribution in $root: building it (./mvnw -B -q -DskipTests package)"
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi

# ---------------------------------------------------------------------------------------- throwaway home
work=$(mktemp -d "${TMPDIR:-/tmp}/cognito-creds-bench.XXXXXX")
chmod 700 "$work"
results=$work/results
: >"$results"
pids=()
stop() { # stops one process this script started, and forgets it
  local pid=$1 kept=() other
  for other in "${pids[@]}"; do [ "$other" = "$pid" ] || kept+=("$other"); done
  pids=("${kept[@]}")
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do stop "$pid"; done 2>/dev/null
  if [ -s "$results" ]; then
    printf '\n' >&2
    python3 "$lib" report "$results" || true
  fi
  if [ "$rc" -ne 0 ] && [ -d "$work" ]; then
    printf '\nbench: failed (exit %s); last lines of the logs:\n' "$rc" >&2
    for log in "$work"/*.log; do [ -f "$log" ] && { printf -- '--- %s\n' "${log##*/}"; tail -n 5 "$log"; } >&2; done
  fi
  if [ -n "${BENCH_KEEP_LOGS:-}" ]; then
    # logs and measurements only: no seed (password), token or credential document
    if mkdir -p "$BENCH_KEEP_LOGS"; then
      cp "$work"/*.log "$work/hyperfine.json" "$results" "$BENCH_KEEP_LOGS"/ 2>/dev/null || true
    fi
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A watchdog: whatever hangs, the run ends (and cleans up) after 10 minutes.
(
  sleep 600 &
  sleeper=$!
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM
  wait "$sleeper" && { printf 'bench: still running after 600 s, giving up\n' >&2; kill -TERM $$; }
) 2>/dev/null &
pids+=($!)

record() { printf '%s=%s\n' "$1" "$2" >>"$results"; }
calc() { python3 -c "print($1)"; }
rss_mib() { calc "$(ps -o rss= -p "$1") / 1024"; }

for var in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done
export HOME=$work/home
export XDG_STATE_HOME=$HOME/.local/state
export XDG_RUNTIME_DIR=$work/run
export AWS_CONFIG_FILE=$HOME/.aws/config
export AWS_SHARED_CREDENTIALS_FILE=$HOME/.aws/credentials
export AWS_EC2_METADATA_DISABLED=true
mkdir -p "$HOME/.aws" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$HOME" "$XDG_RUNTIME_DIR"
token_file=$XDG_STATE_HOME/cognito-creds/auth-token
say "throwaway home $work; distribution $dist"
record cpus "$(nproc)"
record loadavg_before "$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------------------------------- local-cognito ×2
(umask 077; printf 'Bench-%s%s-Passw0rd!' "$RANDOM" "$RANDOM" >"$work/password")
read -r pool_a client_a ids_a < <(python3 "$lib" seed "$work/seed-a.json" A 3600 "$work/password")
read -r pool_b client_b ids_b < <(python3 "$lib" seed "$work/seed-b.json" B "$short_id_token" "$work/password")
port_a=$(python3 "$lib" free-port)
port_b=$(python3 "$lib" free-port)
java -jar "$local_cognito_jar" --port "$port_a" --seed "$work/seed-a.json" >"$work/local-cognito-a.log" 2>&1 &
pids+=($!)
java -jar "$local_cognito_jar" --port "$port_b" --seed "$work/seed-b.json" \
  --credential-lifetime "$short_lifetime" >"$work/local-cognito-b.log" 2>&1 &
pids+=($!)
for port in "$port_a" "$port_b"; do
  for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$port/_local/health" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fsS "http://127.0.0.1:$port/_local/health" >/dev/null || fail "local-cognito did not start on port $port"
done
cognito_a=http://127.0.0.1:$port_a
cognito_b=http://127.0.0.1:$port_b
say "local-cognito A (credentials 3600 s) on $cognito_a, B (credentials ${short_lifetime} s, ID token ${short_id_token} s) on $cognito_b"

cat >"$AWS_CONFIG_FILE" <<INI
[profile bench]
region = us-east-2
cognito_user_pool_id = $pool_a
cognito_client_id = $client_a
cognito_identity_pool_id = $ids_a
cognito_endpoint_url = $cognito_a
credential_process = $dist/bin/cognito-creds credential-process --profile bench

[profile bench-short]
region = us-east-2
cognito_user_pool_id = $pool_b
cognito_client_id = $client_b
cognito_identity_pool_id = $ids_b
cognito_endpoint_url = $cognito_b
INI

# ---------------------------------------------------------------------------------------- start time
# exec -> first GET /healthz answered 200, polled every 5 ms; the baseline is the JDK's own HTTP
# server started with the daemon launcher's JVM flags.
baseline_flags=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xshare:auto -Xms16m -Xmx96m -XX:-UsePerfData)
javac -d "$work/classes" "$bench_dir/BaselineServer.java"
printf '{"status":"placeholder"}' >"$work/baseline-body.json"
daemon_port=$(python3 "$lib" free-port)
daemon_pid=
started_s=
start_daemon() { # start_daemon LOG -> daemon_pid, started_s: seconds from exec to /healthz 200
  local t0 ready
  t0=$EPOCHREALTIME
  "$dist/bin/cognito-credsd" --port "$daemon_port" >>"$work/$1" 2>&1 &
  daemon_pid=$!
  pids+=("$daemon_pid")
  ready=$(python3 "$lib" wait-health "$daemon_port" 20) || fail "cognito-credsd did not answer /healthz within 20 s"
  started_s=$(calc "round($ready - $t0, 3)")
}
start_baseline() { # start_baseline PORT -> baseline_pid, started_s
  local t0 ready
  t0=$EPOCHREALTIME
  java "${baseline_flags[@]}" -cp "$work/classes" BaselineServer "$1" "$work/baseline-body.json" \
    >>"$work/baseline.log" 2>&1 &
  baseline_pid=$!
  pids+=("$baseline_pid")
  ready=$(python3 "$lib" wait-health "$1" 20) || fail "the baseline server did not start"
  started_s=$(calc "round($ready - $t0, 3)")
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( ($# + 1) / 2 ))p"; }

say "start time: $start_runs starts of the daemon and of the baseline JVM server"
daemon_starts=() baseline_starts=()
baseline_port=$(python3 "$lib" free-port)
for i in $(seq 1 "$start_runs"); do
  start_baseline "$baseline_port"
  baseline_starts+=("$started_s")
  if [ "$i" -lt "$start_runs" ]; then stop "$baseline_pid"; fi
  start_daemon daemon-1.log
  daemon_starts+=("$started_s")
  if [ "$i" -lt "$start_runs" ]; then stop "$daemon_pid"; fi
done
echo "daemon: ${daemon_starts[*]} s; baseline: ${baseline_starts[*]} s" >&2
record start_runs "$start_runs"
record start_daemon_s "$(median "${daemon_starts[@]}")"
record start_baseline_s "$(median "${baseline_starts[@]}")"

# ---------------------------------------------------------------------------------------- sign-in, idle memory
say "sign-in (SRP) for profile bench, then idle memory"
printf '%s\n' "$(cat "$work/password")" |
  "$dist/bin/cognito-creds" login --profile bench --username bench-user --password-stdin >"$work/login.log" 2>&1 ||
  fail "login failed: $(cat "$work/login.log")"
[ -s "$token_file" ] || fail "no auth token at $token_file"
printf 'Authorization: %s' "$(cat "$token_file")" >"$work/header" && chmod 600 "$work/header"
route=/v1/profiles/bench/credentials
curl -fsS -H @"$work/header" "http://127.0.0.1:$daemon_port$route" >"$work/credentials.json" ||
  fail "GET $route failed"
cp "$work/credentials.json" "$work/baseline-body.json"
sleep 3
record rss_idle_mib "$(rss_mib "$daemon_pid")"
curl -fsS "http://127.0.0.1:$baseline_port/healthz" >/dev/null
record rss_baseline_idle_mib "$(rss_mib "$baseline_pid")"

# ---------------------------------------------------------------------------------------- credential-process
say "credential-process vs curl vs bash /dev/tcp (hyperfine ${hyperfine_shell[*]} --warmup $hyperfine_warmup --runs $hyperfine_runs)"
python3 "$lib" admin DELETE "$cognito_a/_local/calls" >/dev/null
cp_route=/v1/profiles/bench/credential-process
fast_out=$("$dist/bin/cognito-creds" credential-process --profile bench) || fail "credential-process failed"
curl_out=$(curl -s -H @"$work/header" "http://127.0.0.1:$daemon_port$cp_route")
devtcp_out=$(bash "$bench_dir/devtcp-get.sh" "$daemon_port" "$cp_route" "$token_file")
[[ $fast_out == *'"Version":1'* ]] || fail "credential-process printed no Version 1 document"
{ [ "$fast_out" = "$curl_out" ] && [ "$fast_out" = "$devtcp_out" ]; } ||
  fail "credential-process, curl and /dev/tcp do not print the same document"
hyperfine "${hyperfine_shell[@]}" --style basic --warmup "$hyperfine_warmup" --runs "$hyperfine_runs" \
  --export-json "$work/hyperfine.json" \
  "$dist/bin/cognito-creds credential-process --profile bench" \
  "curl -s -m 10 -H @$work/header http://127.0.0.1:$daemon_port$cp_route" \
  "bash $bench_dir/devtcp-get.sh $daemon_port $cp_route $token_file" >"$work/hyperfine.log" 2>&1 ||
  fail "hyperfine failed: $(tail -n 5 "$work/hyperfine.log")"
read -r cp_fast cp_curl cp_devtcp < <(python3 "$lib" hyperfine-medians "$work/hyperfine.json")
record cp_runs "$hyperfine_runs"
record cp_fast_ms "$cp_fast"
record cp_curl_ms "$cp_curl"
record cp_devtcp_ms "$cp_devtcp"
hot_requests=$(( 3 * (hyperfine_runs + hyperfine_warmup) ))

# ---------------------------------------------------------------------------------------- throughput
say "cached credential route vs nginx static file (wrk -t$wrk_threads -c$wrk_connections, ${wrk_warmup_seconds}s warm-up, $wrk_rounds interleaved rounds of ${wrk_seconds}s)"
nginx_dir=$work/nginx
nginx_port=$(python3 "$lib" free-port)
mkdir -p "$nginx_dir/www${route%/*}" "$nginx_dir/tmp" "$nginx_dir/logs"
cp "$work/credentials.json" "$nginx_dir/www$route"
python3 "$lib" nginx-conf "$nginx_dir" "$nginx_port" 2 "root $nginx_dir/www;" >"$nginx_dir/nginx.conf"
nginx -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/logs/error.log" >"$work/nginx.log" 2>&1 &
nginx_pid=$!
pids+=("$nginx_pid")
for _ in $(seq 1 100); do curl -fs -o /dev/null "http://127.0.0.1:$nginx_port$route" && break; sleep 0.05; done
cmp -s <(curl -fsS -H @"$work/header" "http://127.0.0.1:$nginx_port$route") "$work/credentials.json" ||
  fail "nginx does not serve the same bytes"

export BENCH_TOKEN_FILE=$token_file
wrk_run() { # wrk_run LOG URL SECONDS -> "rps p99_ms requests errors"
  wrk -t"$wrk_threads" -c"$wrk_connections" -d"$3"s --latency -s "$bench_dir/auth-header.lua" "$2" >"$work/$1"
  python3 "$lib" wrk-summary "$work/$1"
}
# Warm-up of each, then interleaved rounds (nginx, daemon, nginx, daemon, ...); the best round of
# each counts: other work on the machine only ever makes a round slower.
nginx_url=http://127.0.0.1:$nginx_port$route
daemon_url=http://127.0.0.1:$daemon_port$route
read -r _ _ d_warmup _ < <(wrk_run wrk-daemon-warmup.log "$daemon_url" "$wrk_warmup_seconds")
read -r _ _ _ _ < <(wrk_run wrk-nginx-warmup.log "$nginx_url" "$wrk_warmup_seconds")
hot_requests=$(( hot_requests + d_warmup ))
best_n='' best_d='' d_errors=0
for round in $(seq 1 "$wrk_rounds"); do
  read -r rps p99 _ errors < <(wrk_run "wrk-nginx-$round.log" "$nginx_url" "$wrk_seconds")
  [ "$errors" = 0 ] || fail "nginx answered $errors errors: see wrk-nginx-$round.log"
  echo "round $round: nginx $rps req/s, p99 $p99 ms" >&2
  if [ -z "$best_n" ] || python3 -c "import sys; sys.exit(not $rps > ${best_n%% *})"; then best_n="$rps $p99"; fi
  read -r rps p99 total errors < <(wrk_run "wrk-daemon-$round.log" "$daemon_url" "$wrk_seconds")
  echo "round $round: daemon $rps req/s, p99 $p99 ms, $errors errors" >&2
  hot_requests=$(( hot_requests + total ))
  d_errors=$(( d_errors + errors ))
  if [ -z "$best_d" ] || python3 -c "import sys; sys.exit(not $rps > ${best_d%% *})"; then best_d="$rps $p99"; fi
done
stop "$nginx_pid"
read -r n_rps n_p99 <<<"$best_n"
read -r d_rps d_p99 <<<"$best_d"
record wrk_shape "-t$wrk_threads -c$wrk_connections -d${wrk_seconds}s, best of $wrk_rounds"
record wrk_nginx_rps "$n_rps"
record wrk_nginx_p99_ms "$n_p99"
record wrk_daemon_rps "$d_rps"
record wrk_daemon_p99_ms "$d_p99"
record wrk_daemon_errors "$d_errors"
record wrk_daemon_requests "$(( hot_requests - 3 * (hyperfine_runs + hyperfine_warmup) ))"
hot_calls=$(python3 "$lib" calls-sum "$(python3 "$lib" admin GET "$cognito_a/_local/calls")")
record hot_calls "$hot_calls"
record hot_requests "$hot_requests"
record rss_loaded_mib "$(rss_mib "$daemon_pid")"
wrk_run wrk-baseline.log "http://127.0.0.1:$baseline_port$route" "$wrk_seconds" >/dev/null
record rss_baseline_loaded_mib "$(rss_mib "$baseline_pid")"
stop "$baseline_pid"

# ---------------------------------------------------------------------------------------- cold daemon
say "cold daemon: restart with the stored session, then $cold_requests concurrent requests (exchange slowed to 400 ms)"
# local-cognito answers the credential exchange 400 ms late, so the burst surely arrives while the
# one exchange (the daemon's own at start-up, or the first request's) is still in flight.
stop "$daemon_pid"
python3 "$lib" admin DELETE "$cognito_a/_local/calls" >/dev/null
python3 "$lib" admin PUT "$cognito_a/_local/faults/GetCredentialsForIdentity" '{"latencyMs":400}' >/dev/null
start_daemon daemon-2.log
record start_restart_s "$started_s"
cold=$(python3 "$lib" burst "$daemon_port" "$route" "$token_file" "$cold_requests")
echo "$cold" >&2
cold_calls=$(python3 "$lib" admin GET "$cognito_a/_local/calls")
python3 "$lib" admin DELETE "$cognito_a/_local/faults" >/dev/null
echo "upstream calls: $cold_calls" >&2
record cold_n "$cold_requests"
record cold_median_ms "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["median_ms"])' "$cold")"
record cold_max_ms "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["max_ms"])' "$cold")"
record cold_ok "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["ok"])' "$cold")"
record cold_keys "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["distinct_keys"])' "$cold")"
record cold_gcfi "$(python3 "$lib" calls-sum "$cold_calls" GetCredentialsForIdentity)"
record cold_refresh "$(python3 "$lib" calls-sum "$cold_calls" InitiateAuth GetTokensFromRefreshToken)"

# ---------------------------------------------------------------------------------------- lifetimes
say "constant load (${load_rate} req/s) for ${load_seconds}s on profile bench-short: credentials ${short_lifetime}s, ID token ${short_id_token}s"
printf '%s\n' "$(cat "$work/password")" |
  "$dist/bin/cognito-creds" login --profile bench-short --username bench-user --password-stdin >>"$work/login.log" 2>&1 ||
  fail "login of bench-short failed: $(tail -n 3 "$work/login.log")"
life=$(python3 "$lib" load "$daemon_port" /v1/profiles/bench-short/credentials "$token_file" \
  "$load_seconds" "$load_rate" 4 "$cognito_b")
field() { python3 -c 'import json,sys; v = json.loads(sys.argv[1])[sys.argv[2]]; print("" if v is None else v)' "$life" "$1"; }
t_window=$(field window_s)
life_calls=$(python3 -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])["calls"]))' "$life")
echo "$life" >&2
echo "upstream calls in the ${t_window}s counting window: $life_calls" >&2
record life_seconds "$t_window"
record life_lifetime_s "$short_lifetime"
record life_idtoken_s "$short_id_token"
# The most boundaries a window of t seconds can hold: floor(t / L) + 1.
record life_lifetimes "$(calc "int($t_window // $short_lifetime) + 1")"
record life_idtoken_lifetimes "$(calc "int($t_window // $short_id_token) + 1")"
record life_renewals "$(field renewals)"
record life_gcfi "$(python3 "$lib" calls-sum "$life_calls" GetCredentialsForIdentity)"
record life_refresh "$(python3 "$lib" calls-sum "$life_calls" InitiateAuth GetTokensFromRefreshToken)"
record life_boundaries "$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["boundaries"]))' "$life") boundaries"
record life_boundary_max_ms "$(field boundary_max_ms)"
record life_elsewhere_max_ms "$(field elsewhere_max_ms)"
record life_errors "$(field errors)"
record life_requests "$(field requests)"
record loadavg_after "$(cut -d' ' -f1-3 /proc/loadavg)"
say "done; stopping everything"
