//===- Builtins.h - Python semantics and builtin namespaces -----*- C++ -*-===//
//
// The pieces of the evaluator that give Python's and Theano's names their
// meaning: operators on every kind of value (PyOps.cpp), attributes and
// methods (Attributes.cpp), Python builtins (PythonBuiltins.cpp), and the
// theano/numpy modules (TheanoBuiltins.cpp, NumPyBuiltins.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef TCC_EVAL_BUILTINS_H
#define TCC_EVAL_BUILTINS_H

#include "Eval/Object.h"

#include "mlir/IR/Location.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"

#include <initializer_list>
#include <optional>

namespace tcc::eval {
class Interpreter;

// PyOps.cpp
/// The items of a list or tuple, or null for any other value.
const ObjectList *sequenceItems(const ObjectPtr &value);
ObjectList iterate(Interpreter &interp, const ObjectPtr &value,
                   mlir::Location loc);
ObjectPtr binaryOperator(Interpreter &interp, ast::BinOpKind op,
                         const ObjectPtr &lhs, const ObjectPtr &rhs,
                         mlir::Location loc);
ObjectPtr compareOperator(Interpreter &interp, ast::CmpOpKind op,
                          const ObjectPtr &lhs, const ObjectPtr &rhs,
                          mlir::Location loc);
ObjectPtr evalUnary(Interpreter &interp, ast::UnaryOpKind op,
                    const ObjectPtr &operand, mlir::Location loc);
ObjectPtr getItem(Interpreter &interp, const ObjectPtr &value,
                  const ObjectPtr &index, mlir::Location loc);
void setItem(Interpreter &interp, const ObjectPtr &container,
             const ObjectPtr &index, const ObjectPtr &value,
             mlir::Location loc);
void dictSet(Interpreter &interp, DictObject &dict, const ObjectPtr &key,
             const ObjectPtr &value, mlir::Location loc);
ObjectPtr dictGet(const DictObject &dict, const ObjectPtr &key);
/// Python's str().
std::string toStr(const ObjectPtr &value);
bool isBuiltinNamed(const ObjectPtr &value, llvm::StringRef name);
/// An int from a Python int or bool (or a 0-d integer array).
std::optional<int64_t> asInt(const ObjectPtr &value);
/// A float from a Python number (or a 0-d array).
std::optional<double> asFloat(const ObjectPtr &value);
ObjectPtr arrayObject(Interpreter &interp, numpy::Result<numpy::NDArray> r,
                      mlir::Location loc);

// Attributes.cpp
ObjectPtr attribute(Interpreter &interp, const ObjectPtr &object,
                    llvm::StringRef name, mlir::Location loc);
void setAttribute(Interpreter &interp, const ObjectPtr &object,
                  llvm::StringRef name, const ObjectPtr &value,
                  mlir::Location loc);
ObjectPtr classAttribute(const std::shared_ptr<ClassObject> &cls,
                         llvm::StringRef name);

// PythonBuiltins.cpp
void registerPythonBuiltins(Interpreter &interp,
                            llvm::StringMap<ObjectPtr> &globals);

// Modules (TheanoBuiltins.cpp, NumPyBuiltins.cpp)
/// The canonical name of an importable module ("theano.tensor"), or "".
std::string canonicalModule(llvm::StringRef dotted);
ObjectPtr moduleAttribute(Interpreter &interp, const std::string &module,
                          llvm::StringRef name, mlir::Location loc);
ObjectPtr theanoAttribute(Interpreter &interp, const std::string &module,
                          llvm::StringRef name, mlir::Location loc);
ObjectPtr numpyAttribute(Interpreter &interp, const std::string &module,
                         llvm::StringRef name, mlir::Location loc);
/// theano.tensor's join and shape-padding functions (ShapeBuiltins.cpp), or
/// null for any other name.
ObjectPtr shapeFunction(llvm::StringRef qualified, llvm::StringRef name);
/// Python's `random` module (PythonRandom.cpp): random, seed, uniform,
/// randint, with CPython's streams.
ObjectPtr pythonRandomAttribute(Interpreter &interp, llvm::StringRef name,
                                mlir::Location loc);
/// fill, zeros_like and ones_like as functions (`self` null) or methods of
/// `self`; shape, second, zeros, ones, arange and alloc as functions
/// (TensorAlloc.cpp); null for any other name.
ObjectPtr allocFunction(llvm::StringRef qualified, llvm::StringRef name,
                        ObjectPtr self);
/// outer, tensordot and batched_dot (ContractionBuiltins.cpp); null for any
/// other name.
ObjectPtr contractionFunction(llvm::StringRef qualified, llvm::StringRef name);
/// argmax, argmin, var, std, any, all and clip (StatisticsBuiltins.cpp)
/// as theano.tensor functions (`self` null) or methods of `self`; null for
/// any other name.
ObjectPtr statisticsFunction(llvm::StringRef qualified, llvm::StringRef name,
                             ObjectPtr self);
/// reshape, flatten and squeeze as functions (`self` null) or methods of
/// `self`; set_subtensor and inc_subtensor (IndexingBuiltins.cpp); null for any
/// other name.
ObjectPtr indexingFunction(llvm::StringRef qualified, llvm::StringRef name,
                           ObjectPtr self);
/// cumsum, cumprod and repeat as functions (`self` null) or methods of
/// `self`; tile, eye and identity_like (RepeatBuiltins.cpp); null for any
/// other name.
ObjectPtr repeatFunction(llvm::StringRef qualified, llvm::StringRef name,
                         ObjectPtr self);
/// tri, tril, triu, diag, fill_diagonal(_offset) and to_one_hot as
/// functions; diagonal and trace as functions (`self` null) or methods of
/// `self` (MatrixBuiltins.cpp); null for any other name.
ObjectPtr matrixFunction(llvm::StringRef qualified, llvm::StringRef name,
                         ObjectPtr self);
/// inv, iround, deg2rad, rad2deg, largest, smallest, isclose, allclose,
/// max_and_argmax, diff, roll and stacklists as functions; norm, ptp,
/// sort, argsort and round as functions (`self` null) or methods of `self`
/// (MathBuiltins.cpp); null for any other name.
ObjectPtr mathFunction(llvm::StringRef qualified, llvm::StringRef name,
                       ObjectPtr self);
/// split, tensor_copy, mgrid and ogrid as functions; swapaxes as a
/// function (`self` null) or a method of `self`; copy and ravel as
/// methods (ArrayBuiltins.cpp); null for any other name.
ObjectPtr arrayFunction(llvm::StringRef qualified, llvm::StringRef name,
                        ObjectPtr self);
/// theano.tensor.xlogx's xlogx and xlogy0 (ArrayBuiltins.cpp); null for
/// any other name.
ObjectPtr xlogxFunction(llvm::StringRef qualified, llvm::StringRef name);
/// theano.scan, map, reduce, foldl and foldr (ScanBuiltins.cpp); null for
/// another name.
ObjectPtr scanFunction(llvm::StringRef qualified, llvm::StringRef name);
/// The class of theano.scan_module.until(condition) objects, which a step
/// function returns to stop its scan early.
std::shared_ptr<ClassObject> untilClass();
/// theano.tensor.nnet's relu, elu, hard_sigmoid, softsign and conv2d
/// (also theano.tensor.nnet.conv's), signal.pool's pool_2d and
/// signal.downsample's max_pool_2d (NNetBuiltins.cpp); null for any other
/// name.
ObjectPtr nnetFunction(llvm::StringRef qualified, llvm::StringRef name);
enum class UnaryKind; // TensorBuilder.h

/// The rounding a `mode` argument of round/iround names (None:
/// half_to_even, NumPy's).
UnaryKind roundingMode(Interpreter &in, const ObjectPtr &mode,
                       llvm::StringRef function, mlir::Location loc);

/// Methods of symbolic tensors (`x.sum()`, `x.T`, `w.get_value()`).
ObjectPtr tensorAttribute(Interpreter &interp,
                          const std::shared_ptr<TensorObject> &tensor,
                          llvm::StringRef name, mlir::Location loc);
/// Methods of compile-time arrays and RandomState objects.
ObjectPtr arrayAttribute(Interpreter &interp,
                         const std::shared_ptr<ArrayObject> &array,
                         llvm::StringRef name, mlir::Location loc);
ObjectPtr numpyRandomMethod(Interpreter &interp, numpy::RandomState *state,
                            llvm::StringRef name, mlir::Location loc);
ObjectPtr randomStateAttribute(Interpreter &interp,
                               const std::shared_ptr<RandomStateObject> &rs,
                               llvm::StringRef name, mlir::Location loc);
/// RandomStreams(seed) / MRG_RandomStreams(seed) (TensorRandom.cpp).
ObjectPtr randomStreamsConstructor(llvm::StringRef qualified, bool mrg);
/// uniform, normal, binomial, random_integers and seed of a RandomStreams.
ObjectPtr
randomStreamsAttribute(Interpreter &interp,
                       const std::shared_ptr<RandomStreamsObject> &streams,
                       llvm::StringRef name, mlir::Location loc);
/// A dtype argument: 'float32', np.float32, theano.config.floatX.
numpy::DType dtypeArgument(Interpreter &interp, const ObjectPtr &value,
                           mlir::Location loc);

/// Binds a builtin's arguments to parameter names. A name ending in '?' is
/// optional (null when absent); "*" collects the remaining positionals into
/// a tuple. Errors name the function like Python's TypeError does.
std::vector<ObjectPtr> bindArgs(Interpreter &interp, CallArgs &args,
                                llvm::StringRef function,
                                llvm::ArrayRef<const char *> params);
/// Binds `params` (a theano.tensor function's, the first one the tensor)
/// for a call of the function (`self` null) or of the same-named method
/// on `self`, which binds the rest.
std::vector<ObjectPtr> bindTensorArgs(Interpreter &interp, CallArgs &args,
                                      llvm::StringRef function,
                                      const ObjectPtr &self,
                                      llvm::ArrayRef<const char *> params);

ObjectPtr makeBuiltin(std::string name, BuiltinFn fn);

/// True for an optional argument not given, or given as None.
bool isAbsent(const ObjectPtr &value);
/// The int argument `param` of `function`; `dflt` where it is absent.
int64_t intArgument(Interpreter &interp, const ObjectPtr &value, int64_t dflt,
                    llvm::StringRef function, llvm::StringRef param,
                    mlir::Location loc);

/// The ops of the global graph a function's outputs and updates depend on
/// (FunctionBuilder.cpp).
llvm::SetVector<mlir::Operation *>
functionSlice(const TheanoFunctionObject &fn);

} // namespace tcc::eval

#endif // TCC_EVAL_BUILTINS_H
