//===- Validate.cpp - Checking a caller's array against a spec ------------===//

#include "Validate.h"

#include "Error.h"

namespace tcc::rt {

/// Whether every element of the (non-empty) strided array `A` has an
/// address: the byte offsets of its first and last elements, and the
/// pointers they give, do not overflow. Wild strides that stay in range are
/// the caller's to get right; these would make the copy loops wrap around.
static bool withinAddressSpace(const tcc_array &A, int64_t ElementSize) {
  int64_t Low = 0, High = ElementSize;
  for (int32_t I = 0; I < A.rank; ++I) {
    int64_t Span;
    if (__builtin_mul_overflow(A.strides[I], A.shape[I] - 1, &Span) ||
        (Span < 0 ? __builtin_add_overflow(Low, Span, &Low)
                  : __builtin_add_overflow(High, Span, &High)))
      return false;
  }
  uintptr_t Base = reinterpret_cast<uintptr_t>(A.data), First, Last;
  return !__builtin_sub_overflow(Base, 0 - static_cast<uintptr_t>(Low),
                                 &First) &&
         !__builtin_add_overflow(Base, static_cast<uintptr_t>(High), &Last);
}

int checkShape(const Subject &What, const Shape &S, int32_t DType,
               const std::vector<bool> &Broadcastable, int Status) {
  for (int32_t I = 0; I < S.Rank; ++I)
    if (S.Dims[I] < 0)
      return fail(Status, What.str() + " has shape " + formatShape(S) +
                              " with a negative dimension");
  for (int32_t I = 0; I < S.Rank; ++I)
    if (Broadcastable[I] && S.Dims[I] != 1)
      return fail(Status, What.str() + " has shape " + formatShape(S) +
                              " but its dimension " + std::to_string(I) +
                              " is broadcastable and must be 1");
  int64_t Count, Bytes;
  if (!countElements(S.Dims, S.Rank, dtypeSize(DType), Count, Bytes))
    return fail(Status, What.str() + " has shape " + formatShape(S) +
                            " whose size in bytes overflows");
  return TCC_OK;
}

int checkArray(const Subject &What, const tcc_array &A, int32_t DType,
               const std::vector<bool> &Broadcastable, Shape &S) {
  int32_t Rank = static_cast<int32_t>(Broadcastable.size());
  if (A.dtype != DType)
    return fail(TCC_ERROR_ARGUMENT, What.str() + " must be " +
                                        describeDtype(DType) + ", got " +
                                        describeDtype(A.dtype));
  if (A.rank != Rank) {
    std::string Got = "rank " + std::to_string(A.rank);
    if (A.rank >= 0 && A.rank <= TCC_MAX_RANK)
      Got += " (shape " + formatShape(A.shape, A.rank) + ")";
    return fail(TCC_ERROR_ARGUMENT, What.str() + " must have rank " +
                                        std::to_string(Rank) + ", got " + Got);
  }
  S.Rank = Rank;
  for (int32_t I = 0; I < Rank; ++I)
    S.Dims[I] = A.shape[I];
  if (int Status =
          checkShape(What, S, DType, Broadcastable, TCC_ERROR_ARGUMENT))
    return Status;
  int64_t Count, Bytes;
  countElements(S.Dims, Rank, dtypeSize(DType), Count, Bytes);
  if (Count > 0 && !A.data)
    return fail(TCC_ERROR_ARGUMENT, What.str() + " has a null data pointer");
  if (Count > 0 && !withinAddressSpace(A, dtypeSize(DType)))
    return fail(TCC_ERROR_ARGUMENT,
                What.str() + " has shape " + formatShape(S) + " and strides " +
                    formatShape(A.strides, Rank) +
                    " that reach outside the address space");
  return TCC_OK;
}

} // namespace tcc::rt
