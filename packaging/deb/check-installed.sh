#!/usr/bin/env bash
# Installs a cognito-creds .deb into a scratch root (dpkg-deb -x: no root rights, nothing touches
# the machine) and runs the installed files the way a new user would, in a throwaway home:
# --version, doctor --json, configure profile/docker --dry-run and for real, doctor again.
#
# A package for another CPU (the arm64 .deb on an x86_64 machine) runs the same way under qemu-user
# (apt-get install qemu-user-static) with a sysroot of that arch's libc, libstdc++ and zlib
# (build-packages.sh sysroot): its runtime/bin/java becomes a two-line wrapper around qemu, and
# everything else — the launchers, the jars, the demo — is the package's own.
#
# Usage: packaging/deb/check-installed.sh packaging/target/packages/cognito-creds_*.deb
set -euo pipefail

deb=${1:?usage: check-installed.sh PACKAGE.deb}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cognito-creds-deb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

fail() {
  printf 'check-installed: %s\n' "$*" >&2
  exit 1
}

dpkg-deb -x "$deb" "$scratch/root"
app=$scratch/root/opt/cognito-creds

arch=$(dpkg-deb -f "$deb" Architecture)
# The bundled java must be a binary for the package's CPU (ELF e_machine, at byte 18).
case $arch in
  amd64) qemu_arch=x86_64 machine=3e00 ;;
  arm64) qemu_arch=aarch64 machine=b700 ;;
  *) fail "unknown package architecture $arch" ;;
esac
[ "$(od -An -tx1 -j18 -N2 "$app/runtime/bin/java" | tr -d ' \n')" = "$machine" ] ||
  fail "the $arch package's runtime/bin/java is not an $arch program"
if [ "$arch" != "$(dpkg --print-architecture)" ]; then
  qemu=$(command -v "qemu-$qemu_arch-static" || command -v "qemu-$qemu_arch") ||
    fail "an $arch package on a $(dpkg --print-architecture) machine: apt-get install qemu-user-static to run it"
  sysroot=$(bash "$repo/packaging/build-packages.sh" sysroot "$arch")
  mv "$app/runtime/bin/java" "$app/runtime/bin/java.$arch"
  # shellcheck disable=SC2016 # $0 and $@ belong to the wrapper
  printf '#!/bin/sh\nexec %s -L %s "$0.%s" "$@"\n' "$qemu" "$sysroot" "$arch" >"$app/runtime/bin/java"
  chmod 755 "$app/runtime/bin/java"
  echo "check-installed: the $arch runtime runs under $qemu"
fi
# The class-data archive that build-packages.sh dumped must load (-Xshare:on fails otherwise).
"$app/runtime/bin/java" -Xshare:on -version >"$scratch/java-version" 2>&1 ||
  { cat "$scratch/java-version" >&2; fail "the bundled runtime does not start with its class-data archive"; }
head -n 1 "$scratch/java-version"
# /usr/bin/cognito-creds points at /opt; in a scratch root, follow the link by hand.
[ "$(readlink "$scratch/root/usr/bin/cognito-creds")" = /opt/cognito-creds/bin/cognito-creds ] ||
  fail "/usr/bin/cognito-creds does not point at /opt/cognito-creds/bin/cognito-creds"
[ "$(readlink "$scratch/root/usr/bin/cognito-creds-publisher")" = /opt/cognito-creds/bin/cognito-creds-publisher ] ||
  fail "/usr/bin/cognito-creds-publisher does not point at /opt/cognito-creds/bin/cognito-creds-publisher"
[ "$(readlink "$scratch/root/usr/bin/docker-credential-cognito-creds")" = /opt/cognito-creds/bin/docker-credential-cognito-creds ] ||
  fail "/usr/bin/docker-credential-cognito-creds does not point at /opt/cognito-creds/bin/docker-credential-cognito-creds"
# The docker credential helper is the native one, for the package's CPU, linked statically (no
# program interpreter: it runs on any Linux), and answers with the package's version.
helper=$app/bin/docker-credential-cognito-creds
[ "$(od -An -tx1 -N4 "$helper" | tr -d ' \n')" = 7f454c46 ] ||
  fail "the $arch package's docker-credential-cognito-creds is not a native program (it starts slower): build it with a C compiler for $arch"
[ "$(od -An -tx1 -j18 -N2 "$helper" | tr -d ' \n')" = "$machine" ] ||
  fail "the $arch package's docker-credential-cognito-creds is not an $arch program"
if command -v readelf >/dev/null 2>&1; then
  ! readelf -lW "$helper" | grep -q 'INTERP' || fail "the $arch package's docker-credential-cognito-creds is not linked statically"
else
  echo "check-installed: readelf not found (apt-get install binutils): static linking of the helper not checked" >&2
fi
run_helper=("$helper")
if [ "$arch" != "$(dpkg --print-architecture)" ]; then run_helper=("$qemu" "$helper"); fi
helper_version=$(env -i PATH=/usr/bin:/bin "${run_helper[@]}" version)
[ "$helper_version" = "docker-credential-cognito-creds $(dpkg-deb -f "$deb" Version)" ] ||
  fail "docker-credential-cognito-creds version printed '$helper_version'"
helper_home=$(mktemp -d "$scratch/helper-home.XXXXXX")
code=0
helper_answer=$(printf '111122223333.dkr.ecr.us-east-2.amazonaws.com' |
  env -i PATH=/usr/bin:/bin HOME="$helper_home" "${run_helper[@]}" get 2>/dev/null) || code=$?
if [ "$code" != 1 ] ||
  [[ $helper_answer != "cognito-credsd is not running (no endpoint file at $helper_home/.local/state/cognito-creds/endpoint). Start it with \`"* ]]; then
  fail "docker-credential-cognito-creds get without a daemon answered (exit $code): $helper_answer"
fi

# The packaged user unit, pointed at the scratch root's launcher, must pass systemd's own check.
if command -v systemd-analyze >/dev/null; then
  mkdir -m 700 "$scratch/analyze"
  sed "s|^ExecStart=/opt/|ExecStart=$scratch/root/opt/|" "$scratch/root/usr/lib/systemd/user/cognito-credsd.service" \
    >"$scratch/analyze/cognito-credsd.service"
  verify=$(XDG_RUNTIME_DIR=$scratch/analyze systemd-analyze verify --user --man=no "$scratch/analyze/cognito-credsd.service" 2>&1) ||
    fail "systemd-analyze verify: $verify"
  [ -z "$verify" ] || fail "systemd-analyze verify warns: $verify"
else
  echo "check-installed: systemd-analyze not found (apt-get install -y systemd), unit not verified" >&2
fi

home=$scratch/home
mkdir -p "$home"
# Only what a fresh login has: the bundled runtime must be enough (no JAVA_HOME, no java on PATH).
run() {
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$scratch/run" "$app/bin/cognito-creds" "$@"
}
mkdir -m 700 "$scratch/run"

version=$(run --version)
echo "installed: $version"
[[ $version == "cognito-creds "* ]] || fail "--version printed '$version'"
# The publisher's command on the bundled runtime: its modules (the AWS SDK's IAM and ECR clients) are in it.
publisher() {
  env -i HOME="$home" PATH=/usr/bin:/bin LANG=C.UTF-8 "$app/bin/cognito-creds-publisher" "$@"
}
version=$(publisher --version)
[[ $version == "cognito-creds-publisher "* ]] || fail "cognito-creds-publisher --version printed '$version'"
publisher template --repository acme/app | grep -q '"AWS::Cognito::IdentityPoolRoleAttachment"' ||
  fail "cognito-creds-publisher template printed no template"

# Each command's bash completion and man page, where bash-completion and man look for them.
for command in cognito-creds cognito-creds-publisher; do
  link=$scratch/root/usr/share/bash-completion/completions/$command
  [ "$(readlink "$link")" = "/opt/cognito-creds/share/bash-completion/completions/$command" ] ||
    fail "/usr/share/bash-completion/completions/$command does not point at the installed script"
  offered=$(bash -c 'source "$1"; COMP_WORDS=("$2" ""); COMP_CWORD=1; COMP_LINE="$2 "; "_complete_$2" 2>/dev/null; echo "${COMPREPLY[*]}"' \
    bash "$app/share/bash-completion/completions/$command" "$command") ||
    fail "the bash completion of $command does not load"
  case $command in
    cognito-creds) wanted=configure ;;
    *) wanted=license ;;
  esac
  [[ " $offered " == *" $wanted "* ]] || fail "bash does not complete $command $wanted (offered: $offered)"
done
for command in cognito-creds cognito-credsd cognito-creds-publisher; do
  page=$scratch/root/usr/share/man/man1/$command.1.gz
  [ "$(readlink "$page")" = "/opt/cognito-creds/share/man/man1/$command.1.gz" ] ||
    fail "/usr/share/man/man1/$command.1.gz does not point at the installed page"
  gzip -dc "$app/share/man/man1/$command.1.gz" | grep -q "^\.TH ${command^^} 1 .*$(dpkg-deb -f "$deb" Version)" ||
    fail "the man page of $command is not that of version $(dpkg-deb -f "$deb" Version)"
done

set +e
report=$(run doctor --json)
code=$?
set -e
[ "$code" -ne 0 ] || fail "doctor passed on an unconfigured machine"
grep -q '"ok":false' <<<"$report" || fail "doctor --json did not report ok=false: $report"
grep -q '"name":"daemon"' <<<"$report" || fail "doctor --json has no daemon check: $report"

cat >"$scratch/onboarding.json" <<'EOF'
{"profile": "acme", "region": "us-east-2", "userPoolId": "us-east-2_UXqM66clL",
 "clientId": "re12i62fp5ln48p3vtssjrveo", "identityPoolId": "us-east-2:070eee28-81b9-4878-b500-b9be89facf50",
 "registry": "111122223333.dkr.ecr.us-east-2.amazonaws.com"}
EOF
run configure profile --from "$scratch/onboarding.json" --dry-run >/dev/null
[ ! -e "$home/.aws/config" ] || fail "configure --dry-run wrote the AWS config file"
run configure profile --from "$scratch/onboarding.json"
run configure docker --from "$scratch/onboarding.json"
grep -qx "credential_process = $app/bin/cognito-creds credential-process --profile acme" "$home/.aws/config" ||
  fail "the credential_process line does not point at the installed launcher"
grep -q '"111122223333.dkr.ecr.us-east-2.amazonaws.com": "cognito-creds"' "$home/.docker/config.json" ||
  fail "docker config has no credHelpers entry"

report=$(run doctor --json || true)
grep -q '"name":"credential_process (acme)","status":"ok"' <<<"$report" ||
  fail "doctor does not accept the credential_process it wrote: $report"
# The offline demo, run from the installed files (its bundled runtime, its launchers) against the
# repository's local-cognito.
if [ -f "$repo/local-cognito/target/local-cognito.jar" ]; then
  DEMO_DIST=$app DEMO_SKIP_BUILD=1 bash "$repo/demo/run.sh" >"$scratch/demo.log" 2>&1 || {
    cat "$scratch/demo.log" >&2
    fail "the offline demo failed from the installed files"
  }
  grep -q '"Version": 1' "$scratch/demo.log" || { cat "$scratch/demo.log" >&2; fail "the demo printed no credential_process answer"; }
  echo "check-installed: the offline demo ran from the installed files"
else
  fail "local-cognito/target/local-cognito.jar is missing: build with ./mvnw -B package first"
fi
echo "check-installed: $(basename "$deb") OK"
