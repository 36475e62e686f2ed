//===- TensorBuilder.h - Theano's tensor operations as th ops ---*- C++ -*-===//
//
// Builds th ops into the global graph with Theano 1.0's typing: literal
// autocasting, dtype upcasting, implicit left-padding of ranks (Elemwise's
// DimShuffle), broadcastable patterns, and the accumulator dtypes of
// reductions. Every mismatch a user can cause is an EvalError here, located
// at the expression that caused it.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_EVAL_TENSORBUILDER_H
#define TCC_EVAL_TENSORBUILDER_H

#include "Eval/Object.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/DenseMap.h"

#include <array>
#include <optional>

namespace tcc::eval {

class Interpreter;
using TensorPtr = std::shared_ptr<TensorObject>;

enum class ElemwiseKind {
  Add, Sub, Mul, TrueDiv, IntDiv, Mod, Pow, Maximum, Minimum,
  And, Or, Xor,
  Lt, Le, Gt, Ge, Eq, Neq, Arctan2,
};
enum class UnaryKind {
  Neg,
  Abs,
  Sqr,
  Exp,
  Expm1,
  Log,
  Log1p,
  Sqrt,
  Tanh,
  Sigmoid,
  Softplus,
  UltraFastSigmoid,
  Invert,
  Sin,
  Cos,
  Tan,
  Arcsin,
  Arccos,
  Arctan,
  Sinh,
  Cosh,
  Arcsinh,
  Arccosh,
  Arctanh,
  Exp2,
  Log2,
  Log10,
  Erf,
  Erfc,
  Floor,
  Ceil,
  RoundHalfToEven,
  RoundHalfAwayFromZero,
  Trunc,
  Sgn,
  IsNan,
  IsInf,
  Real,
  Imag,
  Conj,
  Angle,
  Gamma,
  GammaLn,
  Psi,
  TriGamma,
  Erfinv,
  Erfcinv,
  Erfcx,
};
enum class ReduceKind { Sum, Prod, Mean, Max, Min };
/// conv2d's border_mode: explicit paddings, or as many rows and columns as
/// the (dilated) filters have, less one ('full'), or half that ('half').
enum class ConvBorder { Padding, Full, Half };
/// conv2d's keyword arguments, as Theano's abstract_conv takes them.
struct Conv2dOptions {
  ConvBorder border = ConvBorder::Padding;
  std::array<int64_t, 2> padding = {0, 0}; // with ConvBorder::Padding
  std::array<int64_t, 2> strides = {1, 1}; // subsample
  std::array<int64_t, 2> dilations = {1, 1};
  bool flip = true;
  int64_t groups = 1; // num_groups
};

class TensorBuilder {
public:
  TensorBuilder(Interpreter &interp, mlir::MLIRContext &context);
  ~TensorBuilder();

  /// The module being produced (th.shared ops) and the scratch graph that
  /// holds every symbolic op the program built.
  mlir::ModuleOp getOutputModule() { return *output; }
  mlir::OwningOpRef<mlir::ModuleOp> takeOutputModule();
  mlir::Block &getGraph() { return graph->getBodyRegion().front(); }

  mlir::Type elementType(numpy::DType dtype, mlir::Location loc);
  numpy::DType dtypeOf(mlir::Type elementType);
  numpy::DType dtypeOf(const TensorPtr &t);
  int64_t rankOf(const TensorPtr &t);
  std::vector<bool> broadcastableOf(const TensorPtr &t);
  /// Theano's type string: "TensorType(float64, matrix)".
  std::string typeString(mlir::Type type);

  /// `T.dmatrix('x')`, `T.tensor('float32', (False, True))`.
  TensorPtr variable(numpy::DType dtype, const std::vector<bool> &broadcastable,
                     const std::string &name, mlir::Location loc);
  /// `theano.shared(value, name=..., broadcastable=...)`.
  TensorPtr shared(const numpy::NDArray &value, const std::string &name,
                   std::optional<std::vector<bool>> broadcastable,
                   mlir::Location loc);
  /// A symbolic view of a compile-time value (Theano's as_tensor_variable):
  /// Python numbers through the autocaster, arrays with their dtype.
  TensorPtr asTensor(const ObjectPtr &value, mlir::Location loc);
  bool isTensorLike(const ObjectPtr &value);
  TensorPtr constant(const numpy::NDArray &value, mlir::Location loc);

  TensorPtr elemwise(ElemwiseKind kind, const ObjectPtr &lhs,
                     const ObjectPtr &rhs, mlir::Location loc);
  TensorPtr unary(UnaryKind kind, const ObjectPtr &x, mlir::Location loc);
  /// Complex numbers (TensorComplex.cpp): real, imag, conj and angle of
  /// any tensor (a real x is x + 0j), abs of a complex one; null for the
  /// ops that compute on complex values as they are (-, sqr, exp, log).
  TensorPtr complexUnary(UnaryKind kind, const TensorPtr &x,
                         mlir::Location loc);
  /// T.complex(real, imag): real + imag * 1j, broadcast.
  TensorPtr complexFromParts(const ObjectPtr &real, const ObjectPtr &imag,
                             mlir::Location loc);
  TensorPtr cast(const ObjectPtr &x, numpy::DType dtype, mlir::Location loc);
  /// theano.ifelse.ifelse for one pair of branches: a scalar condition,
  /// branches of one Theano type (dtype and broadcastable pattern).
  TensorPtr ifElse(const ObjectPtr &cond, const ObjectPtr &thenValue,
                   const ObjectPtr &elseValue, mlir::Location loc);
  TensorPtr switchOp(const ObjectPtr &cond, const ObjectPtr &ift,
                     const ObjectPtr &iff, mlir::Location loc);
  /// `axis` is None (all), an int or a list of ints (negative allowed).
  TensorPtr reduce(ReduceKind kind, const ObjectPtr &x, const ObjectPtr &axis,
                   bool keepdims, mlir::Location loc);
  /// argmax / argmin (Theano's: int64 positions; over several axes the
  /// row-major position in the reduced block).
  TensorPtr argReduce(bool max, const ObjectPtr &x, const ObjectPtr &axis,
                      bool keepdims, mlir::Location loc);
  /// Theano's var (and std = sqrt(var)): the mean squared deviation from
  /// the mean, or the sum divided by (n - ddof); `corrected` subtracts the
  /// two-pass correction term.
  TensorPtr variance(const ObjectPtr &x, const ObjectPtr &axis, int64_t ddof,
                     bool keepdims, bool corrected, mlir::Location loc);
  /// T.any / T.all: bool, true where some (every) element is nonzero; an
  /// empty reduction gives False (True).
  TensorPtr anyAll(bool all, const ObjectPtr &x, const ObjectPtr &axis,
                   bool keepdims, mlir::Location loc);
  /// T.dot: elementwise with a scalar, th.dot for vectors and matrices,
  /// tensordot over lhs's last axis and rhs's second to last for higher
  /// ranks (Theano's rules).
  TensorPtr dot(const ObjectPtr &lhs, const ObjectPtr &rhs,
                mlir::Location loc);
  /// tensordot contracting axes `ca` of a with `cb` of b (at least one
  /// pair) as one matrix product (TensorContract.cpp); `name` for errors.
  TensorPtr tensordot(const TensorPtr &a, const TensorPtr &b,
                      llvm::ArrayRef<int64_t> ca, llvm::ArrayRef<int64_t> cb,
                      llvm::StringRef name, mlir::Location loc);
  /// The product of x's sizes along `dims`: an int where the type knows
  /// them all, else an int64 scalar computed from x.shape.
  ObjectPtr sizeProduct(const TensorPtr &x, llvm::ArrayRef<int64_t> dims,
                        mlir::Location loc);
  /// Theano's nnet softmax / logsoftmax: along the last axis of a matrix; a
  /// vector becomes a one-row matrix first (Theano 1.0's rule).
  /// `name` is the function as the program called it, for errors.
  TensorPtr softmax(const ObjectPtr &x, bool log, llvm::StringRef name,
                    mlir::Location loc);
  /// Theano's conv2d (TensorNNet.cpp): a 4-d input and 4-d filters, both
  /// converted to the float upcast of their dtypes; the filters are flipped
  /// (a true convolution) unless `flip` is false. 'full' and 'half' pad by
  /// the filters' sizes, when the model is called where the filters can
  /// change size. With groups > 1, each group of input channels has its
  /// own group of filters.
  TensorPtr conv2d(const ObjectPtr &input, const ObjectPtr &filters,
                   Conv2dOptions options, mlir::Location loc);
  /// `x` padded along dimension 2 + d by the rows (columns) that `border`
  /// needs for the filters `w`, whose size is known only at run time.
  mlir::Value padByFilterSize(mlir::Value x, mlir::Value w, ConvBorder border,
                              int64_t dilation, int64_t d, mlir::Location loc);
  /// Theano's pool_2d over the last two dimensions of a float tensor of
  /// rank 2 or more; `mode` is max, sum, average_inc_pad or
  /// average_exc_pad.
  TensorPtr pool2d(const ObjectPtr &input, std::array<int64_t, 2> window,
                   std::array<int64_t, 2> strides,
                   std::array<int64_t, 2> padding, bool ignoreBorder,
                   llvm::StringRef mode, mlir::Location loc);

  TensorPtr dimshuffle(const TensorPtr &x, const std::vector<int64_t> &pattern,
                       mlir::Location loc);
  /// T.sort / T.argsort(x, axis) (TensorSort.cpp): x sorted along `axis`
  /// (None: x flattened), or with `positions` the int64 positions that sort
  /// it; NaN last, ties in their original order.
  TensorPtr sortAlong(const ObjectPtr &x, const ObjectPtr &axis,
                      bool positions, llvm::StringRef name,
                      mlir::Location loc);
  /// Theano's Rebroadcast: x with the broadcastable pattern `pattern`
  /// (addbroadcast, unbroadcast, patternbroadcast); a dimension made
  /// broadcastable must have size 1 (checked before the call where it is
  /// known only then). `name` is the function, for errors.
  TensorPtr rebroadcast(const TensorPtr &x, const std::vector<bool> &pattern,
                        llvm::StringRef name, mlir::Location loc);
  /// Distinct axes of a rank-`rank` tensor, in the order given (negative
  /// counts from the end); errors are prefixed with `function` if any.
  std::vector<int64_t> distinctAxes(const ObjectList &items, int64_t rank,
                                    llvm::StringRef function,
                                    mlir::Location loc);
  /// T.transpose(x, axes): `axes` (a permutation; negative counts from the
  /// end) or, when empty, the dimensions reversed.
  TensorPtr transpose(const TensorPtr &x, mlir::Location loc,
                      const ObjectList &axes = {});

  /// T.arange(start, stop, step, dtype): Theano's dtype (the upcast of the
  /// three, int64 for integers) unless given; `step` must be a nonzero
  /// number known at compile time. All-constant bounds give a constant.
  TensorPtr arange(const ObjectPtr &start, const ObjectPtr &stop,
                   const ObjectPtr &step, std::optional<numpy::DType> dtype,
                   mlir::Location loc);

  /// T.cumsum / T.cumprod(x, axis): running totals along `axis` (None: of
  /// x flattened), in x's dtype. `name` is the function, for errors.
  TensorPtr cumulative(bool product, const ObjectPtr &x, const ObjectPtr &axis,
                       llvm::StringRef name, mlir::Location loc);
  /// T.repeat(x, repeats, axis): each element `repeats` times along `axis`
  /// (None: x flattened); `repeats` is an int or a dimension of a shape.
  TensorPtr repeat(const ObjectPtr &x, const ObjectPtr &repeats,
                   const ObjectPtr &axis, mlir::Location loc);
  /// T.tile(x, reps, ndim): NumPy's tile with Theano's padding rules.
  TensorPtr tile(const ObjectPtr &x, const ObjectPtr &reps,
                 std::optional<int64_t> ndim, mlir::Location loc);
  /// T.eye(n, m, k, dtype): ones where column == row + k on an n x m grid
  /// (m null or None: n); n and m may be dimensions of shapes.
  TensorPtr eye(const ObjectPtr &n, const ObjectPtr &m, const ObjectPtr &k,
                numpy::DType dtype, mlir::Location loc);
  /// alloc(x, *sizes) for a tensor x: x (left-padded with broadcastable
  /// dimensions) broadcast to `sizes`.
  TensorPtr broadcastTo(const TensorPtr &x, const ObjectList &sizes,
                        llvm::StringRef name, mlir::Location loc);

  /// Theano's join(axis, *tensors) (T.concatenate): the dtypes upcast, one
  /// rank, equal sizes outside `axis` (negative counts from the end).
  /// `name` is the function as the program called it, for errors.
  TensorPtr join(const ObjectList &tensors, int64_t axis, llvm::StringRef name,
                 mlir::Location loc);
  /// shape_padaxis(x, axis): a broadcastable dimension inserted before
  /// `axis` (in [-rank-1, rank]).
  TensorPtr padAxis(const ObjectPtr &x, int64_t axis, llvm::StringRef name,
                    mlir::Location loc);

  /// T.grad(cost, wrt, consider_constant, disconnected_inputs): a th.grad
  /// op with one result per wrt value. With a `seed` (of the cost's shape)
  /// the cost may be any tensor: the vector-Jacobian product (Lop). `disconnected` is 'raise', 'warn' or
  /// 'ignore' (Theano's policy for a wrt the cost does not depend on).
  std::vector<TensorPtr> grad(const TensorPtr &cost,
                              const std::vector<TensorPtr> &wrt,
                              const std::vector<TensorPtr> &constants,
                              llvm::StringRef disconnected,
                              mlir::Location loc,
                              const TensorPtr &seed = nullptr);

  /// Test values (TestShapes.cpp): `tag` belongs to `value`'s variable;
  /// `x.tag.test_value = v` gives it v's shape.
  void registerTag(const InstanceObject *tag, mlir::Value value);
  void setTestValue(const InstanceObject *tag, const ObjectPtr &value,
                    mlir::Location loc);
  /// The shape `v` has with the test values (Theano's compute_test_value),
  /// if every value it depends on has one; a mismatch on the way is a
  /// located error.
  std::optional<std::vector<int64_t>> testShape(mlir::Value v);
  /// An int64 scalar's value known from constants and test-value shapes.
  std::optional<int64_t> testInt(mlir::Value v);

  /// zero_grad(x) / disconnected_grad(x).
  TensorPtr gradientStop(const TensorPtr &x, bool disconnected,
                         mlir::Location loc);

  /// zeros_like(x): th.second(x, 0) (no arithmetic on x, so no NaN from inf).
  /// `x` as a value of `type` when that only forgets static sizes (not a
  /// broadcastable 1), as Theano converts a given value to the variable's
  /// type; null when the types differ otherwise.
  TensorPtr forgetStaticSizes(const TensorPtr &x, mlir::RankedTensorType type,
                              mlir::Location loc);
  TensorPtr zerosLike(const TensorPtr &x, mlir::Location loc);
  /// Theano's fill(model, value) / zeros_like / ones_like: `value`
  /// broadcast to `model`'s shape, in `dtype` (default: value's with
  /// Theano's autocasting; zeros_like and ones_like pass model's).
  TensorPtr fillLike(const ObjectPtr &model, const ObjectPtr &value,
                     std::optional<numpy::DType> dtype, mlir::Location loc);
  /// `x.shape`: one int64 scalar per dimension (Theano's Shape_i of each).
  ObjectPtr shapeOf(const ObjectPtr &x, mlir::Location loc);
  /// alloc(value, *sizes) for a scalar value (T.zeros, T.ones). Each size is
  /// a non-negative Python int or a dimension of a tensor's shape
  /// (`x.shape[0]`), so the run-time sizes are known before the call.
  TensorPtr alloc(const ObjectPtr &value, const ObjectList &sizes,
                  std::optional<numpy::DType> dtype, llvm::StringRef name,
                  mlir::Location loc);

  /// `x[index]`, Theano's basic indexing (TensorIndexing.cpp): ints,
  /// slices (bounds may be int scalars computed at run time) and None
  /// (a new broadcastable dimension).
  TensorPtr subtensor(const TensorPtr &x, const ObjectPtr &index,
                      mlir::Location loc);
  /// Theano's nonzero(mask, return_matrix=True): an int64 matrix, row d
  /// the d-th coordinates of mask's nonzero elements. With `indexed`, the
  /// mask stands for its dimensions `first`, `first + 1`, ... (x[mask]),
  /// whose sizes it must have.
  TensorPtr nonzero(const TensorPtr &mask, const TensorPtr &indexed,
                    int64_t first, mlir::Location loc);
  /// x[0], x[1], ... for a tensor with a static number of rows.
  std::vector<TensorPtr> rowsOf(const TensorPtr &x, mlir::Location loc);
  /// `x[items]` with integer arrays among the items (NumPy's advanced
  /// indexing): slices are applied first, ints count as 0-d arrays; a
  /// boolean mask stands for its nonzero coordinates.
  TensorPtr advancedSubtensor(const TensorPtr &x, const ObjectList &items,
                              mlir::Location loc);
  /// set_subtensor(x[index], y) / inc_subtensor(x[index], y): `target`
  /// must be an indexed tensor; the result is x with the region replaced
  /// by (incremented by) y broadcast to it, in x's dtype.
  TensorPtr incSubtensor(const ObjectPtr &target, const ObjectPtr &y,
                         bool set, llvm::StringRef name, mlir::Location loc);
  /// x.reshape(shape, ndim): sizes are ints (one may be -1) or int scalars
  /// computed from shapes.
  TensorPtr reshape(const ObjectPtr &x, const ObjectPtr &shape,
                    std::optional<int64_t> ndim, mlir::Location loc);
  /// T.flatten(x, ndim): the leading ndim-1 dimensions kept, the rest
  /// collapsed into one.
  TensorPtr flatten(const ObjectPtr &x, int64_t ndim, mlir::Location loc);
  /// alloc's sizes: each a non-negative int (a constant) or x.shape[i];
  /// `shape` gets the static sizes (dynamic for the shape_i ones).
  void allocSizes(const ObjectList &sizeObjs, llvm::StringRef name,
                  mlir::Location loc, llvm::SmallVectorImpl<mlir::Value> &sizes,
                  llvm::SmallVectorImpl<int64_t> &shape);
  /// Dimension `d` of `x` as an alloc or reshape size: an int where the
  /// type knows it, else x.shape[d].
  ObjectPtr dimSize(const TensorPtr &x, int64_t d, mlir::Location loc);
  /// `a * b` for sizes (ints, or int64 scalars computed from shapes; ints
  /// multiply at compile time).
  ObjectPtr sizeTimes(const ObjectPtr &a, const ObjectPtr &b,
                      mlir::Location loc);
  /// A draw of a RandomStreams variable (TensorRandom.cpp): `state` is the
  /// stream's shared state; the sample has the given sizes (alloc's rules)
  /// and `params` are of its shape. Records the new state as the state's
  /// default update.
  TensorPtr randomDraw(const TensorPtr &state, llvm::StringRef distribution,
                       const ObjectList &sizes,
                       llvm::ArrayRef<TensorPtr> params, llvm::StringRef name,
                       mlir::Location loc);
  /// The shared variable read as `sharedRead` and its default_update (a
  /// RandomStreams state and its new value), or nulls.
  std::pair<TensorPtr, TensorPtr> defaultUpdate(mlir::Value sharedRead) const {
    return defaultUpdates.lookup(sharedRead);
  }
  /// An int64 scalar size from an int or an integer scalar tensor.
  mlir::Value sizeValue(const ObjectPtr &size, llvm::StringRef name,
                        size_t position, mlir::Location loc);

  /// theano.scan's arguments (TensorScan.cpp).
  struct ScanArgs {
    ObjectPtr fn, sequences, outputsInfo, nonSequences, nSteps;
    /// How many steps back the gradient goes (truncated BPTT), if limited.
    std::optional<int64_t> truncateGradient;
    bool goBackwards = false;
    bool returnList = false;
  };
  /// theano.scan: the step function `fn` run once on stand-ins builds the
  /// body of a th.scan. Returns Python's (outputs, updates): the outputs'
  /// histories (one tensor, a list, or None) and an updates dict from the
  /// shared variables the step updates to their values after the last step.
  ObjectPtr scan(const ScanArgs &args, mlir::Location loc);

  /// theano.gradient.jacobian(expression, wrt) for a vector expression.
  TensorPtr jacobian(const TensorPtr &expression, const TensorPtr &wrt,
                     mlir::Location loc);

  /// `w.set_value(v)` at compile time: a new initial value of the same
  /// dtype, rank and broadcastable pattern.
  void setSharedValue(const TensorPtr &shared, const numpy::NDArray &value,
                      mlir::Location loc);
  /// Renames an unnamed shared variable's symbol after the Python variable
  /// it is first assigned to (so the runtime accessor is `w`, not `shared`).
  void renameShared(const TensorPtr &shared, llvm::StringRef name);

private:
  TensorPtr wrap(mlir::Value value);
  /// The taps list of a scan sequence or output: distinct ints.
  std::vector<int64_t> scanTaps(const ObjectPtr &taps, llvm::StringRef what,
                                mlir::Location loc);
  /// The sorted axes an `axis` argument names (None: all).
  std::vector<int64_t> reduceAxes(int64_t rank, const ObjectPtr &axis,
                                  mlir::Location loc);
  /// `r` with the reduced `axes` put back as broadcastable dimensions.
  mlir::Value keepDims(mlir::Value r, int64_t rank,
                       llvm::ArrayRef<int64_t> axes, mlir::Location loc);
  mlir::Value castValue(mlir::Value v, numpy::DType dtype, mlir::Location loc);
  /// Left-pads `v` with broadcastable dimensions up to `rank`.
  mlir::Value padRank(mlir::Value v, int64_t rank, mlir::Location loc);
  numpy::DType literalDType(const ObjectPtr &value);

  Interpreter &interp;
  mlir::MLIRContext &context;
  llvm::DenseMap<const InstanceObject *, mlir::Value> tagOwners;
  llvm::DenseMap<mlir::Value, std::pair<TensorPtr, TensorPtr>> defaultUpdates;
  /// Variables' test-value shapes, and the shapes derived from them (a
  /// cache, cleared when a test value changes).
  llvm::DenseMap<mlir::Value, std::vector<int64_t>> testValueShapes;
  llvm::DenseMap<mlir::Value, std::optional<std::vector<int64_t>>> testShapes;
  mlir::OwningOpRef<mlir::ModuleOp> output;
  mlir::OwningOpRef<mlir::ModuleOp> graph;
  mlir::OpBuilder builder;
  unsigned sharedCounter = 0;
};

} // namespace tcc::eval

#endif // TCC_EVAL_TENSORBUILDER_H
