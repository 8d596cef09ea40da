#!/usr/bin/env bash
# The whole test suite, set-up included: the README's test command, and what .ci/run runs.
#
# 1. Installs what the tests need beyond the build image, only when it is missing (Debian packages
#    with apt-get, python packages with pip). local-cognito's, publisher's and e2e's tests run their
#    own `npm ci` (publisher's: cfn-lint for its template).
# 2. Runs every module's tests: ./mvnw -B verify (unit, REST Assured against the real daemon,
#    real AWS SDK / botocore / amazon-cognito-identity-js clients, moto, pseudo-terminal logins).
# 3. Builds the release packages from the tree that verify assembled (linux-x86_64 and linux-aarch64
#    archives and .debs, with Debian's openjdk-17 jmods for both arches, and the portable archive),
#    installs each .deb into a scratch root and runs --version, doctor --json, configure and the
#    offline demo from the installed files (the arm64 one under qemu-user), starts the portable
#    archive with the machine's Java, and builds again with bsdtar as tar (as on macOS).
#    Every shell script (launchers, packaging, demo, bench, tools) passes shellcheck before anything
#    is built. Adds arm64 as a foreign dpkg
#    architecture (kept); where apt-get update then fails (a mirror without arm64), removes it again
#    and skips the aarch64 package and its checks, saying so.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export AWS_EC2_METADATA_DISABLED=true

# command → Debian package that provides it
need_apt=()
need() { command -v "$1" >/dev/null 2>&1 || need_apt+=("$2"); }
need systemd-analyze systemd            # ServiceDefinitionFilesTest, check-installed.sh
need gnome-keyring-daemon gnome-keyring # SecretServiceKeychainTest (a real headless Secret Service)
need dbus-run-session dbus-daemon
need dbus-send dbus-bin
need script bsdutils                    # logins in a pseudo-terminal
need jlink openjdk-17-jdk-headless      # build-packages.sh (jdeps, jlink and jmods for the host build)
need dpkg-deb dpkg
need npm npm
need node nodejs
need qemu-aarch64-static qemu-user-static # check-installed.sh runs the arm64 .deb's runtime
need bsdtar libarchive-tools            # check-archives.sh builds with BSD tar, as on macOS
need shellcheck shellcheck
need docker-registry docker-registry    # DockerCredentialHelperTest, bench/docker-helper.sh: a real registry
need skopeo skopeo                      # the image pushed into it, skopeo inspect/copy through the helper
need podman podman                      # podman pull through the helper
need dockerd docker.io                  # docker pull through the helper (a private dockerd)
need openssl openssl                    # the registry's self-signed certificate
# ClientCompatibilityTest, the matrix of real clients (README, "Compatibility"). The pyenv/pip `aws`
# on PATH is the AWS CLI v1: v2 is Debian's, looked for at /usr/bin/aws.
[ -x /usr/bin/aws ] || need_apt+=(awscli)
/usr/bin/python3 -c 'import botocore' 2>/dev/null || need_apt+=(python3-botocore)
need go golang-go
need gcc gcc                            # the native docker credential helper (docker-helper/build.sh)
need musl-gcc musl-tools                 # … linked with musl, which starts it twice as fast
need aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu # … for the linux-aarch64 packages
[ -d /usr/share/gocode/src/github.com/aws/aws-sdk-go ] || need_apt+=(golang-github-aws-aws-sdk-go-dev)
need docker-credential-ecr-login amazon-ecr-credential-helper
need chromium chromium                  # BrowserSignInTest drives Debian's chromium (headless)
need chromedriver chromium-driver       # … through Selenium with Debian's chromedriver
sudo=()
[ "$(id -u)" = 0 ] || sudo=(sudo)
# apt-get that waits, as a person would, while another apt-get or dpkg holds a lock (a fresh machine
# often runs unattended-upgrades): for dpkg's locks apt's own DPkg::Lock::Timeout; the package lists'
# lock, which `apt-get update` takes and that option does not cover, by trying again every 5 s.
apt_get() {
  local deadline=$((SECONDS + 600)) errors rc
  errors=$(mktemp)
  while :; do
    rc=0
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 "$@" 2>"$errors" || rc=$?
    if [ $rc -ne 0 ] && [ $SECONDS -lt $deadline ] && grep -q 'Could not get lock' "$errors"; then
      echo "test-all: waiting for another apt-get to release its lock ($(grep -m1 'Could not get lock' "$errors"))" >&2
      sleep 5
      continue
    fi
    cat "$errors" >&2
    rm -f "$errors"
    return $rc
  done
}
# build-packages.sh downloads (never installs) Debian's arm64 openjdk-17 for its jmods. Adding arm64
# as a foreign architecture stays on this machine; where the mirror serves no arm64 (Ubuntu's main
# archive) apt-get update then fails: arm64 is removed again and the aarch64 package is skipped.
added_arm64=no
arm64=yes
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  echo "test-all: dpkg --add-architecture arm64 (to download arm64 jmods and libraries, not to install them)" >&2
  "${sudo[@]}" dpkg --add-architecture arm64
  added_arm64=yes
fi
if [ ${#need_apt[@]} -gt 0 ] || [ $added_arm64 = yes ]; then
  if ! apt_get update -qq; then
    [ $added_arm64 = yes ] || exit 1
    echo "test-all: apt-get update fails with arm64 added (this mirror serves no arm64?): dpkg --remove-architecture arm64; the linux-aarch64 package and its checks are skipped" >&2
    "${sudo[@]}" dpkg --remove-architecture arm64
    apt_get update -qq
    arm64=no
  fi
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test-all: installing ${need_apt[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt_get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

missing_python=()
python3 -c 'import boto3' 2>/dev/null || missing_python+=('boto3')
command -v moto_server >/dev/null 2>&1 || missing_python+=('moto[server]')
python3 -c 'import awscli' 2>/dev/null || missing_python+=('awscli') # the AWS CLI v1 of the matrix
if [ ${#missing_python[@]} -gt 0 ]; then
  echo "test-all: installing ${missing_python[*]}" >&2
  python3 -m pip install --quiet "${missing_python[@]}"
fi

# Every shell script: the launchers and what they source, the packaging, demo, bench and tools scripts.
shellcheck -x -P SCRIPTDIR/../lib packaging/src/bin/* packaging/src/lib/*.sh packaging/src/bench/*.sh \
  packaging/build-packages.sh packaging/deb/*.sh demo/run.sh bench/*.sh tools/*.sh docker-helper/build.sh

./mvnw -B verify

start=$SECONDS
rm -f packaging/target/packages/cognito-creds_*_arm64.deb packaging/target/packages/cognito-creds-*-linux-aarch64.tar.gz
# The .deb lists are globbed after the build, which makes them (a clean clone has none before).
if [ $arm64 = yes ]; then
  echo "test-all: packages (jlink runtimes for x86_64 and aarch64, tar.gz, .deb, portable) and the installed files" >&2
  bash packaging/build-packages.sh all
  debs=(packaging/target/packages/cognito-creds_*_amd64.deb packaging/target/packages/cognito-creds_*_arm64.deb)
else
  echo "test-all: packages (x86_64 and portable; aarch64 SKIPPED: apt cannot download arm64 packages here) and the installed files" >&2
  bash packaging/build-packages.sh linux-x86_64 portable
  debs=(packaging/target/packages/cognito-creds_*_amd64.deb)
fi
for deb in "${debs[@]}"; do
  bash packaging/deb/check-installed.sh "$deb"
done
bash packaging/deb/check-archives.sh packaging/target/packages
echo "test-all: packages built and checked in $((SECONDS - start)) s" >&2
if [ $arm64 = yes ]; then
  echo "test-all: all tests passed"
else
  echo "test-all: all tests passed but the linux-aarch64 package, which was skipped (no arm64 packages from this mirror)"
fi
