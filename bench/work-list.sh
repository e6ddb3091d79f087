#!/usr/bin/env bash
# An office's work list under load: 1,000,000 service requests over the offices that hold the
# demo's 50,000 cases (40 % open or waiting), then 20 office staff (wrk connections, each request
# with one of the offices' own signed-in sessions) reading their office's first page of open
# requests, soonest due first.
#
#   bench/work-list.sh                    # 20 connections, 30 s
#   CONNECTIONS=40 DURATION=20 bench/work-list.sh
#
# Needs: wrk, psql (apt-get install -y wrk postgresql-client), a JDK 21+. Filing throughput is
# measured by bench/service-requests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS=${CONNECTIONS:-20}
DURATION=${DURATION:-30}
REQUESTS=${REQUESTS:-1000000}
HTTP_PORT=${HTTP_PORT:-18082}
PG_PORT=${PG_PORT:-55434}
OUT=bench/out/work-list
rm -rf "$OUT"; mkdir -p "$OUT"

. bench/find-java.sh
mvn -q -B -DskipTests package
JAR=$(ls target/caseline-*.jar | grep -v original | head -1)

"$JAVA" ${JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseParallelGC} -jar "$JAR" \
  --server.port="$HTTP_PORT" \
  --caseline.database.embedded.data-dir="$OUT/postgres" \
  --caseline.database.embedded.port="$PG_PORT" \
  --caseline.demo.cases=50000 \
  --caseline.sip.enabled=false --caseline.mail.embedded.smtp-port=0 --caseline.mail.embedded.imap-port=0 \
  --logging.level.root=WARN > "$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT

echo "waiting for CaseLine..."
for _ in $(seq 1 600); do
  curl -sf "localhost:$HTTP_PORT/actuator/health" >/dev/null && break
  kill -0 $APP 2>/dev/null || { cat "$OUT/app.log"; exit 1; }
  sleep 1
done

PSQL="psql -q -h localhost -p $PG_PORT -U postgres -d caseline"
echo "seeding $REQUESTS requests..."
time $PSQL <<SQL
create function pg_temp.luhn(body text) returns int language sql as \$\$
  select (10 - sum(case when (length(body) - i) % 2 = 0 then (case when d * 2 > 9 then d * 2 - 9 else d * 2 end) else d end)::int % 10) % 10
  from (select i, substr(body, i, 1)::int as d from generate_series(1, length(body)) i) x \$\$;
-- the cases numbered 0..n-1; request g is on case g mod n (a hash join: n is a constant here)
create temp table c as select receipt_number, office_code, (row_number() over (order by receipt_number) - 1)::int as k,
                              (select count(*) from case_record)::int as n from case_record;
create index on c (k);
with g as (select g, (10000000 + g)::text as body, g % (select count(*) from case_record)::int as k from generate_series(0, $REQUESTS - 1) g)
insert into service_request (reference, type, receipt_number, office_code, channel, status, fields, requester_name,
                             requester_email, language, filed_by, filed_at, due_date, outcome, closed_at)
select g.body || pg_temp.luhn(g.body),
       case when g.g < c.n * 6 and g.g < $REQUESTS * 4 / 10
            then (array['notice-not-received','card-not-received','document-not-received','outside-processing-time','accommodation','expedite'])[g.g / c.n + 1]
            else (array['notice-not-received','card-not-received','typographical-error','accommodation'])[1 + g.g % 4] end,
       c.receipt_number, c.office_code, 'TIER1',
       case when g.g < c.n * 6 and g.g < $REQUESTS * 4 / 10 then (case when g.g % 4 = 0 then 'WAITING' else 'OPEN' end) else 'CLOSED' end,
       '{}', 'Bench Requester', 'bench@example.com', 'en', 'tier1',
       now() - (g.g % 259200) * interval '1 minute', (now() - (g.g % 259200) * interval '1 minute')::date + 21,
       case when g.g < c.n * 6 and g.g < $REQUESTS * 4 / 10 then null else 'RESOLVED' end,
       case when g.g < c.n * 6 and g.g < $REQUESTS * 4 / 10 then null else now() end
from g join c on c.k = g.k;
analyze service_request;
SQL
$PSQL -At -c "select office_code, count(*) from service_request where status = 'OPEN' group by 1 order by 2 desc" | head -20

# one signed-in session per office account (the form, as a browser signs in)
: > "$OUT/sessions.txt"
for office in $($PSQL -At -c "select distinct office_code from service_request where status = 'OPEN'"); do
  user=$(echo "$office" | tr 'A-Z' 'a-z')
  jar="$OUT/cookies-$user"
  token=$(curl -s -c "$jar" "localhost:$HTTP_PORT/login" | grep -o 'name="_csrf"[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "username=$user" --data-urlencode "password=demo" \
       --data-urlencode "_csrf=$token" "localhost:$HTTP_PORT/login"
  echo "$office $(awk '$6 == "JSESSIONID" {print $7}' "$jar" | tail -1)" >> "$OUT/sessions.txt"
done
echo "sessions: $(wc -l < "$OUT/sessions.txt")"
export SESSIONS="$OUT/sessions.txt"
curl -sf -H "Cookie: JSESSIONID=$(head -1 "$SESSIONS" | cut -d' ' -f2)" \
  "localhost:$HTTP_PORT/api/offices/$(head -1 "$SESSIONS" | cut -d' ' -f1)/service-requests?limit=1" | head -c 300; echo

echo "warming up the JVM..."
wrk -t2 -c"$CONNECTIONS" -d20s -s bench/work-list.lua "http://localhost:$HTTP_PORT" > /dev/null
echo "--- $CONNECTIONS connections, ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/work-list.lua "http://localhost:$HTTP_PORT" | grep RESULT
