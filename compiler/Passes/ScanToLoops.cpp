//===- ScanToLoops.cpp - th.scan to scf.for
//---------------------------------===//
//
// th.scan becomes one scf.for whose iteration arguments hold each output's
// state, and the body is inlined into it (its th ops are lowered by the
// rest of convert-th-to-linalg):
//
// - a recurrent output that keeps its history lives in one buffer of
//   L + n rows, the initial's L rows first; step t reads its taps at
//   L + t + k and writes row L + t, so nothing is copied per step
//   (one-shot bufferization writes the slices in place);
// - a recurrent output whose history nothing reads keeps only what its
//   taps need: its last value (L = 1), or a window of its last L values;
// - any other output is written into an n-row buffer. When a yielded
//   value's sizes are not known before the loop, the first step is
//   computed once in front of it, under n > 0, to size the buffer (a step
//   of zero rows gives zero sizes).
//
// A scan with `until` stops after the step whose condition holds: the
// scf.for also carries whether it is still running and how many steps ran,
// the step is under an scf.if on the former, and the histories are cut to
// the latter. (The iterations left after the stop only pass the state on;
// an scf.while would skip them, at the price of a loop bufferization keeps
// in place less reliably.)
//
//===----------------------------------------------------------------------===//

#include "Passes/Passes.h"

#include "Th/IR/ThOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;

namespace {

/// Slicing one row (or a run of rows) of a tensor whose leading dimension
/// counts steps.
struct Rows {
  OpBuilder &b;
  Location loc;

  /// Offsets, sizes and strides selecting `count` rows from `first`.
  void region(Value tensor, OpFoldResult first, OpFoldResult count,
              SmallVectorImpl<OpFoldResult> &offsets,
              SmallVectorImpl<OpFoldResult> &sizes,
              SmallVectorImpl<OpFoldResult> &strides) {
    SmallVector<OpFoldResult> all = tensor::getMixedSizes(b, loc, tensor);
    offsets.assign(all.size(), b.getIndexAttr(0));
    offsets[0] = first;
    sizes.assign(all.begin(), all.end());
    sizes[0] = count;
    strides.assign(all.size(), b.getIndexAttr(1));
  }
  /// Row `index` of `tensor`, without its leading dimension, as `rowType`
  /// (which may know fewer static sizes).
  Value row(Value tensor, OpFoldResult index, RankedTensorType rowType) {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    region(tensor, index, b.getIndexAttr(1), offsets, sizes, strides);
    auto type = tensor::ExtractSliceOp::inferCanonicalRankReducedResultType(
        rowType.getRank(), cast<RankedTensorType>(tensor.getType()), sizes);
    Value row = tensor::ExtractSliceOp::create(b, loc, type, tensor, offsets,
                                               sizes, strides);
    return castTo(row, rowType);
  }
  Value castTo(Value v, Type type) {
    return v.getType() == type ? v : tensor::CastOp::create(b, loc, type, v);
  }
  /// `count` rows of `tensor` from `first`.
  Value rows(Value tensor, OpFoldResult first, OpFoldResult count) {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    region(tensor, first, count, offsets, sizes, strides);
    return tensor::ExtractSliceOp::create(b, loc, tensor, offsets, sizes,
                                          strides);
  }
  /// `dest` with `value` (one row, or `count` rows) written from `first`.
  Value insert(Value value, Value dest, OpFoldResult first,
               OpFoldResult count) {
    SmallVector<OpFoldResult> offsets, sizes, strides;
    region(dest, first, count, offsets, sizes, strides);
    auto destType = cast<RankedTensorType>(dest.getType());
    int64_t rank = cast<RankedTensorType>(value.getType()).getRank();
    // The slice's type knows what the sizes know statically.
    RankedTensorType slice =
        rank == destType.getRank()
            ? tensor::ExtractSliceOp::inferResultType(destType, sizes)
            : tensor::ExtractSliceOp::inferCanonicalRankReducedResultType(
                  rank, destType, sizes);
    return tensor::InsertSliceOp::create(b, loc, castTo(value, slice), dest,
                                         offsets, sizes, strides);
  }
  /// An uninitialized tensor of `rows` rows of `like`'s row sizes.
  Value emptyRows(OpFoldResult rows, ArrayRef<OpFoldResult> rowSizes,
                  Type element) {
    SmallVector<OpFoldResult> sizes = {rows};
    sizes.append(rowSizes.begin(), rowSizes.end());
    return tensor::EmptyOp::create(b, loc, sizes, element);
  }
};

RankedTensorType rowTypeOf(Value v) {
  auto type = cast<RankedTensorType>(v.getType());
  return RankedTensorType::get(type.getShape().drop_front(),
                               type.getElementType());
}

/// How an output is kept across steps.
enum class Storage { History, Last, Window, Rows };

struct LowerScan : OpRewritePattern<th::ScanOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(th::ScanOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Rows rows{rewriter, loc};
    auto c = [&](int64_t v) {
      return arith::ConstantIndexOp::create(rewriter, loc, v).getResult();
    };
    // A number of steps that is negative, or that runs past a sequence,
    // fails the call (Theano raises for both).
    Value steps = arith::IndexCastOp::create(
        rewriter, loc, rewriter.getIndexType(),
        tensor::ExtractOp::create(rewriter, loc, op.getSteps()));
    Value shortest;
    for (Value seq : op.getSequences()) {
      Value length = tensor::DimOp::create(rewriter, loc, seq, 0);
      shortest = shortest
                     ? arith::MinUIOp::create(rewriter, loc, shortest, length)
                     : length;
    }
    steps = th::CheckStepsOp::create(rewriter, loc, steps, shortest, "scan");

    unsigned outputs = op.getNumOutputs();
    SmallVector<Storage> storage(outputs);
    for (unsigned j = 0; j < outputs; ++j)
      storage[j] = !op.isRecurrent(j)    ? Storage::Rows
                   : op.getHistory()[j]  ? Storage::History
                   : op.getLagOf(j) == 1 ? Storage::Last
                                         : Storage::Window;

    // The row sizes of every output before the loop.
    SmallVector<SmallVector<OpFoldResult>> rowSizes(outputs);
    SmallVector<unsigned> unsized;
    for (unsigned j = 0; j < outputs; ++j) {
      if (op.isRecurrent(j)) {
        Value initial = op.getInitials()[op.getInitialIndexOf(j)];
        rowSizes[j] = tensor::getMixedSizes(rewriter, loc, initial);
        rowSizes[j].erase(rowSizes[j].begin());
        continue;
      }
      auto type = cast<RankedTensorType>(op.getYieldedValues()[j].getType());
      if (type.hasStaticShape()) {
        for (int64_t s : type.getShape())
          rowSizes[j].push_back(rewriter.getIndexAttr(s));
        continue;
      }
      unsized.push_back(j);
    }
    if (!unsized.empty())
      sizeFromFirstStep(op, rewriter, steps, unsized, rowSizes);

    // The state before the first step.
    SmallVector<Value> inits;
    for (unsigned j = 0; j < outputs; ++j) {
      Type element =
          cast<RankedTensorType>(op.getResult(j).getType()).getElementType();
      switch (storage[j]) {
      case Storage::Rows:
        inits.push_back(rows.emptyRows(steps, rowSizes[j], element));
        break;
      case Storage::History: {
        Value initial = op.getInitials()[op.getInitialIndexOf(j)];
        int64_t lag = op.getLagOf(j);
        Value total = arith::AddIOp::create(rewriter, loc, steps, c(lag));
        Value buffer = rows.emptyRows(total, rowSizes[j], element);
        inits.push_back(rows.insert(initial, buffer, rewriter.getIndexAttr(0),
                                    rewriter.getIndexAttr(lag)));
        break;
      }
      case Storage::Last: {
        Value initial = op.getInitials()[op.getInitialIndexOf(j)];
        inits.push_back(
            rows.row(initial, rewriter.getIndexAttr(0), rowTypeOf(initial)));
        break;
      }
      case Storage::Window:
        inits.push_back(op.getInitials()[op.getInitialIndexOf(j)]);
        break;
      }
    }

    // With `until`, the loop also carries whether it is still running and
    // how many steps it has run.
    if (op.getUntil()) {
      inits.push_back(arith::ConstantIntOp::create(rewriter, loc, 1, 1));
      inits.push_back(c(0));
    }
    auto loop = scf::ForOp::create(
        rewriter, loc, c(0), steps, c(1), inits,
        [](OpBuilder &b, Location l, Value, ValueRange iterArgs) {
          scf::YieldOp::create(b, l, iterArgs);
        });
    Operation *terminator = loop.getBody()->getTerminator();
    rewriter.setInsertionPoint(terminator);
    Value iv = loop.getInductionVar();
    ValueRange state = loop.getRegionIterArgs().take_front(outputs);
    // A step runs only while no condition has stopped the loop; the
    // remaining iterations of the scf.for carry the state through.
    scf::IfOp running;
    if (op.getUntil()) {
      ValueRange carried = loop.getRegionIterArgs();
      running = scf::IfOp::create(rewriter, loc, loop.getResultTypes(),
                                  carried[outputs], /*withElseRegion=*/true);
      rewriter.setInsertionPointToStart(running.elseBlock());
      scf::YieldOp::create(rewriter, loc, carried);
      rewriter.setInsertionPointToStart(running.thenBlock());
      Operation *inner = scf::YieldOp::create(rewriter, loc, carried);
      rewriter.modifyOpInPlace(
          terminator, [&] { terminator->setOperands(running.getResults()); });
      terminator = inner;
      rewriter.setInsertionPoint(terminator);
    }
    Value t = iv;
    if (op.getReverse())
      t = arith::SubIOp::create(
          rewriter, loc, arith::SubIOp::create(rewriter, loc, steps, c(1)), iv);

    SmallVector<Value> args;
    for (Value seq : op.getSequences())
      args.push_back(rows.row(seq, t, rowTypeOf(seq)));
    for (unsigned j = 0; j < outputs; ++j) {
      if (!op.isRecurrent(j))
        continue;
      int64_t lag = op.getLagOf(j);
      RankedTensorType tapType =
          rowTypeOf(op.getInitials()[op.getInitialIndexOf(j)]);
      for (int64_t k : op.getTapsOf(j)) {
        switch (storage[j]) {
        case Storage::History: // row L + t + k
          args.push_back(rows.row(
              state[j],
              arith::AddIOp::create(rewriter, loc, iv, c(lag + k)).getResult(),
              tapType));
          break;
        case Storage::Last:
          args.push_back(state[j]);
          break;
        case Storage::Window: // row L + k of the last L values
          args.push_back(
              rows.row(state[j], rewriter.getIndexAttr(lag + k), tapType));
          break;
        case Storage::Rows:
          llvm_unreachable("a recurrent output is not kept as rows");
        }
      }
    }
    llvm::append_range(args, op.getInvariants());

    Block &body = op.getBodyBlock();
    auto yield = cast<th::ScanYieldOp>(body.getTerminator());
    rewriter.inlineBlockBefore(&body, terminator, args);
    // Read after inlining: a yielded body argument is now its value.
    SmallVector<Value> yielded(yield.getValues());
    Value stop;
    if (op.getUntil())
      stop = yielded.pop_back_val();
    rewriter.eraseOp(yield);
    rewriter.setInsertionPoint(terminator);

    SmallVector<Value> next;
    for (unsigned j = 0; j < outputs; ++j) {
      OpFoldResult one = rewriter.getIndexAttr(1);
      switch (storage[j]) {
      case Storage::Rows:
        next.push_back(rows.insert(yielded[j], state[j], t, one));
        break;
      case Storage::History:
        next.push_back(rows.insert(
            yielded[j], state[j],
            arith::AddIOp::create(rewriter, loc, iv, c(op.getLagOf(j)))
                .getResult(),
            one));
        break;
      case Storage::Last:
        next.push_back(yielded[j]);
        break;
      case Storage::Window: {
        // The window moves by one row: rows 1.. L-1 to 0 .. L-2, the new
        // value last.
        int64_t lag = op.getLagOf(j);
        Value kept = rows.rows(state[j], rewriter.getIndexAttr(1),
                               rewriter.getIndexAttr(lag - 1));
        Value window = rows.insert(kept, state[j], rewriter.getIndexAttr(0),
                                   rewriter.getIndexAttr(lag - 1));
        next.push_back(rows.insert(yielded[j], window,
                                   rewriter.getIndexAttr(lag - 1), one));
        break;
      }
      }
    }
    Value ran = steps;
    if (op.getUntil()) {
      // Still running unless this step's condition holds.
      Value holds = tensor::ExtractOp::create(rewriter, loc, stop);
      Value yes = arith::ConstantIntOp::create(rewriter, loc, 1, 1);
      next.push_back(arith::XOrIOp::create(rewriter, loc, holds, yes));
      next.push_back(arith::AddIOp::create(
          rewriter, loc, loop.getRegionIterArgs()[outputs + 1], c(1)));
      ran = loop.getResult(outputs + 1);
    }
    rewriter.modifyOpInPlace(terminator,
                             [&] { terminator->setOperands(next); });

    rewriter.setInsertionPointAfter(loop);
    SmallVector<Value> results;
    for (unsigned j = 0; j < outputs; ++j) {
      Value final = loop.getResult(j);
      switch (storage[j]) {
      case Storage::Rows:
        // The rows of the steps run (all n without `until`).
        results.push_back(op.getUntil()
                              ? rows.rows(final, rewriter.getIndexAttr(0), ran)
                              : final);
        break;
      case Storage::Last:
        results.push_back(final);
        break;
      case Storage::History:
        results.push_back(
            rows.rows(final, rewriter.getIndexAttr(op.getLagOf(j)), ran));
        break;
      case Storage::Window:
        results.push_back(
            rows.row(final, rewriter.getIndexAttr(op.getLagOf(j) - 1),
                     cast<RankedTensorType>(op.getResult(j).getType())));
        break;
      }
      if (results.back().getType() != op.getResult(j).getType())
        results.back() = tensor::CastOp::create(
            rewriter, loc, op.getResult(j).getType(), results.back());
    }
    rewriter.replaceOp(op, results);
    return success();
  }

  /// Sizes of the outputs `unsized` from a copy of the body run for the
  /// first step, when there is one (zero sizes otherwise).
  static void
  sizeFromFirstStep(th::ScanOp op, PatternRewriter &rewriter, Value steps,
                    ArrayRef<unsigned> unsized,
                    SmallVectorImpl<SmallVector<OpFoldResult>> &rowSizes) {
    Location loc = op.getLoc();
    Rows rows{rewriter, loc};
    SmallVector<Type> types;
    for (unsigned j : unsized)
      types.push_back(op.getYieldedValues()[j].getType());
    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value any = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::sgt,
                                      steps, zero);
    auto branch = scf::IfOp::create(rewriter, loc, types, any,
                                    /*withElseRegion=*/true);
    OpBuilder::InsertionGuard guard(rewriter);

    rewriter.setInsertionPointToStart(branch.thenBlock());
    IRMapping mapping;
    Value first = zero;
    if (op.getReverse())
      first = arith::SubIOp::create(
          rewriter, loc, steps,
          arith::ConstantIndexOp::create(rewriter, loc, 1));
    for (auto [seq, arg] : llvm::zip(op.getSequences(), op.getSequenceArgs()))
      mapping.map(arg, rows.row(seq, first, rowTypeOf(seq)));
    for (unsigned j = 0; j < op.getNumOutputs(); ++j) {
      if (!op.isRecurrent(j))
        continue;
      Value initial = op.getInitials()[op.getInitialIndexOf(j)];
      int64_t lag = op.getLagOf(j);
      for (auto [k, arg] : llvm::zip(op.getTapsOf(j), op.getTapArgsOf(j)))
        mapping.map(arg, rows.row(initial, rewriter.getIndexAttr(lag + k),
                                  rowTypeOf(initial)));
    }
    for (auto [inv, arg] : llvm::zip(op.getInvariants(), op.getInvariantArgs()))
      mapping.map(arg, inv);
    Block &body = op.getBodyBlock();
    for (Operation &inner : body.without_terminator())
      rewriter.clone(inner, mapping);
    SmallVector<Value> firstValues;
    for (unsigned j : unsized)
      firstValues.push_back(mapping.lookup(op.getYieldedValues()[j]));
    scf::YieldOp::create(rewriter, loc, firstValues);

    rewriter.setInsertionPointToStart(branch.elseBlock());
    SmallVector<Value> empties;
    for (Type type : types) {
      auto ranked = cast<RankedTensorType>(type);
      SmallVector<Value> dynamic(ranked.getNumDynamicDims(), zero);
      empties.push_back(tensor::EmptyOp::create(
          rewriter, loc, ranked.getShape(), ranked.getElementType(), dynamic));
    }
    scf::YieldOp::create(rewriter, loc, empties);

    rewriter.setInsertionPointAfter(branch);
    for (auto [j, value] : llvm::zip(unsized, branch.getResults())) {
      rowSizes[j] = tensor::getMixedSizes(rewriter, loc, value);
    }
  }
};

} // namespace

void tcc::populateScanToLoopsPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerScan>(patterns.getContext());
}
