#!/usr/bin/env bash
# The fault suite's figures: the real distribution (packaging/target/cognito-creds) against a
# standalone local-cognito and its faults (refused, dropped and hanging connections, SIGSTOP,
# throttling, a shifted clock), one line of figures per scenario. Loopback only, throwaway homes
# under ${TMPDIR:-/tmp}, everything it starts is stopped and deleted; gives up after 45 minutes.
#
# Usage: tools/fault-suite.sh [SCENARIO[=COUNT] ...]     (default: all)
#   scenarios: offline-start upstream-stages cached-while-failing throttling clock-skew
#              state-unusable keychain-gone corrupted-session kill9 (=100) malformed (=10000)
#   FAULT_SUITE_LOGS=DIR   keep the daemon's and local-cognito's logs of each scenario in DIR
# Builds the distribution first (./mvnw -B -q -DskipTests package) when it is missing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dist=$root/packaging/target/cognito-creds
jar=$root/local-cognito/target/local-cognito.jar
for tool in java python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "fault-suite: $tool is needed" >&2; exit 1; }
done
if [ ! -x "$dist/bin/cognito-credsd" ] || [ ! -f "$jar" ]; then
  echo "fault-suite: no distribution in $root: building it (./mvnw -B -q -DskipTests package)" >&2
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi
for var in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done

args=(--dist "$dist" --local-cognito "$jar")
[ -n "${FAULT_SUITE_LOGS:-}" ] && args+=(--keep-logs "$FAULT_SUITE_LOGS")
[ $# -gt 0 ] || set -- all
printf '%s, %s cpus, load %s\n' "$(git -C "$root" log -1 --format='%h %s' 2>/dev/null | cut -c1-60)" \
  "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
# the driver stops what it started on SIGTERM; the timeout is the last resort
exec timeout --signal=TERM --kill-after=30 2700 python3 "$root/tools/faults/fault_suite.py" "${args[@]}" "$@"
