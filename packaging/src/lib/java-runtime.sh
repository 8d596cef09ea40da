# Sourced by bin/cognito-creds, bin/cognito-credsd and bin/cognito-creds-publisher once APP_HOME is known: cc_find_java NAME sets JAVA.
# shellcheck shell=bash
#
# The bundled runtime first: it is the one this installation was built and tested with, and an old
# JAVA_HOME (say Java 8, set for another tool) must not break an installed package. An installation
# without one (the portable archive) takes JAVA_HOME, then java on PATH, and refuses a Java older
# than 17 with what to do, rather than letting it fail with UnsupportedClassVersionError. Bash 3.2
# (macOS) compatible; no process is started when the JDK's `release` file tells the version.

cc_find_java() { # cc_find_java NAME: sets JAVA, or says what to install and exits 1
  local name=$1 from major install
  if [ -x "$APP_HOME/runtime/bin/java" ]; then
    JAVA=$APP_HOME/runtime/bin/java
    return 0
  fi
  case $(uname -s 2>/dev/null) in
    Darwin) install='brew install openjdk@17' ;;
    *) install='apt-get install openjdk-17-jre-headless, or your distribution'"'"'s Java 17 package' ;;
  esac
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA=$JAVA_HOME/bin/java
    from="JAVA_HOME ($JAVA_HOME)"
  elif JAVA=$(command -v java 2>/dev/null) && [ -n "$JAVA" ]; then
    from="PATH ($JAVA)"
  else
    printf '%s needs Java 17 or later and found none: install it (%s), then set JAVA_HOME or put java on PATH\n' \
      "$name" "$install" >&2
    exit 1
  fi
  major=$(cc_java_major "$JAVA")
  if [ -n "$major" ] && [ "$major" -lt 17 ]; then
    printf '%s needs Java 17 or later; the java from %s is Java %s. Install Java 17 (%s) and point JAVA_HOME at it\n' \
      "$name" "$from" "$major" "$install" >&2
    exit 1
  fi
}

cc_java_major() { # cc_java_major JAVA: its feature version from the JDK's release file (bin/../release, or
  # bin/../../release for a Java 8 jre/bin/java), empty when unknown
  local java=$1 link release version
  while [ -h "$java" ]; do
    link=$(readlink "$java")
    case $link in
      /*) java=$link ;;
      *) java=${java%/*}/$link ;;
    esac
  done
  release=${java%/*}/../release
  if [ ! -f "$release" ]; then
    # Java 8 JDK: java is <jdk>/jre/bin/java and the release file is <jdk>/release
    case ${java%/*} in
      */jre/bin) release=${java%/*}/../../release ;;
    esac
    [ -f "$release" ] || return 0
  fi
  version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$release")
  case $version in 1.*) version=${version#1.} ;; esac
  version=${version%%[!0-9]*}
  printf '%s' "$version"
}
