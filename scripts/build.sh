#!/usr/bin/env bash
# Configures and builds tcc in ./build (Ninja, Release, ccache when present).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [[ ! -f build/build.ninja ]]; then
  cmake -G Ninja -S . -B build -DCMAKE_BUILD_TYPE=Release
fi
ninja -C build -j"${TCC_JOBS:-$(nproc)}" "$@"
