//===- Passes.h - tcc's passes ----------------------------------*- C++ -*-===//

#ifndef TCC_PASSES_PASSES_H
#define TCC_PASSES_PASSES_H

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
class TypeConverter;
namespace th {
class ScanOp;
} // namespace th
} // namespace mlir

namespace tcc {

#define GEN_PASS_DECL
#include "Passes/Passes.h.inc"

/// Expands one th.grad into th ops before it (the th-grad pass's step).
mlir::LogicalResult expandGradient(mlir::Operation *gradOp);
/// A tensor like `like` filled with `c` (th.second of a scalar constant).
mlir::Value filledLike(mlir::OpBuilder &b, mlir::Location loc, mlir::Value like,
                       double c);
/// The gradients of th.scan's operands (one per operand, null where none
/// flows) from its results' (null where none): a th.scan running the steps
/// in reverse (ScanGradient.cpp).
mlir::LogicalResult
buildScanVJP(mlir::OpBuilder &b, mlir::th::ScanOp scan,
             llvm::ArrayRef<mlir::Value> resultGrads,
             llvm::SmallVectorImpl<mlir::Value> &operandGrads);

/// Patterns lowering every th op (but th.func) to linalg/tensor/arith/math.
void populateThToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// th.join and th.join_piece as tensor.insert_slice / extract_slice.
void populateJoinToTensorPatterns(mlir::RewritePatternSet &patterns);
void populateNNetToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// conv2d and its gradients as im2col and a matrix product per sample
/// (ConvToGemm.cpp), preferred over the direct lowerings when added.
void populateConvToGemmPatterns(mlir::RewritePatternSet &patterns);
/// th.scan to scf.for (ScanToLoops.cpp).
void populateScanToLoopsPatterns(mlir::RewritePatternSet &patterns);

/// The advanced (integer-array) indexing ops as a gather / a scatter loop.
void populateAdvancedIndexingToTensorPatterns(
    mlir::RewritePatternSet &patterns);

/// th.arange as a linalg.generic over linalg.index.
void populateArangeToLinalgPatterns(mlir::RewritePatternSet &patterns);
/// th.random_draw as a call of the runtime's entry point on explicit
/// buffers (RandomToCalls.cpp); declareRandomFunctions declares the entry
/// points the module's draws call, before the patterns run.
void populateRandomToCallsPatterns(mlir::RewritePatternSet &patterns);
void declareRandomFunctions(mlir::ModuleOp module);
/// th.argsort as a call of the runtime's row sort (SortToCalls.cpp).
void populateSortToCallsPatterns(mlir::RewritePatternSet &patterns);
/// th.cumsum / th.cumprod as an scf.for along the axis (CumulativeToLoops.cpp).
void populateCumulativeToLoopsPatterns(mlir::RewritePatternSet &patterns);
/// th.nonzero as a counting reduction and a loop nest writing coordinates
/// (NonzeroToLoops.cpp).
void populateNonzeroToLoopsPatterns(mlir::RewritePatternSet &patterns);

/// th.reshape and the subtensor ops to tensor (and linalg) ops.
void populateIndexingToTensorPatterns(mlir::RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "Passes/Passes.h.inc"

} // namespace tcc

#endif // TCC_PASSES_PASSES_H
