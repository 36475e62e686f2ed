//===- ThJoinOps.cpp - th.join and th.join_piece --------------------------===//
//
// Theano's Join (T.concatenate, T.stack) and the slice of a joined tensor
// that one input became (Join's gradient, Theano's Split).
//
//===----------------------------------------------------------------------===//

#include "Th/IR/ThOps.h"

#include "PythonIntegers.h"

#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::th;

static LogicalResult fail(std::string *why, const llvm::Twine &message) {
  if (why)
    *why = message.str();
  return failure();
}

FailureOr<RankedTensorType>
mlir::th::inferJoinResultType(ArrayRef<RankedTensorType> inputs, int64_t axis,
                              std::string *why) {
  if (inputs.empty())
    return fail(why, "needs at least one input");
  RankedTensorType first = inputs.front();
  int64_t rank = first.getRank();
  if (rank == 0)
    return fail(why, "cannot join scalars (rank 0); stack them instead");
  if (axis < 0 || axis >= rank)
    return fail(why, llvm::formatv("axis {0} is out of range for rank {1}",
                                   axis, rank));
  SmallVector<int64_t> shape(rank, ShapedType::kDynamic);
  int64_t joined = 0;
  for (auto [i, type] : llvm::enumerate(inputs)) {
    if (type.getRank() != rank)
      return fail(why, llvm::formatv("input {0} has rank {1}, input 0 has "
                                     "rank {2}",
                                     i, type.getRank(), rank));
    if (type.getElementType() != first.getElementType())
      return fail(why, "inputs must have one element type");
    int64_t along = type.getDimSize(axis);
    if (ShapedType::isDynamic(along) || ShapedType::isDynamic(joined)) {
      joined = ShapedType::kDynamic;
      continue;
    }
    std::optional<int64_t> sum = tcc::python::add(joined, along);
    if (!sum)
      return fail(why, llvm::formatv("the joined axis would have {0} + {1} "
                                     "elements, more than fit in 64 bits",
                                     joined, along));
    joined = *sum;
  }
  for (int64_t d = 0; d < rank; ++d) {
    if (d == axis) {
      shape[d] = joined;
      continue;
    }
    // Broadcastable (1) where any input is, else any static size; every
    // static size must agree.
    for (auto [i, type] : llvm::enumerate(inputs)) {
      int64_t size = type.getDimSize(d);
      if (ShapedType::isDynamic(size))
        continue;
      if (!ShapedType::isDynamic(shape[d]) && shape[d] != size)
        return fail(why, llvm::formatv("dimension {0} has sizes {1} and {2}; "
                                       "inputs must agree outside the axis "
                                       "{3}",
                                       d, shape[d], size, axis));
      shape[d] = size;
    }
  }
  return RankedTensorType::get(shape, first.getElementType());
}

static SmallVector<RankedTensorType> tensorTypes(TypeRange types) {
  SmallVector<RankedTensorType> out;
  for (Type t : types)
    out.push_back(cast<RankedTensorType>(t));
  return out;
}

//===----------------------------------------------------------------------===//
// JoinOp
//===----------------------------------------------------------------------===//

LogicalResult JoinOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties, RegionRange regions,
    SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  std::string why;
  FailureOr<RankedTensorType> type = inferJoinResultType(
      tensorTypes(adaptor.getInputs().getTypes()), adaptor.getAxis(), &why);
  if (failed(type)) {
    if (loc)
      mlir::emitError(*loc) << "'th.join' op " << why;
    return failure();
  }
  inferred.push_back(*type);
  return success();
}

LogicalResult JoinOp::verify() {
  std::string why;
  if (failed(inferJoinResultType(tensorTypes(getInputs().getTypes()),
                                 getAxis(), &why)))
    return emitOpError(why);
  return success();
}

OpFoldResult JoinOp::fold(FoldAdaptor) {
  // Joining one tensor is that tensor.
  if (getInputs().size() == 1 && getInputs()[0].getType() == getType())
    return getInputs()[0];
  return {};
}

//===----------------------------------------------------------------------===//
// JoinPieceOp
//===----------------------------------------------------------------------===//

LogicalResult JoinPieceOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> loc, ValueRange operands,
    DictionaryAttr attributes, OpaqueProperties properties, RegionRange regions,
    SmallVectorImpl<Type> &inferred) {
  Adaptor adaptor(operands, attributes, properties, regions);
  auto input = cast<RankedTensorType>(adaptor.getInput().getType());
  int64_t index = adaptor.getIndex();
  if (index < 0 || index >= static_cast<int64_t>(adaptor.getPieces().size())) {
    if (loc)
      mlir::emitError(*loc) << "'th.join_piece' op index " << index
                            << " is out of range for "
                            << adaptor.getPieces().size() << " pieces";
    return failure();
  }
  auto piece = cast<RankedTensorType>(adaptor.getPieces()[index].getType());
  inferred.push_back(
      RankedTensorType::get(piece.getShape(), input.getElementType()));
  return success();
}

LogicalResult JoinPieceOp::verify() {
  std::string why;
  FailureOr<RankedTensorType> joined = inferJoinResultType(
      tensorTypes(getPieces().getTypes()), getAxis(), &why);
  if (failed(joined))
    return emitOpError("pieces: ") << why;
  if (failed(verifyCompatibleShape(joined->getShape(),
                                   getInput().getType().getShape())))
    return emitOpError("input ")
           << getInput().getType() << " does not have the shape of the "
           << "pieces joined, " << *joined;
  return success();
}

OpFoldResult JoinPieceOp::fold(FoldAdaptor) {
  // join_piece(join(a, b), [1] of (a, b)) -> b
  auto join = getInput().getDefiningOp<JoinOp>();
  if (!join || join.getAxis() != getAxis() || join.getInputs() != getPieces())
    return {};
  Value piece = getPieces()[getIndex()];
  return piece.getType() == getType() ? piece : OpFoldResult();
}
