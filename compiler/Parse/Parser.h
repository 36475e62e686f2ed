//===- Parser.h - .th source to syntax tree ---------------------*- C++ -*-===//
//
// The only entry point of the ANTLR-based front end. ANTLR and its exceptions
// stay inside the tccParse library; callers see an ast::Module or diagnostics.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PARSE_PARSER_H
#define TCC_PARSE_PARSER_H

#include "AST/AST.h"

#include "llvm/ADT/StringRef.h"

#include <functional>
#include <memory>
#include <string>

namespace tcc {

/// Receives one syntax error: 1-based line and column and a message in the
/// style of clang ("expected ')' to close '(' opened here" etc.).
using SyntaxErrorHandler =
    std::function<void(ast::SourceLoc loc, const std::string &message)>;

/// Parses a whole program. Returns null when any syntax error was reported
/// (the handler has then been called at least once). Never throws.
std::unique_ptr<ast::Module> parseProgram(llvm::StringRef source,
                                          llvm::StringRef filename,
                                          const SyntaxErrorHandler &onError);

} // namespace tcc

#endif // TCC_PARSE_PARSER_H
