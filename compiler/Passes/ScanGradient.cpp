//===- ScanGradient.cpp - back-propagation through time for th.scan
//--------===//
//
// The gradient of a th.scan is another th.scan that runs the steps in
// reverse. Its body is a copy of the forward body followed by that copy's
// own gradient (a th.grad expanded on the spot), so every op the step uses
// brings its vector-Jacobian product along, nested scans included.
//
// Step t of the reverse loop reads, as sequences, the forward sequences'
// row t, the values the forward step t read through its taps (rows of the
// initial joined with the history), each output's row t (so the step's
// outputs are not computed again) and the adjoint of each output's row t.
// It carries:
//
// - for each recurrent float output with L earlier values, a window of L
//   adjoints: row i is what later steps have added so far to the adjoint of
//   the value at step t - L + 1 + i. Row L - 1 is complete when step t
//   runs, since only steps after t read it; step t then adds its own
//   contributions to the values it read, and the window moves down a row.
//   After the first step the window holds the initial's gradient.
// - for each float invariant, the sum of its gradients over the steps.
//
// and yields each float sequence's gradient as a row (reversed, so the
// rows come out in step order).
//
// A scan that stops on an until condition is differentiated as the scan of
// the m steps it ran (the condition has no gradient); the sequences' rows
// it never read get zeros.
//
// With truncate_gradient = k (truncated BPTT) the reverse loop runs only the
// last min(n, k) steps, on the last rows of its sequences: what flows back
// stops at step n - k, as in Theano and PyTensor. The earlier rows of the
// sequences' gradients are zeros, and the window, which then holds the
// adjoints of the values just before step n - k, gives the initial only
// the rows that are its own.
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;

namespace {

bool isFloat(Value v) {
  return isa<FloatType>(cast<RankedTensorType>(v.getType()).getElementType());
}

/// `shape` with its leading size unknown.
SmallVector<int64_t> withDynamicLeading(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> out(shape);
  out[0] = ShapedType::kDynamic;
  return out;
}

/// th ops for slicing along the leading dimension.
struct Slicer {
  OpBuilder &b;
  Location loc;

  Value index(Value x, int64_t i) {
    th::IndexEntry e;
    e.isIndex = true;
    e.start.constant = i;
    return th::SubtensorOp::create(b, loc, x, th::buildIndexList({e}));
  }
  /// x[i] along the leading dimension, i a 0-d int64 tensor.
  Value indexAt(Value x, Value i) {
    th::IndexEntry e;
    e.isIndex = true;
    e.start.dynamic = i;
    return th::SubtensorOp::create(b, loc, x, th::buildIndexList({e}));
  }
  Value slice(Value x, std::optional<int64_t> start,
              std::optional<int64_t> stop) {
    th::IndexEntry e;
    e.start.constant = start;
    e.stop.constant = stop;
    return th::SubtensorOp::create(b, loc, x, th::buildIndexList({e}));
  }
  /// x[start:stop] along the leading dimension, with bounds known at run
  /// time (0-d int64 tensors; a null one is omitted).
  Value sliceAt(Value x, Value start, Value stop) {
    th::IndexEntry e;
    e.start.dynamic = start;
    e.stop.dynamic = stop;
    return th::SubtensorOp::create(b, loc, x, th::buildIndexList({e}));
  }
  Value integer(int64_t v) {
    auto type = RankedTensorType::get({}, b.getI64Type());
    return th::ConstantOp::create(b, loc, DenseElementsAttr::get(type, {v}));
  }
  /// x with a leading dimension of size 1.
  Value padLeft(Value x) {
    SmallVector<int64_t> pattern = {-1};
    for (int64_t d = 0; d < cast<RankedTensorType>(x.getType()).getRank(); ++d)
      pattern.push_back(d);
    return th::DimShuffleOp::create(b, loc, x, pattern);
  }
  Value castTo(Value x, Type type) {
    return x.getType() == type ? x : th::CastOp::create(b, loc, type, x);
  }
  /// x, of `type`'s shape and element type, as `type`, which may know
  /// static sizes that x's type does not (a th.cast only forgets them).
  Value refineTo(Value x, RankedTensorType type) {
    auto known = cast<RankedTensorType>(x.getType()).getShape();
    bool refines =
        llvm::any_of(llvm::seq<int64_t>(0, type.getRank()), [&](int64_t d) {
          return !type.isDynamicDim(d) && ShapedType::isDynamic(known[d]);
        });
    if (!refines)
      return castTo(x, type);
    SmallVector<Value> sizes;
    for (int64_t d = 0; d < type.getRank(); ++d)
      sizes.push_back(type.isDynamicDim(d)
                          ? Value(th::ShapeIOp::create(b, loc, x, d))
                          : integer(type.getDimSize(d)));
    return th::ReshapeOp::create(b, loc, type, x, sizes);
  }
};

} // namespace

LogicalResult tcc::buildScanVJP(OpBuilder &b, th::ScanOp scan,
                                ArrayRef<Value> resultGrads,
                                SmallVectorImpl<Value> &operandGrads) {
  Location loc = scan.getLoc();
  Slicer s{b, loc};
  unsigned outputs = scan.getNumOutputs();
  for (unsigned j = 0; j < outputs; ++j)
    if (resultGrads[j] && !scan.getHistory()[j])
      return scan.emitError("internal: the gradient of a scan output that "
                            "keeps only its last value");

  // The reverse loop's operands.
  SmallVector<Value> sequences, initials;
  SmallVector<Attribute> taps;
  SmallVector<bool> history;
  // Forward sequences.
  llvm::append_range(sequences, scan.getSequences());
  // What each forward tap read: rows L + k .. L + k + n of initial ++ history.
  SmallVector<unsigned> recurrentFloat;
  for (unsigned j = 0; j < outputs; ++j) {
    if (!scan.isRecurrent(j))
      continue;
    Value initial = scan.getInitials()[scan.getInitialIndexOf(j)];
    Value all =
        th::JoinOp::create(b, loc, ValueRange{initial, scan.getResult(j)}, 0);
    int64_t lag = scan.getLagOf(j);
    for (int64_t k : scan.getTapsOf(j)) {
      Value read = s.slice(all, lag + k,
                           k == 0 ? std::nullopt : std::optional<int64_t>(k));
      sequences.push_back(s.castTo(read, scan.getResult(j).getType()));
    }
    if (isFloat(initial))
      recurrentFloat.push_back(j);
  }
  // The outputs' rows as the forward steps computed them, so that the
  // gradient reads them instead of computing them again.
  for (unsigned j = 0; j < outputs; ++j)
    sequences.push_back(scan.getResult(j));
  // The adjoints of the outputs' rows.
  SmallVector<unsigned> seeded;
  for (unsigned j = 0; j < outputs; ++j) {
    if (!resultGrads[j] || !isFloat(scan.getResult(j)))
      continue;
    seeded.push_back(j);
    sequences.push_back(s.castTo(resultGrads[j], scan.getResult(j).getType()));
  }
  // Carried: the windows, then the invariants' sums, each from zeros like
  // the value it is the adjoint of, keeping only its last value.
  auto carryFromZeros = [&](Value like) {
    initials.push_back(s.padLeft(tcc::filledLike(b, loc, like, 0.0)));
    taps.push_back(b.getDenseI64ArrayAttr({-1}));
    history.push_back(false);
  };
  for (unsigned j : recurrentFloat)
    carryFromZeros(scan.getInitials()[scan.getInitialIndexOf(j)]);
  SmallVector<unsigned> floatInvariants;
  for (auto [i, inv] : llvm::enumerate(scan.getInvariants())) {
    if (!isFloat(inv))
      continue;
    floatInvariants.push_back(i);
    carryFromZeros(inv);
  }
  // Yielded rows: the float sequences' gradients.
  SmallVector<unsigned> floatSequences;
  for (auto [i, seq] : llvm::enumerate(scan.getSequences())) {
    if (!isFloat(seq))
      continue;
    floatSequences.push_back(i);
    taps.push_back(b.getDenseI64ArrayAttr({}));
    history.push_back(true);
  }

  // A scan that stopped on its condition ran m <= n steps, as many as its
  // histories have rows (all of them keep it until scan_save_mem runs,
  // after th-grad): the reverse loop runs m steps, on the first m rows of
  // the forward sequences.
  Value steps = scan.getSteps(), ran, cut;
  if (scan.getUntil()) {
    if (outputs == 0 || !scan.getHistory()[0])
      return scan.emitError("internal: the gradient of a scan that stops on "
                            "a condition needs the history of its output 0");
    ran = th::ShapeIOp::create(b, loc, scan.getResult(0), 0);
    steps = ran;
    for (Value &seq : MutableArrayRef<Value>(sequences).take_front(
             scan.getSequences().size()))
      seq = s.sliceAt(seq, Value(), ran);
  }
  // Truncated back-propagation through time runs only the last
  // `kept` = min(n, k) steps back: every reverse sequence (n rows each)
  // loses its first `cut` = n - kept rows.
  if (std::optional<int64_t> k = scan.getTruncateGradient()) {
    Value n = steps;
    steps = th::MinimumOp::create(b, loc, n, s.integer(*k));
    cut = th::SubOp::create(b, loc, n, steps);
    for (Value &seq : sequences)
      seq = s.sliceAt(seq, cut, Value());
  }

  SmallVector<Type> resultTypes;
  for (Value init : initials) {
    auto type = cast<RankedTensorType>(init.getType());
    resultTypes.push_back(RankedTensorType::get(type.getShape().drop_front(),
                                                type.getElementType()));
  }
  for (unsigned i : floatSequences) {
    auto type = cast<RankedTensorType>(scan.getSequences()[i].getType());
    // kept rows, not n, when truncated or stopped early.
    if (cut || ran)
      type = RankedTensorType::get(withDynamicLeading(type.getShape()),
                                   type.getElementType());
    resultTypes.push_back(type);
  }

  auto reverse = th::ScanOp::create(
      b, loc, resultTypes, steps, sequences, initials, scan.getInvariants(),
      b.getArrayAttr(taps), b.getDenseBoolArrayAttr(history), /*reverse=*/true,
      /*truncate_gradient=*/IntegerAttr(), /*until=*/false);
  Block *body = new Block();
  reverse.getBody().push_back(body);
  auto rowOf = [](Value v) {
    auto type = cast<RankedTensorType>(v.getType());
    return RankedTensorType::get(type.getShape().drop_front(),
                                 type.getElementType());
  };
  for (Value seq : sequences)
    body->addArgument(rowOf(seq), loc);
  for (Value init : initials)
    body->addArgument(rowOf(init), loc);
  for (Value inv : scan.getInvariants())
    body->addArgument(inv.getType(), loc);

  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(body);
  unsigned arg = 0;
  auto next = [&] { return body->getArgument(arg++); };

  // The forward step, on this step's values.
  IRMapping mapping;
  for (Value fwd : scan.getSequenceArgs())
    mapping.map(fwd, next());
  for (unsigned j = 0; j < outputs; ++j)
    for (Value fwd : scan.getTapArgsOf(j))
      mapping.map(fwd, next());
  SmallVector<Value> storedRows;
  for (unsigned j = 0; j < outputs; ++j)
    storedRows.push_back(next());
  llvm::DenseMap<unsigned, Value> seedRow;
  for (unsigned j : seeded)
    seedRow[j] = next();
  llvm::DenseMap<unsigned, Value> window;
  for (unsigned j : recurrentFloat)
    window[j] = next();
  SmallVector<Value> sums;
  for (unsigned i = 0; i < floatInvariants.size(); ++i)
    sums.push_back(next());
  for (Value fwd : scan.getInvariantArgs())
    mapping.map(fwd, next());
  for (Operation &op : scan.getBodyBlock().without_terminator())
    b.clone(op, mapping);

  // The adjoint of each output's value at this step.
  SmallVector<std::pair<Value, Value>> seeds; // (value, adjoint)
  for (unsigned j = 0; j < outputs; ++j) {
    Value g = seedRow.lookup(j);
    if (Value w = window.lookup(j)) {
      Value pending = s.index(w, scan.getLagOf(j) - 1);
      g = g ? Value(th::AddOp::create(b, loc, g, pending)) : pending;
    }
    if (g)
      seeds.push_back({mapping.lookup(scan.getYieldedValues()[j]), g});
  }

  // Differentiate the step: d(sum over outputs of value * adjoint).
  SmallVector<Value> wrt;
  for (unsigned i : floatSequences)
    wrt.push_back(mapping.lookup(scan.getSequenceArgs()[i]));
  for (unsigned j : recurrentFloat)
    for (Value fwd : scan.getTapArgsOf(j))
      wrt.push_back(mapping.lookup(fwd));
  for (unsigned i : floatInvariants)
    wrt.push_back(mapping.lookup(scan.getInvariantArgs()[i]));
  // The gradient is built first, then everything that uses it, and only
  // then expanded: the expansion replaces the th.grad results' uses.
  th::GradOp grad;
  SmallVector<Value> grads;
  if (!seeds.empty()) {
    Value cost, seed;
    if (seeds.size() == 1) {
      std::tie(cost, seed) = seeds.front();
    } else {
      Type first = cast<RankedTensorType>(seeds.front().first.getType())
                       .getElementType();
      bool mixed = llvm::any_of(seeds, [&](auto &p) {
        return cast<RankedTensorType>(p.first.getType()).getElementType() !=
               first;
      });
      for (auto [value, adjoint] : seeds) {
        Value term = th::MulOp::create(b, loc, value, adjoint);
        auto type = cast<RankedTensorType>(term.getType());
        auto axes = llvm::to_vector(llvm::seq<int64_t>(0, type.getRank()));
        term = th::SumOp::create(b, loc, term, axes);
        if (mixed)
          term = s.castTo(term, RankedTensorType::get({}, b.getF64Type()));
        cost = cost ? Value(th::AddOp::create(b, loc, cost, term)) : term;
      }
    }
    SmallVector<Type> types;
    for (Value w : wrt)
      types.push_back(w.getType());
    grad = th::GradOp::create(b, loc, types, cost, seed, wrt, ValueRange{});
    llvm::append_range(grads, grad.getGrads());
  } else {
    for (Value w : wrt)
      grads.push_back(tcc::filledLike(b, loc, w, 0.0));
  }

  unsigned g = 0;
  SmallVector<Value> sequenceGrads, yields;
  for (unsigned k = 0; k < floatSequences.size(); ++k)
    sequenceGrads.push_back(grads[g++]);
  // Each window moves down a row and takes this step's contributions.
  for (unsigned j : recurrentFloat) {
    Value w = window[j];
    int64_t lag = scan.getLagOf(j);
    llvm::DenseMap<int64_t, Value> byTap;
    for (int64_t k : scan.getTapsOf(j))
      byTap[k] = grads[g++];
    SmallVector<Value> rows;
    for (int64_t i = 0; i < lag; ++i) {
      Value row = i > 0 ? s.index(w, i - 1) : Value();
      if (Value d = byTap.lookup(i - lag))
        row = row ? Value(th::AddOp::create(b, loc, row, d)) : d;
      if (!row)
        row = tcc::filledLike(b, loc, s.index(w, 0), 0.0);
      rows.push_back(s.padLeft(row));
    }
    Value moved =
        rows.size() == 1 ? rows.front() : th::JoinOp::create(b, loc, rows, 0);
    yields.push_back(s.castTo(moved, w.getType()));
  }
  for (Value sum : sums) {
    Value d = grads[g++];
    yields.push_back(
        s.castTo(th::AddOp::create(b, loc, sum, d), sum.getType()));
  }
  for (Value d : sequenceGrads)
    yields.push_back(d);
  th::ScanYieldOp::create(b, loc, yields);
  if (grad && failed(tcc::expandGradient(grad)))
    return failure();
  // The gradient reads the step's outputs (tanh's is 1 - y * y): the rows
  // the forward loop stored are the same values, and the copy of the
  // forward step that computed them again becomes dead.
  for (unsigned j = 0; j < outputs; ++j) {
    Value recomputed = mapping.lookup(scan.getYieldedValues()[j]);
    if (recomputed.getParentBlock() == body &&
        recomputed.getType() == storedRows[j].getType())
      recomputed.replaceAllUsesWith(storedRows[j]);
  }

  // The forward operands' gradients.
  b.setInsertionPointAfter(reverse);
  operandGrads.push_back(Value()); // steps
  unsigned r = recurrentFloat.size() + floatInvariants.size();
  for (Value seq : scan.getSequences()) {
    if (!isFloat(seq)) {
      operandGrads.push_back(Value());
      continue;
    }
    Value rows = reverse.getResult(r++);
    // The truncated steps' rows get no gradient, nor do the rows after the
    // last step run.
    if (cut) {
      Value skipped =
          tcc::filledLike(b, loc, s.sliceAt(seq, Value(), cut), 0.0);
      rows = th::JoinOp::create(b, loc, ValueRange{skipped, rows}, 0);
    }
    if (ran) {
      Value unread = tcc::filledLike(b, loc, s.sliceAt(seq, ran, Value()), 0.0);
      rows = th::JoinOp::create(b, loc, ValueRange{rows, unread}, 0);
    }
    if (cut || ran)
      rows = s.refineTo(rows, cast<RankedTensorType>(seq.getType()));
    operandGrads.push_back(rows);
  }
  unsigned w = 0;
  for (unsigned j = 0; j < outputs; ++j) {
    if (!scan.isRecurrent(j))
      continue;
    Value initial = scan.getInitials()[scan.getInitialIndexOf(j)];
    if (!isFloat(initial)) {
      operandGrads.push_back(Value());
      continue;
    }
    // The window holds the adjoints of the L values before step `cut`; row
    // i of the initial (the value at step i - L) is window row i - m,
    // m = min(cut, L), and has none when i < m. Row by row (L is a tap
    // distance), so that the gradient keeps the initial's L rows where
    // `cut` is known only at run time (a scan that stops on a condition).
    Value window = reverse.getResult(w++);
    if (cut) {
      int64_t lag = scan.getLagOf(j);
      Value shift = th::MinimumOp::create(b, loc, cut, s.integer(lag));
      SmallVector<Value> rows;
      for (int64_t i = 0; i < lag; ++i) {
        Value from = th::SubOp::create(b, loc, s.integer(i), shift);
        Value row = s.indexAt(
            window, th::MaximumOp::create(b, loc, from, s.integer(0)));
        Value none = tcc::filledLike(b, loc, row, 0.0);
        Value has = th::GeOp::create(b, loc, from, s.integer(0));
        rows.push_back(s.padLeft(
            th::IfElseOp::create(b, loc, row.getType(), has, row, none)));
      }
      window =
          rows.size() == 1 ? rows.front() : th::JoinOp::create(b, loc, rows, 0);
    }
    operandGrads.push_back(s.castTo(window, initial.getType()));
  }
  unsigned sum = recurrentFloat.size();
  for (Value inv : scan.getInvariants())
    operandGrads.push_back(isFloat(inv) ? reverse.getResult(sum++) : Value());
  return success();
}
