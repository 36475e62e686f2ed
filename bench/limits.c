// This machine's limits, measured in the same run as the workloads:
// memory bandwidth (STREAM's copy and triad) at a given working-set size and
// OpenBLAS's dgemm/sgemm rate as peak flops.
//
//   limits BYTES   (cc -O3 -march=native -fopenmp limits.c -lopenblas)
//
// Prints one JSON object. Threads follow OMP_NUM_THREADS and
// OPENBLAS_NUM_THREADS, which the harness sets. Bandwidth counts the bytes
// read plus the bytes written (STREAM's convention); "copy_s" is the time to
// copy an array of BYTES bytes into an existing one.
#define _POSIX_C_SOURCE 200809L
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void *allocate(size_t bytes) {
  void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
  if (!p) {
    fprintf(stderr, "limits: out of memory\n");
    exit(1);
  }
  memset(p, 1, bytes); // fault the pages in before timing
  return p;
}

// The operands of the kernels being timed.
static size_t n;
static double *a, *b, *c;
enum { N = 1536 };
static double *da, *db, *dc;
static float *sa, *sb, *sc;

static void copyKernel(void) {
#pragma omp parallel for schedule(static)
  for (size_t i = 0; i < n; ++i)
    a[i] = b[i];
}

static void triadKernel(void) {
#pragma omp parallel for schedule(static)
  for (size_t i = 0; i < n; ++i)
    a[i] = b[i] + 3.0 * c[i];
}

static void dgemmKernel(void) {
  cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1.0, da, N,
              db, N, 0.0, dc, N);
}

static void sgemmKernel(void) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1.0f, sa, N,
              sb, N, 0.0f, sc, N);
}

/// Best time of `kernel`: at least 5 runs and ~0.2 s of runs in all.
static double bestTime(void (*kernel)(void)) {
  double best = 1e30, spent = 0;
  for (int r = 0; r < 5 || (spent < 0.2 && r < 10000); ++r) {
    double start = now();
    kernel();
    double t = now() - start;
    spent += t;
    if (t < best)
      best = t;
  }
  return best;
}

int main(int argc, char **argv) {
  size_t bytes = argc > 1 ? strtoull(argv[1], NULL, 10) : (size_t)80 << 20;
  n = bytes / sizeof(double);
  a = allocate(n * sizeof(double));
  b = allocate(n * sizeof(double));
  c = allocate(n * sizeof(double));
  double copy = bestTime(copyKernel), triad = bestTime(triadKernel);
  free(a);
  free(b);
  free(c);

  da = allocate(N * N * 8);
  db = allocate(N * N * 8);
  dc = allocate(N * N * 8);
  sa = allocate(N * N * 4);
  sb = allocate(N * N * 4);
  sc = allocate(N * N * 4);
  for (size_t i = 0; i < (size_t)N * N; ++i) {
    da[i] = db[i] = 1.0 / (1 + i % 7);
    sa[i] = sb[i] = 1.0f / (1 + i % 7);
  }
  double dgemm = bestTime(dgemmKernel), sgemm = bestTime(sgemmKernel);
  double flops = 2.0 * N * N * N;
  printf("{\"bytes\": %zu, \"copy_s\": %.6g, \"copy_gbs\": %.4g, "
         "\"triad_gbs\": %.4g, \"dgemm_gflops\": %.4g, "
         "\"sgemm_gflops\": %.4g}\n",
         n * sizeof(double), copy, 2.0 * n * 8 / copy / 1e9,
         3.0 * n * 8 / triad / 1e9, flops / dgemm / 1e9, flops / sgemm / 1e9);
  return 0;
}
