#!/usr/bin/env bash
# Case status API throughput against the database's own point-select rate, on one machine.
#
#   bench/case-status.sh            # 1,000,000 cases, 64 connections, 30 s each
#   CASES=100000 CONNECTIONS=32 DURATION=20 bench/case-status.sh
#
# MIXES="uniform skewed" (default both): uniform picks any of 200,000 sampled receipts; skewed is
# what a real status line sees, most people asking about cases filed lately: 80 % of lookups go to
# the 20,000 most recently received cases (2 % of them), the rest to the uniform sample.
# PIN=1 keeps the load generators (wrk, pgbench) on the last core and CaseLine with its PostgreSQL
# on the others; it is the default from 4 cores up (on 2 cores it halves the server's CPU).
# EXTRA_ARGS="--spring.threads.virtual.enabled=false" passes settings to CaseLine;
# JAVA_OPTS="-Xmx2g -XX:+UseParallelGC" replaces the JVM options (default -Xms1g -Xmx2g).
# Needs: wrk, pgbench and psql (apt-get install -y wrk postgresql-client), a JDK 21+.
# It builds the jar, starts CaseLine on an embedded PostgreSQL under bench/out (loading the cases
# on first run), runs wrk against GET /case-status/{r} over random existing receipts, then
# pgbench -S (point selects by primary key) against the same PostgreSQL server at the same
# concurrency, and prints both rates, both p99s and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-1000000}
CONNECTIONS=${CONNECTIONS:-64}
LEVELS=${LEVELS:-"8 $CONNECTIONS"}
DURATION=${DURATION:-30}
HTTP_PORT=${HTTP_PORT:-18080}
PG_PORT=${PG_PORT:-55432}
MIXES=${MIXES:-"uniform skewed"}
OUT=bench/out
mkdir -p "$OUT"

CPUS=$(nproc)
PIN=${PIN:-$([ "$CPUS" -ge 4 ] && echo 1 || echo 0)}
if [ "$PIN" = 1 ]; then
  SERVER_CPUS="taskset -c 0-$((CPUS - 2))"
  LOAD_CPUS="taskset -c $((CPUS - 1))"
else
  SERVER_CPUS=""
  LOAD_CPUS=""
fi

. bench/find-java.sh

mvn -q -B -DskipTests package
JAR=$(ls target/caseline-*.jar | grep -v original | head -1)

$SERVER_CPUS "$JAVA" ${JAVA_OPTS:--Xms1g -Xmx2g} -jar "$JAR" \
  --server.port="$HTTP_PORT" \
  --caseline.database.embedded.data-dir="$OUT/postgres" \
  --caseline.database.embedded.port="$PG_PORT" \
  --caseline.demo.cases="$CASES" \
  --caseline.case-status.rate-limit.per-second=1000000000 \
  --caseline.case-status.rate-limit.burst=1000000000 \
  --spring.datasource.hikari.maximum-pool-size=16 \
  --logging.level.root=WARN ${EXTRA_ARGS:-} > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT

echo "waiting for CaseLine (first run loads $CASES cases)..."
for _ in $(seq 1 900); do
  curl -sf "localhost:$HTTP_PORT/actuator/health" >/dev/null && break
  kill -0 $APP 2>/dev/null || { cat "$OUT/app.log"; exit 1; }
  sleep 1
done

PSQL="psql -h localhost -p $PG_PORT -U postgres"
TOTAL=$($PSQL -d caseline -Atc "select count(*) from case_record")
echo "cases in the database: $TOTAL"
$PSQL -d caseline -Atc "select receipt_number from case_record tablesample bernoulli(10) limit 200000" > "$OUT/receipts.txt"
$PSQL -d caseline -Atc "select receipt_number from case_record order by received_date desc, receipt_number limit 20000" > "$OUT/recent.txt"

TOKEN=$(curl -s -X POST "localhost:$HTTP_PORT/oauth/accesstoken" \
  -d grant_type=client_credentials -d client_id=demo -d client_secret=demo-secret \
  | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
export TOKEN RECEIPTS="$OUT/receipts.txt" RECENT="$OUT/recent.txt"

echo "warming up the JVM (the JIT needs about a minute of traffic)..."
MIX=uniform $LOAD_CPUS wrk -t2 -c"$CONNECTIONS" -d60s -s bench/case-status.lua "http://localhost:$HTTP_PORT" > /dev/null

# The database's own point-select rate: pgbench -S on a pgbench database of the same size (scale
# 10 = 1,000,000 rows) in the same PostgreSQL server, while CaseLine idles.
$PSQL -d postgres -Atc "select 1 from pg_database where datname = 'pgbench'" | grep -q 1 \
  || { $PSQL -d postgres -c "create database pgbench" >/dev/null; pgbench -h localhost -p "$PG_PORT" -U postgres -i -q -s 10 pgbench; }
run_level() {
  local c=$1 mix=$2
  API=$(MIX=$mix $LOAD_CPUS wrk -t2 -c"$c" -d"${DURATION}s" --latency -s bench/case-status.lua "http://localhost:$HTTP_PORT" | tee "$OUT/wrk-$mix-$c.txt" | grep '^RESULT')
  rm -f "$OUT"/pgbench_log.*
  (cd "$OUT" && $LOAD_CPUS pgbench -h localhost -p "$PG_PORT" -U postgres -S -n -c "$c" -j 2 -T "$DURATION" -l --log-prefix=pgbench_log pgbench > "pgbench-$c.txt")
  DB_TPS=$(awk '/^tps/ {print $3; exit}' "$OUT/pgbench-$c.txt")
  DB_P99=$(cat "$OUT"/pgbench_log.* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int(NR*0.99)]/1000}')
  API_RPS=$(echo "$API" | sed 's/.*rps=\([0-9.]*\).*/\1/')
  API_P99=$(echo "$API" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')
  NON2XX=$(echo "$API" | sed 's/.*non2xx=\([0-9]*\).*/\1/')
  RATIO=$(awk -v a="$API_RPS" -v d="$DB_TPS" 'BEGIN {printf "%.2f", a / d}')
  echo "SUMMARY mix=$mix connections=$c api_rps=$API_RPS api_p99_ms=$API_P99 api_non2xx=$NON2XX db_tps=$DB_TPS db_p99_ms=$DB_P99 ratio=$RATIO"
}

echo "cases=$TOTAL duration=${DURATION}s per run; wrk -t2 against the API, pgbench -S -j2 against PostgreSQL; pinned=$PIN on $CPUS cores"
for mix in $MIXES; do
  for c in $LEVELS; do
    run_level "$c" "$mix"
  done
done
