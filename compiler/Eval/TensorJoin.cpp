//===- TensorJoin.cpp - join, stack and padding dimensions ----------------===//
//
// Theano's Join with its type rules (basic.py): every input converted with
// as_tensor_variable, the dtype the upcast of theirs, one rank, and sizes
// that agree outside the axis. T.stack is a join of inputs padded with a
// broadcastable dimension at the axis.
//
//===----------------------------------------------------------------------===//

#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "NumPy/TheanoDTypeRules.h"
#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

TensorPtr TensorBuilder::join(const ObjectList &tensorObjs, int64_t axis,
                              llvm::StringRef name, Location loc) {
  if (tensorObjs.empty())
    interp.error(loc, name + ": needs at least one tensor to join");
  std::vector<TensorPtr> tensors;
  std::vector<DType> dtypes;
  for (const ObjectPtr &t : tensorObjs) {
    tensors.push_back(asTensor(t, loc));
    dtypes.push_back(dtypeOf(tensors.back()));
  }
  int64_t rank = rankOf(tensors.front());
  for (auto [i, t] : llvm::enumerate(tensors))
    if (rankOf(t) != rank)
      interp.error(loc, llvm::formatv("{0}: tensors must have the same number "
                                      "of dimensions; tensor 0 has {1} and "
                                      "tensor {2} has {3}",
                                      name, rank, i, rankOf(t)));
  if (rank == 0)
    interp.error(loc, name + ": cannot join scalars (rank 0); use T.stack");
  int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank)
    interp.error(loc, llvm::formatv("{0}: axis {1} is out of bounds for "
                                    "tensors of rank {2}",
                                    name, axis, rank));
  // Theano: joining one tensor is that tensor.
  if (tensors.size() == 1)
    return tensors.front();
  DType dtype = numpy::theano::upcast(dtypes);
  SmallVector<Value> values;
  SmallVector<RankedTensorType> types;
  for (const TensorPtr &t : tensors) {
    values.push_back(castValue(t->value, dtype, loc));
    types.push_back(llvm::cast<RankedTensorType>(values.back().getType()));
  }
  std::string why;
  if (failed(th::inferJoinResultType(types, normalized, &why)))
    interp.error(loc, name + ": " + why);
  return wrap(th::JoinOp::create(builder, loc, values, normalized).getResult());
}

TensorPtr TensorBuilder::padAxis(const ObjectPtr &xObj, int64_t axis,
                                 llvm::StringRef name, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  int64_t rank = rankOf(x);
  int64_t at = axis < 0 ? axis + rank + 1 : axis;
  if (at < 0 || at > rank)
    interp.error(loc, llvm::formatv("{0}: axis {1} is out of bounds for a "
                                    "new dimension of a tensor of rank {2}",
                                    name, axis, rank));
  std::vector<int64_t> pattern;
  for (int64_t d = 0; d < rank; ++d) {
    if (d == at)
      pattern.push_back(-1);
    pattern.push_back(d);
  }
  if (at == rank)
    pattern.push_back(-1);
  return dimshuffle(x, pattern, loc);
}
