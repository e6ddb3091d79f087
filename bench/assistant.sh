#!/usr/bin/env bash
# The virtual assistant on its evaluation set (src/test/resources/assistant/evaluation.yaml): top-1
# accuracy per language, refusal precision and recall, and answer latency, for BM25 alone,
# embeddings alone and the two fused; and the model's start-up cost.
#
#   bench/assistant.sh
#
# Runs through surefire (AssistantBenchmark, which the ordinary build skips) so that it uses the
# build's JDK; prints RESULT lines.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test -Dtest=AssistantBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false \
    2>&1 | grep --line-buffered -E "^(seeded|RESULT|miss)|ERROR\]|Exception"
