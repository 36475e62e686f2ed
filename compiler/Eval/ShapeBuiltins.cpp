//===- ShapeBuiltins.cpp - theano.tensor's join and padding functions -----===//
//
// T.concatenate, T.join, T.stack, T.horizontal_stack, T.vertical_stack and
// the shape_pad* family, with Theano 1.0's signatures.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static ObjectList tensorList(Interpreter &in, const ObjectPtr &v,
                             llvm::StringRef function, Location loc) {
  if (!isa<ListObject, TupleObject>(v.get()))
    in.error(loc, function + ": the tensors must be given as a list or a "
                             "tuple, got " + typeName(v));
  return iterate(in, v, loc);
}

static ObjectPtr stackBuiltin(Interpreter &in, CallArgs &a) {
  // stack(tensors, axis=0), or the older stack(*tensors).
  ObjectPtr axisObj;
  for (auto &[key, value] : a.keywords) {
    if (key != "axis")
      in.error(a.loc, "stack() got an unexpected keyword argument '" + key +
                          "'");
    axisObj = value;
  }
  if (a.positional.empty())
    in.error(a.loc, "stack: needs at least one tensor");
  ObjectList tensors = a.positional;
  if (isa<ListObject, TupleObject>(a.positional[0].get())) {
    if (a.positional.size() > 2)
      in.error(a.loc, "stack(tensors, axis) takes at most 2 positional "
                      "arguments");
    if (a.positional.size() == 2) {
      if (axisObj)
        in.error(a.loc, "stack() got multiple values for argument 'axis'");
      axisObj = a.positional[1];
    }
    tensors = iterate(in, a.positional[0], a.loc);
  }
  if (tensors.empty())
    in.error(a.loc, "stack: needs at least one tensor");
  int64_t axis = intArgument(in, axisObj, 0, "stack", "axis", a.loc);
  ObjectList padded;
  for (const ObjectPtr &t : tensors)
    padded.push_back(in.tensors().padAxis(t, axis, "stack", a.loc));
  return in.tensors().join(padded, axis, "stack", a.loc);
}

ObjectPtr eval::shapeFunction(llvm::StringRef qualified, llvm::StringRef name) {
  if (name == "stack")
    return makeBuiltin(qualified.str(), stackBuiltin);
  if (name == "concatenate")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "concatenate", {"tensor_list", "axis?"});
      ObjectList tensors = tensorList(in, v[0], "concatenate", a.loc);
      int64_t axis = intArgument(in, v[1], 0, "concatenate", "axis", a.loc);
      return std::static_pointer_cast<Object>(
          in.tensors().join(tensors, axis, "concatenate", a.loc));
    });
  if (name == "join")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "join", {"axis", "*"});
      int64_t axis = intArgument(in, v[0], 0, "join", "axis", a.loc);
      return std::static_pointer_cast<Object>(
          in.tensors().join(iterate(in, v[1], a.loc), axis, "join", a.loc));
    });
  if (name == "horizontal_stack" || name == "vertical_stack")
    return makeBuiltin(qualified.str(), [n = name.str()](Interpreter &in,
                                                         CallArgs &a) {
      // Theano's: matrices only, joined along columns or rows.
      auto v = bindArgs(in, a, n, {"*"});
      ObjectList tensors = iterate(in, v[0], a.loc);
      for (const ObjectPtr &t : tensors)
        if (in.tensors().rankOf(in.tensors().asTensor(t, a.loc)) != 2)
          in.error(a.loc, n + ": every argument must be a matrix");
      return std::static_pointer_cast<Object>(in.tensors().join(
          tensors, n == "horizontal_stack" ? 1 : 0, n, a.loc));
    });
  if (name == "addbroadcast" || name == "unbroadcast")
    return makeBuiltin(qualified.str(), [n = name.str()](Interpreter &in,
                                                         CallArgs &a) {
      // addbroadcast(x, *axes) / unbroadcast(x, *axes).
      auto v = bindArgs(in, a, n, {"x", "*"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      std::vector<bool> pattern = tb.broadcastableOf(x);
      for (int64_t axis : tb.distinctAxes(iterate(in, v[1], a.loc),
                                          tb.rankOf(x), n, a.loc))
        pattern[axis] = n == "addbroadcast";
      return std::static_pointer_cast<Object>(
          tb.rebroadcast(x, pattern, n, a.loc));
    });
  if (name == "patternbroadcast")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "patternbroadcast", {"x", "broadcastable"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      std::vector<bool> pattern;
      for (const ObjectPtr &item : iterate(in, v[1], a.loc))
        pattern.push_back(truthy(in, item, a.loc));
      if (static_cast<int64_t>(pattern.size()) != tb.rankOf(x))
        in.error(a.loc, llvm::formatv("patternbroadcast: the pattern has {0} "
                                      "entries but the tensor has rank {1}",
                                      pattern.size(), tb.rankOf(x)));
      return std::static_pointer_cast<Object>(
          tb.rebroadcast(x, pattern, "patternbroadcast", a.loc));
    });
  if (name == "shape_padaxis")
    return makeBuiltin(qualified.str(), [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "shape_padaxis", {"t", "axis"});
      int64_t axis = intArgument(in, v[1], 0, "shape_padaxis", "axis", a.loc);
      return std::static_pointer_cast<Object>(
          in.tensors().padAxis(v[0], axis, "shape_padaxis", a.loc));
    });
  if (name == "shape_padleft" || name == "shape_padright")
    return makeBuiltin(qualified.str(), [n = name.str()](Interpreter &in,
                                                         CallArgs &a) {
      auto v = bindArgs(in, a, n, {"t", "n_ones?"});
      int64_t count = intArgument(in, v[1], 1, n, "n_ones", a.loc);
      if (count < 0)
        in.error(a.loc, n + ": n_ones must not be negative");
      ObjectPtr t = in.tensors().asTensor(v[0], a.loc);
      for (int64_t i = 0; i < count; ++i)
        t = in.tensors().padAxis(t, n == "shape_padleft" ? 0 : -1, n, a.loc);
      return t;
    });
  return nullptr;
}
