//===- PyOps.cpp - Python's operators on compile-time values --------------===//
//
// Operators dispatch on their operands the way Python does: a symbolic tensor
// on either side builds graph ops (Theano's operator overloading), a NumPy
// array computes at compile time, Python numbers follow Python.
//
//===----------------------------------------------------------------------===//

#include "Eval/ArrayAttr.h"
#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"
#include "NumPy/NDArrayOps.h"

#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <limits>
#include <sstream>

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

//===----------------------------------------------------------------------===//
// Names, repr, truthiness, equality
//===----------------------------------------------------------------------===//

std::string eval::typeName(const ObjectPtr &value) {
  switch (value->getKind()) {
  case Object::Kind::None: return "NoneType";
  case Object::Kind::Bool: return "bool";
  case Object::Kind::Int: return "int";
  case Object::Kind::Float: return "float";
  case Object::Kind::Str: return "str";
  case Object::Kind::List: return "list";
  case Object::Kind::Tuple: return "tuple";
  case Object::Kind::Dict: return "dict";
  case Object::Kind::Slice: return "slice";
  case Object::Kind::Function: return "function";
  case Object::Kind::Builtin: return "builtin_function_or_method";
  case Object::Kind::Module: return "module";
  case Object::Kind::Tensor:
    return cast<TensorObject>(value.get())->sharedSymbol.empty()
               ? "TensorVariable"
               : "TensorSharedVariable";
  case Object::Kind::Array: return "numpy.ndarray";
  case Object::Kind::DType: return "numpy.dtype";
  case Object::Kind::RandomState: return "numpy.random.RandomState";
  case Object::Kind::RandomStreams:
    return cast<RandomStreamsObject>(value.get())->mrg ? "MRG_RandomStreams"
                                                       : "RandomStreams";
  case Object::Kind::TheanoFunction: return "theano.function";
  case Object::Kind::In: return "theano.In";
  case Object::Kind::Class: return "type";
  case Object::Kind::Instance:
    return cast<InstanceObject>(value.get())->cls->name;
  case Object::Kind::BoundMethod: return "method";
  }
  return "object";
}

static std::string floatRepr(double v) {
  return numpy::PyScalar::ofFloat(v).repr();
}

static std::string joinRepr(const ObjectList &items) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i)
    s += (i ? ", " : "") + repr(items[i]);
  return s;
}

std::string eval::repr(const ObjectPtr &value) {
  switch (value->getKind()) {
  case Object::Kind::None: return "None";
  case Object::Kind::Bool:
    return cast<BoolObject>(value.get())->value ? "True" : "False";
  case Object::Kind::Int:
    return std::to_string(cast<IntObject>(value.get())->value);
  case Object::Kind::Float:
    return floatRepr(cast<FloatObject>(value.get())->value);
  case Object::Kind::Str:
    return "'" + cast<StrObject>(value.get())->value + "'";
  case Object::Kind::List:
    return "[" + joinRepr(cast<ListObject>(value.get())->items) + "]";
  case Object::Kind::Tuple: {
    auto &items = cast<TupleObject>(value.get())->items;
    return "(" + joinRepr(items) + (items.size() == 1 ? ",)" : ")");
  }
  case Object::Kind::Dict: {
    std::string s = "{";
    bool first = true;
    for (auto &[k, v] : cast<DictObject>(value.get())->items) {
      s += (first ? "" : ", ") + repr(k) + ": " + repr(v);
      first = false;
    }
    return s + "}";
  }
  case Object::Kind::Tensor: {
    auto *t = cast<TensorObject>(value.get());
    return t->name.empty() ? "<TensorVariable>" : t->name;
  }
  case Object::Kind::Array:
    return cast<ArrayObject>(value.get())->array.repr();
  case Object::Kind::DType:
    return std::string("dtype('") +
           numpy::dtypeName(cast<DTypeObject>(value.get())->dtype).data() +
           "')";
  case Object::Kind::Module:
    return "<module '" + cast<ModuleObject>(value.get())->path + "'>";
  case Object::Kind::Function:
    return "<function " + cast<FunctionObject>(value.get())->name + ">";
  case Object::Kind::Builtin:
    return "<built-in function " + cast<BuiltinObject>(value.get())->name +
           ">";
  default:
    return "<" + typeName(value) + " object>";
  }
}

std::string eval::toStr(const ObjectPtr &value) {
  if (auto *s = dyn_cast<StrObject>(value.get()))
    return s->value;
  if (auto *a = dyn_cast<ArrayObject>(value.get()))
    return a->array.str();
  return repr(value);
}

bool eval::isBuiltinNamed(const ObjectPtr &value, llvm::StringRef name) {
  auto *b = dyn_cast<BuiltinObject>(value.get());
  return b && b->name == name;
}

std::optional<int64_t> eval::asInt(const ObjectPtr &value) {
  if (auto *i = dyn_cast<IntObject>(value.get()))
    return i->value;
  if (auto *b = dyn_cast<BoolObject>(value.get()))
    return b->value ? 1 : 0;
  if (auto *a = dyn_cast<ArrayObject>(value.get()))
    if (a->array.ndim() == 0 && numpy::isDiscrete(a->array.dtype()))
      return a->array.getInt64(0);
  return std::nullopt;
}

std::optional<double> eval::asFloat(const ObjectPtr &value) {
  if (auto *f = dyn_cast<FloatObject>(value.get()))
    return f->value;
  if (auto i = asInt(value))
    return double(*i);
  if (auto *a = dyn_cast<ArrayObject>(value.get()))
    if (a->array.ndim() == 0)
      return a->array.getDouble(0);
  return std::nullopt;
}

bool eval::truthy(Interpreter &interp, const ObjectPtr &value, Location loc) {
  switch (value->getKind()) {
  case Object::Kind::None: return false;
  case Object::Kind::Bool: return cast<BoolObject>(value.get())->value;
  case Object::Kind::Int: return cast<IntObject>(value.get())->value != 0;
  case Object::Kind::Float: return cast<FloatObject>(value.get())->value != 0;
  case Object::Kind::Str: return !cast<StrObject>(value.get())->value.empty();
  case Object::Kind::List: return !cast<ListObject>(value.get())->items.empty();
  case Object::Kind::Tuple:
    return !cast<TupleObject>(value.get())->items.empty();
  case Object::Kind::Dict: return !cast<DictObject>(value.get())->items.empty();
  case Object::Kind::Tensor:
    interp.error(loc, "a symbolic tensor has no truth value at compile time; "
                      "use T.switch(cond, a, b) for an elementwise choice");
  case Object::Kind::Array: {
    const numpy::NDArray &a = cast<ArrayObject>(value.get())->array;
    if (a.size() != 1)
      interp.error(loc, "the truth value of an array with more than one "
                        "element is ambiguous; use a.any() or a.all()");
    return a.getDouble(0) != 0;
  }
  default:
    return true;
  }
}

bool eval::pyEquals(const ObjectPtr &a, const ObjectPtr &b) {
  if (a.get() == b.get())
    return true;
  if (auto x = asFloat(a))
    if (auto y = asFloat(b))
      if (!isa<ArrayObject>(a.get()) && !isa<ArrayObject>(b.get()))
        return *x == *y;
  if (auto *x = dyn_cast<StrObject>(a.get()))
    if (auto *y = dyn_cast<StrObject>(b.get()))
      return x->value == y->value;
  if (isa<NoneObject>(a.get()) && isa<NoneObject>(b.get()))
    return true;
  auto seqEq = [](const ObjectList &x, const ObjectList &y) {
    if (x.size() != y.size())
      return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!pyEquals(x[i], y[i]))
        return false;
    return true;
  };
  if (auto *x = dyn_cast<ListObject>(a.get()))
    if (auto *y = dyn_cast<ListObject>(b.get()))
      return seqEq(x->items, y->items);
  if (auto *x = dyn_cast<TupleObject>(a.get()))
    if (auto *y = dyn_cast<TupleObject>(b.get()))
      return seqEq(x->items, y->items);
  if (auto *x = dyn_cast<DTypeObject>(a.get()))
    if (auto *y = dyn_cast<DTypeObject>(b.get()))
      return x->dtype == y->dtype;
  return false;
}

//===----------------------------------------------------------------------===//
// Containers
//===----------------------------------------------------------------------===//

const ObjectList *eval::sequenceItems(const ObjectPtr &value) {
  if (auto *l = dyn_cast<ListObject>(value.get()))
    return &l->items;
  if (auto *t = dyn_cast<TupleObject>(value.get()))
    return &t->items;
  return nullptr;
}

ObjectList eval::iterate(Interpreter &interp, const ObjectPtr &value,
                         Location loc) {
  if (const ObjectList *items = sequenceItems(value))
    return *items;
  if (auto *d = dyn_cast<DictObject>(value.get())) {
    ObjectList keys;
    for (auto &kv : d->items)
      keys.push_back(kv.first);
    return keys;
  }
  if (auto *s = dyn_cast<StrObject>(value.get())) {
    ObjectList chars;
    for (char c : s->value)
      chars.push_back(Interpreter::string(std::string(1, c)));
    return chars;
  }
  if (auto *a = dyn_cast<ArrayObject>(value.get())) {
    if (a->array.ndim() == 0)
      interp.error(loc, "iteration over a 0-d array");
    ObjectList rows;
    for (int64_t i = 0; i < a->array.shape()[0]; ++i)
      rows.push_back(arrayObject(interp, a->array.index(i), loc));
    return rows;
  }
  if (isa<TensorObject>(value.get()))
    interp.error(loc, "a symbolic tensor cannot be iterated at compile time "
                      "(its length is known only when the function runs); "
                      "use scan for symbolic loops");
  interp.error(loc, "'" + typeName(value) + "' object is not iterable");
}

ObjectPtr eval::dictGet(const DictObject &dict, const ObjectPtr &key) {
  for (auto &[k, v] : dict.items)
    if (pyEquals(k, key))
      return v;
  return nullptr;
}

void eval::dictSet(Interpreter &interp, DictObject &dict, const ObjectPtr &key,
                   const ObjectPtr &value, Location loc) {
  if (isa<ListObject, DictObject>(key.get()))
    interp.error(loc, "unhashable type: '" + typeName(key) + "'");
  for (auto &kv : dict.items)
    if (pyEquals(kv.first, key)) {
      kv.second = value;
      return;
    }
  dict.items.emplace_back(key, value);
}

ObjectPtr eval::arrayObject(Interpreter &interp,
                            numpy::Result<numpy::NDArray> r, Location loc) {
  if (!r)
    interp.error(loc, r.error());
  return std::make_shared<ArrayObject>(r.take());
}

static int64_t normalizeIndex(Interpreter &interp, int64_t i, int64_t size,
                              Location loc) {
  int64_t j = i < 0 ? i + size : i;
  if (j < 0 || j >= size)
    interp.error(loc, llvm::formatv("index {0} is out of range for a sequence "
                                    "of length {1}",
                                    i, size));
  return j;
}

static ObjectList sliceItems(Interpreter &interp, const ObjectList &items,
                             const SliceObject &slice, Location loc) {
  int64_t n = items.size();
  int64_t step = 1;
  if (!isa<NoneObject>(slice.step.get())) {
    auto s = asInt(slice.step);
    if (!s || *s == 0)
      interp.error(loc, "slice step must be a nonzero integer");
    step = *s;
  }
  auto bound = [&](const ObjectPtr &v, int64_t dflt) {
    if (isa<NoneObject>(v.get()))
      return dflt;
    auto i = asInt(v);
    if (!i)
      interp.error(loc, "slice indices must be integers or None");
    int64_t x = *i < 0 ? *i + n : *i;
    if (step > 0)
      return std::clamp<int64_t>(x, 0, n);
    return std::clamp<int64_t>(x, -1, n - 1);
  };
  int64_t lo = bound(slice.lower, step > 0 ? 0 : n - 1);
  int64_t hi = bound(slice.upper, step > 0 ? n : -1);
  ObjectList out;
  for (int64_t i = lo; step > 0 ? i < hi : i > hi; i += step)
    out.push_back(items[i]);
  return out;
}

ObjectPtr eval::getItem(Interpreter &interp, const ObjectPtr &value,
                        const ObjectPtr &index, Location loc) {
  if (const ObjectList *items = sequenceItems(value)) {
    if (auto *s = dyn_cast<SliceObject>(index.get())) {
      ObjectList part = sliceItems(interp, *items, *s, loc);
      if (isa<ListObject>(value.get()))
        return std::make_shared<ListObject>(part);
      return std::make_shared<TupleObject>(part);
    }
    auto i = asInt(index);
    if (!i)
      interp.error(loc, "indices must be integers or slices, not " +
                            typeName(index));
    return (*items)[normalizeIndex(interp, *i, items->size(), loc)];
  }
  if (auto *d = dyn_cast<DictObject>(value.get())) {
    if (ObjectPtr v = dictGet(*d, index))
      return v;
    interp.error(loc, "key " + repr(index) + " is not in the dict");
  }
  if (auto *s = dyn_cast<StrObject>(value.get())) {
    auto i = asInt(index);
    if (!i)
      interp.error(loc, "string indices must be integers");
    return Interpreter::string(std::string(
        1, s->value[normalizeIndex(interp, *i, s->value.size(), loc)]));
  }
  if (auto *a = dyn_cast<ArrayObject>(value.get())) {
    auto i = asInt(index);
    if (!i || a->array.ndim() == 0)
      interp.error(loc, "only integer indexing of compile-time arrays is "
                        "supported");
    int64_t j = normalizeIndex(interp, *i, a->array.shape()[0], loc);
    return arrayObject(interp, a->array.index(j), loc);
  }
  if (auto t = std::dynamic_pointer_cast<TensorObject>(value))
    return interp.tensors().subtensor(t, index, loc);
  if (auto *b = dyn_cast<BuiltinObject>(value.get()); b && b->subscript) {
    CallArgs args{{index}, {}, loc};
    return b->subscript(interp, args);
  }
  interp.error(loc, "'" + typeName(value) + "' object is not subscriptable");
}

void eval::setItem(Interpreter &interp, const ObjectPtr &container,
                   const ObjectPtr &index, const ObjectPtr &value,
                   Location loc) {
  if (auto *l = dyn_cast<ListObject>(container.get())) {
    auto i = asInt(index);
    if (!i)
      interp.error(loc, "list indices must be integers");
    l->items[normalizeIndex(interp, *i, l->items.size(), loc)] = value;
    return;
  }
  if (auto *d = dyn_cast<DictObject>(container.get())) {
    dictSet(interp, *d, index, value, loc);
    return;
  }
  interp.error(loc, "'" + typeName(container) +
                        "' object does not support item assignment");
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

static const char *binOpSymbol(ast::BinOpKind op) {
  switch (op) {
  case ast::BinOpKind::Add: return "+";
  case ast::BinOpKind::Sub: return "-";
  case ast::BinOpKind::Mul: return "*";
  case ast::BinOpKind::Div: return "/";
  case ast::BinOpKind::FloorDiv: return "//";
  case ast::BinOpKind::Mod: return "%";
  case ast::BinOpKind::Pow: return "**";
  case ast::BinOpKind::MatMul: return "@";
  case ast::BinOpKind::BitAnd: return "&";
  case ast::BinOpKind::BitOr: return "|";
  case ast::BinOpKind::BitXor: return "^";
  case ast::BinOpKind::LShift: return "<<";
  case ast::BinOpKind::RShift: return ">>";
  }
  return "?";
}

[[noreturn]] static void unsupported(Interpreter &interp, const char *op,
                                     const ObjectPtr &a, const ObjectPtr &b,
                                     Location loc) {
  interp.error(loc, llvm::formatv("unsupported operand types for {0}: '{1}' "
                                  "and '{2}'",
                                  op, typeName(a), typeName(b)));
}

static std::optional<ElemwiseKind> elemwiseOf(ast::BinOpKind op) {
  switch (op) {
  case ast::BinOpKind::Add: return ElemwiseKind::Add;
  case ast::BinOpKind::Sub: return ElemwiseKind::Sub;
  case ast::BinOpKind::Mul: return ElemwiseKind::Mul;
  case ast::BinOpKind::Div: return ElemwiseKind::TrueDiv;
  case ast::BinOpKind::FloorDiv: return ElemwiseKind::IntDiv;
  case ast::BinOpKind::Mod: return ElemwiseKind::Mod;
  case ast::BinOpKind::Pow: return ElemwiseKind::Pow;
  case ast::BinOpKind::BitAnd: return ElemwiseKind::And;
  case ast::BinOpKind::BitOr: return ElemwiseKind::Or;
  case ast::BinOpKind::BitXor: return ElemwiseKind::Xor;
  default: return std::nullopt;
  }
}

static std::optional<numpy::BinaryOp> numpyOpOf(ast::BinOpKind op) {
  using numpy::BinaryOp;
  switch (op) {
  case ast::BinOpKind::Add: return BinaryOp::Add;
  case ast::BinOpKind::Sub: return BinaryOp::Subtract;
  case ast::BinOpKind::Mul: return BinaryOp::Multiply;
  case ast::BinOpKind::Div: return BinaryOp::TrueDivide;
  case ast::BinOpKind::FloorDiv: return BinaryOp::FloorDivide;
  case ast::BinOpKind::Mod: return BinaryOp::Remainder;
  case ast::BinOpKind::Pow: return BinaryOp::Power;
  case ast::BinOpKind::BitAnd: return BinaryOp::BitwiseAnd;
  case ast::BinOpKind::BitOr: return BinaryOp::BitwiseOr;
  case ast::BinOpKind::BitXor: return BinaryOp::BitwiseXor;
  default: return std::nullopt;
  }
}

static ObjectList repeat(const ObjectList &items, int64_t n) {
  ObjectList out;
  for (int64_t i = 0; i < n; ++i)
    out.insert(out.end(), items.begin(), items.end());
  return out;
}

static ObjectPtr pythonNumberOp(Interpreter &interp, ast::BinOpKind op,
                                const ObjectPtr &a, const ObjectPtr &b,
                                Location loc) {
  auto ia = asInt(a), ib = asInt(b);
  bool ints = ia && ib && !isa<FloatObject>(a.get()) &&
              !isa<FloatObject>(b.get());
  if (ints) {
    int64_t x = *ia, y = *ib, r = 0;
    auto overflow = [&]() -> ObjectPtr {
      interp.error(loc, llvm::formatv("integer overflow: {0} {1} {2} does not "
                                      "fit in 64 bits (tcc's compile-time "
                                      "integers are int64)",
                                      x, binOpSymbol(op), y));
    };
    switch (op) {
    case ast::BinOpKind::Add:
      return __builtin_add_overflow(x, y, &r) ? overflow()
                                              : Interpreter::integer(r);
    case ast::BinOpKind::Sub:
      return __builtin_sub_overflow(x, y, &r) ? overflow()
                                              : Interpreter::integer(r);
    case ast::BinOpKind::Mul:
      return __builtin_mul_overflow(x, y, &r) ? overflow()
                                              : Interpreter::integer(r);
    case ast::BinOpKind::Div:
      if (y == 0)
        interp.error(loc, "division by zero");
      return Interpreter::floating(double(x) / double(y));
    case ast::BinOpKind::FloorDiv:
    case ast::BinOpKind::Mod: {
      if (y == 0)
        interp.error(loc, "integer division or modulo by zero");
      if (x == INT64_MIN && y == -1)
        return overflow();
      int64_t q = x / y;
      r = x % y;
      if (r != 0 && ((r < 0) != (y < 0))) {
        --q;
        r += y;
      }
      return Interpreter::integer(op == ast::BinOpKind::Mod ? r : q);
    }
    case ast::BinOpKind::Pow: {
      if (y < 0)
        return Interpreter::floating(std::pow(double(x), double(y)));
      r = 1;
      for (int64_t i = 0; i < y; ++i)
        if (__builtin_mul_overflow(r, x, &r))
          return overflow();
      return Interpreter::integer(r);
    }
    case ast::BinOpKind::BitAnd: return Interpreter::integer(x & y);
    case ast::BinOpKind::BitOr: return Interpreter::integer(x | y);
    case ast::BinOpKind::BitXor: return Interpreter::integer(x ^ y);
    case ast::BinOpKind::LShift:
      if (y < 0 || y > 62 || (x != 0 && (x >> (63 - y)) != 0 &&
                              (x >> (63 - y)) != -1))
        return overflow();
      return Interpreter::integer(x << y);
    case ast::BinOpKind::RShift:
      return Interpreter::integer(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
    default: break;
    }
    unsupported(interp, binOpSymbol(op), a, b, loc);
  }
  double x = *asFloat(a), y = *asFloat(b);
  switch (op) {
  case ast::BinOpKind::Add: return Interpreter::floating(x + y);
  case ast::BinOpKind::Sub: return Interpreter::floating(x - y);
  case ast::BinOpKind::Mul: return Interpreter::floating(x * y);
  case ast::BinOpKind::Div:
    if (y == 0)
      interp.error(loc, "float division by zero");
    return Interpreter::floating(x / y);
  case ast::BinOpKind::FloorDiv:
    if (y == 0)
      interp.error(loc, "float floor division by zero");
    return Interpreter::floating(std::floor(x / y));
  case ast::BinOpKind::Mod: {
    if (y == 0)
      interp.error(loc, "float modulo by zero");
    double r = std::fmod(x, y);
    if (r != 0 && ((r < 0) != (y < 0)))
      r += y;
    return Interpreter::floating(r);
  }
  case ast::BinOpKind::Pow: return Interpreter::floating(std::pow(x, y));
  default: unsupported(interp, binOpSymbol(op), a, b, loc);
  }
}

ObjectPtr eval::binaryOperator(Interpreter &interp, ast::BinOpKind op,
                               const ObjectPtr &a, const ObjectPtr &b,
                               Location loc) {
  TensorBuilder &tb = interp.tensors();
  if (isa<TensorObject>(a.get()) || isa<TensorObject>(b.get())) {
    if (op == ast::BinOpKind::MatMul)
      return tb.dot(a, b, loc);
    std::optional<ElemwiseKind> kind = elemwiseOf(op);
    if (!kind)
      unsupported(interp, binOpSymbol(op), a, b, loc);
    bool ok = [&] {
      for (const ObjectPtr &x : {a, b})
        if (!tb.isTensorLike(x) && !isa<ListObject, TupleObject>(x.get()))
          return false;
      return true;
    }();
    if (!ok)
      unsupported(interp, binOpSymbol(op), a, b, loc);
    return tb.elemwise(*kind, a, b, loc);
  }
  if (isa<ArrayObject>(a.get()) || isa<ArrayObject>(b.get())) {
    if (op == ast::BinOpKind::MatMul) {
      auto x = objectToArray(interp, a, loc), y = objectToArray(interp, b, loc);
      return arrayObject(interp, numpy::dot(*x, *y), loc);
    }
    std::optional<numpy::BinaryOp> nop = numpyOpOf(op);
    if (!nop)
      unsupported(interp, binOpSymbol(op), a, b, loc);
    auto x = objectToArray(interp, a, loc), y = objectToArray(interp, b, loc);
    return arrayObject(interp, numpy::binary(*nop, *x, *y), loc);
  }
  if (asFloat(a) && asFloat(b))
    return pythonNumberOp(interp, op, a, b, loc);

  auto *sa = dyn_cast<StrObject>(a.get());
  auto *sb = dyn_cast<StrObject>(b.get());
  if (sa && sb && op == ast::BinOpKind::Add)
    return Interpreter::string(sa->value + sb->value);
  if (sa && op == ast::BinOpKind::Mod)
    interp.error(loc, "%-formatting of strings is not supported by tcc");
  if (op == ast::BinOpKind::Add) {
    if (auto *la = dyn_cast<ListObject>(a.get()))
      if (auto *lb = dyn_cast<ListObject>(b.get())) {
        ObjectList items = la->items;
        items.insert(items.end(), lb->items.begin(), lb->items.end());
        return std::make_shared<ListObject>(items);
      }
    if (auto *ta = dyn_cast<TupleObject>(a.get()))
      if (auto *tb2 = dyn_cast<TupleObject>(b.get())) {
        ObjectList items = ta->items;
        items.insert(items.end(), tb2->items.begin(), tb2->items.end());
        return std::make_shared<TupleObject>(items);
      }
  }
  if (op == ast::BinOpKind::Mul) {
    const ObjectPtr &seq = asInt(a) ? b : a;
    const ObjectPtr &count = asInt(a) ? a : b;
    if (auto n = asInt(count)) {
      if (auto *l = dyn_cast<ListObject>(seq.get()))
        return std::make_shared<ListObject>(repeat(l->items, *n));
      if (auto *t = dyn_cast<TupleObject>(seq.get()))
        return std::make_shared<TupleObject>(repeat(t->items, *n));
      if (auto *s = dyn_cast<StrObject>(seq.get())) {
        std::string r;
        for (int64_t i = 0; i < *n; ++i)
          r += s->value;
        return Interpreter::string(r);
      }
    }
  }
  unsupported(interp, binOpSymbol(op), a, b, loc);
}

ObjectPtr eval::compareOperator(Interpreter &interp, ast::CmpOpKind op,
                                const ObjectPtr &a, const ObjectPtr &b,
                                Location loc) {
  using K = ast::CmpOpKind;
  if (op == K::Is || op == K::IsNot) {
    bool same = a.get() == b.get() ||
                (isa<NoneObject>(a.get()) && isa<NoneObject>(b.get())) ||
                (isa<BoolObject>(a.get()) && isa<BoolObject>(b.get()) &&
                 pyEquals(a, b));
    return Interpreter::boolean(op == K::Is ? same : !same);
  }
  if (op == K::In || op == K::NotIn) {
    bool found = false;
    if (auto *s = dyn_cast<StrObject>(b.get())) {
      auto *needle = dyn_cast<StrObject>(a.get());
      if (!needle)
        interp.error(loc, "'in <string>' requires a string as left operand");
      found = s->value.find(needle->value) != std::string::npos;
    } else {
      for (const ObjectPtr &item : iterate(interp, b, loc))
        if (pyEquals(item, a)) {
          found = true;
          break;
        }
    }
    return Interpreter::boolean(op == K::In ? found : !found);
  }
  bool tensor = isa<TensorObject>(a.get()) || isa<TensorObject>(b.get());
  if (tensor) {
    if (op == K::Eq || op == K::Ne)
      interp.error(loc, llvm::formatv(
                            "'{0}' on a symbolic tensor compares object "
                            "identity in Theano, not values; use {1}(a, b) "
                            "for an elementwise comparison",
                            op == K::Eq ? "==" : "!=",
                            op == K::Eq ? "T.eq" : "T.neq"));
    ElemwiseKind kind = op == K::Lt   ? ElemwiseKind::Lt
                        : op == K::Le ? ElemwiseKind::Le
                        : op == K::Gt ? ElemwiseKind::Gt
                                      : ElemwiseKind::Ge;
    return interp.tensors().elemwise(kind, a, b, loc);
  }
  if (isa<ArrayObject>(a.get()) || isa<ArrayObject>(b.get())) {
    using C = numpy::CompareOp;
    C c = op == K::Lt   ? C::Less
          : op == K::Le ? C::LessEqual
          : op == K::Gt ? C::Greater
          : op == K::Ge ? C::GreaterEqual
          : op == K::Eq ? C::Equal
                        : C::NotEqual;
    auto x = objectToArray(interp, a, loc), y = objectToArray(interp, b, loc);
    return arrayObject(interp, numpy::compare(c, *x, *y), loc);
  }
  if (op == K::Eq)
    return Interpreter::boolean(pyEquals(a, b));
  if (op == K::Ne)
    return Interpreter::boolean(!pyEquals(a, b));
  if (auto x = asFloat(a))
    if (auto y = asFloat(b)) {
      bool r = op == K::Lt   ? *x < *y
               : op == K::Le ? *x <= *y
               : op == K::Gt ? *x > *y
                             : *x >= *y;
      return Interpreter::boolean(r);
    }
  if (auto *x = dyn_cast<StrObject>(a.get()))
    if (auto *y = dyn_cast<StrObject>(b.get())) {
      int c = x->value.compare(y->value);
      bool r = op == K::Lt   ? c < 0
               : op == K::Le ? c <= 0
               : op == K::Gt ? c > 0
                             : c >= 0;
      return Interpreter::boolean(r);
    }
  interp.error(loc, "'<' and friends are not supported between '" +
                        typeName(a) + "' and '" + typeName(b) + "'");
}

ObjectPtr eval::evalUnary(Interpreter &interp, ast::UnaryOpKind op,
                          const ObjectPtr &x, Location loc) {
  if (op == ast::UnaryOpKind::Not)
    return Interpreter::boolean(!truthy(interp, x, loc));
  if (isa<TensorObject>(x.get())) {
    switch (op) {
    case ast::UnaryOpKind::Neg:
      return interp.tensors().unary(UnaryKind::Neg, x, loc);
    case ast::UnaryOpKind::Invert:
      return interp.tensors().unary(UnaryKind::Invert, x, loc);
    default:
      return x;
    }
  }
  if (auto *a = dyn_cast<ArrayObject>(x.get())) {
    if (op == ast::UnaryOpKind::Pos)
      return x;
    return arrayObject(interp,
                       numpy::unary(op == ast::UnaryOpKind::Neg
                                        ? numpy::UnaryOp::Negative
                                        : numpy::UnaryOp::Invert,
                                    a->array),
                       loc);
  }
  if (auto *f = dyn_cast<FloatObject>(x.get())) {
    if (op == ast::UnaryOpKind::Neg)
      return Interpreter::floating(-f->value);
    if (op == ast::UnaryOpKind::Pos)
      return x;
  }
  if (auto i = asInt(x)) {
    if (op == ast::UnaryOpKind::Neg) {
      if (*i == std::numeric_limits<int64_t>::min())
        interp.error(loc, llvm::formatv("integer overflow: -({0}) does not "
                                        "fit in 64 bits (tcc's compile-time "
                                        "integers are int64)",
                                        *i));
      return Interpreter::integer(-*i);
    }
    if (op == ast::UnaryOpKind::Pos)
      return Interpreter::integer(*i);
    if (op == ast::UnaryOpKind::Invert)
      return Interpreter::integer(~*i);
  }
  interp.error(loc, "bad operand type for unary operator: '" + typeName(x) +
                        "'");
}
