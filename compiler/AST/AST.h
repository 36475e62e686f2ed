//===- AST.h - Syntax tree of a .th program ---------------------*- C++ -*-===//
//
// The syntax tree produced from the ANTLR parse tree. It is independent of
// ANTLR (so the evaluator never sees a parse tree or an exception) and of MLIR.
// Nodes use LLVM-style RTTI (`llvm::isa/dyn_cast`) through a Kind enum.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_AST_AST_H
#define TCC_AST_AST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tcc::ast {

/// A position in the source: 1-based line and column (MLIR's convention).
struct SourceLoc {
  uint32_t line = 0;
  uint32_t col = 0;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

class Expr {
public:
  enum class Kind {
    Name,
    Int,
    Float,
    Str,
    Bool,
    None,
    Attribute, // value.attr
    Subscript, // value[index]
    Slice,     // lower:upper:step (only inside a Subscript index)
    Call,
    BinOp,
    UnaryOp,
    Compare, // a < b <= c, a is b, a in b ...
    BoolOp,  // and / or
    IfExp,   // body if test else orelse
    Lambda,
    List,
    Tuple,
    Dict,
    ListComp,
    Starred, // *x in a call argument
  };

  Expr(Kind kind, SourceLoc loc) : kind(kind), loc(loc) {}
  virtual ~Expr() = default;
  Kind getKind() const { return kind; }
  SourceLoc getLoc() const { return loc; }

private:
  Kind kind;
  SourceLoc loc;
};

using ExprPtr = std::unique_ptr<Expr>;
using ExprList = std::vector<ExprPtr>;

template <Expr::Kind K> class ExprBase : public Expr {
public:
  explicit ExprBase(SourceLoc loc) : Expr(K, loc) {}
  static bool classof(const Expr *e) { return e->getKind() == K; }
};

class NameExpr : public ExprBase<Expr::Kind::Name> {
public:
  NameExpr(SourceLoc loc, std::string id) : ExprBase(loc), id(std::move(id)) {}
  std::string id;
};

/// Integer literal. Python integers are unbounded; literals that do not fit in
/// int64 are rejected by the parser with a diagnostic.
class IntExpr : public ExprBase<Expr::Kind::Int> {
public:
  IntExpr(SourceLoc loc, int64_t value) : ExprBase(loc), value(value) {}
  int64_t value;
};

class FloatExpr : public ExprBase<Expr::Kind::Float> {
public:
  FloatExpr(SourceLoc loc, double value) : ExprBase(loc), value(value) {}
  double value;
};

/// String literal with escapes already processed; adjacent literals are
/// concatenated by the parser ('a' 'b' == 'ab').
class StrExpr : public ExprBase<Expr::Kind::Str> {
public:
  StrExpr(SourceLoc loc, std::string value)
      : ExprBase(loc), value(std::move(value)) {}
  std::string value;
};

class BoolExpr : public ExprBase<Expr::Kind::Bool> {
public:
  BoolExpr(SourceLoc loc, bool value) : ExprBase(loc), value(value) {}
  bool value;
};

class NoneExpr : public ExprBase<Expr::Kind::None> {
public:
  explicit NoneExpr(SourceLoc loc) : ExprBase(loc) {}
};

class AttributeExpr : public ExprBase<Expr::Kind::Attribute> {
public:
  AttributeExpr(SourceLoc loc, ExprPtr value, std::string attr)
      : ExprBase(loc), value(std::move(value)), attr(std::move(attr)) {}
  ExprPtr value;
  std::string attr;
};

/// `value[index]`. `x[1:, ::2]` has a TupleExpr of SliceExprs as index;
/// `x[0]` has the IntExpr itself.
class SubscriptExpr : public ExprBase<Expr::Kind::Subscript> {
public:
  SubscriptExpr(SourceLoc loc, ExprPtr value, ExprPtr index)
      : ExprBase(loc), value(std::move(value)), index(std::move(index)) {}
  ExprPtr value;
  ExprPtr index;
};

/// `lower:upper:step`; absent parts are null.
class SliceExpr : public ExprBase<Expr::Kind::Slice> {
public:
  SliceExpr(SourceLoc loc, ExprPtr lower, ExprPtr upper, ExprPtr step)
      : ExprBase(loc), lower(std::move(lower)), upper(std::move(upper)),
        step(std::move(step)) {}
  ExprPtr lower, upper, step;
};

struct Keyword {
  SourceLoc loc;
  std::string name; // empty for `**kwargs`
  ExprPtr value;
};

class CallExpr : public ExprBase<Expr::Kind::Call> {
public:
  CallExpr(SourceLoc loc, ExprPtr func, ExprList args,
           std::vector<Keyword> keywords)
      : ExprBase(loc), func(std::move(func)), args(std::move(args)),
        keywords(std::move(keywords)) {}
  ExprPtr func;
  ExprList args; // may contain StarredExpr for `*args`
  std::vector<Keyword> keywords;
};

enum class BinOpKind {
  Add,
  Sub,
  Mul,
  Div,
  FloorDiv,
  Mod,
  Pow,
  MatMul,
  BitAnd,
  BitOr,
  BitXor,
  LShift,
  RShift
};

class BinOpExpr : public ExprBase<Expr::Kind::BinOp> {
public:
  BinOpExpr(SourceLoc loc, BinOpKind op, ExprPtr lhs, ExprPtr rhs)
      : ExprBase(loc), op(op), lhs(std::move(lhs)), rhs(std::move(rhs)) {}
  BinOpKind op;
  ExprPtr lhs, rhs;
};

enum class UnaryOpKind { Neg, Pos, Invert, Not };

class UnaryOpExpr : public ExprBase<Expr::Kind::UnaryOp> {
public:
  UnaryOpExpr(SourceLoc loc, UnaryOpKind op, ExprPtr operand)
      : ExprBase(loc), op(op), operand(std::move(operand)) {}
  UnaryOpKind op;
  ExprPtr operand;
};

enum class CmpOpKind { Lt, Le, Gt, Ge, Eq, Ne, Is, IsNot, In, NotIn };

/// `left op0 c0 op1 c1 ...` (Python's chained comparison). `opLocs[i]` is the
/// location of operator i, used to point at `==` on symbolic tensors.
class CompareExpr : public ExprBase<Expr::Kind::Compare> {
public:
  CompareExpr(SourceLoc loc, ExprPtr left, std::vector<CmpOpKind> ops,
              std::vector<SourceLoc> opLocs, ExprList comparators)
      : ExprBase(loc), left(std::move(left)), ops(std::move(ops)),
        opLocs(std::move(opLocs)), comparators(std::move(comparators)) {}
  ExprPtr left;
  std::vector<CmpOpKind> ops;
  std::vector<SourceLoc> opLocs;
  ExprList comparators;
};

enum class BoolOpKind { And, Or };

class BoolOpExpr : public ExprBase<Expr::Kind::BoolOp> {
public:
  BoolOpExpr(SourceLoc loc, BoolOpKind op, ExprList values)
      : ExprBase(loc), op(op), values(std::move(values)) {}
  BoolOpKind op;
  ExprList values; // at least two
};

class IfExpExpr : public ExprBase<Expr::Kind::IfExp> {
public:
  IfExpExpr(SourceLoc loc, ExprPtr test, ExprPtr body, ExprPtr orelse)
      : ExprBase(loc), test(std::move(test)), body(std::move(body)),
        orelse(std::move(orelse)) {}
  ExprPtr test, body, orelse;
};

/// A parameter of a `def` or `lambda`.
struct Param {
  SourceLoc loc;
  std::string name;
  ExprPtr defaultValue; // null when none
  enum class Kind { Normal, VarArgs, KwArgs } kind = Kind::Normal;
};

class LambdaExpr : public ExprBase<Expr::Kind::Lambda> {
public:
  LambdaExpr(SourceLoc loc, std::vector<Param> params, ExprPtr body)
      : ExprBase(loc), params(std::move(params)), body(std::move(body)) {}
  std::vector<Param> params;
  ExprPtr body;
};

class ListExpr : public ExprBase<Expr::Kind::List> {
public:
  ListExpr(SourceLoc loc, ExprList elts) : ExprBase(loc), elts(std::move(elts)) {}
  ExprList elts;
};

class TupleExpr : public ExprBase<Expr::Kind::Tuple> {
public:
  TupleExpr(SourceLoc loc, ExprList elts)
      : ExprBase(loc), elts(std::move(elts)) {}
  ExprList elts;
};

class DictExpr : public ExprBase<Expr::Kind::Dict> {
public:
  DictExpr(SourceLoc loc, ExprList keys, ExprList values)
      : ExprBase(loc), keys(std::move(keys)), values(std::move(values)) {}
  ExprList keys, values;
};

/// `for target in iter if cond ...` inside a comprehension.
struct Comprehension {
  ExprPtr target;
  ExprPtr iter;
  ExprList ifs;
};

/// List comprehensions and generator expressions (evaluated eagerly to a
/// list; `sum(x for x in xs)` works the same).
class ListCompExpr : public ExprBase<Expr::Kind::ListComp> {
public:
  ListCompExpr(SourceLoc loc, ExprPtr elt, std::vector<Comprehension> gens)
      : ExprBase(loc), elt(std::move(elt)), generators(std::move(gens)) {}
  ExprPtr elt;
  std::vector<Comprehension> generators;
};

class StarredExpr : public ExprBase<Expr::Kind::Starred> {
public:
  StarredExpr(SourceLoc loc, ExprPtr value)
      : ExprBase(loc), value(std::move(value)) {}
  ExprPtr value;
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

class Stmt {
public:
  enum class Kind {
    Expr,
    Assign,
    AugAssign,
    FunctionDef,
    ClassDef,
    Return,
    If,
    For,
    While,
    Break,
    Continue,
    Pass,
    Import,
    ImportFrom,
    Assert,
    Raise,
    Global,
    Del,
  };
  Stmt(Kind kind, SourceLoc loc) : kind(kind), loc(loc) {}
  virtual ~Stmt() = default;
  Kind getKind() const { return kind; }
  SourceLoc getLoc() const { return loc; }

private:
  Kind kind;
  SourceLoc loc;
};

using StmtPtr = std::unique_ptr<Stmt>;
using StmtList = std::vector<StmtPtr>;

template <Stmt::Kind K> class StmtBase : public Stmt {
public:
  explicit StmtBase(SourceLoc loc) : Stmt(K, loc) {}
  static bool classof(const Stmt *s) { return s->getKind() == K; }
};

class ExprStmt : public StmtBase<Stmt::Kind::Expr> {
public:
  ExprStmt(SourceLoc loc, ExprPtr value) : StmtBase(loc), value(std::move(value)) {}
  ExprPtr value;
};

/// `t0 = t1 = value`. Targets are Name, Tuple/List of targets, Attribute or
/// Subscript expressions.
class AssignStmt : public StmtBase<Stmt::Kind::Assign> {
public:
  AssignStmt(SourceLoc loc, ExprList targets, ExprPtr value)
      : StmtBase(loc), targets(std::move(targets)), value(std::move(value)) {}
  ExprList targets;
  ExprPtr value;
};

class AugAssignStmt : public StmtBase<Stmt::Kind::AugAssign> {
public:
  AugAssignStmt(SourceLoc loc, ExprPtr target, BinOpKind op, ExprPtr value)
      : StmtBase(loc), target(std::move(target)), op(op),
        value(std::move(value)) {}
  ExprPtr target;
  BinOpKind op;
  ExprPtr value;
};

class FunctionDefStmt : public StmtBase<Stmt::Kind::FunctionDef> {
public:
  FunctionDefStmt(SourceLoc loc, std::string name, std::vector<Param> params,
                  StmtList body)
      : StmtBase(loc), name(std::move(name)), params(std::move(params)),
        body(std::move(body)) {}
  std::string name;
  std::vector<Param> params;
  StmtList body;
  ExprList decorators;
};

class ClassDefStmt : public StmtBase<Stmt::Kind::ClassDef> {
public:
  ClassDefStmt(SourceLoc loc, std::string name, ExprList bases, StmtList body)
      : StmtBase(loc), name(std::move(name)), bases(std::move(bases)),
        body(std::move(body)) {}
  std::string name;
  ExprList bases;
  StmtList body;
};

class ReturnStmt : public StmtBase<Stmt::Kind::Return> {
public:
  ReturnStmt(SourceLoc loc, ExprPtr value)
      : StmtBase(loc), value(std::move(value)) {}
  ExprPtr value; // null for a bare `return`
};

/// `if`/`elif`/`else`: an `elif` is an IfStmt alone in `orelse`.
class IfStmt : public StmtBase<Stmt::Kind::If> {
public:
  IfStmt(SourceLoc loc, ExprPtr test, StmtList body, StmtList orelse)
      : StmtBase(loc), test(std::move(test)), body(std::move(body)),
        orelse(std::move(orelse)) {}
  ExprPtr test;
  StmtList body, orelse;
};

class ForStmt : public StmtBase<Stmt::Kind::For> {
public:
  ForStmt(SourceLoc loc, ExprPtr target, ExprPtr iter, StmtList body,
          StmtList orelse)
      : StmtBase(loc), target(std::move(target)), iter(std::move(iter)),
        body(std::move(body)), orelse(std::move(orelse)) {}
  ExprPtr target, iter;
  StmtList body, orelse;
};

class WhileStmt : public StmtBase<Stmt::Kind::While> {
public:
  WhileStmt(SourceLoc loc, ExprPtr test, StmtList body, StmtList orelse)
      : StmtBase(loc), test(std::move(test)), body(std::move(body)),
        orelse(std::move(orelse)) {}
  ExprPtr test;
  StmtList body, orelse;
};

class BreakStmt : public StmtBase<Stmt::Kind::Break> {
public:
  using StmtBase::StmtBase;
};
class ContinueStmt : public StmtBase<Stmt::Kind::Continue> {
public:
  using StmtBase::StmtBase;
};
class PassStmt : public StmtBase<Stmt::Kind::Pass> {
public:
  using StmtBase::StmtBase;
};

/// One imported name: `theano.tensor as T` has dotted = "theano.tensor",
/// asname = "T".
struct Alias {
  SourceLoc loc;
  std::string dotted;
  std::string asname; // empty when absent
};

class ImportStmt : public StmtBase<Stmt::Kind::Import> {
public:
  ImportStmt(SourceLoc loc, std::vector<Alias> names)
      : StmtBase(loc), names(std::move(names)) {}
  std::vector<Alias> names;
};

/// `from module import a as b, c`; `from m import *` has one Alias "*".
class ImportFromStmt : public StmtBase<Stmt::Kind::ImportFrom> {
public:
  ImportFromStmt(SourceLoc loc, std::string module, std::vector<Alias> names)
      : StmtBase(loc), module(std::move(module)), names(std::move(names)) {}
  std::string module;
  std::vector<Alias> names;
};

class AssertStmt : public StmtBase<Stmt::Kind::Assert> {
public:
  AssertStmt(SourceLoc loc, ExprPtr test, ExprPtr msg)
      : StmtBase(loc), test(std::move(test)), msg(std::move(msg)) {}
  ExprPtr test, msg; // msg may be null
};

/// `raise E(message)`: at compile time, an error that stops the program.
class RaiseStmt : public StmtBase<Stmt::Kind::Raise> {
public:
  RaiseStmt(SourceLoc loc, ExprPtr exc) : StmtBase(loc), exc(std::move(exc)) {}
  ExprPtr exc; // may be null (a bare `raise`)
};

class GlobalStmt : public StmtBase<Stmt::Kind::Global> {
public:
  GlobalStmt(SourceLoc loc, std::vector<std::string> names)
      : StmtBase(loc), names(std::move(names)) {}
  std::vector<std::string> names;
};

class DelStmt : public StmtBase<Stmt::Kind::Del> {
public:
  DelStmt(SourceLoc loc, ExprList targets)
      : StmtBase(loc), targets(std::move(targets)) {}
  ExprList targets;
};

/// A whole .th file.
struct Module {
  std::string filename;
  StmtList body;
};

/// Prints the tree as indented S-expressions with line:col (`--emit=ast`).
void dump(const Module &module, llvm::raw_ostream &os);

} // namespace tcc::ast

#endif // TCC_AST_AST_H
