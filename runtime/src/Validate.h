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
#include <type_traits>
#include <vector>

namespace tcc::rt {

/// What a message is about ("train: argument 0 ('x')"): a string, or a
/// callable that builds it, called only when a check fails, so a call that
/// passes every check builds no strings. Refers to its argument, which must
/// outlive it (as a function argument does).
class Subject {
public:
  Subject(const std::string &Text) : Context(&Text), Build(&copyString) {}
  template <typename Callable,
            typename = std::enable_if_t<
                std::is_invocable_r_v<std::string, const Callable &>>>
  Subject(const Callable &Describe)
      : Context(&Describe), Build([](const void *C) -> std::string {
          return (*static_cast<const Callable *>(C))();
        }) {}

  std::string str() const { return Build(Context); }

private:
  static std::string copyString(const void *C) {
    return *static_cast<const std::string *>(C);
  }

  const void *Context;
  std::string (*Build)(const void *);
};

/// Checks `A` against the expected dtype and broadcastable pattern (whose
/// length is the rank): dtype exact, rank, no negative dimension,
/// broadcastable dimensions equal to 1, no size overflow, and a non-null data
/// pointer unless the array is empty. `What` starts every message, e.g.
/// "train: argument 0 ('x')". On success `S` receives the shape. Returns a
/// status (the error is recorded).
int checkArray(const Subject &What, const tcc_array &A, int32_t DType,
               const std::vector<bool> &Broadcastable, Shape &S);

/// Checks only the shape part (negative, broadcastable, overflow) of a shape
/// the caller already knows has the right rank.
int checkShape(const Subject &What, const Shape &S, int32_t DType,
               const std::vector<bool> &Broadcastable, int Status);

} // namespace tcc::rt

#endif // TCC_RUNTIME_VALIDATE_H
