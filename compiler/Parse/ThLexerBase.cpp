//===- ThLexerBase.cpp - Python-style token stream for .th ----------------===//

#include "Parse/ThLexerBase.h"

#include "Parse/Literals.h"

#include "ThParser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace tcc;
using namespace tcc::parse;
using grammar::ThLexer;
using grammar::ThParser;

// CPython's limits; they also bound the recursion of the parser and of every
// pass over the tree.
static constexpr size_t kMaxIndentLevels = 100;
static constexpr size_t kMaxBracketDepth = 200;

ThIndentLexer::ThIndentLexer(antlr4::CharStream *input,
                             const SourceText &source)
    : ThLexer(input), source(source) {}

std::unique_ptr<antlr4::Token> ThIndentLexer::nextToken() {
  while (pending.empty())
    pump();
  std::unique_ptr<antlr4::Token> token = std::move(pending.front());
  pending.pop_front();
  return token;
}

std::optional<ThIndentLexer::Bracket>
ThIndentLexer::openBracketAt(size_t tokenIndex) const {
  if (tokenIndex >= innermostOpen.size() || innermostOpen[tokenIndex] < 0)
    return std::nullopt;
  return bracketLog[innermostOpen[tokenIndex]];
}

ast::SourceLoc ThIndentLexer::locOf(const antlr4::Token &token) const {
  return source.locate(token.getLine(), token.getCharPositionInLine());
}

std::unique_ptr<antlr4::Token>
ThIndentLexer::makeToken(size_t type, const antlr4::Token &at,
                         const std::string &text) {
  size_t start = at.getStartIndex();
  return _factory->create(tokenSource(), type, text,
                          antlr4::Token::DEFAULT_CHANNEL, start, start - 1,
                          at.getLine(), at.getCharPositionInLine());
}

void ThIndentLexer::push(std::unique_ptr<antlr4::Token> token) {
  innermostOpen.push_back(openBrackets.empty() ? -1 : int(openBrackets.back()));
  lastEmittedType = token->getType();
  pending.push_back(std::move(token));
}

void ThIndentLexer::fail(const antlr4::Token &at, ast::SourceLoc loc,
                         std::string message) {
  error = SyntaxError{loc, std::move(message)};
  push(makeToken(ThParser::LEXER_ERROR, at, "<error>"));
  push(makeToken(antlr4::Token::EOF, at, "<EOF>"));
  finished = true;
}

char32_t ThIndentLexer::charAt(size_t index) {
  if (index >= _input->size())
    return 0;
  std::string s = _input->getText(antlr4::misc::Interval(index, index));
  size_t length;
  return decodeUTF8(s, length);
}

void ThIndentLexer::pump() {
  if (finished) {
    // The stream never asks again after EOF; keep answering EOF regardless.
    pending.push_back(_factory->create(tokenSource(), antlr4::Token::EOF,
                                       "<EOF>", antlr4::Token::DEFAULT_CHANNEL,
                                       _input->size(), _input->size() - 1,
                                       getLine(), getCharPositionInLine()));
    return;
  }
  std::unique_ptr<antlr4::Token> token = ThLexer::nextToken();
  size_t type = token->getType();

  if (type == NEWLINE) {
    // Inside brackets a newline is whitespace; at the start of a logical
    // line it ends a blank or comment-only line.
    if (!openBrackets.empty() || atLineStart)
      return;
    atLineStart = true;
    push(std::move(token));
    return;
  }

  if (type == antlr4::Token::EOF) {
    if (!openBrackets.empty()) {
      const Bracket &open = bracketLog[openBrackets.back()];
      neverClosed = open;
      fail(*token, open.loc,
           std::string("'") + open.kind + "' was never closed");
      return;
    }
    if (!atLineStart)
      push(makeToken(NEWLINE, *token, "\n"));
    atLineStart = true;
    while (indents.size() > 1) {
      indents.pop_back();
      push(makeToken(ThParser::DEDENT, *token, "<DEDENT>"));
    }
    push(std::move(token));
    finished = true;
    return;
  }

  if (atLineStart) {
    atLineStart = false;
    if (!handleIndentation(*token))
      return;
  }
  std::string message = checkToken(*token);
  if (!message.empty()) {
    fail(*token, locOf(*token), std::move(message));
    return;
  }
  if (!handleBracket(*token))
    return;
  push(std::move(token));
}

bool ThIndentLexer::handleIndentation(const antlr4::Token &first) {
  // The indentation is the leading whitespace of the line, compared as a
  // string: a deeper level must extend the one it is nested in. Levels that
  // are neither prefix of the other mix tabs and spaces differently, which
  // Python rejects as ambiguous too.
  std::string current;
  for (char c : source.lineText(first.getLine())) {
    if (c == '\f')
      continue;
    if (c != ' ' && c != '\t')
      break;
    current.push_back(c);
  }
  llvm::StringRef cur(current);
  if (current == indents.back())
    return true;
  if (cur.starts_with(indents.back())) {
    if (indents.size() > kMaxIndentLevels) {
      fail(first, locOf(first), "too many levels of indentation");
      return false;
    }
    indents.push_back(current);
    push(makeToken(ThParser::INDENT, first, "<INDENT>"));
    return true;
  }
  size_t level = indents.size();
  while (level > 1 && indents[level - 1] != current) {
    llvm::StringRef outer(indents[level - 1]);
    if (outer.starts_with(cur)) {
      --level;
      continue;
    }
    fail(first, locOf(first),
         cur.starts_with(outer)
             ? "unindent does not match any outer indentation level"
             : "inconsistent use of tabs and spaces in indentation");
    return false;
  }
  if (indents[level - 1] != current) {
    fail(first, locOf(first),
         "unindent does not match any outer indentation level");
    return false;
  }
  size_t dedents = indents.size() - level;
  indents.resize(level);
  for (size_t i = 0; i < dedents; ++i)
    push(makeToken(ThParser::DEDENT, first, "<DEDENT>"));
  return true;
}

static bool isIdentifierChar(char32_t c) {
  return c < 0x80 && (llvm::isAlnum(char(c)) || c == '_');
}

static std::string codePointName(char32_t c) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "U+" << llvm::format_hex_no_prefix(uint32_t(c), 4, /*Upper=*/true);
  return s;
}

std::string ThIndentLexer::checkToken(const antlr4::Token &token) {
  std::string text = token.getText();
  size_t start = token.getStartIndex(), stop = token.getStopIndex();
  switch (token.getType()) {
  case ERROR_CHAR: {
    size_t length;
    char32_t c = decodeUTF8(text, length);
    if (c == '\\')
      return charAt(stop + 1) == 0
                 ? "unexpected end of file after line continuation character"
                 : "unexpected character after line continuation character";
    if (c < 0x20 || c == 0x7F)
      return "invalid non-printable character " + codePointName(c);
    if (c >= 0x80)
      return "invalid character '" + text + "' (" + codePointName(c) + ")";
    char32_t before = start > 0 ? charAt(start - 1) : 0;
    if (isIdentifierChar(before))
      return "invalid character '" + text + "' in identifier";
    return "invalid character '" + text + "'";
  }
  case UNTERMINATED_STRING:
    return "unterminated string literal";
  case STRING: {
    // `'''abc` without its closing quotes lexes as '' followed by an
    // unterminated 'abc: recognize the opening triple quote.
    llvm::StringRef body = llvm::StringRef(text).ltrim("rRuU");
    if ((body == "''" || body == "\"\"") &&
        charAt(stop + 1) == char32_t(body[0]))
      return "unterminated triple-quoted string literal";
    return "";
  }
  case BYTES_STRING:
    return "bytes literals are not supported in .th programs";
  case FORMAT_STRING:
    return "f-strings are not supported in .th programs";
  case IMAG_NUMBER:
    return "complex literals are not supported in .th programs";
  case INTEGER:
  case FLOAT_NUMBER: {
    char32_t after = charAt(stop + 1);
    llvm::StringRef t(text);
    if (isIdentifierChar(after)) {
      if (token.getType() == INTEGER && t.starts_with("0") && t.size() > 1 &&
          !llvm::isDigit(t[1]) && t[1] != '_') {
        llvm::StringRef kind = llvm::toLower(t[1]) == 'x'   ? "hexadecimal"
                               : llvm::toLower(t[1]) == 'o' ? "octal"
                                                            : "binary";
        if (llvm::isDigit(char(after)))
          return "invalid digit '" + std::string(1, char(after)) + "' in " +
                 kind.str() + " literal";
        return "invalid " + kind.str() + " literal";
      }
      if (token.getType() == INTEGER && t.starts_with("0") &&
          llvm::isDigit(char(after)))
        return "leading zeros in decimal integer literals are not permitted; "
               "use an 0o prefix for octal integers";
      if (t == "0" && (after == 'x' || after == 'X' || after == 'o' ||
                       after == 'O' || after == 'b' || after == 'B'))
        return std::string("invalid ") +
               (after == 'x' || after == 'X'   ? "hexadecimal"
                : after == 'o' || after == 'O' ? "octal"
                                               : "binary") +
               " literal";
      return "invalid decimal literal";
    }
    if (token.getType() == INTEGER) {
      IntLiteral value = parseIntLiteral(t);
      // 2**63 is allowed only right after a '-' (the builder folds
      // -9223372036854775808 into INT64_MIN and rejects other uses).
      if (!value.fitsInt64() &&
          !(value.isInt64MinMagnitude() && lastEmittedType == MINUS))
        return "integer literal is too large for int64";
    }
    return "";
  }
  case UNSUPPORTED_KEYWORD:
    if (text == "try" || text == "with" || text == "raise")
      return "'" + text + "' statements are not supported in .th programs";
    if (text == "except" || text == "finally")
      return "'" + text +
             "' clauses are not supported in .th programs (there is no 'try')";
    if (text == "yield")
      return "'yield' is not supported in .th programs (no generators)";
    if (text == "nonlocal")
      return "'nonlocal' statements are not supported in .th programs";
    return "'" + text + "' is not supported in .th programs";
  case OLD_NOT_EQ:
    return "'<>' is not supported; use '!='";
  case ARROW:
    return "function annotations ('->') are not supported in .th programs";
  case WALRUS:
    return "assignment expressions (':=') are not supported in .th programs";
  case ELLIPSIS:
    return "'...' (Ellipsis) is not supported in .th programs";
  default:
    return "";
  }
}

bool ThIndentLexer::handleBracket(const antlr4::Token &token) {
  size_t type = token.getType();
  if (type == OPEN_PAREN || type == OPEN_BRACK || type == OPEN_BRACE) {
    if (openBrackets.size() >= kMaxBracketDepth) {
      fail(token, locOf(token), "too many nested parentheses");
      return false;
    }
    bracketLog.push_back({token.getText()[0], token.getLine(), locOf(token),
                          innermostOpen.size()});
    openBrackets.push_back(bracketLog.size() - 1);
    return true;
  }
  char opener = type == CLOSE_PAREN   ? '('
                : type == CLOSE_BRACK ? '['
                : type == CLOSE_BRACE ? '{'
                                      : 0;
  if (!opener)
    return true;
  std::string closer = token.getText();
  if (openBrackets.empty()) {
    fail(token, locOf(token), "unmatched '" + closer + "'");
    return false;
  }
  const Bracket &open = bracketLog[openBrackets.back()];
  if (open.kind != opener) {
    std::string message =
        "closing '" + closer + "' does not match opening '" + open.kind + "'";
    if (open.line != token.getLine())
      message += " at line " + std::to_string(open.loc.line);
    fail(token, locOf(token), message);
    return false;
  }
  openBrackets.pop_back();
  return true;
}
