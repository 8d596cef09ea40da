#!/usr/bin/env bash
# The offline demo, one command: local-cognito (seeded with a licensed user whose temporary password
# must be replaced at the first sign-in), the daemon, `cognito-creds login`, then the credentials as
# `credential_process`, boto3 and the AWS CLI see them; then a browser sign-in through the hosted UI
# and a federated identity provider, the browser played by a script. Nothing leaves 127.0.0.1;
# everything runs in a throwaway home and is stopped and deleted on exit. Safe to re-run.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# DEMO_DIST runs the demo from another installation (e.g. the files of the installed .deb).
dist=${DEMO_DIST:-$repo/packaging/target/cognito-creds}
local_cognito_jar=$repo/local-cognito/target/local-cognito.jar
profile=demo
username=licensed-user
temporary_password='TempPassw0rd!'
new_password="Demo-$RANDOM$RANDOM-Passw0rd!"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# Secrets are shown abbreviated: enough to see they are there and change, not enough to use them.
abbreviate_json() {
  python3 -c '
import json, sys
secret_keys = {"SecretAccessKey", "SessionToken", "Token"}
data = json.load(sys.stdin)
for key, value in data.items():
    if key in secret_keys and isinstance(value, str) and len(value) > 12:
        data[key] = value[:4] + "…" + value[-4:] + " (%d chars)" % len(value)
print(json.dumps(data, indent=2, ensure_ascii=False))'
}

is_stale() {
  [ -x "$dist/bin/cognito-creds" ] && [ -x "$dist/bin/cognito-credsd" ] && [ -f "$local_cognito_jar" ] || return 0
  local newer
  newer=$(cd "$repo" && find . -path '*/target' -prune -o -path '*/node_modules' -prune -o -path ./.git -prune -o \
    -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$dist/bin/cognito-creds" -print -quit)
  [ -n "$newer" ]
}

step "Build (only when the distribution is missing or older than the sources)"
if [ "${DEMO_SKIP_BUILD:-}" = 1 ]; then
  # The end-to-end test of this script runs inside the build that has just made the distribution.
  if [ ! -x "$dist/bin/cognito-creds" ] || [ ! -f "$local_cognito_jar" ]; then
    fail "DEMO_SKIP_BUILD=1 but nothing is built"
  fi
  echo "DEMO_SKIP_BUILD=1: using the distribution as it is"
elif is_stale; then
  echo "building with ./mvnw -B -q -DskipTests package ..."
  (cd "$repo" && ./mvnw -B -q -DskipTests package)
else
  echo "packaging/target/cognito-creds is up to date"
fi

step "A throwaway home under ${TMPDIR:-/tmp}: no file of yours is read or written"
demo_home=$(mktemp -d "${TMPDIR:-/tmp}/cognito-creds-demo.XXXXXX")
pids=()
stop_tree() {
  local pid=$1 child
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do stop_tree "$child"; done
  kill "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop_tree "$pid"; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$demo_home"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for var in $(env | sed -n 's/^\(AWS_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$var"; done
# No session bus: the demo's refresh token stays in the throwaway home, not in your desktop keychain.
unset DBUS_SESSION_BUS_ADDRESS
export HOME=$demo_home
export XDG_STATE_HOME=$demo_home/.local/state
export XDG_RUNTIME_DIR=$demo_home/run
export AWS_CONFIG_FILE=$demo_home/.aws/config
export AWS_SHARED_CREDENTIALS_FILE=$demo_home/.aws/credentials
export AWS_EC2_METADATA_DISABLED=true
mkdir -p "$demo_home/.aws" "$XDG_STATE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$demo_home" "$XDG_RUNTIME_DIR"
echo "HOME=$demo_home"

step "local-cognito: a local Cognito user pool + identity pool, demo seed, on 127.0.0.1"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -jar "$local_cognito_jar" --port "$port" --demo >"$demo_home/local-cognito.log" 2>&1 &
local_cognito_pid=$!
pids+=("$local_cognito_pid")
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$port/_local/health" >/dev/null 2>&1 && break
  kill -0 "$local_cognito_pid" 2>/dev/null || { cat "$demo_home/local-cognito.log" >&2; fail "local-cognito exited"; }
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/_local/health" >/dev/null || fail "local-cognito did not start on port $port"
echo "listening on http://127.0.0.1:$port"

step "Profile '$profile' in \$AWS_CONFIG_FILE: the publisher's pools, and credential_process"
cat >"$AWS_CONFIG_FILE" <<INI
[profile $profile]
region = us-east-2
cognito_user_pool_id = us-east-2_DEMOpool1
cognito_client_id = demo0client0id0000000000aa
cognito_identity_pool_id = us-east-2:00000000-0000-4000-8000-000000000001
cognito_endpoint_url = http://127.0.0.1:$port
credential_process = $dist/bin/cognito-creds credential-process --profile $profile
INI
cat "$AWS_CONFIG_FILE"

step "cognito-credsd: the daemon that keeps the refresh token (loopback, a free port)"
"$dist/bin/cognito-credsd" --port 0 >"$demo_home/cognito-credsd.log" 2>&1 &
daemon_pid=$!
pids+=("$daemon_pid")
endpoint_file=$XDG_RUNTIME_DIR/cognito-creds/endpoint
for _ in $(seq 1 300); do
  [ -s "$endpoint_file" ] && break
  kill -0 "$daemon_pid" 2>/dev/null || { cat "$demo_home/cognito-credsd.log" >&2; fail "cognito-credsd exited"; }
  sleep 0.1
done
[ -s "$endpoint_file" ] || fail "cognito-credsd wrote no endpoint file"
echo "serving at $(cat "$endpoint_file")"

step "cognito-creds login: SRP sign-in; the temporary password is replaced at the first sign-in"
echo "(the passwords go on stdin, never on a command line; in a terminal, login asks for them without echo)"
printf '%s\n%s\n' "$temporary_password" "$new_password" |
  "$dist/bin/cognito-creds" login --profile "$profile" --username "$username" --password-stdin

step "cognito-creds credential-process --profile $profile: what every AWS SDK gets (answered without a JVM)"
"$dist/bin/cognito-creds" credential-process --profile "$profile" | abbreviate_json

step "boto3 through the container variables of \`cognito-creds env\`"
# the endpoint token is abbreviated on screen, as the secret key is below
"$dist/bin/cognito-creds" env --profile "$profile" | sed -E 's/(AWS_CONTAINER_AUTHORIZATION_TOKEN=.{4}).*/\1…/'
(
  eval "$("$dist/bin/cognito-creds" env --profile "$profile")"
  AWS_CONFIG_FILE=/dev/null python3 -c '
import boto3
credentials = boto3.Session().get_credentials()
frozen = credentials.get_frozen_credentials()
print("provider:", credentials.method)
print("AccessKeyId:", frozen.access_key)
print("SecretAccessKey:", frozen.secret_key[:4] + "…")'
)

step "The AWS CLI through credential_process (no request is sent anywhere)"
aws configure list --profile "$profile"

step "cognito-creds status"
"$dist/bin/cognito-creds" status

step "A publisher lets the app client call back to a loopback address (UpdateUserPoolClient)"
# A free port, not the seed's fixed one: another program on this machine may hold that.
callback_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
redirect_uri=http://127.0.0.1:$callback_port/callback
# The publisher's own AWS credentials would sign this call; local-cognito takes any.
AWS_ACCESS_KEY_ID=publisher AWS_SECRET_ACCESS_KEY=publisher python3 - "$port" "$redirect_uri" <<'PY'
import sys
import boto3
endpoint, redirect_uri = "http://127.0.0.1:" + sys.argv[1], sys.argv[2]
idp = boto3.client("cognito-idp", region_name="us-east-2", endpoint_url=endpoint)
ids = {"UserPoolId": "us-east-2_DEMOpool1", "ClientId": "demo0client0id0000000000aa"}
current = idp.describe_user_pool_client(**ids)["UserPoolClient"]
# UpdateUserPoolClient resets every setting it is not given: send the client's others back as they are.
accepted = idp.meta.service_model.operation_model("UpdateUserPoolClient").input_shape.members
settings = {key: value for key, value in current.items() if key in accepted}
settings["CallbackURLs"] = current.get("CallbackURLs", []) + [redirect_uri]
updated = idp.update_user_pool_client(**settings)["UserPoolClient"]
print("CallbackURLs:", ", ".join(updated["CallbackURLs"]))
print("SupportedIdentityProviders:", ", ".join(updated["SupportedIdentityProviders"]))
PY

browser_profile=corp
step "Profile '$browser_profile': sign-in through the browser, at the pool's hosted UI, with the Corp identity provider"
"$dist/bin/cognito-creds" configure profile --profile "$browser_profile" --region us-east-2 \
  --user-pool-id us-east-2_DEMOpool1 --client-id demo0client0id0000000000aa \
  --identity-pool-id us-east-2:00000000-0000-4000-8000-000000000001 \
  --endpoint-url "http://127.0.0.1:$port" --domain "http://127.0.0.1:$port/_domain/demo" \
  --redirect-uri "$redirect_uri" --identity-provider Corp --login browser

step "cognito-creds login --browser --no-open --profile $browser_profile: the sign-in address, then the browser"
login_output=$demo_home/browser-login.out
"$dist/bin/cognito-creds" login --browser --no-open --timeout 60 --profile "$browser_profile" >"$login_output" 2>&1 &
login_pid=$!
pids+=("$login_pid")
sign_in_url=
for _ in $(seq 1 600); do
  sign_in_url=$(sed -n 's/^  \(http[^ ]*\)$/\1/p' "$login_output" | head -n 1)
  [ -n "$sign_in_url" ] && break
  kill -0 "$login_pid" 2>/dev/null || break
  sleep 0.05
done
cat "$login_output"
[ -n "$sign_in_url" ] || fail "cognito-creds login printed no sign-in address"
# A person would open that address; here a few lines of Python play their browser: follow the
# redirects, fill in the login form of Corp's page, and land on cognito-creds' loopback listener.
python3 - "$sign_in_url" <<'PY'
import html.parser
import sys
import urllib.parse
import urllib.request


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.title, self.text, self.action, self.hidden, self.in_title = "", [], None, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "title":
            self.in_title = True
        elif tag == "form":
            self.action = attrs.get("action", "")
        elif tag == "input" and attrs.get("type") == "hidden":
            self.hidden[attrs.get("name")] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif data.strip():
            self.text.append(data.strip())


def visit(url, form=None):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    with urllib.request.urlopen(url, data=data, timeout=10) as answer:
        page = Page()
        page.feed(answer.read().decode("utf-8", "replace"))
        return answer.geturl(), page


def at(url):
    parts = urllib.parse.urlsplit(url)
    return "%s://%s%s" % (parts.scheme, parts.netloc, parts.path)


url, page = visit(sys.argv[1])
print("your browser would now show %s (%s)" % (page.title, at(url)))
if page.action is None:
    sys.exit("demo: no login form on " + at(url))
form = dict(page.hidden, username="corp-user", password="Corp-Passw0rd!", action="signIn")
print("  the person signs in there as corp-user (their password stays between them and Corp)")
url, page = visit(urllib.parse.urljoin(url, page.action), form)
print("your browser would now show %s (%s)" % (page.title, at(url)))
print("  " + " ".join(text for text in page.text if text != page.title))
PY
wait "$login_pid" || fail "cognito-creds login --browser failed: $(cat "$login_output")"
sed -n '/Waiting up to/,$p' "$login_output" | tail -n +2

step "cognito-creds status: both profiles signed in"
"$dist/bin/cognito-creds" status

step "cognito-creds credential-process --profile $browser_profile: the federated user's credentials"
"$dist/bin/cognito-creds" credential-process --profile "$browser_profile" | abbreviate_json

step "Done: stopping local-cognito and the daemon, deleting $demo_home"
