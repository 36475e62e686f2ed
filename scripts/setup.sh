#!/usr/bin/env bash
# Installs every Debian package tcc needs to build and test. Idempotent: a no-op when all are
# present, so the README commands and CI can call it unconditionally.
set -euo pipefail

packages=(
  cmake ninja-build ccache g++
  libmlir-22-dev mlir-22-tools llvm-22-dev llvm-22-tools
  libantlr4-runtime-dev antlr4 default-jre-headless
  libcli11-dev libopenblas-dev
  python3 python3-numpy python3-mpmath python3-pip python3-setuptools python3-wheel
  clang-22 libclang-rt-22-dev valgrind
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
