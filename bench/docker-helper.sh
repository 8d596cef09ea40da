#!/usr/bin/env bash
# Benchmark of docker-credential-cognito-creds. Not part of CI. One run, every figure against a
# baseline measured in the same run:
#   - `skopeo inspect` of an image in a real TLS registry (Debian's docker-registry, htpasswd user
#     AWS with the password local-cognito's ECR issued) through the helper, vs the same inspect with
#     `--creds AWS:<password>` (target: <= 1.1x);
#   - the helper's `get` vs Amazon's `docker-credential-ecr-login get` through AWS_PROFILE and the
#     profile's credential_process (target: <= 0.5x). ecr-login can only reach
#     https://api.ecr.REGION.amazonaws.com: it goes through an HTTPS proxy on 127.0.0.1 that answers
#     with a certificate of a CA made here (SSL_CERT_FILE) and forwards to local-cognito's ECR, which
#     checks the signature;
#   - ECR calls counted by local-cognito: one per password lifetime for any number of pulls.
#   - where nginx is installed, the same helper asking nginx (the same answer, static) instead of
#     the daemon: what any server behind the helper costs, the floor for the daemon's share; and the
#     helper's `get` after 2 s of quiet (how people pull), daemon vs nginx.
#   - the floor: skopeo with a helper that asks nothing (in /bin/sh builtins, and in C linked
#     statically where a C compiler exists), which is what skopeo's two helper starts cost alone.
# Everything runs on 127.0.0.1 in a throwaway home and is stopped and deleted on exit.
#
# Usage: [COGNITO_CREDS_ROOT=/path/to/checkout] [RUNS=20] bench/docker-helper.sh
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "${COGNITO_CREDS_ROOT:-$bench_dir/..}" && pwd)
dist=$root/packaging/target/cognito-creds
local_cognito_jar=$root/local-cognito/target/local-cognito.jar
py=$bench_dir/docker_helper.py
runs=${RUNS:-20}
ecr_host=111122223333.dkr.ecr.us-east-2.amazonaws.com

say() { printf '\033[1m== %s\033[0m\n' "$*" >&2; }
fail() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for tool in docker-registry skopeo docker-credential-ecr-login openssl python3 java curl; do
  command -v "$tool" >/dev/null 2>&1 ||
    fail "$tool is needed (apt-get install docker-registry skopeo amazon-ecr-credential-helper openssl python3 default-jre curl)"
done
if [ ! -x "$dist/bin/docker-credential-cognito-creds" ] || [ ! -f "$local_cognito_jar" ]; then
  say "no distribution in $root: building it (./mvnw -B -q -DskipTests package)"
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi

home=$(mktemp -d "${TMPDIR:-/tmp}/cc-docker-bench.XXXXXX")
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do pkill -TERM -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for var in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done
unset DBUS_SESSION_BUS_ADDRESS DOCKER_CONFIG
export HOME=$home XDG_STATE_HOME=$home/state XDG_RUNTIME_DIR=$home/run
export AWS_CONFIG_FILE=$home/aws-config AWS_SHARED_CREDENTIALS_FILE=$home/aws-credentials
export AWS_EC2_METADATA_DISABLED=true REGISTRY_AUTH_FILE=$home/auth.json
export PATH=$dist/bin:$PATH
mkdir -p "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
free_port() { python3 "$bench_dir/benchlib.py" free-port; }
wait_for() { # CONDITION-COMMAND... : up to 30 s
  local _
  for _ in $(seq 1 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  return 1
}

say "local-cognito (demo seed, its ECR) and cognito-credsd"
cognito_port=$(free_port)
java -jar "$local_cognito_jar" --port "$cognito_port" --demo >"$home/local-cognito.log" 2>&1 &
pids+=($!)
wait_for curl -fsS "http://127.0.0.1:$cognito_port/_local/health" || fail "local-cognito did not start"
registry_port=$(free_port)
registry=127.0.0.1:$registry_port
cat >"$AWS_CONFIG_FILE" <<INI
[profile acme]
region = us-east-2
cognito_user_pool_id = us-east-2_DEMOpool1
cognito_client_id = demo0client0id0000000000aa
cognito_identity_pool_id = us-east-2:00000000-0000-4000-8000-000000000001
cognito_endpoint_url = http://127.0.0.1:$cognito_port
cognito_ecr_endpoint_url = http://127.0.0.1:$cognito_port
credential_process = $dist/bin/cognito-creds credential-process --profile acme
cognito_registries = $ecr_host
INI
cognito-credsd --port 0 >"$home/cognito-credsd.log" 2>&1 &
daemon_pid=$!
pids+=("$daemon_pid")
wait_for test -s "$XDG_RUNTIME_DIR/cognito-creds/endpoint" || fail "cognito-credsd did not start"
printf '%s\n%s\n' 'TempPassw0rd!' 'Bench-N3w-Passw0rd!' |
  cognito-creds login --profile acme --username licensed-user --password-stdin >/dev/null
cognito-creds configure podman --registry "$registry" --profile acme >/dev/null
rss_mib() { ps -o rss= -p "$daemon_pid" | awk '{ printf "%.1f", $1 / 1024 }'; }
sleep 3
rss_signed_in=$(rss_mib)

say "docker-registry with TLS on $registry, its htpasswd user AWS with the password ECR issued"
password=$(printf '%s' "$registry" | docker-credential-cognito-creds get |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["Secret"])')
mkdir -p "$home/registry/certs" "$home/ca"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$home/registry/key.pem" -out "$home/registry/certs/ca.crt" 2>/dev/null
python3 "$py" htpasswd "$password" >"$home/registry/htpasswd" 2>/dev/null
cat >"$home/registry/config.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $home/registry/data}}
http:
  addr: $registry
  secret: bench-upload-secret
  tls: {certificate: $home/registry/certs/ca.crt, key: $home/registry/key.pem}
auth: {htpasswd: {realm: bench, path: $home/registry/htpasswd}}
YML
# docker-registry reads REGISTRY_* variables as configuration (REGISTRY_AUTH_FILE would be auth.file)
env -u REGISTRY_AUTH_FILE docker-registry serve "$home/registry/config.yml" >"$home/registry.log" 2>&1 &
pids+=($!)
wait_for bash -c "exec 3<>/dev/tcp/127.0.0.1/$registry_port" ||
  { cat "$home/registry.log" "$home/registry/config.yml" >&2; fail "docker-registry did not start"; }
digest=$(python3 "$py" oci "$home/image" 1.0)
skopeo copy --dest-creds "AWS:$password" --dest-cert-dir "$home/registry/certs" \
  "oci:$home/image:1.0" "docker://$registry/acme/app:1.0" >/dev/null

say "an HTTPS proxy for ecr-login: api.ecr.us-east-2.amazonaws.com -> local-cognito"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=bench-ca -keyout "$home/ca/ca.key" -out "$home/ca/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj /CN=api.ecr.us-east-2.amazonaws.com -keyout "$home/ca/api.key" -out "$home/ca/api.csr" 2>/dev/null
printf 'subjectAltName=DNS:api.ecr.us-east-2.amazonaws.com\n' >"$home/ca/ext"
openssl x509 -req -in "$home/ca/api.csr" -CA "$home/ca/ca.pem" -CAkey "$home/ca/ca.key" -CAcreateserial -days 1 \
  -extfile "$home/ca/ext" -out "$home/ca/api.pem" 2>/dev/null
python3 "$py" proxy api.ecr.us-east-2.amazonaws.com "$home/ca/api.pem" "$home/ca/api.key" "$cognito_port" "$home/proxy-port" &
pids+=($!)
wait_for test -s "$home/proxy-port" || fail "the proxy did not start"

calls() { curl -fsS "http://127.0.0.1:$cognito_port/_local/calls" | python3 -c 'import json, sys; print(json.load(sys.stdin).get("GetAuthorizationToken", 0))'; }

# A helper that answers the same password from its own text, without asking anything: what skopeo
# costs with any credential helper (it runs one per image it opens), the floor for ours.
mkdir -m 700 "$home/static-bin"
# Only the shell's builtins: the cost of any helper is then skopeo starting one process.
cat >"$home/static-bin/docker-credential-static" <<SH
#!/bin/sh
read -r _ || :
printf '%s\\n' '{"ServerURL":"$registry","Username":"AWS","Secret":"$password"}'
SH
chmod 700 "$home/static-bin/docker-credential-static"
printf '{"credHelpers": {"%s": "static"}}\n' "$registry" >"$home/static-auth.json"
# The same in C, linked statically: what skopeo costs with the fastest-starting helper there can
# be, one that asks nothing (the floor of the ratio for any helper). Where a C compiler exists.
c_floor=no
for cc in musl-gcc cc; do
  command -v "$cc" >/dev/null 2>&1 || continue
  mkdir -m 700 "$home/noop-bin"
  printf '#include <stdio.h>\nint main(void) { char b[4096]; while (fread(b, 1, sizeof b, stdin) > 0) {} fputs("{\\"ServerURL\\":\\"%s\\",\\"Username\\":\\"AWS\\",\\"Secret\\":\\"%s\\"}\\n", stdout); return 0; }\n' \
    "$registry" "$password" >"$home/noop.c"
  if "$cc" -O2 -static -s -o "$home/noop-bin/docker-credential-noop" "$home/noop.c" 2>/dev/null; then
    printf '{"credHelpers": {"%s": "noop"}}\n' "$registry" >"$home/noop-auth.json"
    c_floor=yes
  fi
  break
done

# The commands, each with the environment it runs in.
python3 "$py" spec "$home/skopeo-helper.json" "" skopeo inspect --cert-dir "$home/registry/certs" "docker://$registry/acme/app:1.0"
python3 "$py" spec "$home/skopeo-creds.json" "" skopeo inspect --creds "AWS:$password" --cert-dir "$home/registry/certs" \
  "docker://$registry/acme/app:1.0"
PATH=$home/static-bin:$PATH REGISTRY_AUTH_FILE=$home/static-auth.json \
  python3 "$py" spec "$home/skopeo-static.json" "" skopeo inspect --cert-dir "$home/registry/certs" "docker://$registry/acme/app:1.0"
floor_spec=()
if [ $c_floor = yes ]; then
  PATH=$home/noop-bin:$PATH REGISTRY_AUTH_FILE=$home/noop-auth.json \
    python3 "$py" spec "$home/skopeo-noop.json" "" skopeo inspect --cert-dir "$home/registry/certs" "docker://$registry/acme/app:1.0"
  floor_spec=("noop=$home/skopeo-noop.json")
fi
# The same helper asking nginx for the same answer, where nginx is installed: what the fastest
# server behind the helper costs.
nginx_spec=()
if command -v nginx >/dev/null 2>&1; then
  ngx=$home/nginx
  mkdir -p "$ngx/run/cognito-creds" "$ngx/state/cognito-creds" "$ngx/logs" "$ngx/tmp"
  chmod -R go-rwx "$ngx"
  nginx_port=$(free_port)
  python3 "$bench_dir/benchlib.py" nginx-conf "$ngx" "$nginx_port" 1 \
    "location / { return 200 '{\"ServerURL\":\"$registry\",\"Username\":\"AWS\",\"Secret\":\"$password\"}'; }" >"$ngx/nginx.conf"
  nginx -c "$ngx/nginx.conf" -p "$ngx" -e "$ngx/logs/error.log" 2>"$ngx/logs/stderr" &
  pids+=($!)
  wait_for bash -c "exec 3<>/dev/tcp/127.0.0.1/$nginx_port" || fail "nginx did not start (see $ngx/logs)"
  printf 'http://127.0.0.1:%s\n' "$nginx_port" >"$ngx/run/cognito-creds/endpoint"
  printf 'not-checked\n' >"$ngx/state/cognito-creds/auth-token"
  chmod 600 "$ngx/run/cognito-creds/endpoint" "$ngx/state/cognito-creds/auth-token"
  XDG_RUNTIME_DIR=$ngx/run XDG_STATE_HOME=$ngx/state \
    python3 "$py" spec "$home/skopeo-nginx.json" "" skopeo inspect --cert-dir "$home/registry/certs" "docker://$registry/acme/app:1.0"
  XDG_RUNTIME_DIR=$ngx/run XDG_STATE_HOME=$ngx/state \
    python3 "$py" spec "$home/get-nginx.json" "$registry" docker-credential-cognito-creds get
  nginx_spec=("nginx=$home/skopeo-nginx.json")
fi
# skopeo inspect opens the image twice (manifest, then the tag list), so it runs a helper twice;
# with --no-tags it opens it once.
python3 "$py" spec "$home/skopeo-helper-1.json" "" skopeo inspect --no-tags --cert-dir "$home/registry/certs" \
  "docker://$registry/acme/app:1.0"
python3 "$py" spec "$home/skopeo-creds-1.json" "" skopeo inspect --no-tags --creds "AWS:$password" \
  --cert-dir "$home/registry/certs" "docker://$registry/acme/app:1.0"
# What starting any process costs on this machine, the unit of a helper's overhead.
python3 "$py" spec "$home/start-sh.json" "" /bin/sh -c :
python3 "$py" spec "$home/get-helper.json" "$ecr_host" docker-credential-cognito-creds get
HTTPS_PROXY=http://127.0.0.1:$(cat "$home/proxy-port") SSL_CERT_FILE=$home/ca/ca.pem AWS_PROFILE=acme AWS_SDK_LOAD_CONFIG=1 \
  python3 "$py" spec "$home/get-ecr-login.json" "$ecr_host" docker-credential-ecr-login get

# Both helpers must answer before anything is timed (and ecr-login fills its cache, as in daily use).
for spec in get-helper get-ecr-login; do
  python3 "$py" time 1 "$spec=$home/$spec.json" >/dev/null || fail "$spec does not answer (see above)"
done
inspected=$(skopeo inspect --cert-dir "$home/registry/certs" "docker://$registry/acme/app:1.0" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["Digest"])')
[ "$inspected" = "$digest" ] || fail "skopeo through the helper saw $inspected, pushed $digest"

calls_before=$(calls)
say "timing: $runs runs of each, alternating"
skopeo_times=$(python3 "$py" time "$runs" "helper=$home/skopeo-helper.json" "creds=$home/skopeo-creds.json" \
  "static=$home/skopeo-static.json" "helper-1=$home/skopeo-helper-1.json" "creds-1=$home/skopeo-creds-1.json" \
  ${floor_spec[@]+"${floor_spec[@]}"} ${nginx_spec[@]+"${nginx_spec[@]}"})
start_times=$(python3 "$py" time "$runs" "sh=$home/start-sh.json")
get_times=$(python3 "$py" time "$((runs * 3))" "helper=$home/get-helper.json" "ecr-login=$home/get-ecr-login.json")
quiet_times=
if [ ${#nginx_spec[@]} -gt 0 ]; then
  say "timing: get after 2 s of quiet, $((runs / 2)) runs of each"
  quiet_times=$(QUIET_SECONDS=2 python3 "$py" time "$((runs / 2))" "helper=$home/get-helper.json" "nginx=$home/get-nginx.json")
fi
calls_after=$(calls)
rss_after=$(rss_mib)

median() { awk -v n="$1" '$1 == n { print $2 }'; }
s_helper=$(median helper <<<"$skopeo_times"); s_creds=$(median creds <<<"$skopeo_times")
s_static=$(median static <<<"$skopeo_times")
s_noop=$(median noop <<<"$skopeo_times")
s_helper1=$(median helper-1 <<<"$skopeo_times"); s_creds1=$(median creds-1 <<<"$skopeo_times")
start_sh=$(median sh <<<"$start_times")
g_helper=$(median helper <<<"$get_times"); g_ecr=$(median ecr-login <<<"$get_times")
pulls=$((runs * 2 + runs * 3 * 2 + 3))
printf '\n%-58s %10s %10s %8s %8s\n' "measure" "cognito" "baseline" "ratio" "target"
printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "skopeo inspect: helper vs --creds AWS:<pw>" "$s_helper" "$s_creds" \
  "$(awk -v a="$s_helper" -v b="$s_creds" 'BEGIN { print a / b }')" "<= 1.10x"
printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "skopeo inspect: helper vs a helper answering from its text" "$s_helper" \
  "$s_static" "$(awk -v a="$s_helper" -v b="$s_static" 'BEGIN { print a / b }')" "(info)"
if [ -n "$s_noop" ]; then
  printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "skopeo inspect: a static C helper answering from its text" "$s_noop" \
    "$s_creds" "$(awk -v a="$s_noop" -v b="$s_creds" 'BEGIN { print a / b }')" "(floor)"
fi
if [ ${#nginx_spec[@]} -gt 0 ]; then
  s_nginx=$(median nginx <<<"$skopeo_times")
  printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "skopeo inspect: our helper asking nginx instead (floor)" "$s_nginx" \
    "$s_creds" "$(awk -v a="$s_nginx" -v b="$s_creds" 'BEGIN { print a / b }')" "(floor)"
  printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "skopeo inspect: the daemon behind the helper vs nginx" "$s_helper" \
    "$s_nginx" "$(awk -v a="$s_helper" -v b="$s_nginx" 'BEGIN { print a / b }')" "(info)"
  q_helper=$(median helper <<<"$quiet_times"); q_nginx=$(median nginx <<<"$quiet_times")
  printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "get after 2 s of quiet: the daemon vs nginx behind it" "$q_helper" \
    "$q_nginx" "$(awk -v a="$q_helper" -v b="$q_nginx" 'BEGIN { print a / b }')" "(info)"
fi
printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "skopeo inspect --no-tags (one helper run): helper vs --creds" \
  "$s_helper1" "$s_creds1" "$(awk -v a="$s_helper1" -v b="$s_creds1" 'BEGIN { print a / b }')" "(info)"
printf '%-58s %8.1fms\n' "starting /bin/sh -c : (one process start on this machine)" "$start_sh"
printf '%-58s %8.1fms\n' "skopeo inspect: static helper minus --creds (two helper runs)" \
  "$(awk -v a="$s_static" -v b="$s_creds" 'BEGIN { print a - b }')"
printf '%-58s %8.1fms %8.1fms %7.2fx %8s\n' "get: cognito-creds helper vs ecr-login (AWS_PROFILE)" "$g_helper" "$g_ecr" \
  "$(awk -v a="$g_helper" -v b="$g_ecr" 'BEGIN { print a / b }')" "<= 0.50x"
printf '%-58s %10s\n' "ECR GetAuthorizationToken calls during the timed runs" "$((calls_after - calls_before))"
printf '%-58s %8sMiB %28s\n' "daemon RSS: idle, 3 s after sign-in" "$rss_signed_in" "(info)"
printf '%-58s %8sMiB %28s\n' "daemon RSS: after the timed runs" "$rss_after" "(info)"
printf '%-58s %10s\n' "ECR calls in total (2 registries + ecr-login's own, ~$pulls gets)" "$calls_after"
