// A compiled model called many times under valgrind's memcheck: no invalid
// access, no use of uninitialized memory, and no memory lost (definitely or
// indirectly) over 300 training steps, successful and failed calls, shared
// variable reads and writes, and a checkpoint saved and loaded.
// REQUIRES: valgrind
// UNSUPPORTED: asan
// RUN: rm -rf %t.dir && mkdir %t.dir
// RUN: %tcc %S/Inputs/valgrind_model.th -o %t.dir/model.so
// RUN: %cc -I%tcc_include -I%S/Inputs %s %t.dir/model.so -Wl,-rpath,%t.dir -o %t.dir/main
// RUN: valgrind --quiet --error-exitcode=99 --leak-check=full \
// RUN:   --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
// RUN:   %t.dir/main %t.dir/state.npz 2>&1 | FileCheck %s

#include "test_util.h"

#include <stdlib.h>

enum { N = 40, Features = 7, Steps = 300 };

int main(int argc, char **argv) {
  (void)argc;
  static double x[N][Features];
  static double y[N];
  for (int i = 0; i < N; ++i) {
    y[i] = i % 2;
    for (int j = 0; j < Features; ++j)
      x[i][j] = ((i * 7 + j * 3) % 11) / 11.0 - 0.5 + 0.3 * y[i];
  }
  tcc_array in[2] = {view(x, TCC_FLOAT64, 2, (int64_t)N, (int64_t)Features),
                     view(y, TCC_FLOAT64, 1, (int64_t)N)};
  tcc_array out[2];
  int failures = 0, calls = 0;
  for (int step = 0; step < Steps; ++step) {
    if (tcc_call("train", in, 2, out, 2) != 0) {
      printf("train failed: %s\n", tcc_last_error());
      return 1;
    }
    ++calls;
    tcc_array_release(&out[0]);
    tcc_array_release(&out[1]);
    // A bad call every tenth step: wrong shape for y.
    if (step % 10 == 0) {
      tcc_array bad = view(y, TCC_FLOAT64, 1, (int64_t)(N - 1));
      tcc_array args[2] = {in[0], bad};
      failures += tcc_call("train", args, 2, out, 2) != 0;
    }
    if (step % 50 == 0) {
      tcc_array w;
      if (tcc_shared_get("w", &w) != 0 || tcc_shared_set("w", &w) != 0)
        return 1;
      tcc_array_release(&w);
    }
  }
  if (tcc_shared_save(argv[1]) != 0 || tcc_shared_load(argv[1]) != 0) {
    printf("checkpoint failed: %s\n", tcc_last_error());
    return 1;
  }
  printf("calls=%d failed=%d\n", calls, failures);
  // CHECK: calls=300 failed=30
  // CHECK-NOT: ==
  return 0;
}
