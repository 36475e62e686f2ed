//===- Manifest.cpp - The model's manifest and call-time shape checks -----===//
//
// The manifest describes the compiled model (docs/ABI.md). Its shape checks
// come from a small symbolic-shape analysis of each th.func
// (SymbolicSizes.h): every size is an expression over argument dimensions,
// and each op that needs two sizes to agree (elementwise broadcasting, dot's
// contraction) merges their classes and records one check. The runtime runs the
// checks before any work, so a bad call is an error message, never an
// out-of-bounds access.
//
//===----------------------------------------------------------------------===//

#include "CodeGen/Manifest.h"
#include "CodeGen/SymbolicSizes.h"

#include "Th/IR/RewriteReport.h"
#include "Th/IR/ThOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/FormatVariadic.h"

#include <functional>

using namespace mlir;
using namespace tcc;

std::string tcc::dtypeName(Type element) {
  if (auto complex = dyn_cast<ComplexType>(element))
    return complex.getElementType().isF32() ? "complex64" : "complex128";
  if (element.isF32())
    return "float32";
  if (element.isF64())
    return "float64";
  if (element.isUnsignedInteger())
    return "uint" + std::to_string(element.getIntOrFloatBitWidth());
  switch (element.getIntOrFloatBitWidth()) {
  case 1:
    return "bool";
  case 8:
    return "int8";
  case 16:
    return "int16";
  case 32:
    return "int32";
  default:
    return "int64";
  }
}

static llvm::json::Array broadcastable(RankedTensorType type) {
  llvm::json::Array out;
  for (int64_t d : type.getShape())
    out.push_back(d == 1);
  return out;
}

static std::string opDescription(Operation *op) {
  llvm::StringRef name = op->getName().stripDialect();
  if (isa<th::DotOp>(op))
    return "dot";
  return ("elementwise " + name).str();
}

/// The value of a constant integer scalar.
static std::optional<int64_t> constantOf(Value v) {
  DenseIntElementsAttr attr;
  if (!matchPattern(v, m_Constant(&attr)) || attr.getNumElements() != 1)
    return std::nullopt;
  return (*attr.begin()).getSExtValue();
}


/// Whether `a` and `b` hold the same value because they are the same
/// result of ops without side effects that are equivalent, recursively
/// (what CSE would merge).
static bool computedAlike(Value a, Value b) {
  if (a == b)
    return true;
  auto ra = dyn_cast<OpResult>(a), rb = dyn_cast<OpResult>(b);
  if (!ra || !rb || ra.getResultNumber() != rb.getResultNumber())
    return false;
  Operation *da = ra.getOwner(), *db = rb.getOwner();
  if (!isMemoryEffectFree(da) || !isMemoryEffectFree(db))
    return false;
  return OperationEquivalence::isEquivalentTo(
      da, db,
      [](Value l, Value r) { return success(computedAlike(l, r)); },
      /*markEquivalent=*/nullptr, OperationEquivalence::IgnoreLocations);
}
/// Per value: one entry per dimension, -1 for a broadcastable dimension.
using DimVec = SmallVector<int>;

static FailureOr<llvm::json::Array>
computeShapeChecks(th::FuncOp func, ArrayRef<th::SharedOp> reads,
                   std::vector<std::string> argNames) {
  SymbolicSizes checks(argNames);
  llvm::DenseMap<Value, DimVec> dims;
  // `dims[to] = dims[from]` would copy from a reference that inserting `to`
  // can invalidate (DenseMap rehashes); the copy is made before inserting.
  auto sameDims = [&](Value to, Value from) {
    DimVec copy = dims.lookup(from);
    dims[to] = std::move(copy);
  };
  auto dimsOfType = [&](RankedTensorType t, int64_t arg) {
    DimVec v;
    for (int64_t d = 0; d < t.getRank(); ++d) {
      int64_t s = t.getDimSize(d);
      if (s == 1)
        v.push_back(-1);
      else if (arg >= 0)
        v.push_back(checks.newArgDim(arg, d));
      else
        v.push_back(checks.newConstant(s));
    }
    return v;
  };
  Block &body = func.getBody().front();
  for (BlockArgument arg : body.getArguments())
    dims[arg] =
        dimsOfType(cast<RankedTensorType>(arg.getType()), arg.getArgNumber());
  int64_t numInputs = body.getNumArguments();

  // Kernel arguments by value: block arguments and shared reads.
  llvm::DenseMap<Value, int64_t> argumentOf;
  // The opaque number of nonzero elements of each th.nonzero input.
  SmallVector<std::pair<Value, int>> nonzeroCounts;
  for (BlockArgument arg : body.getArguments())
    argumentOf[arg] = arg.getArgNumber();
  // The expression an integer scalar holds where it is known before the
  // call: a constant, a dimension (th.shape_i), or +, *, // and % of those (a
  // size). With `values`, also what the runtime computes from arguments'
  // values (a slice bound, a size from an index input): the values of
  // integer scalar arguments, negative constants, -, unary minus, and casts
  // that keep every value (widening).
  std::function<FailureOr<int>(Value, bool)> scalarOf =
      [&](Value v, bool values) -> FailureOr<int> {
    auto type = dyn_cast<RankedTensorType>(v.getType());
    if (!type || type.getRank() != 0 || !type.getElementType().isInteger())
      return failure();
    if (std::optional<int64_t> c = constantOf(v)) {
      if (!values && *c < 0)
        return failure();
      return checks.newConstant(*c);
    }
    if (auto it = argumentOf.find(v); values && it != argumentOf.end())
      return checks.newArgValue(it->second);
    Operation *def = v.getDefiningOp();
    if (auto shape = dyn_cast_or_null<th::ShapeIOp>(def)) {
      int sym = dims[shape.getInput()][shape.getDim()];
      return sym >= 0 ? sym : checks.newConstant(1);
    }
    auto negated = [&](int sym) {
      return checks.newProduct({sym, checks.newConstant(-1)});
    };
    if (auto cast = dyn_cast_or_null<th::CastOp>(def); values && cast) {
      Type from = getElementTypeOrSelf(cast.getInput().getType());
      if (!from.isInteger() || type.getElementType().getIntOrFloatBitWidth() <
                                   from.getIntOrFloatBitWidth())
        return failure();
      return scalarOf(cast.getInput(), values);
    }
    if (isa_and_nonnull<th::MinimumOp, th::MaximumOp>(def)) {
      // max(e, c) with a constant c >= 0 is a size whatever e is (the
      // length of a diagonal: max(min(rows - k, cols), 0)).
      auto nonNegative = [&](Value operand) {
        std::optional<int64_t> c = constantOf(operand);
        return c && *c >= 0;
      };
      bool clamped = isa<th::MaximumOp>(def) &&
                     llvm::any_of(def->getOperands(), nonNegative);
      FailureOr<int> a = scalarOf(def->getOperand(0), values || clamped);
      FailureOr<int> b = failed(a) ? a
                                   : scalarOf(def->getOperand(1),
                                              values || clamped);
      if (failed(b))
        return failure();
      return checks.newExtreme(*a, *b, isa<th::MaximumOp>(def));
    }
    if (auto neg = dyn_cast_or_null<th::NegOp>(def); values && neg) {
      FailureOr<int> a = scalarOf(neg.getOperand(), values);
      if (failed(a))
        return failure();
      return negated(*a);
    }
    if (isa_and_nonnull<th::AddOp, th::MulOp, th::IntDivOp, th::ModOp>(def) ||
        (values && isa_and_nonnull<th::SubOp>(def))) {
      FailureOr<int> a = scalarOf(def->getOperand(0), values);
      FailureOr<int> b = failed(a) ? a : scalarOf(def->getOperand(1), values);
      if (failed(b))
        return failure();
      if (isa<th::AddOp>(def))
        return checks.newSum({*a, *b});
      if (isa<th::SubOp>(def))
        return checks.newSum({*a, negated(*b)});
      if (isa<th::MulOp>(def))
        return checks.newProduct({*a, *b});
      int quotient = checks.newQuotient(*a, *b);
      if (isa<th::IntDivOp>(def))
        return quotient;
      // Python's a % b = a - b * (a // b) (roll's shift % size).
      return checks.newSum({*a, negated(checks.newProduct({*b, quotient}))});
    }
    return failure();
  };
  auto sizeOf = [&](Value v) { return scalarOf(v, /*values=*/false); };
  auto valueOf = [&](Value v) { return scalarOf(v, /*values=*/true); };
  // Size `position` of an alloc, reshape or draw: a size, or a value the
  // runtime computes from integer scalar inputs, checked non-negative.
  auto sizeOfOperand = [&](Operation *op, size_t position,
                           Value v) -> FailureOr<int> {
    FailureOr<int> sym = sizeOf(v);
    if (failed(sym)) {
      sym = valueOf(v);
      if (succeeded(sym) &&
          failed(checks.requireAtLeast(
              *sym, 0, op, op->getName().stripDialect(), op->getLoc(),
              "negative dimensions are not allowed")))
        return failure();
    }
    if (failed(sym))
      op->emitError() << op->getName().stripDialect() << ": size " << position
                      << " must be computed from constants, integer scalar "
                         "inputs and the shapes of tensors (x.shape[i]) with "
                         "+, -, * and //, so that it is known before the call";
    return sym;
  };
  // The sizes of `input[list]` (integer-index dimensions dropped), with a
  // check that each constant index is in range.
  auto regionDims = [&](Operation *op, const DimVec &in,
                        ArrayRef<int64_t> starts, ArrayRef<int64_t> stops,
                        ArrayRef<int64_t> steps,
                        ValueRange dynamic) -> FailureOr<DimVec> {
    DimVec out;
    auto entries = th::getIndexEntries(starts, stops, steps, dynamic);
    for (auto [d, n] : llvm::enumerate(in)) {
      int size = n >= 0 ? n : checks.newConstant(1);
      if (d >= entries.size()) {
        out.push_back(n);
        continue;
      }
      const th::IndexEntry &e = entries[d];
      if (e.isIndex) {
        // An index known only at run time is checked by the kernel.
        if (!e.start.constant)
          continue;
        int64_t i = *e.start.constant;
        if (failed(checks.requireAtLeast(
                size, i >= 0 ? i + 1 : -i, op, "index", op->getLoc(),
                llvm::formatv("index {0} is out of bounds otherwise", i)
                    .str())))
          return failure();
        continue;
      }
      // A bound computed from index inputs (data[i * n:(i + 1) * n]) is
      // evaluated by the runtime too; one computed from data is not.
      auto bound = [&](const th::IndexBound &b, std::optional<int> &sym) {
        if (b.constant)
          sym = checks.newConstant(*b.constant);
        if (!b.dynamic)
          return true;
        FailureOr<int> v = valueOf(b.dynamic);
        sym = succeeded(v) ? std::optional<int>(*v) : std::nullopt;
        return succeeded(v);
      };
      std::optional<int64_t> step = e.constantStep();
      std::optional<int> start, stop;
      if (!bound(e.start, start) || !bound(e.stop, stop) || !step)
        out.push_back(checks.newOpaque(op->getLoc()));
      else
        out.push_back(checks.newSliceLength(size, start, stop, *step));
    }
    return out;
  };

  // The value (operand 1) of an inc/set op broadcasts to the region: its
  // trailing dimensions that are not broadcastable have the region's sizes.
  auto valueFitsRegion = [&](Operation *op,
                             const DimVec &region) -> LogicalResult {
    const DimVec &value = dims[op->getOperand(1)];
    size_t offset = region.size() - value.size();
    for (auto [j, sym] : llvm::enumerate(value)) {
      if (sym < 0)
        continue;
      int target = region[offset + j];
      if (target < 0)
        target = checks.newConstant(1);
      if (failed(checks.unify(target, sym, op, op->getName().stripDialect(),
                              op->getLoc())))
        return failure();
    }
    return success();
  };

  // The sizes of `input[indices]` with integer arrays at `axes`: the index
  // arrays' non-broadcastable sizes must agree (NumPy's broadcasting).
  auto advancedDims = [&](Operation *op, Value input, ValueRange indices,
                          ArrayRef<int64_t> axes) -> FailureOr<DimVec> {
    std::string why;
    FailureOr<th::AdvancedLayout> layout = th::getAdvancedLayout(
        cast<RankedTensorType>(input.getType()), indices.getTypes(), axes, why);
    if (failed(layout))
      return op->emitError(why);
    int64_t nb = layout->broadcastShape.size();
    DimVec out(layout->resultRank, -1);
    for (int64_t j = 0; j < nb; ++j) {
      int sym = -1;
      for (Value idx : indices) {
        const DimVec &in = dims[idx];
        int64_t k = j - (nb - static_cast<int64_t>(in.size()));
        if (k < 0 || in[k] < 0)
          continue;
        if (sym >= 0 &&
            failed(checks.unify(sym, in[k], op, op->getName().stripDialect(),
                                op->getLoc())))
          return failure();
        sym = in[k];
      }
      out[layout->first + j] = sym;
    }
    for (auto [d, r] : llvm::enumerate(layout->resultDimOfInput))
      if (r >= 0)
        out[r] = dims[input][d];
    return out;
  };

  // The dims of a result sized by int64 scalar operands (alloc's sizes).
  auto dimsOfSizes = [&](Operation *op, RankedTensorType type,
                         ValueRange sizes) -> FailureOr<DimVec> {
    DimVec out;
    for (auto [d, size] : llvm::enumerate(sizes)) {
      if (type.getDimSize(d) == 1) {
        out.push_back(-1);
      } else if (!type.isDynamicDim(d)) {
        out.push_back(checks.newConstant(type.getDimSize(d)));
      } else {
        FailureOr<int> sym = sizeOfOperand(op, d, size);
        if (failed(sym))
          return failure();
        out.push_back(*sym);
      }
    }
    return out;
  };

  // th.conv2d and th.pool2d: Theano's output sizes (ThNNet.h); a
  // convolution needs the (dilated) kernel to fit in the padded image.
  auto windowedDims = [&](Operation *op) -> FailureOr<DimVec> {
    auto orOne = [&](int sym) {
      return sym >= 0 ? sym : checks.newConstant(1);
    };
    auto constant = [&](int64_t v) { return checks.newConstant(v); };
    auto conv = dyn_cast<th::Conv2dOp>(op);
    auto pool = dyn_cast<th::Pool2dOp>(op);
    const DimVec &in = dims[op->getOperand(0)];
    DimVec out = {in[0], in[1]};
    llvm::StringRef name = conv ? "conv2d" : "pool_2d";
    if (conv) {
      const DimVec &w = dims[conv.getFilters()];
      out[1] = w[0];
      if (failed(checks.unify(
              orOne(in[1]), orOne(w[1]), op, name, op->getLoc(),
              llvm::formatv("{0} == {1} (the input's channels and the "
                            "filters' input channels)",
                            checks.name(orOne(in[1])), checks.name(orOne(w[1])))
                  .str())))
        return failure();
    }
    for (int d = 0; d < 2; ++d) {
      int size = orOne(in[2 + d]);
      int64_t stride = conv ? conv.getStrides()[d] : pool.getStrides()[d];
      int64_t padding = conv ? conv.getPadding()[d] : pool.getPadding()[d];
      int span;
      if (conv) {
        int64_t dilation = conv.getDilations()[d];
        int kernel = orOne(dims[conv.getFilters()][2 + d]);
        span = checks.newSum({checks.newProduct({kernel, constant(dilation)}),
                              constant(1 - dilation)});
      } else {
        span = constant(pool.getWindow()[d]);
      }
      if (pool && !pool.getIgnoreBorder()) {
        int64_t window = pool.getWindow()[d];
        int last = checks.newSum({size, constant(-1)});
        int count =
            stride >= window
                ? checks.newQuotient(last, constant(stride))
                : checks.newExtreme(
                      checks.newQuotient(
                          checks.newSum({size, constant(stride - window - 1)}),
                          constant(stride)),
                      constant(0), /*max=*/true);
        out.push_back(checks.newSum({count, constant(1)}));
        continue;
      }
      int room = checks.newSum({size, constant(2 * padding),
                                checks.newProduct({span, constant(-1)})});
      // A pooling window that does not fit gives no rows, as in Theano.
      if (pool) {
        out.push_back(checks.newExtreme(
            checks.newSum(
                {checks.newQuotient(room, constant(stride)), constant(1)}),
            constant(0), /*max=*/true));
        continue;
      }
      if (failed(checks.requireAtLeast(
              room, 0, op, name, op->getLoc(),
              llvm::formatv("the filters must fit in the padded {0}",
                            d ? "columns" : "rows")
                  .str())))
        return failure();
      out.push_back(checks.newSum(
          {checks.newQuotient(room, constant(stride)), constant(1)}));
    }
    return out;
  };

  auto visit = [&](Operation *op) -> WalkResult {
    if (auto read = dyn_cast<th::ReadOp>(op)) {
      auto it = llvm::find_if(reads, [&](th::SharedOp s) {
        return s.getSymName() == read.getVar();
      });
      int64_t arg = numInputs + (it - reads.begin());
      dims[read.getResult()] = dimsOfType(read.getType(), arg);
      argumentOf[read.getResult()] = arg;
      return WalkResult::advance();
    }
    if (auto draw = dyn_cast<th::RandomDrawOp>(op)) {
      // The sample has alloc's sizes; the new state is always packed.
      FailureOr<DimVec> out =
          dimsOfSizes(op, cast<RankedTensorType>(draw.getSample().getType()),
                      draw.getSizes());
      if (failed(out))
        return WalkResult::interrupt();
      dims[draw.getSample()] = *out;
      dims[draw.getNextState()] = {checks.newConstant(th::kRandomStateLength)};
      return WalkResult::advance();
    }
    if (op->getNumResults() != 1)
      return WalkResult::advance();
    Value result = op->getResult(0);
    auto type = dyn_cast<RankedTensorType>(result.getType());
    if (!type)
      return WalkResult::advance();
    if (isa<th::ConstantOp>(op)) {
      dims[result] = dimsOfType(type, -1);
      return WalkResult::advance();
    }
    if (isa<th::ShapeIOp>(op)) {
      dims[result] = {};
      return WalkResult::advance();
    }
    if (isa<th::GradientStopOp, th::SoftmaxOp, th::LogSoftmaxOp, th::CumSumOp,
            th::CumProdOp, th::ArgsortOp>(op)) {
      sameDims(result, op->getOperand(0));
      return WalkResult::advance();
    }
    if (auto rebroadcast = dyn_cast<th::RebroadcastOp>(op)) {
      // A dimension made broadcastable must be 1 (checked before the call);
      // one made non-broadcastable is the size 1.
      DimVec in = dims.lookup(rebroadcast.getInput()), out;
      for (auto [d, sym] : llvm::enumerate(in)) {
        bool broadcastable = type.getDimSize(d) == 1;
        if (broadcastable && sym >= 0 &&
            failed(checks.unify(
                sym, checks.newConstant(1), op, "rebroadcast", op->getLoc(),
                llvm::formatv("{0} == 1 (Theano's Rebroadcast: dimension {1} "
                              "was made broadcastable)",
                              checks.name(sym), d)
                    .str())))
          return WalkResult::interrupt();
        out.push_back(broadcastable ? -1
                      : sym >= 0    ? sym
                                    : checks.newConstant(1));
      }
      dims[result] = std::move(out);
      return WalkResult::advance();
    }
    if (auto onehot = dyn_cast<th::OneHotOp>(op)) {
      sameDims(result, onehot.getLike());
      return WalkResult::advance();
    }
    if (auto stack = dyn_cast<th::StackOp>(op)) {
      // Rows have row_like's shape (the body was analysed first: post-order).
      DimVec out = {dims[stack.getCountLike()][stack.getDim()]};
      const DimVec &row = dims[stack.getRowLike()];
      out.append(row.begin(), row.end());
      dims[result] = out;
      return WalkResult::advance();
    }
    if (op->hasTrait<th::OpTrait::ElementwiseBroadcastable>() ||
        isa<th::CastOp>(op)) {
      DimVec out(type.getRank(), -1);
      for (Value operand : op->getOperands()) {
        const DimVec &od = dims[operand];
        for (int64_t d = 0; d < type.getRank(); ++d) {
          if (od[d] < 0)
            continue;
          if (out[d] < 0)
            out[d] = od[d];
          else if (failed(checks.unify(out[d], od[d], op, opDescription(op),
                                       op->getLoc())))
            return WalkResult::interrupt();
        }
      }
      dims[result] = out;
      return WalkResult::advance();
    }
    // dot(lhs, rhs): the contracted sizes agree; the rest are the result's.
    auto productDims = [&](Value lhs, Value rhs,
                           Location loc) -> FailureOr<DimVec> {
      const DimVec &l = dims[lhs], &r = dims[rhs];
      int li = l.back(), ri = r.front();
      if (li >= 0 && ri >= 0 && failed(checks.unify(li, ri, op, "dot", loc)))
        return failure();
      DimVec out;
      if (l.size() == 2)
        out.push_back(l[0]);
      if (r.size() == 2)
        out.push_back(r[1]);
      return out;
    };
    if (auto dot = dyn_cast<th::DotOp>(op)) {
      FailureOr<DimVec> out =
          productDims(dot.getLhs(), dot.getRhs(), dot.getLoc());
      if (failed(out))
        return WalkResult::interrupt();
      dims[result] = *out;
      return WalkResult::advance();
    }
    if (isa<th::GemvOp, th::GemmOp>(op)) {
      // c + alpha * dot(a, b): c has the product's shape. th-gemm gives the
      // op the locations of the dot and of the sum it came from.
      Location dotLoc = op->getLoc(), sumLoc = op->getLoc();
      if (auto fused = dyn_cast<FusedLoc>(op->getLoc());
          fused && fused.getLocations().size() == 2) {
        dotLoc = fused.getLocations()[0];
        sumLoc = fused.getLocations()[1];
      }
      FailureOr<DimVec> out =
          productDims(op->getOperand(2), op->getOperand(3), dotLoc);
      if (failed(out))
        return WalkResult::interrupt();
      const DimVec &c = dims[op->getOperand(0)];
      for (size_t d = 0; d < out->size(); ++d) {
        if ((*out)[d] < 0)
          (*out)[d] = c[d];
        else if (c[d] >= 0 && failed(checks.unify((*out)[d], c[d], op,
                                                  "elementwise add", sumLoc)))
          return WalkResult::interrupt();
      }
      dims[result] = *out;
      return WalkResult::advance();
    }
    if (auto ds = dyn_cast<th::DimShuffleOp>(op)) {
      const DimVec &in = dims[ds.getInput()];
      DimVec out;
      for (int64_t p : ds.getPattern())
        out.push_back(p < 0 ? -1 : in[p]);
      dims[result] = out;
      return WalkResult::advance();
    }
    if (isa<th::SumOp, th::ProdOp, th::MeanOp, th::MaxOp, th::MinOp,
            th::ArgmaxOp, th::ArgminOp>(op)) {
      auto axes = cast<DenseI64ArrayAttr>(op->getAttr("axes")).asArrayRef();
      const DimVec &in = dims[op->getOperand(0)];
      DimVec out;
      for (size_t d = 0; d < in.size(); ++d) {
        if (!llvm::is_contained(axes, int64_t(d)))
          out.push_back(in[d]);
        else if (in[d] >= 0 &&
                 isa<th::MaxOp, th::MinOp, th::ArgmaxOp, th::ArgminOp>(op) &&
                 failed(checks.requireAtLeast(
                     in[d], 1, op, op->getName().stripDialect(), op->getLoc(),
                     ("an empty reduction has no " +
                      op->getName().stripDialect())
                         .str())))
          return WalkResult::interrupt();
      }
      dims[result] = out;
      return WalkResult::advance();
    }
    if (auto join = dyn_cast<th::JoinOp>(op)) {
      // Sizes agree outside the axis (a broadcastable result dimension
      // needs size 1 in every input); along it they add up.
      int64_t axis = join.getAxis();
      DimVec out(type.getRank(), -1);
      SmallVector<int> along;
      int64_t staticAlong = 0;
      for (Value input : join.getInputs()) {
        const DimVec &in = dims[input];
        for (int64_t d = 0; d < type.getRank(); ++d) {
          if (d == axis) {
            if (in[d] < 0)
              ++staticAlong; // A broadcastable piece adds 1.
            else
              along.push_back(in[d]);
            continue;
          }
          if (in[d] < 0)
            continue;
          int target = type.getDimSize(d) == 1 ? checks.newConstant(1) : out[d];
          if (target < 0)
            out[d] = in[d];
          else if (failed(
                       checks.unify(target, in[d], op, "join", op->getLoc())))
            return WalkResult::interrupt();
        }
      }
      if (!type.isDynamicDim(axis)) {
        out[axis] = type.getDimSize(axis) == 1
                        ? -1
                        : checks.newConstant(type.getDimSize(axis));
      } else {
        along.push_back(checks.newConstant(staticAlong));
        out[axis] = checks.newSum(along);
      }
      dims[result] = out;
      return WalkResult::advance();
    }
    if (auto alloc = dyn_cast<th::AllocOp>(op)) {
      FailureOr<DimVec> out = dimsOfSizes(op, type, alloc.getSizes());
      if (failed(out))
        return WalkResult::interrupt();
      dims[result] = *out;
      return WalkResult::advance();
    }
    if (auto arange = dyn_cast<th::ArangeOp>(op)) {
      // arange(c, n, k) with c >= 0 and k > 0 has len(range(n)[c::k])
      // elements; other bounds give a size known only at run time.
      auto step = dyn_cast<IntegerAttr>(arange.getStep());
      std::optional<int64_t> start = constantOf(arange.getStart());
      FailureOr<int> stop = failure();
      if (step && step.getInt() > 0 && start && *start >= 0)
        stop = sizeOf(arange.getStop());
      if (!type.isDynamicDim(0))
        dims[result] = {checks.newConstant(type.getDimSize(0))};
      else if (succeeded(stop))
        dims[result] = {checks.newSliceLength(*stop, checks.newConstant(*start),
                                              std::nullopt, step.getInt())};
      else
        dims[result] = {checks.newOpaque(op->getLoc())};
      return WalkResult::advance();
    }
    if (auto nonzero = dyn_cast<th::NonzeroOp>(op)) {
      // One count per mask, so x[mask] and y[mask] have the same size,
      // and the same for masks computed alike (v[v > 0] += -v[v > 0]),
      // whether CSE ran (-O2) or not (-O0).
      Value mask = nonzero.getInput();
      auto *it = llvm::find_if(nonzeroCounts, [&](auto &entry) {
        return computedAlike(entry.first, mask);
      });
      if (it == nonzeroCounts.end()) {
        nonzeroCounts.push_back(
            {mask, checks.newOpaque(
                       op->getLoc(), "the number of nonzero elements of the mask",
                       "that number depends on tensor data, so tcc cannot "
                       "check it before the call")});
        it = std::prev(nonzeroCounts.end());
      }
      dims[result] = {checks.newConstant(type.getDimSize(0)), it->second};
      // x[mask]: the mask has the sizes of the dimensions it indexes.
      for (auto [d, size] : llvm::enumerate(nonzero.getIndexed())) {
        FailureOr<int> indexed = sizeOf(size);
        int maskDim = dims[mask][d];
        if (maskDim < 0)
          maskDim = checks.newConstant(1);
        if (failed(indexed)) {
          op->emitError("internal: an indexed size that is not a shape");
          return WalkResult::interrupt();
        }
        if (failed(checks.unify(maskDim, *indexed, op,
                                "boolean mask indexing", op->getLoc())))
          return WalkResult::interrupt();
      }
      return WalkResult::advance();
    }
    if (auto reshape = dyn_cast<th::ReshapeOp>(op)) {
      // The element count is kept; a -1 size is the count over the others.
      SmallVector<int> in;
      for (int d : dims[reshape.getInput()])
        in.push_back(d >= 0 ? d : checks.newConstant(1));
      int count = checks.newProduct(in);
      SmallVector<int> sizes;
      std::optional<size_t> rest;
      for (auto [d, size] : llvm::enumerate(reshape.getSizes())) {
        if (constantOf(size) == -1) {
          rest = d;
          sizes.push_back(-1);
          continue;
        }
        FailureOr<int> sym = sizeOfOperand(op, d, size);
        if (failed(sym))
          return WalkResult::interrupt();
        sizes.push_back(*sym);
      }
      SmallVector<int> known;
      for (int sym : sizes)
        if (sym >= 0)
          known.push_back(sym);
      int product = checks.newProduct(known);
      std::optional<std::string> need;
      if (rest) {
        // count == (count // product) * product: count is a multiple.
        need = checks.name(count) +
               " (the element count) to be a multiple "
               "of " +
               checks.name(product, true);
        sizes[*rest] = checks.newQuotient(count, product);
        product = checks.newProduct({sizes[*rest], product});
      }
      if (failed(
              checks.unify(count, product, op, "reshape", op->getLoc(), need)))
        return WalkResult::interrupt();
      DimVec out;
      for (auto [d, sym] : llvm::enumerate(sizes))
        out.push_back(type.getDimSize(d) == 1 ? -1 : sym);
      dims[result] = out;
      return WalkResult::advance();
    }
    if (auto sub = dyn_cast<th::SubtensorOp>(op)) {
      FailureOr<DimVec> region =
          regionDims(op, dims[sub.getInput()], sub.getStarts(), sub.getStops(),
                     sub.getSteps(), sub.getDynamic());
      if (failed(region))
        return WalkResult::interrupt();
      DimVec out;
      for (auto [d, sym] : llvm::enumerate(*region))
        out.push_back(type.getDimSize(d) == 1 ? -1 : sym);
      dims[result] = out;
      return WalkResult::advance();
    }
    if (auto ifelse = dyn_cast<th::IfElseOp>(op)) {
      // A size both branches share stays known; one that depends on the
      // branch taken is known only at run time.
      const DimVec &a = dims[ifelse.getThenValue()];
      const DimVec &b = dims[ifelse.getElseValue()];
      DimVec out;
      for (auto [x, y] : llvm::zip(a, b)) {
        std::optional<int64_t> cx =
            x >= 0 ? checks.constantValue(x) : std::optional<int64_t>(1);
        std::optional<int64_t> cy =
            y >= 0 ? checks.constantValue(y) : std::optional<int64_t>(1);
        if (x == y)
          out.push_back(x);
        else if (cx && cx == cy)
          out.push_back(checks.newConstant(*cx));
        else
          out.push_back(checks.newOpaque(op->getLoc()));
      }
      dims[result] = out;
      return WalkResult::advance();
    }
    if (auto gather = dyn_cast<th::AdvancedSubtensorOp>(op)) {
      FailureOr<DimVec> out = advancedDims(
          op, gather.getInput(), gather.getIndices(), gather.getAxes());
      if (failed(out))
        return WalkResult::interrupt();
      dims[result] = *out;
      return WalkResult::advance();
    }
    if (isa<th::IncSubtensorOp, th::SetSubtensorOp, th::AdvancedIncSubtensorOp,
            th::AdvancedSetSubtensorOp>(op)) {
      // The value must fit the region it is set into or added to; the
      // result has the input's shape.
      FailureOr<DimVec> region =
          llvm::TypeSwitch<Operation *, FailureOr<DimVec>>(op)
              .Case<th::IncSubtensorOp, th::SetSubtensorOp>([&](auto inc) {
                return regionDims(op, dims[inc.getInput()], inc.getStarts(),
                                  inc.getStops(), inc.getSteps(),
                                  inc.getDynamic());
              })
              .Case<th::AdvancedIncSubtensorOp, th::AdvancedSetSubtensorOp>(
                  [&](auto inc) {
                    return advancedDims(op, inc.getInput(), inc.getIndices(),
                                        inc.getAxes());
                  });
      if (failed(region) || failed(valueFitsRegion(op, *region)))
        return WalkResult::interrupt();
      sameDims(result, op->getOperand(0));
      return WalkResult::advance();
    }
    if (auto piece = dyn_cast<th::JoinPieceOp>(op)) {
      sameDims(result, piece.getPieces()[piece.getIndex()]);
      return WalkResult::advance();
    }
    if (isa<th::Conv2dOp, th::Pool2dOp>(op)) {
      FailureOr<DimVec> out = windowedDims(op);
      if (failed(out))
        return WalkResult::interrupt();
      dims[result] = *out;
      return WalkResult::advance();
    }
    if (isa<th::Conv2dGradInputOp, th::Pool2dGradOp>(op)) {
      sameDims(result, op->getOperand(0));
      return WalkResult::advance();
    }
    if (auto grad = dyn_cast<th::Conv2dGradFiltersOp>(op)) {
      sameDims(result, grad.getFilters());
      return WalkResult::advance();
    }
    op->emitError("internal: no shape rule for ") << op->getName();
    return WalkResult::interrupt();
  };

  // th.scan's body sees the sizes of its operands: a row of each sequence,
  // the rows of each initial, the invariants. Its value must keep the
  // shape of the state it replaces.
  auto bindScanArguments = [&](th::ScanOp scan) {
    for (auto [seq, arg] :
         llvm::zip(scan.getSequences(), scan.getSequenceArgs()))
      dims[arg] = DimVec(ArrayRef<int>(dims[seq]).drop_front());
    for (unsigned j = 0; j < scan.getNumOutputs(); ++j) {
      if (!scan.isRecurrent(j))
        continue;
      Value initial = scan.getInitials()[scan.getInitialIndexOf(j)];
      for (Value arg : scan.getTapArgsOf(j))
        dims[arg] = DimVec(ArrayRef<int>(dims[initial]).drop_front());
    }
    for (auto [inv, arg] :
         llvm::zip(scan.getInvariants(), scan.getInvariantArgs()))
      sameDims(arg, inv);
  };
  auto scanResults = [&](th::ScanOp scan) -> LogicalResult {
    FailureOr<int> steps = valueOf(scan.getSteps());
    int n = succeeded(steps)
                ? checks.newExtreme(*steps, checks.newConstant(0), true)
                : checks.newOpaque(scan.getLoc(), "the number of steps",
                                   "it is computed from tensor data");
    // A scan that stops on a condition runs from one step to n (none when
    // n is 0).
    if (scan.getUntil()) {
      int most = n;
      n = checks.newOpaque(scan.getLoc(), "the number of steps",
                           "the scan stops on a condition");
      SmallVector<int> rows;
      for (Value seq : scan.getSequences())
        rows.push_back(dims[seq].front() >= 0 ? dims[seq].front()
                                              : checks.newConstant(1));
      checks.setStepsRun(n, most, rows);
    }
    for (unsigned j = 0; j < scan.getNumOutputs(); ++j) {
      DimVec value = dims.lookup(scan.getYieldedValues()[j]);
      if (scan.isRecurrent(j)) {
        const DimVec &state = dims[scan.getTapArgsOf(j).front()];
        for (auto [v, s] : llvm::zip(value, state))
          if (v >= 0 && s >= 0 &&
              failed(checks.unify(
                  v, s, scan, "scan", scan.getLoc(),
                  "the step's output keeps the shape of its initial state")))
            return failure();
      }
      DimVec out;
      if (scan.getHistory()[j])
        out.push_back(n);
      out.append(value.begin(), value.end());
      dims[scan.getResult(j)] = std::move(out);
    }
    return success();
  };
  // Post-order, as Operation::walk, but a scan's arguments are bound
  // before its body is analysed.
  std::function<WalkResult(Block &)> walkBlock = [&](Block &block) {
    for (Operation &op : block) {
      auto scan = dyn_cast<th::ScanOp>(op);
      if (scan)
        bindScanArguments(scan);
      for (Region &region : op.getRegions())
        for (Block &inner : region)
          if (walkBlock(inner).wasInterrupted())
            return WalkResult::interrupt();
      if (scan) {
        if (failed(scanResults(scan)))
          return WalkResult::interrupt();
        continue;
      }
      if (visit(&op).wasInterrupted())
        return WalkResult::interrupt();
    }
    return WalkResult::advance();
  };
  if (walkBlock(func.getBody().front()).wasInterrupted())
    return failure();
  return checks.take();
}

FailureOr<ModelManifest> tcc::buildManifest(ModuleOp module,
                                            llvm::StringRef modelName,
                                            llvm::StringRef source,
                                            llvm::StringRef floatX) {
  ModelManifest manifest;
  SmallVector<th::SharedOp> shared(module.getOps<th::SharedOp>());
  llvm::json::Array sharedJson;
  auto addData = [&](ElementsAttr attr) {
    // 64-byte aligned slots in __tcc_data.
    manifest.data.resize((manifest.data.size() + 63) / 64 * 64);
    int64_t offset = manifest.data.size();
    auto dense = cast<DenseElementsAttr>(attr);
    Type element = dense.getElementType();
    if (element.isInteger(1)) {
      for (bool b : dense.getValues<bool>())
        manifest.data.push_back(b ? 1 : 0);
    } else {
      int64_t width = element.getIntOrFloatBitWidth() / 8;
      int64_t n = dense.getNumElements();
      ArrayRef<char> raw = dense.getRawData();
      for (int64_t i = 0; i < n; ++i) {
        // A splat stores one element.
        const char *p = raw.data() + (dense.isSplat() ? 0 : i * width);
        manifest.data.insert(manifest.data.end(), p, p + width);
      }
    }
    return offset;
  };
  auto shapeJson = [](ShapedType t) {
    llvm::json::Array a;
    for (int64_t d : t.getShape())
      a.push_back(d);
    return a;
  };
  for (th::SharedOp s : shared) {
    auto type = cast<RankedTensorType>(s.getType());
    llvm::json::Object o;
    o["name"] = s.getSymName();
    o["dtype"] = dtypeName(type.getElementType());
    o["broadcastable"] = broadcastable(type);
    o["shape"] = shapeJson(cast<ShapedType>(s.getInitialValue().getType()));
    o["offset"] = addData(s.getInitialValue());
    sharedJson.push_back(std::move(o));
  }

  llvm::json::Array functions;
  for (th::FuncOp func : module.getOps<th::FuncOp>()) {
    llvm::json::Object f;
    f["name"] = func.getSymName();
    // Where theano.function was called, for documentation and reports.
    f["loc"] = formatSourceLocation(func.getLoc());
    std::vector<std::string> argNames;
    llvm::json::Array inputs;
    for (unsigned i = 0; i < func.getNumArguments(); ++i) {
      auto type = cast<RankedTensorType>(func.getArgumentTypes()[i]);
      auto name = func.getArgAttrOfType<StringAttr>(i, "th.name");
      argNames.push_back(name ? name.str() : "input" + std::to_string(i));
      llvm::json::Object in;
      in["name"] = argNames.back();
      in["dtype"] = dtypeName(type.getElementType());
      in["broadcastable"] = broadcastable(type);
      if (auto dflt = func.getArgAttrOfType<ElementsAttr>(i, "th.default")) {
        llvm::json::Object d;
        d["shape"] = shapeJson(cast<ShapedType>(dflt.getType()));
        d["offset"] = addData(dflt);
        in["default"] = std::move(d);
      } else {
        in["default"] = nullptr;
      }
      inputs.push_back(std::move(in));
    }
    f["inputs"] = std::move(inputs);
    if (func->hasAttr("th.allow_input_downcast"))
      f["allow_input_downcast"] = true;

    SmallVector<th::SharedOp> reads;
    llvm::json::Array readsJson, updatesJson;
    for (auto [index, s] : llvm::enumerate(shared)) {
      bool isRead = false, isUpdated = false;
      func.walk([&](th::ReadOp r) { isRead |= r.getVar() == s.getSymName(); });
      func.walk(
          [&](th::UpdateOp u) { isUpdated |= u.getVar() == s.getSymName(); });
      if (isRead) {
        reads.push_back(s);
        readsJson.push_back(int64_t(index));
        argNames.push_back(s.getSymName().str());
      }
      if (isUpdated)
        updatesJson.push_back(int64_t(index));
    }
    f["reads"] = std::move(readsJson);
    f["updates"] = std::move(updatesJson);

    llvm::json::Array outputs;
    for (unsigned i = 0; i < func.getNumResults(); ++i) {
      auto type = cast<RankedTensorType>(func.getResultTypes()[i]);
      auto name = func.getResultAttrOfType<StringAttr>(i, "th.name");
      llvm::json::Object out;
      out["name"] = name ? name.str() : "output" + std::to_string(i);
      out["dtype"] = dtypeName(type.getElementType());
      out["broadcastable"] = broadcastable(type);
      outputs.push_back(std::move(out));
    }
    f["outputs"] = std::move(outputs);
    f["single_output"] = func->hasAttr("th.single_output");
    FailureOr<llvm::json::Array> checks =
        computeShapeChecks(func, reads, argNames);
    if (failed(checks))
      return failure();
    f["shape_checks"] = std::move(*checks);
    manifest.functionNames.push_back(func.getSymName().str());
    functions.push_back(std::move(f));
  }

  llvm::json::Object root;
  root["tcc_abi"] = 1;
  root["model"] = modelName;
  root["source"] = source;
  root["floatX"] = floatX;
  root["shared"] = std::move(sharedJson);
  root["functions"] = std::move(functions);
  manifest.json = std::move(root);
  return manifest;
}

void tcc::recordLoweringResults(ModuleOp module, ModelManifest &manifest) {
  llvm::json::Object &root = *manifest.json.getAsObject();
  // What the kernels' error calls number: index checks, NaN-guard checks
  // and allocation sites.
  for (auto [attr, key] : {std::pair{"tcc.index_checks", "index_checks"},
                           std::pair{"tcc.nan_checks", "nan_checks"},
                           std::pair{"tcc.alloc_sites", "alloc_sites"}})
    if (auto list = module->getAttrOfType<ArrayAttr>(attr)) {
      llvm::json::Array reasons;
      for (auto reason : list.getAsRange<StringAttr>())
        reasons.push_back(reason.getValue());
      root[key] = std::move(reasons);
    }
  if (auto kernels = module->getAttrOfType<ArrayAttr>("tcc.profile_kernels")) {
    llvm::json::Array described;
    for (auto kernel : kernels.getAsRange<DictionaryAttr>()) {
      StringRef function = kernel.getAs<StringAttr>("function").getValue();
      auto found = llvm::find(manifest.functionNames, function.str());
      llvm::json::Array locs;
      for (auto place :
           kernel.getAs<ArrayAttr>("locs").getAsRange<StringAttr>())
        locs.push_back(place.getValue());
      llvm::json::Object entry;
      entry["function"] = found == manifest.functionNames.end()
                              ? int64_t(-1)
                              : int64_t(found - manifest.functionNames.begin());
      entry["kind"] = kernel.getAs<StringAttr>("kind").getValue();
      entry["ops"] = kernel.getAs<StringAttr>("ops").getValue();
      entry["locs"] = std::move(locs);
      described.push_back(std::move(entry));
    }
    llvm::json::Object profile;
    profile["kernels"] = std::move(described);
    root["profile"] = std::move(profile);
  }
  const llvm::json::Array &shared = *root.getArray("shared");
  llvm::json::Array &functions = *root.getArray("functions");
  for (auto [name, fn] : llvm::zip(manifest.functionNames, functions)) {
    Operation *lowered = SymbolTable::lookupSymbolIn(module, name);
    auto vars =
        lowered ? lowered->getAttrOfType<ArrayAttr>("tcc.inplace") : nullptr;
    llvm::json::Array indices;
    if (vars)
      for (auto var : vars.getAsRange<FlatSymbolRefAttr>())
        for (auto [index, s] : llvm::enumerate(shared))
          if (s.getAsObject()->getString("name") == var.getValue())
            indices.push_back(int64_t(index));
    fn.getAsObject()->insert({"inplace", std::move(indices)});
  }
}
