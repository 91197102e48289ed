# Sourced by ./gateway and .ci/run: points JAVA_HOME at a JDK 21 or newer when it does not already.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}
usable_jdk() {
  [ -x "$1/bin/javac" ] && [ "$(java_major "$1/bin/java")" -ge 21 ] 2>/dev/null
}
if [ -z "${JAVA_HOME:-}" ] || ! usable_jdk "$JAVA_HOME"; then
  candidates=()
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for dir in /usr/lib/jvm/*; do candidates+=("$dir"); done
  JAVA_HOME=""
  for dir in "${candidates[@]}"; do
    if usable_jdk "$dir"; then JAVA_HOME="$dir"; break; fi
  done
  if [ -z "$JAVA_HOME" ]; then
    echo "A JDK 21 or newer is needed: install one, or set JAVA_HOME to it." >&2
    exit 1
  fi
fi
export JAVA_HOME
