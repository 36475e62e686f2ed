//===- ThInterfaces.td - Interfaces of th ops --------------*- tablegen -*-===//

#ifndef TH_INTERFACES
#define TH_INTERFACES

include "mlir/IR/OpBase.td"

def Th_DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let description = [{
    An op that states its vector-Jacobian product: given the gradient of the
    cost with respect to its result, it builds th ops computing the gradient
    with respect to each operand (Theano's `Op.grad`). The `th-grad` pass
    uses it to expand `th.grad` in reverse mode, so adding an op adds its
    gradient in exactly one place (ThGradients.cpp).
  }];
  let cppNamespace = "::mlir::th";
  let methods = [
    InterfaceMethod<[{
        Appends one value per operand to `operandGrads`: the gradient with
        respect to that operand, of the operand's shape (broadcast dimensions
        summed back), or a null Value where no gradient flows (a bool
        condition, an integer input). `resultGrad` has the result's type.
        New ops are created at the builder's insertion point.
      }],
      "::llvm::LogicalResult", "buildVJP",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Value":$resultGrad,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGrads)>,
  ];
}

#endif // TH_INTERFACES
