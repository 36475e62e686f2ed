//===- RepeatBuiltins.cpp - cumsum, cumprod, repeat, tile, eye ------------===//
//
// The theano.tensor (and theano.tensor.extra_ops) functions and
// TensorVariable methods built on TensorRepeat.cpp, with Theano 1.0's
// signatures.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

ObjectPtr eval::repeatFunction(llvm::StringRef qualified, llvm::StringRef name,
                               ObjectPtr self) {
  std::string q = qualified.str();
  if (name == "cumsum" || name == "cumprod")
    return makeBuiltin(q, [self, n = name.str()](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, n, self, {"x", "axis?"});
      return std::static_pointer_cast<Object>(
          in.tensors().cumulative(n == "cumprod", v[0], v[1], n, a.loc));
    });
  if (name == "repeat")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "repeat", self, {"x", "repeats", "axis?"});
      return std::static_pointer_cast<Object>(
          in.tensors().repeat(v[0], v[1], v[2], a.loc));
    });
  if (self)
    return nullptr;
  if (name == "tile")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "tile", {"x", "reps", "ndim?"});
      std::optional<int64_t> ndim;
      if (!isAbsent(v[2])) {
        ndim = asInt(v[2]);
        if (!ndim)
          in.error(a.loc, "tile: ndim must be an int, got " + typeName(v[2]));
      }
      return std::static_pointer_cast<Object>(
          in.tensors().tile(v[0], v[1], ndim, a.loc));
    });
  if (name == "eye")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "eye", {"n", "m?", "k?", "dtype?"});
      numpy::DType dtype =
          isAbsent(v[3]) ? in.getFloatX() : dtypeArgument(in, v[3], a.loc);
      return std::static_pointer_cast<Object>(
          in.tensors().eye(v[0], v[1], v[2], dtype, a.loc));
    });
  if (name == "identity_like")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "identity_like", {"x"});
      TensorBuilder &tb = in.tensors();
      TensorPtr x = tb.asTensor(v[0], a.loc);
      if (tb.rankOf(x) != 2)
        in.error(a.loc, "identity_like: x must be a matrix, got rank " +
                            std::to_string(tb.rankOf(x)));
      ObjectPtr shape = tb.shapeOf(x, a.loc);
      const ObjectList &sizes = cast<TupleObject>(shape.get())->items;
      return std::static_pointer_cast<Object>(
          tb.eye(sizes[0], sizes[1], nullptr, tb.dtypeOf(x), a.loc));
    });
  return nullptr;
}
