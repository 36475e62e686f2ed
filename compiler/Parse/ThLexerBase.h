//===- ThLexerBase.h - Python-style token stream for .th --------*- C++ -*-===//
//
// The lexer the parser reads from: the ANTLR-generated ThLexer with
// nextToken() overridden, as grammars-v4's Python3LexerBase does. (Th.g4 is a
// combined grammar, and ANTLR cannot give the lexer of a combined grammar a
// superclass, so the override lives in this subclass instead.) It
//  * tracks bracket depth: newlines inside (), [] and {} are dropped, and a
//    bracket that never closes or closes with the wrong kind is reported
//    where it opened / closed;
//  * drops blank and comment-only lines, and turns changes of indentation at
//    the start of a logical line into INDENT / DEDENT tokens;
//  * ends the last line with NEWLINE and closes open blocks before EOF;
//  * rejects lexically bad input (bad characters, unterminated strings,
//    unsupported literals and keywords) by emitting one LEXER_ERROR token
//    followed by EOF. The error is reported only if the parser reaches that
//    token, so errors always come out in source order.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PARSE_THLEXERBASE_H
#define TCC_PARSE_THLEXERBASE_H

#include "Parse/SourceText.h"
#include "Parse/SyntaxError.h"

#include "ThLexer.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tcc::parse {

class ThIndentLexer : public grammar::ThLexer {
public:
  ThIndentLexer(antlr4::CharStream *input, const SourceText &source);

  std::unique_ptr<antlr4::Token> nextToken() override;

  /// The message carried by the LEXER_ERROR token, once one was emitted.
  const std::optional<SyntaxError> &getError() const { return error; }

  struct Bracket {
    char kind;          // '(', '[' or '{'
    size_t line;        // ANTLR line of the bracket
    ast::SourceLoc loc; // where diagnostics point
    size_t tokenIndex;  // its index in the token stream
  };
  /// The innermost bracket still open when the token with index `tokenIndex`
  /// (its index in the token stream) was emitted, if any.
  std::optional<Bracket> openBracketAt(size_t tokenIndex) const;
  /// The bracket still open at the end of the file, once the lexer got there.
  const std::optional<Bracket> &getNeverClosed() const { return neverClosed; }

private:
  void pump();
  /// Queues a token for the parser (not Lexer::emit, which ANTLR calls).
  void push(std::unique_ptr<antlr4::Token> token);
  std::unique_ptr<antlr4::Token> makeToken(size_t type, const antlr4::Token &at,
                                           const std::string &text = "");
  void fail(const antlr4::Token &at, ast::SourceLoc loc, std::string message);
  std::pair<antlr4::TokenSource *, antlr4::CharStream *> tokenSource() {
    return {this, _input};
  }
  ast::SourceLoc locOf(const antlr4::Token &token) const;

  /// Emits INDENT/DEDENT for the first token of a logical line; false after
  /// reporting an inconsistent indentation.
  bool handleIndentation(const antlr4::Token &first);
  /// The message for a token that is an error by itself, or "".
  std::string checkToken(const antlr4::Token &token);
  /// Bracket bookkeeping; false after reporting a mismatch.
  bool handleBracket(const antlr4::Token &token);
  char32_t charAt(size_t index);

  const SourceText &source;
  std::deque<std::unique_ptr<antlr4::Token>> pending;
  std::vector<std::string> indents{""};
  std::vector<Bracket> bracketLog;  // every bracket ever opened
  std::vector<size_t> openBrackets; // indices into bracketLog
  std::vector<int> innermostOpen;   // per emitted token, or -1
  size_t lastEmittedType = 0;
  bool atLineStart = true;
  bool finished = false;
  std::optional<SyntaxError> error;
  std::optional<Bracket> neverClosed;
};

} // namespace tcc::parse

#endif // TCC_PARSE_THLEXERBASE_H
