#!/usr/bin/env bash
# The test suite on the sanitized build (clang-22, ASan + UBSan + LSan;
# scripts/sanitize-build.sh): any sanitizer report fails its test.
#
#   scripts/test-sanitized.sh [LIT ARGS]   everything (about an hour on 2 cores)
#   scripts/test-sanitized.sh --runtime    the subset CI runs: the runtime
#       built with the sanitizers, its C tests, and the call fuzzer against
#       a compiled model linked with that runtime
set -euo pipefail
cd "$(dirname "$0")/.."
lit=/usr/lib/llvm-22/bin/lit
if [[ ${1:-} != --runtime ]]; then
  bash scripts/sanitize-build.sh
  exec "$lit" -sv build-san/test "$@"
fi

bash scripts/sanitize-build.sh tcc-runtime-test-deps tcc-fuzz-call
# Runtime tests on the hand-written models (the ones that need no compiler).
"$lit" -sv build-san/test --filter \
  'Runtime/(call|call-errors|shared|threads|memref-copy|complex|bad-manifest)\.c'
# A model the normal build's compiler generates, linked as the sanitized
# driver would link it, called 20000 times at random.
bash scripts/build.sh tcc
work=$(mktemp -d)
mkdir "$work/corpus"
trap 'rm -rf "$work"' EXIT
build/bin/tcc fuzz/models/call_fuzz.th --emit=obj -o "$work/model.o"
asan=$(clang-22 --print-runtime-dir)/libclang_rt.asan-x86_64.so
clang-22 -shared -o "$work/model.so" "$work/model.o" build-san/lib/libtccrt.a \
  -lopenblas -lstdc++ -lmvec -lm \
  -Wl,--version-script=build-san/lib/tcc/tcc.map -Wl,--no-undefined "$asan"
LD_PRELOAD=$asan ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 OPENBLAS_NUM_THREADS=1 \
  TCC_FUZZ_MODEL=$work/model.so \
  build-san/bin/tcc-fuzz-call -runs=20000 -seed=1 -artifact_prefix="$work/" "$work/corpus" fuzz/regressions/call \
  fuzz/corpus/call
echo "sanitized runtime subset: passed"
