#!/usr/bin/env bash
# Service requests at scale: 1,000,000 requests over the offices that hold the demo's 50,000
# cases (40 % open or waiting); 20 office staff, each with their own signed-in session, reading
# their office's work list (open, soonest due first, first page of 50) over HTTP; then agents
# filing new requests from 8 threads through the service.
#
#   bench/service-requests.sh
#   REQUESTS=200000 STAFF=40 SECONDS=30 bench/service-requests.sh
#
# Runs through surefire (ServiceRequestsBenchmark, which the ordinary build skips) so that it uses
# the build's JDK; prints a RESULT line for the work lists and one for filing.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test -Dtest=ServiceRequestsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
    -Dbench.requests="${REQUESTS:-1000000}" -Dbench.staff="${STAFF:-20}" -Dbench.seconds="${SECONDS_EACH:-20}" \
    -Dbench.filers="${FILERS:-8}" 2>&1 | grep -E "^(seeded|RESULT|  )"
