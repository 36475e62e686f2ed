//===- SourceText.h - Source buffer and position mapping --------*- C++ -*-===//
//
// Holds the text ANTLR lexes (line endings normalized to '\n') and maps ANTLR
// positions (1-based line, 0-based code-point column) to the 1-based byte
// columns that diagnostics and llvm::SourceMgr use. Tabs count as one column.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PARSE_SOURCETEXT_H
#define TCC_PARSE_SOURCETEXT_H

#include "Parse/SyntaxError.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace tcc::parse {

class SourceText {
public:
  explicit SourceText(llvm::StringRef source);

  /// The first invalid UTF-8 sequence, if any (ANTLR cannot read it).
  std::optional<SyntaxError> checkEncoding() const { return encodingError; }

  /// The text to lex: "\r\n" and lone "\r" became "\n".
  const std::string &str() const { return text; }

  /// Line `line` (1-based) without its newline; empty past the end.
  llvm::StringRef lineText(size_t line) const;
  size_t numLines() const { return lineStarts.size(); }

  /// The location of ANTLR position (line, code-point column). Positions past
  /// the end of the file (ANTLR's EOF after a final newline) are clamped to
  /// the end of the last line, so that a caret can always be drawn.
  ast::SourceLoc locate(size_t line, size_t codePointColumn) const;

private:
  std::string text;
  std::vector<size_t> lineStarts;
  std::optional<SyntaxError> encodingError;
};

/// Decodes the UTF-8 sequence at the start of `s` (assumed valid); returns the
/// code point and sets `length` to its byte count.
uint32_t decodeUTF8(llvm::StringRef s, size_t &length);

} // namespace tcc::parse

#endif // TCC_PARSE_SOURCETEXT_H
