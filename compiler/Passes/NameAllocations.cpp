//===- NameAllocations.cpp - Which op each kernel buffer is for -----------===//
//
// A kernel buffer that cannot be allocated ends the call with
// TCC_ERROR_MEMORY (docs/ABI.md). So that the message can say which
// operation of the model asked for it and how large the buffer is (the
// allocator sees the size padded for alignment), every memref.alloc is
// preceded by a call of the runtime's `__tcc_alloc_site(site, bytes)`:
// `site` numbers the module attribute `tcc.alloc_sites` ("outer at
// model.th:14:22"), which the manifest carries, and `bytes` is the buffer's
// size computed with an overflow check. A size past INT64_MAX (a (k, k)
// tensor of k = 2^31 float64 wraps to 0 bytes in the address arithmetic)
// is passed as -1, and the runtime fails the call rather than letting the
// kernel write past a tiny buffer.
//
//===----------------------------------------------------------------------===//

#include "Passes/ExternalFunctions.h"
#include "Passes/KernelDescription.h"
#include "Passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

namespace tcc {
#define GEN_PASS_DEF_NAMEALLOCATIONS
#include "Passes/Passes.h.inc"
} // namespace tcc

using namespace mlir;

static constexpr llvm::StringLiteral kSiteFunction = "__tcc_alloc_site";

/// The th ops the buffer came from (recorded in its location), else what
/// the linalg op that writes it computes.
static std::string describeBuffer(memref::AllocOp alloc) {
  std::vector<std::string> names = tcc::thOpNames(alloc.getLoc());
  if (!names.empty())
    return llvm::join(names, ", ");
  for (OpOperand &use : alloc->getUses())
    if (auto writer = dyn_cast<linalg::LinalgOp>(use.getOwner()))
      if (writer.isDpsInit(&use))
        return tcc::describeKernel(writer);
  return "a temporary";
}

/// The size in bytes of `alloc`'s buffer as an i64, or -1 if it does not
/// fit in one. An empty buffer is 0 bytes, however large its other sizes.
static Value bufferBytes(OpBuilder &b, memref::AllocOp alloc,
                         const DataLayout &layout) {
  Location loc = alloc.getLoc();
  MemRefType type = alloc.getType();
  Type i64 = b.getI64Type();
  if (llvm::is_contained(type.getShape(), 0))
    return arith::ConstantIntOp::create(b, loc, i64, 0);
  int64_t staticBytes =
      static_cast<int64_t>(layout.getTypeSize(type.getElementType()));
  bool staticOverflow = false;
  for (int64_t dim : type.getShape())
    if (!ShapedType::isDynamic(dim))
      staticOverflow |= llvm::MulOverflow(staticBytes, dim, staticBytes);
  if (staticOverflow && alloc.getDynamicSizes().empty())
    return arith::ConstantIntOp::create(b, loc, i64, -1);
  Value bytes = arith::ConstantIntOp::create(b, loc, i64,
                                             staticOverflow ? 0 : staticBytes);
  if (alloc.getDynamicSizes().empty())
    return bytes;

  Value zero = arith::ConstantIntOp::create(b, loc, i64, 0);
  Value overflow =
      arith::ConstantIntOp::create(b, loc, b.getI1Type(), staticOverflow);
  Value empty = arith::ConstantIntOp::create(b, loc, b.getI1Type(), 0);
  for (Value size : alloc.getDynamicSizes()) {
    Value dim = arith::IndexCastOp::create(b, loc, i64, size);
    empty = arith::OrIOp::create(
        b, loc, empty,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, dim, zero));
    // Unsigned: the sizes are not negative (the manifest's checks and the
    // shape computations see to it), and a wrapped product has a high word.
    auto product = arith::MulUIExtendedOp::create(b, loc, bytes, dim);
    overflow = arith::OrIOp::create(
        b, loc, overflow,
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne,
                              product.getHigh(), zero));
    bytes = product.getLow();
  }
  // Past INT64_MAX the address arithmetic, which is signed, breaks too.
  overflow = arith::OrIOp::create(
      b, loc, overflow,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, bytes, zero));
  Value checked = arith::SelectOp::create(
      b, loc, overflow, arith::ConstantIntOp::create(b, loc, i64, -1), bytes);
  return arith::SelectOp::create(b, loc, empty, zero, checked);
}

namespace {
struct NameAllocationsPass
    : tcc::impl::NameAllocationsBase<NameAllocationsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<memref::AllocOp> allocs;
    module.walk([&](memref::AllocOp op) { allocs.push_back(op); });
    if (allocs.empty())
      return;

    OpBuilder b(module.getContext());
    Type i64 = b.getI64Type();
    func::FuncOp callee = tcc::declareExternalFunction(
        module, kSiteFunction, b.getFunctionType({i64, i64}, {}));
    DataLayout layout(module);
    tcc::NumberedDescriptions sites(module, "tcc.alloc_sites");
    for (memref::AllocOp alloc : allocs) {
      int64_t site = sites.numberOf(alloc, describeBuffer(alloc));

      b.setInsertionPoint(alloc);
      Location loc = alloc.getLoc();
      func::CallOp::create(
          b, loc, callee,
          ValueRange{arith::ConstantIntOp::create(b, loc, i64, site),
                     bufferBytes(b, alloc, layout)});
    }
    sites.save();
  }
};
} // namespace
