#!/usr/bin/env bash
# Written contacts at scale: 100,000 waiting with deadlines over the twelve written queues and 500
# agents (a quarter Tier 2) with room for five messages each, filled with what is due first from
# several threads; then a burst of 2,000 mails to an office box over SMTP, read over IMAP (IDLE),
# parsed, threaded, acknowledged and queued.
#
#   bench/written.sh
#   CONTACTS=200000 AGENTS=1000 THREADS=4 MAILS=5000 bench/written.sh
#
# Runs through surefire (WrittenContactsBenchmark, which the ordinary build skips) so that it uses
# the build's JDK; prints a RESULT line for routing and one for mail.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test -Dtest=WrittenContactsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
    -Dbench.contacts="${CONTACTS:-100000}" -Dbench.agents="${AGENTS:-500}" -Dbench.threads="${THREADS:-2}" \
    -Dbench.rounds="${ROUNDS:-5}" -Dbench.mails="${MAILS:-2000}" 2>&1 | grep --line-buffered -E "^(seeded|round|RESULT)|ERROR\]|Exception"
