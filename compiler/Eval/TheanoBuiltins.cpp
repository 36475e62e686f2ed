//===- TheanoBuiltins.cpp - theano, theano.tensor and tensor methods ------===//

#include "Eval/ArrayAttr.h"
#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

#include "mlir/IR/TypeUtilities.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

std::string eval::canonicalModule(llvm::StringRef dotted) {
  static const char *known[] = {
      "theano",
      "theano.tensor",
      "theano.tensor.nnet",
      "theano.config",
      "theano.gradient",
      "theano.printing",
      "theano.ifelse",
      "numpy",
      "numpy.random",
      "theano.tensor.nnet.nnet",
      "theano.compile",
      "theano.scan_module",
      "random",
      "theano.tensor.extra_ops",
      "theano.tensor.xlogx",
      "theano.tensor.shared_randomstreams",
      "theano.sandbox",
      "theano.sandbox.rng_mrg",
      "theano.tensor.nnet.conv",
      "theano.tensor.nnet.sigm",
      "theano.tensor.nnet.abstract_conv",
      "theano.tensor.signal",
      "theano.tensor.signal.pool",
      "theano.tensor.signal.downsample",
  };
  for (const char *k : known)
    if (dotted == k)
      return k;
  return "";
}

ObjectPtr eval::moduleAttribute(Interpreter &interp, const std::string &module,
                                llvm::StringRef name, Location loc) {
  std::string sub = canonicalModule(module + "." + name.str());
  if (!sub.empty())
    return std::make_shared<ModuleObject>(sub);
  if (llvm::StringRef(module).starts_with("numpy"))
    return numpyAttribute(interp, module, name, loc);
  if (module == "random")
    return pythonRandomAttribute(interp, name, loc);
  return theanoAttribute(interp, module, name, loc);
}

DType eval::dtypeArgument(Interpreter &interp, const ObjectPtr &value,
                          Location loc) {
  if (auto *d = dyn_cast<DTypeObject>(value.get()))
    return d->dtype;
  if (auto *s = dyn_cast<StrObject>(value.get())) {
    if (auto d = numpy::parseDTypeName(s->value, interp.getFloatX()))
      return *d;
    interp.error(loc, "unknown dtype '" + s->value + "'");
  }
  if (isBuiltinNamed(value, "float"))
    return DType::Float64;
  if (isBuiltinNamed(value, "int"))
    return DType::Int64;
  if (isBuiltinNamed(value, "bool"))
    return DType::Bool;
  interp.error(loc, "expected a dtype, got " + typeName(value));
}

//===----------------------------------------------------------------------===//
// Tensor types: T.dmatrix('x'), T.fvectors('a', 'b'), T.tensor(...)
//===----------------------------------------------------------------------===//

/// Broadcastable pattern of a Theano type name ("matrix", "row", ...).
static std::optional<std::vector<bool>> patternOf(llvm::StringRef base) {
  return llvm::StringSwitch<std::optional<std::vector<bool>>>(base)
      .Case("scalar", std::vector<bool>{})
      .Case("vector", std::vector<bool>{false})
      .Case("matrix", std::vector<bool>{false, false})
      .Case("row", std::vector<bool>{true, false})
      .Case("col", std::vector<bool>{false, true})
      .Case("tensor3", std::vector<bool>(3, false))
      .Case("tensor4", std::vector<bool>(4, false))
      .Case("tensor5", std::vector<bool>(5, false))
      .Case("tensor6", std::vector<bool>(6, false))
      .Case("tensor7", std::vector<bool>(7, false))
      .Default(std::nullopt);
}

/// Splits "dmatrices" into (Float64, "matrix", plural).
static std::optional<std::tuple<std::optional<DType>, std::string, bool>>
parseTypeName(llvm::StringRef name) {
  auto tryBase =
      [](llvm::StringRef s) -> std::optional<std::pair<std::string, bool>> {
    if (patternOf(s))
      return std::make_pair(s.str(), false);
    if (s == "matrices")
      return std::make_pair(std::string("matrix"), true);
    if (s.ends_with("s") && patternOf(s.drop_back()))
      return std::make_pair(s.drop_back().str(), true);
    return std::nullopt;
  };
  if (auto b = tryBase(name))
    return std::make_tuple(std::optional<DType>(), b->first, b->second);
  if (name.size() > 1)
    if (auto d = numpy::dtypeFromTheanoPrefix(name[0]))
      if (auto b = tryBase(name.drop_front()))
        return std::make_tuple(std::optional<DType>(*d), b->first, b->second);
  return std::nullopt;
}

static std::string stringArg(Interpreter &interp, const ObjectPtr &v,
                             Location loc, const char *what) {
  if (!v || isa<NoneObject>(v.get()))
    return "";
  auto *s = dyn_cast<StrObject>(v.get());
  if (!s)
    interp.error(loc,
                 llvm::Twine(what) + " must be a string, got " + typeName(v));
  return s->value;
}

UnaryKind eval::roundingMode(Interpreter &in, const ObjectPtr &mode,
                             llvm::StringRef function, Location loc) {
  // NumPy's half-to-even unless mode says otherwise.
  std::string m = stringArg(in, mode, loc, "mode");
  if (m.empty() || m == "half_to_even")
    return UnaryKind::RoundHalfToEven;
  if (m != "half_away_from_zero")
    in.error(loc, function + ": mode must be 'half_to_even' or "
                             "'half_away_from_zero', got '" +
                      m + "'");
  return UnaryKind::RoundHalfAwayFromZero;
}

static std::vector<bool> boolList(Interpreter &interp, const ObjectPtr &v,
                                  Location loc) {
  std::vector<bool> out;
  for (const ObjectPtr &item : iterate(interp, v, loc))
    out.push_back(truthy(interp, item, loc));
  return out;
}

static ObjectPtr typeConstructor(Interpreter &interp, llvm::StringRef name,
                                 std::optional<DType> dtype,
                                 const std::string &base, bool plural) {
  std::vector<bool> pattern = *patternOf(base);
  std::string qualified = "theano.tensor." + name.str();
  return makeBuiltin(qualified, [=](Interpreter &in, CallArgs &a) -> ObjectPtr {
    DType dt = dtype.value_or(in.getFloatX());
    if (plural) {
      auto tuple = std::make_shared<TupleObject>();
      for (const ObjectPtr &n : a.positional)
        tuple->items.push_back(in.tensors().variable(
            dt, pattern, stringArg(in, n, a.loc, "a variable name"), a.loc));
      return tuple;
    }
    auto v = bindArgs(in, a, name, {"name?", "dtype?"});
    if (v[1])
      dt = dtypeArgument(in, v[1], a.loc);
    return in.tensors().variable(dt, pattern,
                                 stringArg(in, v[0], a.loc, "name"), a.loc);
  });
}

//===----------------------------------------------------------------------===//
// theano.shared / theano.function / theano.In
//===----------------------------------------------------------------------===//

static ObjectPtr sharedBuiltin(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(in, a, "shared",
                    {"value", "name?", "strict?", "allow_downcast?",
                     "broadcastable?", "borrow?"});
  if (isa<TensorObject>(v[0].get()))
    in.error(a.loc, "shared() needs a compile-time value (a number, a list or "
                    "a NumPy array), not a symbolic tensor");
  FailureOr<numpy::NDArray> value = objectToArray(in, v[0], a.loc);
  std::optional<std::vector<bool>> broadcastable;
  if (v[4] && !isa<NoneObject>(v[4].get()))
    broadcastable = boolList(in, v[4], a.loc);
  return in.tensors().shared(*value, stringArg(in, v[1], a.loc, "name"),
                             broadcastable, a.loc);
}

static std::shared_ptr<TensorObject> symbolicArg(Interpreter &in,
                                                 const ObjectPtr &v,
                                                 Location loc,
                                                 const char *what) {
  auto t = std::dynamic_pointer_cast<TensorObject>(v);
  if (!t)
    in.error(loc, llvm::Twine(what) + " must be a symbolic variable, got " +
                      typeName(v));
  return t;
}

/// A dict's items or a list of pairs (function's updates and givens).
static std::vector<ObjectList> keyValuePairs(Interpreter &in,
                                             const ObjectPtr &v, Location loc,
                                             const char *what,
                                             const char *shape) {
  ObjectList pairs;
  if (auto *d = dyn_cast<DictObject>(v.get())) {
    for (auto &[k, val] : d->items)
      pairs.push_back(std::make_shared<TupleObject>(ObjectList{k, val}));
  } else {
    pairs = iterate(in, v, loc);
  }
  std::vector<ObjectList> result;
  for (const ObjectPtr &pair : pairs) {
    ObjectList kv = iterate(in, pair, loc);
    if (kv.size() != 2)
      in.error(loc, llvm::Twine("each ") + what + " must be a pair " + shape);
    result.push_back(std::move(kv));
  }
  return result;
}

/// theano.function's givens: each variable of the graph is replaced by a
/// value of the same type (a constant where a number or array is given).
/// Replacements are substituted simultaneously, so one may not depend on a
/// variable that givens replaces (FunctionBuilder checks that).
static void addGivens(Interpreter &in, TheanoFunctionObject &fn,
                      const ObjectPtr &givens, Location loc) {
  TensorBuilder &tb = in.tensors();
  for (auto &kv : keyValuePairs(in, givens, loc, "entry of givens",
                                "(variable, replacement)")) {
    auto var = std::dynamic_pointer_cast<TensorObject>(kv[0]);
    if (!var)
      in.error(loc, "a givens key must be a symbolic or shared variable, "
                    "got " + typeName(kv[0]));
    std::string name = var->name.empty() ? "<unnamed>" : var->name;
    if (var->sharedSymbol.empty() &&
        !var->value.getDefiningOp<th::VariableOp>())
      in.error(loc, "givens can only replace a variable (a symbolic input or "
                    "a shared variable), not an expression such as '" +
                        name + "'");
    for (auto &input : fn.inputs)
      if (input->value == var->value)
        in.error(loc, "'" + name +
                          "' is both an input of the function and replaced "
                          "by givens; remove it from one of them");
    for (auto &given : fn.givens)
      if (given.first->value == var->value)
        in.error(loc, "'" + name + "' is replaced twice by givens");
    // An array or number becomes a shared variable, as Theano's pfunc does
    // (so its size is not fixed at compile time, like the variable's).
    TensorPtr value;
    if (isa<TensorObject>(kv[1].get())) {
      value = tb.asTensor(kv[1], loc);
    } else {
      FailureOr<numpy::NDArray> array =
          objectToArray(in, kv[1], loc, tb.dtypeOf(var));
      if (int64_t(array->shape().size()) != tb.rankOf(var))
        in.error(loc, llvm::formatv("givens: the replacement for '{0}' has "
                                    "{1} dimensions but '{0}' has {2}",
                                    name, array->shape().size(),
                                    tb.rankOf(var)));
      value = tb.shared(*array, name + "_given", tb.broadcastableOf(var), loc);
    }
    auto want = cast<RankedTensorType>(var->value.getType());
    Type got = value->value.getType();
    if (TensorPtr converted = tb.forgetStaticSizes(value, want, loc))
      value = converted;
    else {
      std::string dtype(numpy::dtypeName(tb.dtypeOf(var)));
      bool sameDType = getElementTypeOrSelf(want) == getElementTypeOrSelf(got);
      in.error(loc, "givens: the replacement for '" + name + "' is " +
                        tb.typeString(got) + " but '" + name + "' is " +
                        tb.typeString(want) +
                        (sameDType ? ""
                                   : "; cast the replacement (T.cast(value, '" +
                                         dtype + "'))"));
    }
    fn.givens.emplace_back(var, value);
  }
}

/// Theano's default updates: every shared variable the function reads
/// that has a default_update (a RandomStreams state) and no explicit update
/// gets it, unless no_default_updates is True or lists the variable. New
/// updates may read further such variables, so this runs to a fixed point.
static void addDefaultUpdates(Interpreter &in, TheanoFunctionObject &fn,
                              const ObjectPtr &noDefaults) {
  if (noDefaults && isa<BoolObject>(noDefaults.get()) &&
      cast<BoolObject>(noDefaults.get())->value)
    return;
  llvm::SmallPtrSet<const TensorObject *, 4> excluded;
  if (noDefaults && isa<ListObject, TupleObject>(noDefaults.get()))
    for (const ObjectPtr &o : iterate(in, noDefaults, fn.loc))
      if (auto *t = dyn_cast<TensorObject>(o.get()))
        excluded.insert(t);
  TensorBuilder &tb = in.tensors();
  for (bool added = true; added;) {
    added = false;
    for (Operation *op : functionSlice(fn)) {
      if (op->getNumResults() != 1)
        continue;
      Value v = op->getResult(0);
      auto [var, next] = tb.defaultUpdate(v);
      if (!var || excluded.contains(var.get()) ||
          llvm::any_of(fn.updates,
                        [&](auto &upd) { return upd.first->value == v; }))
        continue;
      fn.updates.emplace_back(var, next);
      added = true;
    }
  }
}

static ObjectPtr functionBuiltin(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(in, a, "function",
                    {"inputs", "outputs?", "mode?", "updates?", "givens?",
                     "no_default_updates?", "accept_inplace?", "name?",
                     "rebuild_strict?", "allow_input_downcast?", "profile?",
                     "on_unused_input?"});
  auto fn = std::make_shared<TheanoFunctionObject>(a.loc);
  for (const ObjectPtr &input : iterate(in, v[0], a.loc)) {
    if (auto *inObj = dyn_cast<InObject>(input.get())) {
      fn->inputs.push_back(inObj->variable);
      fn->defaults.push_back(inObj->value);
      continue;
    }
    auto t = symbolicArg(in, input, a.loc, "each input");
    if (!t->sharedSymbol.empty())
      in.error(a.loc, "shared variable '" + t->name +
                          "' cannot be an explicit input of a function; "
                          "functions read shared variables implicitly");
    fn->inputs.push_back(t);
    fn->defaults.push_back(nullptr);
  }
  if (v[1] && !isa<NoneObject>(v[1].get())) {
    if (isa<ListObject, TupleObject>(v[1].get())) {
      for (const ObjectPtr &o : iterate(in, v[1], a.loc))
        fn->outputs.push_back(in.tensors().asTensor(o, a.loc));
    } else {
      fn->outputs.push_back(in.tensors().asTensor(v[1], a.loc));
      fn->outputIsList = false;
    }
  }
  if (v[3] && !isa<NoneObject>(v[3].get())) {
    for (auto &kv : keyValuePairs(in, v[3], a.loc, "update",
                                  "(shared_variable, new_value)")) {
      auto var = std::dynamic_pointer_cast<TensorObject>(kv[0]);
      if (!var || var->sharedSymbol.empty())
        in.error(a.loc, "an update target must be a shared variable, got " +
                            (var ? std::string("a symbolic variable")
                                 : typeName(kv[0])));
      auto value = in.tensors().asTensor(kv[1], a.loc);
      Type want = var->value.getType(), got = value->value.getType();
      if (want != got)
        in.error(a.loc,
                 "an update must have the same type as its shared variable: "
                 "'" +
                     var->name + "' is " + in.tensors().typeString(want) +
                     " but the update is " + in.tensors().typeString(got) +
                     (cast<RankedTensorType>(want).getElementType() !=
                              cast<RankedTensorType>(got).getElementType()
                          ? "; cast the update (T.cast(expr, '" +
                                std::string(numpy::dtypeName(
                                    in.tensors().dtypeOf(var))) +
                                "')) or create the shared variable with that "
                                "dtype"
                          : ""));
      for (auto &existing : fn->updates)
        if (existing.first->sharedSymbol == var->sharedSymbol)
          in.error(a.loc, "shared variable '" + var->name +
                              "' is updated twice in one function");
      fn->updates.emplace_back(var, value);
    }
  }
  if (v[4] && !isa<NoneObject>(v[4].get()))
    addGivens(in, *fn, v[4], a.loc);
  addDefaultUpdates(in, *fn, v[5]);
  fn->name = stringArg(in, v[7], a.loc, "name");
  if (v[9] && !isa<NoneObject>(v[9].get())) {
    std::optional<int64_t> allow = asInt(v[9]);
    if (!allow)
      in.error(a.loc, "allow_input_downcast must be True, False or None, "
                      "got " + typeName(v[9]));
    fn->allowInputDowncast = *allow != 0;
  }
  if (v[11]) {
    std::string mode = stringArg(in, v[11], a.loc, "on_unused_input");
    if (mode != "raise" && mode != "warn" && mode != "ignore")
      in.error(a.loc, "on_unused_input must be 'raise', 'warn' or 'ignore'");
    fn->ignoreUnusedInputs = mode != "raise";
  }
  in.addFunction(fn);
  return fn;
}

static ObjectPtr inBuiltin(Interpreter &in, CallArgs &a, const char *valueKw) {
  auto v = bindArgs(in, a, "In",
                    {"variable", "name?", valueKw, "update?", "mutable?",
                     "strict?", "autoname?", "implicit?"});
  auto obj = std::make_shared<InObject>();
  obj->variable = symbolicArg(in, v[0], a.loc, "In's variable");
  obj->value = v[2];
  if (v[3] && !isa<NoneObject>(v[3].get()))
    in.error(a.loc, "In(update=...) is not supported by tcc");
  return obj;
}

/// A wrt argument: one variable or a list of them (and whether it was one).
static std::pair<std::vector<std::shared_ptr<TensorObject>>, bool>
wrtList(Interpreter &in, const ObjectPtr &v, Location loc) {
  bool single = !isa<ListObject, TupleObject>(v.get());
  std::vector<std::shared_ptr<TensorObject>> wrt;
  for (const ObjectPtr &w : single ? ObjectList{v} : iterate(in, v, loc))
    wrt.push_back(symbolicArg(in, w, loc, "each wrt"));
  return {wrt, single};
}

static ObjectPtr listOrSingle(std::vector<std::shared_ptr<TensorObject>> xs,
                              bool single) {
  if (single)
    return xs.front();
  auto list = std::make_shared<ListObject>();
  for (auto &x : xs)
    list->items.push_back(x);
  return list;
}

static ObjectPtr gradBuiltin(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(in, a, "grad",
                    {"cost", "wrt", "consider_constant?",
                     "disconnected_inputs?", "add_names?", "known_grads?",
                     "return_disconnected?", "null_gradients?"});
  std::shared_ptr<TensorObject> cost;
  if (!isa<NoneObject>(v[0].get())) {
    cost = std::dynamic_pointer_cast<TensorObject>(v[0]);
    if (!cost)
      in.error(a.loc,
               "grad: cost must be a symbolic scalar, got " + typeName(v[0]));
  }
  auto [wrt, single] = wrtList(in, v[1], a.loc);
  std::vector<std::shared_ptr<TensorObject>> constants;
  if (v[2] && !isa<NoneObject>(v[2].get()))
    for (const ObjectPtr &c : iterate(in, v[2], a.loc))
      constants.push_back(symbolicArg(in, c, a.loc, "each consider_constant"));
  std::string disconnected =
      v[3] ? stringArg(in, v[3], a.loc, "disconnected_inputs") : "raise";
  if (disconnected != "raise" && disconnected != "warn" &&
      disconnected != "ignore")
    in.error(a.loc, "disconnected_inputs must be 'raise', 'warn' or 'ignore', "
                    "got '" +
                        disconnected + "'");
  if (v[6] && stringArg(in, v[6], a.loc, "return_disconnected") != "zero")
    in.error(a.loc, "grad(return_disconnected=...) supports only 'zero' in "
                    "tcc");

  // Terms: the cost (seed 1) and each known_grads entry {var: its gradient}
  // (a seeded vector-Jacobian product); the gradient is their sum.
  std::vector<std::pair<std::shared_ptr<TensorObject>, TensorPtr>> terms;
  if (cost)
    terms.emplace_back(cost, nullptr);
  if (v[5] && !isa<NoneObject>(v[5].get())) {
    auto *known = dyn_cast<DictObject>(v[5].get());
    if (!known)
      in.error(a.loc, "grad: known_grads must be a dict {variable: gradient}");
    for (auto &[var, g] : known->items)
      terms.emplace_back(symbolicArg(in, var, a.loc, "each known_grads key"),
                         in.tensors().asTensor(g, a.loc));
  }
  if (terms.empty())
    in.error(a.loc, "grad: cost is None and known_grads is empty");
  // With several terms a wrt needs to be connected to only one of them.
  std::string policy = terms.size() == 1 ? disconnected : "ignore";
  std::vector<std::shared_ptr<TensorObject>> grads;
  for (auto &[term, seed] : terms) {
    auto part = in.tensors().grad(term, wrt, constants, policy, a.loc, seed);
    if (grads.empty()) {
      grads = part;
      continue;
    }
    for (size_t i = 0; i < grads.size(); ++i)
      grads[i] =
          in.tensors().elemwise(ElemwiseKind::Add, grads[i], part[i], a.loc);
  }
  return listOrSingle(grads, single);
}

/// Lop(f, wrt, eval_points): the vector-Jacobian product of f at
/// eval_points (same shape as f), i.e. grad(sum(f * eval_points), wrt).
static ObjectPtr lopBuiltin(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(in, a, "Lop",
                    {"f", "wrt", "eval_points", "consider_constant?",
                     "disconnected_inputs?"});
  auto f = std::dynamic_pointer_cast<TensorObject>(v[0]);
  if (!f)
    in.error(a.loc,
             "Lop: f must be a symbolic variable, got " + typeName(v[0]));
  TensorPtr points = in.tensors().asTensor(v[2], a.loc);
  auto [wrt, single] = wrtList(in, v[1], a.loc);
  std::vector<std::shared_ptr<TensorObject>> constants;
  if (v[3] && !isa<NoneObject>(v[3].get()))
    for (const ObjectPtr &c : iterate(in, v[3], a.loc))
      constants.push_back(symbolicArg(in, c, a.loc, "each consider_constant"));
  std::string disconnected =
      v[4] ? stringArg(in, v[4], a.loc, "disconnected_inputs") : "raise";
  std::vector<std::shared_ptr<TensorObject>> grads =
      in.tensors().grad(f, wrt, constants, disconnected, a.loc, points);
  return listOrSingle(grads, single);
}

/// Rop(f, wrt, eval_points): the Jacobian-vector product J v, built from
/// two vector-Jacobian products: with u of f's shape, Lop(f, wrt, u) = u^T J
/// is linear in u, and its Lop with respect to u seeded with v is J v for
/// any value of u. u is zeros_like(f), a value the function can compute (a
/// free variable would have to be an input: gradients of reductions refer
/// to their input's shape).
static ObjectPtr ropBuiltin(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(in, a, "Rop", {"f", "wrt", "eval_points"});
  auto f = std::dynamic_pointer_cast<TensorObject>(v[0]);
  if (!f)
    in.error(a.loc,
             "Rop: f must be a symbolic variable, got " + typeName(v[0]));
  TensorBuilder &tb = in.tensors();
  bool single = !isa<ListObject, TupleObject>(v[1].get());
  ObjectList wrtItems = single ? ObjectList{v[1]} : iterate(in, v[1], a.loc);
  ObjectList points = single ? ObjectList{v[2]} : iterate(in, v[2], a.loc);
  if (wrtItems.size() != points.size())
    in.error(a.loc, "Rop: wrt and eval_points must have the same length");
  if (!numpy::isFloat(tb.dtypeOf(f)))
    in.error(a.loc, "Rop: f must be a float tensor");
  TensorPtr dummy = tb.zerosLike(f, a.loc);
  TensorPtr total;
  for (size_t i = 0; i < wrtItems.size(); ++i) {
    auto w = symbolicArg(in, wrtItems[i], a.loc, "each wrt");
    TensorPtr point = tb.asTensor(points[i], a.loc);
    TensorPtr lop = tb.grad(f, {w}, {}, "ignore", a.loc, dummy).front();
    TensorPtr jv = tb.grad(lop, {dummy}, {}, "ignore", a.loc, point).front();
    total = total ? tb.elemwise(ElemwiseKind::Add, total, jv, a.loc) : jv;
  }
  return total;
}

static ObjectPtr jacobianBuiltin(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(
      in, a, "jacobian",
      {"expression", "wrt", "consider_constant?", "disconnected_inputs?"});
  auto y = std::dynamic_pointer_cast<TensorObject>(v[0]);
  if (!y)
    in.error(a.loc, "jacobian: the expression must be symbolic, got " +
                        typeName(v[0]));
  if (v[2] && !isa<NoneObject>(v[2].get()))
    in.error(a.loc, "jacobian(consider_constant=...) is not supported by tcc "
                    "yet");
  auto [wrt, single] = wrtList(in, v[1], a.loc);
  std::vector<std::shared_ptr<TensorObject>> result;
  for (auto &w : wrt) {
    // A scalar expression's Jacobian is its gradient (as in Theano).
    if (in.tensors().rankOf(y) == 0) {
      std::string policy =
          v[3] ? stringArg(in, v[3], a.loc, "disconnected_inputs") : "raise";
      result.push_back(in.tensors().grad(y, {w}, {}, policy, a.loc).front());
      continue;
    }
    result.push_back(in.tensors().jacobian(y, w, a.loc));
  }
  return listOrSingle(result, single);
}

static ObjectPtr hessianBuiltin(Interpreter &in, CallArgs &a) {
  auto v =
      bindArgs(in, a, "hessian",
               {"cost", "wrt", "consider_constant?", "disconnected_inputs?"});
  auto cost = std::dynamic_pointer_cast<TensorObject>(v[0]);
  if (!cost)
    in.error(a.loc,
             "hessian: cost must be a symbolic scalar, got " + typeName(v[0]));
  std::vector<std::shared_ptr<TensorObject>> constants;
  if (v[2] && !isa<NoneObject>(v[2].get()))
    for (const ObjectPtr &c : iterate(in, v[2], a.loc))
      constants.push_back(symbolicArg(in, c, a.loc, "each consider_constant"));
  std::string policy =
      v[3] ? stringArg(in, v[3], a.loc, "disconnected_inputs") : "raise";
  auto [wrt, single] = wrtList(in, v[1], a.loc);
  std::vector<std::shared_ptr<TensorObject>> result;
  for (auto &w : wrt) {
    if (in.tensors().rankOf(w) != 1)
      in.error(a.loc, "hessian: wrt must be vectors (Theano's rule), '" +
                          w->name + "' has rank " +
                          std::to_string(in.tensors().rankOf(w)));
    // Theano: the Jacobian of the gradient.
    auto g = in.tensors().grad(cost, {w}, constants, policy, a.loc).front();
    result.push_back(in.tensors().jacobian(g, w, a.loc));
  }
  return listOrSingle(result, single);
}

//===----------------------------------------------------------------------===//
// theano.tensor functions
//===----------------------------------------------------------------------===//

/// The builtin families whose functions are also TensorVariable methods
/// (`x.argmax()`, `x.reshape()`, `x.diagonal()`...): the function for
/// `self` null, else the method of `self`; null for any other name.
static ObjectPtr functionOrMethod(llvm::StringRef qualified,
                                  llvm::StringRef name, ObjectPtr self) {
  for (auto lookup : {statisticsFunction, indexingFunction, repeatFunction,
                      matrixFunction, mathFunction, allocFunction,
                      arrayFunction})
    if (ObjectPtr f = lookup(qualified, name, self))
      return f;
  return nullptr;
}

static std::optional<UnaryKind> unaryByName(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<UnaryKind>>(name)
      .Case("neg", UnaryKind::Neg)
      .Case("abs_", UnaryKind::Abs)
      .Case("sqr", UnaryKind::Sqr)
      .Case("exp", UnaryKind::Exp)
      .Case("expm1", UnaryKind::Expm1)
      .Case("log", UnaryKind::Log)
      .Case("log1p", UnaryKind::Log1p)
      .Case("sqrt", UnaryKind::Sqrt)
      .Case("tanh", UnaryKind::Tanh)
      .Case("sigmoid", UnaryKind::Sigmoid)
      .Case("softplus", UnaryKind::Softplus)
      .Case("ultra_fast_sigmoid", UnaryKind::UltraFastSigmoid)
      .Case("invert", UnaryKind::Invert)
      .Case("bitwise_not", UnaryKind::Invert)
      .Case("sin", UnaryKind::Sin)
      .Case("cos", UnaryKind::Cos)
      .Case("tan", UnaryKind::Tan)
      .Case("arcsin", UnaryKind::Arcsin)
      .Case("arccos", UnaryKind::Arccos)
      .Case("arctan", UnaryKind::Arctan)
      .Case("sinh", UnaryKind::Sinh)
      .Case("cosh", UnaryKind::Cosh)
      .Case("arcsinh", UnaryKind::Arcsinh)
      .Case("arccosh", UnaryKind::Arccosh)
      .Case("arctanh", UnaryKind::Arctanh)
      .Case("exp2", UnaryKind::Exp2)
      .Case("log2", UnaryKind::Log2)
      .Case("log10", UnaryKind::Log10)
      .Case("erf", UnaryKind::Erf)
      .Case("erfc", UnaryKind::Erfc)
      .Case("erfinv", UnaryKind::Erfinv)
      .Case("erfcinv", UnaryKind::Erfcinv)
      .Case("erfcx", UnaryKind::Erfcx)
      .Case("gamma", UnaryKind::Gamma)
      .Case("gammaln", UnaryKind::GammaLn)
      .Case("psi", UnaryKind::Psi)
      .Case("tri_gamma", UnaryKind::TriGamma)
      .Case("trunc", UnaryKind::Trunc)
      .Case("floor", UnaryKind::Floor)
      .Case("ceil", UnaryKind::Ceil)
      .Case("round_half_to_even", UnaryKind::RoundHalfToEven)
      .Case("round_half_away_from_zero", UnaryKind::RoundHalfAwayFromZero)
      .Case("sgn", UnaryKind::Sgn)
      .Case("isnan", UnaryKind::IsNan)
      .Case("isinf", UnaryKind::IsInf)
      .Case("real", UnaryKind::Real)
      .Case("imag", UnaryKind::Imag)
      .Case("conj", UnaryKind::Conj)
      .Case("angle", UnaryKind::Angle)
      .Default(std::nullopt);
}

static std::optional<ElemwiseKind> binaryByName(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<ElemwiseKind>>(name)
      .Case("add", ElemwiseKind::Add)
      .Case("sub", ElemwiseKind::Sub)
      .Case("mul", ElemwiseKind::Mul)
      .Case("true_div", ElemwiseKind::TrueDiv)
      .Case("int_div", ElemwiseKind::IntDiv)
      .Case("floor_div", ElemwiseKind::IntDiv)
      .Case("mod", ElemwiseKind::Mod)
      .Case("pow", ElemwiseKind::Pow)
      .Case("maximum", ElemwiseKind::Maximum)
      .Case("minimum", ElemwiseKind::Minimum)
      .Case("and_", ElemwiseKind::And)
      .Case("or_", ElemwiseKind::Or)
      .Case("xor", ElemwiseKind::Xor)
      .Case("bitwise_and", ElemwiseKind::And)
      .Case("bitwise_or", ElemwiseKind::Or)
      .Case("bitwise_xor", ElemwiseKind::Xor)
      .Case("lt", ElemwiseKind::Lt)
      .Case("le", ElemwiseKind::Le)
      .Case("gt", ElemwiseKind::Gt)
      .Case("ge", ElemwiseKind::Ge)
      .Case("eq", ElemwiseKind::Eq)
      .Case("neq", ElemwiseKind::Neq)
      .Case("arctan2", ElemwiseKind::Arctan2)
      .Default(std::nullopt);
}

static std::optional<ReduceKind> reduceByName(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<ReduceKind>>(name)
      .Case("sum", ReduceKind::Sum)
      .Case("prod", ReduceKind::Prod)
      .Case("mean", ReduceKind::Mean)
      .Case("max", ReduceKind::Max)
      .Case("min", ReduceKind::Min)
      .Default(std::nullopt);
}

static ObjectPtr reduceCall(Interpreter &in, CallArgs &a, ReduceKind kind,
                            const ObjectPtr &self, llvm::StringRef name) {
  // prod's no_zeros_in_input only lets Theano pick a cheaper gradient;
  // the values are the same.
  std::vector<const char *> params = {"axis?", "dtype?", "keepdims?",
                                      "acc_dtype?"};
  if (kind == ReduceKind::Prod)
    params.push_back("no_zeros_in_input?");
  if (!self)
    params.insert(params.begin(), "input");
  std::vector<ObjectPtr> v = bindArgs(in, a, name, params);
  if (self)
    v.insert(v.begin(), self);
  ObjectPtr x = v[0];
  if (v[2] && !isa<NoneObject>(v[2].get()))
    x = in.tensors().cast(x, dtypeArgument(in, v[2], a.loc), a.loc);
  bool keepdims = v[3] && truthy(in, v[3], a.loc);
  return in.tensors().reduce(kind, x, v[1], keepdims, a.loc);
}

/// Theano's nnet.categorical_crossentropy(coding_dist, true_dist) with a
/// distribution (or one-hot matrix) as the truth:
/// -sum(true_dist * log(coding_dist), axis=-1). Stabilize turns
/// log(softmax(x)) inside it into log_softmax(x).
static ObjectPtr categoricalCrossentropy(Interpreter &in, CallArgs &a) {
  auto v =
      bindArgs(in, a, "categorical_crossentropy", {"coding_dist", "true_dist"});
  TensorBuilder &tb = in.tensors();
  TensorPtr coding = tb.asTensor(v[0], a.loc), truth = tb.asTensor(v[1], a.loc);
  int64_t rank = tb.rankOf(coding);
  if (rank == 0)
    in.error(a.loc, "categorical_crossentropy: the coding distribution must "
                    "have at least one dimension, got a scalar");
  if (tb.rankOf(truth) == rank - 1) {
    if (numpy::isDiscrete(tb.dtypeOf(truth)) && rank == 2) {
      // Theano's CrossentropyCategorical1Hot: -log(coding[i, truth[i]]),
      // the log taken before the gather so that stabilize makes
      // log(softmax(x)) log_softmax(x).
      TensorPtr logProbs = tb.unary(UnaryKind::Log, coding, a.loc);
      TensorPtr rows =
          tb.arange(Interpreter::integer(0), tb.dimSize(coding, 0, a.loc),
                    Interpreter::integer(1), DType::Int64, a.loc);
      return tb.unary(UnaryKind::Neg,
                      tb.advancedSubtensor(logProbs, {rows, truth}, a.loc),
                      a.loc);
    }
    if (numpy::isDiscrete(tb.dtypeOf(truth)))
      in.error(a.loc, "categorical_crossentropy with integer class labels "
                      "needs a matrix of coding distributions, got rank " +
                          std::to_string(rank));
    in.error(a.loc,
             "categorical_crossentropy: the true distribution has "
             "rank " +
                 std::to_string(rank - 1) + " and dtype " +
                 std::string(numpy::dtypeName(tb.dtypeOf(truth))) +
                 "; it must be integer class labels or a distribution of "
                 "the coding distribution's rank " +
                 std::to_string(rank));
  }
  if (tb.rankOf(truth) != rank)
    in.error(a.loc, "categorical_crossentropy: rank mismatch between coding "
                    "(rank " +
                        std::to_string(rank) + ") and true (rank " +
                        std::to_string(tb.rankOf(truth)) + ") distributions");
  TensorPtr terms = tb.elemwise(ElemwiseKind::Mul, truth,
                                tb.unary(UnaryKind::Log, coding, a.loc), a.loc);
  TensorPtr total = tb.reduce(ReduceKind::Sum, terms,
                              Interpreter::integer(rank - 1), false, a.loc);
  return tb.unary(UnaryKind::Neg, total, a.loc);
}

/// Theano's nnet.binary_crossentropy(output, target):
/// -(target * log(output) + (1 - target) * log(1 - output)).
static ObjectPtr binaryCrossentropy(Interpreter &in, CallArgs &a) {
  auto v = bindArgs(in, a, "binary_crossentropy", {"output", "target"});
  TensorBuilder &tb = in.tensors();
  ObjectPtr one = Interpreter::floating(1.0);
  auto log = [&](const ObjectPtr &x) {
    return tb.unary(UnaryKind::Log, x, a.loc);
  };
  auto sub = [&](const ObjectPtr &l, const ObjectPtr &r) {
    return tb.elemwise(ElemwiseKind::Sub, l, r, a.loc);
  };
  auto mul = [&](const ObjectPtr &l, const ObjectPtr &r) {
    return tb.elemwise(ElemwiseKind::Mul, l, r, a.loc);
  };
  TensorPtr sum = tb.elemwise(ElemwiseKind::Add, mul(v[1], log(v[0])),
                              mul(sub(one, v[1]), log(sub(one, v[0]))), a.loc);
  return tb.unary(UnaryKind::Neg, sum, a.loc);
}

ObjectPtr eval::theanoAttribute(Interpreter &interp, const std::string &module,
                                llvm::StringRef name, Location loc) {
  std::string qualified = module + "." + name.str();
  if (module == "theano.config") {
    if (name == "floatX")
      return Interpreter::string(
          std::string(numpy::dtypeName(interp.getFloatX())));
    if (name == "device")
      return Interpreter::string("cpu");
    interp.error(loc,
                 "theano.config." + name.str() + " is not a flag tcc knows");
  }
  if (module == "theano" || module == "theano.compile") {
    if (name == "shared")
      return makeBuiltin(qualified, sharedBuiltin);
    if (name == "function")
      return makeBuiltin(qualified, functionBuiltin);
    if (name == "In")
      return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
        return inBuiltin(in, a, "value?");
      });
    if (name == "Param")
      return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
        return inBuiltin(in, a, "default?");
      });
  }
  if (module == "theano.ifelse" && name == "ifelse")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "ifelse",
                        {"condition", "then_branch", "else_branch", "name?"});
      TensorBuilder &tb = in.tensors();
      // Lists of branches pair up, as in Theano.
      bool thenList = isa<ListObject, TupleObject>(v[1].get());
      bool elseList = isa<ListObject, TupleObject>(v[2].get());
      if (!thenList && !elseList)
        return std::static_pointer_cast<Object>(
            tb.ifElse(v[0], v[1], v[2], a.loc));
      ObjectList thens = thenList ? iterate(in, v[1], a.loc) : ObjectList{v[1]};
      ObjectList elses = elseList ? iterate(in, v[2], a.loc) : ObjectList{v[2]};
      if (thens.size() != elses.size())
        in.error(a.loc, llvm::formatv("ifelse: the then branch has {0} values "
                                      "but the else branch {1}",
                                      thens.size(), elses.size()));
      auto out = std::make_shared<ListObject>();
      for (auto [t, e] : llvm::zip(thens, elses))
        out->items.push_back(tb.ifElse(v[0], t, e, a.loc));
      return std::static_pointer_cast<Object>(out);
    });
  bool gradModule = module == "theano" || module == "theano.tensor" ||
                    module == "theano.gradient";
  if (gradModule && name == "grad")
    return makeBuiltin(qualified, gradBuiltin);
  if (gradModule && name == "Lop")
    return makeBuiltin(qualified, lopBuiltin);
  if (gradModule && name == "jacobian")
    return makeBuiltin(qualified, jacobianBuiltin);
  if (gradModule && name == "hessian")
    return makeBuiltin(qualified, hessianBuiltin);
  if (gradModule && name == "Rop")
    return makeBuiltin(qualified, ropBuiltin);
  if (gradModule && (name == "zero_grad" || name == "disconnected_grad"))
    return makeBuiltin(
        qualified, [disconnected = name == "disconnected_grad",
                    n = name.str()](Interpreter &in, CallArgs &a) {
          auto v = bindArgs(in, a, n, {"x"});
          return std::static_pointer_cast<Object>(in.tensors().gradientStop(
              in.tensors().asTensor(v[0], a.loc), disconnected, a.loc));
        });
  if (name == "pp" || name == "pprint" || name == "pydotprint" ||
      name == "debugprint" || name == "pydotprint_variables")
    // Importing is fine (scripts import pp at the top); printing a graph is
    // a Python-time action.
    return makeBuiltin(
        qualified, [n = name.str()](Interpreter &in, CallArgs &a) -> ObjectPtr {
          in.error(a.loc, "'" + n +
                              "' prints a graph from Python; use "
                              "`tcc --emit=th` to see the graph");
        });
  if (module == "theano" || module == "theano.scan_module") {
    if (ObjectPtr f = scanFunction(qualified, name))
      return f;
  }

  if (module == "theano.tensor.shared_randomstreams" && name == "RandomStreams")
    return randomStreamsConstructor(qualified, /*mrg=*/false);
  if (module == "theano.sandbox.rng_mrg" && name == "MRG_RandomStreams")
    return randomStreamsConstructor(qualified, /*mrg=*/true);
  if (module == "theano.tensor.xlogx") {
    if (ObjectPtr f = xlogxFunction(qualified, name))
      return f;
    interp.error(loc, "'" + qualified + "' is not supported by tcc");
  }
  if (module == "theano.tensor.extra_ops") {
    if (ObjectPtr f = repeatFunction(qualified, name, nullptr))
      return f;
    if (name == "fill_diagonal" || name == "fill_diagonal_offset" ||
        name == "to_one_hot")
      return matrixFunction(qualified, name, nullptr);
    if (name == "diff")
      return mathFunction(qualified, name, nullptr);
    if (name == "squeeze")
      return indexingFunction(qualified, name, nullptr);
    interp.error(loc, "'" + qualified + "' is not supported by tcc");
  }
  if (module == "theano.tensor.signal.pool" ||
      module == "theano.tensor.signal.downsample" ||
      module == "theano.tensor.nnet.conv" ||
      module == "theano.tensor.nnet.abstract_conv") {
    bool known = module == "theano.tensor.signal.pool" ? name == "pool_2d"
                 : module == "theano.tensor.signal.downsample"
                     ? name == "max_pool_2d"
                     : name == "conv2d";
    if (known)
      return nnetFunction(qualified, name);
    interp.error(loc, "'" + qualified + "' is not supported by tcc");
  }
  bool nnetModule = module == "theano.tensor.nnet" ||
                    module == "theano.tensor.nnet.nnet" ||
                    module == "theano.tensor.nnet.sigm";
  if (nnetModule)
    if (ObjectPtr f = nnetFunction(qualified, name))
      return f;
  bool tensorModule = module == "theano.tensor" || module == "theano" ||
                      module == "theano.tensor.nnet" ||
                      module == "theano.tensor.nnet.nnet" ||
                      module == "theano.tensor.nnet.sigm";
  if (!tensorModule)
    interp.error(loc, "module '" + module + "' has no attribute '" +
                          name.str() + "' in tcc");

  if (module == "theano.tensor" || module == "theano") {
    if (name == "config")
      return std::make_shared<ModuleObject>("theano.config");
    if (auto parsed = parseTypeName(name))
      return typeConstructor(interp, name, std::get<0>(*parsed),
                             std::get<1>(*parsed), std::get<2>(*parsed));
    if (name == "tensor" || name == "TensorType")
      return makeBuiltin(qualified, [isType = name == "TensorType"](
                                        Interpreter &in, CallArgs &a) {
        auto v =
            bindArgs(in, a, "tensor", {"dtype?", "broadcastable?", "name?"});
        DType dt = v[0] ? dtypeArgument(in, v[0], a.loc) : in.getFloatX();
        std::vector<bool> pattern;
        if (v[1])
          pattern = boolList(in, v[1], a.loc);
        else if (isType)
          in.error(a.loc, "TensorType needs a broadcastable pattern");
        if (isType)
          return makeBuiltin("TensorType", [dt, pattern](Interpreter &in2,
                                                         CallArgs &a2) {
            auto v2 = bindArgs(in2, a2, "TensorType", {"name?"});
            return std::static_pointer_cast<Object>(in2.tensors().variable(
                dt, pattern, stringArg(in2, v2[0], a2.loc, "name"), a2.loc));
          });
        return std::static_pointer_cast<Object>(in.tensors().variable(
            dt, pattern, stringArg(in, v[2], a.loc, "name"), a.loc));
      });
  }

  if (auto u = unaryByName(name))
    return makeBuiltin(
        qualified, [kind = *u, n = name.str()](Interpreter &in, CallArgs &a) {
          auto v = bindArgs(in, a, n, {"x"});
          return std::static_pointer_cast<Object>(
              in.tensors().unary(kind, v[0], a.loc));
        });
  if (name == "complex")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "complex", {"real", "imag"});
      return std::static_pointer_cast<Object>(
          in.tensors().complexFromParts(v[0], v[1], a.loc));
    });
  if (auto b = binaryByName(name))
    return makeBuiltin(
        qualified, [kind = *b, n = name.str()](Interpreter &in, CallArgs &a) {
          auto v = bindArgs(in, a, n, {"a", "b"});
          return std::static_pointer_cast<Object>(
              in.tensors().elemwise(kind, v[0], v[1], a.loc));
        });
  if (auto r = reduceByName(name))
    return makeBuiltin(
        qualified, [kind = *r, n = name.str()](Interpreter &in, CallArgs &a) {
          return reduceCall(in, a, kind, nullptr, n);
        });
  if (name == "softmax" || name == "logsoftmax" || name == "log_softmax")
    return makeBuiltin(qualified, [log = name != "softmax", n = name.str()](
                                      Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, n, {"c"});
      return std::static_pointer_cast<Object>(
          in.tensors().softmax(v[0], log, n, a.loc));
    });
  if (name == "categorical_crossentropy")
    return makeBuiltin(qualified, categoricalCrossentropy);
  if (name == "binary_crossentropy")
    return makeBuiltin(qualified, binaryCrossentropy);
  if (name == "dot")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "dot", {"a", "b"});
      return std::static_pointer_cast<Object>(
          in.tensors().dot(v[0], v[1], a.loc));
    });
  if (name == "switch" || name == "where")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "switch", {"cond", "ift", "iff"});
      return std::static_pointer_cast<Object>(
          in.tensors().switchOp(v[0], v[1], v[2], a.loc));
    });
  if (name == "cast")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "cast", {"x", "dtype"});
      return std::static_pointer_cast<Object>(
          in.tensors().cast(v[0], dtypeArgument(in, v[1], a.loc), a.loc));
    });
  if (name == "transpose")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "transpose", {"x", "axes?"});
      ObjectList axes;
      if (v[1] && !isa<NoneObject>(v[1].get()))
        axes = iterate(in, v[1], a.loc);
      return std::static_pointer_cast<Object>(in.tensors().transpose(
          in.tensors().asTensor(v[0], a.loc), a.loc, axes));
    });
  if (ObjectPtr f = shapeFunction(qualified, name))
    return f;
  if (ObjectPtr f = contractionFunction(qualified, name))
    return f;
  if (ObjectPtr f = functionOrMethod(qualified, name, nullptr))
    return f;
  if (name == "as_tensor_variable" || name == "as_tensor" || name == "constant")
    return makeBuiltin(qualified, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "as_tensor_variable", {"x", "name?", "ndim?"});
      return std::static_pointer_cast<Object>(
          in.tensors().asTensor(v[0], a.loc));
    });
  interp.error(loc, "'" + qualified + "' is not supported by tcc");
}

//===----------------------------------------------------------------------===//
// Methods of symbolic tensors
//===----------------------------------------------------------------------===//

ObjectPtr eval::tensorAttribute(Interpreter &interp,
                                const std::shared_ptr<TensorObject> &t,
                                llvm::StringRef name, Location loc) {
  TensorBuilder &tb = interp.tensors();
  std::string qualified = "TensorVariable." + name.str();
  if (auto r = reduceByName(name))
    return makeBuiltin(qualified, [t, kind = *r, n = name.str()](
                                      Interpreter &in, CallArgs &a) {
      return reduceCall(in, a, kind, t, n);
    });
  if (ObjectPtr f = functionOrMethod(qualified, name, t))
    return f;
  if (name == "T")
    return tb.transpose(t, loc);
  if (name == "transpose")
    return makeBuiltin(qualified, [t](Interpreter &in, CallArgs &a) {
      // x.transpose(1, 0, 2) or x.transpose((1, 0, 2)), as in NumPy.
      if (!a.keywords.empty())
        in.error(a.loc, "transpose: takes the axes as positional arguments");
      ObjectList axes = a.positional;
      if (axes.size() == 1 && isa<ListObject, TupleObject>(axes[0].get()))
        axes = iterate(in, axes[0], a.loc);
      return std::static_pointer_cast<Object>(
          in.tensors().transpose(t, a.loc, axes));
    });
  if (name == "dot")
    return makeBuiltin(qualified, [t](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "dot", {"b"});
      return std::static_pointer_cast<Object>(in.tensors().dot(t, v[0], a.loc));
    });
  if (name == "dimshuffle")
    return makeBuiltin(qualified, [t](Interpreter &in, CallArgs &a) {
      ObjectList items = a.positional;
      if (items.size() == 1 && isa<ListObject, TupleObject>(items[0].get()))
        items = iterate(in, items[0], a.loc);
      std::vector<int64_t> pattern;
      for (const ObjectPtr &p : items) {
        if (auto *s = dyn_cast<StrObject>(p.get()); s && s->value == "x") {
          pattern.push_back(-1);
          continue;
        }
        auto i = asInt(p);
        if (!i)
          in.error(a.loc, "dimshuffle takes dimension numbers and 'x', got " +
                              repr(p));
        pattern.push_back(*i);
      }
      return std::static_pointer_cast<Object>(
          in.tensors().dimshuffle(t, pattern, a.loc));
    });
  if (name == "astype")
    return makeBuiltin(qualified, [t](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "astype", {"dtype"});
      return std::static_pointer_cast<Object>(
          in.tensors().cast(t, dtypeArgument(in, v[0], a.loc), a.loc));
    });
  if (name == "name")
    return t->name.empty() ? Interpreter::none() : Interpreter::string(t->name);
  if (name == "ndim")
    return Interpreter::integer(tb.rankOf(t));
  if (name == "dtype")
    return Interpreter::string(std::string(numpy::dtypeName(tb.dtypeOf(t))));
  if (name == "broadcastable") {
    auto tuple = std::make_shared<TupleObject>();
    for (bool b : tb.broadcastableOf(t))
      tuple->items.push_back(Interpreter::boolean(b));
    return tuple;
  }
  if (name == "type")
    return Interpreter::string(tb.typeString(t->value.getType()));
  // Theano's complex parts are properties; conj is a method.
  if (name == "real" || name == "imag")
    return tb.unary(name == "real" ? UnaryKind::Real : UnaryKind::Imag, t,
                    loc);
  if (name == "conj" || name == "conjugate")
    return makeBuiltin(qualified, [t, n = name.str()](Interpreter &in,
                                                      CallArgs &a) {
      bindArgs(in, a, n, {});
      return std::static_pointer_cast<Object>(
          in.tensors().unary(UnaryKind::Conj, t, a.loc));
    });
  if (name == "tag") {
    // `x.tag.test_value = v` gives x a concrete shape for compile-time shape
    // checks (Theano's compute_test_value): see TestShapes.cpp.
    if (!t->tag) {
      static auto tagClass = [] {
        auto cls = std::make_shared<ClassObject>();
        cls->name = "ValidatingScratchpad";
        return cls;
      }();
      t->tag = std::make_shared<InstanceObject>();
      t->tag->cls = tagClass;
      tb.registerTag(t->tag.get(), t->value);
    }
    return t->tag;
  }
  if (!t->sharedSymbol.empty()) {
    if (name == "get_value")
      return makeBuiltin(qualified, [t](Interpreter &in, CallArgs &a) {
        bindArgs(in, a, "get_value", {"borrow?", "return_internal_type?"});
        return std::static_pointer_cast<Object>(
            std::make_shared<ArrayObject>(*t->sharedValue));
      });
    if (name == "set_value")
      return makeBuiltin(qualified, [t](Interpreter &in, CallArgs &a) {
        auto v = bindArgs(in, a, "set_value", {"value", "borrow?"});
        FailureOr<numpy::NDArray> value = objectToArray(in, v[0], a.loc);
        // Theano's filter: a safe upcast, or Python numbers that the
        // variable's dtype holds exactly.
        DType want = t->sharedValue->dtype();
        if (value->dtype() != want) {
          numpy::Result<numpy::NDArray> converted = value->astype(want);
          bool exact =
              converted && (numpy::canCastSafely(value->dtype(), want) ||
                            (!isa<ArrayObject>(v[0].get()) &&
                             converted->astype(value->dtype()).ok() &&
                             *converted->astype(value->dtype()) == *value));
          if (!exact)
            in.error(a.loc, std::string("set_value: '") + t->name + "' is " +
                                std::string(numpy::dtypeName(want)) +
                                " and the new value (" +
                                std::string(numpy::dtypeName(value->dtype())) +
                                ") does not convert to it exactly");
          value = converted.take();
        }
        in.tensors().setSharedValue(t, *value, a.loc);
        return Interpreter::none();
      });
  }
  if (name == "shape")
    return tb.shapeOf(t, loc);
  if (name == "size") {
    // The product of the dimensions, an int64 scalar.
    ObjectPtr size = Interpreter::integer(1);
    for (const ObjectPtr &d : iterate(interp, tb.shapeOf(t, loc), loc))
      size = tb.elemwise(ElemwiseKind::Mul, size, d, loc);
    return size;
  }
  interp.error(loc, "'" + typeName(t) + "' object has no attribute '" +
                        name.str() + "'");
}
