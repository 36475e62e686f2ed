#!/usr/bin/env bash
# Runs the coverage-guided fuzzers (libFuzzer, with ASan and UBSan) of the
# sanitized build for a given time each:
#
#   scripts/fuzz.sh [SECONDS=600] [frontend|call]...
#
# New interesting inputs accumulate in build-san/fuzz-corpus/TARGET, crashes
# in build-san/fuzz-artifacts/. A crash, once fixed, goes into
# fuzz/regressions/TARGET/, which the test suite replays (test/Fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
targets=("$@")
((${#targets[@]})) || targets=(frontend call)
bash scripts/sanitize-build.sh tcc tcc-fuzzers tcc-runtime-test-deps
mkdir -p build-san/fuzz-artifacts
# A request too large to allocate is an error status, as without ASan.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
# -fsanitize=fuzzer puts libstdc++ before the shared ASan runtime.
asan="LD_PRELOAD=$(clang-22 --print-runtime-dir)/libclang_rt.asan-x86_64.so"
export OPENBLAS_NUM_THREADS=1
for target in "${targets[@]}"; do
  corpus=build-san/fuzz-corpus/$target
  mkdir -p "$corpus"
  flags=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096
         -print_final_stats=1
         -artifact_prefix="build-san/fuzz-artifacts/$target-")
  case $target in
  frontend)
    # Diagnostics of the mutants on stderr are noise: -close_fd_mask=2.
    env "$asan" build-san/bin/tcc-fuzz-frontend "${flags[@]}" -max_len=8192 \
      -close_fd_mask=2 -dict=fuzz/th.dict "$corpus" fuzz/corpus/frontend ;;
  call)
    build-san/bin/tcc fuzz/models/call_fuzz.th -o build-san/call_fuzz.so
    env "$asan" TCC_FUZZ_MODEL=build-san/call_fuzz.so build-san/bin/tcc-fuzz-call \
      "${flags[@]}" -max_len=1024 "$corpus" fuzz/corpus/call ;;
  *)
    echo "fuzz.sh: unknown target '$target' (frontend, call)" >&2
    exit 1 ;;
  esac
done
