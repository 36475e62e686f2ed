// complex64 and complex128 through the C ABI, on a hand-written model
// (Inputs/complex_model.c): dtype codes and sizes, Theano's input conversion
// to and from complex dtypes, shared variables and .npz state.
// RUN: %cc -c -fPIC -O2 -I%tcc_include -o %t.model.o %S/Inputs/complex_model.c
// RUN: %cc -shared -o %t.model.so %t.model.o %tcc_libdir/libtccrt.a -lopenblas -lstdc++ -lm -Wl,--version-script=%S/../../runtime/tcc.map
// RUN: %cc -I%tcc_include -I%S/Inputs %s %t.model.so -o %t
// RUN: rm -f %t.npz
// RUN: %t %t.npz | FileCheck %s --match-full-lines
// The saved state is what NumPy reads as complex arrays.
// RUN: %python -c "import sys, numpy as np; d = np.load(sys.argv[1]); print(sorted((k, d[k].dtype.str, d[k].tolist()) for k in d))" %t.npz | FileCheck %s --check-prefix=NPZ
// NPZ: [('c', '<c8', (2+3j)), ('z', '<c16', [(-2+1j), (4+3j)])]

#include "test_util.h"

#include <stdlib.h>

/* Prints a contiguous 1-d result (or 0-d) of any dtype the model returns,
 * complex numbers as (re, im). */
static void print_z(const char *label, const tcc_array *a) {
  int64_t n = a->rank ? a->shape[0] : 1;
  const char *kind = a->dtype == TCC_COMPLEX64    ? "c64"
                     : a->dtype == TCC_COMPLEX128 ? "c128"
                                                  : "";
  printf("%s %s[", label, kind);
  for (int64_t i = 0; i < n; ++i) {
    const char *p = (const char *)a->data + i * tcc_dtype_size(a->dtype);
    if (i)
      printf(" ");
    if (a->dtype == TCC_COMPLEX64)
      printf("(%.17g, %.17g)", ((const float *)p)[0], ((const float *)p)[1]);
    else if (a->dtype == TCC_COMPLEX128)
      printf("(%.17g, %.17g)", ((const double *)p)[0], ((const double *)p)[1]);
    else
      print_element(a, p);
  }
  printf("]\n");
}

/* Calls the one-input, one-output function `fn` and prints its result. */
static void call(const char *fn, tcc_array in) {
  tcc_array out;
  int status = tcc_call(fn, &in, 1, &out, 1);
  if (status) {
    print_status(status);
    return;
  }
  print_z(fn, &out);
  tcc_array_release(&out);
}

static void shared(const char *name) {
  tcc_array a;
  int status = tcc_shared_get(name, &a);
  if (status) {
    print_status(status);
    return;
  }
  print_z(name, &a);
  tcc_array_release(&a);
}

int main(int argc, char **argv) {
  (void)argc;
  printf("sizes %lld %lld %lld\n", (long long)tcc_dtype_size(TCC_COMPLEX64),
         (long long)tcc_dtype_size(TCC_COMPLEX128),
         (long long)tcc_dtype_size(13));
  // CHECK:sizes 8 16 0

  // The same dtype passes through; a strided view is copied first.
  double z[6] = {1, 2, 3, -4, 0.5, 0.25};
  call("z128", view(z, TCC_COMPLEX128, 1, (int64_t)3));
  // CHECK-NEXT:z128 c128[(1, 2) (3, -4) (0.5, 0.25)]
  tcc_array every_other = view(z, TCC_COMPLEX128, 1, (int64_t)2);
  every_other.strides[0] = 32;
  call("z128", every_other);
  // CHECK-NEXT:z128 c128[(1, 2) (0.5, 0.25)]

  // Lossless conversions to complex128: complex64, floats, every integer
  // (NumPy's can_cast 'safe', as for float64) and bool, imaginary part 0.
  float c[4] = {0.1f, -0.5f, 2, 3};
  call("z128", view(c, TCC_COMPLEX64, 1, (int64_t)2));
  // CHECK-NEXT:z128 c128[(0.10000000149011612, -0.5) (2, 3)]
  tcc_array strided_c = view(c, TCC_COMPLEX64, 1, (int64_t)1);
  strided_c.strides[0] = 16;
  call("z128", strided_c);
  // CHECK-NEXT:z128 c128[(0.10000000149011612, -0.5)]
  double d[2] = {0.1, -7};
  call("z128", view(d, TCC_FLOAT64, 1, (int64_t)2));
  // CHECK-NEXT:z128 c128[(0.10000000000000001, 0) (-7, 0)]
  int64_t i64[2] = {-3, 9007199254740993};
  call("z128", view(i64, TCC_INT64, 1, (int64_t)2));
  // CHECK-NEXT:z128 c128[(-3, 0) (9007199254740992, 0)]
  uint32_t u32[1] = {4000000000u};
  call("z128", view(u32, TCC_UINT32, 1, (int64_t)1));
  // CHECK-NEXT:z128 c128[(4000000000, 0)]
  uint8_t b[2] = {1, 0};
  call("z128", view(b, TCC_BOOL, 1, (int64_t)2));
  // CHECK-NEXT:z128 c128[(1, 0) (0, 0)]

  // complex64 takes what float32 takes: float32, integers of up to 16 bits
  // and bool; nothing wider without allow_input_downcast.
  float f[2] = {1.5f, -2};
  call("z64", view(f, TCC_FLOAT32, 1, (int64_t)2));
  // CHECK-NEXT:z64 c64[(1.5, 0) (-2, 0)]
  int16_t i16[2] = {-32768, 32767};
  call("z64", view(i16, TCC_INT16, 1, (int64_t)2));
  // CHECK-NEXT:z64 c64[(-32768, 0) (32767, 0)]
  uint16_t u16[1] = {65535};
  call("z64", view(u16, TCC_UINT16, 1, (int64_t)1));
  // CHECK-NEXT:z64 c64[(65535, 0)]
  call("z64", view(b, TCC_BOOL, 1, (int64_t)2));
  // CHECK-NEXT:z64 c64[(1, 0) (0, 0)]
  call("z64", view(c, TCC_COMPLEX64, 1, (int64_t)2));
  // CHECK-NEXT:z64 c64[(0.10000000149011612, -0.5) (2, 3)]
  call("z64", view(z, TCC_COMPLEX128, 1, (int64_t)3));
  // CHECK-NEXT:status=1: z64: argument 0 ('x') must be complex64, got complex128, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  call("z64", view(d, TCC_FLOAT64, 1, (int64_t)2));
  // CHECK-NEXT:status=1: z64: argument 0 ('x') must be complex64, got float64, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  int32_t i32[2] = {1, 2};
  call("z64", view(i32, TCC_INT32, 1, (int64_t)2));
  // CHECK-NEXT:status=1: z64: argument 0 ('x') must be complex64, got int32, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  call("z64", view(u32, TCC_UINT32, 1, (int64_t)1));
  // CHECK-NEXT:status=1: z64: argument 0 ('x') must be complex64, got uint32, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)

  // With allow_input_downcast: complex128 -> complex64 rounds each part.
  double tenth[2] = {0.1, 0.2};
  call("z64d", view(tenth, TCC_COMPLEX128, 1, (int64_t)1));
  // CHECK-NEXT:z64d c64[(0.10000000149011612, 0.20000000298023224)]
  call("z64d", view(i64, TCC_INT64, 1, (int64_t)2));
  // CHECK-NEXT:z64d c64[(-3, 0) (9007199254740992, 0)]

  // Complex -> real is a downcast: refused without the flag, else the real
  // part (NumPy's astype), converted by the usual rules; bool tests the
  // whole number (NumPy: 1j is true).
  call("f64", view(z, TCC_COMPLEX128, 1, (int64_t)3));
  // CHECK-NEXT:status=1: f64: argument 0 ('x') must be float64, got complex128, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  call("f64", view(c, TCC_COMPLEX64, 1, (int64_t)2));
  // CHECK-NEXT:status=1: f64: argument 0 ('x') must be float64, got complex64, which does not convert to it without loss of precision (compile the function with allow_input_downcast=True to convert anyway)
  call("f64d", view(z, TCC_COMPLEX128, 1, (int64_t)3));
  // CHECK-NEXT:f64d [1 3 0.5]
  call("f64d", view(c, TCC_COMPLEX64, 1, (int64_t)2));
  // CHECK-NEXT:f64d [0.1 2]
  double trunc[6] = {3.7, 9, -2.9, 1, 0, -5};
  call("i32d", view(trunc, TCC_COMPLEX128, 1, (int64_t)3));
  // CHECK-NEXT:i32d [3 -2 0]
  double truth[8] = {0, 1, 0, 0, 2, 0, -0.0, -0.0};
  call("bd", view(truth, TCC_COMPLEX128, 1, (int64_t)4));
  // CHECK-NEXT:bd [true false true false]

  // An unknown dtype code is still refused as such.
  tcc_array bad = view(z, TCC_COMPLEX128, 1, (int64_t)1);
  bad.dtype = 13;
  call("z128", bad);
  // CHECK-NEXT:status=1: z128: argument 0 ('x') must be complex128, got dtype 13

  // A complex 0-d input: its default (1j), then converted scalars; the
  // update of the complex128 shared variable z.
  shared("z");
  // CHECK-NEXT:z c128[(1, 2) (3, -4)]
  tcc_array out;
  print_status(tcc_call("rot", NULL, 0, &out, 1));
  // CHECK-NEXT:status=0: ok
  tcc_array_release(&out);
  shared("z");
  // CHECK-NEXT:z c128[(-2, 1) (4, 3)]
  int64_t two = 2;
  call("rot", view(&two, TCC_INT64, 0));
  // CHECK-NEXT:rot c128[(-4, 2) (8, 6)]
  float half[2] = {0.5f, 0};
  call("rot", view(half, TCC_COMPLEX64, 0));
  // CHECK-NEXT:rot c128[(-2, 1) (4, 3)]

  // Shared variables: get, set (exact dtype only, as for every dtype),
  // save and load as .npz ('<c8' and '<c16').
  shared("c");
  // CHECK-NEXT:c c64[(0.5, -1.5)]
  print_status(tcc_shared_set("c", &(tcc_array){0}));
  // CHECK-NEXT:status=1: tcc_shared_set: shared variable 'c' must be complex64, got bool
  tcc_array wide = view(tenth, TCC_COMPLEX128, 0);
  print_status(tcc_shared_set("c", &wide));
  // CHECK-NEXT:status=1: tcc_shared_set: shared variable 'c' must be complex64, got complex128
  float c23[2] = {2, 3};
  tcc_array narrow = view(c23, TCC_COMPLEX64, 0);
  print_status(tcc_shared_set("c", &narrow));
  // CHECK-NEXT:status=0: ok
  print_status(tcc_shared_save(argv[1]));
  // CHECK-NEXT:status=0: ok
  print_status(tcc_shared_reset());
  // CHECK-NEXT:status=0: ok
  shared("c");
  // CHECK-NEXT:c c64[(0.5, -1.5)]
  print_status(tcc_shared_load(argv[1]));
  // CHECK-NEXT:status=0: ok
  shared("c");
  // CHECK-NEXT:c c64[(2, 3)]
  shared("z");
  // CHECK-NEXT:z c128[(-2, 1) (4, 3)]
  return 0;
}
