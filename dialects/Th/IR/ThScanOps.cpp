//===- ThScanOps.cpp - th.scan's verifier and accessors
//--------------------===//
//
// The body of th.scan is isolated from above, so its argument list is the
// whole contract between the loop and the step (ThScanOps.td); the
// verifier checks every argument and yield against the operands.
//
//===----------------------------------------------------------------------===//

#include "Th/IR/RewriteReport.h"
#include "Th/IR/ThOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::th;

static RankedTensorType rowType(Type t) {
  auto type = cast<RankedTensorType>(t);
  return RankedTensorType::get(type.getShape().drop_front(),
                               type.getElementType());
}

unsigned ScanOp::getInitialIndexOf(unsigned j) {
  unsigned index = 0;
  for (unsigned k = 0; k < j; ++k)
    index += isRecurrent(k);
  return index;
}

ValueRange ScanOp::getSequenceArgs() {
  return getBodyBlock().getArguments().take_front(getSequences().size());
}

ValueRange ScanOp::getTapArgsOf(unsigned j) {
  unsigned start = getSequences().size();
  for (unsigned k = 0; k < j; ++k)
    start += getTapsOf(k).size();
  return getBodyBlock().getArguments().slice(start, getTapsOf(j).size());
}

ValueRange ScanOp::getInvariantArgs() {
  return getBodyBlock().getArguments().take_back(getInvariants().size());
}

ValueRange ScanOp::getYieldedValues() {
  ValueRange all =
      cast<ScanYieldOp>(getBodyBlock().getTerminator()).getValues();
  return getUntil() && !all.empty() ? all.drop_back() : all;
}

Value ScanOp::getUntilCondition() {
  if (!getUntil())
    return {};
  ValueRange all =
      cast<ScanYieldOp>(getBodyBlock().getTerminator()).getValues();
  return all.empty() ? Value() : all.back();
}

LogicalResult ScanOp::verify() {
  unsigned outputs = getNumOutputs();
  if (getHistory().size() != outputs || getNumResults() != outputs)
    return emitOpError("has ")
           << outputs << " tap lists, " << getHistory().size()
           << " history flags and " << getNumResults()
           << " results; they must agree";
  if (std::optional<int64_t> k = getTruncateGradient(); k && *k < 0)
    return emitOpError("truncates the gradient to ")
           << *k << " steps; it must be 0 or more";
  unsigned recurrent = 0, taps = 0;
  for (unsigned j = 0; j < outputs; ++j) {
    ArrayRef<int64_t> t = getTapsOf(j);
    for (size_t i = 0; i < t.size(); ++i)
      if (t[i] >= 0 || llvm::is_contained(t.take_front(i), t[i]))
        return emitOpError("taps of output ")
               << j << " must be negative and distinct";
    recurrent += !t.empty();
    taps += t.size();
  }
  if (getInitials().size() != recurrent)
    return emitOpError("has ") << recurrent << " recurrent outputs but "
                               << getInitials().size() << " initials";

  Block &body = getBodyBlock();
  size_t expected = getSequences().size() + taps + getInvariants().size();
  if (body.getNumArguments() != expected)
    return emitOpError("body must take ")
           << expected << " arguments (sequence rows, taps, invariants), got "
           << body.getNumArguments();
  for (auto [seq, arg] : llvm::zip(getSequences(), getSequenceArgs())) {
    if (cast<RankedTensorType>(seq.getType()).getRank() == 0)
      return emitOpError("sequences must have at least one dimension");
    if (arg.getType() != rowType(seq.getType()))
      return emitOpError("a row of sequence ")
             << seq.getType() << " is " << rowType(seq.getType())
             << ", but the body takes " << arg.getType();
  }
  for (auto [inv, arg] : llvm::zip(getInvariants(), getInvariantArgs()))
    if (inv.getType() != arg.getType())
      return emitOpError("invariant ")
             << inv.getType() << " is taken as " << arg.getType();

  size_t yielded = cast<ScanYieldOp>(body.getTerminator()).getValues().size();
  if (yielded != outputs + (getUntil() ? 1 : 0))
    return emitOpError("body yields ")
           << yielded << " values for " << outputs << " outputs"
           << (getUntil() ? " and the until condition" : "");
  ValueRange yields = getYieldedValues();
  if (getUntil()) {
    auto cond = dyn_cast<RankedTensorType>(getUntilCondition().getType());
    if (!cond || cond.getRank() != 0 || !cond.getElementType().isInteger(1))
      return emitOpError("stops on a condition, which must be a 0-d i1, got ")
             << getUntilCondition().getType();
    if (getReverse())
      return emitOpError("cannot both run in reverse and stop on a condition");
  }
  for (unsigned j = 0; j < outputs; ++j) {
    auto yielded = cast<RankedTensorType>(yields[j].getType());
    if (isRecurrent(j)) {
      Value initial = getInitials()[getInitialIndexOf(j)];
      auto initialType = cast<RankedTensorType>(initial.getType());
      if (initialType.getRank() == 0)
        return emitOpError("the initial of output ")
               << j << " must have a dimension of earlier values";
      if (!initialType.isDynamicDim(0) &&
          initialType.getDimSize(0) != getLagOf(j))
        return emitOpError("the initial of output ")
               << j << " must have " << getLagOf(j) << " rows, got "
               << initialType;
      for (Value arg : getTapArgsOf(j))
        if (arg.getType() != rowType(initialType))
          return emitOpError("taps of output ")
                 << j << " are " << rowType(initialType)
                 << ", but the body takes " << arg.getType();
      if (yielded != rowType(initialType))
        return emitOpError("output ")
               << j << " is recurrent with values " << rowType(initialType)
               << ", but the body yields " << yielded;
    }
    auto result = cast<RankedTensorType>(getResult(j).getType());
    if (getReverse() && isRecurrent(j) && getHistory()[j])
      return emitOpError("runs in reverse, so its recurrent output ")
             << j << " must keep only its last value";
    if (!getHistory()[j]) {
      if (!isRecurrent(j))
        return emitOpError("output ")
               << j << " has no earlier values, so it must keep its history";
      if (result != yielded)
        return emitOpError("result ")
               << j << " is the last value, " << yielded << ", got " << result;
      continue;
    }
    if (result.getRank() != yielded.getRank() + 1 ||
        result.getElementType() != yielded.getElementType() ||
        result.getShape().drop_front() != yielded.getShape())
      return emitOpError("result ")
             << j << " must be the history of the yielded " << yielded
             << ", got " << result;
  }
  return success();
}

namespace {

/// `x[-1]`: the last row of x.
bool isLastRow(Operation *user) {
  auto sub = dyn_cast<SubtensorOp>(user);
  return sub && sub.getDynamic().empty() && sub.getStarts().size() == 1 &&
         sub.getStarts()[0] == -1 && sub.getStops()[0] == kIndexEntry;
}

/// Theano's scan_save_mem: a recurrent output whose history is read only
/// through its last row (h[-1], reduce and the folds) or not at all keeps
/// only what its taps need; a non-recurrent output nothing reads is no
/// longer computed. Runs after th-grad, whose back-propagation reads the
/// histories.
struct KeepOnlyWhatIsRead : OpRewritePattern<ScanOp> {
  KeepOnlyWhatIsRead(MLIRContext *ctx) : OpRewritePattern<ScanOp>(ctx) {
    setDebugName("scan_save_mem");
  }
  LogicalResult matchAndRewrite(ScanOp op,
                                PatternRewriter &rewriter) const override {
    unsigned outputs = op.getNumOutputs();
    SmallVector<bool> history(op.getHistory());
    SmallVector<bool> dropped(outputs, false);
    bool changed = false;
    for (unsigned j = 0; j < outputs; ++j) {
      Value result = op.getResult(j);
      if (!op.isRecurrent(j)) {
        dropped[j] = result.use_empty();
        changed |= dropped[j];
        continue;
      }
      if (history[j] && llvm::all_of(result.getUsers(), isLastRow)) {
        history[j] = false;
        changed = true;
      }
    }
    if (!changed)
      return failure();

    SmallVector<Type> types;
    SmallVector<Attribute> taps;
    SmallVector<bool> kept;
    SmallVector<Value> yields;
    ValueRange yielded = op.getYieldedValues();
    Value until = op.getUntilCondition();
    for (unsigned j = 0; j < outputs; ++j) {
      if (dropped[j])
        continue;
      types.push_back(history[j] ? op.getResult(j).getType()
                                 : yielded[j].getType());
      taps.push_back(op.getTaps()[j]);
      kept.push_back(history[j]);
      yields.push_back(yielded[j]);
    }
    auto narrowed = ScanOp::create(
        rewriter, op.getLoc(), types, op.getSteps(), op.getSequences(),
        op.getInitials(), op.getInvariants(), rewriter.getArrayAttr(taps),
        rewriter.getDenseBoolArrayAttr(kept), op.getReverse(),
        op.getTruncateGradientAttr(), op.getUntil());
    rewriter.inlineRegionBefore(op.getBody(), narrowed.getBody(),
                                narrowed.getBody().end());
    auto terminator =
        cast<ScanYieldOp>(narrowed.getBodyBlock().getTerminator());
    if (until)
      yields.push_back(until);
    rewriter.modifyOpInPlace(terminator,
                             [&] { terminator->setOperands(yields); });

    unsigned r = 0;
    for (unsigned j = 0; j < outputs; ++j) {
      if (dropped[j])
        continue;
      Value now = narrowed.getResult(r++);
      Value before = op.getResult(j);
      if (history[j] || !op.getHistory()[j]) {
        rewriter.replaceAllUsesWith(before, now);
        continue;
      }
      for (Operation *user : llvm::make_early_inc_range(before.getUsers())) {
        Value last = now;
        if (last.getType() != user->getResult(0).getType()) {
          rewriter.setInsertionPoint(user);
          last = CastOp::create(rewriter, user->getLoc(),
                                user->getResult(0).getType(), last);
        }
        rewriter.replaceOp(user, last);
      }
    }
    tcc::recordRewrite("canonicalize", getDebugName(), op.getLoc());
    rewriter.eraseOp(op);
    return success();
  }
};

} // namespace

void ScanOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                         MLIRContext *context) {
  patterns.add<KeepOnlyWhatIsRead>(context);
}
