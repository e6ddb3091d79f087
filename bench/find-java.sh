# Sourced by the benchmark scripts: sets JAVA to a JDK 21+ (the one in $JAVA if set, else the first
# under /usr/lib/jvm), as Maven's toolchains plugin does for the build.
JAVA=${JAVA:-}
if [ -z "$JAVA" ]; then
  for jdk in /usr/lib/jvm/*; do
    [ -x "$jdk/bin/java" ] || continue
    v=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then JAVA="$jdk/bin/java"; break; fi
  done
fi
[ -n "$JAVA" ] || { echo "no JDK 21+ found under /usr/lib/jvm" >&2; exit 1; }
