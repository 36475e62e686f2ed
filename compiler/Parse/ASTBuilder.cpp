//===- ASTBuilder.cpp - Parse tree to ast::Module -------------------------===//

#include "Parse/ASTBuilder.h"

#include "Parse/Literals.h"
#include "Parse/SyntaxError.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/ErrorHandling.h"

using namespace tcc;
using namespace tcc::ast;
using namespace tcc::parse;
using antlrcpp::Any;
using P = grammar::ThParser;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

std::unique_ptr<Module> ASTBuilder::build(P::ProgramContext *program,
                                          llvm::StringRef filename) {
  auto module = std::make_unique<Module>();
  module->filename = filename.str();
  body = &module->body;
  visitProgram(program);
  return module;
}

SourceLoc ASTBuilder::loc(const antlr4::Token *token) const {
  return source.locate(token->getLine(), token->getCharPositionInLine());
}

void ASTBuilder::error(SourceLoc loc, std::string message) const {
  throw SyntaxError{loc, std::move(message)};
}

ExprPtr ASTBuilder::expr(antlr4::tree::ParseTree *ctx) {
  // Later stages walk the tree recursively: bound its depth (`a + a + ...`
  // with thousands of terms nests that deep) with an error, not a crash.
  if (exprDepth >= kMaxExprDepth)
    error(loc(static_cast<antlr4::ParserRuleContext *>(ctx)),
          "expression is too deeply nested (more than " +
              std::to_string(kMaxExprDepth) + " levels)");
  ++exprDepth;
  result.reset();
  ctx->accept(this);
  --exprDepth;
  assert(result && "expression visitor left no node");
  return std::move(result);
}

template <typename Ctx>
ExprPtr ASTBuilder::exprOrTuple(const std::vector<Ctx *> &items, size_t commas,
                                SourceLoc tupleLoc) {
  if (items.size() == 1 && commas == 0)
    return expr(items[0]);
  ExprList elts;
  for (Ctx *item : items)
    elts.push_back(expr(item));
  return std::make_unique<TupleExpr>(tupleLoc, std::move(elts));
}

StmtList ASTBuilder::block(P::BlockContext *ctx, bool loopBody) {
  StmtList list;
  StmtList *saved = body;
  body = &list;
  if (loopBody)
    ++scopes.back().loops;
  if (ctx->simpleStmts())
    visitSimpleStmts(ctx->simpleStmts());
  for (P::StmtContext *stmt : ctx->stmt())
    visitStmt(stmt);
  if (loopBody)
    --scopes.back().loops;
  body = saved;
  return list;
}

std::string ASTBuilder::dotted(P::DottedNameContext *ctx) const {
  std::string name;
  for (antlr4::tree::TerminalNode *part : ctx->NAME()) {
    if (!name.empty())
      name += '.';
    name += part->getText();
  }
  return name;
}

static const char *describeForTarget(const Expr &e) {
  switch (e.getKind()) {
  case Expr::Kind::Call:
    return "function call";
  case Expr::Kind::Int:
  case Expr::Kind::Float:
  case Expr::Kind::Str:
    return "literal";
  case Expr::Kind::Bool:
    return llvm::cast<BoolExpr>(e).value ? "True" : "False";
  case Expr::Kind::None:
    return "None";
  case Expr::Kind::Compare:
    return "comparison";
  case Expr::Kind::IfExp:
    return "conditional expression";
  case Expr::Kind::Lambda:
    return "lambda";
  case Expr::Kind::Dict:
    return "dict literal";
  case Expr::Kind::ListComp:
    return "comprehension";
  case Expr::Kind::Tuple:
    return "tuple";
  case Expr::Kind::List:
    return "list";
  default:
    return "expression";
  }
}

void ASTBuilder::checkTarget(const Expr &target, llvm::StringRef verb) const {
  switch (target.getKind()) {
  case Expr::Kind::Name:
  case Expr::Kind::Attribute:
  case Expr::Kind::Subscript:
    return;
  case Expr::Kind::Tuple:
    for (const ExprPtr &elt : llvm::cast<TupleExpr>(target).elts)
      checkTarget(*elt, verb);
    return;
  case Expr::Kind::List:
    for (const ExprPtr &elt : llvm::cast<ListExpr>(target).elts)
      checkTarget(*elt, verb);
    return;
  case Expr::Kind::Starred:
    error(target.getLoc(),
          "starred assignment targets are not supported in .th programs");
  default:
    error(target.getLoc(),
          ("cannot " + llvm::Twine(verb) + " " + describeForTarget(target))
              .str());
  }
}

void ASTBuilder::checkAugTarget(const Expr &target) const {
  switch (target.getKind()) {
  case Expr::Kind::Name:
  case Expr::Kind::Attribute:
  case Expr::Kind::Subscript:
    return;
  default:
    error(target.getLoc(), std::string("'") + describeForTarget(target) +
                               "' is an illegal expression for augmented "
                               "assignment");
  }
}

/// The grammar lets `not`, `lambda` and conditional expressions stand
/// anywhere a `test` does, which is looser than Python: reject the places
/// where Python requires parentheses instead of giving them a meaning.
void ASTBuilder::checkOperand(P::TestContext *ctx, bool allowNot,
                              bool allowConditional) const {
  if (dynamic_cast<P::LambdaTestContext *>(ctx))
    error(loc(ctx), "invalid syntax: this lambda must be parenthesized");
  if (!allowNot && dynamic_cast<P::NotTestContext *>(ctx))
    error(loc(ctx), "invalid syntax: this 'not' must be parenthesized");
  if (!allowConditional && dynamic_cast<P::CondTestContext *>(ctx))
    error(loc(static_cast<P::CondTestContext *>(ctx)->IF()->getSymbol()),
          "invalid syntax: this conditional expression must be "
          "parenthesized");
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

Any ASTBuilder::visitProgram(P::ProgramContext *ctx) {
  for (P::StmtContext *stmt : ctx->stmt())
    visitStmt(stmt);
  return {};
}

Any ASTBuilder::visitStmt(P::StmtContext *ctx) {
  if (ctx->simpleStmts())
    return visitSimpleStmts(ctx->simpleStmts());
  return ctx->compoundStmt()->accept(this);
}

Any ASTBuilder::visitSimpleStmts(P::SimpleStmtsContext *ctx) {
  for (P::SmallStmtContext *stmt : ctx->smallStmt())
    stmt->accept(this);
  return {};
}

static BinOpKind augOpKind(size_t type) {
  switch (type) {
  case P::ADD_ASSIGN:
    return BinOpKind::Add;
  case P::SUB_ASSIGN:
    return BinOpKind::Sub;
  case P::MULT_ASSIGN:
    return BinOpKind::Mul;
  case P::AT_ASSIGN:
    return BinOpKind::MatMul;
  case P::DIV_ASSIGN:
    return BinOpKind::Div;
  case P::IDIV_ASSIGN:
    return BinOpKind::FloorDiv;
  case P::MOD_ASSIGN:
    return BinOpKind::Mod;
  case P::POWER_ASSIGN:
    return BinOpKind::Pow;
  case P::AND_ASSIGN:
    return BinOpKind::BitAnd;
  case P::OR_ASSIGN:
    return BinOpKind::BitOr;
  case P::XOR_ASSIGN:
    return BinOpKind::BitXor;
  case P::LEFT_SHIFT_ASSIGN:
    return BinOpKind::LShift;
  case P::RIGHT_SHIFT_ASSIGN:
    return BinOpKind::RShift;
  default:
    llvm_unreachable("not an augmented assignment operator");
  }
}

/// `print >>f, x` parses as an expression in Python 3; it is the Python 2
/// print statement all the same.
static const Expr *python2Print(const Expr &value) {
  const Expr *e = &value;
  if (auto *tuple = llvm::dyn_cast<TupleExpr>(e))
    e = tuple->elts.empty() ? nullptr : tuple->elts.front().get();
  auto *shift = llvm::dyn_cast_or_null<BinOpExpr>(e);
  if (!shift || shift->op != BinOpKind::RShift)
    return nullptr;
  auto *name = llvm::dyn_cast<NameExpr>(shift->lhs.get());
  return name && name->id == "print" ? name : nullptr;
}

Any ASTBuilder::visitExprStmt(P::ExprStmtContext *ctx) {
  SourceLoc at = loc(ctx);
  std::vector<P::TestListContext *> lists = ctx->testList();
  if (ctx->augAssignOp()) {
    ExprPtr target = expr(lists[0]);
    checkAugTarget(*target);
    ExprPtr value = expr(lists[1]);
    append(std::make_unique<AugAssignStmt>(
        at, std::move(target),
        augOpKind(ctx->augAssignOp()->getStart()->getType()),
        std::move(value)));
    return {};
  }
  std::vector<P::AssignTailContext *> tails = ctx->assignTail();
  if (tails.empty()) {
    ExprPtr value = expr(lists[0]);
    if (const Expr *print = python2Print(*value))
      error(print->getLoc(), kPython2PrintMessage);
    append(std::make_unique<ExprStmt>(at, std::move(value)));
    return {};
  }
  ExprList targets;
  targets.push_back(expr(lists[0]));
  checkTarget(*targets.back(), "assign to");
  for (size_t i = 0; i + 1 < tails.size(); ++i) {
    targets.push_back(expr(tails[i]->testList()));
    checkTarget(*targets.back(), "assign to");
  }
  ExprPtr value = expr(tails.back()->testList());
  append(
      std::make_unique<AssignStmt>(at, std::move(targets), std::move(value)));
  return {};
}

Any ASTBuilder::visitDelStmt(P::DelStmtContext *ctx) {
  ExprList targets;
  for (P::ExprContext *e : ctx->exprList()->expr()) {
    targets.push_back(expr(e));
    checkTarget(*targets.back(), "delete");
  }
  append(std::make_unique<DelStmt>(loc(ctx), std::move(targets)));
  return {};
}

Any ASTBuilder::visitPassStmt(P::PassStmtContext *ctx) {
  append(std::make_unique<PassStmt>(loc(ctx)));
  return {};
}

Any ASTBuilder::visitBreakStmt(P::BreakStmtContext *ctx) {
  if (scopes.back().loops == 0)
    error(loc(ctx), "'break' outside loop");
  append(std::make_unique<BreakStmt>(loc(ctx)));
  return {};
}

Any ASTBuilder::visitContinueStmt(P::ContinueStmtContext *ctx) {
  if (scopes.back().loops == 0)
    error(loc(ctx), "'continue' not properly in loop");
  append(std::make_unique<ContinueStmt>(loc(ctx)));
  return {};
}

Any ASTBuilder::visitReturnStmt(P::ReturnStmtContext *ctx) {
  if (!scopes.back().function)
    error(loc(ctx), "'return' outside function");
  append(std::make_unique<ReturnStmt>(loc(ctx), optExpr(ctx->testList())));
  return {};
}

Any ASTBuilder::visitImportStmt(P::ImportStmtContext *ctx) {
  std::vector<Alias> names;
  for (P::DottedAsNameContext *name : ctx->dottedAsName())
    names.push_back({loc(name), dotted(name->dottedName()),
                     name->NAME() ? name->NAME()->getText() : ""});
  append(std::make_unique<ImportStmt>(loc(ctx), std::move(names)));
  return {};
}

Any ASTBuilder::visitImportFromStmt(P::ImportFromStmtContext *ctx) {
  std::vector<Alias> names;
  if (ctx->star) {
    names.push_back({loc(ctx->star), "*", ""});
  } else {
    for (P::ImportAsNameContext *name : ctx->importAsNames()->importAsName()) {
      std::vector<antlr4::tree::TerminalNode *> parts = name->NAME();
      names.push_back({loc(name), parts[0]->getText(),
                       parts.size() > 1 ? parts[1]->getText() : ""});
    }
  }
  append(std::make_unique<ImportFromStmt>(loc(ctx), dotted(ctx->dottedName()),
                                          std::move(names)));
  return {};
}

Any ASTBuilder::visitGlobalStmt(P::GlobalStmtContext *ctx) {
  std::vector<std::string> names;
  for (antlr4::tree::TerminalNode *name : ctx->NAME())
    names.push_back(name->getText());
  append(std::make_unique<GlobalStmt>(loc(ctx), std::move(names)));
  return {};
}

Any ASTBuilder::visitAssertStmt(P::AssertStmtContext *ctx) {
  std::vector<P::TestContext *> tests = ctx->test();
  ExprPtr test = expr(tests[0]);
  ExprPtr msg = tests.size() > 1 ? expr(tests[1]) : nullptr;
  append(
      std::make_unique<AssertStmt>(loc(ctx), std::move(test), std::move(msg)));
  return {};
}

Any ASTBuilder::visitRaiseStmt(P::RaiseStmtContext *ctx) {
  append(std::make_unique<RaiseStmt>(loc(ctx),
                                     ctx->test() ? expr(ctx->test()) : nullptr));
  return {};
}

Any ASTBuilder::visitIfStmt(P::IfStmtContext *ctx) {
  ExprPtr test = expr(ctx->test());
  StmtList then = block(ctx->block());
  // Build in source order (so the first error is the one reported), then
  // chain the `elif`s from the last one up.
  struct Elif {
    SourceLoc loc;
    ExprPtr test;
    StmtList body;
  };
  std::vector<Elif> elifs;
  for (P::ElifClauseContext *clause : ctx->elifClause()) {
    ExprPtr cond = expr(clause->test());
    elifs.push_back({loc(clause), std::move(cond), block(clause->block())});
  }
  StmtList orelse;
  if (ctx->elseClause())
    orelse = block(ctx->elseClause()->block());
  for (auto it = elifs.rbegin(); it != elifs.rend(); ++it) {
    StmtList nested;
    nested.push_back(std::make_unique<IfStmt>(
        it->loc, std::move(it->test), std::move(it->body), std::move(orelse)));
    orelse = std::move(nested);
  }
  append(std::make_unique<IfStmt>(loc(ctx), std::move(test), std::move(then),
                                  std::move(orelse)));
  return {};
}

Any ASTBuilder::visitWhileStmt(P::WhileStmtContext *ctx) {
  ExprPtr test = expr(ctx->test());
  StmtList loopBody = block(ctx->block(), /*loopBody=*/true);
  StmtList orelse;
  if (ctx->elseClause())
    orelse = block(ctx->elseClause()->block());
  append(std::make_unique<WhileStmt>(loc(ctx), std::move(test),
                                     std::move(loopBody), std::move(orelse)));
  return {};
}

Any ASTBuilder::visitForStmt(P::ForStmtContext *ctx) {
  ExprPtr target = expr(ctx->exprList());
  checkTarget(*target, "assign to");
  ExprPtr iter = expr(ctx->testList());
  StmtList loopBody = block(ctx->block(), /*loopBody=*/true);
  StmtList orelse;
  if (ctx->elseClause())
    orelse = block(ctx->elseClause()->block());
  append(std::make_unique<ForStmt>(loc(ctx), std::move(target), std::move(iter),
                                   std::move(loopBody), std::move(orelse)));
  return {};
}

Any ASTBuilder::visitFuncDefStmt(P::FuncDefStmtContext *ctx) {
  return visitFuncDef(ctx->funcDef());
}

Any ASTBuilder::visitClassDefStmt(P::ClassDefStmtContext *ctx) {
  return visitClassDef(ctx->classDef());
}

Any ASTBuilder::visitDecoratedStmt(P::DecoratedStmtContext *ctx) {
  if (ctx->classDef())
    error(loc(ctx), "class decorators are not supported in .th programs");
  ExprList decorators;
  for (P::DecoratorContext *decorator : ctx->decorator())
    decorators.push_back(expr(decorator->test()));
  pendingDecorators = std::move(decorators);
  return visitFuncDef(ctx->funcDef());
}

Any ASTBuilder::visitFuncDef(P::FuncDefContext *ctx) {
  ExprList decorators = std::move(pendingDecorators);
  pendingDecorators.clear();
  std::vector<Param> parameters = params(ctx->parameters());
  scopes.push_back({/*function=*/true, /*loops=*/0});
  StmtList funcBody = block(ctx->block());
  scopes.pop_back();
  auto def = std::make_unique<FunctionDefStmt>(loc(ctx), ctx->NAME()->getText(),
                                               std::move(parameters),
                                               std::move(funcBody));
  def->decorators = std::move(decorators);
  append(std::move(def));
  return {};
}

Any ASTBuilder::visitClassDef(P::ClassDefContext *ctx) {
  ExprList bases;
  if (ctx->arglist()) {
    std::vector<Keyword> keywords;
    callArgs(ctx->arglist(), bases, keywords);
    if (!keywords.empty())
      error(keywords.front().loc,
            "class keyword arguments are not supported in .th programs");
    for (const ExprPtr &base : bases)
      if (llvm::isa<StarredExpr>(base.get()))
        error(base->getLoc(),
              "starred base classes are not supported in .th programs");
  }
  scopes.push_back({/*function=*/false, /*loops=*/0});
  StmtList classBody = block(ctx->block());
  scopes.pop_back();
  append(std::make_unique<ClassDefStmt>(loc(ctx), ctx->NAME()->getText(),
                                        std::move(bases),
                                        std::move(classBody)));
  return {};
}

std::vector<Param> ASTBuilder::params(P::ParametersContext *ctx) {
  std::vector<Param> result;
  if (!ctx)
    return result;
  llvm::StringSet<> seen;
  bool sawDefault = false, sawVarArgs = false, sawKwArgs = false;
  for (P::ParameterContext *p : ctx->parameter()) {
    Param param;
    param.loc = loc(p);
    if (sawKwArgs)
      error(param.loc, "arguments cannot follow var-keyword argument");
    if (auto *plain = dynamic_cast<P::PlainParamContext *>(p)) {
      if (sawVarArgs)
        error(param.loc,
              "keyword-only parameters are not supported in .th programs");
      param.name = plain->NAME()->getText();
      if (plain->test()) {
        param.defaultValue = expr(plain->test());
        sawDefault = true;
      } else if (sawDefault) {
        error(param.loc, "non-default argument follows default argument");
      }
    } else if (auto *var = dynamic_cast<P::VarArgsParamContext *>(p)) {
      if (!var->NAME())
        error(param.loc,
              "keyword-only parameters are not supported in .th programs");
      if (sawVarArgs)
        error(param.loc, "* argument may appear only once");
      sawVarArgs = true;
      param.name = var->NAME()->getText();
      param.kind = Param::Kind::VarArgs;
    } else {
      auto *kw = dynamic_cast<P::KwArgsParamContext *>(p);
      sawKwArgs = true;
      param.name = kw->NAME()->getText();
      param.kind = Param::Kind::KwArgs;
    }
    if (!seen.insert(param.name).second)
      error(param.loc,
            "duplicate argument '" + param.name + "' in function definition");
    result.push_back(std::move(param));
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

Any ASTBuilder::visitTestList(P::TestListContext *ctx) {
  result = exprOrTuple(ctx->test(), ctx->COMMA().size(), loc(ctx));
  return {};
}

Any ASTBuilder::visitExprList(P::ExprListContext *ctx) {
  result = exprOrTuple(ctx->expr(), ctx->COMMA().size(), loc(ctx));
  return {};
}

Any ASTBuilder::visitExprTest(P::ExprTestContext *ctx) {
  result = expr(ctx->expr());
  return {};
}

static CmpOpKind cmpOpKind(P::CompOpContext *ctx) {
  size_t first = ctx->getStart()->getType();
  bool twoTokens = ctx->children.size() == 2;
  switch (first) {
  case P::LESS_THAN:
    return CmpOpKind::Lt;
  case P::LT_EQ:
    return CmpOpKind::Le;
  case P::GREATER_THAN:
    return CmpOpKind::Gt;
  case P::GT_EQ:
    return CmpOpKind::Ge;
  case P::EQUALS:
    return CmpOpKind::Eq;
  case P::NOT_EQ:
    return CmpOpKind::Ne;
  case P::IN:
    return CmpOpKind::In;
  case P::NOT:
    return CmpOpKind::NotIn;
  case P::IS:
    return twoTokens ? CmpOpKind::IsNot : CmpOpKind::Is;
  default:
    llvm_unreachable("not a comparison operator");
  }
}

Any ASTBuilder::visitCompareTest(P::CompareTestContext *ctx) {
  // `a < b < c` parses as ((a < b) < c); Python's chained comparison is one
  // node. A parenthesized comparison is an atom, so it is not flattened.
  std::vector<P::CompareTestContext *> chain;
  P::TestContext *leftmost = ctx;
  while (auto *cmp = dynamic_cast<P::CompareTestContext *>(leftmost)) {
    chain.push_back(cmp);
    leftmost = cmp->test(0);
  }
  std::reverse(chain.begin(), chain.end());
  ExprPtr left = expr(leftmost);
  std::vector<CmpOpKind> ops;
  std::vector<SourceLoc> opLocs;
  ExprList comparators;
  for (P::CompareTestContext *cmp : chain) {
    checkOperand(cmp->test(1), /*allowNot=*/false);
    ops.push_back(cmpOpKind(cmp->compOp()));
    opLocs.push_back(loc(cmp->compOp()));
    comparators.push_back(expr(cmp->test(1)));
  }
  result =
      std::make_unique<CompareExpr>(loc(ctx), std::move(left), std::move(ops),
                                    std::move(opLocs), std::move(comparators));
  return {};
}

Any ASTBuilder::visitNotTest(P::NotTestContext *ctx) {
  checkOperand(ctx->test());
  ExprPtr operand = expr(ctx->test());
  result = std::make_unique<UnaryOpExpr>(loc(ctx->NOT()->getSymbol()),
                                         UnaryOpKind::Not, std::move(operand));
  return {};
}

template <typename Ctx> ExprPtr ASTBuilder::boolOp(Ctx *ctx, BoolOpKind kind) {
  // `a and b and c` is one node with three values, located at the first
  // operator.
  std::vector<Ctx *> chain;
  P::TestContext *leftmost = ctx;
  while (auto *same = dynamic_cast<Ctx *>(leftmost)) {
    chain.push_back(same);
    leftmost = same->test(0);
  }
  std::reverse(chain.begin(), chain.end());
  ExprList values;
  checkOperand(leftmost);
  values.push_back(expr(leftmost));
  for (Ctx *link : chain) {
    checkOperand(link->test(1));
    values.push_back(expr(link->test(1)));
  }
  antlr4::Token *firstOp =
      dynamic_cast<antlr4::tree::TerminalNode *>(chain.front()->children[1])
          ->getSymbol();
  return std::make_unique<BoolOpExpr>(loc(firstOp), kind, std::move(values));
}

Any ASTBuilder::visitAndTest(P::AndTestContext *ctx) {
  result = boolOp(ctx, BoolOpKind::And);
  return {};
}

Any ASTBuilder::visitOrTest(P::OrTestContext *ctx) {
  result = boolOp(ctx, BoolOpKind::Or);
  return {};
}

Any ASTBuilder::visitCondTest(P::CondTestContext *ctx) {
  checkOperand(ctx->test(1), /*allowNot=*/true, /*allowConditional=*/false);
  ExprPtr body = expr(ctx->test(0));
  ExprPtr test = expr(ctx->test(1));
  ExprPtr orelse = expr(ctx->test(2));
  result = std::make_unique<IfExpExpr>(loc(ctx), std::move(test),
                                       std::move(body), std::move(orelse));
  return {};
}

Any ASTBuilder::visitLambdaTest(P::LambdaTestContext *ctx) {
  std::vector<Param> parameters = params(ctx->parameters());
  ExprPtr lambdaBody = expr(ctx->test());
  result = std::make_unique<LambdaExpr>(loc(ctx), std::move(parameters),
                                        std::move(lambdaBody));
  return {};
}

Any ASTBuilder::visitAtomExpr(P::AtomExprContext *ctx) {
  result = expr(ctx->atom());
  return {};
}

Any ASTBuilder::visitAttributeExpr(P::AttributeExprContext *ctx) {
  ExprPtr value = expr(ctx->expr());
  result = std::make_unique<AttributeExpr>(loc(ctx), std::move(value),
                                           ctx->NAME()->getText());
  return {};
}

Any ASTBuilder::visitCallExpr(P::CallExprContext *ctx) {
  ExprPtr func = expr(ctx->expr());
  ExprList args;
  std::vector<Keyword> keywords;
  if (ctx->arglist())
    callArgs(ctx->arglist(), args, keywords);
  result = std::make_unique<CallExpr>(loc(ctx), std::move(func),
                                      std::move(args), std::move(keywords));
  return {};
}

void ASTBuilder::callArgs(P::ArglistContext *ctx, ExprList &args,
                          std::vector<Keyword> &keywords) {
  std::vector<P::ArgumentContext *> arguments = ctx->argument();
  bool sawKeyword = false, sawKwUnpack = false;
  llvm::StringSet<> names;
  for (P::ArgumentContext *arg : arguments) {
    SourceLoc at = loc(arg);
    if (auto *kw = dynamic_cast<P::KeywordArgContext *>(arg)) {
      std::string name = kw->NAME()->getText();
      if (!names.insert(name).second)
        error(at, "keyword argument repeated: " + name);
      keywords.push_back({at, name, expr(kw->test())});
      sawKeyword = true;
    } else if (auto *kwUnpack = dynamic_cast<P::DoubleStarArgContext *>(arg)) {
      keywords.push_back({at, "", expr(kwUnpack->test())});
      sawKwUnpack = true;
    } else if (auto *star = dynamic_cast<P::StarArgContext *>(arg)) {
      if (sawKwUnpack)
        error(at, "iterable argument unpacking follows keyword argument "
                  "unpacking");
      args.push_back(std::make_unique<StarredExpr>(at, expr(star->test())));
    } else {
      auto *pos = static_cast<P::PositionalArgContext *>(arg);
      if (sawKwUnpack)
        error(at, "positional argument follows keyword argument unpacking");
      if (sawKeyword)
        error(at, "positional argument follows keyword argument");
      if (pos->compFor()) {
        // `sum(x for x in xs)`: a generator expression as the only argument.
        if (arguments.size() > 1)
          error(at, "Generator expression must be parenthesized");
        ExprPtr elt = expr(pos->test());
        args.push_back(std::make_unique<ListCompExpr>(
            at, std::move(elt), comprehension(pos->compFor())));
      } else {
        args.push_back(expr(pos->test()));
      }
    }
  }
}

std::vector<Comprehension> ASTBuilder::comprehension(P::CompForContext *ctx) {
  std::vector<Comprehension> generators;
  while (ctx) {
    Comprehension gen;
    gen.target = expr(ctx->exprList());
    checkTarget(*gen.target, "assign to");
    checkOperand(ctx->test(), /*allowNot=*/true, /*allowConditional=*/false);
    gen.iter = expr(ctx->test());
    P::CompIterContext *iter = ctx->compIter();
    ctx = nullptr;
    while (iter) {
      if (iter->compFor()) {
        ctx = iter->compFor();
        break;
      }
      P::CompIfContext *cond = iter->compIf();
      checkOperand(cond->test(), /*allowNot=*/true, /*allowConditional=*/false);
      gen.ifs.push_back(expr(cond->test()));
      iter = cond->compIter();
    }
    generators.push_back(std::move(gen));
  }
  return generators;
}

Any ASTBuilder::visitSubscriptExpr(P::SubscriptExprContext *ctx) {
  ExprPtr value = expr(ctx->expr());
  ExprPtr index = expr(ctx->subscriptList());
  result = std::make_unique<SubscriptExpr>(loc(ctx), std::move(value),
                                           std::move(index));
  return {};
}

Any ASTBuilder::visitSubscriptList(P::SubscriptListContext *ctx) {
  result = exprOrTuple(ctx->subscript(), ctx->COMMA().size(), loc(ctx));
  return {};
}

ExprPtr ASTBuilder::sliceOrIndex(SourceLoc at, P::TestContext *lower,
                                 P::SliceTailContext *tail) {
  ExprPtr low = optExpr(lower);
  if (!tail)
    return low;
  ExprPtr upper = optExpr(tail->upper);
  ExprPtr step = optExpr(tail->step);
  return std::make_unique<SliceExpr>(at, std::move(low), std::move(upper),
                                     std::move(step));
}

Any ASTBuilder::visitIndexSubscript(P::IndexSubscriptContext *ctx) {
  result = sliceOrIndex(loc(ctx), ctx->test(), ctx->sliceTail());
  return {};
}

Any ASTBuilder::visitSliceSubscript(P::SliceSubscriptContext *ctx) {
  result = sliceOrIndex(loc(ctx), nullptr, ctx->sliceTail());
  return {};
}

static BinOpKind binOpKind(size_t type) {
  switch (type) {
  case P::ADD:
    return BinOpKind::Add;
  case P::MINUS:
    return BinOpKind::Sub;
  case P::STAR:
    return BinOpKind::Mul;
  case P::DIV:
    return BinOpKind::Div;
  case P::IDIV:
    return BinOpKind::FloorDiv;
  case P::MOD:
    return BinOpKind::Mod;
  case P::POWER:
    return BinOpKind::Pow;
  case P::AT:
    return BinOpKind::MatMul;
  case P::AND_OP:
    return BinOpKind::BitAnd;
  case P::OR_OP:
    return BinOpKind::BitOr;
  case P::XOR:
    return BinOpKind::BitXor;
  case P::LEFT_SHIFT:
    return BinOpKind::LShift;
  case P::RIGHT_SHIFT:
    return BinOpKind::RShift;
  default:
    llvm_unreachable("not a binary operator");
  }
}

ExprPtr ASTBuilder::binOp(antlr4::Token *op, P::ExprContext *lhs,
                          P::ExprContext *rhs) {
  ExprPtr left = expr(lhs);
  ExprPtr right = expr(rhs);
  return std::make_unique<BinOpExpr>(loc(op), binOpKind(op->getType()),
                                     std::move(left), std::move(right));
}

Any ASTBuilder::visitPowerExpr(P::PowerExprContext *ctx) {
  result = binOp(ctx->op, ctx->expr(0), ctx->expr(1));
  return {};
}
Any ASTBuilder::visitMulExpr(P::MulExprContext *ctx) {
  result = binOp(ctx->op, ctx->expr(0), ctx->expr(1));
  return {};
}
Any ASTBuilder::visitAddExpr(P::AddExprContext *ctx) {
  result = binOp(ctx->op, ctx->expr(0), ctx->expr(1));
  return {};
}
Any ASTBuilder::visitShiftExpr(P::ShiftExprContext *ctx) {
  result = binOp(ctx->op, ctx->expr(0), ctx->expr(1));
  return {};
}
Any ASTBuilder::visitBitAndExpr(P::BitAndExprContext *ctx) {
  result = binOp(ctx->op, ctx->expr(0), ctx->expr(1));
  return {};
}
Any ASTBuilder::visitBitXorExpr(P::BitXorExprContext *ctx) {
  result = binOp(ctx->op, ctx->expr(0), ctx->expr(1));
  return {};
}
Any ASTBuilder::visitBitOrExpr(P::BitOrExprContext *ctx) {
  result = binOp(ctx->op, ctx->expr(0), ctx->expr(1));
  return {};
}

Any ASTBuilder::visitUnaryExpr(P::UnaryExprContext *ctx) {
  // -9223372036854775808 is INT64_MIN; its magnitude alone is out of range.
  if (ctx->op->getType() == P::MINUS)
    if (auto *atom = dynamic_cast<P::AtomExprContext *>(ctx->expr()))
      if (auto *lit = dynamic_cast<P::IntAtomContext *>(atom->atom()))
        if (parseIntLiteral(lit->getText()).isInt64MinMagnitude()) {
          result = std::make_unique<IntExpr>(loc(ctx->op), INT64_MIN);
          return {};
        }
  UnaryOpKind kind = ctx->op->getType() == P::MINUS ? UnaryOpKind::Neg
                     : ctx->op->getType() == P::ADD ? UnaryOpKind::Pos
                                                    : UnaryOpKind::Invert;
  ExprPtr operand = expr(ctx->expr());
  result =
      std::make_unique<UnaryOpExpr>(loc(ctx->op), kind, std::move(operand));
  return {};
}

Any ASTBuilder::visitParenAtom(P::ParenAtomContext *ctx) {
  SourceLoc at = loc(ctx);
  P::TestListCompContext *inner = ctx->testListComp();
  if (!inner) {
    result = std::make_unique<TupleExpr>(at, ExprList());
  } else if (inner->compFor()) {
    ExprPtr elt = expr(inner->test(0));
    result = std::make_unique<ListCompExpr>(at, std::move(elt),
                                            comprehension(inner->compFor()));
  } else {
    // `(x)` is x itself, keeping x's location; `(x,)` is a tuple.
    result = exprOrTuple(inner->test(), inner->COMMA().size(), at);
  }
  return {};
}

Any ASTBuilder::visitListAtom(P::ListAtomContext *ctx) {
  SourceLoc at = loc(ctx);
  P::TestListCompContext *inner = ctx->testListComp();
  ExprList elts;
  if (inner && inner->compFor()) {
    ExprPtr elt = expr(inner->test(0));
    result = std::make_unique<ListCompExpr>(at, std::move(elt),
                                            comprehension(inner->compFor()));
    return {};
  }
  if (inner)
    for (P::TestContext *item : inner->test())
      elts.push_back(expr(item));
  result = std::make_unique<ListExpr>(at, std::move(elts));
  return {};
}

Any ASTBuilder::visitDictAtom(P::DictAtomContext *ctx) {
  SourceLoc at = loc(ctx);
  ExprList keys, values;
  if (P::DictOrSetMakerContext *maker = ctx->dictOrSetMaker()) {
    if (!maker->COLON())
      error(at, maker->compFor()
                    ? "set comprehensions are not supported in .th programs"
                    : "set literals are not supported in .th programs");
    if (maker->compFor())
      error(at, "dict comprehensions are not supported in .th programs");
    keys.push_back(expr(maker->test(0)));
    values.push_back(expr(maker->test(1)));
    for (P::DictEntryContext *entry : maker->dictEntry()) {
      keys.push_back(expr(entry->test(0)));
      values.push_back(expr(entry->test(1)));
    }
  }
  result = std::make_unique<DictExpr>(at, std::move(keys), std::move(values));
  return {};
}

Any ASTBuilder::visitNameAtom(P::NameAtomContext *ctx) {
  result = std::make_unique<NameExpr>(loc(ctx), ctx->getText());
  return {};
}

Any ASTBuilder::visitIntAtom(P::IntAtomContext *ctx) {
  IntLiteral value = parseIntLiteral(ctx->getText());
  if (!value.fitsInt64())
    error(loc(ctx), "integer literal is too large for int64");
  result = std::make_unique<IntExpr>(loc(ctx), int64_t(value.magnitude));
  return {};
}

Any ASTBuilder::visitFloatAtom(P::FloatAtomContext *ctx) {
  result =
      std::make_unique<FloatExpr>(loc(ctx), parseFloatLiteral(ctx->getText()));
  return {};
}

Any ASTBuilder::visitStringAtom(P::StringAtomContext *ctx) {
  // Adjacent literals concatenate: 'a' "b" == 'ab'.
  std::string value, part, message;
  for (antlr4::tree::TerminalNode *literal : ctx->STRING()) {
    if (!decodeStringLiteral(literal->getText(), part, message))
      error(loc(literal->getSymbol()), message);
    value += part;
  }
  result = std::make_unique<StrExpr>(loc(ctx), std::move(value));
  return {};
}

Any ASTBuilder::visitNoneAtom(P::NoneAtomContext *ctx) {
  result = std::make_unique<NoneExpr>(loc(ctx));
  return {};
}
Any ASTBuilder::visitTrueAtom(P::TrueAtomContext *ctx) {
  result = std::make_unique<BoolExpr>(loc(ctx), true);
  return {};
}
Any ASTBuilder::visitFalseAtom(P::FalseAtomContext *ctx) {
  result = std::make_unique<BoolExpr>(loc(ctx), false);
  return {};
}

//===----------------------------------------------------------------------===//
// Rules read by their parent's visitor
//===----------------------------------------------------------------------===//

#define TCC_PART_OF_PARENT(Rule)                                               \
  Any ASTBuilder::visit##Rule(P::Rule##Context *) {                            \
    llvm_unreachable(#Rule " is read by the visitor of its parent");           \
  }
TCC_PART_OF_PARENT(AssignTail)
TCC_PART_OF_PARENT(AugAssignOp)
TCC_PART_OF_PARENT(ImportAsNames)
TCC_PART_OF_PARENT(ImportAsName)
TCC_PART_OF_PARENT(DottedAsName)
TCC_PART_OF_PARENT(DottedName)
TCC_PART_OF_PARENT(ElifClause)
TCC_PART_OF_PARENT(ElseClause)
TCC_PART_OF_PARENT(Decorator)
TCC_PART_OF_PARENT(Block)
TCC_PART_OF_PARENT(Parameters)
TCC_PART_OF_PARENT(PlainParam)
TCC_PART_OF_PARENT(VarArgsParam)
TCC_PART_OF_PARENT(KwArgsParam)
TCC_PART_OF_PARENT(CompOp)
TCC_PART_OF_PARENT(TestListComp)
TCC_PART_OF_PARENT(DictOrSetMaker)
TCC_PART_OF_PARENT(DictEntry)
TCC_PART_OF_PARENT(CompFor)
TCC_PART_OF_PARENT(CompIter)
TCC_PART_OF_PARENT(CompIf)
TCC_PART_OF_PARENT(Arglist)
TCC_PART_OF_PARENT(KeywordArg)
TCC_PART_OF_PARENT(StarArg)
TCC_PART_OF_PARENT(DoubleStarArg)
TCC_PART_OF_PARENT(PositionalArg)
TCC_PART_OF_PARENT(SliceTail)
#undef TCC_PART_OF_PARENT
