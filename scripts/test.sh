#!/usr/bin/env bash
# The whole test suite: set up, build, run every lit test (the compiler's
# stages, the runtime, compile-time NumPy, and end-to-end models).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tcc-test-depends
log=$(mktemp)
trap 'rm -f "$log" "$log.O0"' EXIT
status=0
/usr/lib/llvm-22/bin/lit -sv build/test "$@" 2>&1 | tee "$log" || status=$?
# The optimizer must not change results: the numeric end-to-end suites again
# at -O0 (stability rewrites stay on; they are part of the meaning).
if [[ $# -eq 0 ]]; then
  TCC_OPTIONS=-O0 /usr/lib/llvm-22/bin/lit -s build/test \
    --filter 'EndToEnd|Examples|Grad|Run/' 2>&1 | tee -a "$log.O0" || status=$?
fi
# The runtime built with ASan and UBSan: its C tests and 20000 fuzzed calls
# (the whole suite sanitized is scripts/test-sanitized.sh, too long for CI).
if [[ $# -eq 0 ]]; then
  bash scripts/test-sanitized.sh --runtime 2>&1 | tail -5 || status=$?
fi
# lit's summary, as the plain closing line CI reads.
count() { sed -n "s/^ *$2 *: *\([0-9]*\).*/\1/p" "$1" 2>/dev/null | tail -1; }
passed=$(count "$log" Passed); failed=$(count "$log" Failed)
xfailed=$(count "$log" "Expectedly Failed"); unsupported=$(count "$log" Unsupported)
unexpected=$(count "$log" "Unexpectedly Passed")
o0passed=$(count "$log.O0" Passed); o0failed=$(count "$log.O0" Failed)
echo "lit: $(( ${passed:-0} + ${o0passed:-0} )) passed, $(( ${failed:-0} + ${unexpected:-0} + ${o0failed:-0} )) failed, $(( ${unsupported:-0} + ${xfailed:-0} )) skipped"
exit "$status"
