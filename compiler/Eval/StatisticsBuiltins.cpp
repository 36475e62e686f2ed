//===- StatisticsBuiltins.cpp - argmax, var, std, any, all, clip ---------===//
//
// The theano.tensor functions and TensorVariable methods built on
// TensorStatistics.cpp, with Theano 1.0's signatures. A method binds the
// same parameters as the function without its first.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static bool flag(Interpreter &in, const ObjectPtr &v, Location loc) {
  return v && truthy(in, v, loc);
}

ObjectPtr eval::statisticsFunction(llvm::StringRef qualified,
                                   llvm::StringRef name, ObjectPtr self) {
  std::string n = name.str();
  if (name == "argmax" || name == "argmin")
    return makeBuiltin(qualified.str(), [n, self](Interpreter &in,
                                                  CallArgs &a) {
      auto v = bindTensorArgs(in, a, n, self, {"x", "axis?", "keepdims?"});
      return std::static_pointer_cast<Object>(in.tensors().argReduce(
          n == "argmax", v[0], v[1], flag(in, v[2], a.loc), a.loc));
    });
  if (name == "var" || name == "std")
    return makeBuiltin(qualified.str(), [n, self](Interpreter &in,
                                                  CallArgs &a) {
      auto v = bindTensorArgs(in, a, n, self,
                              {"input", "axis?", "ddof?", "keepdims?",
                               "corrected?"});
      int64_t ddof = 0;
      if (v[2] && !isa<NoneObject>(v[2].get())) {
        std::optional<int64_t> d = asInt(v[2]);
        if (!d)
          in.error(a.loc, n + ": ddof must be an int, got " + typeName(v[2]));
        ddof = *d;
      }
      TensorPtr r = in.tensors().variance(v[0], v[1], ddof,
                                          flag(in, v[3], a.loc),
                                          flag(in, v[4], a.loc), a.loc);
      if (n == "std")
        r = in.tensors().unary(UnaryKind::Sqrt, r, a.loc);
      return std::static_pointer_cast<Object>(r);
    });
  if (name == "any" || name == "all")
    return makeBuiltin(qualified.str(), [n, self](Interpreter &in,
                                                  CallArgs &a) {
      auto v = bindTensorArgs(in, a, n, self, {"x", "axis?", "keepdims?"});
      return std::static_pointer_cast<Object>(in.tensors().anyAll(
          n == "all", v[0], v[1], flag(in, v[2], a.loc), a.loc));
    });
  if (name == "clip")
    return makeBuiltin(qualified.str(), [self](Interpreter &in, CallArgs &a) {
      // Theano's clip: min(max(x, lo), hi) with the upcast dtype of all
      // three.
      auto v = bindTensorArgs(in, a, "clip", self, {"x", "min", "max"});
      TensorBuilder &tb = in.tensors();
      return std::static_pointer_cast<Object>(tb.elemwise(
          ElemwiseKind::Minimum,
          tb.elemwise(ElemwiseKind::Maximum, v[0], v[1], a.loc), v[2],
          a.loc));
    });
  return nullptr;
}
