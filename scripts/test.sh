#!/usr/bin/env bash
# The whole test suite: set up, build, run every lit test (the compiler's
# stages, the runtime, compile-time NumPy, and end-to-end models).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tcc-test-depends
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
/usr/lib/llvm-22/bin/lit -sv build/test "$@" 2>&1 | tee "$log" || status=$?
# lit's summary, as the plain closing line CI reads.
count() { sed -n "s/^ *$1 *: *\([0-9]*\).*/\1/p" "$log" | tail -1; }
passed=$(count Passed); failed=$(count Failed); xfailed=$(count "Expectedly Failed")
unsupported=$(count Unsupported); unexpected=$(count "Unexpectedly Passed")
echo "lit: ${passed:-0} passed, $(( ${failed:-0} + ${unexpected:-0} )) failed, $(( ${unsupported:-0} + ${xfailed:-0} )) skipped"
exit "$status"
