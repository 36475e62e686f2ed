//===- Blas.cpp - BLAS entry points for generated code --------------------===//
//
// The compiler lowers linalg.matvec / vecmat / matmul / dot on float32 and
// float64 buffers to calls of these functions (compiler/Passes/
// LinalgToBlas.cpp), with MLIR's C interface: each argument is a pointer to
// a ranked memref descriptor. They accumulate into the output as the linalg
// ops do (C += A B, y += A x), so beta is 1. Buffers whose strides a CBLAS
// call cannot describe (a zero or negative stride, no unit stride in a
// matrix) take a plain loop instead.
//
//===----------------------------------------------------------------------===//

#include <cblas.h>

#include <cstdint>

namespace {

template <typename T, int Rank> struct Memref {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
  T *data() const { return aligned + offset; }
};

template <typename T> struct Memref0 {
  T *allocated;
  T *aligned;
  int64_t offset;
  T *data() const { return aligned + offset; }
};

/// A matrix as CBLAS sees it: an order and a leading dimension, if its
/// strides allow one.
struct MatrixLayout {
  bool ok = false;
  CBLAS_ORDER order = CblasRowMajor;
  int64_t ld = 1;
};

template <typename T> MatrixLayout layoutOf(const Memref<T, 2> &m) {
  MatrixLayout l;
  int64_t rows = m.sizes[0], cols = m.sizes[1];
  if (m.strides[1] == 1 && m.strides[0] >= (cols > 1 ? cols : 1) &&
      m.strides[0] > 0) {
    l = {true, CblasRowMajor, m.strides[0]};
  } else if (m.strides[0] == 1 && m.strides[1] >= (rows > 1 ? rows : 1) &&
             m.strides[1] > 0) {
    l = {true, CblasColMajor, m.strides[1]};
  } else if (rows <= 1 || cols <= 1) {
    // A vector-shaped matrix: any positive stride of the long side works.
    int64_t s = rows <= 1 ? m.strides[1] : m.strides[0];
    if (s == 1)
      l = {true, rows <= 1 ? CblasRowMajor : CblasColMajor,
           rows <= 1 ? (cols > 1 ? cols : 1) : (rows > 1 ? rows : 1)};
  }
  return l;
}

bool blasInt(int64_t v) { return v >= 0 && v <= INT32_MAX; }

template <typename T>
void gemv(CBLAS_ORDER, CBLAS_TRANSPOSE, int, int, const T *, int, const T *,
          int, T *, int);
template <>
void gemv<double>(CBLAS_ORDER o, CBLAS_TRANSPOSE t, int m, int n,
                  const double *a, int lda, const double *x, int incx,
                  double *y, int incy) {
  cblas_dgemv(o, t, m, n, 1.0, a, lda, x, incx, 1.0, y, incy);
}
template <>
void gemv<float>(CBLAS_ORDER o, CBLAS_TRANSPOSE t, int m, int n,
                 const float *a, int lda, const float *x, int incx, float *y,
                 int incy) {
  cblas_sgemv(o, t, m, n, 1.0f, a, lda, x, incx, 1.0f, y, incy);
}

/// y(m) += A(m,n) x(n), or (transposed) y(n) += x(m) A(m,n).
template <typename T>
void matvec(const Memref<T, 2> *a, const Memref<T, 1> *x, Memref<T, 1> *y,
            bool transposed) {
  int64_t m = a->sizes[0], n = a->sizes[1];
  MatrixLayout l = layoutOf(*a);
  bool ok = l.ok && blasInt(m) && blasInt(n) && blasInt(l.ld) &&
            x->strides[0] > 0 && y->strides[0] > 0 && m > 0 && n > 0;
  if (ok) {
    gemv<T>(l.order, transposed ? CblasTrans : CblasNoTrans, int(m), int(n),
            a->data(), int(l.ld), x->data(), int(x->strides[0]), y->data(),
            int(y->strides[0]));
    return;
  }
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      T aij = a->data()[i * a->strides[0] + j * a->strides[1]];
      if (transposed)
        y->data()[j * y->strides[0]] += x->data()[i * x->strides[0]] * aij;
      else
        y->data()[i * y->strides[0]] += aij * x->data()[j * x->strides[0]];
    }
}

template <typename T>
void gemm(CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, int, int, int,
          const T *, int, const T *, int, T *, int);
template <>
void gemm<double>(CBLAS_ORDER o, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m,
                  int n, int k, const double *a, int lda, const double *b,
                  int ldb, double *c, int ldc) {
  cblas_dgemm(o, ta, tb, m, n, k, 1.0, a, lda, b, ldb, 1.0, c, ldc);
}
template <>
void gemm<float>(CBLAS_ORDER o, CBLAS_TRANSPOSE ta, CBLAS_TRANSPOSE tb, int m,
                 int n, int k, const float *a, int lda, const float *b,
                 int ldb, float *c, int ldc) {
  cblas_sgemm(o, ta, tb, m, n, k, 1.0f, a, lda, b, ldb, 1.0f, c, ldc);
}

/// C(m,n) += A(m,k) B(k,n); C must be row-major for the CBLAS path, A and B
/// may be either order (a transposed operand is the other order).
template <typename T>
void matmul(const Memref<T, 2> *a, const Memref<T, 2> *b, Memref<T, 2> *c) {
  int64_t m = a->sizes[0], k = a->sizes[1], n = b->sizes[1];
  MatrixLayout la = layoutOf(*a), lb = layoutOf(*b), lc = layoutOf(*c);
  bool ok = la.ok && lb.ok && lc.ok && lc.order == CblasRowMajor &&
            blasInt(m) && blasInt(n) && blasInt(k) && blasInt(la.ld) &&
            blasInt(lb.ld) && blasInt(lc.ld) && m > 0 && n > 0 && k > 0;
  if (ok) {
    gemm<T>(CblasRowMajor,
            la.order == CblasRowMajor ? CblasNoTrans : CblasTrans,
            lb.order == CblasRowMajor ? CblasNoTrans : CblasTrans, int(m),
            int(n), int(k), a->data(), int(la.ld), b->data(), int(lb.ld),
            c->data(), int(lc.ld));
    return;
  }
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      T acc = 0;
      for (int64_t p = 0; p < k; ++p)
        acc += a->data()[i * a->strides[0] + p * a->strides[1]] *
               b->data()[p * b->strides[0] + j * b->strides[1]];
      c->data()[i * c->strides[0] + j * c->strides[1]] += acc;
    }
}

template <typename T>
void dot(const Memref<T, 1> *x, const Memref<T, 1> *y, Memref0<T> *out) {
  int64_t n = x->sizes[0];
  if (blasInt(n) && x->strides[0] > 0 && y->strides[0] > 0 && n > 0) {
    if constexpr (sizeof(T) == 8)
      *out->data() += cblas_ddot(int(n), x->data(), int(x->strides[0]),
                                 y->data(), int(y->strides[0]));
    else
      *out->data() += cblas_sdot(int(n), x->data(), int(x->strides[0]),
                                 y->data(), int(y->strides[0]));
    return;
  }
  T acc = 0;
  for (int64_t i = 0; i < n; ++i)
    acc += x->data()[i * x->strides[0]] * y->data()[i * y->strides[0]];
  *out->data() += acc;
}

} // namespace

// The entry points the generated code calls (tcc-linalg-to-blas), one set
// per element type. vecmat(x, A): y(n) += x(m) A(m,n); the generated call
// passes A first.
#define TCC_BLAS_ENTRY __attribute__((visibility("hidden")))
#define TCC_BLAS_ENTRIES(SUFFIX, T)                                            \
  TCC_BLAS_ENTRY void _mlir_ciface_tcc_blas_matvec_##SUFFIX(                   \
      Memref<T, 2> *a, Memref<T, 1> *x, Memref<T, 1> *y) {                     \
    matvec(a, x, y, false);                                                    \
  }                                                                            \
  TCC_BLAS_ENTRY void _mlir_ciface_tcc_blas_vecmat_##SUFFIX(                   \
      Memref<T, 2> *a, Memref<T, 1> *x, Memref<T, 1> *y) {                     \
    matvec(a, x, y, true);                                                     \
  }                                                                            \
  TCC_BLAS_ENTRY void _mlir_ciface_tcc_blas_matmul_##SUFFIX(                   \
      Memref<T, 2> *a, Memref<T, 2> *b, Memref<T, 2> *c) {                     \
    matmul(a, b, c);                                                           \
  }                                                                            \
  TCC_BLAS_ENTRY void _mlir_ciface_tcc_blas_dot_##SUFFIX(                      \
      Memref<T, 1> *x, Memref<T, 1> *y, Memref0<T> *out) {                     \
    dot(x, y, out);                                                            \
  }

extern "C" {
TCC_BLAS_ENTRIES(f64, double)
TCC_BLAS_ENTRIES(f32, float)
}
