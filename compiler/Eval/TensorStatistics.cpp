//===- TensorStatistics.cpp - argmax/argmin, var/std, any/all -------------===//
//
// Theano 1.0's definitions (tensor/basic.py): argmax and argmin are ops of
// their own; var, std, any and all are compositions of ops tcc already has,
// built here exactly as Theano builds them so that their dtypes, gradients
// and empty-input behaviour are Theano's.
//
//===----------------------------------------------------------------------===//

#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

#include "Th/IR/ThOps.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;
using numpy::DType;

Value TensorBuilder::keepDims(Value r, int64_t rank, ArrayRef<int64_t> axes,
                              Location loc) {
  return th::DimShuffleOp::create(builder, loc, r,
                                  th::keepDimsPattern(rank, axes))
      .getResult();
}

TensorPtr TensorBuilder::argReduce(bool max, const ObjectPtr &xObj,
                                   const ObjectPtr &axisObj, bool keepdims,
                                   Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  int64_t rank = rankOf(x);
  std::vector<int64_t> axes = reduceAxes(rank, axisObj, loc);
  Value v = x->value;
  if (dtypeOf(x) == DType::Bool)
    v = castValue(v, DType::Int8, loc);
  Value r = max ? Value(th::ArgmaxOp::create(builder, loc, v, axes))
                : Value(th::ArgminOp::create(builder, loc, v, axes));
  if (keepdims)
    r = keepDims(r, rank, axes, loc);
  return wrap(r);
}

TensorPtr TensorBuilder::variance(const ObjectPtr &xObj,
                                  const ObjectPtr &axisObj, int64_t ddof,
                                  bool keepdims, bool corrected,
                                  Location loc) {
  TensorPtr x = asTensor(xObj, loc);
  int64_t rank = rankOf(x);
  std::vector<int64_t> axes = reduceAxes(rank, axisObj, loc);
  ObjectPtr axisList = [&] {
    auto list = std::make_shared<ListObject>();
    for (int64_t a : axes)
      list->items.push_back(Interpreter::integer(a));
    return list;
  }();
  TensorPtr centered = elemwise(
      ElemwiseKind::Sub, x, reduce(ReduceKind::Mean, x, axisList, true, loc),
      loc);
  // Theano: `two = constant(2, dtype=centered.dtype)`.
  numpy::NDArray two = *numpy::NDArray::scalar(2.0, dtypeOf(centered));
  TensorPtr squares =
      elemwise(ElemwiseKind::Pow, centered, constant(two, loc), loc);
  // (n_i - ddof) for each reduced axis, as Theano's `shape(input) - ddof`.
  auto shrunk = [&](int64_t axis) {
    TensorPtr n = wrap(th::ShapeIOp::create(builder, loc, x->value, axis));
    return elemwise(ElemwiseKind::Sub, n, Interpreter::integer(ddof), loc);
  };
  TensorPtr v;
  if (ddof == 0) {
    v = reduce(ReduceKind::Mean, squares, axisList, keepdims, loc);
  } else {
    v = reduce(ReduceKind::Sum, squares, axisList, keepdims, loc);
    for (int64_t axis : axes)
      v = elemwise(ElemwiseKind::TrueDiv, v, shrunk(axis), loc);
  }
  if (corrected) {
    TensorPtr error;
    if (ddof == 0) {
      error = reduce(ReduceKind::Mean, centered, axisList, keepdims, loc);
      error = elemwise(ElemwiseKind::Pow, error, Interpreter::integer(2), loc);
    } else {
      error = reduce(ReduceKind::Sum, centered, axisList, keepdims, loc);
      error = elemwise(ElemwiseKind::Pow, error, Interpreter::integer(2), loc);
      for (int64_t axis : axes) {
        TensorPtr n = wrap(th::ShapeIOp::create(builder, loc, x->value, axis));
        error = elemwise(ElemwiseKind::TrueDiv, error,
                         elemwise(ElemwiseKind::Mul, shrunk(axis), n, loc),
                         loc);
      }
    }
    v = elemwise(ElemwiseKind::Sub, v, error, loc);
  }
  return v;
}

TensorPtr TensorBuilder::anyAll(bool all, const ObjectPtr &xObj,
                                const ObjectPtr &axisObj, bool keepdims,
                                Location loc) {
  // any: some element is nonzero; all: no element is zero. Counting (not a
  // max/min) keeps empty reductions defined: any([]) is False, all([])
  // True.
  TensorPtr x = asTensor(xObj, loc);
  ObjectPtr zero = Interpreter::integer(0);
  TensorPtr hits = elemwise(all ? ElemwiseKind::Eq : ElemwiseKind::Neq, x,
                            zero, loc);
  TensorPtr count = reduce(ReduceKind::Sum, cast(hits, DType::Int64, loc),
                           axisObj, keepdims, loc);
  return elemwise(all ? ElemwiseKind::Eq : ElemwiseKind::Gt, count, zero, loc);
}
