#!/usr/bin/env bash
# The SIP endpoint under load from SIPp on the same machine: IVR calls that navigate the menu
# with RFC 4733 keys (1, 1, 1, a 13-digit receipt number, 1, five seconds apart, as in the
# Asterisk measurement in ../shared/reference/testing-notes.md) and hear prompts.
#
#   bench/sip-ivr.sh hold 1200        # hold 1200 concurrent ~29 s calls, caller sends only keys
#   AUDIO=1 bench/sip-ivr.sh hold 600 # the same, the caller also streams audio all along
#   KEYS=apart bench/sip-ivr.sh hold 1200  # each caller plays each step of keys when it comes,
#                                     # not one capture that lasts the call (see below)
#   bench/sip-ivr.sh rate 450         # 1.5 s calls set up at 450 per second for 20 s
#   ADDRESSES=default bench/sip-ivr.sh hold 900  # the newcomer's addresses: SIP on every interface,
#                                     # media advertised (and RTP bound) at this host's first
#                                     # non-loopback address, while SIPp calls from 127.0.0.1
#   DISPATCHER=kamailio bench/sip-ivr.sh hold 900  # two nodes on one PostgreSQL behind Kamailio
#                                     # (deploy/kamailio), SIPp calling the dispatcher: what the
#                                     # production shape costs when both nodes share these 2 cores
#
# Why KEYS=apart: SIPp plays a capture through a raw socket of its own, bound to its media
# address, for as long as the capture lasts, and the kernel offers every UDP packet sent to that
# address (our RTP to the callers) to every such socket. With one capture lasting each call, the
# cost of each packet we send grows with the number of calls: at 900 calls half of the pacer's
# time is the kernel's raw_local_deliver (perf). A caller on another machine costs nothing of the
# kind, so KEYS=apart plays the same keys, at the same times, from short captures that hold a raw
# socket about an eighth of the call. The Asterisk figures were measured with the default (one
# capture), so compare with those under the default.
#
# hold: ramps up to N calls over one call length, holds them for another, and measures the pace
# of our outbound RTP (tcpdump on lo for 10 s at the plateau): the p99 of |interval - 20 ms|
# per stream. A call fails if SIPp counts it failed, or if the IVR did not hear every key (its
# record does not reach the case status). rate: failures and the slowest setup.
# Needs: sip-tester, tcpdump, postgresql-client, python3 (apt-get install -y sip-tester tcpdump
# postgresql-client; kamailio too for DISPATCHER=kamailio), a JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-hold}
N=${2:-1200}
AUDIO=${AUDIO:-0}
KEYS=${KEYS:-together}
ADDRESSES=${ADDRESSES:-loopback}
ADDRESS_ARGS="--caseline.sip.bind-address=127.0.0.1 --caseline.sip.advertised-address=127.0.0.1"
[ "$ADDRESSES" = default ] && ADDRESS_ARGS=""
CALL_SECONDS=${CALL_SECONDS:-29}
SIP_PORT=${SIP_PORT:-5060}
DISPATCHER=${DISPATCHER:-none}
HTTP_PORT=${HTTP_PORT:-18080}
PG_PORT=${PG_PORT:-55433}
OUT=bench/out/sip
rm -rf "$OUT/run" && mkdir -p "$OUT/run"

. bench/find-java.sh

[ "${SKIP_BUILD:-0}" = 1 ] || mvn -q -B -DskipTests package
JAR=$(ls target/caseline-*.jar | grep -v original | head -1)
python3 bench/sip/keys-pcap.py "$OUT/run" "$CALL_SECONDS"
scenario() { # capture (or "apart"), pause after it in ms (or empty: -d): writes $OUT/run/ivr-call.xml
  python3 - "$PWD/$OUT/run" "$1" "$2" <<'PY'
import sys
run, capture, rest = sys.argv[1:]
play = lambda name: f'  <nop><action><exec play_pcap_audio="{run}/{name}"/></action></nop>\n'
if capture == "apart":  # the steps 5 s apart, as in keys.pcap; the number's digits 250 ms apart in one step
    media = '  <pause milliseconds="5000"/>\n'.join(play(f"keys-step{n}.pcap") for n in range(1, 6))
else:
    media = play(capture)
media += f'  <pause milliseconds="{rest}"/>' if rest else "  <pause/>"
xml = open("bench/sip/ivr-call.xml").read().replace("@MEDIA@", media)
open(f"{run}/ivr-call.xml", "w").write(xml)
PY
}

# one node, or two behind the dispatcher: node A owns the embedded PostgreSQL and mail server, node B uses them
NODE_SIP=$SIP_PORT
RTP_A="--caseline.sip.rtp-port-min=20000 --caseline.sip.rtp-port-max=39999"
if [ "$DISPATCHER" = kamailio ]; then
  NODE_SIP=$((SIP_PORT + 1))
  RTP_A="--caseline.sip.rtp-port-min=20000 --caseline.sip.rtp-port-max=29999"
fi
node() { # name, HTTP port, SIP port, RTP settings, further settings
  "$JAVA" ${JAVA_OPTS:--Xms1g -Xmx2g -XX:+UseParallelGC} -jar "$JAR" \
    --server.port="$2" --caseline.routing.node="$1" \
    --caseline.sip.port="$3" $ADDRESS_ARGS $4 \
    --caseline.sip.max-calls=6000 --caseline.sip.max-new-calls-per-second=5000 \
    --logging.level.root=WARN $5 ${EXTRA_ARGS:-} > "$OUT/$1.log" 2>&1 &
}
await_node() { # pid, HTTP port, log
  for _ in $(seq 1 300); do
    curl -sf "localhost:$2/actuator/health" >/dev/null && return 0
    kill -0 "$1" 2>/dev/null || { cat "$3"; exit 1; }
    sleep 1
  done
}
node node-a "$HTTP_PORT" "$NODE_SIP" "$RTP_A" "--caseline.database.embedded.data-dir=$OUT/postgres \
  --caseline.database.embedded.clean=true --caseline.database.embedded.port=$PG_PORT"
APP=$!
PIDS=$APP
trap 'kill $PIDS 2>/dev/null; wait $PIDS 2>/dev/null || true' EXIT
await_node $APP "$HTTP_PORT" "$OUT/node-a.log"
if [ "$DISPATCHER" = kamailio ]; then
  node node-b $((HTTP_PORT + 1)) $((SIP_PORT + 2)) \
    "--caseline.sip.rtp-port-min=30000 --caseline.sip.rtp-port-max=39999" \
    "--spring.datasource.url=jdbc:postgresql://localhost:$PG_PORT/caseline --spring.datasource.username=postgres \
    --spring.mail.host=127.0.0.1 --spring.mail.port=3025 --caseline.mail.imap.host=127.0.0.1 --caseline.mail.imap.port=3143"
  NODE_B=$!
  PIDS="$PIDS $NODE_B"
  await_node $NODE_B $((HTTP_PORT + 1)) "$OUT/node-b.log"
  printf '1 sip:127.0.0.1:%s 0 0\n1 sip:127.0.0.1:%s 0 0\n' $((SIP_PORT + 1)) $((SIP_PORT + 2)) > "$OUT/run/nodes.list"
  kamailio -DD -E -f deploy/kamailio/kamailio.cfg -l "udp:127.0.0.1:$SIP_PORT" \
    -A "DISPATCHER_LIST=\"$PWD/$OUT/run/nodes.list\"" -A "CTL_SOCKET=\"unix:$PWD/$OUT/run/ctl\"" \
    -Y "$OUT/run" -w "$OUT/run" -m 256 -M 16 > "$OUT/kamailio.log" 2>&1 &
  KAMAILIO=$!
  PIDS="$PIDS $KAMAILIO"
  for _ in $(seq 1 30); do
    [ "$(kamcmd -s "unix:$PWD/$OUT/run/ctl" dispatcher.list 2>/dev/null | grep -c 'FLAGS: AP')" = 2 ] && break
    sleep 1
  done
  echo "dispatcher: $(kamcmd -s "unix:$PWD/$OUT/run/ctl" dispatcher.list | grep -c 'FLAGS: AP') of 2 nodes up"
fi
PSQL="psql -h localhost -p $PG_PORT -U postgres -d caseline -Atq"
# one warm-up call, so that the JIT and the prompt cache are not what the first seconds measure
scenario keys.pcap ""
sipp 127.0.0.1:$SIP_PORT -sf "$OUT/run/ivr-call.xml" -s 18003755283 -i 127.0.0.1 -mi 127.0.0.1 -mp 16000 \
  -m 20 -l 20 -r 20 -d 2000 -nostdin -timeout 60s >/dev/null 2>&1 || true
$PSQL -c "truncate ivr_call_step, ivr_call"

cpu() { # average CPU % of a process over 5 s
  local pid=$1 a b
  a=$(awk '{print $14+$15}' /proc/$pid/stat); sleep 5; b=$(awk '{print $14+$15}' /proc/$pid/stat)
  echo $(( (b - a) * 100 / ($(getconf CLK_TCK) * 5) ))
}

if [ "$MODE" = hold ]; then
  PCAP=keys.pcap; [ "$AUDIO" = 1 ] && PCAP=keys-audio.pcap
  if [ "$KEYS" = apart ]; then
    [ "$AUDIO" = 1 ] && { echo "KEYS=apart is for callers that send only keys (AUDIO=0)"; exit 1; }
    scenario apart $(( CALL_SECONDS * 1000 - 20000 ))
  else
    scenario "$PCAP" ""
  fi
  RATE=$(python3 -c "print(round($N / $CALL_SECONDS, 2))")
  TOTAL=$(( N * 2 ))
  echo "hold: $N calls of ${CALL_SECONDS}s at $RATE calls/s, $TOTAL calls, caller audio: $AUDIO, keys: $KEYS"
  sipp 127.0.0.1:$SIP_PORT -sf "$OUT/run/ivr-call.xml" -s 18003755283 -i 127.0.0.1 -mi 127.0.0.1 -mp 16000 \
    -r "$RATE" -l "$N" -m "$TOTAL" -d $(( CALL_SECONDS * 1000 )) -nostdin -timeout $(( CALL_SECONDS * 4 + 60 ))s \
    -trace_stat -stf "$OUT/run/stats.csv" -fd 5 -trace_err -error_file "$OUT/run/errors.log" \
    > "$OUT/run/sipp.out" 2>&1 &
  SIPP=$!
  sleep $(( CALL_SECONDS + 8 ))
  echo "plateau: $($PSQL -c "select count(*) from ivr_call where ended_at is null") calls in progress"
  if [ "$DISPATCHER" = kamailio ]; then
    echo "CPU at the plateau: node A $(cpu $APP)%, node B $(cpu $NODE_B)%, SIPp $(cpu $SIPP)% (of one core)"
  else
    echo "CPU at the plateau: CaseLine $(cpu $APP)%, SIPp $(cpu $SIPP)% (of one core)"
  fi
  timeout 12 tcpdump -i lo -B 131072 -s 64 -w "$OUT/run/rtp.pcap" "udp and src portrange 20000-39999 and dst port 16000" \
    >/dev/null 2>&1 || true
  wait $SIPP || true
  sleep 3
  python3 - "$OUT/run/rtp.pcap" <<'PY'
import struct, sys, collections
data = open(sys.argv[1], "rb").read()
magic = struct.unpack("<I", data[:4])[0]
nano = magic == 0xA1B23C4D
pos, streams = 24, collections.defaultdict(list)
linktype = struct.unpack("<I", data[20:24])[0]
while pos + 16 <= len(data):
    sec, frac, incl, orig = struct.unpack("<IIII", data[pos:pos + 16])
    pkt = data[pos + 16:pos + 16 + incl]
    pos += 16 + incl
    off = 14 if linktype == 1 else 16 if linktype == 113 else 0
    ihl = (pkt[off] & 0x0F) * 4
    sport = struct.unpack("!H", pkt[off + ihl:off + ihl + 2])[0]
    streams[sport].append(sec + frac / (1e9 if nano else 1e6))
dev = []
for times in streams.values():
    dev += [abs((b - a) * 1000 - 20) for a, b in zip(times, times[1:])]
dev.sort()
if dev:
    q = lambda p: dev[min(len(dev) - 1, int(p * len(dev)))]
    print(f"RTP pacing: {len(streams)} streams, {len(dev)} intervals; |interval - 20 ms| p50 {q(0.5):.2f} ms, "
          f"p99 {q(0.99):.2f} ms, p99.9 {q(0.999):.2f} ms, max {dev[-1]:.2f} ms")
PY
else
  RATE=$N
  TOTAL=$(( RATE * 20 ))
  echo "rate: 1.5 s calls at $RATE calls/s, $TOTAL calls"
  sipp 127.0.0.1:$SIP_PORT -sf bench/sip/short-call.xml -s 18003755283 -i 127.0.0.1 -mi 127.0.0.1 -mp 16000 \
    -r "$RATE" -l $(( RATE * 4 )) -m "$TOTAL" -d 1500 -nostdin -timeout 120s \
    -trace_stat -stf "$OUT/run/stats.csv" -fd 5 -trace_err -error_file "$OUT/run/errors.log" \
    > "$OUT/run/sipp.out" 2>&1 &
  SIPP=$!
  sleep 8
  if [ "$DISPATCHER" = kamailio ]; then
    echo "CPU during the run: node A $(cpu $APP)%, node B $(cpu $NODE_B)%, SIPp $(cpu $SIPP)% (of one core)"
  else
    echo "CPU during the run: CaseLine $(cpu $APP)%, SIPp $(cpu $SIPP)% (of one core)"
  fi
  wait $SIPP || true
fi

python3 - "$OUT/run/stats.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=";"))
head, last = rows[0], rows[-1]
col = lambda name: last[head.index(name)]
print(f"SIPp: {col('SuccessfulCall(C)')} successful, {col('FailedCall(C)')} failed, "
      f"retransmissions {col('Retransmissions(C)')}, setup time (INVITE to 200) "
      f"mean {col('ResponseTime1(C)')}")
PY
if [ "$MODE" = hold ]; then
  echo "IVR: $($PSQL -c "select count(*) from ivr_call") calls recorded; $($PSQL -c "
    select count(*) from ivr_call c where exists (select 1 from ivr_call_step s
      where s.call_id = c.id and s.kind = 'NODE' and s.node = 'speak-status')") reached the case status by keypad"
  $PSQL -F ' | ' -c "select outcome, outcome_detail, media->>'hungUpBy', count(*) from ivr_call c where not exists (
      select 1 from ivr_call_step s where s.call_id = c.id and s.kind = 'NODE' and s.node = 'speak-status')
      group by 1, 2, 3 order by 4 desc limit 10" | sed 's/^/  did not reach it: /'
  $PSQL -F ' ' -c "select s.at::time, s.kind, s.node, left(s.detail, 60) from ivr_call_step s where s.call_id = (
      select c.id from ivr_call c where not exists (select 1 from ivr_call_step s2 where s2.call_id = c.id
      and s2.kind = 'NODE' and s2.node = 'speak-status') limit 1) order by s.seq" | sed 's/^/  e.g. /'
fi
[ "$DISPATCHER" = kamailio ] && echo "calls per node: $($PSQL -F ' ' -c "select coalesce(media->>'node', 'unrecorded'), count(*)
  from ivr_call group by 1 order by 1" | paste -sd ',')"
grep -c "" "$OUT/run/errors.log" 2>/dev/null | sed 's/^/SIPp error log lines: /' || true
