//===- TheanoDTypeRules.h - Theano 1.0's dtype rules ----------------------===//
//
// The dtype of every Theano expression tcc builds, under Theano 1.0's default
// `config.cast_policy = 'custom'`. Each function names the Theano function it
// mirrors (theano/scalar/basic.py, theano/tensor/basic.py,
// theano/tensor/elemwise.py); the type checker calls these and nothing else,
// so a rule lives in exactly one place.
//
// Theano's rules differ from NumPy's in ways users notice: literals are typed
// by the autocaster (`fvector + 0.5` is float32, `fvector + 1.1` float64),
// `int / int` is floatX, and `exp(int8)` is float32 where NumPy says float16.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_NUMPY_THEANODTYPERULES_H
#define TCC_NUMPY_THEANODTYPERULES_H

#include "NumPy/DType.h"
#include "NumPy/Result.h"

#include <cstdint>
#include <vector>

namespace tcc::numpy::theano {

//===-- Upcasting ---------------------------------------------------------===//

/// theano.scalar.upcast(*dtypes): the dtype of
/// `numpy.zeros((), dtype=d1) + numpy.zeros((), dtype=d2) + ...`. All operands
/// are 0-d, so NumPy applies no value-based casting: this is a left fold of
/// np.promote_types (int64 + float32 -> float64, int8 + float32 -> float32,
/// bool + bool -> bool). `dtypes` must not be empty.
DType upcast(const std::vector<DType> &dtypes);
DType upcast(DType a, DType b);

//===-- Literals ----------------------------------------------------------===//

/// theano.tensor.basic.autocast_int = NumpyAutocaster(('int8', 'int16',
/// 'int32', 'int64')): the first of those equal to the value after casting,
/// i.e. the smallest that holds it. (Python ints beyond int64 become uint64 in
/// theano.scalar.convert; tcc's caller reports them instead.)
/// A Python bool is an int to Theano (isinstance(True, int)): True -> int8.
DType autocastInt(int64_t value);

/// theano.tensor.basic.autocast_float = NumpyAutocaster(('float16',
/// 'float32', 'float64')), NumpyAutocaster.__call__ for a Python float:
///  - floatX float32 (or float16): the value is cast to floatX, lossy or not
///    ("unsafe downcast of float64 variables when config.floatX ==
///    'float32'");
///  - floatX float64: float16 is skipped (only tried when floatX is float16),
///    then the first of float32, float64 that compares equal after casting:
///    0.5 -> float32, 1.1 -> float64, inf -> float32, 1e300 -> float64,
///    nan -> float64 (nan never compares equal, so the last dtype wins).
DType autocastFloat(double value, DType floatX);

//===-- Output types of scalar ops (theano.scalar.basic) ------------------===//

/// upcast_out: add, mul, maximum, minimum, int_div (`//`), mod, dot (Theano's
/// Dot takes scal.upcast of its inputs), switch's two branches.
DType upcastOut(DType a, DType b);

/// upcast_out_nobool: sub. Theano raises "bool output not supported".
Result<DType> upcastOutNoBool(DType a, DType b);

/// upcast_out_min8: pow. A bool result becomes int8.
DType upcastOutMin8(DType a, DType b);

/// same_out_nobool: neg (unary minus). Fails for bool.
Result<DType> sameOutNoBool(DType a);

/// Abs.make_node: complex64 -> float32, complex128 -> float64, else the same.
DType absOut(DType a);

/// upgrade_to_float: the output of exp, log, log2, log10, log1p, expm1, sqrt,
/// sin, cos, tan, arc*, sinh, cosh, tanh, erf, gamma..., sigmoid and softplus
/// (theano.tensor.nnet.sigm uses it too). Integers map first
/// (bool/int8/int16/uint8/uint16 -> float32, int32/int64/uint32/uint64 ->
/// float64), then the inputs are upcast: exp(int8) -> float32,
/// exp(int64) -> float64, floats unchanged.
DType upgradeToFloat(DType a);
DType upgradeToFloat(const std::vector<DType> &dtypes);

/// TrueDiv.output_types, the `/` operator (Python 3 __truediv__ and, with the
/// default config.int_division = 'floatX', Python 2 __div__ as well): when
/// every input is discrete (bool or integer) the output is floatX, whatever
/// the integer sizes; otherwise upcast_out (int64 / float32 -> float64).
DType trueDivOut(DType a, DType b, DType floatX);

/// IntDiv = `//` and floor_div: upcast_out (floats stay floats).
inline DType intDivOut(DType a, DType b) { return upcastOut(a, b); }
/// Mod = `%`: upcast_out.
inline DType modOut(DType a, DType b) { return upcastOut(a, b); }
/// Pow = `**`: upcast_out_min8.
inline DType powOut(DType a, DType b) { return upcastOutMin8(a, b); }

/// LogicalComparison (lt, gt, le, ge, eq, neq) and the logical ops of Theano
/// 1.0 return bool.
DType comparisonOut();

/// BinaryBitOp (and_, or_, xor, `& | ^`): bool with bool is bool, otherwise
/// upcast_out; non-discrete inputs are a TypeError in Theano.
Result<DType> bitwiseOut(DType a, DType b);

/// UnaryBitOp invert (`~`): same_out, discrete inputs only.
Result<DType> invertOut(DType a);

//===-- Reductions (theano.tensor.elemwise.CAReduceDtype) -----------------===//

/// CAReduceDtype._output_dtype with dtype=None, for Sum and Prod:
/// bool/int8/int16/int32 -> int64, uint8/uint16/uint32 -> uint64, everything
/// else unchanged (float16 and float32 sums stay float16/float32). NumPy's
/// np.sum without dtype= gives the same (platform long being int64 here).
DType sumOutDType(DType input);
inline DType prodOutDType(DType input) { return sumOutDType(input); }

/// CAReduceDtype._acc_dtype with acc_dtype=None: as sumOutDType, except that
/// float16 and float32 accumulate in float32 and float64 respectively and
/// complex64 in complex128 (the result is cast back to sumOutDType).
DType sumAccDType(DType input);
inline DType prodAccDType(DType input) { return sumAccDType(input); }

/// theano.tensor.basic.mean: the sum (float16 is summed as float32) divided
/// by the shape cast to float32 for float16/float32/complex64 sums and to
/// float64 otherwise: every discrete input gives float64 (not floatX), floats
/// and complexes keep their dtype (float16 is cast back at the end).
DType meanOutDType(DType input);

/// max, min (CAReduce without a dtype): the input's dtype.
inline DType maxOutDType(DType input) { return input; }
/// argmax, argmin: int64.
inline DType argmaxOutDType() { return DType::Int64; }

} // namespace tcc::numpy::theano

#endif // TCC_NUMPY_THEANODTYPERULES_H
