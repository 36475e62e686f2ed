//===- Validate.h - Checking a caller's array against a spec ----*- C++ -*-===//
//
// Used by tcc_call for inputs and by tcc_shared_set, so both report a bad
// dtype, rank or shape with the same wording (see docs/ABI.md).
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_VALIDATE_H
#define TCC_RUNTIME_VALIDATE_H

#include "Array.h"

#include <string>
#include <vector>

namespace tcc::rt {

/// Checks `A` against the expected dtype and broadcastable pattern (whose
/// length is the rank): dtype exact, rank, no negative dimension,
/// broadcastable dimensions equal to 1, no size overflow, and a non-null data
/// pointer unless the array is empty. `Subject` starts every message, e.g.
/// "train: argument 0 ('x')". On success `S` receives the shape. Returns a
/// status (the error is recorded).
int checkArray(const std::string &Subject, const tcc_array &A, int32_t DType,
               const std::vector<bool> &Broadcastable, Shape &S);

/// Checks only the shape part (negative, broadcastable, overflow) of a shape
/// the caller already knows has the right rank.
int checkShape(const std::string &Subject, const Shape &S, int32_t DType,
               const std::vector<bool> &Broadcastable, int Status);

} // namespace tcc::rt

#endif // TCC_RUNTIME_VALIDATE_H
