#!/usr/bin/env bash
# Booking under a race: 2,000 people for the 200 places of one support center's next week, each
# taking the next free slot a refusal lists until booked or told nothing is left.
#
#   bench/appointments.sh
#   BOOKERS=5000 PLACES=300 THREADS=64 bench/appointments.sh
#
# Runs through surefire (AppointmentsBenchmark, which the ordinary build skips) so that it uses the
# build's JDK; prints a RESULT line.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test -Dtest=AppointmentsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
    -Dbench.bookers="${BOOKERS:-2000}" -Dbench.places="${PLACES:-200}" -Dbench.threads="${THREADS:-32}" \
    2>&1 | grep --line-buffered -E "^(seeded|RESULT)|ERROR\]|Exception"
