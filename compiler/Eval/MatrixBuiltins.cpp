//===- MatrixBuiltins.cpp - tri, tril, triu, diag, diagonal, trace --------===//
//
// Theano's matrix-shaped helpers (theano.tensor, theano.tensor.nlinalg,
// theano.tensor.extra_ops), built from arange, comparisons, advanced
// indexing and set_subtensor, so their gradients and the run-time checks of
// their sizes come from those ops. Sizes may be dimensions of shapes known
// only at run time.
//
//===----------------------------------------------------------------------===//

#include "Eval/Builtins.h"
#include "Eval/Interpreter.h"
#include "Eval/TensorBuilder.h"

using namespace mlir;
using namespace tcc;
using namespace tcc::eval;

static ObjectPtr object(TensorPtr t) {
  return std::static_pointer_cast<Object>(std::move(t));
}

/// Size arithmetic that stays an int where both sides are ints, else int64
/// scalar tensors (so the sizes are computed before the call).
static ObjectPtr sizeMinus(Interpreter &in, const ObjectPtr &a, int64_t b,
                           Location loc) {
  if (std::optional<int64_t> i = asInt(a))
    return Interpreter::integer(*i - b);
  if (b == 0)
    return a;
  return binaryOperator(in, ast::BinOpKind::Sub, a, Interpreter::integer(b),
                        loc);
}

static ObjectPtr sizeMinimum(Interpreter &in, const ObjectPtr &a,
                             const ObjectPtr &b, Location loc) {
  std::optional<int64_t> i = asInt(a), j = asInt(b);
  if (i && j)
    return Interpreter::integer(std::min(*i, *j));
  return in.tensors().elemwise(ElemwiseKind::Minimum, a, b, loc);
}

static ObjectPtr sizeAtLeastZero(Interpreter &in, const ObjectPtr &a,
                                 Location loc) {
  if (std::optional<int64_t> i = asInt(a))
    return Interpreter::integer(std::max<int64_t>(*i, 0));
  return in.tensors().elemwise(ElemwiseKind::Maximum, a,
                               Interpreter::integer(0), loc);
}

/// arange(n) + start, int64.
static TensorPtr indices(Interpreter &in, const ObjectPtr &n, int64_t start,
                         Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr r = tb.arange(Interpreter::integer(0), n, Interpreter::integer(1),
                          numpy::DType::Int64, loc);
  if (start != 0)
    r = tb.elemwise(ElemwiseKind::Add, r, Interpreter::integer(start), loc);
  return r;
}

/// The row and column indices of the k-th diagonal of a rows x cols matrix.
static std::pair<TensorPtr, TensorPtr>
diagonalIndices(Interpreter &in, const ObjectPtr &rows, const ObjectPtr &cols,
                int64_t k, Location loc) {
  int64_t rowStart = std::max<int64_t>(-k, 0),
          colStart = std::max<int64_t>(k, 0);
  // min(rows - rowStart, cols - colStart), clamped at 0 where an offset
  // can make it negative.
  ObjectPtr n = sizeMinimum(in, sizeMinus(in, rows, rowStart, loc),
                            sizeMinus(in, cols, colStart, loc), loc);
  if (k != 0)
    n = sizeAtLeastZero(in, n, loc);
  // One arange for both, so that their sizes are one even at -O0 (n may
  // be known only in the kernel).
  TensorBuilder &tb = in.tensors();
  TensorPtr base = indices(in, n, 0, loc);
  return {
      tb.elemwise(ElemwiseKind::Add, base, Interpreter::integer(rowStart), loc),
      tb.elemwise(ElemwiseKind::Add, base, Interpreter::integer(colStart),
                  loc)};
}

static TensorPtr matrixArg(Interpreter &in, const ObjectPtr &v,
                           llvm::StringRef function, Location loc) {
  TensorPtr m = in.tensors().asTensor(v, loc);
  if (in.tensors().rankOf(m) != 2)
    in.error(loc, (function + ": expects a matrix, got " +
                   in.tensors().typeString(m->value.getType()))
                      .str());
  return m;
}

/// tri(N, M, k): true where column <= row + k, on an N x M grid.
static TensorPtr lowerMask(Interpreter &in, const ObjectPtr &n,
                           const ObjectPtr &m, int64_t k, Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr rows = tb.dimshuffle(indices(in, n, k, loc), {0, -1}, loc);
  TensorPtr cols = tb.dimshuffle(indices(in, m, 0, loc), {-1, 0}, loc);
  return tb.elemwise(ElemwiseKind::Ge, rows, cols, loc);
}

/// tril / triu: m where the mask (or its complement) holds, else 0. A select
/// rather than Theano's `m * tri(...)`, so an inf above the diagonal gives 0
/// as NumPy's tril does, not nan.
static TensorPtr triangle(Interpreter &in, const ObjectPtr &mObj, int64_t k,
                          bool lower, llvm::StringRef name, Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr m = matrixArg(in, mObj, name, loc);
  TensorPtr mask = lowerMask(in, tb.dimSize(m, 0, loc), tb.dimSize(m, 1, loc),
                             lower ? k : k - 1, loc);
  TensorPtr zero = tb.zerosLike(m, loc);
  return lower ? tb.switchOp(mask, m, zero, loc)
               : tb.switchOp(mask, zero, m, loc);
}

/// a.diagonal(offset, axis1, axis2), NumPy's: the two axes removed, the
/// diagonal appended as the last.
static TensorPtr diagonal(Interpreter &in, const ObjectPtr &aObj,
                          int64_t offset, const ObjectPtr &axis1Obj,
                          const ObjectPtr &axis2Obj, Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr a = tb.asTensor(aObj, loc);
  int64_t rank = tb.rankOf(a);
  if (rank < 2)
    in.error(loc, "diagonal: expects a tensor of at least 2 dimensions, got " +
                      tb.typeString(a->value.getType()));
  ObjectList axisItems = {
      isAbsent(axis1Obj) ? Interpreter::integer(0) : axis1Obj,
      isAbsent(axis2Obj) ? Interpreter::integer(1) : axis2Obj};
  std::vector<int64_t> axes = tb.distinctAxes(axisItems, rank, "diagonal", loc);
  ObjectList order;
  for (int64_t d = 0; d < rank; ++d)
    if (d != axes[0] && d != axes[1])
      order.push_back(Interpreter::integer(d));
  order.push_back(Interpreter::integer(axes[0]));
  order.push_back(Interpreter::integer(axes[1]));
  TensorPtr moved = tb.transpose(a, loc, order);
  auto [rows, cols] =
      diagonalIndices(in, tb.dimSize(moved, rank - 2, loc),
                      tb.dimSize(moved, rank - 1, loc), offset, loc);
  ObjectList items;
  for (int64_t d = 0; d < rank - 2; ++d) {
    auto all = std::make_shared<SliceObject>();
    all->lower = all->upper = all->step = Interpreter::none();
    items.push_back(all);
  }
  items.push_back(rows);
  items.push_back(cols);
  return tb.advancedSubtensor(moved, items, loc);
}

/// a with `value` written at (rows[i], cols[i]).
static TensorPtr setAt(Interpreter &in, const TensorPtr &a,
                       const TensorPtr &rows, const TensorPtr &cols,
                       const ObjectPtr &value, llvm::StringRef name,
                       Location loc) {
  ObjectPtr target = getItem(
      in, a, std::make_shared<TupleObject>(ObjectList{rows, cols}), loc);
  return in.tensors().incSubtensor(target, value, /*set=*/true, name, loc);
}

/// diag(v, k): for a vector, the square matrix with v on its k-th diagonal;
/// for a matrix, its k-th diagonal (NumPy's diag).
static TensorPtr diag(Interpreter &in, const ObjectPtr &vObj, int64_t k,
                      Location loc) {
  TensorBuilder &tb = in.tensors();
  TensorPtr v = tb.asTensor(vObj, loc);
  int64_t rank = tb.rankOf(v);
  if (rank == 2)
    return diagonal(in, v, k, nullptr, nullptr, loc);
  if (rank != 1)
    in.error(loc, "diag: expects a vector or a matrix, got " +
                      tb.typeString(v->value.getType()));
  ObjectPtr n = tb.dimSize(v, 0, loc);
  int64_t shift = std::abs(k);
  ObjectPtr size = asInt(n) ? Interpreter::integer(*asInt(n) + shift)
                            : binaryOperator(in, ast::BinOpKind::Add, n,
                                             Interpreter::integer(shift), loc);
  TensorPtr zeros = tb.alloc(Interpreter::integer(0), {size, size},
                             tb.dtypeOf(v), "diag", loc);
  // v fills the whole diagonal: its indices are counted from v's length.
  return setAt(in, zeros, indices(in, n, std::max<int64_t>(-k, 0), loc),
               indices(in, n, std::max<int64_t>(k, 0), loc), v, "diag", loc);
}

ObjectPtr eval::matrixFunction(llvm::StringRef qualified, llvm::StringRef name,
                               ObjectPtr self) {
  std::string q = qualified.str();
  if (name == "diagonal")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      auto v = bindTensorArgs(in, a, "diagonal", self,
                              {"a", "offset?", "axis1?", "axis2?"});
      return object(diagonal(
          in, v[0], intArgument(in, v[1], 0, "diagonal", "offset", a.loc), v[2],
          v[3], a.loc));
    });
  if (name == "trace")
    return makeBuiltin(q, [self](Interpreter &in, CallArgs &a) {
      // Theano's trace(X): the sum of a matrix's main diagonal.
      auto v = bindTensorArgs(in, a, "trace", self, {"X"});
      TensorPtr x = matrixArg(in, v[0], "trace", a.loc);
      return object(in.tensors().reduce(
          ReduceKind::Sum, diagonal(in, x, 0, nullptr, nullptr, a.loc),
          Interpreter::none(), false, a.loc));
    });
  if (self)
    return nullptr;
  if (name == "tri")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "tri", {"N", "M?", "k?", "dtype?"});
      numpy::DType dtype =
          isAbsent(v[3]) ? in.getFloatX() : dtypeArgument(in, v[3], a.loc);
      ObjectPtr m = isAbsent(v[1]) ? v[0] : v[1];
      return object(in.tensors().cast(
          lowerMask(in, v[0], m, intArgument(in, v[2], 0, "tri", "k", a.loc),
                    a.loc),
          dtype, a.loc));
    });
  if (name == "tril" || name == "triu")
    return makeBuiltin(q, [n = name.str()](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, n, {"m", "k?"});
      return object(triangle(in, v[0], intArgument(in, v[1], 0, n, "k", a.loc),
                             n == "tril", n, a.loc));
    });
  if (name == "diag")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      auto v = bindArgs(in, a, "diag", {"v", "k?"});
      return object(
          diag(in, v[0], intArgument(in, v[1], 0, "diag", "k", a.loc), a.loc));
    });
  if (name == "fill_diagonal" || name == "fill_diagonal_offset")
    return makeBuiltin(q, [n = name.str()](Interpreter &in, CallArgs &a) {
      bool withOffset = n == "fill_diagonal_offset";
      auto v = withOffset ? bindArgs(in, a, n, {"a", "val", "offset"})
                          : bindArgs(in, a, n, {"a", "val"});
      TensorBuilder &tb = in.tensors();
      TensorPtr m = matrixArg(in, v[0], n, a.loc);
      TensorPtr val = tb.asTensor(v[1], a.loc);
      if (tb.rankOf(val) != 0)
        in.error(a.loc, n + ": val must be a scalar, got " +
                            tb.typeString(val->value.getType()));
      int64_t k = withOffset ? intArgument(in, v[2], 0, n, "offset", a.loc) : 0;
      auto [rows, cols] = diagonalIndices(in, tb.dimSize(m, 0, a.loc),
                                          tb.dimSize(m, 1, a.loc), k, a.loc);
      return object(setAt(in, m, rows, cols, val, n, a.loc));
    });
  if (name == "to_one_hot")
    return makeBuiltin(q, [](Interpreter &in, CallArgs &a) {
      // Theano's: zeros((n, nb_class)) with a 1 at (i, y[i]); a label out of
      // range is an index error, as there.
      auto v = bindArgs(in, a, "to_one_hot", {"y", "nb_class", "dtype?"});
      TensorBuilder &tb = in.tensors();
      TensorPtr y = tb.asTensor(v[0], a.loc);
      if (tb.rankOf(y) != 1 || !numpy::isDiscrete(tb.dtypeOf(y)))
        in.error(a.loc, "to_one_hot: y must be a vector of integer labels, "
                        "got " +
                            tb.typeString(y->value.getType()));
      numpy::DType dtype =
          isAbsent(v[2]) ? in.getFloatX() : dtypeArgument(in, v[2], a.loc);
      ObjectPtr n = tb.dimSize(y, 0, a.loc);
      TensorPtr zeros = tb.alloc(Interpreter::integer(0), {n, v[1]}, dtype,
                                 "to_one_hot", a.loc);
      return object(setAt(in, zeros, indices(in, n, 0, a.loc), y,
                          Interpreter::integer(1), "to_one_hot", a.loc));
    });
  return nullptr;
}
