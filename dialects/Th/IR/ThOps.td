//===- ThOps.td - Operations of the th dialect -------------*- tablegen -*-===//

#ifndef TH_OPS
#define TH_OPS

include "Th/IR/ThDialect.td"
include "Th/IR/ThInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/CallInterfaces.td"
include "mlir/Interfaces/FunctionInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

// Theano's dtypes as MLIR element types: bool is i1 (one byte in memory),
// signed integers are signless integers, unsigned integers are MLIR's
// unsigned integers (ui8...ui64). Lowering to linalg makes every integer
// signless once the unsigned ops (division, comparison, conversion) are
// chosen.
// complex64 and complex128 are complex<f32> and complex<f64>: any op may
// carry them, the ops that compute on them say so in their constraints
// (Th_ArithmeticTensor, Th_InexactTensor, Th_ComplexTensor), and the front
// end rejects the others with a located error.
defvar Th_Integers = [I8, I16, I32, I64, UI8, UI16, UI32, UI64];
defvar Th_Complexes = [Complex<F32>, Complex<F64>];
def Th_Element
    : AnyTypeOf<!listconcat([I1], Th_Integers, [F32, F64], Th_Complexes)>;
def Th_Tensor
    : RankedTensorOf<!listconcat([I1], Th_Integers, [F32, F64], Th_Complexes)>;
def Th_FloatTensor : RankedTensorOf<[F32, F64]>;
def Th_IntOrBoolTensor : RankedTensorOf<!listconcat([I1], Th_Integers)>;
def Th_BoolTensor : RankedTensorOf<[I1]>;
def Th_NumericTensor : RankedTensorOf<!listconcat(Th_Integers, [F32, F64])>;
def Th_ComplexTensor : RankedTensorOf<Th_Complexes>;
// Numbers with + - * and negation, complex ones included.
def Th_ArithmeticTensor
    : RankedTensorOf<!listconcat(Th_Integers, [F32, F64], Th_Complexes)>;
// Floats and complex numbers: true division, exp, log.
def Th_InexactTensor : RankedTensorOf<!listconcat([F32, F64], Th_Complexes)>;

// The VJP of each differentiable op is in ThGradients.cpp.
defvar Th_Differentiable =
    DeclareOpInterfaceMethods<Th_DifferentiableOpInterface>;

// Operands of equal rank whose static sizes agree or are 1 where they
// broadcast, and a result whose shape is the broadcast of theirs.
def Th_ElementwiseBroadcastable
    : NativeOpTrait<"ElementwiseBroadcastable"> {
  let cppNamespace = "::mlir::th::OpTrait";
}

//===----------------------------------------------------------------------===//
// Module-level state and functions
//===----------------------------------------------------------------------===//

def Th_SharedOp : Th_Op<"shared", [Symbol]> {
  let summary = "a shared variable: module-level state with an initial value";
  let description = [{
    The storage belongs to the runtime; functions read its value at the start
    of a call (`th.read`) and give it a new one at the end (`th.update`).
    `type` is the variable's Theano type (broadcastable dimensions are static
    1s); `initial_value` has the concrete shape it was created with.

    ```mlir
    th.shared @w : tensor<?xf64> = dense<[0.1, 0.2]> : tensor<2xf64>
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttrOf<Th_Tensor>:$type,
                       ElementsAttr:$initial_value);
  let assemblyFormat = "$sym_name `:` $type `=` $initial_value attr-dict";
  let hasVerifier = 1;
}

def Th_FuncOp : Th_Op<"func", [
    AutomaticAllocationScope, FunctionOpInterface, IsolatedFromAbove,
    OpAsmOpInterface]> {
  let summary = "a compiled Theano function";
  let description = [{
    One `theano.function`: arguments are its inputs (argument attribute
    `th.name`, and `th.default` for `In(x, value=...)`), results its outputs
    (result attribute `th.name`). Its body reads shared variables with
    `th.read` and gives them new values with `th.update`; all reads see the
    values from the start of the call.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       TypeAttrOf<FunctionType>:$function_type,
                       OptionalAttr<DictArrayAttr>:$arg_attrs,
                       OptionalAttr<DictArrayAttr>:$res_attrs);
  let regions = (region SizedRegion<1>:$body);
  let extraClassDeclaration = [{
    ::llvm::ArrayRef<::mlir::Type> getArgumentTypes() {
      return getFunctionType().getInputs();
    }
    ::llvm::ArrayRef<::mlir::Type> getResultTypes() {
      return getFunctionType().getResults();
    }
    ::mlir::Region *getCallableRegion() { return &getBody(); }
    static ::llvm::StringRef getDefaultDialect() { return "th"; }
  }];
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def Th_ReturnOp : Th_Op<"return", [Pure, HasParent<"FuncOp">, Terminator]> {
  let summary = "the outputs of a th.func";
  let arguments = (ins Variadic<Th_Tensor>:$outputs);
  let assemblyFormat = "attr-dict ($outputs^ `:` type($outputs))?";
  let hasVerifier = 1;
}

def Th_ReadOp : Th_Op<"read", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "the value of a shared variable at the start of the call";
  let arguments = (ins FlatSymbolRefAttr:$var);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = "$var attr-dict `:` type($result)";
}

def Th_UpdateOp : Th_Op<"update", [
    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "the value a shared variable takes when the call ends";
  let description = [{
    Theano's `updates=[(var, value)]`. The value must have the variable's
    type exactly (Theano's rule); at most one update per variable per
    function.
  }];
  let arguments = (ins FlatSymbolRefAttr:$var, Th_Tensor:$value);
  let assemblyFormat = "$var `,` $value attr-dict `:` type($value)";
}

def Th_VariableOp : Th_Op<"variable", [Pure]> {
  let summary = "a symbolic input variable of the global graph";
  let description = [{
    `T.dmatrix('x')`. It exists only in the graph the front end builds;
    extracting a `th.func` replaces it by a function argument, and one left
    over is a missing input.
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = "$name attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Constants and casts
//===----------------------------------------------------------------------===//

def Th_ConstantOp : Th_Op<"constant", [ConstantLike, Pure,
    AllTypesMatch<["value", "result"]>]> {
  let summary = "a constant tensor";
  let arguments = (ins ElementsAttr:$value);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = "attr-dict $value";
  let hasFolder = 1;
}

def Th_CastOp : Th_Op<"cast", [Pure, Th_Differentiable]> {
  let summary = "elementwise conversion to another dtype (Theano's cast)";
  let description = [{
    NumPy's `astype` semantics: float to int truncates toward zero, to bool
    is `!= 0`.
  }];
  let arguments = (ins Th_Tensor:$input);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

// Elementwise ops with Theano's broadcasting; the result type is inferred
// (broadcast shape, `resultElementType` element).
class Th_ElementwiseOp<string mnemonic, list<Trait> traits = []>
    : Th_Op<mnemonic, !listconcat(traits, [Pure, Th_ElementwiseBroadcastable,
        DeclareOpInterfaceMethods<InferTypeOpInterface>])> {
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, ::std::optional<::mlir::Location> loc,
        ::mlir::ValueRange operands, ::mlir::DictionaryAttr attributes,
        ::mlir::OpaqueProperties properties, ::mlir::RegionRange regions,
        ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      return ::mlir::th::inferElementwiseResultType(
          loc, operands, resultElementType(context, operands), inferred);
    }
  }];
  let extraClassDeclaration = [{
    static ::mlir::Type resultElementType(::mlir::MLIRContext *context,
                                          ::mlir::ValueRange operands) {
      (void)context;
      return ::llvm::cast<::mlir::ShapedType>(operands.back().getType())
          .getElementType();
    }
  }];
}

// Unary ops keep their operand's type (ODS infers it).
class Th_UnaryOp<string mnemonic, Type operandType, list<Trait> traits = []>
    : Th_Op<mnemonic, !listconcat(traits, [Pure, Th_ElementwiseBroadcastable,
        SameOperandsAndResultType, InferTypeOpInterface])> {
  let arguments = (ins operandType:$input);
  let results = (outs operandType:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

class Th_BinaryOp<string mnemonic, Type operandType, list<Trait> traits = []>
    : Th_ElementwiseOp<mnemonic, !listconcat(traits, [SameOperandsElementType,
        SameOperandsAndResultElementType])> {
  let arguments = (ins operandType:$lhs, operandType:$rhs);
  let results = (outs operandType:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
}

class Th_CompareOp<string mnemonic>
    : Th_ElementwiseOp<mnemonic, [SameOperandsElementType]> {
  let arguments = (ins Th_Tensor:$lhs, Th_Tensor:$rhs);
  let results = (outs Th_BoolTensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
  let extraClassDeclaration = [{
    static ::mlir::Type resultElementType(::mlir::MLIRContext *context,
                                          ::mlir::ValueRange) {
      return ::mlir::IntegerType::get(context, 1);
    }
  }];
}

def Th_NegOp : Th_UnaryOp<"neg", Th_ArithmeticTensor, [Th_Differentiable]> {
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def Th_AbsOp : Th_UnaryOp<"abs", Th_NumericTensor, [Th_Differentiable]>;
def Th_SqrOp : Th_UnaryOp<"sqr", Th_ArithmeticTensor, [Th_Differentiable]>;
def Th_ExpOp : Th_UnaryOp<"exp", Th_InexactTensor, [Th_Differentiable]>;
def Th_LogOp : Th_UnaryOp<"log", Th_InexactTensor, [Th_Differentiable]>;
def Th_Log1pOp : Th_UnaryOp<"log1p", Th_FloatTensor, [Th_Differentiable]>;
def Th_Expm1Op : Th_UnaryOp<"expm1", Th_FloatTensor, [Th_Differentiable]>;
def Th_SqrtOp : Th_UnaryOp<"sqrt", Th_FloatTensor, [Th_Differentiable]>;
def Th_TanhOp : Th_UnaryOp<"tanh", Th_FloatTensor, [Th_Differentiable]>;
def Th_SigmoidOp : Th_UnaryOp<"sigmoid", Th_FloatTensor, [Th_Differentiable]>;
def Th_SoftplusOp
    : Th_UnaryOp<"softplus", Th_FloatTensor, [Th_Differentiable]>;
// Theano's nnet.ultra_fast_sigmoid: a piecewise rational approximation of
// the sigmoid (largest error about 0.015). Its gradient is Theano's,
// g * y * (1 - y) with y the approximation, not the derivative of the
// pieces.
def Th_UltraFastSigmoidOp
    : Th_UnaryOp<"ultra_fast_sigmoid", Th_FloatTensor, [Th_Differentiable]>;
def Th_InvertOp : Th_UnaryOp<"invert", Th_IntOrBoolTensor>;

// Theano's float functions (their integer inputs are upgraded to float).
def Th_SinOp : Th_UnaryOp<"sin", Th_FloatTensor, [Th_Differentiable]>;
def Th_CosOp : Th_UnaryOp<"cos", Th_FloatTensor, [Th_Differentiable]>;
def Th_TanOp : Th_UnaryOp<"tan", Th_FloatTensor, [Th_Differentiable]>;
def Th_ArcsinOp : Th_UnaryOp<"arcsin", Th_FloatTensor, [Th_Differentiable]>;
def Th_ArccosOp : Th_UnaryOp<"arccos", Th_FloatTensor, [Th_Differentiable]>;
def Th_ArctanOp : Th_UnaryOp<"arctan", Th_FloatTensor, [Th_Differentiable]>;
def Th_SinhOp : Th_UnaryOp<"sinh", Th_FloatTensor, [Th_Differentiable]>;
def Th_CoshOp : Th_UnaryOp<"cosh", Th_FloatTensor, [Th_Differentiable]>;
def Th_ArcsinhOp : Th_UnaryOp<"arcsinh", Th_FloatTensor, [Th_Differentiable]>;
def Th_ArccoshOp : Th_UnaryOp<"arccosh", Th_FloatTensor, [Th_Differentiable]>;
def Th_ArctanhOp : Th_UnaryOp<"arctanh", Th_FloatTensor, [Th_Differentiable]>;
def Th_Exp2Op : Th_UnaryOp<"exp2", Th_FloatTensor, [Th_Differentiable]>;
def Th_Log2Op : Th_UnaryOp<"log2", Th_FloatTensor, [Th_Differentiable]>;
def Th_Log10Op : Th_UnaryOp<"log10", Th_FloatTensor, [Th_Differentiable]>;
def Th_ErfOp : Th_UnaryOp<"erf", Th_FloatTensor, [Th_Differentiable]>;
def Th_ErfcOp : Th_UnaryOp<"erfc", Th_FloatTensor, [Th_Differentiable]>;
// scipy.special's functions, which Theano's perform() calls: computed in
// double precision (libm's tgamma/lgamma, the runtime's __tcc_* for the
// rest), as Theano's C code does for float32 too.
def Th_GammaOp : Th_UnaryOp<"gamma", Th_FloatTensor, [Th_Differentiable]>;
def Th_GammaLnOp : Th_UnaryOp<"gammaln", Th_FloatTensor, [Th_Differentiable]>;
def Th_PsiOp : Th_UnaryOp<"psi", Th_FloatTensor, [Th_Differentiable]>;
// Theano states no gradient for tri_gamma (it would need polygamma(2, x)).
def Th_TriGammaOp : Th_UnaryOp<"tri_gamma", Th_FloatTensor>;
def Th_ErfinvOp : Th_UnaryOp<"erfinv", Th_FloatTensor, [Th_Differentiable]>;
def Th_ErfcinvOp : Th_UnaryOp<"erfcinv", Th_FloatTensor, [Th_Differentiable]>;
def Th_ErfcxOp : Th_UnaryOp<"erfcx", Th_FloatTensor, [Th_Differentiable]>;
// Rounding: piecewise constant, so their gradient is zero (as Theano's).
def Th_FloorOp : Th_UnaryOp<"floor", Th_FloatTensor, [Th_Differentiable]>;
def Th_CeilOp : Th_UnaryOp<"ceil", Th_FloatTensor, [Th_Differentiable]>;
def Th_TruncOp : Th_UnaryOp<"trunc", Th_FloatTensor, [Th_Differentiable]>;
def Th_RoundHalfToEvenOp : Th_UnaryOp<"round_half_to_even", Th_FloatTensor, [Th_Differentiable]>;
def Th_RoundHalfAwayFromZeroOp : Th_UnaryOp<"round_half_away_from_zero", Th_FloatTensor, [Th_Differentiable]>;
def Th_SgnOp : Th_UnaryOp<"sgn", Th_NumericTensor, [Th_Differentiable]>;

def Th_AddOp
    : Th_BinaryOp<"add", Th_Tensor, [Commutative, Th_Differentiable]> {
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def Th_SubOp : Th_BinaryOp<"sub", Th_ArithmeticTensor, [Th_Differentiable]> {
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def Th_MulOp
    : Th_BinaryOp<"mul", Th_Tensor, [Commutative, Th_Differentiable]> {
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def Th_TrueDivOp
    : Th_BinaryOp<"true_div", Th_InexactTensor, [Th_Differentiable]> {
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def Th_IntDivOp
    : Th_BinaryOp<"int_div", Th_NumericTensor, [Th_Differentiable]>;
def Th_ModOp : Th_BinaryOp<"mod", Th_NumericTensor, [Th_Differentiable]>;
def Th_PowOp : Th_BinaryOp<"pow", Th_NumericTensor, [Th_Differentiable]>;
// arctan2(y, x): the angle of the point (x, y), NumPy's argument order.
def Th_Arctan2Op
    : Th_BinaryOp<"arctan2", Th_FloatTensor, [Th_Differentiable]>;
def Th_MaximumOp
    : Th_BinaryOp<"maximum", Th_Tensor, [Commutative, Th_Differentiable]>;
def Th_MinimumOp
    : Th_BinaryOp<"minimum", Th_Tensor, [Commutative, Th_Differentiable]>;

def Th_SecondOp : Th_ElementwiseOp<"second", [Th_Differentiable]> {
  let summary = "Theano's second (fill): rhs broadcast to the shape of both";
  let description = [{
    `second(x, y)` has the broadcast shape of x and y and y's values; the
    gradient uses it to broadcast a gradient back to an input's shape.
  }];
  let arguments = (ins Th_Tensor:$lhs, Th_Tensor:$rhs);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
  let hasCanonicalizer = 1;
}
def Th_AndOp : Th_BinaryOp<"and", Th_IntOrBoolTensor, [Commutative]>;
def Th_OrOp : Th_BinaryOp<"or", Th_IntOrBoolTensor, [Commutative]>;
def Th_XorOp : Th_BinaryOp<"xor", Th_IntOrBoolTensor, [Commutative]>;

def Th_LtOp : Th_CompareOp<"lt">;
def Th_LeOp : Th_CompareOp<"le">;
def Th_GtOp : Th_CompareOp<"gt">;
def Th_GeOp : Th_CompareOp<"ge">;
def Th_EqOp : Th_CompareOp<"eq">;
def Th_NeqOp : Th_CompareOp<"neq">;

// Elementwise tests with a bool result; false for every integer.
class Th_PredicateOp<string mnemonic> : Th_ElementwiseOp<mnemonic> {
  let arguments = (ins Th_Tensor:$input);
  let results = (outs Th_BoolTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let extraClassDeclaration = [{
    static ::mlir::Type resultElementType(::mlir::MLIRContext *context,
                                          ::mlir::ValueRange) {
      return ::mlir::IntegerType::get(context, 1);
    }
  }];
}
def Th_IsNanOp : Th_PredicateOp<"isnan"> {
  let summary = "x is NaN";
}
def Th_IsInfOp : Th_PredicateOp<"isinf"> {
  let summary = "x is +inf or -inf";
}

// Complex numbers (theano.tensor's real, imag, angle, abs of a complex,
// conj and complex). Not differentiable in tcc: a gradient through them is
// a located error.
class Th_ComplexPartOp<string mnemonic, string what>
    : Th_ElementwiseOp<mnemonic> {
  let summary = what # " of complex numbers, in their component float type";
  let arguments = (ins Th_ComplexTensor:$input);
  let results = (outs Th_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let extraClassDeclaration = [{
    static ::mlir::Type resultElementType(::mlir::MLIRContext *,
                                          ::mlir::ValueRange operands) {
      return ::llvm::cast<::mlir::ComplexType>(
                 ::mlir::getElementTypeOrSelf(operands.front().getType()))
          .getElementType();
    }
  }];
}
def Th_RealOp : Th_ComplexPartOp<"real", "the real part">;
def Th_ImagOp : Th_ComplexPartOp<"imag", "the imaginary part">;
def Th_AngleOp : Th_ComplexPartOp<"angle", "the argument (atan2(imag, real))">;
def Th_ComplexAbsOp : Th_ComplexPartOp<"complex_abs", "the modulus">;
def Th_ConjOp : Th_UnaryOp<"conj", Th_ComplexTensor> {
  let summary = "the complex conjugate";
}
def Th_ComplexOp : Th_ElementwiseOp<"complex", [SameOperandsElementType]> {
  let summary = "real + imag * 1j, broadcast (Theano's complex)";
  let arguments = (ins Th_FloatTensor:$real, Th_FloatTensor:$imag);
  let results = (outs Th_ComplexTensor:$result);
  let assemblyFormat = [{
    $real `,` $imag attr-dict `:` type($real) `,` type($imag) `->`
    type($result)
  }];
  let extraClassDeclaration = [{
    static ::mlir::Type resultElementType(::mlir::MLIRContext *,
                                          ::mlir::ValueRange operands) {
      return ::mlir::ComplexType::get(
          ::mlir::getElementTypeOrSelf(operands.front().getType()));
    }
  }];
}

def Th_SwitchOp : Th_ElementwiseOp<"switch", [Th_Differentiable]> {
  let summary = "elementwise select: cond ? ift : iff (Theano's switch)";
  let arguments = (ins Th_BoolTensor:$cond, Th_Tensor:$ift, Th_Tensor:$iff);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = "$cond `,` $ift `,` $iff attr-dict `:` type($cond) `,` "
                       "type($ift) `,` type($iff) `->` type($result)";
  let hasVerifier = 1;
}

def Th_IfElseOp : Th_Op<"ifelse", [Pure, Th_Differentiable]> {
  let summary = "Theano's IfElse: one of two values, chosen by a scalar";
  let description = [{
    `then` if the scalar `cond` is true, else `else`; the two have one
    element type and rank but may differ in size (the result's size is
    static only where theirs agree). Lowered to scf.if, after which
    control-flow-sink moves the computations only one branch uses into it,
    so the branch not taken is not computed (Theano's lazy ifelse).
  }];
  let arguments = (ins Th_BoolTensor:$cond, Th_Tensor:$then_value,
                       Th_Tensor:$else_value);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $cond `,` $then_value `,` $else_value attr-dict `:` type($cond) `,`
    type($then_value) `,` type($else_value) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions, dot, dimshuffle
//===----------------------------------------------------------------------===//

class Th_ReduceOp<string mnemonic, Type operandType>
    : Th_Op<mnemonic, [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>,
                       Th_Differentiable]> {
  let arguments = (ins operandType:$input, DenseI64ArrayAttr:$axes);
  let results = (outs operandType:$result);
  let assemblyFormat =
      "$input `axes` `=` $axes attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, ::std::optional<::mlir::Location> loc,
        ::mlir::ValueRange operands, ::mlir::DictionaryAttr attributes,
        ::mlir::OpaqueProperties properties, ::mlir::RegionRange regions,
        ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      Adaptor adaptor(operands, attributes, properties, regions);
      return ::mlir::th::inferReduceResultType(loc, adaptor.getInput(),
                                               adaptor.getAxes(), inferred);
    }
    ::llvm::LogicalResult $cppClass::verify() {
      return ::mlir::th::verifyReduceAxes(*this, getAxes(),
                                          getInput().getType().getRank());
    }
  }];
}

def Th_SumOp : Th_ReduceOp<"sum", Th_NumericTensor> {
  let summary = "sum over axes (the front end casts to the accumulator dtype)";
  let hasCanonicalizer = 1;
}
def Th_MeanOp : Th_ReduceOp<"mean", Th_FloatTensor> {
  let summary = "mean over axes";
}
def Th_MaxOp : Th_ReduceOp<"max", Th_NumericTensor> {
  let summary = "maximum over axes";
}
def Th_MinOp : Th_ReduceOp<"min", Th_NumericTensor> {
  let summary = "minimum over axes";
}

def Th_ProdOp : Th_ReduceOp<"prod", Th_NumericTensor> {
  let summary = "product over axes (the front end casts to the accumulator dtype)";
}

// argmax / argmin: int64 positions of the first extremum (NaN counts as the
// extremum, as in NumPy). Over several axes the position is the row-major
// index into the block of reduced axes (Theano's Argmax with a list of axes).
class Th_ArgReduceOp<string mnemonic>
    : Th_Op<mnemonic, [Pure, DeclareOpInterfaceMethods<InferTypeOpInterface>]> {
  let arguments = (ins Th_NumericTensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs TensorOf<[I64]>:$result);
  let assemblyFormat =
      "$input `axes` `=` $axes attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(
        ::mlir::MLIRContext *context, ::std::optional<::mlir::Location> loc,
        ::mlir::ValueRange operands, ::mlir::DictionaryAttr attributes,
        ::mlir::OpaqueProperties properties, ::mlir::RegionRange regions,
        ::llvm::SmallVectorImpl<::mlir::Type> &inferred) {
      Adaptor adaptor(operands, attributes, properties, regions);
      if (failed(::mlir::th::inferReduceResultType(loc, adaptor.getInput(),
                                                   adaptor.getAxes(), inferred)))
        return ::mlir::failure();
      auto type = ::llvm::cast<::mlir::RankedTensorType>(inferred.back());
      inferred.back() = ::mlir::RankedTensorType::get(
          type.getShape(), ::mlir::IntegerType::get(context, 64));
      return ::mlir::success();
    }
    ::llvm::LogicalResult $cppClass::verify() {
      return ::mlir::th::verifyReduceAxes(*this, getAxes(),
                                          getInput().getType().getRank());
    }
  }];
}
def Th_ArgmaxOp : Th_ArgReduceOp<"argmax"> {
  let summary = "position of the first maximum over axes";
}
def Th_ArgminOp : Th_ArgReduceOp<"argmin"> {
  let summary = "position of the first minimum over axes";
}

def Th_DotOp : Th_Op<"dot", [Pure, SameOperandsElementType,
    DeclareOpInterfaceMethods<InferTypeOpInterface>, Th_Differentiable]> {
  let summary = "Theano's dot: vector or matrix products";
  let description = [{
    vector.vector -> scalar, matrix.vector -> vector, vector.matrix -> vector,
    matrix.matrix -> matrix; the contracted sizes must agree.
  }];
  let arguments = (ins Th_NumericTensor:$lhs, Th_NumericTensor:$rhs);
  let results = (outs Th_NumericTensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
  let hasCanonicalizer = 1;
}

// Theano's Softmax and LogSoftmax (nnet). Ops of their own, not their
// exp/sum expansion, so that the stabilize phase can recognise
// log(softmax(x)) and the lowering can subtract the maximum first: exp(x)
// overflows for logits above ~709 where softmax(x) is perfectly defined.
class Th_SoftmaxLikeOp<string mnemonic, string what>
    : Th_Op<mnemonic, [Pure, SameOperandsAndResultType, Th_Differentiable]> {
  let summary = what # " along `axis`, computed without overflow";
  let arguments = (ins Th_FloatTensor:$input, I64Attr:$axis);
  let results = (outs Th_FloatTensor:$result);
  let assemblyFormat = "$input `axis` `=` $axis attr-dict `:` type($input)";
  let hasVerifier = 1;
}
def Th_SoftmaxOp
    : Th_SoftmaxLikeOp<"softmax", "exp(x) / sum(exp(x), axis)">;
def Th_LogSoftmaxOp
    : Th_SoftmaxLikeOp<"log_softmax", "x - log(sum(exp(x), axis))">;

// Theano's CumOp (T.cumsum, T.cumprod) along one axis; the result has the
// input's type (Theano does not widen small integers as NumPy does). With
// `reverse` the running total starts at the last element: the gradient of a
// cumulative sum is the reversed cumulative sum of the result's gradient.
class Th_CumulativeOp<string mnemonic, string what>
    : Th_Op<mnemonic, [Pure, SameOperandsAndResultType, Th_Differentiable]> {
  let summary = what # " along `axis`";
  let arguments = (ins Th_NumericTensor:$input, I64Attr:$axis,
                       UnitAttr:$reverse);
  let results = (outs Th_NumericTensor:$result);
  let assemblyFormat = [{
    $input `axis` `=` $axis (`reverse` $reverse^)? attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}
def Th_CumSumOp : Th_CumulativeOp<"cumsum", "running sums">;
def Th_CumProdOp : Th_CumulativeOp<"cumprod", "running products">;

// Theano's Gemv/Gemm, which its specialize phase makes from a sum whose one
// term is a product (gemm_optimizer): `c + alpha * dot(a, b)` is one BLAS
// call accumulating into `c`'s buffer (in place where `c` is a shared
// variable's old value no one reads later). Theano's beta is not an operand:
// `beta * c` is an elementwise op that fuses with `c`'s producer.
class Th_AccumulatedDotOp<string mnemonic, string what>
    : Th_Op<mnemonic, [Pure, AllTypesMatch<["c", "result"]>,
                       AllElementTypesMatch<["c", "alpha", "a", "b"]>]> {
  let summary = "c + alpha * dot(a, b) with " # what;
  let arguments = (ins Th_FloatTensor:$c, 0DTensorOf<[F32, F64]>:$alpha,
                       Th_FloatTensor:$a, Th_FloatTensor:$b);
  let results = (outs Th_FloatTensor:$result);
  let assemblyFormat = [{
    $c `,` $alpha `,` $a `,` $b attr-dict `:` type($c) `,` type($alpha) `,`
    type($a) `,` type($b)
  }];
  let hasVerifier = 1;
}
def Th_GemvOp : Th_AccumulatedDotOp<"gemv",
    "a matrix and a vector in either order (matrix.vector or vector.matrix)">;
def Th_GemmOp : Th_AccumulatedDotOp<"gemm", "two matrices">;

def Th_DimShuffleOp : Th_Op<"dimshuffle", [Pure,
    DeclareOpInterfaceMethods<InferTypeOpInterface>, Th_Differentiable]> {
  let summary = "Theano's DimShuffle: permute, drop and insert dimensions";
  let description = [{
    `pattern[j]` is the input dimension that becomes output dimension `j`, or
    -1 for a new broadcastable dimension ('x'). Input dimensions not in the
    pattern are dropped and must be broadcastable.
  }];
  let arguments = (ins Th_Tensor:$input, DenseI64ArrayAttr:$pattern);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat =
      "$input `pattern` `=` $pattern attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

// Theano's Join (T.concatenate, T.stack) and the inverse its gradient uses.
def Th_JoinOp : Th_Op<"join", [Pure, SameOperandsElementType,
    DeclareOpInterfaceMethods<InferTypeOpInterface>, Th_Differentiable]> {
  let summary = "Theano's Join: concatenates tensors along `axis`";
  let description = [{
    The inputs have one rank and element type and equal sizes outside
    `axis`. As in Theano, a dimension other than `axis` is broadcastable in
    the result when it is in any input (every input must then have size 1
    there). The size along `axis` is the sum of the inputs' sizes.
  }];
  let arguments = (ins Variadic<Th_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $inputs `axis` `=` $axis attr-dict `:` functional-type($inputs, $result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Th_JoinPieceOp : Th_Op<"join_piece", [Pure,
    DeclareOpInterfaceMethods<InferTypeOpInterface>, Th_Differentiable]> {
  let summary = "the part of a joined tensor that came from input `index`";
  let description = [{
    `pieces` are the tensors a `th.join` along `axis` joined; the result is
    the slice of `input` (of the join's shape) that holds piece `index`:
    it starts at the sum of the earlier pieces' sizes along `axis` and has
    piece `index`'s shape (and `input`'s element type). It is Join's
    gradient (Theano's Split).
  }];
  let arguments = (ins Th_Tensor:$input, Variadic<Th_Tensor>:$pieces,
                       I64Attr:$axis, I64Attr:$index);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $input `[` $index `]` `of` `(` $pieces `)` `axis` `=` $axis attr-dict `:`
    type($input) `,` `(` type($pieces) `)` `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Reshape and indexing
//===----------------------------------------------------------------------===//

def Th_ReshapeOp : Th_Op<"reshape", [Pure, Th_Differentiable]> {
  let summary = "Theano's Reshape: the same elements in a new shape";
  let description = [{
    One int64 size per result dimension; at most one size is -1, which
    stands for what the others leave (the element count divided by their
    product), as in NumPy. The element count must not change. A static
    result dimension matches a constant size.
  }];
  let arguments = (ins Th_Tensor:$input, Variadic<0DTensorOf<[I64]>>:$sizes);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $input `,` `[` $sizes `]` attr-dict `:` type($input) `,` `(` type($sizes)
    `)` `->` type($result)
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Th_CheckIndexOp : Th_Op<"check_index", [NoMemoryEffect]> {
  let summary = "an index known at run time, checked against its dimension";
  let description = [{
    `index` must lie in `[-size, size)`; the result is it wrapped into
    `[0, size)` (Python's negative indices). Out of range, the call fails
    with NumPy's IndexError message naming `axis`, the index and the size,
    and `what` and the location say which operation indexed. The lowering
    of the indexing ops makes it; `tcc-lower-index-checks` turns it into a
    call to the runtime (docs/ABI.md). It has no memory effect, so it can
    be sunk into the branch of a lazy ifelse that uses it, but it is not
    speculatable: hoisted out of a loop or branch that does not run, it
    could fail a call that is correct.
  }];
  let arguments = (ins Index:$index, Index:$size, I64Attr:$axis,
                       StrAttr:$what);
  let results = (outs Index:$result);
  let assemblyFormat = "$index `,` $size attr-dict";
}

def Th_CheckStepsOp : Th_Op<"check_steps", [NoMemoryEffect]> {
  let summary = "a scan's number of steps, checked against its sequences";
  let description = [{
    `steps` must lie in `[0, rows]`, `rows` being the length of the scan's
    shortest sequence (without one, any `steps` >= 0 will do); the result
    is `steps`. Otherwise the call fails as Theano's scan fails: a negative
    number of steps is an IndexError, more steps than a sequence has rows a
    ValueError. The lowering of th.scan makes it, and `what` and the
    location say which scan; `tcc-lower-index-checks` turns it into a call
    to the runtime (docs/ABI.md). Not speculatable, as th.check_index.
  }];
  let arguments = (ins Index:$steps, Optional<Index>:$rows, StrAttr:$what);
  let results = (outs Index:$result);
  let assemblyFormat = "$steps (`,` $rows^)? attr-dict";
}

// The index list shared by the subtensor ops: `starts`, `stops` and `steps`
// hold one entry per leading input dimension. A constant is the bound
// itself; ShapedType::kDynamic takes the next `dynamic` operand;
// th::kNoBound is an omitted bound (Python's None); a `stops` entry of
// th::kIndexEntry makes the entry an integer index (its start), which
// drops the dimension. Written `%x[1:-1, ::2, %i, 0]`.
class Th_IndexArgs {
  dag indexArgs = (ins Variadic<0DTensorOf<[I64]>>:$dynamic,
                       DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$stops,
                       DenseI64ArrayAttr:$steps);
}

def Th_SubtensorOp : Th_Op<"subtensor", [Pure, Th_Differentiable]>,
    Th_IndexArgs {
  let summary = "Theano's Subtensor: basic indexing with slices and integers";
  let description = [{
    `x[1:, ::-1, 2]` with Python's semantics: negative bounds count from
    the end and slice bounds are clipped to the dimension; an integer index
    must be in range (the manifest checks constant ones before the call).
    Dimensions past the list are taken whole.
  }];
  let arguments = !con((ins Th_Tensor:$input), indexArgs);
  let results = (outs Th_Tensor:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
  let builders = [OpBuilder<(ins "::mlir::Value":$input,
                                 "const ::mlir::th::IndexList &":$list), [{
    std::string why;
    auto type = ::mlir::th::inferSubtensorType(
        ::llvm::cast<::mlir::RankedTensorType>(input.getType()), list.starts,
        list.stops, list.steps, list.dynamic, why);
    assert(succeeded(type) && "an invalid index list");
    build($_builder, $_state, *type, input, list.dynamic, list.starts,
          list.stops, list.steps);
  }]>];
}

class Th_IncSubtensorBase<string mnemonic, string what>
    : Th_Op<mnemonic, [Pure, Th_Differentiable]>,
      Th_IndexArgs {
  let summary = "Theano's IncSubtensor: `input` with `input[index]` " # what;
  let description = [{
    The result has `input`'s type. `value` broadcasts to the shape of
    `input[index]` (it may have a lower rank: leading dimensions are added).
  }];
  let arguments = !con((ins Th_Tensor:$input, Th_Tensor:$value), indexArgs);
  let results = (outs Th_Tensor:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let builders = [OpBuilder<(ins "::mlir::Value":$input, "::mlir::Value":$value,
                                 "const ::mlir::th::IndexList &":$list), [{
    build($_builder, $_state, input.getType(), input, value, list.dynamic,
          list.starts, list.stops, list.steps);
  }]>];
}

def Th_IncSubtensorOp : Th_IncSubtensorBase<"inc_subtensor", "+= value">;
def Th_SetSubtensorOp : Th_IncSubtensorBase<"set_subtensor", "= value">;

// NumPy's advanced indexing with integer arrays: `indices` (int64 tensors,
// broadcast together) index the input dimensions listed in `axes`
// (increasing); the other dimensions are taken whole. The broadcast index
// shape replaces the indexed dimensions where they were if `axes` are
// adjacent, and goes first otherwise. Written
// `%x[%i, %j] axes [0, 2] : tensor<?x?x?xf64>[tensor<?xi64>, tensor<?xi64>]
// -> tensor<?x?xf64>`.
class Th_AdvancedIndexArgs {
  dag advancedArgs = (ins Variadic<TensorOf<[I64]>>:$indices,
                          DenseI64ArrayAttr:$axes);
}

def Th_AdvancedSubtensorOp : Th_Op<"advanced_subtensor",
    [Pure, Th_Differentiable]>, Th_AdvancedIndexArgs {
  let summary = "Theano's AdvancedSubtensor: x[idx] with integer arrays";
  let description = [{
    Gathers `input` at the index arrays (Python's negative indices count
    from the end); each index is checked against its dimension where the
    kernel reads it (th.check_index).
  }];
  let arguments = !con((ins Th_Tensor:$input), advancedArgs);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $input `[` $indices `]` `axes` $axes attr-dict `:` type($input) `[`
    type($indices) `]` `->` type($result)
  }];
  let hasVerifier = 1;
}

class Th_AdvancedIncSubtensorBase<string mnemonic, string what>
    : Th_Op<mnemonic, [Pure, Th_Differentiable]>, Th_AdvancedIndexArgs {
  let summary = "Theano's AdvancedIncSubtensor: `input` with `input[idx]` "
                # what;
  let description = [{
    The result has `input`'s type; `value` broadcasts to the shape of
    `input[indices]`. An element indexed twice is incremented twice
    (`np.add.at`); set keeps the last value written.
  }];
  let arguments = !con((ins Th_Tensor:$input, Th_Tensor:$value),
                       advancedArgs);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $input `[` $indices `]` `axes` $axes `,` $value attr-dict `:`
    type($input) `[` type($indices) `]` `,` type($value) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Th_AdvancedIncSubtensorOp
    : Th_AdvancedIncSubtensorBase<"advanced_inc_subtensor", "+= value">;
def Th_AdvancedSetSubtensorOp
    : Th_AdvancedIncSubtensorBase<"advanced_set_subtensor", "= value">;

//===----------------------------------------------------------------------===//
// Shapes and gradients
//===----------------------------------------------------------------------===//

def Th_ShapeIOp : Th_Op<"shape_i", [Pure]> {
  let summary = "the size of one dimension, as an int64 scalar (Shape_i)";
  let arguments = (ins Th_Tensor:$input, I64Attr:$dim);
  let results = (outs 0DTensorOf<[I64]>:$result);
  let assemblyFormat =
      "$input `[` $dim `]` attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let builders = [OpBuilder<(ins "::mlir::Value":$input, "int64_t":$dim), [{
    build($_builder, $_state,
          ::mlir::RankedTensorType::get({}, $_builder.getI64Type()), input,
          $_builder.getI64IntegerAttr(dim));
  }]>];
}

def Th_AllocOp : Th_Op<"alloc", [Pure, Th_Differentiable]> {
  let summary = "a tensor of the given sizes filled with a scalar (Alloc)";
  let description = [{
    Theano's `alloc(value, *shape)` for a scalar value (`T.zeros`,
    `T.ones`). One int64 size per result dimension; a static result
    dimension must match a constant size. The front end only gives sizes
    that are constants or `th.shape_i` of a value, so the manifest can name
    them and no size is negative.
  }];
  let arguments = (ins 0DTensorOf<!listconcat([I1], Th_Integers, [F32, F64])>:$value,
                       Variadic<0DTensorOf<[I64]>>:$sizes);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $value `,` `[` $sizes `]` attr-dict `:` type($value) `,` `(` type($sizes)
    `)` `->` type($result)
  }];
  let hasVerifier = 1;
}

def Th_RandomDrawOp
    : Th_Op<"random_draw", [Pure, AttrSizedOperandSegments,
                            AllTypesMatch<["state", "next_state"]>]> {
  let summary = "draws from a NumPy RandomState kept in a tensor";
  let description = [{
    Theano's RandomStreams draw with NumPy's numbers: `state` is a packed
    legacy MT19937 state (runtime/src/LegacyRandom.h: 627 int64 words; a
    shared variable's, so its length is known only at run time, where the
    runtime checks it), the
    result is the state after the draw and a tensor of the given sizes
    (like th.alloc's) filled in row-major order, one RandomState call per
    element:

    - `random_sample`: doubles in [0, 1) (no params);
    - `standard_normal`: legacy_gauss doubles (no params);
    - `binomial`: int64 draws of binomial(n, p), params n (int64) and p
      (float64) of the result's shape;
    - `random_integers`: int64 draws uniform on [low, high], params low and
      high (int64) of the result's shape;
    - `choice` / `choice_unique`: RandomState.choice(population, size,
      replace=True / False, p) as int64 indices, params the population
      (0-d int64), p (1-d float64; empty for uniform) and the tolerance of
      p's sum (0-d float64: sqrt of the eps of p's dtype, as NumPy);
    - `permutation`: a permutation of range(n) per row (the last size is
      n), param n (0-d int64).

    The front end makes uniform and normal draws of any dtype and
    parameters from the first two by elementwise arithmetic, as NumPy does.
    A pure function of its operands: the state is threaded through the
    functions' shared-variable updates.
  }];
  let arguments = (ins 1DTensorOf<[I64]>:$state, StrAttr:$distribution,
                       Variadic<0DTensorOf<[I64]>>:$sizes,
                       Variadic<RankedTensorOf<[I64, F64]>>:$params);
  let results = (outs 1DTensorOf<[I64]>:$next_state,
                      RankedTensorOf<[I64, F64]>:$sample);
  let assemblyFormat = [{
    $distribution $state (`[` $sizes^ `:` type($sizes) `]`)?
    (`(` $params^ `:` type($params) `)`)? attr-dict `:` type($state) `->`
    type($sample)
  }];
  let hasVerifier = 1;
}

def Th_ArangeOp : Th_Op<"arange", [Pure]> {
  let summary = "Theano's ARange: start, start + step, ... up to stop";
  let description = [{
    NumPy's `arange(start, stop, step)` with a constant nonzero `step` (an
    attribute of the result's element type): `ceil((stop - start) / step)`
    elements, none if that is not positive, element `i` being
    `start + i * step`. `start` and `stop` are scalars of the result's
    element type. Its values do not depend on anything differentiable, so
    it has no gradient (Theano's is disconnected).
  }];
  let arguments = (ins 0DTensorOf<[I8, I16, I32, I64, F32, F64]>:$start,
                       0DTensorOf<[I8, I16, I32, I64, F32, F64]>:$stop,
                       AnyAttr:$step);
  let results = (outs 1DTensorOf<[I8, I16, I32, I64, F32, F64]>:$result);
  let assemblyFormat = [{
    $start `,` $stop `step` `(` $step `)` attr-dict `:` type($start) `,`
    type($stop) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Th_NonzeroOp : Th_Op<"nonzero", [Pure]> {
  let summary = "the coordinates of the nonzero elements (NumPy's nonzero)";
  let description = [{
    `np.array(np.nonzero(input))`: column `j` holds the coordinates of the
    `j`-th nonzero element of `input` in row-major order (NaN counts as
    nonzero), so row `d` is NumPy's `nonzero(input)[d]`. The number of
    columns is known only after reading the data. When a boolean mask
    indexes another tensor (`x[mask]`), `indexed` holds the sizes of the
    dimensions of `x` the mask stands for: the manifest checks before the
    call that the mask has those sizes (NumPy's IndexError otherwise); the
    kernel ignores them. Its values are integers, so it has no gradient.
  }];
  let arguments = (ins Th_Tensor:$input, Variadic<0DTensorOf<[I64]>>:$indexed);
  let results = (outs 2DTensorOf<[I64]>:$result);
  let assemblyFormat = [{
    $input (`indexing` `[` $indexed^ `:` type($indexed) `]`)? attr-dict `:`
    type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Th_GradOp : Th_Op<"grad", [Pure, AttrSizedOperandSegments]> {
  let summary = "the gradient of a cost with respect to values (T.grad, Lop)";
  let description = [{
    One result per `wrt` value, of its type. Without `seed` the cost is a
    scalar and its gradient is 1 (T.grad); with `seed` (of the cost's type)
    the cost may be any tensor and the result is the vector-Jacobian product
    with the seed (Lop, Theano's known_grads). `consider_constant` values are
    treated as constants (no gradient flows through them). The `th-grad`
    pass expands it into ordinary th ops in reverse mode; wrt values the
    cost does not depend on get zeros (the front end has already applied
    Theano's `disconnected_inputs` policy).
  }];
  let arguments = (ins Th_FloatTensor:$cost, Optional<Th_FloatTensor>:$seed,
                       Variadic<Th_Tensor>:$wrt,
                       Variadic<Th_Tensor>:$consider_constant);
  let results = (outs Variadic<Th_Tensor>:$grads);
  let assemblyFormat = [{
    $cost (`seed` $seed^ `:` type($seed))? `wrt` `(` $wrt `)`
    (`consider_constant` `(` $consider_constant^ `)`)?
    attr-dict `:` type($cost) `,` `(` type($wrt) `)`
    (`,` `(` type($consider_constant)^ `)`)? `->` `(` type($grads) `)`
  }];
  let hasVerifier = 1;
}

def Th_GradientStopOp : Th_Op<"gradient_stop", [Pure, SameOperandsAndResultType,
    Th_Differentiable]> {
  let summary = "identity whose gradient is zero or disconnected";
  let description = [{
    Theano's `zero_grad(x)` (`disconnected = false`: the gradient through it
    is zero) and `disconnected_grad(x)` (`disconnected = true`: the input is
    not connected to the cost through it). The value is x.
  }];
  let arguments = (ins Th_Tensor:$input, BoolAttr:$disconnected);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def Th_RebroadcastOp : Th_Op<"rebroadcast", [Pure, Th_Differentiable]> {
  let summary = "the same values with other dimensions broadcastable";
  let description = [{
    Theano's Rebroadcast (`addbroadcast`, `unbroadcast`, `patternbroadcast`):
    each dimension keeps its size or turns between a broadcastable 1 and a
    size known at run time. A dynamic dimension made broadcastable must have
    size 1 at run time; the manifest checks that before the call (Theano's
    "Dimension 0 in Rebroadcast's input was supposed to be 1").
  }];
  let arguments = (ins Th_Tensor:$input);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Th_ArgsortOp : Th_Op<"argsort", [Pure]> {
  let summary = "the positions that sort each row along the last axis";
  let description = [{
    NumPy's `argsort` along the last dimension: row by row, the int64
    positions of the elements in ascending order, NaN last, equal elements
    in their original order (a stable sort). The front end moves another
    axis last with dimshuffle, and builds `sort` from it by indexing. The
    lowering calls the runtime (`__tcc_argsort_<dtype>`, runtime/src/Sort.cpp).
  }];
  let arguments = (ins RankedTensorOf<!listconcat([I1], Th_Integers,
                                                  [F32, F64])>:$input);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Th_JacobianOp : Th_Op<"jacobian", [Pure]> {
  let summary = "the Jacobian of a vector with respect to a value";
  let description = [{
    `theano.gradient.jacobian(y, x)` for a vector y: row i is the gradient
    of y[i] with respect to x, so the result has y's length followed by x's
    shape. The `th-grad` pass expands it into a `th.stack` whose body is a
    seeded `th.grad` with a one-hot seed (Theano builds the same with scan).
  }];
  let arguments = (ins 1DTensorOf<[F32, F64]>:$expression, Th_Tensor:$wrt);
  let results = (outs Th_Tensor:$result);
  let assemblyFormat = [{
    $expression `wrt` $wrt attr-dict `:` type($expression) `,` type($wrt)
    `->` type($result)
  }];
  let hasVerifier = 1;
}

def Th_StackOp : Th_Op<"stack", [
    SingleBlockImplicitTerminator<"YieldOp">, RecursiveMemoryEffects]> {
  let summary = "stacks the value its body yields for each index";
  let description = [{
    Runs the body once per index i in [0, size of dimension `dim` of
    `count_like`), with i as an int64 scalar block argument, and stacks the
    yielded tensors along a new leading dimension. Every yielded tensor has
    the shape of `row_like` (so the result can be allocated before the loop).
  }];
  let arguments = (ins Th_Tensor:$count_like, Th_Tensor:$row_like,
                       I64Attr:$dim);
  let results = (outs Th_Tensor:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $count_like `[` $dim `]` `rows` `like` $row_like `:` type($count_like) `,`
    type($row_like) `->` type($result) $body attr-dict
  }];
  let hasVerifier = 1;
}

def Th_YieldOp : Th_Op<"yield", [Pure, Terminator, HasParent<"StackOp">]> {
  let summary = "the value of one iteration of th.stack";
  let arguments = (ins Optional<Th_Tensor>:$value);
  let assemblyFormat = "attr-dict ($value^ `:` type($value))?";
  let builders = [OpBuilder<(ins), [{ }]>];
}

def Th_OneHotOp : Th_Op<"onehot", [Pure, AllTypesMatch<["like", "result"]>]> {
  let summary = "a vector of like's type: 1 at index, 0 elsewhere";
  let arguments = (ins 1DTensorOf<[F32, F64]>:$like, 0DTensorOf<[I64]>:$index);
  let results = (outs 1DTensorOf<[F32, F64]>:$result);
  let assemblyFormat = [{
    $like `[` $index `]` attr-dict `:` type($like) `,` type($index)
  }];
}

include "Th/IR/ThNNetOps.td"
include "Th/IR/ThScanOps.td"

#endif // TH_OPS
