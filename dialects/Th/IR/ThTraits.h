//===- ThTraits.h - Traits and type rules of th ops -------------*- C++ -*-===//
//
// Theano's broadcasting rule as an op trait, and the result-type rules that
// both the ops' InferTypeOpInterface and the front end use, so the rules live
// in exactly one place.
//
//===----------------------------------------------------------------------===//

#ifndef TH_IR_THTRAITS_H
#define TH_IR_THTRAITS_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"

#include <optional>

namespace mlir::th {

/// The broadcast of equal-rank shapes under Theano's rule: a dimension is 1
/// only if it is 1 in every operand; otherwise it is the static size some
/// operand has, or dynamic. Fails (with a message in `why`) when ranks differ
/// or two static sizes other than 1 disagree.
FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<ShapedType> types,
                                                std::string *why = nullptr);

LogicalResult inferElementwiseResultType(std::optional<Location> loc,
                                         ValueRange operands, Type elementType,
                                         SmallVectorImpl<Type> &inferred);

/// A reduction's axes: in range for `rank`, sorted and unique.
LogicalResult verifyReduceAxes(Operation *op, ArrayRef<int64_t> axes,
                               int64_t rank);

LogicalResult inferReduceResultType(std::optional<Location> loc, Value input,
                                    ArrayRef<int64_t> axes,
                                    SmallVectorImpl<Type> &inferred);

/// Result type of Theano's dot for the given operand types, or failure (with
/// a message in `why`).
FailureOr<RankedTensorType> inferDotResultType(RankedTensorType lhs,
                                               RankedTensorType rhs,
                                               std::string *why = nullptr);

FailureOr<RankedTensorType>
inferDimShuffleResultType(RankedTensorType input, ArrayRef<int64_t> pattern,
                          std::string *why = nullptr);

/// Theano's Join type rule (see th.join): one rank >= 1 and element type,
/// sizes outside `axis` that agree, broadcastable where any input is.
FailureOr<RankedTensorType> inferJoinResultType(ArrayRef<RankedTensorType> inputs,
                                                int64_t axis,
                                                std::string *why = nullptr);

/// The value of every element of a splat constant attribute (bool as 0/1),
/// or nothing for any other attribute.
std::optional<double> splatValueOf(Attribute attr);

/// The dimshuffle pattern that puts the reduced `axes` of a rank-`rank`
/// input back as broadcastable dimensions (keepdims=True).
SmallVector<int64_t> keepDimsPattern(int64_t rank, ArrayRef<int64_t> axes);

namespace OpTrait {
template <typename ConcreteType>
class ElementwiseBroadcastable
    : public ::mlir::OpTrait::TraitBase<ConcreteType,
                                        ElementwiseBroadcastable> {
public:
  static LogicalResult verifyTrait(Operation *op);
};

LogicalResult verifyElementwiseBroadcastable(Operation *op);

template <typename ConcreteType>
LogicalResult
ElementwiseBroadcastable<ConcreteType>::verifyTrait(Operation *op) {
  return verifyElementwiseBroadcastable(op);
}
} // namespace OpTrait

} // namespace mlir::th

#endif // TH_IR_THTRAITS_H
