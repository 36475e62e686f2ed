// Allocations a real compiled model (Inputs/out_of_memory.th) cannot make:
// the outer product of two vectors of 5e6 elements (200 TB, more than the
// address space), the same as a temporary of a kernel that also updates w
// in place, a (k, k) alloc of k = 1e7, and (k, k) allocs whose byte
// counts overflow 64 bits. Each call fails with TCC_ERROR_MEMORY and a
// message naming the function, the buffer's size and the op and source
// position it is for, leaves every shared variable byte for byte as it was and the caller's
// output arrays untouched, and the next normal call still works. Under
// `ulimit -v` (1 GB of address space) the program also asks for 5 GB, an
// amount a machine could give, which fails just as cleanly, and makes
// sorted_sum fail on its second 512 MB temporary after the first was
// allocated: that one is freed, since a 512 MB outer product fits again
// right after. (ASan reserves more address space than any such limit, and
// aborts on huge requests unless allocator_may_return_null is set.)
// RUN: %tcc %S/Inputs/out_of_memory.th -o %t.so
// RUN: %cc -I%tcc_include -I%S/Inputs %s %t.so -Wl,-rpath,$(dirname %t) -o %t
// RUN: env ASAN_OPTIONS=$ASAN_OPTIONS:allocator_may_return_null=1 %t | FileCheck %s --match-full-lines --check-prefixes=CHECK,FULL
// RUN: %if !asan %{ bash -c "ulimit -v 1000000; %t limited" | FileCheck %s --match-full-lines --check-prefixes=CHECK,LIMITED %} %else %{ true %}

#include "shared_snapshot.h"

#include <stdlib.h>

enum { NumShared = 2 };
static const char *const SharedNames[NumShared] = {"w", "n"};
static tcc_array before[NumShared];
static tcc_array outs[2];
static unsigned char sentinel[sizeof outs];

static void snapshot(void) { snapshot_shared(SharedNames, NumShared, before); }
static void check_unchanged(void) {
  check_shared_unchanged(SharedNames, NumShared, before);
}

// A call that must fail: prints its status and message, and a line if it
// changed a shared variable or wrote an output array.
static void fail_call(const char *fn, tcc_array *in, int nin) {
  snapshot();
  memset(outs, 0xAB, sizeof outs);
  int status = tcc_call(fn, in, nin, outs, 1);
  printf("status=%d: %s\n", status, status ? tcc_last_error() : "ok");
  if (status == 0)
    tcc_array_release(&outs[0]);
  else if (memcmp(outs, sentinel, sizeof outs) != 0)
    printf("OUTPUTS WRITTEN\n");
  check_unchanged();
}

// A normal call of each function, and the state it leaves.
static void normal_calls(void) {
  double u[2] = {1, 2}, v[3] = {3, 4, 5};
  tcc_array in[2] = {view(u, TCC_FLOAT64, 1, (int64_t)2),
                     view(v, TCC_FLOAT64, 1, (int64_t)3)};
  tcc_array out;
  print_status(tcc_call("outer", in, 2, &out, 1));
  print_outputs("outer", &out, 1);
  print_status(tcc_call("sorted_sum", in, 2, &out, 1));
  print_outputs("sorted_sum", &out, 1);
  int64_t k = 2;
  tcc_array kin = view(&k, TCC_INT64, 0);
  print_status(tcc_call("zeros", &kin, 1, &out, 1));
  print_outputs("zeros", &out, 1);
  print_shared("w");
  print_shared("n");
}

int main(int argc, char **argv) {
  memset(sentinel, 0xAB, sizeof sentinel);
  int limited = argc > 1 && strcmp(argv[1], "limited") == 0;

  normal_calls();
  // CHECK:status=0: ok
  // CHECK-NEXT:outer[0] shape=(2, 3) {{\[\[}}3 4 5] [6 8 10]]
  // CHECK-NEXT:status=0: ok
  // CHECK-NEXT:sorted_sum[0] shape=() 36
  // CHECK-NEXT:status=0: ok
  // CHECK-NEXT:zeros[0] shape=(2, 2) {{\[\[}}0 0] [0 0]]
  // CHECK-NEXT:w shape=(4,) [4 5 6 7]
  // CHECK-NEXT:n shape=() 1

  // 5e6 x 5e6 float64 = 2e14 bytes: more than the 2^47 bytes of a process's
  // address space, so no overcommit setting lets it succeed.
  enum { N = 5000000 };
  double *u = calloc(N, sizeof(double)), *v = calloc(N, sizeof(double));
  if (!u || !v)
    return 1;
  u[0] = 1;
  tcc_array in[2] = {view(u, TCC_FLOAT64, 1, (int64_t)N),
                     view(v, TCC_FLOAT64, 1, (int64_t)N)};
  fail_call("outer", in, 2);
  // CHECK-NEXT:status=3: outer: cannot allocate 200000000000000 bytes for mul at {{.*}}out_of_memory.th:14:33
  fail_call("sorted_sum", in, 2);
  // CHECK-NEXT:status=3: sorted_sum: cannot allocate 200000000000000 bytes for mul at {{.*}}out_of_memory.th:18:46
  int64_t k = 10000000;
  tcc_array kin = view(&k, TCC_INT64, 0);
  fail_call("zeros", &kin, 1);
  // CHECK-NEXT:status=3: zeros: cannot allocate 800000000000000 bytes for alloc at {{.*}}out_of_memory.th:20:30
  // Sizes whose byte counts overflow 64 bits (k*k*8 = 2^65 would wrap to
  // 0, and a 0-byte buffer the kernel then fills): the call fails before
  // the buffer is made.
  k = (int64_t)1 << 31;
  fail_call("zeros", &kin, 1);
  // CHECK-NEXT:status=3: zeros: cannot allocate a buffer of more than 2^63 bytes for alloc at {{.*}}out_of_memory.th:20:30
  k = 3037000500; // k*k fits in 63 bits, k*k*8 does not.
  fail_call("zeros", &kin, 1);
  // CHECK-NEXT:status=3: zeros: cannot allocate a buffer of more than 2^63 bytes for alloc at {{.*}}out_of_memory.th:20:30

  // Under ulimit -v 1000000 (KiB): 25000 x 25000 float64 = 5e9 bytes.
  if (limited) {
    in[0].shape[0] = in[1].shape[0] = 25000;
    fail_call("outer", in, 2);
    fail_call("sorted_sum", in, 2);
    k = 25000;
    fail_call("zeros", &kin, 1);
  }
  // LIMITED-NEXT:status=3: outer: cannot allocate 5000000000 bytes for mul at {{.*}}out_of_memory.th:14:33
  // LIMITED-NEXT:status=3: sorted_sum: cannot allocate 5000000000 bytes for mul at {{.*}}out_of_memory.th:18:46
  // LIMITED-NEXT:status=3: zeros: cannot allocate 5000000000 bytes for alloc at {{.*}}out_of_memory.th:20:30
  free(u);
  free(v);

  // 8000 x 8000 float64 = 512 MB: sorted_sum gets its outer product but
  // not the sorted copy; outer's 512 MB result fits after each failure
  // (sum(u) = 0 leaves w as it is; n counts the calls).
  if (limited) {
    enum { M = 8000 };
    static double um[M], vm[M];
    for (int i = 0; i < M; ++i) {
      um[i] = i - (M - 1) / 2.0;
      vm[i] = 2;
    }
    tcc_array min[2] = {view(um, TCC_FLOAT64, 1, (int64_t)M),
                        view(vm, TCC_FLOAT64, 1, (int64_t)M)};
    for (int round = 0; round < 2; ++round) {
      fail_call("sorted_sum", min, 2);
      tcc_array big = {0};
      print_status(tcc_call("outer", min, 2, &big, 1));
      if (big.rank == 2 && big.shape[0] == M && big.shape[1] == M) {
        const double *p = big.data;
        printf("outer (%d, %d) [0][0]=%g [%d][%d]=%g\n", M, M, p[0], M - 1,
               M - 1, p[(int64_t)M * M - 1]);
      }
      tcc_array_release(&big);
    }
  }
  // LIMITED-NEXT:status=3: sorted_sum: cannot allocate 512000000 bytes for argsort at {{.*}}out_of_memory.th:18:38
  // LIMITED-NEXT:status=0: ok
  // LIMITED-NEXT:outer (8000, 8000) [0][0]=-7999 [7999][7999]=7999
  // LIMITED-NEXT:status=3: sorted_sum: cannot allocate 512000000 bytes for argsort at {{.*}}out_of_memory.th:18:38
  // LIMITED-NEXT:status=0: ok
  // LIMITED-NEXT:outer (8000, 8000) [0][0]=-7999 [7999][7999]=7999

  // Normal calls still work and see the state of before the failures.
  normal_calls();
  // CHECK-NEXT:status=0: ok
  // CHECK-NEXT:outer[0] shape=(2, 3) {{\[\[}}3 4 5] [6 8 10]]
  // CHECK-NEXT:status=0: ok
  // CHECK-NEXT:sorted_sum[0] shape=() 36
  // CHECK-NEXT:status=0: ok
  // CHECK-NEXT:zeros[0] shape=(2, 2) {{\[\[}}0 0] [0 0]]
  // CHECK-NEXT:w shape=(4,) [8 9 10 11]
  // FULL-NEXT:n shape=() 2
  // LIMITED-NEXT:n shape=() 4
  // CHECK-NOT:{{.}}
  return 0;
}
