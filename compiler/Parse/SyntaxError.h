//===- SyntaxError.h - The one error a parse reports ------------*- C++ -*-===//
//
// Inside tccParse every syntax error is thrown as a SyntaxError and caught by
// parseProgram(), which hands it to the caller's handler: the first error ends
// the parse, so each bad program gets exactly one message.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PARSE_SYNTAXERROR_H
#define TCC_PARSE_SYNTAXERROR_H

#include "AST/AST.h"

#include <string>

namespace tcc::parse {

struct SyntaxError {
  ast::SourceLoc loc;
  std::string message;
};

/// `print x` is found by the parser, `print >>f, x` (valid Python 3 syntax)
/// by the AST builder; both say the same.
inline constexpr const char *kPython2PrintMessage =
    "Python 2 print statement is not supported; a .th program only builds "
    "the model (print results from the host program)";

} // namespace tcc::parse

#endif // TCC_PARSE_SYNTAXERROR_H
