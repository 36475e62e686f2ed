/*===- complex_model.c - A hand-written model with complex dtypes ---------===*\
|*                                                                            *|
|* Like fake_model.c, a stand-in for a tcc-generated object (docs/ABI.md),    *|
|* for the runtime's side of complex64 / complex128: input conversion, the    *|
|* manifest's names, shared variables and .npz state. Its kernels only copy   *|
|* or scale, so they need no complex arithmetic from the compiler.            *|
|* Built by the lit RUN lines of complex.c and complex-python.py.             *|
|*                                                                            *|
|* The model, in Theano terms (d: allow_input_downcast=True):                 *|
|*   z = shared(complex128 [1+2j, 3-4j]); c = shared(complex64 0.5-1.5j)      *|
|*   z128(x: zvector) -> x             z64(x: cvector) -> x                   *|
|*   z64d(x: cvector, d) -> x          f64(x: dvector) -> x                   *|
|*   f64d(x: dvector, d) -> x          i32d(x: ivector, d) -> x               *|
|*   bd(x: bool vector, d) -> x                                               *|
|*   rot(k: zscalar = 1j) -> z * k     updates z = z * k                      *|
\*===----------------------------------------------------------------------===*/

#include "tcc/tcc.h"

#include <stdlib.h>
#include <string.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* A function `NAME` of one vector input of `DTYPE` returning it. */
#define COPY_FN(NAME, DTYPE, DOWNCAST)                                         \
  "  {\"name\": \"" NAME                                                       \
  "\", \"inputs\": [{\"name\": \"x\", \"dtype\": \"" DTYPE                     \
  "\", \"broadcastable\": [false], \"default\": null}], \"reads\": [], "       \
  "\"outputs\": [{\"name\": \"y\", \"dtype\": \"" DTYPE                        \
  "\", \"broadcastable\": [false]}], \"updates\": [], "                        \
  "\"allow_input_downcast\": " DOWNCAST "},\n"

/* clang-format off */
HIDDEN const char __tcc_manifest[] =
    "{\"tcc_abi\": 1, \"model\": \"complex\", \"source\": \"complex.th\", "
    "\"floatX\": \"float64\",\n"
    " \"shared\": [\n"
    "  {\"name\": \"z\", \"dtype\": \"complex128\", \"broadcastable\": "
    "[false], \"shape\": [2], \"offset\": 0},\n"
    "  {\"name\": \"c\", \"dtype\": \"complex64\", \"broadcastable\": [], "
    "\"shape\": [], \"offset\": 64}\n"
    " ],\n"
    " \"functions\": [\n"
    COPY_FN("z128", "complex128", "false")
    COPY_FN("z64", "complex64", "false")
    COPY_FN("z64d", "complex64", "true")
    COPY_FN("f64", "float64", "false")
    COPY_FN("f64d", "float64", "true")
    COPY_FN("i32d", "int32", "true")
    COPY_FN("bd", "bool", "true")
    "  {\"name\": \"rot\", \"inputs\": [{\"name\": \"k\", \"dtype\": "
    "\"complex128\", \"broadcastable\": [], \"default\": {\"shape\": [], "
    "\"offset\": 128}}],\n"
    "   \"reads\": [0], \"outputs\": [{\"name\": \"zk\", \"dtype\": "
    "\"complex128\", \"broadcastable\": [false]}], \"updates\": [0]}\n"
    " ]}\n";
/* clang-format on */

/* The data blob: each value 64-byte aligned at the manifest's offset;
 * complex numbers as (real, imaginary) pairs. */
HIDDEN __attribute__((aligned(64))) const struct {
  double z[4];
  char pad0[32];
  float c[2]; /* offset 64 */
  char pad1[56];
  double k[2]; /* offset 128 */
  char pad2[48];
} __tcc_data = {.z = {1, 2, 3, -4}, .c = {0.5f, -1.5f}, .k = {0, 1}};
HIDDEN uint64_t __tcc_data_size = sizeof(__tcc_data);

/* Data of argument `d`, checking that the runtime kept its promise of a
 * contiguous, offset-0 buffer. */
static void *arg(void *d, int rank) {
  int64_t *w = (int64_t *)d;
  void *allocated, *aligned;
  memcpy(&allocated, &w[0], sizeof allocated);
  memcpy(&aligned, &w[1], sizeof aligned);
  if (w[2] != 0 || allocated != aligned)
    abort();
  /* Memref strides count elements, a complex number being one. */
  if (rank == 1 && w[3] != 1 && w[4] != 1)
    abort();
  return aligned;
}

/* Appends a contiguous result descriptor of rank 0 or 1 at `*res`. */
static void put(char **res, void *buf, int rank, int64_t n) {
  int64_t *w = (int64_t *)*res;
  memcpy(&w[0], &buf, 8);
  memcpy(&w[1], &buf, 8);
  w[2] = 0;
  if (rank == 1) {
    w[3] = n;
    w[4] = 1;
  }
  *res += 8 * (3 + 2 * rank);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    abort();
  return p;
}

/* x -> a fresh copy of x, for the element size `es` of its dtype. */
static void copy(void *results, void **args, int64_t es) {
  int64_t n = ((int64_t *)args[0])[3];
  void *y = xmalloc(n * es);
  memcpy(y, arg(args[0], 1), n * es);
  char *res = results;
  put(&res, y, 1, n);
}

HIDDEN void __tcc_kernel_0(void *r, void **a) { copy(r, a, 16); }
HIDDEN void __tcc_kernel_1(void *r, void **a) { copy(r, a, 8); }
HIDDEN void __tcc_kernel_2(void *r, void **a) { copy(r, a, 8); }
HIDDEN void __tcc_kernel_3(void *r, void **a) { copy(r, a, 8); }
HIDDEN void __tcc_kernel_4(void *r, void **a) { copy(r, a, 8); }
HIDDEN void __tcc_kernel_5(void *r, void **a) { copy(r, a, 4); }
HIDDEN void __tcc_kernel_6(void *r, void **a) { copy(r, a, 1); }

/* rot(k) -> z * k; z = z * k (two buffers: the output and the update). */
HIDDEN void __tcc_kernel_7(void *results, void **args) {
  const double *k = arg(args[0], 0);
  int64_t n = ((int64_t *)args[1])[3];
  const double *z = arg(args[1], 1);
  double *out = xmalloc(n * 16), *next = xmalloc(n * 16);
  for (int64_t i = 0; i < n; ++i) {
    out[2 * i] = z[2 * i] * k[0] - z[2 * i + 1] * k[1];
    out[2 * i + 1] = z[2 * i] * k[1] + z[2 * i + 1] * k[0];
  }
  memcpy(next, out, n * 16);
  char *res = results;
  put(&res, out, 1, n);
  put(&res, next, 1, n);
}

HIDDEN void *__tcc_kernels[] = {
    (void *)__tcc_kernel_0, (void *)__tcc_kernel_1, (void *)__tcc_kernel_2,
    (void *)__tcc_kernel_3, (void *)__tcc_kernel_4, (void *)__tcc_kernel_5,
    (void *)__tcc_kernel_6, (void *)__tcc_kernel_7,
};

/* The generated wrappers; one is enough to pull in the runtime. */
int tcc_fn_rot(const tcc_array *inputs, tcc_array *outputs) {
  return tcc_call_index(7, inputs, 1, outputs, 1);
}
