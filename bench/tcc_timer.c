// Times one function of a model library through the C ABI, as a deployed
// host program calls it: inputs from .npy files, results released after each
// call (the runtime allocates them; a host pays for that too).
//
//   tcc_timer MODEL.so FUNCTION NUM_OUTPUTS CALLS REPEATS [INPUT.npy ...]
//
// Prints one JSON object: {"best_s": seconds per call, best of the repeats,
// "median_s": median of the repeats}. The first call is a warm-up.
// Reads version 1-3 .npy files, C order, little-endian, the dtypes tcc has.
#define _POSIX_C_SOURCE 200809L
#include "tcc/tcc.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int (*CallFn)(const char *, const tcc_array *, int32_t, tcc_array *,
                      int32_t);
typedef const char *(*ErrorFn)(void);
typedef void (*ReleaseFn)(tcc_array *);

static void die(const char *what, const char *detail) {
  fprintf(stderr, "tcc_timer: %s%s%s\n", what, detail ? ": " : "",
          detail ? detail : "");
  exit(1);
}

static int dtypeOf(const char *descr) {
  static const struct {
    const char *descr;
    int dtype;
  } table[] = {
      {"|b1", TCC_BOOL},       {"|i1", TCC_INT8},    {"<i2", TCC_INT16},
      {"<i4", TCC_INT32},      {"<i8", TCC_INT64},   {"|u1", TCC_UINT8},
      {"<u2", TCC_UINT16},     {"<u4", TCC_UINT32},  {"<u8", TCC_UINT64},
      {"<f4", TCC_FLOAT32},    {"<f8", TCC_FLOAT64}, {"<c8", TCC_COMPLEX64},
      {"<c16", TCC_COMPLEX128}};
  for (size_t i = 0; i < sizeof table / sizeof table[0]; ++i)
    if (strcmp(descr, table[i].descr) == 0)
      return table[i].dtype;
  return -1;
}

/// Reads `path` into a C-contiguous array (data is malloc'ed, 64-aligned).
static tcc_array readNpy(const char *path, int64_t (*dtypeSize)(int32_t)) {
  FILE *file = fopen(path, "rb");
  if (!file)
    die("cannot open", path);
  unsigned char preamble[10];
  if (fread(preamble, 1, 8, file) != 8 || memcmp(preamble, "\x93NUMPY", 6))
    die("not a .npy file", path);
  size_t headerLength;
  if (preamble[6] == 1) {
    if (fread(preamble + 8, 1, 2, file) != 2)
      die("truncated .npy header", path);
    headerLength = preamble[8] | (size_t)preamble[9] << 8;
  } else {
    unsigned char length[4];
    if (fread(length, 1, 4, file) != 4)
      die("truncated .npy header", path);
    headerLength = length[0] | (size_t)length[1] << 8 |
                   (size_t)length[2] << 16 | (size_t)length[3] << 24;
  }
  char *header = calloc(headerLength + 1, 1);
  if (!header || fread(header, 1, headerLength, file) != headerLength)
    die("truncated .npy header", path);
  if (strstr(header, "'fortran_order': True"))
    die("Fortran-order arrays are not supported", path);

  tcc_array array;
  memset(&array, 0, sizeof array);
  char descr[8] = {0};
  const char *field = strstr(header, "'descr':");
  if (!field || sscanf(field, "'descr': '%7[^']'", descr) != 1 ||
      (array.dtype = dtypeOf(descr)) < 0)
    die("unsupported dtype in", path);
  const char *shape = strstr(header, "'shape':");
  if (!shape || !(shape = strchr(shape, '(')))
    die("no shape in", path);
  ++shape;
  int64_t count = 1;
  while (*shape && *shape != ')') {
    char *end;
    long long extent = strtoll(shape, &end, 10);
    if (end == shape) {
      ++shape;
      continue;
    }
    if (array.rank == TCC_MAX_RANK)
      die("rank too large in", path);
    array.shape[array.rank++] = extent;
    count *= extent;
    shape = end;
  }
  free(header);
  int64_t elementSize = dtypeSize(array.dtype);
  int64_t stride = elementSize;
  for (int d = array.rank - 1; d >= 0; --d) {
    array.strides[d] = stride;
    stride *= array.shape[d];
  }
  size_t bytes = (size_t)(count * elementSize);
  array.data = aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
  if (!array.data || fread(array.data, 1, bytes, file) != bytes)
    die("truncated .npy data", path);
  fclose(file);
  return array;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static int compareDoubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 6)
    die("usage: tcc_timer MODEL.so FUNCTION NUM_OUTPUTS CALLS REPEATS "
        "[INPUT.npy ...]",
        NULL);
  void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!library)
    die("cannot load the model", dlerror());
  CallFn call = (CallFn)dlsym(library, "tcc_call");
  ErrorFn lastError = (ErrorFn)dlsym(library, "tcc_last_error");
  ReleaseFn release = (ReleaseFn)dlsym(library, "tcc_array_release");
  int64_t (*dtypeSize)(int32_t) =
      (int64_t(*)(int32_t))dlsym(library, "tcc_dtype_size");
  if (!call || !lastError || !release || !dtypeSize)
    die("not a tcc model library", argv[1]);
  const char *function = argv[2];
  int numOutputs = atoi(argv[3]);
  long calls = atol(argv[4]);
  int repeats = atoi(argv[5]);
  if (numOutputs < 0 || numOutputs > 64 || calls < 1 || repeats < 1)
    die("bad NUM_OUTPUTS, CALLS or REPEATS", NULL);
  int numInputs = argc - 6;
  tcc_array *inputs = calloc(numInputs + 1, sizeof(tcc_array));
  for (int i = 0; i < numInputs; ++i)
    inputs[i] = readNpy(argv[6 + i], dtypeSize);
  tcc_array outputs[64];

  // Warm-up: loads pages, fills the allocator's caches, as a running
  // program would have.
  if (call(function, inputs, numInputs, outputs, numOutputs) != TCC_OK)
    die("the call failed", lastError());
  for (int o = 0; o < numOutputs; ++o)
    release(&outputs[o]);

  double *times = calloc(repeats, sizeof(double));
  for (int r = 0; r < repeats; ++r) {
    double start = now();
    for (long c = 0; c < calls; ++c) {
      if (call(function, inputs, numInputs, outputs, numOutputs) != TCC_OK)
        die("the call failed", lastError());
      for (int o = 0; o < numOutputs; ++o)
        release(&outputs[o]);
    }
    times[r] = (now() - start) / calls;
  }
  qsort(times, repeats, sizeof(double), compareDoubles);
  printf("{\"best_s\": %.9g, \"median_s\": %.9g}\n", times[0],
         times[repeats / 2]);
  return 0;
}
