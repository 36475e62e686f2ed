//===- SymbolicSizes.h - Sizes named by kernel arguments --------*- C++ -*-===//
//
// The manifest's shape checks come from a small symbolic-shape analysis:
// every size in a th.func is an expression over the kernel arguments'
// dimensions and the values of their integer scalars (a dimension, a value,
// a constant, a sum, a product, a floor quotient, a NumPy slice length). Sizes that must agree are merged into one class;
// merging two classes that are not already known equal records a check the
// runtime evaluates before the call (docs/ABI.md).
//
//===----------------------------------------------------------------------===//

#ifndef TCC_CODEGEN_SYMBOLICSIZES_H
#define TCC_CODEGEN_SYMBOLICSIZES_H

#include "mlir/IR/Operation.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/EquivalenceClasses.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace tcc {

class SymbolicSizes {
public:
  explicit SymbolicSizes(std::vector<std::string> argNames)
      : argNames(std::move(argNames)) {}

  int newArgDim(int64_t arg, int64_t dim);
  /// The value of 0-d integer argument `arg` (a slice bound computed from
  /// an index input, as in `data[i * n:(i + 1) * n]`).
  int newArgValue(int64_t arg);
  int newConstant(int64_t size);
  /// The sum of sizes `parts` (a join's size along its axis).
  int newSum(llvm::ArrayRef<int> parts);
  /// The product of sizes `parts` (the element count of a reshaped value).
  int newProduct(llvm::ArrayRef<int> parts);
  /// `a // b` (the size a reshape's -1 stands for).
  int newQuotient(int a, int b);
  /// min(a, b) or max(a, b) (the length of a diagonal).
  int newExtreme(int a, int b, bool max);
  /// The length of a slice of size `of` whose bounds are the sizes `start`
  /// and `stop` (Python's slice semantics: negative bounds count from the
  /// end, bounds are clamped).
  int newSliceLength(int of, std::optional<int> start, std::optional<int> stop,
                     int64_t step);

  /// A size known only at run time (a slice with bounds computed from
  /// data, the number of true elements of a mask): it cannot be checked
  /// before the call, so it must not meet another size. `what` names it in
  /// messages and `why` says why it is unknown.
  int newOpaque(mlir::Location loc,
                llvm::StringRef what = "the size of the slice",
                llvm::StringRef why =
                    "that slice's bounds are computed from tensor data, so "
                    "tcc cannot check its size before the call (bounds "
                    "computed from integer scalar inputs and shapes with +, "
                    "-, * and // can be checked)");

  /// Records that opaque size `a` counts the steps a scan with `until` ran:
  /// at least one unless its bound `most` is 0, so that `a >= 1` is checked
  /// as `most >= 1` before the call; and at most `most` and each of
  /// `sequenceRows`, the lengths of the sequences its steps read a row of.
  /// Every size made from `a` comes after the scan, which has then checked
  /// those bounds, so len(x[:a]) is `a` and a + len(x[a:]) is len(x) for
  /// such a sequence x (a gradient's rows and the zeros after them).
  void setStepsRun(int a, int most, llvm::ArrayRef<int> sequenceRows);

  /// The constant value of size `a`, if it has one.
  std::optional<int64_t> constantValue(int a);

  /// Records that sizes a and b must be equal because of `what` at `loc`;
  /// fails (with a diagnostic at `op`) where both are different constants.
  /// `need` replaces "a == b" in the message.
  mlir::LogicalResult unify(int a, int b, mlir::Operation *op,
                            llvm::StringRef what, mlir::Location loc,
                            std::optional<std::string> need = std::nullopt);

  /// Records that size `a` must be at least `min` because of `what` at
  /// `loc` (`why` says what happens otherwise).
  mlir::LogicalResult requireAtLeast(int a, int64_t min, mlir::Operation *op,
                                     llvm::StringRef what, mlir::Location loc,
                                     llvm::StringRef why);

  llvm::json::Array take() { return std::move(checks); }

  /// The size as a Python expression over the arguments' shapes.
  std::string name(int a, bool nested = false);

private:
  /// A node: a linear form (argument dimensions plus a constant), or a
  /// product, quotient or slice length of other sizes.
  struct Sym {
    enum class Kind {
      Linear,
      ArgValue,
      Product,
      Quotient,
      Min,
      Max,
      SliceLength,
      Opaque
    };
    Kind kind = Kind::Linear;
    llvm::SmallVector<std::pair<int64_t, int64_t>, 1> dims; // (arg, dim)
    /// Linear: the constant term; ArgValue: the argument.
    int64_t constant = 0;
    /// SliceLength: the sliced size, then start and stop where present.
    llvm::SmallVector<int, 2> operands;
    bool hasStart = false, hasStop = false;
    int64_t step = 1;
    /// Opaque: where the size is made, what it is and why it is unknown.
    std::optional<mlir::Location> origin;
    std::string what, why;

    bool isArgDim() const {
      return kind == Kind::Linear && dims.size() == 1 && constant == 0 &&
             operands.empty();
    }
    bool isConstant() const {
      return kind == Kind::Linear && dims.empty() && operands.empty();
    }
  };

  int add(Sym s);
  int leader(int a) { return classes.getOrInsertLeaderValue(a); }
  /// Fails where `a` is opaque: `what` needs it checked before the call.
  mlir::LogicalResult checkable(int a, mlir::Operation *op,
                                const llvm::Twine &what);
  Sym witness(int a);
  /// An opaque size `a` is or is computed from, if any.
  std::optional<Sym> opaquePart(int a);
  llvm::json::Value json(int a);
  /// Whether size `a` is at least 0 (every size but an argument's value).
  bool nonNegative(int a);
  /// Whether `a` counts the steps of a scan that read `rows`-long rows.
  bool stepsRunWithin(int a, int rows);

  struct StepsRun {
    int most;
    llvm::SmallVector<int, 2> bounds; // `most` and the sequences' lengths
  };

  std::vector<Sym> syms;
  /// Structural hashing: equal expressions of the same classes share a node.
  llvm::StringMap<int> interned;
  llvm::EquivalenceClasses<int> classes;
  llvm::DenseMap<int, int> witnesses; // class leader -> simplest node
  llvm::DenseMap<int, StepsRun> stepsRun; // keyed by the opaque size
  std::vector<std::string> argNames;
  llvm::json::Array checks;
};

} // namespace tcc

#endif // TCC_CODEGEN_SYMBOLICSIZES_H
