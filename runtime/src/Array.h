//===- Array.h - Dtypes, shapes, buffers and strided copies -----*- C++ -*-===//
//
// Helpers shared by calls, shared variables and .npz I/O. Runtime-owned
// buffers come from allocateBuffer so that tcc_array_release (free) can
// release any array the runtime hands out, whether the kernel or the runtime
// allocated it.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_ARRAY_H
#define TCC_RUNTIME_ARRAY_H

#include "BufferPool.h"
#include "tcc/tcc.h"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace tcc::rt {

/// A shape of at most TCC_MAX_RANK dimensions, without heap allocation.
struct Shape {
  int32_t Rank = 0;
  int64_t Dims[TCC_MAX_RANK] = {};
};

/// Size of one element in bytes, 0 for an unknown dtype.
int64_t dtypeSize(int32_t DType);
/// Theano's name of `DType` ("float64"), or nullptr if unknown.
const char *dtypeName(int32_t DType);
/// Like dtypeName, but "dtype <n>" for an unknown code (for messages).
std::string describeDtype(int32_t DType);
/// The dtype named `Name` in Theano's spelling, or -1.
int32_t dtypeFromName(const std::string &Name);

/// Formats dims like a Python tuple: "(400, 784)", "(399,)", "()".
std::string formatShape(const int64_t *Dims, int32_t Rank);
inline std::string formatShape(const Shape &S) {
  return formatShape(S.Dims, S.Rank);
}

/// Number of elements and bytes of a `Dims` array of `ElemSize`-byte
/// elements. Returns false if a dimension is negative or a product overflows.
bool countElements(const int64_t *Dims, int32_t Rank, int64_t ElemSize,
                   int64_t &Count, int64_t &Bytes);

/// Row-major strides in units of `Unit` (1 for elements, the element size
/// for bytes).
void rowMajorStrides(const int64_t *Dims, int32_t Rank, int64_t Unit,
                     int64_t *Strides);

/// Whether `Strides` (in units of `Unit`) describe a C-contiguous layout.
/// Strides of size-1 dimensions do not matter, nor do any strides of an
/// empty array, as NumPy's flags.c_contiguous decides.
bool isRowMajor(const int64_t *Dims, const int64_t *Strides, int32_t Rank,
                int64_t Unit);

/// Copies the strided array at `Src` (byte strides) into the contiguous
/// buffer `Dst`.
/// Calls `Visit(p)` with a pointer to each element of a strided view of
/// `Rank` dimensions, in row-major order (once for rank 0; a caller skips
/// empty views).
template <typename Fn>
void forEachStrided(const char *Src, const int64_t *Dims,
                    const int64_t *ByteStrides, int32_t Rank, Fn &&Visit) {
  int64_t Index[TCC_MAX_RANK] = {};
  const char *P = Src;
  for (;;) {
    Visit(P);
    int32_t Axis = Rank - 1;
    // P stays on elements of the view: a step past the end of an axis
    // could leave the address space (found by tcc-fuzz-call).
    for (; Axis >= 0; --Axis) {
      if (++Index[Axis] < Dims[Axis]) {
        P += ByteStrides[Axis];
        break;
      }
      P -= ByteStrides[Axis] * (Dims[Axis] - 1);
      Index[Axis] = 0;
    }
    if (Axis < 0)
      return;
  }
}

void copyToContiguous(char *Dst, const char *Src, const int64_t *Dims,
                      const int64_t *SrcByteStrides, int32_t Rank,
                      int64_t ElemSize);

/// Whether an input of dtype `From` is accepted for `To`: losslessly
/// (NumPy's can_cast 'safe', which is Theano's upcast(To, From) == To), or
/// any numeric dtype when `AllowDowncast` (Theano's allow_input_downcast).
bool dtypeConverts(int32_t From, int32_t To, bool AllowDowncast);

/// copyToContiguous that also converts each element from `SrcDType` to
/// `DstDType` as NumPy's astype does.
void convertToContiguous(char *Dst, int32_t DstDType, const char *Src,
                         int32_t SrcDType, const int64_t *Dims,
                         const int64_t *SrcByteStrides, int32_t Rank);

/// A 64-byte aligned buffer of at least `Bytes` (at least one cache line, so
/// an empty array still gets a distinct owner). Released with std::free.
void *allocateBuffer(int64_t Bytes);

struct FreeDeleter {
  void operator()(void *P) const { poolFree(P); }
};
using UniqueBuffer = std::unique_ptr<void, FreeDeleter>;

/// Fills `Out` as an owned, contiguous result array.
void fillOwnedArray(tcc_array &Out, void *Owner, void *Data, int32_t DType,
                    const Shape &S);

} // namespace tcc::rt

#endif // TCC_RUNTIME_ARRAY_H
