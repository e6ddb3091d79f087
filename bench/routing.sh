#!/usr/bin/env bash
# Routing decisions per second and their latency: 10,000 contacts waiting in the ten queues,
# 2,000 agents with mixed skills becoming available, each decision one agent taking the first
# contact in line among the queues they serve (decided in memory on the elected node, written in
# batches, rows locked SKIP LOCKED); then everyone free at once, one call routing all 2,000.
#
#   bench/routing.sh                 # one node, 8 threads, 5 measured rounds of 2,000 decisions
#   NODES=2 bench/routing.sh         # two nodes (two application contexts) on one PostgreSQL
#   THREADS=4 ROUNDS=10 bench/routing.sh
#
# Runs through surefire (RoutingBenchmark, which the ordinary build skips) so that it uses the
# build's JDK; prints a RESULT line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test -Dtest=RoutingBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
    -Dbench.nodes="${NODES:-1}" -Dbench.threads="${THREADS:-8}" -Dbench.rounds="${ROUNDS:-5}" -Dbench.batch="${BATCH:-1}" -Dbench.explain="${EXPLAIN:-false}" "-Dbench.initsql=${INITSQL:-select 1}" \
    2>&1 | grep -E "^(round|RESULT|seeded|  |Limit|Planning|Execution|LockRows)"
