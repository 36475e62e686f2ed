//===- Call.cpp - Calling a compiled Theano function ----------------------===//
//
// A call runs in four phases, in this order so that a failure in any of them
// leaves no trace: (1) check every argument against the manifest, without
// allocating or writing anything the caller can see; (2) copy inputs the
// kernel cannot take as they are into contiguous buffers and build memref
// descriptors; (3) run the kernel; (4) take ownership of its results (copying
// aliased or strided ones), then commit: swap updated shared values in and
// fill the caller's output arrays. A kernel compiled to update a shared
// variable in place writes its new value in phase 3 into a buffer no one
// else can see until it returns (Shared.h).
//
//===----------------------------------------------------------------------===//

#include "Call.h"

#include "Cuda.h"

#include "Array.h"
#include "DebugMode.h"
#include "Error.h"
#include "KernelGuard.h"
#include "Manifest.h"
#include "ModelSymbols.h"
#include "Profile.h"
#include "PythonIntegers.h"
#include "Shared.h"
#include "Validate.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <shared_mutex>

namespace tcc::rt {

namespace {

/// A kernel argument as the caller (or the manifest's default) gave it.
struct ArgView {
  const char *Data = nullptr;
  Shape S;
  int64_t ByteStrides[TCC_MAX_RANK] = {};
  int32_t DType = 0;
  /// The caller's dtype, when it differs from DType (converted in phase 2).
  int32_t SourceDType = 0;
};

/// A result the runtime owns once the kernel returned: contiguous, aligned.
struct OwnedResult {
  UniqueBuffer Owner;
  void *Data = nullptr;
  Shape S;
};

/// Every result: the outputs, then the shared variables' new values that
/// were not written in place.
struct ResultSpec {
  int32_t DType;
  const std::vector<bool> *Broadcastable;
};

/// The vectors a call fills, kept per thread so that a call allocates
/// nothing but its results once the thread has made one like it (a scalar
/// call costs a few hundred nanoseconds, a dozen mallocs would double it).
/// Cleared, not freed, when the call ends: buffers they own are released
/// then, as local vectors' would be.
struct CallScratch {
  std::vector<ArgView> Args;
  std::vector<SharedValue> Reads;
  std::vector<UniqueBuffer> Temps;
  std::vector<const char *> ArgData;
  std::vector<size_t> ArgOffsets, ResultOffsets;
  std::vector<int64_t> ArgWords, ResultWords;
  std::vector<void *> ArgPtrs;
  std::vector<ResultSpec> Specs;
  std::vector<UniqueBuffer> KernelBuffers;
  std::vector<OwnedResult> Results;
  std::vector<std::shared_ptr<void>> NewValues;
  bool InUse = false;

  void clear() {
    Args.clear();
    Reads.clear();
    Temps.clear();
    ArgData.clear();
    ArgOffsets.clear();
    ResultOffsets.clear();
    ArgWords.clear();
    ResultWords.clear();
    ArgPtrs.clear();
    Specs.clear();
    KernelBuffers.clear();
    Results.clear();
    NewValues.clear();
  }
};

/// This thread's scratch for the duration of a call; a fresh one for a
/// call made while another runs on the same thread (nothing makes one
/// today: kernels call no host code; this keeps such a call correct).
class ScratchLease {
public:
  ScratchLease() {
    static thread_local CallScratch PerThread;
    if (PerThread.InUse) {
      Own = std::make_unique<CallScratch>();
      S = Own.get();
    } else {
      S = &PerThread;
    }
    S->InUse = true;
  }
  ~ScratchLease() {
    S->clear();
    S->InUse = false;
  }
  ScratchLease(const ScratchLease &) = delete;
  ScratchLease &operator=(const ScratchLease &) = delete;
  CallScratch &operator*() { return *S; }

private:
  CallScratch *S;
  std::unique_ptr<CallScratch> Own;
};

std::string plural(int64_t N, const char *Noun) {
  return std::to_string(N) + " " + Noun + (N == 1 ? "" : "s");
}

/// "argument 1 ('y')" for an input, "shared variable 'w'" for a read.
std::string describeArg(const Manifest &M, const FunctionSpec &F, int32_t Arg) {
  int32_t NumInputs = static_cast<int32_t>(F.Inputs.size());
  if (Arg < NumInputs)
    return "argument " + std::to_string(Arg) + " ('" + F.Inputs[Arg].Name +
           "')";
  return "shared variable '" + M.Shared[F.Reads[Arg - NumInputs]].Name + "'";
}

int checkCounts(const FunctionSpec &F, const tcc_array *Inputs,
                int32_t NumInputs, tcc_array *Outputs, int32_t NumOutputs) {
  const std::string &Fn = F.Name;
  int32_t MaxInputs = static_cast<int32_t>(F.Inputs.size());
  if (NumInputs < F.MinInputs || NumInputs > MaxInputs) {
    std::string Expected =
        F.MinInputs == MaxInputs
            ? plural(MaxInputs, "input")
            : std::to_string(F.MinInputs) + " to " + plural(MaxInputs, "input");
    return fail(TCC_ERROR_ARGUMENT, Fn + ": expected " + Expected + ", got " +
                                        std::to_string(NumInputs));
  }
  if (NumInputs > 0 && !Inputs)
    return fail(TCC_ERROR_ARGUMENT, Fn + ": inputs is null");
  int32_t WantOutputs = static_cast<int32_t>(F.Outputs.size());
  if (NumOutputs != WantOutputs)
    return fail(TCC_ERROR_ARGUMENT, Fn + ": expected " +
                                        plural(WantOutputs, "output array") +
                                        ", got " + std::to_string(NumOutputs));
  if (NumOutputs > 0 && !Outputs)
    return fail(TCC_ERROR_ARGUMENT, Fn + ": outputs is null");
  return TCC_OK;
}

/// Phase 1 for the inputs: the caller's views, or defaults from __tcc_data.
int collectInputs(const FunctionSpec &F, const Manifest &M,
                  const tcc_array *Inputs, int32_t NumInputs,
                  std::vector<ArgView> &Args) {
  for (size_t I = 0; I < F.Inputs.size(); ++I) {
    const InputSpec &In = F.Inputs[I];
    ArgView &A = Args[I];
    A.DType = A.SourceDType = In.DType;
    auto Describe = [&] {
      return F.Name + ": " + describeArg(M, F, static_cast<int32_t>(I));
    };
    if (static_cast<int32_t>(I) >= NumInputs ||
        Inputs[I].rank == TCC_USE_DEFAULT) {
      if (!In.HasDefault)
        return fail(TCC_ERROR_ARGUMENT, Describe() + " has no default value");
      A.Data = reinterpret_cast<const char *>(__tcc_data + In.DefaultOffset);
      A.S = In.DefaultShape;
      rowMajorStrides(A.S.Dims, A.S.Rank, dtypeSize(In.DType), A.ByteStrides);
      continue;
    }
    // Theano's input conversion: a dtype that converts without loss (any
    // numeric one with allow_input_downcast) is converted in phase 2.
    int32_t Given = Inputs[I].dtype;
    if (Given != In.DType &&
        dtypeConverts(Given, In.DType, F.AllowInputDowncast))
      A.SourceDType = Given;
    else if (Given != In.DType && dtypeSize(Given) > 0)
      return fail(TCC_ERROR_ARGUMENT,
                  Describe() + " must be " + describeDtype(In.DType) +
                      ", got " + describeDtype(Given) +
                      ", which does not convert to it without loss of "
                      "precision (compile the function with "
                      "allow_input_downcast=True to convert anyway)");
    if (int Status = checkArray(Describe, Inputs[I], A.SourceDType,
                                In.Broadcastable, A.S))
      return Status;
    A.Data = static_cast<const char *>(Inputs[I].data);
    std::copy(Inputs[I].strides, Inputs[I].strides + A.S.Rank, A.ByteStrides);
  }
  return TCC_OK;
}

/// The value of 0-d integer argument `A` as the kernel will see it (after
/// the input conversion); nullopt where it does not fit int64.
static std::optional<int64_t> scalarValue(const ArgView &A) {
  // Convert to the declared dtype, then widen that to int64 through int64
  // (or uint64, whose values above INT64_MAX have no int64 value).
  int64_t Declared = 0, Wide = 0;
  convertToContiguous(reinterpret_cast<char *>(&Declared), A.DType, A.Data,
                      A.SourceDType, nullptr, nullptr, 0);
  bool Unsigned = A.DType == TCC_BOOL || A.DType == TCC_UINT8 ||
                  A.DType == TCC_UINT16 || A.DType == TCC_UINT32 ||
                  A.DType == TCC_UINT64;
  int32_t WideType = Unsigned ? TCC_UINT64 : TCC_INT64;
  convertToContiguous(reinterpret_cast<char *>(&Wide), WideType,
                      reinterpret_cast<const char *>(&Declared), A.DType,
                      nullptr, nullptr, 0);
  if (Unsigned && Wide < 0)
    return std::nullopt;
  return Wide;
}

/// The value of `E` for these arguments; nullopt where it has none (a
/// division by zero, an overflow), which fails the check that reads it.
static std::optional<int64_t> evaluate(const SizeExpr &E,
                                       const std::vector<ArgView> &Args) {
  using Kind = SizeExpr::Kind;
  switch (E.K) {
  case Kind::Dim:
    return Args[E.Arg].S.Dims[E.Dim];
  case Kind::ArgValue:
    return scalarValue(Args[E.Arg]);
  case Kind::Const:
    return E.Value;
  case Kind::Add:
  case Kind::Mul: {
    int64_t Result = E.K == Kind::Add ? 0 : 1;
    for (const SizeExpr &Op : E.Operands) {
      std::optional<int64_t> V = evaluate(Op, Args);
      if (!V ||
          (E.K == Kind::Add ? __builtin_add_overflow(Result, *V, &Result)
                            : __builtin_mul_overflow(Result, *V, &Result)))
        return std::nullopt;
    }
    return Result;
  }
  case Kind::FloorDiv: {
    std::optional<int64_t> A = evaluate(E.Operands[0], Args);
    std::optional<int64_t> B = evaluate(E.Operands[1], Args);
    if (!A || !B)
      return std::nullopt;
    return python::floorDivide(*A, *B);
  }
  case Kind::Min:
  case Kind::Max: {
    std::optional<int64_t> A = evaluate(E.Operands[0], Args);
    std::optional<int64_t> B = evaluate(E.Operands[1], Args);
    if (!A || !B)
      return std::nullopt;
    return E.K == Kind::Min ? std::min(*A, *B) : std::max(*A, *B);
  }
  case Kind::SliceLength: {
    std::optional<int64_t> N = evaluate(E.Operands[0], Args);
    std::optional<int64_t> Start, Stop;
    size_t Next = 1;
    if (E.HasStart && !(Start = evaluate(E.Operands[Next++], Args)))
      return std::nullopt;
    if (E.HasStop && !(Stop = evaluate(E.Operands[Next++], Args)))
      return std::nullopt;
    if (!N)
      return std::nullopt;
    return python::sliceLength(*N, Start, Stop, E.Step);
  }
  }
  return std::nullopt;
}

/// Adds the arguments `E` reads to `Named`, in order, once each.
static void namedArgs(const SizeExpr &E, std::vector<int32_t> &Named) {
  if ((E.K == SizeExpr::Kind::Dim || E.K == SizeExpr::Kind::ArgValue) &&
      std::find(Named.begin(), Named.end(), E.Arg) == Named.end())
    Named.push_back(E.Arg);
  for (const SizeExpr &Op : E.Operands)
    namedArgs(Op, Named);
}

/// " has shape (2, 3)", or " is 7" for an integer scalar (whose value
/// slice bounds may read).
static std::string describeExtent(const ArgView &A) {
  if (A.S.Rank == 0)
    if (std::optional<int64_t> V = scalarValue(A))
      return " is " + std::to_string(*V);
  return " has shape " + formatShape(A.S);
}

int checkShapes(const FunctionSpec &F, const Manifest &M,
                const std::vector<ArgView> &Args) {
  for (const ShapeCheck &C : F.Checks) {
    std::optional<int64_t> A = evaluate(C.A, Args);
    std::optional<int64_t> B =
        C.K == ShapeCheck::Kind::Equal ? evaluate(C.B, Args) : C.Value;
    bool Ok =
        A && B && (C.K == ShapeCheck::Kind::MinSize ? *A >= *B : *A == *B);
    if (Ok)
      continue;
    // Name every argument the check reads, in order, once.
    std::vector<int32_t> Named;
    namedArgs(C.A, Named);
    if (C.K == ShapeCheck::Kind::Equal)
      namedArgs(C.B, Named);
    // Index values first: they say which sizes the shapes were compared at.
    std::stable_partition(Named.begin(), Named.end(),
                          [&](int32_t A) { return Args[A].S.Rank == 0; });
    std::string Message = F.Name + ": ";
    for (size_t I = 0; I < Named.size(); ++I)
      Message += (I == 0                  ? ""
                  : Named.size() == 2     ? " but "
                  : I + 1 == Named.size() ? " and "
                                          : ", ") +
                 describeArg(M, F, Named[I]) + describeExtent(Args[Named[I]]);
    if (!C.Reason.empty())
      Message += ": " + C.Reason;
    return fail(TCC_ERROR_ARGUMENT, Message);
  }
  return TCC_OK;
}

/// Words (int64) of a rank-`Rank` memref descriptor.
int64_t descriptorWords(int32_t Rank) { return 3 + 2 * int64_t(Rank); }

/// Describes result `J` for messages about what the kernel returned.
std::string describeResult(const Manifest &M, const FunctionSpec &F, size_t J) {
  if (J < F.Outputs.size())
    return "output " + std::to_string(J) + " ('" + F.Outputs[J].Name + "')";
  return "update of shared variable '" +
         M.Shared[F.ResultUpdates[J - F.Outputs.size()]].Name + "'";
}

/// A call of function `Index` once it is known to exist: the four phases.
int callFunction(SharedState &State, int32_t Index, const tcc_array *Inputs,
                 int32_t NumInputs, tcc_array *Outputs, int32_t NumOutputs);

} // namespace

int callByIndex(int32_t Index, const tcc_array *Inputs, int32_t NumInputs,
                tcc_array *Outputs, int32_t NumOutputs) {
  SharedState *State = SharedState::get();
  if (!State)
    return TCC_ERROR_INTERNAL;
  const Manifest &M = State->M;
  if (Index < 0 || Index >= static_cast<int32_t>(M.Functions.size()))
    return fail(TCC_ERROR_NOT_FOUND,
                "tcc_call_index: no function number " + std::to_string(Index) +
                    " (the model has " +
                    plural(M.Functions.size(), "function") + ")");
  ProfiledCall Profile(Index);
  return Profile.finish(
      callFunction(*State, Index, Inputs, NumInputs, Outputs, NumOutputs));
}

namespace {

int callFunction(SharedState &StateRef, int32_t Index, const tcc_array *Inputs,
                 int32_t NumInputs, tcc_array *Outputs, int32_t NumOutputs) {
  SharedState *State = &StateRef; // The phases below were written for one.
  const Manifest &M = State->M;
  const FunctionSpec &F = M.Functions[Index];
  const std::string &Fn = F.Name;

  // Phase 1: checks.
  if (int Status = checkCounts(F, Inputs, NumInputs, Outputs, NumOutputs))
    return Status;
  if (M.Cuda) {
    std::string Why;
    if (!cudaReady(Why))
      return fail(TCC_ERROR_DEVICE, Fn + ": " + Why);
  }
  ScratchLease Lease;
  CallScratch &S = *Lease;
  std::vector<ArgView> &Args = S.Args;
  Args.assign(F.numKernelArgs(), ArgView{});
  if (int Status = collectInputs(F, M, Inputs, NumInputs, Args))
    return Status;
  // A call that updates holds UpdateMutex to the end, so no other update can
  // slip in between reading the old values and committing the new ones.
  std::unique_lock<std::mutex> UpdateLock(State->UpdateMutex, std::defer_lock);
  if (!F.Updates.empty())
    UpdateLock.lock();
  // A kernel that writes buffers in place runs alone, on buffers no one
  // else holds; every other kernel reading shared values may run alongside
  // others.
  std::shared_lock<std::shared_mutex> Reading(State->BufferMutex,
                                              std::defer_lock);
  std::unique_lock<std::shared_mutex> Writing(State->BufferMutex,
                                              std::defer_lock);
  if (F.hasInPlaceUpdates()) {
    Writing.lock();
    for (size_t U = 0; U < F.Updates.size(); ++U)
      if (F.InPlace[U])
        if (int Status = State->makeWritable(F.Updates[U], Fn))
          return Status;
  } else if (!F.Reads.empty()) {
    Reading.lock();
  }
  // The snapshot keeps the values read alive while the kernel runs, even if
  // a concurrent call commits new ones.
  std::vector<SharedValue> &Reads = S.Reads;
  State->snapshot(F.Reads, Reads);
  for (size_t R = 0; R < F.Reads.size(); ++R) {
    ArgView &A = Args[F.Inputs.size() + R];
    A.DType = A.SourceDType = M.Shared[F.Reads[R]].DType;
    A.Data = static_cast<const char *>(Reads[R].Data.get());
    A.S = Reads[R].S;
    rowMajorStrides(A.S.Dims, A.S.Rank, dtypeSize(A.DType), A.ByteStrides);
  }
  if (int Status = checkShapes(F, M, Args))
    return Status;

  // Phase 2: contiguous, aligned arguments and their descriptors.
  std::vector<UniqueBuffer> &Temps = S.Temps;
  std::vector<const char *> &ArgData = S.ArgData;
  ArgData.assign(Args.size(), nullptr);
  std::vector<size_t> &ArgOffsets = S.ArgOffsets;
  size_t ArgWordCount = 0;
  for (size_t K = 0; K < Args.size(); ++K) {
    const ArgView &A = Args[K];
    int64_t ElemSize = dtypeSize(A.DType), Count, Bytes;
    if (!countElements(A.S.Dims, A.S.Rank, ElemSize, Count, Bytes))
      return fail(TCC_ERROR_ARGUMENT,
                  Fn + ": " + describeArg(M, F, static_cast<int32_t>(K)) +
                      " has shape " + formatShape(A.S) +
                      " whose size in bytes overflows");
    bool Converted = A.SourceDType != A.DType;
    // Generated loads assume natural alignment, so a misaligned view is
    // copied like a strided one.
    bool Aligned = reinterpret_cast<uintptr_t>(A.Data) % ElemSize == 0;
    // A CUDA model's kernels read host arrays from a managed copy; device
    // and managed memory they read where it is.
    if (Count == 0 ||
        (!Converted && Aligned &&
         isRowMajor(A.S.Dims, A.ByteStrides, A.S.Rank, ElemSize) &&
         (!M.Cuda || cudaCanAccess(A.Data)))) {
      ArgData[K] = A.Data;
    } else {
      UniqueBuffer Copy(allocateBuffer(Bytes));
      if (!Copy)
        return fail(TCC_ERROR_MEMORY,
                    Fn + ": cannot allocate " + std::to_string(Bytes) +
                        " bytes to copy " +
                        describeArg(M, F, static_cast<int32_t>(K)));
      if (Converted)
        convertToContiguous(static_cast<char *>(Copy.get()), A.DType, A.Data,
                            A.SourceDType, A.S.Dims, A.ByteStrides, A.S.Rank);
      else
        copyToContiguous(static_cast<char *>(Copy.get()), A.Data, A.S.Dims,
                         A.ByteStrides, A.S.Rank, ElemSize);
      ArgData[K] = static_cast<const char *>(Copy.get());
      Temps.push_back(std::move(Copy));
    }
    ArgOffsets.push_back(ArgWordCount);
    ArgWordCount += descriptorWords(A.S.Rank);
  }
  std::vector<int64_t> &ArgWords = S.ArgWords;
  ArgWords.assign(ArgWordCount, 0);
  std::vector<void *> &ArgPtrs = S.ArgPtrs;
  ArgPtrs.assign(Args.size(), nullptr);
  for (size_t K = 0; K < Args.size(); ++K) {
    int64_t *D = &ArgWords[ArgOffsets[K]];
    void *P = const_cast<char *>(ArgData[K]);
    std::memcpy(&D[0], &P, sizeof(P)); // allocated
    std::memcpy(&D[1], &P, sizeof(P)); // aligned
    D[2] = 0;                          // offset
    int32_t Rank = Args[K].S.Rank;
    std::copy(Args[K].S.Dims, Args[K].S.Dims + Rank, D + 3);
    rowMajorStrides(Args[K].S.Dims, Rank, 1, D + 3 + Rank);
    ArgPtrs[K] = D;
  }

  std::vector<ResultSpec> &Specs = S.Specs;
  for (const TensorSpec &O : F.Outputs)
    Specs.push_back({O.DType, &O.Broadcastable});
  for (int32_t U : F.ResultUpdates)
    Specs.push_back({M.Shared[U].DType, &M.Shared[U].Broadcastable});
  std::vector<size_t> &ResultOffsets = S.ResultOffsets;
  size_t ResultWordCount = 0;
  for (const ResultSpec &Spec : Specs) {
    ResultOffsets.push_back(ResultWordCount);
    ResultWordCount +=
        descriptorWords(static_cast<int32_t>(Spec.Broadcastable->size()));
  }
  std::vector<int64_t> &ResultWords = S.ResultWords;
  ResultWords.assign(ResultWordCount, 0);

  // Phase 3: the kernel. One that stops on a bad index has written no
  // shared variable (kernels that check indices update nothing in place).
  // In debug mode the -O0 version runs first, on the same arguments.
  std::optional<ReferenceRun> Reference;
  if (M.DebugMode) {
    Reference.emplace();
    if (int Status = Reference->run(M, F, Index, ArgPtrs.data(), ArgData))
      return Status;
  }
  if (int Status =
          runKernel(M, F, reinterpret_cast<KernelFn>(__tcc_kernels[Index]),
                    ResultWords.data(), ArgPtrs.data()))
    return Status;

  // Phase 4: own the results. First take every distinct buffer the kernel
  // allocated, so any failure below frees them all.
  auto AllocatedOf = [&](size_t J) {
    void *P;
    std::memcpy(&P, &ResultWords[ResultOffsets[J]], sizeof(P));
    return P;
  };
  auto IsArgBuffer = [&](void *P) {
    return std::find(ArgData.begin(), ArgData.end(), P) != ArgData.end();
  };
  std::vector<UniqueBuffer> &KernelBuffers = S.KernelBuffers;
  for (size_t J = 0; J < Specs.size(); ++J) {
    void *P = AllocatedOf(J);
    if (!P || IsArgBuffer(P) ||
        std::any_of(KernelBuffers.begin(), KernelBuffers.end(),
                    [&](const UniqueBuffer &B) { return B.get() == P; }))
      continue;
    KernelBuffers.emplace_back(P);
  }
  if (Reference)
    if (int Status =
            Reference->check(M, F, ResultWords, ResultOffsets, ArgPtrs.data()))
      return Status;

  std::vector<OwnedResult> &Results = S.Results;
  Results.resize(Specs.size());
  for (size_t J = 0; J < Specs.size(); ++J) {
    const ResultSpec &Spec = Specs[J];
    OwnedResult &R = Results[J];
    const int64_t *D = &ResultWords[ResultOffsets[J]];
    void *Allocated = AllocatedOf(J);
    char *Aligned;
    std::memcpy(&Aligned, &D[1], sizeof(Aligned));
    int32_t Rank = static_cast<int32_t>(Spec.Broadcastable->size());
    const int64_t *Sizes = D + 3, *Strides = D + 3 + Rank;
    R.S.Rank = Rank;
    std::copy(Sizes, Sizes + Rank, R.S.Dims);
    auto Describe = [&] {
      return Fn + ": the kernel's " + describeResult(M, F, J);
    };
    if (int Status = checkShape(Describe, R.S, Spec.DType, *Spec.Broadcastable,
                                TCC_ERROR_INTERNAL))
      return Status;
    int64_t ElemSize = dtypeSize(Spec.DType), Count, Bytes;
    countElements(R.S.Dims, Rank, ElemSize, Count, Bytes);
    char *Data = Aligned + D[2] * ElemSize;

    // A buffer that is an argument, or was an earlier result, is copied:
    // adopting it would free it twice or hand out memory we do not own.
    bool Earlier = false;
    for (size_t E = 0; E < J; ++E)
      Earlier |= Allocated && AllocatedOf(E) == Allocated;
    auto Kernel = std::find_if(
        KernelBuffers.begin(), KernelBuffers.end(),
        [&](const UniqueBuffer &B) { return B.get() == Allocated; });
    bool Adoptable = !Earlier && Kernel != KernelBuffers.end() && Count > 0 &&
                     reinterpret_cast<uintptr_t>(Data) % ElemSize == 0 &&
                     isRowMajor(R.S.Dims, Strides, Rank, 1);
    if (Adoptable) {
      R.Owner = std::move(*Kernel);
      R.Data = Data;
      continue;
    }
    R.Owner.reset(allocateBuffer(Bytes));
    if (!R.Owner)
      return fail(TCC_ERROR_MEMORY, Fn + ": cannot allocate " +
                                        std::to_string(Bytes) + " bytes for " +
                                        describeResult(M, F, J));
    R.Data = R.Owner.get();
    if (Count == 0)
      continue;
    if (!Aligned)
      return fail(TCC_ERROR_INTERNAL, Describe() + " has a null data pointer");
    int64_t ByteStrides[TCC_MAX_RANK];
    for (int32_t I = 0; I < Rank; ++I)
      ByteStrides[I] = Strides[I] * ElemSize;
    copyToContiguous(static_cast<char *>(R.Data), Data, R.S.Dims, ByteStrides,
                     Rank, ElemSize);
  }

  // Commit (values updated in place already are). Building the
  // shared_ptrs may throw, so it happens before any value is swapped in.
  size_t NumOuts = F.Outputs.size();
  std::vector<std::shared_ptr<void>> &NewValues = S.NewValues;
  for (size_t U = 0; U < F.ResultUpdates.size(); ++U) {
    OwnedResult &R = Results[NumOuts + U];
    std::shared_ptr<void> Owner(std::move(R.Owner));
    // Aliasing constructor: the value may start past its buffer's start.
    NewValues.emplace_back(Owner, R.Data);
  }
  {
    std::lock_guard<std::mutex> Lock(State->StateMutex);
    for (size_t U = 0; U < F.ResultUpdates.size(); ++U) {
      SharedValue &V = State->Values[F.ResultUpdates[U]];
      V.Data.swap(NewValues[U]);
      V.S = Results[NumOuts + U].S;
    }
  }
  for (size_t J = 0; J < NumOuts; ++J)
    fillOwnedArray(Outputs[J], Results[J].Owner.release(), Results[J].Data,
                   F.Outputs[J].DType, Results[J].S);
  // The replaced values (now in NewValues) are released on return, outside
  // the lock, unless a concurrent call still reads them.
  return TCC_OK;
}

} // namespace

int callByName(const char *Name, const tcc_array *Inputs, int32_t NumInputs,
               tcc_array *Outputs, int32_t NumOutputs) {
  if (!Name)
    return fail(TCC_ERROR_ARGUMENT, "tcc_call: name is null");
  const Manifest *M = getManifest();
  if (!M)
    return TCC_ERROR_INTERNAL;
  int32_t Index = M->findFunction(Name);
  if (Index < 0)
    return fail(TCC_ERROR_NOT_FOUND,
                std::string("tcc_call: no function named '") + Name + "'");
  return callByIndex(Index, Inputs, NumInputs, Outputs, NumOutputs);
}

} // namespace tcc::rt
