//===- ThIndexing.h - Index lists of the subtensor ops ----------*- C++ -*-===//
//
// th.subtensor, th.inc_subtensor and th.set_subtensor take Theano's basic
// index list: per leading dimension an integer index or a Python slice,
// whose bounds are constants (attributes) or int64 scalars given at run time
// (operands). These helpers read, build, type, print and parse such lists.
//
//===----------------------------------------------------------------------===//

#ifndef TH_IR_THINDEXING_H
#define TH_IR_THINDEXING_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpImplementation.h"

#include "PythonIntegers.h"

#include <limits>
#include <optional>
#include <string>

namespace mlir::th {

/// `starts`/`stops`/`steps` entry: an omitted bound (Python's None).
constexpr int64_t kNoBound = std::numeric_limits<int64_t>::min() + 1;
/// `stops` entry: the entry is an integer index, its start.
constexpr int64_t kIndexEntry = std::numeric_limits<int64_t>::min() + 2;

/// Python's `len(range(n)[start:stop:step])`, the runtime's rule.
using ::tcc::python::sliceLength;

/// A bound: absent, a constant, or a run-time int64 scalar.
struct IndexBound {
  std::optional<int64_t> constant;
  Value dynamic;

  bool present() const { return constant || dynamic; }
};

struct IndexEntry {
  /// An integer index (in `start`) rather than a slice.
  bool isIndex = false;
  IndexBound start, stop, step;

  /// `:` (or `::1`), which takes the whole dimension.
  bool isFullSlice() const {
    return !isIndex && !start.present() && !stop.present() &&
           (!step.present() || step.constant == 1);
  }
  /// The step if it is a constant (1 when omitted).
  std::optional<int64_t> constantStep() const {
    return step.dynamic ? std::nullopt
                        : std::optional<int64_t>(step.constant.value_or(1));
  }
};

/// Reads an index list; `dynamic` must hold one operand per kDynamic entry.
SmallVector<IndexEntry> getIndexEntries(ArrayRef<int64_t> starts,
                                        ArrayRef<int64_t> stops,
                                        ArrayRef<int64_t> steps,
                                        ValueRange dynamic);

/// The attributes and operands of an index list.
struct IndexList {
  SmallVector<int64_t> starts, stops, steps;
  SmallVector<Value> dynamic;
};
IndexList buildIndexList(ArrayRef<IndexEntry> entries);

/// Checks the list's encoding (lengths, operand count, zero steps) and
/// returns the type of `input[entries]`, or fails with `why`.
FailureOr<RankedTensorType>
inferSubtensorType(RankedTensorType input, ArrayRef<int64_t> starts,
                   ArrayRef<int64_t> stops, ArrayRef<int64_t> steps,
                   ValueRange dynamic, std::string &why);

/// Checks that a value of type `value` broadcasts to `region` (no higher
/// rank, trailing dimensions 1 or equal where known) with `input`'s
/// element type, as inc/set_subtensor need.
LogicalResult verifyValueFitsRegion(Operation *op, RankedTensorType region,
                                    RankedTensorType value);

/// Where NumPy's advanced indexing puts things: the broadcast shape of the
/// index arrays, the result dimension it starts at, and for each input
/// dimension its result dimension (-1 for an indexed one).
struct AdvancedLayout {
  SmallVector<int64_t> broadcastShape;
  int64_t first = 0;
  SmallVector<int64_t> resultDimOfInput;
  int64_t resultRank = 0;
};

/// The layout and the type of `input[indices]` with the arrays of types
/// `indices` at `axes`, or failure with `why`.
FailureOr<AdvancedLayout> getAdvancedLayout(RankedTensorType input,
                                            TypeRange indices,
                                            ArrayRef<int64_t> axes,
                                            std::string &why);
RankedTensorType getAdvancedResultType(RankedTensorType input,
                                       const AdvancedLayout &layout);

ParseResult parseIndexList(OpAsmParser &parser,
                           SmallVectorImpl<OpAsmParser::UnresolvedOperand> &dynamic,
                           SmallVectorImpl<int64_t> &starts,
                           SmallVectorImpl<int64_t> &stops,
                           SmallVectorImpl<int64_t> &steps);
void printIndexList(OpAsmPrinter &p, ArrayRef<int64_t> starts,
                    ArrayRef<int64_t> stops, ArrayRef<int64_t> steps,
                    ValueRange dynamic);

} // namespace mlir::th

#endif // TH_IR_THINDEXING_H
