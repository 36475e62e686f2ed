//===- ExternalFunctions.cpp - Declarations of functions kernels call -----===//

#include "Passes/ExternalFunctions.h"

#include "Th/IR/RewriteReport.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

func::FuncOp tcc::declareExternalFunction(ModuleOp module, llvm::StringRef name,
                                          FunctionType type, bool cInterface) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  auto b = OpBuilder::atBlockBegin(module.getBody());
  auto callee = func::FuncOp::create(b, module.getLoc(), name, type);
  callee.setPrivate();
  if (cInterface)
    callee->setAttr("llvm.emit_c_interface", b.getUnitAttr());
  return callee;
}

MemRefType tcc::vectorBufferType(Type element) {
  MLIRContext *ctx = element.getContext();
  return MemRefType::get({ShapedType::kDynamic}, element,
                         StridedLayoutAttr::get(ctx, ShapedType::kDynamic,
                                                {ShapedType::kDynamic}));
}

/// `v` (a tensor, or a contiguous buffer, of any rank) as a 1-d tensor or
/// buffer in row-major order.
template <typename ExpandOp, typename CollapseOp>
static Value flatten(OpBuilder &b, Location loc, Value v) {
  auto type = cast<ShapedType>(v.getType());
  if (type.getRank() == 1)
    return v;
  if (type.getRank() == 0)
    return ExpandOp::create(
        b, loc,
        isa<MemRefType>(type)
            ? Type(MemRefType::get({1}, type.getElementType()))
            : Type(RankedTensorType::get({1}, type.getElementType())),
        v, ArrayRef<ReassociationIndices>{});
  ReassociationIndices all;
  for (int64_t d = 0; d < type.getRank(); ++d)
    all.push_back(d);
  return CollapseOp::create(b, loc, v, ArrayRef<ReassociationIndices>{all});
}

Value tcc::vectorArgument(OpBuilder &b, Location loc, Value buffer) {
  Value flat =
      flatten<memref::ExpandShapeOp, memref::CollapseShapeOp>(b, loc, buffer);
  auto type = cast<MemRefType>(flat.getType());
  return memref::CastOp::create(b, loc, vectorBufferType(type.getElementType()),
                                flat);
}

Value tcc::readOnlyVectorArgument(OpBuilder &b, Location loc, Value tensor) {
  Value flat =
      flatten<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(b, loc, tensor);
  auto type = cast<RankedTensorType>(flat.getType());
  Type element = type.getElementType();
  auto view = bufferization::ToBufferOp::create(
      b, loc,
      MemRefType::get(type.getShape(), element,
                      vectorBufferType(element).getLayout()),
      flat, /*read_only=*/true);
  return memref::CastOp::create(b, loc, vectorBufferType(element), view);
}

tcc::NumberedDescriptions::NumberedDescriptions(ModuleOp module,
                                                llvm::StringRef attrName)
    : module(module), attrName(attrName.str()) {
  if (auto known = module->getAttrOfType<ArrayAttr>(attrName))
    list.append(known.begin(), known.end());
  for (auto [i, d] : llvm::enumerate(list))
    numbers[cast<StringAttr>(d).getValue()] = i;
}

int64_t tcc::NumberedDescriptions::numberOf(Operation *op,
                                            llvm::StringRef what) {
  std::string description =
      (what + " at " + formatSourceLocation(op->getLoc())).str();
  auto [it, added] = numbers.try_emplace(description, list.size());
  if (added)
    list.push_back(StringAttr::get(op->getContext(), description));
  return it->second;
}

void tcc::NumberedDescriptions::save() {
  module->setAttr(attrName, ArrayAttr::get(module.getContext(), list));
}
