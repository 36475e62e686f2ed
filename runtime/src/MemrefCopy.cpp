//===- MemrefCopy.cpp - memref.copy support for generated code ------------===//
//
// MLIR lowers a memref.copy between non-identity layouts to a call to
// `memrefCopy`, normally provided by libmlir_c_runner_utils. Model libraries
// must not depend on MLIR's runner libraries, so the runtime provides it,
// with the same semantics as mlir/lib/ExecutionEngine/CRunnerUtils.cpp:
// copy src into dst element by element following both descriptors' offsets
// and strides (in elements), nothing for an empty source.
//
//===----------------------------------------------------------------------===//

#include "ModelSymbols.h"

#include <cstdint>
#include <cstring>
#include <memory>

namespace {

/// MLIR's UnrankedMemRefType: the rank and a pointer to a ranked descriptor
/// {allocated, aligned, offset, sizes[rank], strides[rank]}.
struct UnrankedMemRef {
  int64_t Rank;
  void *Descriptor;
};

struct RankedView {
  char *Data; // aligned + offset * elemSize
  const int64_t *Sizes;
  const int64_t *Strides;
};

RankedView view(const UnrankedMemRef &M, int64_t ElemSize) {
  const int64_t *Words = static_cast<const int64_t *>(M.Descriptor);
  char *Aligned;
  std::memcpy(&Aligned, &Words[1], sizeof(Aligned));
  // An empty buffer may have no storage (null) but an offset: no address
  // is formed from it then (that would be undefined behaviour).
  char *Data = Aligned ? Aligned + Words[2] * ElemSize : nullptr;
  return {Data, Words + 3, Words + 3 + M.Rank};
}

} // namespace

extern "C" TCC_HIDDEN void memrefCopy(int64_t ElemSize, UnrankedMemRef *SrcArg,
                                      UnrankedMemRef *DstArg) {
  int64_t Rank = SrcArg->Rank;
  RankedView Src = view(*SrcArg, ElemSize);
  RankedView Dst = view(*DstArg, ElemSize);
  for (int64_t I = 0; I < Rank; ++I)
    if (Src.Sizes[I] == 0)
      return;
  if (Rank == 0) {
    std::memcpy(Dst.Data, Src.Data, ElemSize);
    return;
  }

  // Fast path (an addition to MLIR's loop, same result): when both sides are
  // contiguous row-major the copy is one memcpy.
  bool Contiguous = true;
  int64_t Expected = 1, Count = 1;
  for (int64_t I = Rank - 1; I >= 0; --I) {
    if (Src.Sizes[I] != 1 &&
        (Src.Strides[I] != Expected || Dst.Strides[I] != Expected))
      Contiguous = false;
    Expected *= Src.Sizes[I];
    Count *= Src.Sizes[I];
  }
  if (Contiguous) {
    std::memmove(Dst.Data, Src.Data, Count * ElemSize);
    return;
  }

  // MLIR uses alloca; ranks are small, so a fixed array with a heap fallback.
  int64_t Small[16] = {};
  std::unique_ptr<int64_t[]> Big;
  int64_t *Index = Small;
  if (Rank > 16) {
    Big.reset(new int64_t[Rank]());
    Index = Big.get();
  }
  int64_t ReadOffset = 0, WriteOffset = 0;
  for (;;) {
    std::memcpy(Dst.Data + WriteOffset, Src.Data + ReadOffset, ElemSize);
    // Advance the multi-index like an odometer, innermost axis first.
    int64_t Axis = Rank - 1;
    for (; Axis >= 0; --Axis) {
      ReadOffset += Src.Strides[Axis] * ElemSize;
      WriteOffset += Dst.Strides[Axis] * ElemSize;
      if (++Index[Axis] < Src.Sizes[Axis])
        break;
      ReadOffset -= Src.Sizes[Axis] * Src.Strides[Axis] * ElemSize;
      WriteOffset -= Src.Sizes[Axis] * Dst.Strides[Axis] * ElemSize;
      Index[Axis] = 0;
    }
    if (Axis < 0)
      return;
  }
}
