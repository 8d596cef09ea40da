#!/usr/bin/env bash
# Median wall time of `cognito-creds credential-process` (the launcher's bash /dev/tcp path) against
# curl fetching the same route, from a tiny stub daemon on 127.0.0.1 in a throwaway XDG home.
# Needs python3 (the stub), curl and hyperfine. Usage: fast-path-vs-curl.sh [runs]
set -euo pipefail

runs=${1:-300}
launcher=$(cd "$(dirname "${BASH_SOURCE[0]}")/../bin" && pwd)/cognito-creds
work=$(mktemp -d "${TMPDIR:-/tmp}/cognito-creds-bench.XXXXXX")
stub_pid=
cleanup() {
  [ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

export XDG_STATE_HOME=$work/state XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_STATE_HOME/cognito-creds" "$XDG_RUNTIME_DIR/cognito-creds"
token=bench-token-0123456789abcdefghijklmnopqrstuvw
printf '%s' "$token" >"$XDG_STATE_HOME/cognito-creds/auth-token"
printf 'Authorization: %s' "$token" >"$work/header"

python3 - "$work/port" <<'PY' &
import http.server, sys
BODY = (b'{"Version":1,"AccessKeyId":"ASIAEXAMPLEEXAMPLE00","SecretAccessKey":"' + b"s" * 40
        + b'","SessionToken":"' + b"t" * 800 + b'","Expiration":"2026-11-30T08:00:00Z"}')
class Stub(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Stub)
open(sys.argv[1], "w").write(str(server.server_port))
server.serve_forever()
PY
stub_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
port=$(cat "$work/port")
printf 'http://127.0.0.1:%s\n' "$port" >"$XDG_RUNTIME_DIR/cognito-creds/endpoint"

hyperfine -N --warmup 30 --runs "$runs" --export-json "$work/result.json" \
  "$launcher credential-process --profile acme" \
  "curl -s -H @$work/header http://127.0.0.1:$port/v1/profiles/acme/credential-process"
python3 - "$work/result.json" <<'PY'
import json, sys
fast, curl = (r["median"] for r in json.load(open(sys.argv[1]))["results"])
print(f"median: fast path {fast * 1000:.2f} ms, curl {curl * 1000:.2f} ms, ratio {fast / curl:.2f}x")
PY
