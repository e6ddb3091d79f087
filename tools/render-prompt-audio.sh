#!/usr/bin/env bash
# Re-renders the speech shipped for machines without espeak-ng (src/main/resources/ivr/audio/*.bundle.xz)
# from the default prompts, the catalogue and ivr/audio/phrases.yaml. Needs espeak-ng.
# Run through surefire so that it uses the build's JDK (the toolchain), like the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q test -Dtest=RenderPromptAudio -Dsurefire.failIfNoSpecifiedTests=false -Dsurefire.useFile=false
