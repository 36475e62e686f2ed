// Bad and unusual calls into a real compiled model (Inputs/bad_calls_model.th,
// whose train step updates w and b in place): every argument error fails
// with its exact message, leaves both shared variables byte for byte as they
// were and the caller's output arrays untouched; a view too large to copy
// fails with TCC_ERROR_MEMORY; empty arrays, NaNs, aliased inputs (the same
// buffer twice, an earlier result still owned, views with negative and zero
// strides, a column of another input, results of the in-place `nudge` fed
// back to it) give NumPy's values. The expected numbers were computed with
// NumPy (float64, printed with %.10g). (ASan aborts on a request of
// terabytes unless allocator_may_return_null is set.)
// RUN: %tcc %S/Inputs/bad_calls_model.th -o %t.so
// RUN: %cc -I%tcc_include -I%S/Inputs %s %t.so -Wl,-rpath,$(dirname %t) -o %t
// RUN: env ASAN_OPTIONS=$ASAN_OPTIONS:allocator_may_return_null=1 %t | FileCheck %s --match-full-lines --strict-whitespace

#include "shared_snapshot.h"

#include <math.h>
#include <stdlib.h>

enum { NumShared = 2 };
static const char *const SharedNames[NumShared] = {"w", "b"};
static tcc_array before[NumShared];
static tcc_array outs[4];
static unsigned char sentinel[sizeof outs];

static void snapshot(void) { snapshot_shared(SharedNames, NumShared, before); }
static void check_unchanged(void) {
  check_shared_unchanged(SharedNames, NumShared, before);
}

// A call that must fail: prints its status and message, and a line if it
// changed a shared variable or wrote an output array.
static void fail_call(const char *fn, tcc_array *in, int nin, int nout) {
  snapshot();
  memset(outs, 0xAB, sizeof outs);
  int status = tcc_call(fn, in, nin, outs, nout);
  printf("status=%d: %s\n", status, status ? tcc_last_error() : "ok");
  if (status == 0)
    for (int i = 0; i < nout; ++i)
      tcc_array_release(&outs[i]);
  else if (memcmp(outs, sentinel, sizeof outs) != 0)
    printf("OUTPUTS WRITTEN\n");
  check_unchanged();
}

// One float64 element with %.10g; NumPy prints any NaN as nan, whatever its
// sign bit.
static void print_f64_element(const tcc_array *a, const char *p) {
  (void)a;
  double d = *(const double *)p;
  printf(isnan(d) ? "nan" : "%.10g", d);
}

// Prints a float64 array as "<label> (3,) [1 2 3]".
static void print_f64(const char *label, const tcc_array *a) {
  printf("%s ", label);
  print_shape(a);
  printf(" ");
  if (a->dtype != TCC_FLOAT64)
    printf("dtype %d", a->dtype);
  else
    print_nested(a, (const char *)a->data, 0, print_f64_element);
  printf("\n");
}

static void print_state(void) {
  for (int i = 0; i < NumShared; ++i) {
    tcc_array s;
    if (tcc_shared_get(SharedNames[i], &s) != 0) {
      print_status(1);
      exit(1);
    }
    print_f64(SharedNames[i], &s);
    tcc_array_release(&s);
  }
}

// A call that must succeed: prints and releases its outputs.
static void ok_call(const char *fn, tcc_array *in, int nin, int nout) {
  tcc_array o[4];
  int status = tcc_call(fn, in, nin, o, nout);
  if (status) {
    print_status(status);
    return;
  }
  print_outputs_with(fn, o, nout, print_f64);
}

int main(void) {
  memset(sentinel, 0xAB, sizeof sentinel);
  double X[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 0, -1};
  double Y[5] = {1, 2, 3, 4, 5};
  double a[4] = {1, 2, 3, 4};
  double c[4] = {5, 7, 9, 11};
  int64_t k2 = 2;
  tcc_array x43 = view(X, TCC_FLOAT64, 2, (int64_t)4, (int64_t)3);
  tcc_array y4 = view(Y, TCC_FLOAT64, 1, (int64_t)4);

  print_state();
  // CHECK:w (3,) [0.5 -0.25 1]
  // CHECK-NEXT:b () 0.125

  // --- Calls that fail. ---
  // Lossy dtypes: float64 and uint64 into the int64 k, complex into x.
  double kd = 2;
  uint64_t ku = 2;
  tcc_array vin[3] = {view(a, TCC_FLOAT64, 1, (int64_t)4),
                      view(c, TCC_FLOAT64, 1, (int64_t)4),
                      view(&kd, TCC_FLOAT64, 0)};
  fail_call("vec", vin, 3, 3);
  // CHECK-NEXT:status=1: vec: argument 2 ('k') must be int64, got float64, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  vin[2] = view(&ku, TCC_UINT64, 0);
  fail_call("vec", vin, 3, 3);
  // CHECK-NEXT:status=1: vec: argument 2 ('k') must be int64, got uint64, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  tcc_array tin[2] = {view(X, TCC_COMPLEX128, 2, (int64_t)2, (int64_t)3), y4};
  tin[1].shape[0] = 2;
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 0 ('x') must be float64, got complex128, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)

  // Rank.
  tin[0] = view(X, TCC_FLOAT64, 1, (int64_t)12);
  tin[1] = y4;
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 0 ('x') must have rank 2, got rank 1 (shape (12,))
  tin[0] = x43;
  tin[1] = view(Y, TCC_FLOAT64, 2, (int64_t)4, (int64_t)1);
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 1 ('y') must have rank 1, got rank 2 (shape (4, 1))

  // Shapes that disagree: between the two inputs, and with w.
  tin[0] = x43;
  tin[1] = view(Y, TCC_FLOAT64, 1, (int64_t)5);
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 0 ('x') has shape (4, 3) but argument 1 ('y') has shape (5,): elementwise sub at {{.*}}bad_calls_model.th:14:24 needs x.shape[0] == y.shape[0]
  tin[0] = view(X, TCC_FLOAT64, 2, (int64_t)4, (int64_t)2);
  tin[1] = y4;
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 0 ('x') has shape (4, 2) but shared variable 'w' has shape (3,): dot at {{.*}}bad_calls_model.th:14:7 needs x.shape[1] == w.shape[0]
  vin[0] = view(a, TCC_FLOAT64, 1, (int64_t)4);
  vin[1] = view(c, TCC_FLOAT64, 1, (int64_t)3);
  vin[2] = view(&k2, TCC_INT64, 0);
  fail_call("vec", vin, 3, 3);
  // CHECK-NEXT:status=1: vec: argument 0 ('u') has shape (4,) but argument 1 ('v') has shape (3,): dot at {{.*}}bad_calls_model.th:23:48 needs u.shape[0] == v.shape[0]

  // A negative dimension.
  vin[1] = view(c, TCC_FLOAT64, 1, (int64_t)-3);
  vin[0] = view(a, TCC_FLOAT64, 1, (int64_t)-3);
  fail_call("vec", vin, 3, 3);
  // CHECK-NEXT:status=1: vec: argument 0 ('u') has shape (-3,) with a negative dimension
  tin[0] = view(X, TCC_FLOAT64, 2, (int64_t)4, (int64_t)-3);
  tin[1] = y4;
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 0 ('x') has shape (4, -3) with a negative dimension

  // A shape whose size in bytes overflows int64 ((2^62 * 8) * 8 bytes).
  tin[0] = view(X, TCC_FLOAT64, 2, (int64_t)1 << 62, (int64_t)8);
  tin[1] = view(Y, TCC_FLOAT64, 1, (int64_t)1 << 62);
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 0 ('x') has shape (4611686018427387904, 8) whose size in bytes overflows

  // 2^40 elements that fit in int64 (8 TiB): a zero-stride view of one
  // element is valid, but the copy the kernel needs cannot be allocated.
  vin[0] = view(a, TCC_FLOAT64, 1, (int64_t)1 << 40);
  vin[1] = view(c, TCC_FLOAT64, 1, (int64_t)1 << 40);
  vin[0].strides[0] = vin[1].strides[0] = 0;
  vin[2] = view(&k2, TCC_INT64, 0);
  fail_call("vec", vin, 3, 3);
  // CHECK-NEXT:status=3: vec: cannot allocate 8796093022208 bytes to copy argument 0 ('u')
  tin[0] = view(X, TCC_FLOAT64, 2, (int64_t)1 << 37, (int64_t)3);
  tin[1] = view(Y, TCC_FLOAT64, 1, (int64_t)1 << 37);
  tin[0].strides[0] = tin[0].strides[1] = tin[1].strides[0] = 0;
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=3: train: cannot allocate 3298534883328 bytes to copy argument 0 ('x')

  // A null data pointer with a non-empty shape.
  vin[0] = view(NULL, TCC_FLOAT64, 1, (int64_t)4);
  vin[1] = view(c, TCC_FLOAT64, 1, (int64_t)4);
  fail_call("vec", vin, 3, 3);
  // CHECK-NEXT:status=1: vec: argument 0 ('u') has a null data pointer
  tin[0] = x43;
  tin[1] = view(NULL, TCC_FLOAT64, 1, (int64_t)4);
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 1 ('y') has a null data pointer

  // The max of an empty vector has no value (NumPy raises).
  tcc_array e = view(NULL, TCC_FLOAT64, 1, (int64_t)0);
  fail_call("vmax", &e, 1, 1);
  // CHECK-NEXT:status=1: vmax: argument 0 ('u') has shape (0,): max at {{.*}}bad_calls_model.th:24:29 needs u.shape[0] >= 1 (an empty reduction has no max)

  // None of those changed w or b.
  print_state();
  // CHECK-NEXT:w (3,) [0.5 -0.25 1]
  // CHECK-NEXT:b () 0.125

  // --- Calls that succeed. ---
  // Empty vectors (a null pointer is fine there): sum 0, dot 0, u - v = [].
  double one = 1;
  vin[0] = view(NULL, TCC_FLOAT64, 1, (int64_t)0);
  vin[1] = view(&one, TCC_FLOAT64, 1, (int64_t)0);
  vin[2] = view(&k2, TCC_INT64, 0);
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () 0
  // CHECK-NEXT:vec[1] () 0
  // CHECK-NEXT:vec[2] (0,) []

  // NaN propagates as in NumPy: nan, nan, [0 nan 0]; max is nan too.
  double n3[3] = {1, NAN, 3};
  vin[0] = view(n3, TCC_FLOAT64, 1, (int64_t)3);
  vin[1] = view(a, TCC_FLOAT64, 1, (int64_t)3);
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () nan
  // CHECK-NEXT:vec[1] () nan
  // CHECK-NEXT:vec[2] (3,) [0 nan 0]
  ok_call("vmax", vin, 1, 1);
  // CHECK-NEXT:vmax[0] () nan
  double n4[4] = {NAN, 1, 2, 3};
  tcc_array nn = view(n4, TCC_FLOAT64, 1, (int64_t)4);
  ok_call("vmax", &nn, 1, 1);
  // CHECK-NEXT:vmax[0] () nan
  n4[0] = 1, n4[3] = NAN;
  ok_call("vmax", &nn, 1, 1);
  // CHECK-NEXT:vmax[0] () nan

  // The same buffer as both u and v: 20, 30, [0 0 0 0].
  vin[0] = vin[1] = view(a, TCC_FLOAT64, 1, (int64_t)4);
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () 20
  // CHECK-NEXT:vec[1] () 30
  // CHECK-NEXT:vec[2] (4,) [0 0 0 0]

  // A result still owned as an input: r = c - a = [4 5 6 7], then
  // vec(r, a) = 44, 60, [3 3 3 3]; r is intact afterwards.
  tcc_array r[3];
  vin[0] = view(c, TCC_FLOAT64, 1, (int64_t)4);
  vin[1] = view(a, TCC_FLOAT64, 1, (int64_t)4);
  print_status(tcc_call("vec", vin, 3, r, 3));
  // CHECK-NEXT:status=0: ok
  vin[0] = r[2];
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () 44
  // CHECK-NEXT:vec[1] () 60
  // CHECK-NEXT:vec[2] (4,) [3 3 3 3]
  vin[1] = r[2];
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () 44
  // CHECK-NEXT:vec[1] () 126
  // CHECK-NEXT:vec[2] (4,) [0 0 0 0]
  print_f64("r", &r[2]);
  // CHECK-NEXT:r (4,) [4 5 6 7]
  for (int i = 0; i < 3; ++i)
    tcc_array_release(&r[i]);

  // v a reversed view of u (negative stride): 20, 20, [-3 -1 1 3].
  vin[0] = view(a, TCC_FLOAT64, 1, (int64_t)4);
  vin[1] = view(a + 3, TCC_FLOAT64, 1, (int64_t)4);
  vin[1].strides[0] = -8;
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () 20
  // CHECK-NEXT:vec[1] () 20
  // CHECK-NEXT:vec[2] (4,) [-3 -1 1 3]
  // v a zero-stride view of u[1]: 20, 20, [-1 0 1 2].
  vin[1] = view(a + 1, TCC_FLOAT64, 1, (int64_t)4);
  vin[1].strides[0] = 0;
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () 20
  // CHECK-NEXT:vec[1] () 20
  // CHECK-NEXT:vec[2] (4,) [-1 0 1 2]
  // u and v the same reversed view: 20, 30, [0 0 0 0].
  vin[0] = vin[1] = view(a + 3, TCC_FLOAT64, 1, (int64_t)4);
  vin[0].strides[0] = vin[1].strides[0] = -8;
  ok_call("vec", vin, 3, 3);
  // CHECK-NEXT:vec[0] () 20
  // CHECK-NEXT:vec[1] () 30
  // CHECK-NEXT:vec[2] (4,) [0 0 0 0]

  // Training steps (w and b updated in place).
  tin[0] = x43;
  tin[1] = y4;
  ok_call("train", tin, 2, 1);
  // CHECK-NEXT:train[0] () 26.390625
  print_state();
  // CHECK-NEXT:w (3,) [-3.03125 -4.73125 -4.43125]
  // CHECK-NEXT:b () -0.3875
  // y a strided view of x's column 0 (stride 24 bytes).
  tin[1] = view(X, TCC_FLOAT64, 1, (int64_t)4);
  tin[1].strides[0] = 24;
  ok_call("train", tin, 2, 1);
  // CHECK-NEXT:train[0] () 4125.6354
  print_state();
  // CHECK-NEXT:w (3,) [48.89625 57.2103125 67.524375]
  // CHECK-NEXT:b () 9.6253125
  // x with its rows reversed (a negative stride) and y = x's last column
  // of those rows.
  tin[0] = view(X + 9, TCC_FLOAT64, 2, (int64_t)4, (int64_t)3);
  tin[0].strides[0] = -24;
  tin[1] = view(X + 11, TCC_FLOAT64, 1, (int64_t)4);
  tin[1].strides[0] = -24;
  ok_call("train", tin, 2, 1);
  // CHECK-NEXT:train[0] () 728742.4657
  print_state();
  // CHECK-NEXT:w (3,) [-640.3163281 -765.963625 -889.6109219]
  // CHECK-NEXT:b () -123.5357656

  // A failed call after the state is no longer the initial one.
  tin[1] = view(Y, TCC_FLOAT64, 1, (int64_t)3);
  fail_call("train", tin, 2, 1);
  // CHECK-NEXT:status=1: train: argument 0 ('x') has shape (4, 3) but argument 1 ('y') has shape (3,): elementwise sub at {{.*}}bad_calls_model.th:14:24 needs x.shape[0] == y.shape[0]

  // NaN in x: the step succeeds and, as in NumPy, makes w and b NaN.
  tcc_shared_reset();
  X[4] = NAN;
  tin[0] = x43;
  tin[1] = y4;
  ok_call("train", tin, 2, 1);
  // CHECK-NEXT:train[0] () nan
  print_state();
  // CHECK-NEXT:w (3,) [nan nan nan]
  // CHECK-NEXT:b () nan
  tcc_shared_reset();
  print_state();
  // CHECK-NEXT:w (3,) [0.5 -0.25 1]
  // CHECK-NEXT:b () 0.125

  // nudge updates w in place and returns its new value; each result, fed
  // back in while still owned, keeps its value as w moves on.
  double d[3] = {1, 2, 3};
  tcc_array r1, r2, r3;
  tcc_array nin = view(d, TCC_FLOAT64, 1, (int64_t)3);
  print_status(tcc_call("nudge", &nin, 1, &r1, 1));
  print_status(tcc_call("nudge", &r1, 1, &r2, 1));
  print_status(tcc_call("nudge", &r2, 1, &r3, 1));
  // CHECK-NEXT:status=0: ok
  // CHECK-NEXT:status=0: ok
  // CHECK-NEXT:status=0: ok
  nin.shape[0] = 2;
  fail_call("nudge", &nin, 1, 1);
  // CHECK-NEXT:status=1: nudge: shared variable 'w' has shape (3,) but argument 0 ('u') has shape (2,): elementwise add at {{.*}}bad_calls_model.th:25:32 needs w.shape[0] == u.shape[0]
  fail_call("nudge", &r3, 0, 1);
  // CHECK-NEXT:status=1: nudge: expected 1 input, got 0
  print_f64("r1", &r1);
  print_f64("r2", &r2);
  print_f64("r3", &r3);
  // CHECK-NEXT:r1 (3,) [1.5 1.75 4]
  // CHECK-NEXT:r2 (3,) [3 3.5 8]
  // CHECK-NEXT:r3 (3,) [6 7 16]
  print_state();
  // CHECK-NEXT:w (3,) [6 7 16]
  // CHECK-NEXT:b () 0.125
  tcc_array_release(&r1);
  tcc_array_release(&r2);
  tcc_array_release(&r3);
  // CHECK-NOT:{{.}}
  return 0;
}
