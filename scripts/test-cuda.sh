#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: the numeric end-to-end suites again with
# every model compiled for CUDA (TCC_OPTIONS=--device=cuda), after the
# whole suite (whose GPU tests run where a GPU is present).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! nvidia-smi -L >/dev/null 2>&1; then
  echo "test-cuda: no GPU (nvidia-smi -L fails); nothing to run" >&2
  exit 1
fi
bash scripts/build.sh tcc-test-depends
/usr/lib/llvm-22/bin/lit -sv build/test --filter 'cuda|Cuda' "$@"
TCC_OPTIONS=--device=cuda /usr/lib/llvm-22/bin/lit -sv build/test \
  --filter 'EndToEnd|Examples|Grad|Run/' "$@"
