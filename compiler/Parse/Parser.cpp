//===- Parser.cpp - .th source to syntax tree -----------------------------===//
//
// Wires the pieces together: SourceText (encoding, positions) -> ThIndentLexer
// (INDENT/DEDENT, lexical errors) -> ThParser with ThErrorStrategy (the first
// syntax error, as one readable message) -> ASTBuilder. Every error inside is
// a SyntaxError exception; none leaves this file.
//
//===----------------------------------------------------------------------===//

#include "Parse/Parser.h"

#include "Parse/ASTBuilder.h"
#include "Parse/SourceText.h"
#include "Parse/SyntaxError.h"
#include "Parse/ThErrorStrategy.h"
#include "Parse/ThLexerBase.h"

#include "ThParser.h"
#include "antlr4-runtime.h"

using namespace tcc;

namespace {

/// ThParser that stops with an error, instead of overflowing the stack, on
/// input nested deeper than any program needs (`- - - ... x` thousands deep
/// recurses in the parser before the AST builder can count anything).
class DepthLimitedParser : public grammar::ThParser {
public:
  DepthLimitedParser(antlr4::TokenStream *tokens, const parse::SourceText &text)
      : ThParser(tokens), text(text),
        stackBase(reinterpret_cast<uintptr_t>(__builtin_frame_address(0))) {}

  void enterRule(antlr4::ParserRuleContext *ctx, size_t state,
                 size_t rule) override {
    checkDepth();
    ThParser::enterRule(ctx, state, rule);
  }
  void enterRecursionRule(antlr4::ParserRuleContext *ctx, size_t state,
                          size_t rule, int precedence) override {
    checkDepth();
    ThParser::enterRecursionRule(ctx, state, rule, precedence);
  }

private:
  static constexpr uintptr_t kStackBudget = 2 << 20; // bytes

  void checkDepth() {
    auto here = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    uintptr_t used = here < stackBase ? stackBase - here : here - stackBase;
    if (used > kStackBudget) {
      antlr4::Token *at = getCurrentToken();
      throw parse::SyntaxError{
          text.locate(at->getLine(), at->getCharPositionInLine()),
          "expression is too deeply nested"};
    }
  }

  const parse::SourceText &text;
  uintptr_t stackBase;
};

} // namespace

std::unique_ptr<ast::Module>
tcc::parseProgram(llvm::StringRef source, llvm::StringRef filename,
                  const SyntaxErrorHandler &onError) {
  try {
    parse::SourceText text(source);
    if (auto error = text.checkEncoding())
      throw *error;

    antlr4::ANTLRInputStream input(text.str());
    input.name = filename.str();
    parse::ThIndentLexer lexer(&input, text);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    DepthLimitedParser parser(&tokens, text);
    parser.removeErrorListeners();
    parser.setErrorHandler(
        std::make_shared<parse::ThErrorStrategy>(lexer, text));

    grammar::ThParser::ProgramContext *tree = parser.program();
    return parse::ASTBuilder(text).build(tree, filename);
  } catch (const parse::SyntaxError &error) {
    onError(error.loc, error.message);
  } catch (const std::exception &error) {
    onError({1, 1},
            std::string("internal error in the parser: ") + error.what());
  } catch (...) {
    onError({1, 1}, "internal error in the parser");
  }
  return nullptr;
}
