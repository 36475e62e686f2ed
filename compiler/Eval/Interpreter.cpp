//===- Interpreter.cpp - Statements and expressions -----------------------===//

#include "Eval/Interpreter.h"

#include "Eval/ArrayAttr.h"
#include "Eval/Builtins.h"
#include "Eval/TensorBuilder.h"
#include "Th/IR/ThOps.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

namespace {
/// Control flow out of a block: `return`, `break`, `continue`.
struct ReturnSignal {
  ObjectPtr value;
};
struct BreakSignal {};
struct ContinueSignal {};
} // namespace

/// Deep recursion in the user's program (or the compiler) must be an error,
/// not a stack overflow.
static constexpr unsigned kMaxDepth = 200;

Interpreter::Interpreter(MLIRContext &context, llvm::StringRef filename,
                         EvalOptions options)
    : context(context), filename(filename.str()), floatX(options.floatX),
      maxWhileIterations(options.maxWhileIterations),
      tensorBuilder(std::make_unique<TensorBuilder>(*this, context)),
      globals(newScope(nullptr)) {
  registerPythonBuiltins(*this, globals->vars);
}

/// A function and the scope it was defined in refer to each other (the
/// scope holds the function, the function its closure), as in Python, which
/// collects such cycles; emptying every scope at the end frees them.
Interpreter::~Interpreter() {
  for (const std::weak_ptr<Scope> &weak : scopes)
    if (ScopePtr scope = weak.lock())
      scope->vars.clear();
}

ScopePtr Interpreter::newScope(ScopePtr parent) {
  auto scope = std::make_shared<Scope>();
  scope->parent = std::move(parent);
  // Forget the scopes already freed now and then, so a long compile-time
  // loop of calls does not grow the list.
  if (scopes.size() == scopes.capacity())
    llvm::erase_if(scopes, [](const std::weak_ptr<Scope> &weak) {
      return weak.expired();
    });
  scopes.push_back(scope);
  return scope;
}

ObjectPtr Interpreter::none() {
  static ObjectPtr n = std::make_shared<NoneObject>();
  return n;
}
ObjectPtr Interpreter::boolean(bool v) {
  return std::make_shared<BoolObject>(v);
}
ObjectPtr Interpreter::integer(int64_t v) {
  return std::make_shared<IntObject>(v);
}
ObjectPtr Interpreter::floating(double v) {
  return std::make_shared<FloatObject>(v);
}
ObjectPtr Interpreter::string(std::string v) {
  return std::make_shared<StrObject>(std::move(v));
}

//===----------------------------------------------------------------------===//
// Locations and errors
//===----------------------------------------------------------------------===//

Location Interpreter::fileLocation(ast::SourceLoc loc) {
  return FileLineColLoc::get(&context, filename, loc.line, loc.col);
}

Location Interpreter::location(ast::SourceLoc loc) {
  Location result = fileLocation(loc);
  for (auto it = callStack.rbegin(); it != callStack.rend(); ++it)
    result = CallSiteLoc::get(result, it->callSite);
  return result;
}

/// The innermost file location of `loc` (where the expression itself is).
static Location innermost(Location loc) {
  while (auto site = dyn_cast<CallSiteLoc>(loc))
    loc = site.getCallee();
  return loc;
}

void Interpreter::error(Location loc, const llvm::Twine &message) {
  throw EvalError{innermost(loc), message.str(), callStack, {}};
}

void Interpreter::error(Location loc, const llvm::Twine &message,
                        Location noteLoc, const llvm::Twine &note) {
  throw EvalError{innermost(loc), message.str(), callStack,
                  {{noteLoc, note.str()}}};
}

void Interpreter::reportError(const EvalError &err) {
  InFlightDiagnostic diag = mlir::emitError(err.loc) << err.message;
  for (const auto &[loc, note] : err.notes)
    diag.attachNote(loc) << note;
  // The innermost frames say where; a deep recursion needs no 200 notes.
  constexpr size_t kMaxFrames = 8;
  size_t shown = 0;
  for (auto it = err.stack.rbegin(); it != err.stack.rend(); ++it) {
    if (shown++ == kMaxFrames) {
      diag.attachNote(err.stack.front().callSite)
          << "... and " << err.stack.size() - kMaxFrames
          << " more calls, the outermost from here";
      break;
    }
    unsigned line = 0;
    if (auto fl = dyn_cast<FileLineColLoc>(it->callSite))
      line = fl.getLine();
    diag.attachNote(it->callSite)
        << "in " << it->function << "(), called from line " << line;
  }
}

//===----------------------------------------------------------------------===//
// Running a program
//===----------------------------------------------------------------------===//

FailureOr<OwningOpRef<ModuleOp>> Interpreter::run(const ast::Module &module) {
  try {
    try {
      execBlock(module.body, globals);
    } catch (ReturnSignal &) {
      error(fileLocation({1, 1}), "'return' outside function");
    } catch (BreakSignal &) {
      error(fileLocation({1, 1}), "'break' outside loop");
    } catch (ContinueSignal &) {
      error(fileLocation({1, 1}), "'continue' not properly in loop");
    }
    // Unnamed theano.functions take the name of the variable they are bound
    // to, as `train = theano.function(...)` reads.
    for (auto &entry : globals->vars)
      if (auto fn =
              std::dynamic_pointer_cast<TheanoFunctionObject>(entry.second))
        if (fn->name.empty())
          fn->name = entry.first().str();
    OwningOpRef<ModuleOp> out = tensorBuilder->takeOutputModule();
    if (failed(buildFunctions(*out)))
      return failure();
    return out;
  } catch (EvalError &err) {
    reportError(err);
    return failure();
  }
}

void Interpreter::execBlock(const ast::StmtList &body, const ScopePtr &scope) {
  for (const ast::StmtPtr &stmt : body)
    exec(*stmt, scope);
}

void Interpreter::nameAfterVariable(const ObjectPtr &value,
                                    llvm::StringRef name) {
  auto t = std::dynamic_pointer_cast<TensorObject>(value);
  if (!t || !t->name.empty())
    return;
  if (!t->sharedSymbol.empty())
    tensorBuilder->renameShared(t, name);
  t->name = name.str();
  if (auto var = t->value.getDefiningOp<th::VariableOp>())
    var.setName(name);
}

static const ast::Expr &deref(const ast::ExprPtr &e) { return *e; }

void Interpreter::assign(const ast::Expr &target, const ObjectPtr &value,
                         const ScopePtr &scope) {
  Location loc = location(target.getLoc());
  if (auto *name = dyn_cast<ast::NameExpr>(&target)) {
    nameAfterVariable(value, name->id);
    scope->vars[name->id] = value;
    return;
  }
  const ast::ExprList *elts = nullptr;
  if (auto *tuple = dyn_cast<ast::TupleExpr>(&target))
    elts = &tuple->elts;
  else if (auto *list = dyn_cast<ast::ListExpr>(&target))
    elts = &list->elts;
  if (elts) {
    ObjectList items = iterate(*this, value, loc);
    if (items.size() != elts->size())
      error(loc, items.size() < elts->size()
                     ? llvm::formatv("not enough values to unpack (expected "
                                     "{0}, got {1})",
                                     elts->size(), items.size())
                           .str()
                     : llvm::formatv("too many values to unpack (expected {0}, "
                                     "got {1})",
                                     elts->size(), items.size())
                           .str());
    for (size_t i = 0; i < items.size(); ++i)
      assign(deref((*elts)[i]), items[i], scope);
    return;
  }
  if (auto *attr = dyn_cast<ast::AttributeExpr>(&target)) {
    ObjectPtr object = eval(*attr->value, scope);
    setAttribute(*this, object, attr->attr, value, loc);
    return;
  }
  if (auto *sub = dyn_cast<ast::SubscriptExpr>(&target)) {
    ObjectPtr object = eval(*sub->value, scope);
    ObjectPtr index = eval(*sub->index, scope);
    setItem(*this, object, index, value, loc);
    return;
  }
  error(loc, "cannot assign to this expression");
}

bool Interpreter::runLoopBody(const ast::StmtList &body,
                              const ScopePtr &scope) {
  try {
    execBlock(body, scope);
  } catch (BreakSignal &) {
    return true;
  } catch (ContinueSignal &) {
  }
  return false;
}

void Interpreter::exec(const ast::Stmt &stmt, const ScopePtr &scope) {
  Location loc = location(stmt.getLoc());
  switch (stmt.getKind()) {
  case ast::Stmt::Kind::Expr:
    eval(*cast<ast::ExprStmt>(stmt).value, scope);
    return;
  case ast::Stmt::Kind::Assign: {
    auto &s = cast<ast::AssignStmt>(stmt);
    ObjectPtr value = eval(*s.value, scope);
    for (const ast::ExprPtr &target : s.targets)
      assign(*target, value, scope);
    return;
  }
  case ast::Stmt::Kind::AugAssign: {
    auto &s = cast<ast::AugAssignStmt>(stmt);
    ObjectPtr current = eval(*s.target, scope);
    ObjectPtr rhs = eval(*s.value, scope);
    // Lists extend in place, as Python's += does.
    if (auto *list = dyn_cast<ListObject>(current.get());
        list && s.op == ast::BinOpKind::Add) {
      ObjectList more = iterate(*this, rhs, loc);
      list->items.insert(list->items.end(), more.begin(), more.end());
      return;
    }
    assign(*s.target, evalBinary(s.op, current, rhs, loc), scope);
    return;
  }
  case ast::Stmt::Kind::FunctionDef: {
    auto &s = cast<ast::FunctionDefStmt>(stmt);
    auto fn = std::make_shared<FunctionObject>();
    fn->name = s.name;
    fn->params = &s.params;
    fn->body = &s.body;
    fn->closure = scope;
    fn->loc = s.getLoc();
    for (const ast::Param &p : s.params)
      fn->defaults.push_back(p.defaultValue ? eval(*p.defaultValue, scope)
                                            : nullptr);
    ObjectPtr value = fn;
    for (auto it = s.decorators.rbegin(); it != s.decorators.rend(); ++it) {
      CallArgs args{{value}, {}, location((*it)->getLoc())};
      value = call(eval(**it, scope), args);
    }
    scope->vars[s.name] = value;
    return;
  }
  case ast::Stmt::Kind::ClassDef: {
    auto &s = cast<ast::ClassDefStmt>(stmt);
    auto cls = std::make_shared<ClassObject>();
    cls->name = s.name;
    for (const ast::ExprPtr &base : s.bases) {
      ObjectPtr b = eval(*base, scope);
      if (auto bc = std::dynamic_pointer_cast<ClassObject>(b))
        cls->bases.push_back(bc);
      else if (!isBuiltinNamed(b, "object"))
        error(location(base->getLoc()),
              "a base class must be a class or 'object', got " + typeName(b));
    }
    ScopePtr classScope = newScope(scope);
    execBlock(s.body, classScope);
    for (auto &entry : classScope->vars) {
      // Methods close over the enclosing scope, not the class body.
      if (auto *fn = dyn_cast<FunctionObject>(entry.second.get()))
        fn->closure = scope;
      cls->attrs[entry.first()] = entry.second;
    }
    scope->vars[s.name] = cls;
    return;
  }
  case ast::Stmt::Kind::Return: {
    auto &s = cast<ast::ReturnStmt>(stmt);
    if (depth == 0)
      error(loc, "'return' outside function");
    throw ReturnSignal{s.value ? eval(*s.value, scope) : none()};
  }
  case ast::Stmt::Kind::If: {
    auto &s = cast<ast::IfStmt>(stmt);
    if (truthy(*this, eval(*s.test, scope), location(s.test->getLoc())))
      execBlock(s.body, scope);
    else
      execBlock(s.orelse, scope);
    return;
  }
  case ast::Stmt::Kind::For: {
    auto &s = cast<ast::ForStmt>(stmt);
    ObjectList items =
        iterate(*this, eval(*s.iter, scope), location(s.iter->getLoc()));
    bool broke = false;
    for (const ObjectPtr &item : items) {
      assign(*s.target, item, scope);
      if ((broke = runLoopBody(s.body, scope)))
        break;
    }
    if (!broke)
      execBlock(s.orelse, scope);
    return;
  }
  case ast::Stmt::Kind::While: {
    auto &s = cast<ast::WhileStmt>(stmt);
    bool broke = false;
    uint64_t iterations = 0;
    while (truthy(*this, eval(*s.test, scope), location(s.test->getLoc()))) {
      if (++iterations > maxWhileIterations)
        error(loc, "this while loop ran " + llvm::Twine(maxWhileIterations) +
                       " iterations at compile time; loops over data belong "
                       "in the host program");
      if ((broke = runLoopBody(s.body, scope)))
        break;
    }
    if (!broke)
      execBlock(s.orelse, scope);
    return;
  }
  case ast::Stmt::Kind::Break:
    throw BreakSignal{};
  case ast::Stmt::Kind::Continue:
    throw ContinueSignal{};
  case ast::Stmt::Kind::Pass:
    return;
  case ast::Stmt::Kind::Import:
    importModule(cast<ast::ImportStmt>(stmt), scope);
    return;
  case ast::Stmt::Kind::ImportFrom:
    importFrom(cast<ast::ImportFromStmt>(stmt), scope);
    return;
  case ast::Stmt::Kind::Assert: {
    auto &s = cast<ast::AssertStmt>(stmt);
    if (!truthy(*this, eval(*s.test, scope), location(s.test->getLoc()))) {
      std::string message = "assertion failed";
      if (s.msg)
        message += ": " + toStr(eval(*s.msg, scope));
      error(loc, message);
    }
    return;
  }
  case ast::Stmt::Kind::Raise: {
    // Python's exception classes are not objects here: `raise E(msg)` and
    // `raise E` report "E: msg" as a compile-time error, as Python would
    // print it.
    auto &s = cast<ast::RaiseStmt>(stmt);
    if (!s.exc)
      error(loc, "raise: no exception to re-raise");
    auto *call = dyn_cast<ast::CallExpr>(s.exc.get());
    auto *name = dyn_cast<ast::NameExpr>(call ? call->func.get() : s.exc.get());
    if (!name)
      error(loc, "raise: " + toStr(eval(*s.exc, scope)));
    std::string message = name->id;
    if (call && !call->args.empty())
      message += ": " + toStr(eval(*call->args.front(), scope));
    error(loc, message);
  }
  case ast::Stmt::Kind::Global:
    // Module-level assignment from a function is rare in graph-building code;
    // reject it rather than silently binding a local.
    error(loc, "'global' statements are not supported by tcc");
  case ast::Stmt::Kind::Del: {
    for (const ast::ExprPtr &target : cast<ast::DelStmt>(stmt).targets) {
      auto *name = dyn_cast<ast::NameExpr>(target.get());
      if (!name || !scope->vars.erase(name->id))
        error(location(target->getLoc()), "can only delete a local variable");
    }
    return;
  }
  }
}

//===----------------------------------------------------------------------===//
// Imports
//===----------------------------------------------------------------------===//

void Interpreter::importModule(const ast::ImportStmt &stmt,
                               const ScopePtr &scope) {
  for (const ast::Alias &alias : stmt.names) {
    Location loc = location(alias.loc);
    std::string canonical = canonicalModule(alias.dotted);
    if (canonical.empty())
      error(loc, "module '" + alias.dotted +
                     "' is not available in tcc (supported: theano, "
                     "theano.tensor, numpy, random and their submodules)");
    if (!alias.asname.empty()) {
      scope->vars[alias.asname] = std::make_shared<ModuleObject>(canonical);
    } else {
      // `import theano.tensor` binds `theano`.
      std::string top = alias.dotted.substr(0, alias.dotted.find('.'));
      scope->vars[top] =
          std::make_shared<ModuleObject>(canonicalModule(top));
    }
  }
}

void Interpreter::importFrom(const ast::ImportFromStmt &stmt,
                             const ScopePtr &scope) {
  Location loc = location(stmt.getLoc());
  std::string canonical = canonicalModule(stmt.module);
  if (canonical.empty())
    error(loc, "module '" + stmt.module + "' is not available in tcc");
  auto module = std::make_shared<ModuleObject>(canonical);
  for (const ast::Alias &alias : stmt.names) {
    if (alias.dotted == "*")
      error(location(alias.loc), "'from " + stmt.module +
                                     " import *' is not supported; import "
                                     "the names you use");
    ObjectPtr value = getAttribute(module, alias.dotted, location(alias.loc));
    scope->vars[alias.asname.empty() ? alias.dotted : alias.asname] = value;
  }
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

ObjectPtr Interpreter::lookup(const ast::NameExpr &name,
                              const ScopePtr &scope) {
  for (Scope *s = scope.get(); s; s = s->parent.get()) {
    auto it = s->vars.find(name.id);
    if (it != s->vars.end())
      return it->second;
  }
  auto it = globals->vars.find(name.id);
  if (it != globals->vars.end())
    return it->second;
  error(location(name.getLoc()), "name '" + name.id + "' is not defined");
}


ObjectPtr Interpreter::eval(const ast::Expr &expr, const ScopePtr &scope) {
  Location loc = location(expr.getLoc());
  switch (expr.getKind()) {
  case ast::Expr::Kind::Name:
    return lookup(cast<ast::NameExpr>(expr), scope);
  case ast::Expr::Kind::Int:
    return integer(cast<ast::IntExpr>(expr).value);
  case ast::Expr::Kind::Float:
    return floating(cast<ast::FloatExpr>(expr).value);
  case ast::Expr::Kind::Str:
    return string(cast<ast::StrExpr>(expr).value);
  case ast::Expr::Kind::Bool:
    return boolean(cast<ast::BoolExpr>(expr).value);
  case ast::Expr::Kind::None:
    return none();
  case ast::Expr::Kind::Attribute: {
    auto &e = cast<ast::AttributeExpr>(expr);
    return getAttribute(eval(*e.value, scope), e.attr, loc);
  }
  case ast::Expr::Kind::Subscript: {
    auto &e = cast<ast::SubscriptExpr>(expr);
    ObjectPtr value = eval(*e.value, scope);
    return evalSubscript(value, eval(*e.index, scope), loc);
  }
  case ast::Expr::Kind::Slice: {
    auto &e = cast<ast::SliceExpr>(expr);
    auto slice = std::make_shared<SliceObject>();
    slice->lower = e.lower ? eval(*e.lower, scope) : none();
    slice->upper = e.upper ? eval(*e.upper, scope) : none();
    slice->step = e.step ? eval(*e.step, scope) : none();
    return slice;
  }
  case ast::Expr::Kind::Call:
    return evalCall(cast<ast::CallExpr>(expr), scope);
  case ast::Expr::Kind::BinOp: {
    auto &e = cast<ast::BinOpExpr>(expr);
    ObjectPtr lhs = eval(*e.lhs, scope);
    ObjectPtr rhs = eval(*e.rhs, scope);
    return evalBinary(e.op, lhs, rhs, loc);
  }
  case ast::Expr::Kind::UnaryOp: {
    auto &e = cast<ast::UnaryOpExpr>(expr);
    ObjectPtr operand = eval(*e.operand, scope);
    return evalUnary(*this, e.op, operand, loc);
  }
  case ast::Expr::Kind::Compare:
    return evalCompare(cast<ast::CompareExpr>(expr), scope);
  case ast::Expr::Kind::BoolOp: {
    auto &e = cast<ast::BoolOpExpr>(expr);
    ObjectPtr value;
    for (const ast::ExprPtr &operand : e.values) {
      value = eval(*operand, scope);
      bool t = truthy(*this, value, location(operand->getLoc()));
      if ((e.op == ast::BoolOpKind::And) != t)
        return value;
    }
    return value;
  }
  case ast::Expr::Kind::IfExp: {
    auto &e = cast<ast::IfExpExpr>(expr);
    return truthy(*this, eval(*e.test, scope), location(e.test->getLoc()))
               ? eval(*e.body, scope)
               : eval(*e.orelse, scope);
  }
  case ast::Expr::Kind::Lambda: {
    auto &e = cast<ast::LambdaExpr>(expr);
    auto fn = std::make_shared<FunctionObject>();
    fn->name = "<lambda>";
    fn->params = &e.params;
    fn->lambdaBody = e.body.get();
    fn->closure = scope;
    fn->loc = e.getLoc();
    for (const ast::Param &p : e.params)
      fn->defaults.push_back(p.defaultValue ? eval(*p.defaultValue, scope)
                                            : nullptr);
    return fn;
  }
  case ast::Expr::Kind::List: {
    auto list = std::make_shared<ListObject>();
    for (const ast::ExprPtr &e : cast<ast::ListExpr>(expr).elts)
      list->items.push_back(eval(*e, scope));
    return list;
  }
  case ast::Expr::Kind::Tuple: {
    auto tuple = std::make_shared<TupleObject>();
    for (const ast::ExprPtr &e : cast<ast::TupleExpr>(expr).elts)
      tuple->items.push_back(eval(*e, scope));
    return tuple;
  }
  case ast::Expr::Kind::Dict: {
    auto &e = cast<ast::DictExpr>(expr);
    auto dict = std::make_shared<DictObject>();
    for (size_t i = 0; i < e.keys.size(); ++i)
      dictSet(*this, *dict, eval(*e.keys[i], scope),
              eval(*e.values[i], scope), location(e.keys[i]->getLoc()));
    return dict;
  }
  case ast::Expr::Kind::ListComp: {
    auto &e = cast<ast::ListCompExpr>(expr);
    auto result = std::make_shared<ListObject>();
    // Comprehensions have their own scope, as in Python 3.
    ScopePtr inner = newScope(scope);
    std::function<void(size_t)> loop = [&](size_t level) {
      if (level == e.generators.size()) {
        result->items.push_back(eval(*e.elt, inner));
        return;
      }
      const ast::Comprehension &gen = e.generators[level];
      for (const ObjectPtr &item : iterate(*this, eval(*gen.iter, inner),
                                           location(gen.iter->getLoc()))) {
        assign(*gen.target, item, inner);
        bool keep = llvm::all_of(gen.ifs, [&](const ast::ExprPtr &cond) {
          return truthy(*this, eval(*cond, inner), location(cond->getLoc()));
        });
        if (keep)
          loop(level + 1);
      }
    };
    loop(0);
    return result;
  }
  case ast::Expr::Kind::Starred:
    error(loc, "starred expressions are only allowed in call arguments");
  }
  error(loc, "unsupported expression");
}

ObjectPtr Interpreter::evalBinary(ast::BinOpKind op, const ObjectPtr &lhs,
                                  const ObjectPtr &rhs, Location loc) {
  return binaryOperator(*this, op, lhs, rhs, loc);
}

ObjectPtr Interpreter::evalCompare(const ast::CompareExpr &cmp,
                                   const ScopePtr &scope) {
  ObjectPtr left = eval(*cmp.left, scope);
  ObjectPtr result;
  for (size_t i = 0; i < cmp.ops.size(); ++i) {
    ObjectPtr right = eval(*cmp.comparators[i], scope);
    Location opLoc = location(cmp.opLocs.size() > i ? cmp.opLocs[i]
                                                    : cmp.getLoc());
    result = compareOperator(*this, cmp.ops[i], left, right, opLoc);
    // A chain a < b < c is (a < b) and (b < c); on tensors that is not
    // defined in Theano either.
    if (i + 1 < cmp.ops.size()) {
      if (isa<TensorObject>(result.get()))
        error(opLoc, "chained comparisons of symbolic tensors are not "
                     "defined; combine T.lt/T.gt with '&'");
      if (!truthy(*this, result, opLoc))
        return result;
    }
    left = right;
  }
  return result;
}

ObjectPtr Interpreter::evalSubscript(const ObjectPtr &value,
                                     const ObjectPtr &index, Location loc) {
  return getItem(*this, value, index, loc);
}

ObjectPtr Interpreter::evalCall(const ast::CallExpr &callExpr,
                                const ScopePtr &scope) {
  Location loc = location(callExpr.getLoc());
  ObjectPtr callee = eval(*callExpr.func, scope);
  CallArgs args{{}, {}, loc};
  for (const ast::ExprPtr &arg : callExpr.args) {
    if (auto *star = dyn_cast<ast::StarredExpr>(arg.get())) {
      ObjectList items = iterate(*this, eval(*star->value, scope),
                                 location(star->getLoc()));
      args.positional.insert(args.positional.end(), items.begin(),
                             items.end());
      continue;
    }
    args.positional.push_back(eval(*arg, scope));
  }
  for (const ast::Keyword &kw : callExpr.keywords) {
    ObjectPtr value = eval(*kw.value, scope);
    if (kw.name.empty()) { // **kwargs
      auto *dict = dyn_cast<DictObject>(value.get());
      if (!dict)
        error(location(kw.loc), "argument after ** must be a dict, not " +
                                    typeName(value));
      for (auto &[k, v] : dict->items) {
        auto *key = dyn_cast<StrObject>(k.get());
        if (!key)
          error(location(kw.loc), "keywords must be strings");
        args.keywords.emplace_back(key->value, v);
      }
      continue;
    }
    args.keywords.emplace_back(kw.name, value);
  }
  return call(callee, args);
}

ObjectPtr Interpreter::call(const ObjectPtr &callee, CallArgs &args) {
  if (++depth > kMaxDepth) {
    depth = 0;
    error(args.loc, "maximum recursion depth exceeded at compile time");
  }
  struct DepthGuard {
    unsigned &d;
    ~DepthGuard() {
      if (d)
        --d;
    }
  } guard{depth};

  if (auto *b = dyn_cast<BuiltinObject>(callee.get())) {
    if (!b->fn)
      error(args.loc, "'" + b->name + "' is not callable (index it instead)");
    return b->fn(*this, args);
  }
  if (auto fn = std::dynamic_pointer_cast<FunctionObject>(callee))
    return callUserFunction(fn, args, nullptr);
  if (auto *m = dyn_cast<BoundMethodObject>(callee.get())) {
    if (auto fn = std::dynamic_pointer_cast<FunctionObject>(m->function))
      return callUserFunction(fn, args, m->self);
    CallArgs withSelf = args;
    withSelf.positional.insert(withSelf.positional.begin(), m->self);
    return call(m->function, withSelf);
  }
  if (auto cls = std::dynamic_pointer_cast<ClassObject>(callee))
    return instantiate(cls, args);
  if (auto *dtype = dyn_cast<DTypeObject>(callee.get())) {
    // np.float32(0.1): a 0-d array of that dtype (NumPy's scalar types).
    auto v = bindArgs(*this, args, "dtype", {"x?"});
    ObjectPtr value = v[0] ? v[0] : integer(0);
    FailureOr<numpy::NDArray> array =
        objectToArray(*this, value, args.loc, dtype->dtype);
    return std::make_shared<ArrayObject>(*array);
  }
  if (isa<TheanoFunctionObject>(callee.get()))
    error(args.loc, "a theano.function cannot be called at compile time: "
                    "call it from the host program, or use `tcc run`");
  error(args.loc, "'" + typeName(callee) + "' object is not callable");
}

ObjectPtr
Interpreter::callUserFunction(const std::shared_ptr<FunctionObject> &fn,
                              CallArgs &args, const ObjectPtr &self) {
  ScopePtr scope = newScope(fn->closure);
  const std::vector<ast::Param> &params = *fn->params;
  ObjectList positional = args.positional;
  if (self)
    positional.insert(positional.begin(), self);

  std::vector<bool> bound(params.size(), false);
  size_t next = 0;
  auto varargs = std::make_shared<TupleObject>();
  for (const ObjectPtr &arg : positional) {
    while (next < params.size() &&
           params[next].kind != ast::Param::Kind::Normal)
      if (params[next].kind == ast::Param::Kind::VarArgs)
        break;
      else
        ++next;
    if (next < params.size() &&
        params[next].kind == ast::Param::Kind::VarArgs) {
      varargs->items.push_back(arg);
      continue;
    }
    if (next >= params.size())
      error(args.loc, llvm::formatv("{0}() takes {1} positional argument{2} "
                                    "but {3} {4} given",
                                    fn->name, params.size(),
                                    params.size() == 1 ? "" : "s",
                                    positional.size(),
                                    positional.size() == 1 ? "was" : "were"));
    scope->vars[params[next].name] = arg;
    bound[next++] = true;
  }
  auto kwargs = std::make_shared<DictObject>();
  for (auto &[name, value] : args.keywords) {
    auto it = llvm::find_if(params, [&](const ast::Param &p) {
      return p.name == name && p.kind == ast::Param::Kind::Normal;
    });
    if (it == params.end()) {
      bool hasKw = llvm::any_of(params, [](const ast::Param &p) {
        return p.kind == ast::Param::Kind::KwArgs;
      });
      if (!hasKw)
        error(args.loc, fn->name + "() got an unexpected keyword argument '" +
                            name + "'");
      kwargs->items.emplace_back(string(name), value);
      continue;
    }
    size_t i = it - params.begin();
    if (bound[i])
      error(args.loc, fn->name + "() got multiple values for argument '" +
                          name + "'");
    scope->vars[name] = value;
    bound[i] = true;
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].kind == ast::Param::Kind::VarArgs) {
      scope->vars[params[i].name] = varargs;
      continue;
    }
    if (params[i].kind == ast::Param::Kind::KwArgs) {
      scope->vars[params[i].name] = kwargs;
      continue;
    }
    if (bound[i])
      continue;
    if (!fn->defaults[i])
      error(args.loc, fn->name + "() missing required argument '" +
                          params[i].name + "'");
    scope->vars[params[i].name] = fn->defaults[i];
  }

  callStack.push_back({fn->name, innermost(args.loc)});
  struct StackGuard {
    std::vector<CallFrame> &stack;
    ~StackGuard() { stack.pop_back(); }
  } stackGuard{callStack};

  if (fn->lambdaBody)
    return eval(*fn->lambdaBody, scope);
  try {
    execBlock(*fn->body, scope);
  } catch (ReturnSignal &ret) {
    return ret.value;
  }
  return none();
}

ObjectPtr Interpreter::instantiate(const std::shared_ptr<ClassObject> &cls,
                                   CallArgs &args) {
  auto instance = std::make_shared<InstanceObject>();
  instance->cls = cls;
  ObjectPtr init = classAttribute(cls, "__init__");
  if (init) {
    auto fn = std::dynamic_pointer_cast<FunctionObject>(init);
    if (!fn)
      error(args.loc, "__init__ must be a function");
    callUserFunction(fn, args, instance);
  } else if (!args.positional.empty() || !args.keywords.empty()) {
    error(args.loc, cls->name + "() takes no arguments");
  }
  return instance;
}

ObjectPtr Interpreter::getAttribute(const ObjectPtr &object,
                                    llvm::StringRef name, Location loc) {
  return attribute(*this, object, name, loc);
}
