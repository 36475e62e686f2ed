//===- ThErrorStrategy.cpp - One readable message per syntax error --------===//

#include "Parse/ThErrorStrategy.h"

#include "ThParser.h"

using namespace tcc;
using namespace tcc::parse;
using antlr4::Token;
using antlr4::misc::IntervalSet;
using grammar::ThParser;

void ThErrorStrategy::reportError(antlr4::Parser *parser,
                                  const antlr4::RecognitionException &e) {
  auto *ctx = dynamic_cast<antlr4::ParserRuleContext *>(e.getCtx());
  if (!ctx)
    ctx = parser->getContext();
  Token *offending = e.getOffendingToken();
  if (!offending)
    offending = parser->getCurrentToken();
  if (auto *nva = dynamic_cast<const antlr4::NoViableAltException *>(&e)) {
    Token *start = nva->getStartToken();
    // Prediction may fail tokens after the decision started; the expected set
    // of the decision then says nothing about the offending token.
    if (start && start->getTokenIndex() != offending->getTokenIndex())
      fail(parser, offending, IntervalSet(), ctx, start);
  }
  fail(parser, offending, e.getExpectedTokens(), ctx);
}

void ThErrorStrategy::recover(antlr4::Parser *parser, std::exception_ptr e) {
  // reportError always throws first; stay safe if ANTLR ever calls this alone.
  fail(parser, parser->getCurrentToken(), parser->getExpectedTokens(),
       parser->getContext());
}

Token *ThErrorStrategy::recoverInline(antlr4::Parser *parser) {
  fail(parser, parser->getCurrentToken(), parser->getExpectedTokens(),
       parser->getContext());
}

ast::SourceLoc ThErrorStrategy::locOf(const Token *token) const {
  return source.locate(token->getLine(), token->getCharPositionInLine());
}

void ThErrorStrategy::fail(antlr4::Parser *parser, Token *offending,
                           const IntervalSet &expected,
                           antlr4::ParserRuleContext *ctx,
                           Token *decisionStart) {
  if (offending->getType() == ThParser::LEXER_ERROR && lexer.getError())
    throw *lexer.getError();

  ast::SourceLoc loc = locOf(offending);
  std::string text =
      message(parser, offending, expected, ctx, decisionStart, loc);

  // A bracket opened before the error and never closed is the likelier
  // cause (a missing ')' makes the next line part of the expression): lex the
  // rest of the file to find out, as CPython does.
  auto *tokens =
      dynamic_cast<antlr4::BufferedTokenStream *>(parser->getTokenStream());
  if (tokens && !lexer.getError())
    tokens->fill();
  if (const auto &open = lexer.getNeverClosed();
      open && open->tokenIndex < offending->getTokenIndex())
    throw SyntaxError{open->loc,
                      std::string("'") + open->kind + "' was never closed"};

  throw SyntaxError{loc, std::move(text)};
}

//===----------------------------------------------------------------------===//
// Choosing the message
//===----------------------------------------------------------------------===//

/// Tokens that are a whole operand by themselves.
static bool isOperandToken(size_t type) {
  switch (type) {
  case ThParser::NAME:
  case ThParser::INTEGER:
  case ThParser::FLOAT_NUMBER:
  case ThParser::STRING:
  case ThParser::NONE_KW:
  case ThParser::TRUE_KW:
  case ThParser::FALSE_KW:
    return true;
  default:
    return false;
  }
}

/// An operand, an opening bracket, a unary operator or lambda.
static bool canStartExpression(size_t type) {
  switch (type) {
  case ThParser::OPEN_PAREN:
  case ThParser::OPEN_BRACK:
  case ThParser::OPEN_BRACE:
  case ThParser::ADD:
  case ThParser::MINUS:
  case ThParser::NOT_OP:
  case ThParser::NOT:
  case ThParser::LAMBDA:
    return true;
  default:
    return isOperandToken(type);
  }
}

static bool endsOperand(size_t type) {
  return isOperandToken(type) || type == ThParser::CLOSE_PAREN ||
         type == ThParser::CLOSE_BRACK || type == ThParser::CLOSE_BRACE;
}

static bool isStatementBoundary(size_t type) {
  return type == ThParser::NEWLINE || type == ThParser::INDENT ||
         type == ThParser::DEDENT || type == ThParser::SEMI_COLON;
}

static bool isEndOfLine(size_t type) {
  return type == ThParser::NEWLINE || type == ThParser::DEDENT ||
         type == Token::EOF;
}

/// The compound-statement header (or lambda) the error is in, if any: the
/// place where a missing ':' is the likely mistake.
static bool inHeader(antlr4::RuleContext *ctx) {
  for (; ctx; ctx = dynamic_cast<antlr4::RuleContext *>(ctx->parent)) {
    if (dynamic_cast<ThParser::BlockContext *>(ctx) ||
        dynamic_cast<ThParser::SimpleStmtsContext *>(ctx) ||
        dynamic_cast<ThParser::AtomContext *>(ctx) ||
        dynamic_cast<ThParser::ArglistContext *>(ctx) ||
        dynamic_cast<ThParser::SubscriptListContext *>(ctx))
      return false;
    if (dynamic_cast<ThParser::IfStmtContext *>(ctx) ||
        dynamic_cast<ThParser::ElifClauseContext *>(ctx) ||
        dynamic_cast<ThParser::ElseClauseContext *>(ctx) ||
        dynamic_cast<ThParser::WhileStmtContext *>(ctx) ||
        dynamic_cast<ThParser::ForStmtContext *>(ctx) ||
        dynamic_cast<ThParser::FuncDefContext *>(ctx) ||
        dynamic_cast<ThParser::ClassDefContext *>(ctx) ||
        dynamic_cast<ThParser::LambdaTestContext *>(ctx))
      return true;
  }
  return false;
}

/// "'if' statement on line 4" for the compound statement whose block is
/// missing.
static std::string blockOwner(antlr4::RuleContext *ctx) {
  for (; ctx; ctx = dynamic_cast<antlr4::RuleContext *>(ctx->parent)) {
    auto *rule = dynamic_cast<antlr4::ParserRuleContext *>(ctx);
    if (!rule)
      continue;
    std::string line = std::to_string(rule->getStart()->getLine());
    if (dynamic_cast<ThParser::IfStmtContext *>(ctx))
      return "'if' statement on line " + line;
    if (dynamic_cast<ThParser::ElifClauseContext *>(ctx))
      return "'elif' statement on line " + line;
    if (dynamic_cast<ThParser::ElseClauseContext *>(ctx))
      return "'else' statement on line " + line;
    if (dynamic_cast<ThParser::WhileStmtContext *>(ctx))
      return "'while' statement on line " + line;
    if (dynamic_cast<ThParser::ForStmtContext *>(ctx))
      return "'for' statement on line " + line;
    if (dynamic_cast<ThParser::FuncDefContext *>(ctx))
      return "function definition on line " + line;
    if (dynamic_cast<ThParser::ClassDefContext *>(ctx))
      return "class definition on line " + line;
  }
  return "the previous line";
}

static std::string describeExpected(antlr4::Parser *parser, size_t type) {
  switch (type) {
  case ThParser::NAME:
    return "a name";
  case ThParser::NEWLINE:
    return "end of line";
  case ThParser::INDENT:
    return "an indented block";
  case Token::EOF:
    return "end of file";
  default:
    return parser->getVocabulary().getDisplayName(type);
  }
}

static std::string describeUnexpected(const Token *token) {
  switch (token->getType()) {
  case ThParser::NEWLINE:
    return "unexpected end of line";
  case ThParser::DEDENT:
    return "unexpected unindent";
  case Token::EOF:
    return "unexpected end of file";
  default:
    return "unexpected '" + token->getText() + "'";
  }
}

std::string ThErrorStrategy::message(antlr4::Parser *parser, Token *offending,
                                     const IntervalSet &expected,
                                     antlr4::ParserRuleContext *ctx,
                                     Token *decisionStart,
                                     ast::SourceLoc &loc) {
  size_t type = offending->getType();
  antlr4::TokenStream *tokens = parser->getTokenStream();
  size_t index = offending->getTokenIndex();
  Token *prev = index > 0 ? tokens->get(index - 1) : nullptr;

  if (type == ThParser::INDENT)
    return "unexpected indent";
  if (expected.contains(size_t(ThParser::INDENT)))
    return "expected an indented block after " + blockOwner(ctx);

  // `print x` / `print "x"`: a Python 2 print statement at statement start.
  if (prev && prev->getType() == ThParser::NAME && prev->getText() == "print" &&
      (isOperandToken(type) || type == ThParser::NOT)) {
    Token *before = index > 1 ? tokens->get(index - 2) : nullptr;
    if (!before || isStatementBoundary(before->getType()) ||
        (before->getType() == ThParser::COLON &&
         !lexer.openBracketAt(before->getTokenIndex()))) {
      loc = locOf(prev);
      return kPython2PrintMessage;
    }
  }

  bool atStatementStart = !prev || isStatementBoundary(prev->getType());
  if (atStatementStart && type == ThParser::ELSE)
    return "'else' does not follow an 'if', 'for' or 'while' block at the "
           "same indentation";
  if (atStatementStart && type == ThParser::ELIF)
    return "'elif' does not follow an 'if' block at the same indentation";
  if (atStatementStart && type == ThParser::STAR)
    return "starred assignment targets are not supported in .th programs";

  // `a if b` without its `else`: the parser gives up at the `if` (or at the
  // end of the line, when it was predicting the conditional).
  if ((type == ThParser::IF && prev && endsOperand(prev->getType())) ||
      (decisionStart && decisionStart->getType() == ThParser::IF &&
       dynamic_cast<ThParser::TestContext *>(ctx)))
    return "expected 'else' after 'if' expression";

  if (dynamic_cast<ThParser::DecoratedStmtContext *>(ctx) &&
      expected.contains(size_t(ThParser::DEF)))
    return "expected a function or class definition after decorator";

  if (type == ThParser::ASSIGN &&
      !expected.contains(size_t(ThParser::ASSIGN)) &&
      !expected.contains(size_t(ThParser::IN)) && prev &&
      endsOperand(prev->getType()))
    return "invalid syntax: '=' assigns; use '==' to compare";
  if (type == ThParser::POWER &&
      expected.contains(size_t(ThParser::CLOSE_BRACE)))
    return "dict unpacking ('**') is not supported in .th programs";
  if (type == ThParser::COLON && prev && prev->getType() == ThParser::NAME &&
      (index < 2 || isStatementBoundary(tokens->get(index - 2)->getType())))
    return "variable annotations are not supported in .th programs";

  bool exprExpected = expected.contains(size_t(ThParser::NAME)) &&
                      expected.contains(size_t(ThParser::INTEGER));
  bool onlyName =
      expected.size() == 1 && expected.contains(size_t(ThParser::NAME));

  if (isEndOfLine(type)) {
    if (expected.contains(size_t(ThParser::COLON)) && inHeader(ctx))
      return "expected ':'";
    if (exprExpected)
      return "expected an expression";
    if (expected.contains(size_t(ThParser::NAME)))
      return "expected a name";
    if (expected.size() == 1 && !expected.contains(size_t(Token::EOF)))
      return "expected " +
             describeExpected(parser, expected.getSingleElement());
    return describeUnexpected(offending);
  }

  if (prev && lexer.openBracketAt(index) &&
      (isOperandToken(type) || type == ThParser::OPEN_BRACE) &&
      endsOperand(prev->getType()))
    return "invalid syntax. Perhaps you forgot a comma?";
  if (expected.contains(size_t(ThParser::COLON)) && inHeader(ctx) &&
      !exprExpected)
    return "expected ':'";
  // `f(1, , 2)`, `f(%x)`: after a comma or an opening bracket only an
  // expression (or the closer) may come.
  if (prev &&
      (prev->getType() == ThParser::COMMA ||
       prev->getType() == ThParser::OPEN_PAREN ||
       prev->getType() == ThParser::OPEN_BRACK ||
       prev->getType() == ThParser::OPEN_BRACE) &&
      !canStartExpression(type))
    return "expected an expression";
  if (exprExpected && !canStartExpression(type))
    return "expected an expression";
  if (onlyName)
    return "expected a name";
  if (expected.size() == 1 && !expected.contains(size_t(ThParser::NEWLINE)) &&
      !expected.contains(size_t(Token::EOF)))
    return "expected " + describeExpected(parser, expected.getSingleElement());
  if (isOperandToken(type))
    return "invalid syntax";
  return describeUnexpected(offending);
}
