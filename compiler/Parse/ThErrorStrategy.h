//===- ThErrorStrategy.h - One readable message per syntax error -*- C++
//-*-===//
//
// Replaces ANTLR's recovery: the first error stops the parse (like
// BailErrorStrategy) and is thrown as a SyntaxError whose message reads like a
// compiler's ("expected ':'", "'(' was never closed", "unexpected indent")
// instead of ANTLR's "mismatched input ... expecting {...}". The message is
// chosen from the offending token, the tokens around it, the set of tokens
// the parser expected and the rule it was in.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PARSE_THERRORSTRATEGY_H
#define TCC_PARSE_THERRORSTRATEGY_H

#include "Parse/SourceText.h"
#include "Parse/ThLexerBase.h"

#include "antlr4-runtime.h"

namespace tcc::parse {

class ThErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
  ThErrorStrategy(ThIndentLexer &lexer, const SourceText &source)
      : lexer(lexer), source(source) {}

  void reportError(antlr4::Parser *parser,
                   const antlr4::RecognitionException &e) override;
  void recover(antlr4::Parser *parser, std::exception_ptr e) override;
  antlr4::Token *recoverInline(antlr4::Parser *parser) override;
  /// No early error detection in loops: errors surface at the offending
  /// token, in the rule that expected something else.
  void sync(antlr4::Parser *) override {}

private:
  [[noreturn]] void fail(antlr4::Parser *parser, antlr4::Token *offending,
                         const antlr4::misc::IntervalSet &expected,
                         antlr4::ParserRuleContext *ctx,
                         antlr4::Token *decisionStart = nullptr);
  std::string message(antlr4::Parser *parser, antlr4::Token *offending,
                      const antlr4::misc::IntervalSet &expected,
                      antlr4::ParserRuleContext *ctx,
                      antlr4::Token *decisionStart, ast::SourceLoc &loc);
  ast::SourceLoc locOf(const antlr4::Token *token) const;

  ThIndentLexer &lexer;
  const SourceText &source;
};

} // namespace tcc::parse

#endif // TCC_PARSE_THERRORSTRATEGY_H
