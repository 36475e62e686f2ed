//===- FunctionBuilder.cpp - theano.function -> th.func -------------------===//
//
// As in Theano, the graph is global and each function takes the part its
// outputs and updates need: the backward slice of those values is cloned
// into the th.func, symbolic inputs become arguments, and a symbolic variable
// the slice needs but the inputs do not list is Theano's MissingInputError.
//
//===----------------------------------------------------------------------===//

#include "Eval/ArrayAttr.h"
#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

#include "Passes/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static bool isIdentifier(llvm::StringRef name) {
  if (name.empty() || !(isalpha(name[0]) || name[0] == '_'))
    return false;
  return llvm::all_of(name, [](char c) { return isalnum(c) || c == '_'; });
}

static std::string describe(const std::shared_ptr<TensorObject> &t,
                            size_t index, const char *what) {
  if (!t->name.empty())
    return "'" + t->name + "'";
  return llvm::formatv("{0} {1}", what, index);
}

/// A variable the function's graph uses but its inputs do not list is
/// Theano's MissingInputError, unless the only use is a th.grad whose
/// expansion does not need its value (the gradient of x.W with respect to W
/// is x): Theano builds gradients eagerly, so those graphs never see it. Such
/// functions get their gradients expanded here.
static void reportMissingInputs(Interpreter &interp, th::FuncOp func,
                                const std::string &name) {
  SmallVector<Operation *> grads;
  func.walk([&](Operation *op) {
    if (isa<th::GradOp, th::JacobianOp>(op))
      grads.push_back(op);
  });
  for (Operation *g : grads)
    if (failed(tcc::expandGradient(g)))
      interp.error(func.getLoc(), "internal: cannot expand a gradient of "
                                  "function '" +
                                      name + "'");
  // Dead code left by the expansion (the forward graph only the gradient
  // used) must not keep a variable alive.
  Block &body = func.getBody().front();
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation &op : llvm::make_early_inc_range(llvm::reverse(body)))
      if (isOpTriviallyDead(&op)) {
        op.erase();
        changed = true;
      }
  }
  func.walk([&](th::VariableOp var) {
    std::string v =
        var.getName().empty() ? std::string("<unnamed>") : var.getName().str();
    interp.error(func.getLoc(),
                 "function '" + name + "' needs symbolic variable '" + v +
                     "' to compute its outputs, but it is not one of its "
                     "inputs (Theano's MissingInputError)",
                 var.getLoc(), "'" + v + "' is declared here");
  });
}

/// The value that stands for `v` in `fn`'s graph: its givens replacement,
/// or itself.
static Value substituted(const TheanoFunctionObject &fn, Value v) {
  for (auto &[var, value] : fn.givens)
    if (var->value == v)
      return value->value;
  return v;
}

/// The ops `worklist` needs in the global graph; `step` (when given) says
/// which value stands for each value reached (givens' substitution).
static llvm::SetVector<Operation *>
backwardSlice(SmallVector<Value> worklist,
              llvm::function_ref<Value(Value)> step = nullptr) {
  llvm::SetVector<Operation *> slice;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (step)
      v = step(v);
    Operation *def = v.getDefiningOp();
    if (!def || !slice.insert(def))
      continue;
    for (Value operand : def->getOperands())
      worklist.push_back(operand);
  }
  return slice;
}

llvm::SetVector<Operation *>
eval::functionSlice(const TheanoFunctionObject &fn) {
  // The backward slice of outputs and updates in the global graph.
  SmallVector<Value> roots;
  for (auto &out : fn.outputs)
    roots.push_back(out->value);
  for (auto &upd : fn.updates)
    roots.push_back(upd.second->value);
  return backwardSlice(roots, [&](Value v) { return substituted(fn, v); });
}

/// The ops givens' replacements need; they are cloned first, since a
/// replacement may be built after the graph that uses the variable. Theano
/// substitutes simultaneously, so a replacement that needs a replaced
/// variable (or itself) is rejected rather than silently substituted.
static llvm::SetVector<Operation *>
replacementSlice(Interpreter &interp, const TheanoFunctionObject &fn) {
  llvm::SetVector<Operation *> slice;
  for (auto &[var, value] : fn.givens) {
    auto rejectReplaced = [&, &var = var](Value v) {
      for (auto &[other, unused] : fn.givens)
        if (other->value == v)
          interp.error(fn.loc, "givens: the replacement for '" + var->name +
                                   "' depends on '" + other->name +
                                   "', which givens also replaces (Theano "
                                   "substitutes all givens at once)");
      return v;
    };
    slice.set_union(backwardSlice({value->value}, rejectReplaced));
  }
  return slice;
}

static LogicalResult buildFunction(Interpreter &interp, TensorBuilder &tb,
                                   ModuleOp module,
                                   const TheanoFunctionObject &fn) {
  Location loc = fn.loc;
  if (!isIdentifier(fn.name))
    interp.error(loc, "function name '" + fn.name +
                          "' must be a C identifier (it names the exported "
                          "symbol tcc_fn_" +
                          fn.name + ")");
  if (SymbolTable::lookupSymbolIn(module, fn.name))
    interp.error(loc, "two functions or shared variables are named '" +
                          fn.name + "'; pass name=... to tell them apart");

  llvm::SetVector<Operation *> slice = functionSlice(fn);

  OpBuilder builder(module.getContext());
  builder.setInsertionPointToEnd(module.getBody());
  SmallVector<Type> argTypes, resultTypes;
  for (auto &in : fn.inputs)
    argTypes.push_back(in->value.getType());
  for (auto &out : fn.outputs)
    resultTypes.push_back(out->value.getType());
  auto func = th::FuncOp::create(builder, loc, fn.name,
                                 builder.getFunctionType(argTypes, resultTypes),
                                 /*arg_attrs=*/nullptr, /*res_attrs=*/nullptr);
  Block *body = new Block();
  func.getBody().push_back(body);

  IRMapping mapping;
  SmallVector<Attribute> argAttrs;
  for (size_t i = 0; i < fn.inputs.size(); ++i) {
    const auto &in = fn.inputs[i];
    BlockArgument arg = body->addArgument(in->value.getType(), loc);
    for (size_t j = 0; j < i; ++j)
      if (fn.inputs[j]->value == in->value)
        interp.error(loc,
                     "input " + describe(in, i, "input") + " is given twice");
    if (!slice.contains(in->value.getDefiningOp()) && !fn.ignoreUnusedInputs)
      interp.error(loc,
                   llvm::formatv("input {0} of function '{1}' is not used to "
                                 "compute any output or update (Theano's "
                                 "UnusedInputError); pass "
                                 "on_unused_input='ignore' to allow it",
                                 describe(in, i, "input"), fn.name));
    mapping.map(in->value, arg);
    SmallVector<NamedAttribute> attrs;
    attrs.push_back(builder.getNamedAttr(
        "th.name",
        builder.getStringAttr(in->name.empty() ? "input" + std::to_string(i)
                                               : in->name)));
    if (fn.defaults[i]) {
      numpy::DType dtype = tb.dtypeOf(in);
      FailureOr<numpy::NDArray> value =
          objectToArray(interp, fn.defaults[i], loc, dtype);
      auto type = cast<RankedTensorType>(in->value.getType());
      if (int64_t(value->shape().size()) != type.getRank())
        interp.error(loc, "the default value of input " +
                              describe(in, i, "input") + " has rank " +
                              std::to_string(value->shape().size()) +
                              " but the input has rank " +
                              std::to_string(type.getRank()));
      attrs.push_back(builder.getNamedAttr(
          "th.default", toElementsAttr(*value, type.getElementType())));
    } else {
      // Callers leave out trailing inputs only (as the C API does).
      for (size_t j = 0; j < i; ++j)
        if (fn.defaults[j])
          interp.error(loc, "input " + describe(in, i, "input") +
                                " without a default follows input " +
                                describe(fn.inputs[j], j, "input") +
                                ", which has one");
    }
    argAttrs.push_back(builder.getDictionaryAttr(attrs));
  }
  func.setArgAttrsAttr(builder.getArrayAttr(argAttrs));

  builder.setInsertionPointToEnd(body);
  bool unboundVariables = false;
  auto cloneInGraphOrder = [&](const llvm::SetVector<Operation *> &ops) {
    for (Operation &op : tb.getGraph()) {
      if (!ops.contains(&op) ||
          (op.getNumResults() && mapping.contains(op.getResult(0))))
        continue;
      if (isa<th::VariableOp>(op))
        unboundVariables = true;
      builder.clone(op, mapping);
    }
  };
  cloneInGraphOrder(replacementSlice(interp, fn));
  for (auto &[var, value] : fn.givens)
    mapping.map(var->value, mapping.lookup(value->value));
  cloneInGraphOrder(slice);
  for (auto &upd : fn.updates)
    th::UpdateOp::create(builder, loc, upd.first->sharedSymbol,
                         mapping.lookup(upd.second->value));
  SmallVector<Value> outputs;
  SmallVector<Attribute> resAttrs;
  for (size_t i = 0; i < fn.outputs.size(); ++i) {
    outputs.push_back(mapping.lookupOrDefault(fn.outputs[i]->value));
    std::string name = fn.outputs[i]->name.empty()
                           ? "output" + std::to_string(i)
                           : fn.outputs[i]->name;
    resAttrs.push_back(builder.getDictionaryAttr(
        {builder.getNamedAttr("th.name", builder.getStringAttr(name))}));
  }
  th::ReturnOp::create(builder, loc, outputs);
  func.setResAttrsAttr(builder.getArrayAttr(resAttrs));
  if (unboundVariables)
    reportMissingInputs(interp, func, fn.name);
  if (!fn.outputIsList)
    func->setAttr("th.single_output", builder.getUnitAttr());
  if (fn.allowInputDowncast)
    func->setAttr("th.allow_input_downcast", builder.getUnitAttr());
  return success();
}

LogicalResult Interpreter::buildFunctions(ModuleOp module) {
  for (size_t i = 0; i < functions.size(); ++i) {
    TheanoFunctionObject &fn = *functions[i];
    if (fn.name.empty())
      fn.name = "f" + std::to_string(i);
    if (failed(buildFunction(*this, *tensorBuilder, module, fn)))
      return failure();
  }
  return success();
}

LogicalResult Interpreter::addEvalFunction(ModuleOp module,
                                           llvm::StringRef name) {
  try {
    auto it = globals->vars.find(name);
    Location loc = FileLineColLoc::get(&context, filename, 1, 1);
    if (it == globals->vars.end())
      error(loc, "'" + name +
                     "' is neither a function nor a variable of the "
                     "model");
    auto t = std::dynamic_pointer_cast<TensorObject>(it->second);
    if (!t)
      error(loc, "'" + name + "' is a " + typeName(it->second) +
                     ", not a function or a symbolic variable");
    TheanoFunctionObject fn(t->value.getLoc());
    fn.name = name.str();
    fn.outputs.push_back(t);
    fn.outputIsList = false;
    // Inputs: every symbolic variable the value depends on, in declaration
    // order (as var.eval({...}) would need them).
    llvm::SetVector<Operation *> slice = backwardSlice({t->value});
    for (Operation &op : tensorBuilder->getGraph())
      if (auto var = dyn_cast<th::VariableOp>(op); var && slice.contains(&op)) {
        auto in = std::make_shared<TensorObject>(var.getResult());
        in->name = var.getName().str();
        fn.inputs.push_back(in);
        fn.defaults.push_back(nullptr);
      }
    if (SymbolTable::lookupSymbolIn(module, name))
      error(loc, "'" + name + "' is already a function of the model");
    return buildFunction(*this, *tensorBuilder, module, fn);
  } catch (EvalError &err) {
    reportError(err);
    return failure();
  }
}
