//===- Manifest.h - The model's manifest, parsed once -----------*- C++ -*-===//
//
// The generated object describes its functions and shared variables in JSON
// (docs/ABI.md). It is parsed and checked against __tcc_data on first use, so
// every later call can index it without re-checking.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_MANIFEST_H
#define TCC_RUNTIME_MANIFEST_H

#include "Array.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcc::rt {

struct TensorSpec {
  std::string Name;
  int32_t DType = 0;
  /// Its length is the rank.
  std::vector<bool> Broadcastable;

  int32_t rank() const { return static_cast<int32_t>(Broadcastable.size()); }
};

struct InputSpec : TensorSpec {
  bool HasDefault = false;
  Shape DefaultShape;
  /// Byte offset of the default value in __tcc_data.
  uint64_t DefaultOffset = 0;
};

struct SharedSpec : TensorSpec {
  /// Shape of the compiled-in initial value.
  Shape InitialShape;
  uint64_t Offset = 0;
};

/// A size named by the manifest (ABI.md): an argument dimension, the value
/// of a 0-d integer argument, a constant, or a sum, product, floor quotient
/// or NumPy slice length of such expressions.
struct SizeExpr {
  enum class Kind {
    Dim,
    ArgValue,
    Const,
    Add,
    Mul,
    FloorDiv,
    Min,
    Max,
    SliceLength
  };
  Kind K = Kind::Const;
  /// Dim: (kernel argument, dimension); ArgValue: the argument.
  int32_t Arg = 0, Dim = 0;
  /// Const: the value.
  int64_t Value = 0;
  /// Add / Mul: the terms; FloorDiv: dividend, divisor; Min / Max: the two
  /// sizes compared; SliceLength: the
  /// sliced size, then the start and the stop where they are given.
  std::vector<SizeExpr> Operands;
  /// SliceLength: Python's slice(start, stop, step) of a range of that size.
  bool HasStart = false, HasStop = false;
  int64_t Step = 1;
};

/// "Size `A` must equal size `B`" (Equal), "... must be `Value`" (Size) or
/// "... must be at least `Value`" (MinSize) (ABI.md).
struct ShapeCheck {
  enum class Kind { Equal, Size, MinSize };
  Kind K = Kind::Equal;
  SizeExpr A, B;
  int64_t Value = 0;
  std::string Reason;
};

struct FunctionSpec {
  std::string Name;
  /// Where the program defines it ("model.th:36:9"), if the manifest says.
  std::string Loc;
  std::vector<InputSpec> Inputs;
  /// Fewest inputs a call may pass: inputs after this all have defaults.
  int32_t MinInputs = 0;
  /// Shared variable indices passed after the inputs, in order.
  std::vector<int32_t> Reads;
  std::vector<TensorSpec> Outputs;
  /// Shared variable indices the call gives new values.
  std::vector<int32_t> Updates;
  /// For each of `Updates`, whether the kernel writes it into the buffer it
  /// reads (manifest `inplace`) instead of returning it.
  std::vector<bool> InPlace;
  /// The updates the kernel returns, after the outputs: those not in place.
  std::vector<int32_t> ResultUpdates;
  std::vector<ShapeCheck> Checks;
  /// Theano's allow_input_downcast: inputs of any numeric dtype are
  /// converted, even with a loss of precision (else only lossless ones).
  bool AllowInputDowncast = false;

  bool hasInPlaceUpdates() const {
    return ResultUpdates.size() != Updates.size();
  }

  int32_t numKernelArgs() const {
    return static_cast<int32_t>(Inputs.size() + Reads.size());
  }
};

/// A kernel of a model compiled with `tcc --profile`: what the report
/// calls it.
struct ProfiledKernel {
  int32_t Function = -1; // Index into Functions; -1 for none.
  std::string Kind;      // "elementwise", "matvec", "loop", "call f", ...
  std::string Ops;       // The th ops it computes ("sigmoid, dot").
  std::vector<std::string> Locs; // "model.th:3:9", ...
};

struct Manifest {
  int64_t Abi = 0;
  std::string Model;
  std::vector<SharedSpec> Shared;
  std::vector<FunctionSpec> Functions;
  /// What indexed where ("x[i] at model.th:3:9"), numbered as the kernels'
  /// index checks number them (docs/ABI.md).
  std::vector<std::string> IndexChecks;
  /// What each NaN-guard check watches (`tcc --nan-guard`).
  std::vector<std::string> NanChecks;
  /// What each kernel buffer is for ("outer at model.th:14:22"), numbered
  /// as the kernels' `__tcc_alloc_site` calls number them.
  std::vector<std::string> AllocSites;
  /// `tcc --profile`: the kernels, numbered as their profile calls number
  /// them.
  bool Profiled = false;
  /// `tcc --debug-mode`: calls are checked against the -O0 kernels.
  bool DebugMode = false;
  /// `tcc --device=cuda`: kernels run on GPU `CudaDevice` (Cuda.h).
  bool Cuda = false;
  int32_t CudaDevice = 0;
  std::vector<ProfiledKernel> ProfileKernels;

  /// Index of the function / shared variable named `Name`, or -1.
  int32_t findFunction(const char *Name) const;
  int32_t findShared(const char *Name) const;
};

/// The model's manifest, parsed and validated on first use (thread-safe).
/// Returns nullptr and records an error if the manifest is malformed.
const Manifest *getManifest();

/// Parses and validates `Text` against a data blob of `DataSize` bytes.
/// Separate from getManifest for testing; returns false with `Error` set.
bool parseManifest(const char *Text, uint64_t DataSize, Manifest &Out,
                   std::string &Error);

} // namespace tcc::rt

#endif // TCC_RUNTIME_MANIFEST_H
