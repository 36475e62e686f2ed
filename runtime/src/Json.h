//===- Json.h - A small JSON reader for the manifest ------------*- C++ -*-===//
//
// The runtime must not depend on LLVM (llvm::json) or anything else, and the
// manifest is small and trusted-ish, so a compact recursive-descent reader is
// enough. Numbers without fraction or exponent that fit in int64 are kept
// exact, since the manifest's offsets and shapes are integers.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_JSON_H
#define TCC_RUNTIME_JSON_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tcc::rt {

class JsonValue {
public:
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Kind K = Kind::Null;
  bool Bool = false;
  double Number = 0;
  /// Set for numbers written as integers that fit in int64.
  bool IsInteger = false;
  int64_t Integer = 0;
  std::string String;
  std::vector<JsonValue> Array;
  /// Members in source order (the manifest has few keys; lookup is linear).
  std::vector<std::pair<std::string, JsonValue>> Object;

  bool isNull() const { return K == Kind::Null; }
  /// The member named `Key` of an object, or nullptr.
  const JsonValue *get(const std::string &Key) const;
};

/// Parses `Text` (NUL-terminated) into `Out`. On failure returns false and
/// sets `Error` to a message with the byte offset.
bool parseJson(const char *Text, JsonValue &Out, std::string &Error);

} // namespace tcc::rt

#endif // TCC_RUNTIME_JSON_H
