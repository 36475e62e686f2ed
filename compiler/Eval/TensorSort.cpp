//===- TensorSort.cpp - sort and argsort ----------------------------------===//
//
// th.argsort sorts along the last axis; another axis is moved last with
// dimshuffle and back. sort(x) is x indexed by its argsort (NumPy's
// take_along_axis), so its gradient is advanced indexing's: each output's
// gradient goes back to the element it came from.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

TensorPtr TensorBuilder::sortAlong(const ObjectPtr &xObj,
                                   const ObjectPtr &axisObj, bool positions,
                                   llvm::StringRef name, Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  if (numpy::isComplex(dtypeOf(x)))
    interp.error(loc, name + ": sorting complex values is not supported by "
                             "tcc");
  int64_t axis = -1;
  if (isAbsent(axisObj)) {
    x = flatten(x, 1, loc); // axis=None: of x flattened.
  } else {
    axis = intArgument(interp, axisObj, -1, name, "axis", loc);
  }
  int64_t rank = rankOf(x);
  if (axis < -rank || axis >= rank)
    interp.error(loc, llvm::formatv("{0}: axis {1} is out of bounds for a "
                                    "tensor of rank {2}",
                                    name, axis, rank));
  if (axis < 0)
    axis += rank;

  std::vector<int64_t> toLast, back(rank);
  for (int64_t d = 0; d < rank; ++d)
    if (d != axis)
      toLast.push_back(d);
  toLast.push_back(axis);
  for (int64_t d = 0; d < rank; ++d)
    back[toLast[d]] = d;
  bool moves = axis != rank - 1;
  TensorPtr moved = moves ? dimshuffle(x, toLast, loc) : x;

  auto type = llvm::cast<RankedTensorType>(moved->value.getType());
  auto i64 = RankedTensorType::get(type.getShape(), builder.getI64Type());
  TensorPtr order =
      wrap(th::ArgsortOp::create(builder, loc, i64, moved->value).getResult());
  TensorPtr result = order;
  if (!positions) {
    // moved[arange(n0)[:, None, ...], ..., order]
    ObjectList items;
    for (int64_t d = 0; d + 1 < rank; ++d) {
      std::vector<int64_t> pattern(rank, -1);
      pattern[d] = 0;
      TensorPtr along =
          arange(Interpreter::integer(0), dimSize(moved, d, loc),
                 Interpreter::integer(1), numpy::DType::Int64, loc);
      items.push_back(dimshuffle(along, pattern, loc));
    }
    items.push_back(order);
    result = advancedSubtensor(moved, items, loc);
  }
  return moves ? dimshuffle(result, back, loc) : result;
}
