#!/usr/bin/env bash
# Office locator throughput: GET /api/offices?zip= (field office with jurisdiction, the three
# nearest support centers with their distances) over random real ZIP codes.
#
#   bench/offices.sh                      # 8 and 64 connections, 30 s each
#   CONNECTIONS=32 DURATION=20 bench/offices.sh
#   PACE_MS=10 LEVELS=64 bench/offices.sh   # each connection waits ~10 ms between answer and request
#
# Needs: wrk (apt-get install -y wrk), a JDK 21+. It builds the jar, starts CaseLine on an
# embedded PostgreSQL under bench/out, warms the JIT up, then runs wrk at each level and prints
# a RESULT line per level (requests, non-2xx, requests/s, p50, p99).
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-64}
LEVELS=${LEVELS:-"8 $CONNECTIONS"}
DURATION=${DURATION:-30}
HTTP_PORT=${HTTP_PORT:-18081}
PG_PORT=${PG_PORT:-55433}
OUT=bench/out/offices
mkdir -p "$OUT"

. bench/find-java.sh

mvn -q -B -DskipTests package
JAR=$(ls target/caseline-*.jar | grep -v original | head -1)

"$JAVA" ${JAVA_OPTS:--Xms1g -Xmx2g} -jar "$JAR" \
  --server.port="$HTTP_PORT" \
  --caseline.database.embedded.data-dir="$OUT/postgres" \
  --caseline.database.embedded.port="$PG_PORT" \
  --caseline.sip.enabled=false \
  --logging.level.root=WARN ${EXTRA_ARGS:-} > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT

echo "waiting for CaseLine..."
for _ in $(seq 1 300); do
  curl -sf "localhost:$HTTP_PORT/actuator/health" >/dev/null && break
  kill -0 $APP 2>/dev/null || { cat "$OUT/app.log"; exit 1; }
  sleep 1
done

# every fifth ZIP code the shipped data has, from the file the application reads
grep -o '"[0-9]\{5\}":{' target/classes/directory/zipcodes/lib/codes.js | tr -dc '0-9\n' | awk 'NR % 5 == 0' > "$OUT/zips.txt"
echo "ZIP codes asked for: $(wc -l < "$OUT/zips.txt")"
export ZIPS="$OUT/zips.txt"

echo "warming up the JVM..."
wrk -t2 -c16 -d20s -s bench/offices.lua "http://localhost:$HTTP_PORT" > /dev/null

for c in $LEVELS; do
  echo "--- $c connections, ${DURATION}s"
  wrk -t2 -c"$c" -d"${DURATION}s" --latency -s bench/offices.lua "http://localhost:$HTTP_PORT" | grep RESULT
done
