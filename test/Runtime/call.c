// Values and update semantics of tcc_call on the hand-written fake model.
// RUN: %cc -I%tcc_include -I%S/Inputs %s %tcc_libdir/tcc_fake_model.so -o %t
// RUN: %t | FileCheck %s

#include "test_util.h"

#include <stdlib.h>

// What `tcc --emit=header` declares for the model's functions.
int tcc_fn_acc(const tcc_array *inputs, tcc_array *outputs);

static void call(const char *fn, tcc_array *in, int nin, int nout) {
  tcc_array outs[4];
  int status = tcc_call(fn, in, nin, outs, nout);
  if (status) {
    print_status(status);
    return;
  }
  print_outputs(fn, outs, nout);
}

int main(void) {
  // Outputs use the old value of sh; the update sh = sh + x is the same
  // buffer as output 1 (aliasing an earlier result).
  int64_t x = 2;
  tcc_array in = view(&x, TCC_INT64, 0);
  call("acc", &in, 1, 2);
  // CHECK: acc[0] shape=() 9
  // CHECK: acc[1] shape=() 5
  print_shared("sh");
  // CHECK: sh shape=() 5
  x = 1;
  call("acc", &in, 1, 2);
  // CHECK: acc[0] shape=() 25
  // CHECK: acc[1] shape=() 6
  print_shared("sh");
  // CHECK: sh shape=() 6

  // The generated wrapper calls by index.
  tcc_array outs[3];
  print_status(tcc_fn_acc(&in, outs));
  // CHECK: status=0: ok
  print_outputs("tcc_fn_acc", outs, 2);
  // CHECK: tcc_fn_acc[0] shape=() 36
  // CHECK: tcc_fn_acc[1] shape=() 7

  // Two outputs and a matrix input; w is updated from its old value.
  double m[6] = {10, 20, 30, 40, 50, 60};
  tcc_array min = view(m, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  call("addw", &min, 1, 2);
  // CHECK: addw[0] shape=(2, 3) {{\[\[}}11 22 33] [44 55 66]]
  // CHECK: addw[1] shape=(2,) [60 150]
  print_shared("w");
  // CHECK: w shape=(2, 3) {{\[\[}}11 22 33] [44 55 66]]

  // A transposed (strided) input is copied before the kernel sees it.
  double mt[6] = {1, 4, 2, 5, 3, 6}; // column-major [[1 2 3] [4 5 6]]
  tcc_array tin = view(mt, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  tin.strides[0] = 8;
  tin.strides[1] = 16;
  call("addw", &tin, 1, 2);
  // CHECK: addw[0] shape=(2, 3) {{\[\[}}12 24 36] [48 60 72]]
  // CHECK: addw[1] shape=(2,) [6 15]

  // Negative strides (a reversed view) and a misaligned pointer.
  double rev[3] = {3, 2, 1};
  tcc_array rin = view(&rev[2], TCC_FLOAT64, 1, (int64_t)3);
  rin.strides[0] = -8;
  call("scale", &rin, 1, 1);
  // CHECK: scale[0] shape=(3,) [2 4 6]
  char *raw = malloc(8 * 3 + 1);
  double vals[3] = {1.5, 2.5, 3.5};
  memcpy(raw + 1, vals, sizeof vals);
  tcc_array ma = view(raw + 1, TCC_FLOAT64, 1, (int64_t)3);
  call("scale", &ma, 1, 1);
  // CHECK: scale[0] shape=(3,) [3 5 7]
  free(raw);
  // A zero stride (a broadcast view) is just another strided view.
  double one = 7;
  tcc_array bin = view(&one, TCC_FLOAT64, 1, (int64_t)4);
  bin.strides[0] = 0;
  call("scale", &bin, 1, 1);
  // CHECK: scale[0] shape=(4,) [14 14 14 14]

  // Theano's input conversion: a dtype that converts without loss is
  // converted (here a strided int32 view and a float32 factor into float64).
  int32_t pairs[6] = {1, -1, 2, -2, 3, -3};
  tcc_array iin[2] = {view(pairs, TCC_INT32, 1, (int64_t)3)};
  iin[0].strides[0] = 8;
  float half = 0.5f;
  iin[1] = view(&half, TCC_FLOAT32, 0);
  call("scale", iin, 2, 1);
  // CHECK: scale[0] shape=(3,) [0.5 1 1.5]
  uint8_t small = 200;
  tcc_array uin = view(&small, TCC_UINT8, 1, (int64_t)1);
  call("scale", &uin, 1, 1);
  // CHECK: scale[0] shape=(1,) [400]

  // Updates are all computed from the old values: p, q = q, p. Both new
  // values are the kernel's arguments, so the runtime copies them.
  call("swap", NULL, 0, 1);
  // CHECK: swap[0] shape=() 30
  print_shared("p");
  print_shared("q");
  // CHECK: p shape=() 20
  // CHECK: q shape=() 10
  call("swap", NULL, 0, 1);
  print_shared("p");
  print_shared("q");
  // CHECK: swap[0] shape=() 30
  // CHECK: p shape=() 10
  // CHECK: q shape=() 20

  // Defaults: left out, passed, or asked for with TCC_USE_DEFAULT.
  double xs[3] = {1, 2, 3}, factor = 10;
  tcc_array sin[2] = {view(xs, TCC_FLOAT64, 1, (int64_t)3),
                      view(&factor, TCC_FLOAT64, 0)};
  call("scale", sin, 1, 1);
  // CHECK: scale[0] shape=(3,) [2 4 6]
  call("scale", sin, 2, 1);
  // CHECK: scale[0] shape=(3,) [10 20 30]
  sin[1].rank = TCC_USE_DEFAULT;
  call("scale", sin, 2, 1);
  // CHECK: scale[0] shape=(3,) [2 4 6]
  double b = 100;
  tcc_array ain[3] = {view(xs, TCC_FLOAT64, 1, (int64_t)3), {0},
                      view(&b, TCC_FLOAT64, 0)};
  ain[1].rank = TCC_USE_DEFAULT;
  call("affine", ain, 3, 1);
  // CHECK: affine[0] shape=(3,) [102 104 106]
  call("affine", ain, 1, 1);
  // CHECK: affine[0] shape=(3,) [2.5 4.5 6.5]

  // Aliasing: an output that is the input, and two outputs sharing one
  // buffer, all come back as separately owned copies.
  float f[4] = {1, 2, 3, 4};
  tcc_array fin = view(f, TCC_FLOAT32, 2, (int64_t)1, (int64_t)4);
  tcc_array io[3];
  print_status(tcc_call("ident", &fin, 1, io, 3));
  // CHECK: status=0: ok
  printf("distinct owners: %d %d %d\n", io[0].owner != io[1].owner,
         io[1].owner != io[2].owner, io[0].data != (void *)f);
  // CHECK: distinct owners: 1 1 1
  print_outputs("ident", io, 3);
  // CHECK: ident[0] shape=(1, 4) {{\[\[}}1 2 3 4]]
  // CHECK: ident[1] shape=(1, 4) {{\[\[}}2 3 4 5]]
  // CHECK: ident[2] shape=(1, 4) {{\[\[}}2 3 4 5]]

  // Strided results (a transposed view, an offset view, an aligned pointer
  // past the allocated one) and memrefCopy from generated code.
  double t[6] = {1, 2, 3, 4, 5, 6};
  tcc_array trin = view(t, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3);
  call("tr", &trin, 1, 3);
  // CHECK: tr[0] shape=(3, 2) {{\[\[}}1 4] [2 5] [3 6]]
  // CHECK: tr[1] shape=(3,) [4 5 6]
  // CHECK: tr[2] shape=(3, 2) {{\[\[}}1 4] [2 5] [3 6]]

  // CBLAS inside a kernel.
  double y[3] = {1, 1, 2};
  tcc_array din[2] = {view(t, TCC_FLOAT64, 2, (int64_t)2, (int64_t)3),
                      view(y, TCC_FLOAT64, 1, (int64_t)3)};
  call("dotv", din, 2, 1);
  // CHECK: dotv[0] shape=(2,) [9 21]

  // A 0-d output.
  double sq[4] = {1, 2, 3, 4};
  tcc_array qin = view(sq, TCC_FLOAT64, 2, (int64_t)2, (int64_t)2);
  call("square", &qin, 1, 1);
  // CHECK: square[0] shape=() 5

  // No outputs, one update of a variable with a broadcastable dimension.
  float add[4] = {1, 1, 1, 1};
  tcc_array vin = view(add, TCC_FLOAT32, 2, (int64_t)1, (int64_t)4);
  print_status(tcc_call("vset", &vin, 1, NULL, 0));
  // CHECK: status=0: ok
  print_shared("v");
  // CHECK: v shape=(1, 4) {{\[\[}}1.5 2.5 3.5 4.5]]

  // Booleans are one byte.
  int32_t ints[4] = {-1, 0, 3, 7};
  tcc_array pin = view(ints, TCC_INT32, 1, (int64_t)4);
  call("positive", &pin, 1, 1);
  // CHECK: positive[0] shape=(4,) [false false true true]

  // Empty arrays: no data pointer needed, results still owned.
  tcc_array ein = view(NULL, TCC_FLOAT64, 1, (int64_t)0);
  call("scale", &ein, 1, 1);
  // CHECK: scale[0] shape=(0,) []
  tcc_array e2 = view(NULL, TCC_FLOAT64, 2, (int64_t)0, (int64_t)3);
  tcc_array e2y = view(NULL, TCC_FLOAT64, 1, (int64_t)3);
  double y3[3] = {1, 2, 3};
  e2y.data = y3;
  tcc_array e2in[2] = {e2, e2y};
  call("dotv", e2in, 2, 1);
  // CHECK: dotv[0] shape=(0,) []

  // Reset restores the compiled-in values.
  print_status(tcc_shared_reset());
  // CHECK: status=0: ok
  print_shared("sh");
  print_shared("w");
  print_shared("v");
  // CHECK: sh shape=() 3
  // CHECK: w shape=(2, 3) {{\[\[}}1 2 3] [4 5 6]]
  // CHECK: v shape=(1, 4) {{\[\[}}0.5 1.5 2.5 3.5]]

  // Releasing twice, or an array without owner, is harmless.
  tcc_array none;
  memset(&none, 0, sizeof none);
  tcc_array_release(&none);
  tcc_array_release(NULL);
  printf("dtype sizes: %d %d %d %d\n", (int)tcc_dtype_size(TCC_BOOL),
         (int)tcc_dtype_size(TCC_INT16), (int)tcc_dtype_size(TCC_FLOAT64),
         (int)tcc_dtype_size(42));
  // CHECK: dtype sizes: 1 2 8 0
  return 0;
}
