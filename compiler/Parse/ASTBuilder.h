//===- ASTBuilder.h - Parse tree to ast::Module ------------------*- C++
//-*-===//
//
// A ThVisitor with one method per labelled alternative of Th.g4. Expression
// methods leave their node in `result` (antlrcpp::Any cannot hold a
// unique_ptr); statement methods append to the statement list being built.
// It also makes the checks CPython makes while compiling, each a SyntaxError
// at the offending node: assignment targets, parameter and argument order,
// 'return'/'break' placement, integer range, string escapes, and the forms
// the grammar accepts only to reject them by name (sets, dict comprehensions,
// class decorators, `print >>f, x`).
//
//===----------------------------------------------------------------------===//

#ifndef TCC_PARSE_ASTBUILDER_H
#define TCC_PARSE_ASTBUILDER_H

#include "AST/AST.h"
#include "Parse/SourceText.h"

#include "ThParser.h"
#include "ThVisitor.h"

namespace tcc::parse {

class ASTBuilder : public grammar::ThVisitor {
  using P = grammar::ThParser;

public:
  explicit ASTBuilder(const SourceText &source) : source(source) {}

  /// Builds the module; throws SyntaxError.
  std::unique_ptr<ast::Module> build(P::ProgramContext *program,
                                     llvm::StringRef filename);

  // Statements.
  antlrcpp::Any visitProgram(P::ProgramContext *ctx) override;
  antlrcpp::Any visitStmt(P::StmtContext *ctx) override;
  antlrcpp::Any visitSimpleStmts(P::SimpleStmtsContext *ctx) override;
  antlrcpp::Any visitExprStmt(P::ExprStmtContext *ctx) override;
  antlrcpp::Any visitDelStmt(P::DelStmtContext *ctx) override;
  antlrcpp::Any visitPassStmt(P::PassStmtContext *ctx) override;
  antlrcpp::Any visitBreakStmt(P::BreakStmtContext *ctx) override;
  antlrcpp::Any visitContinueStmt(P::ContinueStmtContext *ctx) override;
  antlrcpp::Any visitReturnStmt(P::ReturnStmtContext *ctx) override;
  antlrcpp::Any visitImportStmt(P::ImportStmtContext *ctx) override;
  antlrcpp::Any visitImportFromStmt(P::ImportFromStmtContext *ctx) override;
  antlrcpp::Any visitGlobalStmt(P::GlobalStmtContext *ctx) override;
  antlrcpp::Any visitAssertStmt(P::AssertStmtContext *ctx) override;
  antlrcpp::Any visitRaiseStmt(P::RaiseStmtContext *ctx) override;
  antlrcpp::Any visitIfStmt(P::IfStmtContext *ctx) override;
  antlrcpp::Any visitWhileStmt(P::WhileStmtContext *ctx) override;
  antlrcpp::Any visitForStmt(P::ForStmtContext *ctx) override;
  antlrcpp::Any visitFuncDefStmt(P::FuncDefStmtContext *ctx) override;
  antlrcpp::Any visitClassDefStmt(P::ClassDefStmtContext *ctx) override;
  antlrcpp::Any visitDecoratedStmt(P::DecoratedStmtContext *ctx) override;
  antlrcpp::Any visitFuncDef(P::FuncDefContext *ctx) override;
  antlrcpp::Any visitClassDef(P::ClassDefContext *ctx) override;

  // Expressions.
  antlrcpp::Any visitTestList(P::TestListContext *ctx) override;
  antlrcpp::Any visitExprList(P::ExprListContext *ctx) override;
  antlrcpp::Any visitExprTest(P::ExprTestContext *ctx) override;
  antlrcpp::Any visitCompareTest(P::CompareTestContext *ctx) override;
  antlrcpp::Any visitNotTest(P::NotTestContext *ctx) override;
  antlrcpp::Any visitAndTest(P::AndTestContext *ctx) override;
  antlrcpp::Any visitOrTest(P::OrTestContext *ctx) override;
  antlrcpp::Any visitCondTest(P::CondTestContext *ctx) override;
  antlrcpp::Any visitLambdaTest(P::LambdaTestContext *ctx) override;
  antlrcpp::Any visitAtomExpr(P::AtomExprContext *ctx) override;
  antlrcpp::Any visitAttributeExpr(P::AttributeExprContext *ctx) override;
  antlrcpp::Any visitCallExpr(P::CallExprContext *ctx) override;
  antlrcpp::Any visitSubscriptExpr(P::SubscriptExprContext *ctx) override;
  antlrcpp::Any visitPowerExpr(P::PowerExprContext *ctx) override;
  antlrcpp::Any visitUnaryExpr(P::UnaryExprContext *ctx) override;
  antlrcpp::Any visitMulExpr(P::MulExprContext *ctx) override;
  antlrcpp::Any visitAddExpr(P::AddExprContext *ctx) override;
  antlrcpp::Any visitShiftExpr(P::ShiftExprContext *ctx) override;
  antlrcpp::Any visitBitAndExpr(P::BitAndExprContext *ctx) override;
  antlrcpp::Any visitBitXorExpr(P::BitXorExprContext *ctx) override;
  antlrcpp::Any visitBitOrExpr(P::BitOrExprContext *ctx) override;
  antlrcpp::Any visitParenAtom(P::ParenAtomContext *ctx) override;
  antlrcpp::Any visitListAtom(P::ListAtomContext *ctx) override;
  antlrcpp::Any visitDictAtom(P::DictAtomContext *ctx) override;
  antlrcpp::Any visitNameAtom(P::NameAtomContext *ctx) override;
  antlrcpp::Any visitIntAtom(P::IntAtomContext *ctx) override;
  antlrcpp::Any visitFloatAtom(P::FloatAtomContext *ctx) override;
  antlrcpp::Any visitStringAtom(P::StringAtomContext *ctx) override;
  antlrcpp::Any visitNoneAtom(P::NoneAtomContext *ctx) override;
  antlrcpp::Any visitTrueAtom(P::TrueAtomContext *ctx) override;
  antlrcpp::Any visitFalseAtom(P::FalseAtomContext *ctx) override;
  antlrcpp::Any visitSubscriptList(P::SubscriptListContext *ctx) override;
  antlrcpp::Any visitIndexSubscript(P::IndexSubscriptContext *ctx) override;
  antlrcpp::Any visitSliceSubscript(P::SliceSubscriptContext *ctx) override;

  // Parts of a larger form, read by its visitor through the helpers below;
  // the visitor never dispatches to them.
  antlrcpp::Any visitAssignTail(P::AssignTailContext *) override;
  antlrcpp::Any visitAugAssignOp(P::AugAssignOpContext *) override;
  antlrcpp::Any visitImportAsNames(P::ImportAsNamesContext *) override;
  antlrcpp::Any visitImportAsName(P::ImportAsNameContext *) override;
  antlrcpp::Any visitDottedAsName(P::DottedAsNameContext *) override;
  antlrcpp::Any visitDottedName(P::DottedNameContext *) override;
  antlrcpp::Any visitElifClause(P::ElifClauseContext *) override;
  antlrcpp::Any visitElseClause(P::ElseClauseContext *) override;
  antlrcpp::Any visitDecorator(P::DecoratorContext *) override;
  antlrcpp::Any visitBlock(P::BlockContext *) override;
  antlrcpp::Any visitParameters(P::ParametersContext *) override;
  antlrcpp::Any visitPlainParam(P::PlainParamContext *) override;
  antlrcpp::Any visitVarArgsParam(P::VarArgsParamContext *) override;
  antlrcpp::Any visitKwArgsParam(P::KwArgsParamContext *) override;
  antlrcpp::Any visitCompOp(P::CompOpContext *) override;
  antlrcpp::Any visitTestListComp(P::TestListCompContext *) override;
  antlrcpp::Any visitDictOrSetMaker(P::DictOrSetMakerContext *) override;
  antlrcpp::Any visitDictEntry(P::DictEntryContext *) override;
  antlrcpp::Any visitCompFor(P::CompForContext *) override;
  antlrcpp::Any visitCompIter(P::CompIterContext *) override;
  antlrcpp::Any visitCompIf(P::CompIfContext *) override;
  antlrcpp::Any visitArglist(P::ArglistContext *) override;
  antlrcpp::Any visitKeywordArg(P::KeywordArgContext *) override;
  antlrcpp::Any visitStarArg(P::StarArgContext *) override;
  antlrcpp::Any visitDoubleStarArg(P::DoubleStarArgContext *) override;
  antlrcpp::Any visitPositionalArg(P::PositionalArgContext *) override;
  antlrcpp::Any visitSliceTail(P::SliceTailContext *) override;

private:
  ast::SourceLoc loc(const antlr4::Token *token) const;
  ast::SourceLoc loc(antlr4::ParserRuleContext *ctx) const {
    return loc(ctx->getStart());
  }
  [[noreturn]] void error(ast::SourceLoc loc, std::string message) const;

  ast::ExprPtr expr(antlr4::tree::ParseTree *ctx);
  ast::ExprPtr optExpr(antlr4::tree::ParseTree *ctx) {
    return ctx ? expr(ctx) : nullptr;
  }
  /// `a` or the tuple `a, b` / `a,`, for comma-separated lists.
  template <typename Ctx>
  ast::ExprPtr exprOrTuple(const std::vector<Ctx *> &items, size_t commas,
                           ast::SourceLoc tupleLoc);
  ast::StmtList block(P::BlockContext *ctx, bool loopBody = false);
  void append(ast::StmtPtr stmt) { body->push_back(std::move(stmt)); }

  std::vector<ast::Param> params(P::ParametersContext *ctx);
  void callArgs(P::ArglistContext *ctx, ast::ExprList &args,
                std::vector<ast::Keyword> &keywords);
  std::vector<ast::Comprehension> comprehension(P::CompForContext *ctx);
  ast::ExprPtr sliceOrIndex(ast::SourceLoc loc, P::TestContext *lower,
                            P::SliceTailContext *tail);
  std::string dotted(P::DottedNameContext *ctx) const;
  ast::ExprPtr binOp(antlr4::Token *op, P::ExprContext *lhs,
                     P::ExprContext *rhs);
  template <typename Ctx> ast::ExprPtr boolOp(Ctx *ctx, ast::BoolOpKind kind);

  /// Rejects what cannot be assigned to (`verb` is "assign to" / "delete").
  void checkTarget(const ast::Expr &target, llvm::StringRef verb) const;
  void checkAugTarget(const ast::Expr &target) const;
  void checkOperand(P::TestContext *ctx, bool allowNot = true,
                    bool allowConditional = true) const;

  static constexpr unsigned kMaxExprDepth = 2000;

  const SourceText &source;
  unsigned exprDepth = 0;
  ast::ExprPtr result;
  ast::StmtList *body = nullptr;
  ast::ExprList pendingDecorators;
  struct Scope {
    bool function;
    unsigned loops;
  };
  std::vector<Scope> scopes{{false, 0}};
};

} // namespace tcc::parse

#endif // TCC_PARSE_ASTBUILDER_H
