//===- IndexingBuiltins.cpp - reshape, flatten, set/inc_subtensor ---------===//
//
// The theano.tensor functions and TensorVariable methods built on
// TensorIndexing.cpp, with Theano 1.0's signatures.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static std::optional<int64_t> optionalInt(Interpreter &in, const ObjectPtr &v,
                                          llvm::StringRef what, Location loc) {
  if (!v || isa<NoneObject>(v.get()))
    return std::nullopt;
  std::optional<int64_t> i = asInt(v);
  if (!i)
    in.error(loc, what + " must be an int, got " + typeName(v));
  return i;
}

/// flatten's ndim (Theano 1.0) or its deprecated name outdim; default 1.
static int64_t flattenNDim(Interpreter &in, const ObjectPtr &ndim,
                           const ObjectPtr &outdim, Location loc) {
  std::optional<int64_t> n = optionalInt(in, ndim, "flatten: ndim", loc);
  std::optional<int64_t> o = optionalInt(in, outdim, "flatten: outdim", loc);
  if (n && o)
    in.error(loc, "flatten: give ndim or outdim, not both");
  return n ? *n : o.value_or(1);
}

ObjectPtr eval::indexingFunction(llvm::StringRef qualified,
                                 llvm::StringRef name, ObjectPtr self) {
  std::string q = qualified.str();
  if (name == "reshape")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      // Theano names the shape `newshape` in T.reshape, `shape` in the
      // method.
      auto v = bindTensorArgs(in, a, "reshape", self,
                              {"x", self ? "shape" : "newshape", "ndim?"});
      return std::static_pointer_cast<Object>(in.tensors().reshape(
          v[0], v[1], optionalInt(in, v[2], "reshape: ndim", a.loc), a.loc));
    });
  if (name == "flatten")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "flatten", self,
                              {"x", "ndim?", "outdim?"});
      return std::static_pointer_cast<Object>(in.tensors().flatten(
          v[0], flattenNDim(in, v[1], v[2], a.loc), a.loc));
    });
  if (name == "squeeze")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      // Theano's squeeze: every broadcastable dimension dropped.
      auto v = bindTensorArgs(in, a, "squeeze", self, {"x"});
      TensorPtr x = in.tensors().asTensor(v[0], a.loc);
      std::vector<int64_t> pattern;
      std::vector<bool> broadcastable = in.tensors().broadcastableOf(x);
      for (size_t d = 0; d < broadcastable.size(); ++d)
        if (!broadcastable[d])
          pattern.push_back(d);
      return std::static_pointer_cast<Object>(
          in.tensors().dimshuffle(x, pattern, a.loc));
    });
  if (name == "nonzero")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "nonzero", self, {"a", "return_matrix?"});
      TensorBuilder &tb = in.tensors();
      TensorPtr matrix =
          tb.nonzero(tb.asTensor(v[0], a.loc), nullptr, 0, a.loc);
      if (v[1] && truthy(in, v[1], a.loc))
        return std::static_pointer_cast<Object>(matrix);
      ObjectList rows;
      for (TensorPtr &row : tb.rowsOf(matrix, a.loc))
        rows.push_back(row);
      return std::static_pointer_cast<Object>(
          std::make_shared<TupleObject>(std::move(rows)));
    });
  if (name == "nonzero_values")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      // a.flatten()[flatnonzero(a)], as Theano builds it.
      auto v = bindTensorArgs(in, a, "nonzero_values", self, {"a"});
      TensorBuilder &tb = in.tensors();
      TensorPtr flat = tb.flatten(v[0], 1, a.loc);
      TensorPtr where =
          tb.rowsOf(tb.nonzero(flat, nullptr, 0, a.loc), a.loc).front();
      return std::static_pointer_cast<Object>(
          tb.advancedSubtensor(flat, {where}, a.loc));
    });
  if (self)
    return nullptr;
  if (name == "flatnonzero")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "flatnonzero", {"a"});
      TensorBuilder &tb = in.tensors();
      TensorPtr flat = tb.flatten(v[0], 1, a.loc);
      return std::static_pointer_cast<Object>(
          tb.rowsOf(tb.nonzero(flat, nullptr, 0, a.loc), a.loc).front());
    });
  if (name == "set_subtensor" || name == "inc_subtensor")
    return makeBuiltin(q, [n = name.str()](Interpreter &in, CallArgs &a) {
      // Theano's inplace / tolerate_inplace_aliasing only affect how it
      // schedules the update; the value is the same.
      auto v = bindArgs(in, a, n, {"x", "y", "inplace?",
                                   "tolerate_inplace_aliasing?"});
      return std::static_pointer_cast<Object>(in.tensors().incSubtensor(
          v[0], v[1], n == "set_subtensor", n, a.loc));
    });
  return nullptr;
}
