//===- MemrefVector.h - A 1-d memref as kernels pass it ---------*- C++ -*-===//
//
// MLIR's C interface passes a `memref<?xT, strided<[?], offset: ?>>`
// argument as a pointer to this descriptor (the layout of
// StridedMemRefType<T, 1>); the runtime's entry points that kernels call
// (random draws, row sorts) take their arrays this way.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_MEMREFVECTOR_H
#define TCC_RUNTIME_MEMREFVECTOR_H

#include <cstdint>

namespace tcc::rt {

template <typename T> struct MemrefVector {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t size;
  int64_t stride;
  T &operator[](int64_t i) const { return aligned[offset + i * stride]; }
};

} // namespace tcc::rt

#endif // TCC_RUNTIME_MEMREFVECTOR_H
