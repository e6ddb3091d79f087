#!/usr/bin/env bash
# Analytics at the default deployment's scale: a year of contact facts (14 million IVR calls, a
# third handed to people; -Dcalls=N for another figure) written a month at a time, then facts
# ingested one event at a time through the aggregate triggers, and a month's report over HTTP
# (p50, p99). Needs about 10 GB of disk and 10 minutes on 2 cores.
#
#   bench/analytics.sh
#
# Runs through surefire (AnalyticsBenchmark, which the ordinary build skips) so that it uses the
# build's JDK; prints RESULT lines.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test -Dtest=AnalyticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false "$@" \
    2>&1 | grep --line-buffered -E "^(month|RESULT)|ERROR\]|Exception"
