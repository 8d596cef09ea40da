#!/usr/bin/env bash
# Checks the .tar.gz side of packaging (the .deb side is check-installed.sh, beside this file):
#
# 1. The portable archive (no runtime) starts with the machine's own Java, found the way a user's
#    shell finds it: no JAVA_HOME, java on PATH; then with JAVA_HOME and no java on PATH; a JAVA_HOME
#    at Java 11 or 8 is refused with its version and what to install.
# 2. build-packages.sh runs with BSD tar (macOS's tar; here bsdtar from libarchive-tools) first on
#    PATH, builds the `host` and `portable` targets with the machine's JDK, and GNU tar unpacks the
#    same files, modes, owner (0) and time as from the GNU-built archive.
#
# Usage: packaging/deb/check-archives.sh [PACKAGES_DIR]   (default packaging/target/packages, as
# left by `build-packages.sh all`)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
packages=${1:-$repo/packaging/target/packages}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/cognito-creds-archives.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

fail() {
  printf 'check-archives: %s\n' "$*" >&2
  exit 1
}

portable=$(find "$packages" -maxdepth 1 -name 'cognito-creds-*-portable.tar.gz' | head -n 1)
[ -n "$portable" ] || fail "no cognito-creds-*-portable.tar.gz in $packages: run packaging/build-packages.sh all"
java=$(command -v java) || fail "java not found: the portable archive's check needs Java 17+"
java_home=$(dirname "$(dirname "$(readlink -f "$java")")")

# --- 1. The portable archive with the machine's Java. ---
mkdir -p "$scratch/portable" "$scratch/home" "$scratch/nojava"
tar -xzf "$portable" -C "$scratch/portable"
app=$scratch/portable/cognito-creds
[ ! -e "$app/runtime" ] || fail "$portable holds a runtime/"
# Only what the launchers use, without java: a PATH on which java is not found.
for tool in bash sh dirname basename cat sed mkdir rm mktemp uname readlink env head tr; do
  ln -s "$(command -v "$tool")" "$scratch/nojava/$tool"
done

run_portable() { # run_portable JAVA_HOME PATH COMMAND ARGS...
  local home=$1 path=$2
  shift 2
  env -i HOME="$scratch/home" PATH="$path" LANG=C.UTF-8 XDG_RUNTIME_DIR="$scratch/home" \
    ${home:+JAVA_HOME=$home} "$@"
}

version=$(run_portable "" "$(dirname "$java"):/usr/bin:/bin" "$app/bin/cognito-creds" --version)
[[ $version == "cognito-creds "* ]] || fail "portable cognito-creds --version (java on PATH) printed '$version'"
version=$(run_portable "$java_home" "$scratch/nojava" "$app/bin/cognito-creds" --version)
[[ $version == "cognito-creds "* ]] || fail "portable cognito-creds --version (JAVA_HOME) printed '$version'"
version=$(run_portable "" "$(dirname "$java"):/usr/bin:/bin" "$app/bin/cognito-credsd" --version)
[[ $version == "cognito-credsd "* ]] || fail "portable cognito-credsd --version printed '$version'"
# Its docker credential helper is the bash one (a native binary would run on one platform only).
[ "$(head -c 19 "$app/bin/docker-credential-cognito-creds")" = '#!/usr/bin/env bash' ] ||
  fail "the portable archive's docker-credential-cognito-creds is not the bash helper"
[ ! -e "$app/lib/docker-helper" ] || fail "the portable archive holds lib/docker-helper"
version=$(run_portable "" /usr/bin:/bin "$app/bin/docker-credential-cognito-creds" version)
[[ $version == "docker-credential-cognito-creds "* ]] || fail "portable docker-credential-cognito-creds version printed '$version'"
version=$(run_portable "" "$(dirname "$java"):/usr/bin:/bin" "$app/bin/cognito-creds-publisher" --version)
[[ $version == "cognito-creds-publisher "* ]] || fail "portable cognito-creds-publisher --version printed '$version'"
# Each command's bash and zsh completion and man page, in share/.
for command in cognito-creds cognito-creds-publisher; do
  [ -f "$app/share/zsh/$command.zsh" ] || fail "$(basename "$portable") lacks share/zsh/$command.zsh"
  offered=$(bash -c 'source "$1"; COMP_WORDS=("$2" ""); COMP_CWORD=1; COMP_LINE="$2 "; "_complete_$2" 2>/dev/null; echo "${COMPREPLY[*]}"' \
    bash "$app/share/bash-completion/completions/$command" "$command") ||
    fail "the bash completion of $command in $(basename "$portable") does not load"
  [[ " $offered " == *" login "* || " $offered " == *" license "* ]] ||
    fail "the bash completion of $command offers no command: $offered"
done
for command in cognito-creds cognito-credsd cognito-creds-publisher; do
  gzip -dc "$app/share/man/man1/$command.1.gz" | grep -q "^\.TH ${command^^} 1 " ||
    fail "$(basename "$portable") lacks the man page of $command"
done
report=$(run_portable "" "$(dirname "$java"):/usr/bin:/bin" "$app/bin/cognito-creds" doctor --json || true)
grep -q '"name":"daemon"' <<<"$report" || fail "portable doctor --json has no daemon check: $report"
set +e
message=$(run_portable "" "$scratch/nojava" "$app/bin/cognito-creds" --version 2>&1)
code=$?
set -e
if [ "$code" -eq 0 ] || ! grep -q 'Java 17' <<<"$message"; then
  fail "without any Java the portable launcher said (exit $code): $message"
fi
# An old Java (JAVA_HOME from another tool) is refused by name and version, not left to fail with
# UnsupportedClassVersionError; its java is never run (the JDK's release file tells the version).
for old in 11.0.22 1.8.0_392; do
  mkdir -p "$scratch/old-$old/bin"
  printf '#!/bin/sh\necho "this old java must not run" >&2\nexit 42\n' >"$scratch/old-$old/bin/java"
  chmod 755 "$scratch/old-$old/bin/java"
  printf 'JAVA_VERSION="%s"\n' "$old" >"$scratch/old-$old/release"
  for launcher in cognito-creds cognito-credsd; do
    set +e
    message=$(run_portable "$scratch/old-$old" "$(dirname "$java"):/usr/bin:/bin" "$app/bin/$launcher" --version 2>&1)
    code=$?
    set -e
    expected="Java ${old#1.}"
    expected=${expected%%.*}
    if [ "$code" -ne 1 ] || ! grep -q "$launcher needs Java 17 or later; the java from JAVA_HOME.* is $expected\." <<<"$message"; then
      fail "$launcher with JAVA_HOME at a Java $old said (exit $code): $message"
    fi
  done
done
echo "check-archives: $(basename "$portable") runs with $("$java" -version 2>&1 | head -n 1)"

# --- 2. build-packages.sh with bsdtar as tar. ---
bsdtar=$(command -v bsdtar) || fail "bsdtar not found (apt-get install libarchive-tools)"
mkdir -p "$scratch/bsd-bin"
ln -s "$bsdtar" "$scratch/bsd-bin/tar"
# dpkg-deb runs `tar` with GNU options (Homebrew's dpkg brings GNU tar for it): it keeps this PATH.
printf '#!/bin/sh\nPATH="%s" exec dpkg-deb "$@"\n' "$PATH" >"$scratch/bsd-bin/dpkg-deb"
chmod 755 "$scratch/bsd-bin/dpkg-deb"
[ "$(PATH="$scratch/bsd-bin:$PATH" tar --version | head -n 1 | cut -d ' ' -f 1)" = bsdtar ] || fail "tar is not bsdtar"
PATH="$scratch/bsd-bin:$PATH" PACKAGES_DIR="$scratch/bsd-out" JAVA_HOME=$java_home \
  bash "$repo/packaging/build-packages.sh" host portable >"$scratch/bsd-build.log" 2>&1 ||
  { cat "$scratch/bsd-build.log" >&2; fail "build-packages.sh failed with bsdtar as tar"; }
host_archive=$(find "$scratch/bsd-out" -maxdepth 1 -name 'cognito-creds-*-linux-*.tar.gz')
bsd_portable=$(find "$scratch/bsd-out" -maxdepth 1 -name 'cognito-creds-*-portable.tar.gz')
(cd "$scratch/bsd-out" && sha256sum -c --quiet SHA256SUMS) || fail "SHA256SUMS does not match"

# GNU tar reads bsdtar's archive as the same files, owners and times.
listing() { tar -tvzf "$1" | LC_ALL=C sort; }
diff <(listing "$portable") <(listing "$bsd_portable") >"$scratch/listing.diff" ||
  { cat "$scratch/listing.diff" >&2; fail "the bsdtar-built portable archive lists other files, modes, owners or times"; }
tar -tvzf "$bsd_portable" | awk '$2 != "0/0" { bad = 1 } END { exit bad }' || fail "bsdtar archive entries not owned by 0/0"
mkdir "$scratch/bsd-host"
tar -xzf "$host_archive" -C "$scratch/bsd-host"
version=$(env -i HOME="$scratch/home" PATH=/usr/bin:/bin "$scratch/bsd-host/cognito-creds/bin/cognito-creds" --version)
[[ $version == "cognito-creds "* ]] || fail "$(basename "$host_archive") (bsdtar) --version printed '$version'"
echo "check-archives: with bsdtar as tar: $(basename "$host_archive") ($(du -k "$host_archive" | cut -f1) KiB) and $(basename "$bsd_portable") OK"
