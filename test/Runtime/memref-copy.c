// memrefCopy, the helper generated code calls for memref.copy, follows
// MLIR's semantics: offsets and strides (in elements) on both sides, nothing
// copied for an empty source. Linked straight from libtccrt.a.
// RUN: %cc -I%S/Inputs %s %tcc_libdir/libtccrt.a -lstdc++ -lm -o %t
// RUN: %t | FileCheck %s --match-full-lines

#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  int64_t rank;
  void *descriptor;
} UnrankedMemRef;
void memrefCopy(int64_t elemSize, UnrankedMemRef *src, UnrankedMemRef *dst);

// Builds a descriptor {allocated, aligned, offset, sizes, strides}.
static void desc(int64_t *d, void *base, int64_t offset, int rank,
                 const int64_t *sizes, const int64_t *strides) {
  memcpy(&d[0], &base, 8);
  memcpy(&d[1], &base, 8);
  d[2] = offset;
  for (int i = 0; i < rank; ++i) {
    d[3 + i] = sizes[i];
    d[3 + rank + i] = strides[i];
  }
}

static void copy(int rank, void *src, int64_t soff, const int64_t *sizes,
                 const int64_t *sstrides, void *dst, int64_t doff,
                 const int64_t *dstrides, int64_t es) {
  int64_t s[3 + 16], d[3 + 16];
  desc(s, src, soff, rank, sizes, sstrides);
  desc(d, dst, doff, rank, sizes, dstrides);
  UnrankedMemRef us = {rank, s}, ud = {rank, d};
  memrefCopy(es, &us, &ud);
}

static void print(const char *label, const double *a, int n) {
  printf("%s:", label);
  for (int i = 0; i < n; ++i)
    printf(" %g", a[i]);
  printf("\n");
}

int main(void) {
  double src[12], dst[12];
  for (int i = 0; i < 12; ++i)
    src[i] = i;

  // Rank 0, with offsets.
  memset(dst, 0, sizeof dst);
  copy(0, src, 5, NULL, NULL, dst, 2, NULL, 8);
  print("rank0", dst, 4);
  // CHECK:rank0: 0 0 5 0

  // Contiguous 2x3 into contiguous at offset 1.
  memset(dst, 0, sizeof dst);
  int64_t s23[2] = {2, 3}, r23[2] = {3, 1};
  copy(2, src, 0, s23, r23, dst, 1, r23, 8);
  print("contig", dst, 8);
  // CHECK-NEXT:contig: 0 0 1 2 3 4 5 0

  // Transpose: read a 3x4 matrix column-wise into a 4x3 row-major one.
  memset(dst, 0, sizeof dst);
  int64_t s43[2] = {4, 3}, t43[2] = {1, 4}, r43[2] = {3, 1};
  copy(2, src, 0, s43, t43, dst, 0, r43, 8);
  print("transpose", dst, 12);
  // CHECK-NEXT:transpose: 0 4 8 1 5 9 2 6 10 3 7 11

  // Strided source and destination, rank 1, negative source stride.
  memset(dst, 0, sizeof dst);
  int64_t s4[1] = {4}, neg[1] = {-2}, two[1] = {2};
  copy(1, src, 7, s4, neg, dst, 1, two, 8);
  print("strided", dst, 9);
  // CHECK-NEXT:strided: 0 7 0 5 0 3 0 1 0

  // Rank 3 with a size-1 dimension, 4-byte elements.
  float fs[8] = {1, 2, 3, 4, 5, 6, 7, 8}, fd[8] = {0};
  int64_t s3[3] = {2, 1, 2}, ss3[3] = {4, 99, 2}, ds3[3] = {2, 2, 1};
  int64_t a[3 + 6], b[3 + 6];
  desc(a, fs, 1, 3, s3, ss3);
  desc(b, fd, 0, 3, s3, ds3);
  UnrankedMemRef ua = {3, a}, ub = {3, b};
  memrefCopy(4, &ua, &ub);
  printf("rank3: %g %g %g %g %g\n", fd[0], fd[1], fd[2], fd[3], fd[4]);
  // CHECK-NEXT:rank3: 2 4 6 8 0

  // An empty source copies nothing.
  memset(dst, 0, sizeof dst);
  int64_t s03[2] = {0, 3};
  copy(2, src, 0, s03, r23, dst, 0, r23, 8);
  print("empty", dst, 3);
  // CHECK-NEXT:empty: 0 0 0
  return 0;
}
