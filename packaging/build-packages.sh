#!/usr/bin/env bash
# Builds the user-facing packages from the distribution tree that `./mvnw package` assembles in
# packaging/target/cognito-creds/:
#   packaging/target/packages/cognito-creds-VERSION-linux-ARCH.tar.gz   (unpack anywhere, run bin/*)
#   packaging/target/packages/cognito-creds_VERSION_DEBARCH.deb          (/opt/cognito-creds, /usr/bin links)
# Both hold the same tree plus a jlink Java runtime (modules computed with jdeps), bash and zsh
# completion and the man pages.
#
# Usage: packaging/build-packages.sh [--build]   (--build runs `./mvnw -B -DskipTests package` first)
# DIST_DIR and PACKAGES_DIR override the input tree and the output folder.
# Needs: a JDK 17+ with jmods (jdeps, jlink), dpkg-deb, gzip, tar.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
dist=${DIST_DIR:-$here/target/cognito-creds}
out=${PACKAGES_DIR:-$here/target/packages}
work=$out/work

die() {
  printf 'build-packages: %s\n' "$*" >&2
  exit 1
}

if [ "${1:-}" = "--build" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests package)
fi
if [ ! -x "$dist/bin/cognito-creds" ] || [ ! -x "$dist/bin/cognito-credsd" ]; then
  die "no distribution in $dist: run ./mvnw -B -DskipTests package (or pass --build)"
fi

jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink || command -v java)")")")}
for tool in jdeps jlink java; do
  [ -x "$jdk/bin/$tool" ] || die "$jdk/bin/$tool not found: set JAVA_HOME to a JDK 17 or later"
done
[ -d "$jdk/jmods" ] || die "$jdk has no jmods/ folder, which jlink needs (Debian: apt-get install -y openjdk-17-jdk-headless)"
command -v dpkg-deb >/dev/null || die "dpkg-deb not found (apt-get install -y dpkg)"

# The project version, from the root pom's own <version> (the first one after <artifactId>).
version=$(sed -n '/<artifactId>cognito-creds-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
[ -n "$version" ] || die "cannot read the version from $root/pom.xml"
deb_arch=$(dpkg --print-architecture)
tar_arch=$(uname -m)

rm -rf "$work" && mkdir -p "$work" "$out"
stage=$work/cognito-creds
cp -a "$dist" "$stage"
rm -rf "$stage/runtime"

# --- Java runtime: only the modules the jars use, plus what they load by name at run time. ---
# jdk.crypto.ec: TLS to Cognito negotiates EC keys, a provider jdeps cannot see.
# jdk.localedata is left out on purpose: messages and dates are English/ISO only.
mapfile -t jars < <(find "$stage/lib" -name '*.jar' | sort)
# jdeps prints split-package warnings (the client jar bundles Jackson too) on stdout before the list.
modules=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps "${jars[@]}" | tail -n 1)
[[ $modules =~ ^java\.base(,[a-z.]+)*$ ]] || die "jdeps did not print a module list: $modules"
modules="$modules,jdk.crypto.ec"
echo "jlink modules: $modules"
# No --compress: a compressed module image starts every command slower, and the packages are
# compressed anyway. The class-data-sharing archive halves the client's start (about 0.5 s -> 0.25 s).
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$stage/runtime"
"$stage/runtime/bin/java" -Xshare:dump >/dev/null
"$stage/runtime/bin/java" -version 2>&1 | head -n 1

# --- Shell completion and man pages. ---
mkdir -p "$stage/share/bash-completion/completions" "$stage/share/zsh" "$stage/share/man/man1"
"$stage/runtime/bin/java" -cp "$stage/lib/client/*" dev.cognitocreds.client.setup.CompletionScript \
  > "$stage/share/bash-completion/completions/cognito-creds"
bash -n "$stage/share/bash-completion/completions/cognito-creds"
cp "$here/completion/cognito-creds.zsh" "$stage/share/zsh/cognito-creds.zsh"
for page in "$here"/man/*.1; do
  sed "s/@VERSION@/$version/g" "$page" | gzip -9n > "$stage/share/man/man1/$(basename "$page").gz"
done

# Reproducible ownership and order: the archive must not carry the builder's user or umask.
chmod -R u=rwX,go=rX "$stage"
chmod 755 "$stage"/bin/* "$stage"/runtime/bin/*

# --- tar.gz ---
tarball=$out/cognito-creds-$version-linux-$tar_arch.tar.gz
tar -C "$work" --sort=name --owner=0 --group=0 --numeric-owner --mtime='@0' -cf - cognito-creds | gzip -9n > "$tarball"

# --- .deb: /opt/cognito-creds, commands linked into /usr/bin. ---
debroot=$work/deb
mkdir -p "$debroot/opt" "$debroot/usr/bin" "$debroot/usr/share/bash-completion/completions" \
  "$debroot/usr/share/man/man1" "$debroot/usr/lib/systemd/user" "$debroot/DEBIAN"
cp -a "$stage" "$debroot/opt/cognito-creds"
ln -s /opt/cognito-creds/bin/cognito-creds "$debroot/usr/bin/cognito-creds"
ln -s /opt/cognito-creds/bin/cognito-credsd "$debroot/usr/bin/cognito-credsd"
ln -s /opt/cognito-creds/share/bash-completion/completions/cognito-creds \
  "$debroot/usr/share/bash-completion/completions/cognito-creds"
for page in "$stage"/share/man/man1/*.gz; do
  ln -s "/opt/cognito-creds/share/man/man1/$(basename "$page")" "$debroot/usr/share/man/man1/$(basename "$page")"
done
# A ready user unit, so `systemctl --user enable --now cognito-credsd` works without `service install`.
sed 's|^ExecStart=.*|ExecStart=/opt/cognito-creds/bin/cognito-credsd|' "$stage/share/systemd/cognito-credsd.service" \
  > "$debroot/usr/lib/systemd/user/cognito-credsd.service"
chmod 644 "$debroot/usr/lib/systemd/user/cognito-credsd.service"
size=$(du -sk --exclude=DEBIAN "$debroot" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$deb_arch/" -e "s/@SIZE@/$size/" "$here/deb/control" > "$debroot/DEBIAN/control"
deb=$out/cognito-creds_${version}_$deb_arch.deb
dpkg-deb --root-owner-group -Zgzip --build "$debroot" "$deb" >/dev/null

# Checks: the package lists what users run, and both packages hold a runnable runtime.
listing=$(dpkg-deb -c "$deb")
for path in ./opt/cognito-creds/bin/cognito-creds ./opt/cognito-creds/bin/cognito-credsd \
  ./opt/cognito-creds/runtime/bin/java ./usr/bin/cognito-creds ./usr/bin/cognito-credsd \
  ./usr/lib/systemd/user/cognito-credsd.service ./opt/cognito-creds/share/man/man1/cognito-creds.1.gz \
  ./opt/cognito-creds/share/launchd/dev.cognitocreds.cognito-credsd.plist; do
  grep -q " $path\( \|$\)" <<<"$listing" || die "$deb lacks $path"
done
contents=$(tar -tzf "$tarball")
grep -qx 'cognito-creds/runtime/bin/java' <<<"$contents" || die "$tarball lacks the runtime"

ls -l "$tarball" "$deb"
echo "runtime: $(du -sh "$stage/runtime" | cut -f1); tree: $(du -sh "$stage" | cut -f1)"
