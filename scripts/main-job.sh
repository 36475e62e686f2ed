#!/usr/bin/env bash
# The main job: set up, build, compile examples/logistic_regression.th (seed
# 002's logistic regression) to a shared library, and train it from a C host
# program for 10000 steps.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh tcc logistic_regression_main
./build/bin/logistic_regression_main "${1:-10000}"
