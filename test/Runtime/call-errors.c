// Every error tcc_call reports, with its message, and that a failed call
// changes neither a shared variable nor the caller's output arrays.
// RUN: %cc -I%tcc_include -I%S/Inputs %s %tcc_libdir/tcc_fake_model.so -o %t
// RUN: %t | FileCheck %s --match-full-lines --strict-whitespace

#include "test_util.h"

static tcc_array outs[4];
static unsigned char sentinel[sizeof outs];

static void fail_call(const char *fn, tcc_array *in, int nin, int nout) {
  memset(outs, 0xAB, sizeof outs);
  print_status(tcc_call(fn, in, nin, outs, nout));
  if (memcmp(outs, sentinel, sizeof outs) != 0)
    printf("OUTPUTS WRITTEN\n");
}

int main(void) {
  memset(sentinel, 0xAB, sizeof sentinel);
  int64_t i64 = 1;
  double f64[16] = {0};
  float f32[8] = {0};

  // Names.
  print_status(tcc_call(NULL, NULL, 0, outs, 0));
  // CHECK:status=1: tcc_call: name is null
  print_status(tcc_call("nope", NULL, 0, outs, 0));
  // CHECK-NEXT:status=2: tcc_call: no function named 'nope'
  print_status(tcc_call_index(99, NULL, 0, outs, 0));
  // CHECK-NEXT:status=2: tcc_call_index: no function number 99 (the model has 11 functions)
  print_status(tcc_call_index(-1, NULL, 0, outs, 0));
  // CHECK-NEXT:status=2: tcc_call_index: no function number -1 (the model has 11 functions)

  // Counts and null pointers.
  tcc_array x = view(&i64, TCC_INT64, 0);
  fail_call("acc", &x, 0, 2);
  // CHECK-NEXT:status=1: acc: expected 1 input, got 0
  fail_call("acc", &x, 2, 2);
  // CHECK-NEXT:status=1: acc: expected 1 input, got 2
  fail_call("acc", &x, -1, 2);
  // CHECK-NEXT:status=1: acc: expected 1 input, got -1
  tcc_array sx[3] = {view(f64, TCC_FLOAT64, 1, (int64_t)3),
                     view(f64, TCC_FLOAT64, 0), view(f64, TCC_FLOAT64, 0)};
  fail_call("scale", sx, 3, 1);
  // CHECK-NEXT:status=1: scale: expected 1 to 2 inputs, got 3
  fail_call("affine", sx, 0, 1);
  // CHECK-NEXT:status=1: affine: expected 1 to 3 inputs, got 0
  fail_call("acc", NULL, 1, 2);
  // CHECK-NEXT:status=1: acc: inputs is null
  fail_call("acc", &x, 1, 1);
  // CHECK-NEXT:status=1: acc: expected 2 output arrays, got 1
  fail_call("scale", sx, 1, 2);
  // CHECK-NEXT:status=1: scale: expected 1 output array, got 2
  print_status(tcc_call("acc", &x, 1, NULL, 2));
  // CHECK-NEXT:status=1: acc: outputs is null
  x.rank = TCC_USE_DEFAULT;
  fail_call("acc", &x, 1, 2);
  // CHECK-NEXT:status=1: acc: argument 0 ('x') has no default value

  // Dtype: converted only without loss (call.c tests the conversions).
  tcc_array xf = view(f64, TCC_FLOAT64, 0);
  fail_call("acc", &xf, 1, 2);
  // CHECK-NEXT:status=1: acc: argument 0 ('x') must be int64, got float64, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  xf.dtype = 42;
  fail_call("acc", &xf, 1, 2);
  // CHECK-NEXT:status=1: acc: argument 0 ('x') must be int64, got dtype 42
  xf.dtype = TCC_UINT64;
  fail_call("acc", &xf, 1, 2);
  // CHECK-NEXT:status=1: acc: argument 0 ('x') must be int64, got uint64, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)

  // Rank.
  tcc_array v6 = view(f64, TCC_FLOAT64, 1, (int64_t)6);
  fail_call("addw", &v6, 1, 2);
  // CHECK-NEXT:status=1: addw: argument 0 ('m') must have rank 2, got rank 1 (shape (6,))
  v6.rank = 9;
  fail_call("addw", &v6, 1, 2);
  // CHECK-NEXT:status=1: addw: argument 0 ('m') must have rank 2, got rank 9
  v6.rank = -2;
  fail_call("addw", &v6, 1, 2);
  // CHECK-NEXT:status=1: addw: argument 0 ('m') must have rank 2, got rank -2

  // Shapes: broadcastable dimensions, negative sizes, overflow, null data.
  tcc_array b24 = view(f32, TCC_FLOAT32, 2, (int64_t)2, (int64_t)4);
  fail_call("ident", &b24, 1, 3);
  // CHECK-NEXT:status=1: ident: argument 0 ('x') has shape (2, 4) but its dimension 0 is broadcastable and must be 1
  tcc_array neg = view(f64, TCC_FLOAT64, 1, (int64_t)-1);
  fail_call("scale", &neg, 1, 1);
  // CHECK-NEXT:status=1: scale: argument 0 ('x') has shape (-1,) with a negative dimension
  tcc_array huge = view(f64, TCC_FLOAT64, 2, (int64_t)1 << 31, (int64_t)1 << 31);
  fail_call("addw", &huge, 1, 2);
  // CHECK-NEXT:status=1: addw: argument 0 ('m') has shape (2147483648, 2147483648) whose size in bytes overflows
  tcc_array nul = view(NULL, TCC_FLOAT64, 1, (int64_t)3);
  fail_call("scale", &nul, 1, 1);
  // CHECK-NEXT:status=1: scale: argument 0 ('x') has a null data pointer
  // Strides whose byte offsets overflow (found by tcc-fuzz-call: the copy
  // loop wrapped around the address space).
  tcc_array wild = view(f64, TCC_FLOAT64, 1, (int64_t)3);
  wild.strides[0] = INT64_MIN / 2 + 1;
  fail_call("scale", &wild, 1, 1);
  // CHECK-NEXT:status=1: scale: argument 0 ('x') has shape (3,) and strides (-4611686018427387903,) that reach outside the address space
  wild.strides[0] = INT64_MAX / 2;
  fail_call("scale", &wild, 1, 1);
  // CHECK-NEXT:status=1: scale: argument 0 ('x') has shape (3,) and strides (4611686018427387903,) that reach outside the address space

  // Shape checks between arguments, and against shared variables.
  tcc_array m33 = view(f64, TCC_FLOAT64, 2, (int64_t)3, (int64_t)3);
  fail_call("addw", &m33, 1, 2);
  // CHECK-NEXT:status=1: addw: argument 0 ('m') has shape (3, 3) but shared variable 'w' has shape (2, 3): elementwise + at fake.th:4:9 needs m.shape[0] == w.shape[0]
  tcc_array m24 = view(f64, TCC_FLOAT64, 2, (int64_t)2, (int64_t)4);
  fail_call("addw", &m24, 1, 2);
  // CHECK-NEXT:status=1: addw: argument 0 ('m') has shape (2, 4) but shared variable 'w' has shape (2, 3): elementwise + at fake.th:4:9 needs m.shape[1] == w.shape[1]
  tcc_array dv[2] = {view(f64, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3),
                     view(f64, TCC_FLOAT64, 1, (int64_t)4)};
  fail_call("dotv", dv, 2, 1);
  // CHECK-NEXT:status=1: dotv: argument 0 ('x') has shape (2, 3) but argument 1 ('y') has shape (4,): dot at fake.th:9:5 needs x.shape[1] == y.shape[0]
  tcc_array sq = view(f64, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  fail_call("square", &sq, 1, 1);
  // CHECK-NEXT:status=1: square: argument 0 ('a') has shape (2, 3): trace at fake.th:11:3 needs a.shape[0] == a.shape[1]
  tcc_array v15 = view(f32, TCC_FLOAT32, 2, (int64_t)1, (int64_t)5);
  print_status(tcc_call("vset", &v15, 1, NULL, 0));
  // CHECK-NEXT:status=1: vset: argument 0 ('x') has shape (1, 5) but shared variable 'v' has shape (1, 4): elementwise + at fake.th:13:7 needs x.shape[1] == v.shape[1]

  // The error of the last failed call stays until the next failure.
  tcc_array ok = view(&i64, TCC_INT64, 0);
  tcc_call("acc", &ok, 1, outs, 2);
  tcc_array_release(&outs[0]);
  tcc_array_release(&outs[1]);
  printf("after success: %s\n", tcc_last_error());
  // CHECK-NEXT:after success: vset: argument 0 ('x') has shape (1, 5) but shared variable 'v' has shape (1, 4): elementwise + at fake.th:13:7 needs x.shape[1] == v.shape[1]

  // Only the one successful acc changed state.
  print_shared("sh");
  print_shared("w");
  print_shared("v");
  // CHECK-NEXT:sh shape=() 4
  // CHECK-NEXT:w shape=(2, 3) {{\[\[}}1 2 3] [4 5 6]]
  // CHECK-NEXT:v shape=(1, 4) {{\[\[}}0.5 1.5 2.5 3.5]]
  // CHECK-NOT:OUTPUTS WRITTEN
  return 0;
}
