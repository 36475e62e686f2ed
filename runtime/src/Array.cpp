//===- Array.cpp - Dtypes, shapes, buffers and strided copies -------------===//

#include "Array.h"

#include "BufferPool.h"

#include <cstring>

namespace tcc::rt {

namespace {
struct DtypeInfo {
  const char *Name;
  int64_t Size;
};
// Indexed by tcc_dtype; the values are part of the ABI.
constexpr DtypeInfo Dtypes[] = {
    {"bool", 1},        {"int8", 1},    {"int16", 2},   {"int32", 4},
    {"int64", 8},       {"uint8", 1},   {"uint16", 2},  {"uint32", 4},
    {"uint64", 8},      {"float32", 4}, {"float64", 8}, {"complex64", 8},
    {"complex128", 16},
};
constexpr int32_t NumDtypes = sizeof(Dtypes) / sizeof(Dtypes[0]);
} // namespace

int64_t dtypeSize(int32_t DType) {
  return DType >= 0 && DType < NumDtypes ? Dtypes[DType].Size : 0;
}

const char *dtypeName(int32_t DType) {
  return DType >= 0 && DType < NumDtypes ? Dtypes[DType].Name : nullptr;
}

std::string describeDtype(int32_t DType) {
  if (const char *Name = dtypeName(DType))
    return Name;
  return "dtype " + std::to_string(DType);
}

int32_t dtypeFromName(const std::string &Name) {
  for (int32_t I = 0; I < NumDtypes; ++I)
    if (Name == Dtypes[I].Name)
      return I;
  return -1;
}

std::string formatShape(const int64_t *Dims, int32_t Rank) {
  std::string S = "(";
  for (int32_t I = 0; I < Rank; ++I) {
    if (I)
      S += ", ";
    S += std::to_string(Dims[I]);
  }
  if (Rank == 1)
    S += ",";
  return S + ")";
}

bool countElements(const int64_t *Dims, int32_t Rank, int64_t ElemSize,
                   int64_t &Count, int64_t &Bytes) {
  int64_t N = 1;
  bool Empty = false;
  for (int32_t I = 0; I < Rank; ++I) {
    if (Dims[I] < 0)
      return false;
    Empty |= Dims[I] == 0;
  }
  // An empty array may still have huge other dimensions; its size is 0.
  if (!Empty)
    for (int32_t I = 0; I < Rank; ++I)
      if (__builtin_mul_overflow(N, Dims[I], &N))
        return false;
  if (Empty)
    N = 0;
  int64_t B;
  if (__builtin_mul_overflow(N, ElemSize, &B))
    return false;
  Count = N;
  Bytes = B;
  return true;
}

void rowMajorStrides(const int64_t *Dims, int32_t Rank, int64_t Unit,
                     int64_t *Strides) {
  int64_t S = Unit;
  for (int32_t I = Rank - 1; I >= 0; --I) {
    Strides[I] = S;
    S *= Dims[I] > 0 ? Dims[I] : 1;
  }
}

bool isRowMajor(const int64_t *Dims, const int64_t *Strides, int32_t Rank,
                int64_t Unit) {
  for (int32_t I = 0; I < Rank; ++I)
    if (Dims[I] == 0)
      return true;
  int64_t Expected = Unit;
  for (int32_t I = Rank - 1; I >= 0; --I) {
    if (Dims[I] != 1 && Strides[I] != Expected)
      return false;
    Expected *= Dims[I];
  }
  return true;
}

void copyToContiguous(char *Dst, const char *Src, const int64_t *Dims,
                      const int64_t *SrcByteStrides, int32_t Rank,
                      int64_t ElemSize) {
  for (int32_t I = 0; I < Rank; ++I)
    if (Dims[I] == 0)
      return;
  // Fold the innermost dimensions that are already contiguous in the source
  // into one memcpy block; only the outer ones are walked element by element.
  int64_t Block = ElemSize;
  int32_t Outer = Rank;
  while (Outer > 0 &&
         (Dims[Outer - 1] == 1 || SrcByteStrides[Outer - 1] == Block)) {
    Block *= Dims[Outer - 1];
    --Outer;
  }
  forEachStrided(Src, Dims, SrcByteStrides, Outer, [&](const char *P) {
    std::memcpy(Dst, P, Block);
    Dst += Block;
  });
}

void *allocateBuffer(int64_t Bytes) {
  if (Bytes < 0)
    return nullptr;
  return poolAllocate(64, static_cast<size_t>(Bytes));
}

void fillOwnedArray(tcc_array &Out, void *Owner, void *Data, int32_t DType,
                    const Shape &S) {
  std::memset(&Out, 0, sizeof(Out));
  Out.data = Data;
  Out.dtype = DType;
  Out.rank = S.Rank;
  for (int32_t I = 0; I < S.Rank; ++I)
    Out.shape[I] = S.Dims[I];
  rowMajorStrides(S.Dims, S.Rank, dtypeSize(DType), Out.strides);
  Out.owner = Owner;
}

} // namespace tcc::rt
