#!/usr/bin/env bash
# Builds docker-credential-cognito-creds, the native Docker credential helper (one C file, libc
# only), linked statically on Linux so one binary runs on any distribution (with musl where
# musl-gcc is installed, else glibc):
#
#   OUT/host/docker-credential-cognito-creds                    this machine's, for the tree's bin/
#   OUT/platforms/linux-amd64/docker-credential-cognito-creds   for the linux-x86_64 packages
#   OUT/platforms/linux-arm64/docker-credential-cognito-creds   for the linux-aarch64 packages
#
# A Linux arch other than this machine's needs its cross compiler (Debian: gcc-aarch64-linux-gnu,
# gcc-x86-64-linux-gnu); without it that arch is skipped, saying so. Without any C compiler
# nothing is built: the distribution then falls back to the bash helper (the portable archive's),
# which answers the same but starts slower. The linux-* packages refuse to build without their
# binary.
#
# Usage: docker-helper/build.sh OUT VERSION   (packaging/pom.xml runs it)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:?usage: build.sh OUT VERSION}
version=${2:?usage: build.sh OUT VERSION}
source=$here/docker-credential-cognito-creds.c
[[ $version =~ ^[0-9A-Za-z.+~-]+$ ]] || { echo "build.sh: unexpected version '$version'" >&2; exit 1; }

# Warnings are errors: this file handles a registry password and the daemon's token.
flags=(-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O2 -Wall -Wextra -Wpedantic -Werror
  -Wshadow -Wformat=2 -Wvla -D_FORTIFY_SOURCE=2 -fstack-protector-strong -s
  "-DHELPER_VERSION=\"$version\"")

rm -rf "$out"
compile() { # COMPILER DEST [FLAG...]
  local compiler=$1 dest=$2
  shift 2
  mkdir -p "$(dirname "$dest")"
  "$compiler" "${flags[@]}" "$@" -o "$dest" "$source"
}

host_cc=${CC:-cc}
if ! command -v "$host_cc" >/dev/null 2>&1; then
  printf '[WARNING] docker-helper: no C compiler (%s): bin/docker-credential-cognito-creds is the bash helper, which starts slower (Debian: apt-get install gcc libc6-dev)\n' "$host_cc" >&2
  exit 0
fi
case $(uname -s) in
  Linux)
    case $(uname -m) in
      x86_64) host_arch=amd64 ;;
      aarch64 | arm64) host_arch=arm64 ;;
      *) host_arch=$(uname -m) ;;
    esac
    # musl's static start is about half of glibc's (0.8 against 1.4 ms here), and skopeo starts
    # the helper twice per image: musl-gcc where it is installed (Debian: musl-tools).
    if [ -z "${CC:-}" ] && command -v musl-gcc >/dev/null 2>&1; then host_cc=musl-gcc; fi
    if ! compile "$host_cc" "$out/host/docker-credential-cognito-creds" -static; then
      rm -rf "$out"
      printf '[WARNING] docker-helper: %s cannot build the native helper (above; a static link needs libc6-dev, or musl-tools): bin/docker-credential-cognito-creds is the bash helper, which starts slower\n' "$host_cc" >&2
      exit 0
    fi
    for arch in amd64 arm64; do
      dest=$out/platforms/linux-$arch/docker-credential-cognito-creds
      if [ "$arch" = "$host_arch" ]; then
        mkdir -p "$(dirname "$dest")" && cp "$out/host/docker-credential-cognito-creds" "$dest"
        continue
      fi
      case $arch in amd64) cross=x86_64-linux-gnu-gcc ;; arm64) cross=aarch64-linux-gnu-gcc ;; esac
      if command -v "$cross" >/dev/null 2>&1; then
        compile "$cross" "$dest" -static ||
          printf '[WARNING] docker-helper: %s failed (above): no linux-%s helper, so no linux-%s package can be built here\n' "$cross" "$arch" "$arch" >&2
      else
        printf '[WARNING] docker-helper: no %s: no linux-%s helper, so no linux-%s package can be built here\n' "$cross" "$arch" "$arch" >&2
      fi
    done
    ;;
  *)
    # macOS links libSystem dynamically (there is no static libc); only this machine's is built.
    # CI builds on Linux only: where this build fails, the bash helper serves, saying so.
    if ! compile "$host_cc" "$out/host/docker-credential-cognito-creds"; then
      rm -rf "$out"
      printf '[WARNING] docker-helper: the native helper does not build on %s: bin/docker-credential-cognito-creds is the bash helper\n' "$(uname -s)" >&2
      exit 0
    fi
    ;;
esac
printf '[INFO] docker-helper: built with %s: %s\n' "$host_cc" "$(cd "$out" && find . -type f | sed 's:^\./::' | LC_ALL=C sort | tr '\n' ' ')" >&2
