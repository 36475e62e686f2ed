//===- Object.h - Values of the compile-time evaluator ----------*- C++ -*-===//
//
// A .th program runs at compile time the way Python builds a Theano graph.
// These are its values: Python's (numbers, strings, containers, functions,
// classes), compile-time NumPy arrays, and Theano's symbolic tensors, which
// wrap an mlir::Value of the th graph under construction.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_EVAL_OBJECT_H
#define TCC_EVAL_OBJECT_H

#include "AST/AST.h"
#include "NumPy/DType.h"
#include "NumPy/NDArray.h"
#include "NumPy/RandomState.h"

#include "mlir/IR/Location.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/StringMap.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tcc::eval {

class Object;
using ObjectPtr = std::shared_ptr<Object>;
using ObjectList = std::vector<ObjectPtr>;
class Interpreter;

/// Arguments of a call as Python passes them.
struct CallArgs {
  ObjectList positional;
  std::vector<std::pair<std::string, ObjectPtr>> keywords;
  mlir::Location loc;
};

class Object : public std::enable_shared_from_this<Object> {
public:
  enum class Kind {
    None,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Slice,
    Function, // a `def` or `lambda`
    Builtin,  // implemented by the compiler
    Module,   // `theano.tensor`, `numpy` ...
    Tensor,   // a symbolic Theano variable
    Array,    // a compile-time NumPy array
    DType,    // `np.float32`, 'float64' passed as dtype=...
    RandomState,
    RandomStreams, // theano's shared_randomstreams.RandomStreams
    TheanoFunction,
    In, // theano.In / theano.Param
    Class,
    Instance,
    BoundMethod,
  };
  explicit Object(Kind kind) : kind(kind) {}
  virtual ~Object() = default;
  Kind getKind() const { return kind; }

private:
  Kind kind;
};

template <Object::Kind K> class ObjectBase : public Object {
public:
  ObjectBase() : Object(K) {}
  static bool classof(const Object *o) { return o->getKind() == K; }
};

class NoneObject : public ObjectBase<Object::Kind::None> {};

class BoolObject : public ObjectBase<Object::Kind::Bool> {
public:
  explicit BoolObject(bool v) : value(v) {}
  bool value;
};

class IntObject : public ObjectBase<Object::Kind::Int> {
public:
  explicit IntObject(int64_t v) : value(v) {}
  int64_t value;
};

class FloatObject : public ObjectBase<Object::Kind::Float> {
public:
  explicit FloatObject(double v) : value(v) {}
  double value;
};

class StrObject : public ObjectBase<Object::Kind::Str> {
public:
  explicit StrObject(std::string v) : value(std::move(v)) {}
  std::string value;
};

class ListObject : public ObjectBase<Object::Kind::List> {
public:
  explicit ListObject(ObjectList items = {}) : items(std::move(items)) {}
  ObjectList items;
};

class TupleObject : public ObjectBase<Object::Kind::Tuple> {
public:
  explicit TupleObject(ObjectList items = {}) : items(std::move(items)) {}
  ObjectList items;
};

/// Python dicts keep insertion order; keys are compared by identity for
/// tensors and shared variables (Theano's updates dict) and by value for
/// numbers and strings.
class DictObject : public ObjectBase<Object::Kind::Dict> {
public:
  std::vector<std::pair<ObjectPtr, ObjectPtr>> items;
};

class SliceObject : public ObjectBase<Object::Kind::Slice> {
public:
  ObjectPtr lower, upper, step; // NoneObject when absent
};

/// Variables of one function activation or of the module. Closures keep
/// their defining scope alive through `parent`.
struct Scope {
  llvm::StringMap<ObjectPtr> vars;
  std::shared_ptr<Scope> parent; // null for the module scope
};
using ScopePtr = std::shared_ptr<Scope>;

class FunctionObject : public ObjectBase<Object::Kind::Function> {
public:
  std::string name;
  const std::vector<ast::Param> *params = nullptr;
  const ast::StmtList *body = nullptr; // a def
  const ast::Expr *lambdaBody = nullptr; // a lambda
  ObjectList defaults;                  // evaluated at definition time
  ScopePtr closure;
  ast::SourceLoc loc;
};

using BuiltinFn = std::function<ObjectPtr(Interpreter &, CallArgs &)>;

class BuiltinObject : public ObjectBase<Object::Kind::Builtin> {
public:
  BuiltinObject(std::string name, BuiltinFn fn)
      : name(std::move(name)), fn(std::move(fn)) {}
  std::string name; // qualified, e.g. "theano.tensor.exp"
  BuiltinFn fn;     // null for an object that is only subscriptable
  /// obj[index] (Python's __getitem__, e.g. T.mgrid[0:3, 0:4]), called
  /// with the index as the one positional argument; null if not supported.
  BuiltinFn subscript;
};

class ModuleObject : public ObjectBase<Object::Kind::Module> {
public:
  explicit ModuleObject(std::string path) : path(std::move(path)) {}
  std::string path; // "theano.tensor"
};

/// A symbolic tensor: a value of the global th graph. `name` is Theano's
/// `var.name` (the declared name, else the first variable it was assigned to).
class TensorObject : public ObjectBase<Object::Kind::Tensor> {
public:
  explicit TensorObject(mlir::Value value) : value(value) {}
  mlir::Value value;
  std::string name;
  /// Non-empty for a shared variable: its symbol.
  std::string sharedSymbol;
  /// A shared variable's current compile-time value (get_value/set_value).
  std::shared_ptr<numpy::NDArray> sharedValue;
  /// Theano's `var.tag` (where `tag.test_value` goes); made on first use.
  std::shared_ptr<class InstanceObject> tag;
};

class ArrayObject : public ObjectBase<Object::Kind::Array> {
public:
  explicit ArrayObject(numpy::NDArray array) : array(std::move(array)) {}
  numpy::NDArray array;
};

class DTypeObject : public ObjectBase<Object::Kind::DType> {
public:
  explicit DTypeObject(numpy::DType dtype) : dtype(dtype) {}
  numpy::DType dtype;
};

class RandomStateObject : public ObjectBase<Object::Kind::RandomState> {
public:
  numpy::RandomState state;
};

/// Theano's RandomStreams (or MRG_RandomStreams, which tcc draws with the
/// same NumPy streams): each draw gets a shared state seeded from
/// `seeds`, as shared_randomstreams does.
class RandomStreamsObject : public ObjectBase<Object::Kind::RandomStreams> {
public:
  numpy::RandomState seeds;
  /// The states of the draws so far, for seed().
  std::vector<std::shared_ptr<TensorObject>> states;
  /// MRG_RandomStreams: binomial(size, p, n) rather than (size, n, p).
  bool mrg = false;
};

/// theano.In(x, value=...): an input with a default.
class InObject : public ObjectBase<Object::Kind::In> {
public:
  std::shared_ptr<TensorObject> variable;
  ObjectPtr value; // null when no default
};

/// The result of theano.function(...), turned into a th.func when the
/// program ends (so it can take its name from the variable it is bound to).
class TheanoFunctionObject : public ObjectBase<Object::Kind::TheanoFunction> {
public:
  std::string name; // from name=..., else assigned later
  mlir::Location loc;
  std::vector<std::shared_ptr<TensorObject>> inputs;
  std::vector<ObjectPtr> defaults; // per input, null when none
  std::vector<std::shared_ptr<TensorObject>> outputs;
  bool outputIsList = true;
  std::vector<std::pair<std::shared_ptr<TensorObject>,
                        std::shared_ptr<TensorObject>>>
      updates;
  /// theano.function's givens: (variable, the value that replaces it).
  std::vector<std::pair<std::shared_ptr<TensorObject>,
                        std::shared_ptr<TensorObject>>>
      givens;
  bool ignoreUnusedInputs = false;
  /// allow_input_downcast=True: inputs converted even with a loss.
  bool allowInputDowncast = false;
  explicit TheanoFunctionObject(mlir::Location loc) : loc(loc) {}
};

class ClassObject : public ObjectBase<Object::Kind::Class> {
public:
  std::string name;
  std::vector<std::shared_ptr<ClassObject>> bases;
  llvm::StringMap<ObjectPtr> attrs;
};

class InstanceObject : public ObjectBase<Object::Kind::Instance> {
public:
  std::shared_ptr<ClassObject> cls;
  llvm::StringMap<ObjectPtr> attrs;
};

class BoundMethodObject : public ObjectBase<Object::Kind::BoundMethod> {
public:
  ObjectPtr self;
  ObjectPtr function;
};

} // namespace tcc::eval

#endif // TCC_EVAL_OBJECT_H
