#!/usr/bin/env bash
# Configures and builds the sanitized tree in ./build-san: clang-22 with
# AddressSanitizer, UndefinedBehaviorSanitizer (LeakSanitizer comes with
# ASan) and libFuzzer's coverage instrumentation, so one build serves
# scripts/test-sanitized.sh and scripts/fuzz.sh. Arguments are ninja targets
# (default: everything the tests and the fuzzers need).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [[ ! -f build-san/build.ninja ]]; then
  cmake -G Ninja -S . -B build-san -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DLLVM_USE_SANITIZER='Address;Undefined' -DLLVM_USE_SANITIZE_COVERAGE=ON
fi
if (($# == 0)); then
  set -- tcc-test-depends tcc-fuzzers
fi
ninja -C build-san -j"${TCC_JOBS:-$(nproc)}" "$@"
