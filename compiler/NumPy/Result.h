//===- Result.h - Value-or-error return type for compile-time NumPy -------===//
//
// The compile-time NumPy never throws or aborts on bad user input: every
// operation that can fail (a shape mismatch, a bad reshape, an unsupported
// dtype) returns a Result, and the evaluator turns the message into a
// diagnostic at the source location it knows and we do not.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_RESULT_H
#define TCC_NUMPY_RESULT_H

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tcc::numpy {

/// A failure message, worded like NumPy's or Theano's own error (without a
/// location: the caller adds it).
struct Error {
  std::string message;
};

inline Error makeError(std::string message) {
  return Error{std::move(message)};
}

/// Either a T or an Error. Small on purpose: plain C++17, no LLVM dependency.
template <typename T> class [[nodiscard]] Result {
public:
  Result(T value) : storage(std::move(value)) {}
  Result(Error error) : storage(std::move(error)) {}

  bool ok() const { return storage.index() == 0; }
  explicit operator bool() const { return ok(); }

  T &operator*() {
    assert(ok() && "dereferencing a failed Result");
    return std::get<0>(storage);
  }
  const T &operator*() const {
    assert(ok() && "dereferencing a failed Result");
    return std::get<0>(storage);
  }
  T *operator->() { return &**this; }
  const T *operator->() const { return &**this; }

  /// Moves the value out; only valid when ok().
  T take() { return std::move(**this); }

  const std::string &error() const {
    assert(!ok() && "no error in a successful Result");
    return std::get<1>(storage).message;
  }
  /// The error, to forward it from a function returning another Result type.
  Error takeError() {
    assert(!ok() && "no error in a successful Result");
    return std::move(std::get<1>(storage));
  }

private:
  std::variant<T, Error> storage;
};

} // namespace tcc::numpy

#endif // TCC_NUMPY_RESULT_H
