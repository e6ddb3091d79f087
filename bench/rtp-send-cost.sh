#!/usr/bin/env bash
# What one RTP packet costs the kernel to send on loopback: one send() per packet on per-call
# connected sockets (what CaseLine does) against io_uring batches across sockets (what batching
# would save), with as many raw sockets on the receiving address as SIPp holds while it plays
# captures (RAWS, a list). Needs gcc, liburing-dev and root (the raw sockets).
#
#   bench/rtp-send-cost.sh                  # 1,200 calls, a slot of 120 per batch, 0 150 600 1200 raw sockets
#   CALLS=800 RAWS="0 800" bench/rtp-send-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${CALLS:-1200}
ROUNDS=${ROUNDS:-50}
BATCH=${BATCH:-$((CALLS / 10))}
RAWS=${RAWS:-0 150 600 1200}
mkdir -p bench/out
gcc -O2 -o bench/out/send-cost bench/rtp/send-cost.c -luring
for raws in $RAWS; do
  bench/out/send-cost "$CALLS" "$ROUNDS" "$BATCH" "$raws"
done
