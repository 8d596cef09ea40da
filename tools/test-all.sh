#!/usr/bin/env bash
# The whole test suite, set-up included: the README's test command, and what .ci/run runs.
#
# 1. Installs what the tests need beyond the build image, only when it is missing (Debian packages
#    with apt-get, python packages with pip). local-cognito's Maven build runs its own `npm ci`.
# 2. Runs every module's tests: ./mvnw -B verify (unit, REST Assured against the real daemon,
#    real AWS SDK / botocore / amazon-cognito-identity-js clients, moto, pseudo-terminal logins).
# 3. Builds the packages from the tree that verify assembled, installs the .deb into a scratch
#    root and runs --version, doctor --json, configure and the offline demo from the installed files.
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
need jlink openjdk-17-jdk-headless      # build-packages.sh (jlink and jmods)
need dpkg-deb dpkg
need npm npm
need node nodejs
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test-all: installing ${need_apt[*]}" >&2
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

missing_python=()
python3 -c 'import boto3' 2>/dev/null || missing_python+=('boto3')
command -v moto_server >/dev/null 2>&1 || missing_python+=('moto[server]')
if [ ${#missing_python[@]} -gt 0 ]; then
  echo "test-all: installing ${missing_python[*]}" >&2
  python3 -m pip install --quiet "${missing_python[@]}"
fi

./mvnw -B verify

echo "test-all: packages (jlink runtime, tar.gz, .deb) and the installed files" >&2
bash packaging/build-packages.sh
debs=(packaging/target/packages/cognito-creds_*.deb)
bash packaging/deb/check-installed.sh "${debs[0]}"
echo "test-all: all tests passed"
