//===- Literals.h - Values of number and string tokens ----------*- C++ -*-===//
//
// Python's literal syntax (underscores in numbers, 0x/0o/0b prefixes, string
// prefixes and escapes) turned into values. Shared by the lexer, which checks
// integer ranges in source order, and the AST builder.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PARSE_LITERALS_H
#define TCC_PARSE_LITERALS_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace tcc::parse {

/// An INTEGER token's magnitude. `overflow` is set when it exceeds 2^64-1;
/// the language's integers are int64, so anything above 2^63-1 (2^63 only as
/// the operand of a unary minus) is an error.
struct IntLiteral {
  uint64_t magnitude = 0;
  bool overflow = false;
  bool fitsInt64() const { return !overflow && magnitude <= INT64_MAX; }
  bool isInt64MinMagnitude() const {
    return !overflow && magnitude == uint64_t(INT64_MAX) + 1;
  }
};
IntLiteral parseIntLiteral(llvm::StringRef text);

/// A FLOAT_NUMBER token's value (round to nearest, like Python; too large
/// gives inf).
double parseFloatLiteral(llvm::StringRef text);

/// A STRING token (prefix, quotes and all) decoded to its UTF-8 value. On a
/// bad escape, returns false and sets `error`.
bool decodeStringLiteral(llvm::StringRef token, std::string &value,
                         std::string &error);

} // namespace tcc::parse

#endif // TCC_PARSE_LITERALS_H
