//===- ThDialect.td - The th dialect -----------------------*- tablegen -*-===//
//
// `th` is Theano's graph as MLIR: tensors typed by (dtype, broadcastable) where
// a broadcastable dimension is a static 1 and every other dimension is dynamic
// (or static when a constant fixes it), module-level shared variables and
// functions with updates.
//
//===----------------------------------------------------------------------===//

#ifndef TH_DIALECT
#define TH_DIALECT

include "mlir/IR/OpBase.td"

def Th_Dialect : Dialect {
  let name = "th";
  let summary = "Theano's symbolic tensor graphs";
  let description = [{
    Ops mirror Theano's: elementwise arithmetic with Theano's broadcasting
    (operands of equal rank; a dimension broadcasts only where its type says
    so, i.e. where it is a static 1), reductions, dot, dimshuffle, casts, and
    the function-level ops for shared state (`th.shared`, `th.read`,
    `th.update`) and functions (`th.func`).
  }];
  let cppNamespace = "::mlir::th";
  let hasConstantMaterializer = 1;
}

class Th_Op<string mnemonic, list<Trait> traits = []>
    : Op<Th_Dialect, mnemonic, traits>;

#endif // TH_DIALECT
