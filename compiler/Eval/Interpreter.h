//===- Interpreter.h - Compile-time evaluation of a .th program -*- C++ -*-===//
//
// Runs the program the way Python runs a Theano script's graph-building
// part. Symbolic operations add th ops to one global graph; each
// theano.function becomes a th.func holding its own copy of the part of the
// graph its outputs and updates need (FunctionBuilder.cpp).
//
// Errors in the user's program are thrown as EvalError inside this library
// (built with exceptions) and turned into one located diagnostic by run():
// no exception ever crosses an MLIR frame.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_EVAL_INTERPRETER_H
#define TCC_EVAL_INTERPRETER_H

#include "Eval/Object.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"

#include <string>
#include <vector>

namespace tcc::eval {

/// One frame of the Python call chain, for diagnostics ("in layer(), called
/// from line 40").
struct CallFrame {
  std::string function;
  mlir::Location callSite;
};

/// A user-program error: where, what, and the call chain at that point.
struct EvalError {
  mlir::Location loc;
  std::string message;
  std::vector<CallFrame> stack;
  std::vector<std::pair<mlir::Location, std::string>> notes;
};

struct EvalOptions {
  numpy::DType floatX = numpy::DType::Float64;
  /// A while loop that runs longer is an error: loops over data belong in
  /// the host program (the fuzzer sets it low, to reach the rest quickly).
  uint64_t maxWhileIterations = 10000000;
};

class TensorBuilder;

/// Python's `random.seed(a)` for an int: MT19937's init_by_array with the
/// 32-bit words of |a|, least significant first.
numpy::RandomState pythonRandomSeeded(int64_t a);

class Interpreter {
public:
  Interpreter(mlir::MLIRContext &context, llvm::StringRef filename,
              EvalOptions options);
  ~Interpreter();

  /// Runs the whole program, then builds the th module: shared variables and
  /// one th.func per theano.function. On a user error, reports it and fails.
  mlir::FailureOr<mlir::OwningOpRef<mlir::ModuleOp>>
  run(const ast::Module &module);

  /// After run(): builds a function named `name` that evaluates the global
  /// variable `name` from the symbolic inputs it depends on (Theano's
  /// `var.eval({...})`), and adds it to `module`. Fails with a diagnostic if
  /// `name` is not a symbolic variable of the program.
  mlir::LogicalResult addEvalFunction(mlir::ModuleOp module,
                                      llvm::StringRef name);

  //===--------------------------------------------------------------------===//
  // Services for builtins
  //===--------------------------------------------------------------------===//

  [[noreturn]] void error(mlir::Location loc, const llvm::Twine &message);
  [[noreturn]] void error(mlir::Location loc, const llvm::Twine &message,
                          mlir::Location noteLoc, const llvm::Twine &note);
  mlir::MLIRContext &getContext() { return context; }
  TensorBuilder &tensors() { return *tensorBuilder; }
  numpy::DType getFloatX() const { return floatX; }
  void setFloatX(numpy::DType dtype) { floatX = dtype; }
  /// The file location of `loc` wrapped in the current call chain.
  mlir::Location location(ast::SourceLoc loc);
  mlir::Location fileLocation(ast::SourceLoc loc);

  ObjectPtr call(const ObjectPtr &callee, CallArgs &args);
  ObjectPtr getAttribute(const ObjectPtr &object, llvm::StringRef name,
                         mlir::Location loc);
  /// Registers a theano.function for th.func generation at the end.
  void addFunction(std::shared_ptr<TheanoFunctionObject> fn) {
    functions.push_back(std::move(fn));
  }
  numpy::RandomState &globalRandomState() { return globalRandom; }
  /// Python's `random` module's generator (PythonRandom.cpp).
  numpy::RandomState &pythonRandomState() { return pythonRandom; }
  /// Names a symbolic variable after the Python variable it is assigned to,
  /// unless it already has a name (Theano's name or an earlier assignment).
  void nameAfterVariable(const ObjectPtr &value, llvm::StringRef name);

  static ObjectPtr none();
  static ObjectPtr boolean(bool v);
  static ObjectPtr integer(int64_t v);
  static ObjectPtr floating(double v);
  static ObjectPtr string(std::string v);

private:
  friend class StatementRunner;
  void execBlock(const ast::StmtList &body, const ScopePtr &scope);
  void exec(const ast::Stmt &stmt, const ScopePtr &scope);
  /// Runs one iteration of a loop body; true when it executed `break`.
  bool runLoopBody(const ast::StmtList &body, const ScopePtr &scope);
  ObjectPtr eval(const ast::Expr &expr, const ScopePtr &scope);
  void assign(const ast::Expr &target, const ObjectPtr &value,
              const ScopePtr &scope);
  ObjectPtr lookup(const ast::NameExpr &name, const ScopePtr &scope);
  ObjectPtr evalCall(const ast::CallExpr &call, const ScopePtr &scope);
  ObjectPtr evalBinary(ast::BinOpKind op, const ObjectPtr &lhs,
                       const ObjectPtr &rhs, mlir::Location loc);
  ObjectPtr evalCompare(const ast::CompareExpr &cmp, const ScopePtr &scope);
  ObjectPtr evalSubscript(const ObjectPtr &value, const ObjectPtr &index,
                          mlir::Location loc);
  ObjectPtr callUserFunction(const std::shared_ptr<FunctionObject> &fn,
                             CallArgs &args, const ObjectPtr &self);
  ObjectPtr instantiate(const std::shared_ptr<ClassObject> &cls,
                        CallArgs &args);
  void importModule(const ast::ImportStmt &stmt, const ScopePtr &scope);
  void importFrom(const ast::ImportFromStmt &stmt, const ScopePtr &scope);
  void reportError(const EvalError &error);
  mlir::LogicalResult buildFunctions(mlir::ModuleOp module);

  /// A new scope, emptied when the interpreter ends (~Interpreter).
  ScopePtr newScope(ScopePtr parent);

  mlir::MLIRContext &context;
  std::string filename;
  numpy::DType floatX;
  uint64_t maxWhileIterations;
  std::unique_ptr<TensorBuilder> tensorBuilder;
  /// Every scope created, so that ~Interpreter can break the cycles.
  std::vector<std::weak_ptr<Scope>> scopes;
  ScopePtr globals;
  std::vector<CallFrame> callStack;
  std::vector<std::shared_ptr<TheanoFunctionObject>> functions;
  numpy::RandomState globalRandom;
  numpy::RandomState pythonRandom = pythonRandomSeeded(0);
  unsigned depth = 0;
};

/// Python truthiness; symbolic tensors have none (an error, as in Theano).
bool truthy(Interpreter &interp, const ObjectPtr &value, mlir::Location loc);
/// Python's repr, used by print() and diagnostics.
std::string repr(const ObjectPtr &value);
/// The Python type name ("int", "list", "TensorVariable") for messages.
std::string typeName(const ObjectPtr &value);
/// Python's == on compile-time values (identity for graph objects).
bool pyEquals(const ObjectPtr &a, const ObjectPtr &b);

} // namespace tcc::eval

#endif // TCC_EVAL_INTERPRETER_H
