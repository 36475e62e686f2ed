/*===- fake_model.c - A hand-written model object for runtime tests -------===*\
|*                                                                            *|
|* Stands in for what `tcc` generates (docs/ABI.md) until the compiler        *|
|* exists: a manifest, a data blob, one kernel per function, the kernel       *|
|* table and the tcc_fn_<name> wrappers. Kernels follow the ABI strictly:     *|
|* they read memref descriptors, never write arguments, and return fresh      *|
|* malloc'd buffers, arguments, or views (offset/strides) of their own        *|
|* buffers. They abort() when the runtime hands them anything the ABI says    *|
|* it will not (a non-contiguous argument), so tests catch such bugs.         *|
|*                                                                            *|
|* The model, in Theano terms:                                                *|
|*   sh = shared(int64 3); w = shared(float64 [[1,2,3],[4,5,6]])              *|
|*   p = shared(int64 10); q = shared(int64 20)                               *|
|*   v = shared(float32 [[.5,1.5,2.5,3.5]], broadcastable=(True, False))      *|
|*   acc(x)        -> [sh*sh, sh+x]      updates sh = sh+x (same buffer)      *|
|*   addw(m)       -> [m+w, m.sum(1)]    updates w = w+m                      *|
|*   swap()        -> p+q                updates p = q, q = p                 *|
|*   scale(x, factor=2.0) -> x*factor                                         *|
|*   ident(x)      -> [x, x+1, x+1 (same buffer)]                             *|
|*   tr(m)         -> [m.T (strided view), m[1] (offset view),                *|
|*                     m.T copied with memrefCopy]                            *|
|*   dotv(x, y)    -> dot(x, y) via cblas_dgemv                               *|
|*   square(a)     -> trace(a), a must be square                              *|
|*   vset(x)       -> (no outputs)       updates v = v+x                      *|
|*   positive(x)   -> x > 0 (bool)                                            *|
|*   affine(x, a=2.0, b=0.5) -> x*a+b                                         *|
\*===----------------------------------------------------------------------===*/

#include "tcc/tcc.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>

#define HIDDEN __attribute__((visibility("hidden")))

HIDDEN const char __tcc_manifest[] =
    "{\"tcc_abi\": 1, \"model\": \"fake\", \"source\": \"fake.th\", "
    "\"floatX\": \"float64\",\n"
    " \"shared\": [\n"
    "  {\"name\": \"sh\", \"dtype\": \"int64\", \"broadcastable\": [], "
    "\"shape\": [], \"offset\": 0},\n"
    "  {\"name\": \"w\", \"dtype\": \"float64\", \"broadcastable\": [false, "
    "false], \"shape\": [2, 3], \"offset\": 64},\n"
    "  {\"name\": \"p\", \"dtype\": \"int64\", \"broadcastable\": [], "
    "\"shape\": [], \"offset\": 128},\n"
    "  {\"name\": \"q\", \"dtype\": \"int64\", \"broadcastable\": [], "
    "\"shape\": [], \"offset\": 192},\n"
    "  {\"name\": \"v\", \"dtype\": \"float32\", \"broadcastable\": [true, "
    "false], \"shape\": [1, 4], \"offset\": 256}\n"
    " ],\n"
    " \"functions\": [\n"
    "  {\"name\": \"acc\", \"inputs\": [{\"name\": \"x\", \"dtype\": "
    "\"int64\", \"broadcastable\": [], \"default\": null}],\n"
    "   \"reads\": [0], \"outputs\": [{\"name\": \"sq\", \"dtype\": \"int64\", "
    "\"broadcastable\": []}, {\"name\": \"next\", \"dtype\": \"int64\", "
    "\"broadcastable\": []}],\n"
    "   \"updates\": [0], \"shape_checks\": []},\n"
    "  {\"name\": \"addw\", \"inputs\": [{\"name\": \"m\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false, false], \"default\": null}],\n"
    "   \"reads\": [1], \"outputs\": [{\"name\": \"sum\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false, false]}, {\"name\": \"rowsum\", "
    "\"dtype\": \"float64\", \"broadcastable\": [false]}],\n"
    "   \"updates\": [1], \"shape_checks\": [\n"
    "    {\"a\": [0, 0], \"b\": [1, 0], \"reason\": \"elementwise + at "
    "fake.th:4:9 needs m.shape[0] == w.shape[0]\"},\n"
    "    {\"a\": [0, 1], \"b\": [1, 1], \"reason\": \"elementwise + at "
    "fake.th:4:9 needs m.shape[1] == w.shape[1]\"}]},\n"
    "  {\"name\": \"swap\", \"inputs\": [], \"reads\": [2, 3], \"outputs\": "
    "[{\"name\": \"total\", \"dtype\": \"int64\", \"broadcastable\": []}], "
    "\"updates\": [2, 3]},\n"
    "  {\"name\": \"scale\", \"inputs\": [{\"name\": \"x\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false], \"default\": null}, {\"name\": "
    "\"factor\", \"dtype\": \"float64\", \"broadcastable\": [], \"default\": "
    "{\"shape\": [], \"offset\": 320}}],\n"
    "   \"reads\": [], \"outputs\": [{\"name\": \"y\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false]}], \"updates\": [], "
    "\"shape_checks\": []},\n"
    "  {\"name\": \"ident\", \"inputs\": [{\"name\": \"x\", \"dtype\": "
    "\"float32\", \"broadcastable\": [true, false], \"default\": null}],\n"
    "   \"reads\": [], \"outputs\": [{\"name\": \"same\", \"dtype\": "
    "\"float32\", \"broadcastable\": [true, false]}, {\"name\": \"plus\", "
    "\"dtype\": \"float32\", \"broadcastable\": [true, false]}, {\"name\": "
    "\"plus_again\", \"dtype\": \"float32\", \"broadcastable\": [true, "
    "false]}], \"updates\": []},\n"
    "  {\"name\": \"tr\", \"inputs\": [{\"name\": \"m\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false, false], \"default\": null}],\n"
    "   \"reads\": [], \"outputs\": [{\"name\": \"t\", \"dtype\": \"float64\", "
    "\"broadcastable\": [false, false]}, {\"name\": \"row1\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false]}, {\"name\": \"t2\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false, false]}], \"updates\": []},\n"
    "  {\"name\": \"dotv\", \"inputs\": [{\"name\": \"x\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false, false], \"default\": null}, "
    "{\"name\": \"y\", \"dtype\": \"float64\", \"broadcastable\": [false], "
    "\"default\": null}],\n"
    "   \"reads\": [], \"outputs\": [{\"name\": \"z\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false]}], \"updates\": [],\n"
    "   \"shape_checks\": [{\"a\": [0, 1], \"b\": [1, 0], \"reason\": \"dot "
    "at fake.th:9:5 needs x.shape[1] == y.shape[0]\"}]},\n"
    "  {\"name\": \"square\", \"inputs\": [{\"name\": \"a\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false, false], \"default\": null}],\n"
    "   \"reads\": [], \"outputs\": [{\"name\": \"trace\", \"dtype\": "
    "\"float64\", \"broadcastable\": []}], \"updates\": [],\n"
    "   \"shape_checks\": [{\"a\": [0, 0], \"b\": [0, 1], \"reason\": "
    "\"trace at fake.th:11:3 needs a.shape[0] == a.shape[1]\"}]},\n"
    "  {\"name\": \"vset\", \"inputs\": [{\"name\": \"x\", \"dtype\": "
    "\"float32\", \"broadcastable\": [true, false], \"default\": null}],\n"
    "   \"reads\": [4], \"outputs\": [], \"updates\": [4],\n"
    "   \"shape_checks\": [{\"a\": [0, 1], \"b\": [1, 1], \"reason\": "
    "\"elementwise + at fake.th:13:7 needs x.shape[1] == v.shape[1]\"}]},\n"
    "  {\"name\": \"positive\", \"inputs\": [{\"name\": \"x\", \"dtype\": "
    "\"int32\", \"broadcastable\": [false], \"default\": null}],\n"
    "   \"reads\": [], \"outputs\": [{\"name\": \"mask\", \"dtype\": \"bool\", "
    "\"broadcastable\": [false]}], \"updates\": []},\n"
    "  {\"name\": \"affine\", \"inputs\": [{\"name\": \"x\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false], \"default\": null}, {\"name\": "
    "\"a\", \"dtype\": \"float64\", \"broadcastable\": [], \"default\": "
    "{\"shape\": [], \"offset\": 384}}, {\"name\": \"b\", \"dtype\": "
    "\"float64\", \"broadcastable\": [], \"default\": {\"shape\": [], "
    "\"offset\": 448}}],\n"
    "   \"reads\": [], \"outputs\": [{\"name\": \"out\", \"dtype\": "
    "\"float64\", \"broadcastable\": [false]}], \"updates\": []}\n"
    " ]}\n";

/* The data blob: each value 64-byte aligned at the manifest's offset. */
HIDDEN __attribute__((aligned(64))) const struct {
  int64_t sh;
  char pad0[56];
  double w[6]; /* offset 64 */
  char pad1[16];
  int64_t p; /* offset 128 */
  char pad2[56];
  int64_t q; /* offset 192 */
  char pad3[56];
  float v[4]; /* offset 256 */
  char pad4[48];
  double factor; /* offset 320 */
  char pad5[56];
  double a; /* offset 384 */
  char pad6[56];
  double b; /* offset 448 */
  char pad7[56];
} __tcc_data = {.sh = 3,
                .w = {1, 2, 3, 4, 5, 6},
                .p = 10,
                .q = 20,
                .v = {0.5f, 1.5f, 2.5f, 3.5f},
                .factor = 2.0,
                .a = 2.0,
                .b = 0.5};
HIDDEN uint64_t __tcc_data_size = sizeof(__tcc_data);

/*--- Descriptor access ---------------------------------------------------*/

/* A ranked descriptor: {allocated, aligned, offset, sizes[r], strides[r]}. */
static int64_t *words(void *d) { return (int64_t *)d; }
static char *aligned_of(void *d) {
  char *p;
  memcpy(&p, (char *)d + 8, sizeof p);
  return p;
}
static int64_t size_of(void *d, int dim) { return words(d)[3 + dim]; }

/* Data of argument `d` (rank `rank`, element size `es`), checking that the
 * runtime kept its promise of a contiguous, offset-0, aligned buffer. */
static void *arg(void *d, int rank, int64_t es) {
  int64_t *w = words(d);
  int64_t expected = 1;
  void *allocated;
  memcpy(&allocated, w, sizeof allocated);
  if (w[2] != 0 || allocated != aligned_of(d))
    abort();
  for (int i = rank - 1; i >= 0; --i) {
    if (w[3 + i] != 1 && w[3 + rank + i] != expected)
      abort();
    expected *= w[3 + i];
  }
  if ((uintptr_t)aligned_of(d) % es != 0)
    abort();
  return aligned_of(d);
}

/* Appends a result descriptor at `*res` and advances it. */
static void put(char **res, void *allocated, void *aligned, int64_t offset,
                int rank, const int64_t *sizes, const int64_t *strides) {
  int64_t *w = (int64_t *)*res;
  memcpy(&w[0], &allocated, 8);
  memcpy(&w[1], &aligned, 8);
  w[2] = offset;
  for (int i = 0; i < rank; ++i) {
    w[3 + i] = sizes[i];
    w[3 + rank + i] = strides[i];
  }
  *res += 8 * (3 + 2 * rank);
}

/* A fresh contiguous result of `n` elements. */
static void put_fresh(char **res, void *buf, int rank, const int64_t *sizes) {
  int64_t strides[8];
  int64_t s = 1;
  for (int i = rank - 1; i >= 0; --i) {
    strides[i] = s;
    s *= sizes[i];
  }
  put(res, buf, buf, 0, rank, sizes, strides);
}

/* Passes argument `d` back as a result (aliasing it). */
static void put_arg(char **res, void *d, int rank) {
  int64_t *w = words(d);
  void *allocated;
  memcpy(&allocated, w, sizeof allocated);
  put(res, allocated, aligned_of(d), w[2], rank, w + 3, w + 3 + rank);
}

/* malloc that never returns NULL for 0 bytes (MLIR's lowering does the same
 * with a minimum size), and aborts on failure like generated code would. */
static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    abort();
  return p;
}

/*--- Kernels ---------------------------------------------------------------*/

/* acc(x) -> [sh*sh, sh+x]; sh = sh+x (the same buffer as output 1). */
HIDDEN void __tcc_kernel_0(void *results, void **args) {
  int64_t x = *(int64_t *)arg(args[0], 0, 8);
  int64_t sh = *(int64_t *)arg(args[1], 0, 8);
  int64_t *sq = xmalloc(8), *next = xmalloc(8);
  *sq = sh * sh;
  *next = sh + x;
  char *res = results;
  put_fresh(&res, sq, 0, NULL);
  put_fresh(&res, next, 0, NULL);
  put_fresh(&res, next, 0, NULL);
}

/* addw(m) -> [m+w, m.sum(1)]; w = w+m. */
HIDDEN void __tcc_kernel_1(void *results, void **args) {
  int64_t r = size_of(args[0], 0), c = size_of(args[0], 1);
  const double *m = arg(args[0], 2, 8), *w = arg(args[1], 2, 8);
  double *sum = xmalloc(r * c * 8), *rowsum = xmalloc(r * 8),
         *neww = xmalloc(r * c * 8);
  for (int64_t i = 0; i < r; ++i) {
    rowsum[i] = 0;
    for (int64_t j = 0; j < c; ++j) {
      sum[i * c + j] = m[i * c + j] + w[i * c + j];
      neww[i * c + j] = w[i * c + j] + m[i * c + j];
      rowsum[i] += m[i * c + j];
    }
  }
  int64_t sizes[2] = {r, c};
  char *res = results;
  put_fresh(&res, sum, 2, sizes);
  put_fresh(&res, rowsum, 1, sizes);
  put_fresh(&res, neww, 2, sizes);
}

/* swap() -> p+q; p = q, q = p: both updates return arguments. */
HIDDEN void __tcc_kernel_2(void *results, void **args) {
  int64_t p = *(int64_t *)arg(args[0], 0, 8);
  int64_t q = *(int64_t *)arg(args[1], 0, 8);
  int64_t *total = xmalloc(8);
  *total = p + q;
  char *res = results;
  put_fresh(&res, total, 0, NULL);
  put_arg(&res, args[1], 0);
  put_arg(&res, args[0], 0);
}

/* scale(x, factor) -> x*factor. */
HIDDEN void __tcc_kernel_3(void *results, void **args) {
  int64_t n = size_of(args[0], 0);
  const double *x = arg(args[0], 1, 8);
  double factor = *(double *)arg(args[1], 0, 8);
  double *y = xmalloc(n * 8);
  for (int64_t i = 0; i < n; ++i)
    y[i] = x[i] * factor;
  char *res = results;
  put_fresh(&res, y, 1, &n);
}

/* ident(x) -> [x, x+1, x+1 (same buffer)]. */
HIDDEN void __tcc_kernel_4(void *results, void **args) {
  int64_t sizes[2] = {size_of(args[0], 0), size_of(args[0], 1)};
  const float *x = arg(args[0], 2, 4);
  float *plus = xmalloc(sizes[0] * sizes[1] * 4);
  for (int64_t i = 0; i < sizes[0] * sizes[1]; ++i)
    plus[i] = x[i] + 1;
  char *res = results;
  put_arg(&res, args[0], 2);
  put_fresh(&res, plus, 2, sizes);
  put_fresh(&res, plus, 2, sizes);
}

typedef struct {
  int64_t rank;
  void *descriptor;
} UnrankedMemRef;
void memrefCopy(int64_t elemSize, UnrankedMemRef *src, UnrankedMemRef *dst);

/* tr(m) -> [m.T as a strided view of a copy, m[1] as an offset view of a
 * copy, m.T made contiguous with memrefCopy]. */
HIDDEN void __tcc_kernel_5(void *results, void **args) {
  int64_t r = size_of(args[0], 0), c = size_of(args[0], 1);
  const double *m = arg(args[0], 2, 8);
  double *copy1 = xmalloc(r * c * 8), *copy2 = xmalloc(r * c * 8);
  /* Offset the aligned pointer by one element to exercise aligned != allocated.
   */
  double *base3 = xmalloc((r * c + 1) * 8);
  memcpy(copy1, m, r * c * 8);
  memcpy(copy2, m, r * c * 8);

  /* memrefCopy from the transposed view of m into base3+1, row-major. */
  int64_t src[7], dst[7];
  const double *mp = m; /* memrefCopy reads it only */
  void *b3 = base3, *b3a = base3 + 1;
  memcpy(&src[0], &mp, 8);
  memcpy(&src[1], &mp, 8);
  src[2] = 0;
  src[3] = c, src[4] = r, src[5] = 1, src[6] = c;
  memcpy(&dst[0], &b3, 8);
  memcpy(&dst[1], &b3a, 8);
  dst[2] = 0;
  dst[3] = c, dst[4] = r, dst[5] = r, dst[6] = 1;
  UnrankedMemRef us = {2, src}, ud = {2, dst};
  memrefCopy(8, &us, &ud);

  char *res = results;
  int64_t tsizes[2] = {c, r}, tstrides[2] = {1, c};
  put(&res, copy1, copy1, 0, 2, tsizes, tstrides);
  int64_t one = 1;
  put(&res, copy2, copy2, r > 1 ? c : 0, 1, &c, &one);
  int64_t t2strides[2] = {r, 1};
  put(&res, base3, base3 + 1, 0, 2, tsizes, t2strides);
}

/* dotv(x, y) -> x @ y through CBLAS, as generated code will. */
HIDDEN void __tcc_kernel_6(void *results, void **args) {
  int64_t r = size_of(args[0], 0), c = size_of(args[0], 1);
  const double *x = arg(args[0], 2, 8), *y = arg(args[1], 1, 8);
  double *z = xmalloc(r * 8);
  if (r > 0)
    cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)r, (int)c, 1.0, x,
                c > 0 ? (int)c : 1, y, 1, 0.0, z, 1);
  char *res = results;
  put_fresh(&res, z, 1, &r);
}

/* square(a) -> trace(a). */
HIDDEN void __tcc_kernel_7(void *results, void **args) {
  int64_t n = size_of(args[0], 0);
  const double *a = arg(args[0], 2, 8);
  double *t = xmalloc(8);
  *t = 0;
  for (int64_t i = 0; i < n; ++i)
    *t += a[i * n + i];
  char *res = results;
  put_fresh(&res, t, 0, NULL);
}

/* vset(x) -> (); v = v+x. */
HIDDEN void __tcc_kernel_8(void *results, void **args) {
  int64_t sizes[2] = {1, size_of(args[0], 1)};
  const float *x = arg(args[0], 2, 4), *v = arg(args[1], 2, 4);
  float *nv = xmalloc(sizes[1] * 4);
  for (int64_t i = 0; i < sizes[1]; ++i)
    nv[i] = v[i] + x[i];
  char *res = results;
  put_fresh(&res, nv, 2, sizes);
}

/* positive(x) -> x > 0. */
HIDDEN void __tcc_kernel_9(void *results, void **args) {
  int64_t n = size_of(args[0], 0);
  const int32_t *x = arg(args[0], 1, 4);
  uint8_t *mask = xmalloc(n);
  for (int64_t i = 0; i < n; ++i)
    mask[i] = x[i] > 0;
  char *res = results;
  put_fresh(&res, mask, 1, &n);
}

/* affine(x, a, b) -> x*a+b. */
HIDDEN void __tcc_kernel_10(void *results, void **args) {
  int64_t n = size_of(args[0], 0);
  const double *x = arg(args[0], 1, 8);
  double a = *(double *)arg(args[1], 0, 8), b = *(double *)arg(args[2], 0, 8);
  double *out = xmalloc(n * 8);
  for (int64_t i = 0; i < n; ++i)
    out[i] = x[i] * a + b;
  char *res = results;
  put_fresh(&res, out, 1, &n);
}

HIDDEN void *__tcc_kernels[] = {
    (void *)__tcc_kernel_0, (void *)__tcc_kernel_1,  (void *)__tcc_kernel_2,
    (void *)__tcc_kernel_3, (void *)__tcc_kernel_4,  (void *)__tcc_kernel_5,
    (void *)__tcc_kernel_6, (void *)__tcc_kernel_7,  (void *)__tcc_kernel_8,
    (void *)__tcc_kernel_9, (void *)__tcc_kernel_10,
};

/*--- The exported wrappers (declared by `tcc --emit=header`) ---------------*/

/* Each is what the generated wrapper is: a call of the function by index. */
#define TCC_WRAPPER(NAME, INDEX, NUM_INPUTS, NUM_OUTPUTS)                      \
  int tcc_fn_##NAME(const tcc_array *inputs, tcc_array *outputs) {             \
    return tcc_call_index(INDEX, inputs, NUM_INPUTS, outputs, NUM_OUTPUTS);    \
  }
TCC_WRAPPER(acc, 0, 1, 2)
TCC_WRAPPER(addw, 1, 1, 2)
TCC_WRAPPER(swap, 2, 0, 1)
TCC_WRAPPER(scale, 3, 2, 1)
TCC_WRAPPER(ident, 4, 1, 3)
TCC_WRAPPER(tr, 5, 1, 3)
TCC_WRAPPER(dotv, 6, 2, 1)
TCC_WRAPPER(square, 7, 1, 1)
TCC_WRAPPER(vset, 8, 1, 0)
TCC_WRAPPER(positive, 9, 1, 1)
TCC_WRAPPER(affine, 10, 3, 1)
