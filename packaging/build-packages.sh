#!/usr/bin/env bash
# Builds the user-facing packages from the distribution tree that `./mvnw package` assembles in
# packaging/target/cognito-creds/, into packaging/target/packages/:
#
#   cognito-creds-VERSION-OS-ARCH.tar.gz   the tree plus a jlink Java runtime: unpack anywhere, run bin/*
#   cognito-creds_VERSION_DEBARCH.deb      the same tree in /opt/cognito-creds, /usr/bin links, the user unit
#   cognito-creds-VERSION-portable.tar.gz  the tree without a runtime (needs Java 17+ through JAVA_HOME or PATH)
#   SHA256SUMS
#
# Every tree holds bin/ (the launchers, credential-process answered in bash; the docker credential
# helper, native and static in the Linux packages, bash in the portable one), lib/, share/ (systemd
# unit, launchd plist, bash and zsh completion, man pages) and, but for the portable one, runtime/.
#
# Usage: packaging/build-packages.sh [--build] [TARGET...]
#   --build         runs `./mvnw -B -q -DskipTests package` first
#   host            (the default) this machine's OS and arch, with this machine's JDK (JAVA_HOME, or
#                   /usr/libexec/java_home on macOS, or jlink on PATH); a .deb too where dpkg-deb exists
#   linux-x86_64, linux-aarch64
#                   with the runtime jlinked from Debian bookworm's openjdk-17 packages, one version for
#                   both (fetched with apt-get download into a cache, never installed); needs a Debian
#                   machine, and for a foreign arch: dpkg --add-architecture arm64 && apt-get update
#   portable        no runtime, for macOS and any other platform with Java 17+
#   all             linux-x86_64 linux-aarch64 portable (the release set; what CI builds); skips
#                   linux-aarch64, saying so, where apt cannot download arm64 packages
#   sysroot DEBARCH prints a folder with DEBARCH's libc, libstdc++ and zlib (for qemu-user's -L), made on
#                   first use; used by deb/check-installed.sh to run a foreign .deb under emulation
#
# Environment: DIST_DIR and PACKAGES_DIR override the input tree and the output folder;
# DEBIAN_JDK_VERSION pins the Debian openjdk-17 version (default: the newest both arches have);
# PACKAGES_CACHE (default ~/.cache/cognito-creds-packages, made 0700, refused if another user owns it)
# keeps the downloaded JDKs.
# Needs: bash 3.2+, a JDK 17+ (jdeps, and jlink with jmods/ for `host`), gzip, tar (GNU or bsdtar);
# dpkg-deb for the .deb files. Runs on Linux and macOS.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
dist=${DIST_DIR:-$here/target/cognito-creds}
out=${PACKAGES_DIR:-$here/target/packages}
cache=${PACKAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cognito-creds-packages}
work=$out/work

die() {
  printf 'build-packages: %s\n' "$*" >&2
  exit 1
}

note() {
  printf 'build-packages: %s\n' "$*" >&2
}

# --- Portable helpers (bash 3.2, BSD and GNU tools alike). ---

# readlink -f, which older macOS lacks.
resolve_path() {
  local path=$1 link
  while [ -L "$path" ]; do
    link=$(readlink "$path")
    case $link in
      /*) path=$link ;;
      *) path=$(dirname "$path")/$link ;;
    esac
  done
  printf '%s/%s\n' "$(cd "$(dirname "$path")" && pwd -P)" "$(basename "$path")"
}

host_os() {
  case $(uname -s) in
    Linux) echo linux ;;
    Darwin) echo macos ;;
    *) uname -s | tr '[:upper:]' '[:lower:]' ;;
  esac
}

# One name per CPU, whatever uname or dpkg calls it: x86_64 (amd64) and aarch64 (arm64).
normalize_arch() {
  case $1 in
    x86_64 | amd64) echo x86_64 ;;
    aarch64 | arm64) echo aarch64 ;;
    *) echo "$1" ;;
  esac
}

deb_arch_of() {
  case $1 in
    x86_64) echo amd64 ;;
    aarch64) echo arm64 ;;
    *) return 1 ;;
  esac
}

# The qemu-user program that runs ARCH's binaries, if one is installed.
qemu_for() {
  local name
  for name in "qemu-$1-static" "qemu-$1"; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  else
    shasum -a 256 "$1" | cut -d ' ' -f 1
  fi
}

# tar_gz DIR NAME ARCHIVE: DIR/NAME as a reproducible .tar.gz (sorted, owner 0, one fixed mtime),
# with GNU tar or bsdtar (macOS).
tar_gz() {
  local parent=$1 name=$2 archive=$3 list owner
  list=$work/$name.files
  # touch -t works in both; -h so a symbolic link's own time is set, not its target's.
  find "$parent/$name" -exec env TZ=UTC touch -h -t 198001010000 {} +
  (cd "$parent" && find "$name" -print | LC_ALL=C sort) >"$list"
  if tar --version 2>/dev/null | grep -q 'GNU tar'; then
    owner='--owner=0 --group=0 --numeric-owner'
  else
    owner='--uid 0 --gid 0 --numeric-owner'
  fi
  # COPYFILE_DISABLE: macOS's tar would add ._* files for extended attributes (quarantine, provenance).
  # shellcheck disable=SC2086 # $owner is two or three flags
  COPYFILE_DISABLE=1 tar -C "$parent" $owner --no-recursion -T "$list" -cf - | gzip -6n >"$archive"
  rm -f "$list"
}

# --- Debian's openjdk-17: one version for every arch (jlink refuses mixing feature releases, and the
# same build is the only combination the JDK's makers test). ---

debian_jdk_versions() {
  apt-cache madison "openjdk-17-jdk-headless:$1" 2>/dev/null | awk -F'|' '{ gsub(/ /, "", $2); print $2 }'
}

# debian_jdk_version DEBARCH...: the newest version that every DEBARCH has.
debian_jdk_version() {
  if [ -n "${DEBIAN_JDK_VERSION:-}" ]; then
    echo "$DEBIAN_JDK_VERSION"
    return
  fi
  command -v apt-cache >/dev/null 2>&1 || die "apt-cache not found: the linux-* targets need a Debian machine (or build 'host' there)"
  local arch common best="" version
  common=$(debian_jdk_versions "$1")
  for arch in "$@"; do
    [ -n "$(debian_jdk_versions "$arch")" ] ||
      die "apt knows no openjdk-17-jdk-headless:$arch; run: sudo dpkg --add-architecture $arch && sudo apt-get update"
    common=$(printf '%s\n' "$common" | grep -Fx -f <(debian_jdk_versions "$arch") || true)
  done
  [ -n "$common" ] || die "no openjdk-17-jdk-headless version is served for all of: $*"
  while read -r version; do
    if [ -z "$best" ] || dpkg --compare-versions "$version" gt "$best"; then best=$version; fi
  done <<<"$common"
  echo "$best"
}

# private_cache: the cache folder, made if need be, this user's and 0700 (it holds what gets unpacked
# and run).
private_cache() {
  mkdir -p "$cache"
  [ -O "$cache" ] || die "$cache belongs to another user: remove it or set PACKAGES_CACHE"
  chmod 700 "$cache"
}

# debian_unpack DIR PACKAGE...: downloads the packages (no install) and unpacks them into DIR/root,
# once: DIR/.complete marks a finished unpack. apt-get downloads into a fresh private folder (as
# root, owned by apt's sandbox user _apt, which is who writes there); only the files apt names for
# PACKAGE... (--print-uris), with their SHA256, are moved into DIR (0700) and unpacked.
debian_unpack() {
  local dir=$1 uris expected="" uri file size hash tmp
  shift
  private_cache
  if [ -f "$dir/.complete" ]; then return 0; fi
  rm -rf "$dir"
  mkdir -m 700 "$dir"
  mkdir -p "$dir/debs" "$dir/root"
  uris=$(apt-get download -q --print-uris "$@" 2>&1) || {
    printf '%s\n' "$uris" >&2
    die "apt-get download --print-uris $* failed"
  }
  while read -r uri file size hash; do
    case $uri in \'*) ;; *) continue ;; esac
    case $file in */* | .* | '' | *[!A-Za-z0-9._+~%-]*) die "apt named an unexpected file '$file' for $*" ;; esac
    expected="$expected $file:$hash"
  done <<<"$uris"
  [ -n "$expected" ] || die "apt-get download --print-uris $* named no files"
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/cognito-creds-apt.XXXXXX")
  # As root, apt-get downloads as its sandbox user _apt: give it this folder (and nobody else).
  if [ "$(id -u)" = 0 ] && id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
  if ! (cd "$tmp" && apt-get download -q "$@") >"$dir/download.log" 2>&1; then
    cat "$dir/download.log" >&2
    rm -rf "$tmp"
    die "apt-get download $* failed"
  fi
  for file in $expected; do
    hash=${file#*:}
    file=${file%%:*}
    if [ ! -f "$tmp/$file" ] || [ -L "$tmp/$file" ]; then
      rm -rf "$tmp"
      die "apt-get download $* did not write $file"
    fi
    mv "$tmp/$file" "$dir/debs/$file"
    case $hash in
      SHA256:*)
        if [ "$(sha256_of "$dir/debs/$file")" != "${hash#SHA256:}" ]; then
          rm -rf "$tmp"
          die "$file does not have the SHA256 apt announced"
        fi
        ;;
    esac
  done
  rm -rf "$tmp"
  for file in $expected; do dpkg-deb -x "$dir/debs/${file%%:*}" "$dir/root"; done
  # The JDK's config files are absolute links into /etc: point them into this root instead.
  find "$dir/root" -type l | while read -r link; do
    local target
    target=$(readlink "$link")
    case $target in
      /*) if [ -e "$dir/root$target" ]; then ln -sfn "$dir/root$target" "$link"; fi ;;
    esac
  done
  rm -rf "$dir/debs" "$dir/download.log"
  touch "$dir/.complete"
}

# debian_jdk DEBARCH VERSION RUNNABLE: the home of Debian's openjdk-17 for DEBARCH. RUNNABLE=yes adds
# the JRE package (the JDK package alone holds jmods/ and bin/, not the VM).
debian_jdk() {
  local arch=$1 version=$2 packages
  packages="openjdk-17-jdk-headless:$arch=$version"
  if [ "$3" = yes ]; then packages="$packages openjdk-17-jre-headless:$arch=$version"; fi
  local dir=$cache/openjdk-$version-$arch-$3
  # shellcheck disable=SC2086 # one or two package names
  debian_unpack "$dir" $packages
  echo "$dir/root/usr/lib/jvm/java-17-openjdk-$arch"
}

debian_sysroot() {
  local arch=$1
  debian_unpack "$cache/sysroot-$arch" "libc6:$arch" "libgcc-s1:$arch" "libstdc++6:$arch" "zlib1g:$arch"
  echo "$cache/sysroot-$arch/root"
}

# run_java RUNTIME ARCH ARGS...: RUNTIME's java, under qemu-user when ARCH is not this machine's.
# Returns 125 when it cannot be run here.
run_java() {
  local runtime=$1 arch=$2 qemu sysroot
  shift 2
  if [ "$arch" = "$(normalize_arch "$(uname -m)")" ]; then
    "$runtime/bin/java" "$@"
  elif [ "$(host_os)" = linux ] && command -v apt-get >/dev/null 2>&1 && qemu=$(qemu_for "$arch"); then
    sysroot=$(debian_sysroot "$(deb_arch_of "$arch")") || return 1
    "$qemu" -L "$sysroot" "$runtime/bin/java" "$@"
  else
    return 125
  fi
}

# --- The parts every package shares. ---

if [ "${1:-}" = sysroot ]; then
  [ -n "${2:-}" ] || die "usage: build-packages.sh sysroot DEBARCH"
  debian_sysroot "$2"
  exit 0
fi

build=no
targets=""
aarch64_asked=no
for arg in "$@"; do
  case $arg in
    --build) build=yes ;;
    linux-aarch64) targets="$targets $arg" aarch64_asked=yes ;;
    host | linux-x86_64 | portable) targets="$targets $arg" ;;
    all) targets="$targets linux-x86_64 linux-aarch64 portable" ;;
    -h | --help)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$arg' (try --help)" ;;
  esac
done
[ -n "$targets" ] || targets=host

if [ "$build" = yes ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi
if [ ! -x "$dist/bin/cognito-creds" ] || [ ! -x "$dist/bin/cognito-credsd" ]; then
  die "no distribution in $dist: run ./mvnw -B -DskipTests package (or pass --build)"
fi

# The JDK of this machine: jdeps for the module list, java for the completion script, and jlink for
# the host target.
if [ -n "${JAVA_HOME:-}" ]; then
  jdk=$JAVA_HOME
elif [ "$(uname -s)" = Darwin ] && /usr/libexec/java_home -v 17+ >/dev/null 2>&1; then
  jdk=$(/usr/libexec/java_home -v 17+)
else
  tool=$(command -v jlink || command -v jdeps || command -v java) || die "no JDK found: set JAVA_HOME to a JDK 17 or later"
  jdk=$(dirname "$(dirname "$(resolve_path "$tool")")")
fi
for tool in jdeps java; do
  [ -x "$jdk/bin/$tool" ] || die "$jdk/bin/$tool not found: set JAVA_HOME to a JDK 17 or later"
done

# The project version, from the root pom's own <version> (the first one after <artifactId>).
version=$(sed -n '/<artifactId>cognito-creds-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
[ -n "$version" ] || die "cannot read the version from $root/pom.xml"

rm -rf "$work" && mkdir -p "$work" "$out"
common=$work/common
cp -R "$dist" "$common"
rm -rf "$common/runtime"

# Only the modules the jars use, plus what they load by name at run time. jdk.crypto.ec: TLS to
# Cognito negotiates EC keys, a provider jdeps cannot see. jdk.localedata is left out on purpose:
# messages and dates are English/ISO only.
jars=()
while IFS= read -r jar; do jars+=("$jar"); done < <(find "$common/lib" -name '*.jar' | LC_ALL=C sort)
[ ${#jars[@]} -gt 0 ] || die "no jars in $dist/lib"
# jdeps prints split-package warnings (the client jar bundles Jackson too) on stdout before the list.
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "${jars[@]}" | tail -n 1)
[[ $modules =~ ^java\.base(,[a-z.]+)*$ ]] || die "jdeps did not print a module list: $modules"
modules="$modules,jdk.crypto.ec"
echo "jlink modules: $modules"

# Shell completion and man pages.
mkdir -p "$common/share/bash-completion/completions" "$common/share/zsh" "$common/share/man/man1"
"$jdk/bin/java" -cp "$common/lib/client/*" dev.cognitocreds.client.setup.CompletionScript \
  >"$common/share/bash-completion/completions/cognito-creds"
"$jdk/bin/java" -cp "$common/lib/publisher/*" dev.cognitocreds.publisher.cli.CompletionScript \
  >"$common/share/bash-completion/completions/cognito-creds-publisher"
for command in cognito-creds cognito-creds-publisher; do
  bash -n "$common/share/bash-completion/completions/$command"
  cp "$here/completion/$command.zsh" "$common/share/zsh/$command.zsh"
done
for page in "$here"/man/*.1; do
  sed "s/@VERSION@/$version/g" "$page" | gzip -9n >"$common/share/man/man1/$(basename "$page").gz"
done

# Reproducible modes: the archives must not carry the builder's umask.
chmod -R u=rwX,go=rX "$common"
chmod 755 "$common"/bin/*

built=()

# stage NAME: a copy of the common tree, work/NAME/cognito-creds, printed.
stage() {
  local dir=$work/$1
  rm -rf "$dir" && mkdir -p "$dir"
  cp -R "$common" "$dir/cognito-creds"
  echo "$dir/cognito-creds"
}

# docker_helper STAGE KIND: STAGE's bin/docker-credential-cognito-creds. KIND linux-amd64 or
# linux-arm64: that arch's static native helper (docker-helper/build.sh made it in the tree's
# lib/docker-helper/; a release package never falls back to the slower bash one); bash: the bash
# helper, which runs on any platform (the portable archive's); host: the tree's own (this machine's
# native one, or bash where no C compiler built it). lib/docker-helper is then removed.
docker_helper() {
  local tree=$1 kind=$2 helpers=$1/lib/docker-helper
  case $kind in
    linux-*)
      [ -f "$helpers/$kind/docker-credential-cognito-creds" ] ||
        die "no native docker credential helper for $kind in $dist/lib/docker-helper: install a C compiler for it (Debian: apt-get install gcc gcc-aarch64-linux-gnu) and run ./mvnw package again"
      cp "$helpers/$kind/docker-credential-cognito-creds" "$tree/bin/" ;;
    bash) cp "$helpers/bash/docker-credential-cognito-creds" "$tree/bin/" ;;
    host) ;;
  esac
  chmod 755 "$tree/bin/docker-credential-cognito-creds"
  rm -rf "$helpers"
}

# jlink_runtime JLINK_JDK JMODS ARCH STAGE: STAGE/runtime for ARCH from the jmods in JMODS.
jlink_runtime() {
  local tool_jdk=$1 jmods=$2 arch=$3 tree=$4 code=0
  # No --compress: a compressed module image starts every command slower, and the packages are
  # compressed anyway. --strip-java-debug-attributes rather than --strip-debug: the native part of
  # the latter runs this machine's objcopy, which cannot read another CPU's libraries.
  "$tool_jdk/bin/jlink" --module-path "$jmods" --add-modules "$modules" --strip-java-debug-attributes \
    --no-header-files --no-man-pages --output "$tree/runtime"
  # The class-data-sharing archive halves the client's start (about 0.5 s -> 0.25 s). It is dumped by
  # the target's own VM, so a foreign arch needs qemu-user (apt-get install qemu-user-static).
  run_java "$tree/runtime" "$arch" -Xshare:dump >/dev/null || code=$?
  if [ "$code" = 125 ]; then
    note "no qemu-user for $arch here: the $arch runtime has no class-data archive (starts ~0.25 s slower)"
  elif [ "$code" != 0 ]; then
    die "the $arch runtime failed to dump its class-data archive"
  else
    run_java "$tree/runtime" "$arch" -Xshare:on -version 2>&1 | head -n 1
  fi
  chmod -R u=rwX,go=rX "$tree/runtime"
  chmod 755 "$tree"/runtime/bin/*
}

# deb_package TREE ARCH: the .deb holding TREE in /opt/cognito-creds, or a note where dpkg-deb is absent.
deb_package() {
  local tree=$1 arch=$2 deb_arch debroot size deb page path listing
  deb_arch=$(deb_arch_of "$arch") || {
    note "no Debian architecture for $arch: no .deb"
    return 0
  }
  if ! command -v dpkg-deb >/dev/null 2>&1; then
    note "dpkg-deb not found: no .deb for $arch (on Debian/Ubuntu: apt-get install dpkg; on macOS: brew install dpkg)"
    return 0
  fi
  debroot=$work/deb-$deb_arch
  rm -rf "$debroot"
  mkdir -p "$debroot/opt" "$debroot/usr/bin" "$debroot/usr/share/bash-completion/completions" \
    "$debroot/usr/share/man/man1" "$debroot/usr/lib/systemd/user"
  cp -R "$tree" "$debroot/opt/cognito-creds"
  ln -s /opt/cognito-creds/bin/cognito-creds "$debroot/usr/bin/cognito-creds"
  ln -s /opt/cognito-creds/bin/cognito-credsd "$debroot/usr/bin/cognito-credsd"
  ln -s /opt/cognito-creds/bin/cognito-creds-publisher "$debroot/usr/bin/cognito-creds-publisher"
  # docker, podman and skopeo find credential helpers on PATH by name.
  ln -s /opt/cognito-creds/bin/docker-credential-cognito-creds "$debroot/usr/bin/docker-credential-cognito-creds"
  for command in cognito-creds cognito-creds-publisher; do
    ln -s "/opt/cognito-creds/share/bash-completion/completions/$command" \
      "$debroot/usr/share/bash-completion/completions/$command"
  done
  for page in "$tree"/share/man/man1/*.gz; do
    ln -s "/opt/cognito-creds/share/man/man1/$(basename "$page")" "$debroot/usr/share/man/man1/$(basename "$page")"
  done
  # A ready user unit, so `systemctl --user enable --now cognito-credsd` works without `service install`.
  sed 's|^ExecStart=.*|ExecStart=/opt/cognito-creds/bin/cognito-credsd|' "$tree/share/systemd/cognito-credsd.service" \
    >"$debroot/usr/lib/systemd/user/cognito-credsd.service"
  chmod 644 "$debroot/usr/lib/systemd/user/cognito-credsd.service"
  size=$(du -sk "$debroot/opt" "$debroot/usr" | awk '{ kib += $1 } END { print kib }')
  mkdir -p "$debroot/DEBIAN"
  sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$deb_arch/" -e "s/@SIZE@/$size/" "$here/deb/control" >"$debroot/DEBIAN/control"
  deb=$out/cognito-creds_${version}_$deb_arch.deb
  dpkg-deb --root-owner-group -Zgzip -z6 --build "$debroot" "$deb" >/dev/null
  rm -rf "$debroot"

  # The package lists what users run.
  listing=$(dpkg-deb -c "$deb")
  for path in ./opt/cognito-creds/bin/cognito-creds ./opt/cognito-creds/bin/cognito-credsd \
    ./opt/cognito-creds/bin/docker-credential-cognito-creds \
    ./opt/cognito-creds/runtime/bin/java ./usr/bin/cognito-creds ./usr/bin/cognito-credsd \
    ./usr/bin/docker-credential-cognito-creds \
    ./usr/lib/systemd/user/cognito-credsd.service ./opt/cognito-creds/share/man/man1/cognito-creds.1.gz \
    ./usr/bin/cognito-creds-publisher ./opt/cognito-creds/share/man/man1/cognito-creds-publisher.1.gz \
    ./usr/share/man/man1/cognito-creds-publisher.1.gz \
    ./usr/share/bash-completion/completions/cognito-creds-publisher \
    ./opt/cognito-creds/share/launchd/dev.cognitocreds.cognito-credsd.plist; do
    grep -Eq " $path( |\$)" <<<"$listing" || die "$deb lacks $path"
  done
  [ "$(dpkg-deb -f "$deb" Architecture)" = "$deb_arch" ] || die "$deb is not for $deb_arch"
  built+=("$deb")
}

# archive TREE NAME: TREE as NAME.tar.gz, checked for the files users run.
archive() {
  local tree=$1 tarball=$out/$2.tar.gz path contents
  tar_gz "$(dirname "$tree")" cognito-creds "$tarball"
  contents=$(gzip -dc "$tarball" | tar -tf -)
  for path in cognito-creds/bin/cognito-creds cognito-creds/bin/cognito-credsd \
    cognito-creds/bin/docker-credential-cognito-creds \
    cognito-creds/share/bash-completion/completions/cognito-creds cognito-creds/share/zsh/cognito-creds.zsh \
    cognito-creds/share/man/man1/cognito-creds.1.gz cognito-creds/share/systemd/cognito-credsd.service \
    cognito-creds/bin/cognito-creds-publisher cognito-creds/share/man/man1/cognito-creds-publisher.1.gz \
    cognito-creds/share/bash-completion/completions/cognito-creds-publisher \
    cognito-creds/share/zsh/cognito-creds-publisher.zsh \
    cognito-creds/share/launchd/dev.cognitocreds.cognito-credsd.plist; do
    grep -qx "$path" <<<"$contents" || die "$tarball lacks $path"
  done
  built+=("$tarball")
}

# --- The targets. ---

# `all` leaves linux-aarch64 out, saying so, where apt cannot download arm64 packages (a mirror
# without arm64, or arm64 not added); asked for by name, it fails instead.
debian_arches="amd64 arm64"
if [ "$aarch64_asked" = no ] && [[ $targets == *linux-aarch64* ]] && [ "$(host_os)" = linux ] &&
  command -v apt-cache >/dev/null 2>&1 && [ -z "$(debian_jdk_versions arm64)" ]; then
  note "apt knows no openjdk-17-jdk-headless:arm64, so 'all' skips linux-aarch64 (to build it: sudo dpkg --add-architecture arm64 && sudo apt-get update, on a mirror that serves arm64)"
  kept=""
  for target in $targets; do
    if [ "$target" != linux-aarch64 ]; then kept="$kept $target"; fi
  done
  targets=$kept
  debian_arches=amd64
fi

debian_version=""
for target in $targets; do
  case $target in
    host)
      os=$(host_os)
      arch=$(normalize_arch "$(uname -m)")
      [ -x "$jdk/bin/jlink" ] || die "$jdk/bin/jlink not found: set JAVA_HOME to a JDK 17 or later"
      [ -d "$jdk/jmods" ] || die "$jdk has no jmods/ folder, which jlink needs (Debian: apt-get install openjdk-17-jdk-headless; macOS: brew install openjdk@17)"
      echo "== $os-$arch with $("$jdk/bin/java" -version 2>&1 | head -n 1)"
      tree=$(stage "$os-$arch")
      docker_helper "$tree" host
      jlink_runtime "$jdk" "$jdk/jmods" "$arch" "$tree"
      archive "$tree" "cognito-creds-$version-$os-$arch"
      if [ "$os" = linux ]; then deb_package "$tree" "$arch"; fi
      ;;
    linux-x86_64 | linux-aarch64)
      arch=${target#linux-}
      tool_arch=$(deb_arch_of "$(normalize_arch "$(uname -m)")") || die "cannot run Debian's JDK on $(uname -m)"
      [ "$(host_os)" = linux ] || die "$target: Debian's JDK runs on Linux only; build 'host' and 'portable' here"
      if [ -z "$debian_version" ]; then
        # shellcheck disable=SC2086 # one or two arches
        debian_version=$(debian_jdk_version "$tool_arch" $debian_arches)
      fi
      tool_jdk=$(debian_jdk "$tool_arch" "$debian_version" yes)
      if [ "$(deb_arch_of "$arch")" = "$tool_arch" ]; then
        jmods=$tool_jdk/jmods
      else
        jmods=$(debian_jdk "$(deb_arch_of "$arch")" "$debian_version" no)/jmods
      fi
      echo "== linux-$arch with Debian's openjdk-17 $debian_version"
      tree=$(stage "linux-$arch")
      docker_helper "$tree" "linux-$(deb_arch_of "$arch")"
      jlink_runtime "$tool_jdk" "$jmods" "$arch" "$tree"
      archive "$tree" "cognito-creds-$version-linux-$arch"
      deb_package "$tree" "$arch"
      ;;
    portable)
      echo "== portable (no runtime: Java 17+ from JAVA_HOME or PATH)"
      tree=$(stage portable)
      docker_helper "$tree" bash
      archive "$tree" "cognito-creds-$version-portable"
      ;;
  esac
  echo "   tree: $(du -sk "$tree" | awk '{ printf "%.0f MiB", $1 / 1024 }')"
done

(
  cd "$out"
  for file in "${built[@]}"; do printf '%s  %s\n' "$(sha256_of "$file")" "$(basename "$file")"; done
) >"$out/SHA256SUMS"
rm -rf "$work"
ls -l "${built[@]}"
