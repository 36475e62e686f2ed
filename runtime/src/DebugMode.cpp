//===- DebugMode.cpp - Checking a call against its -O0 version ------------===//

#include "DebugMode.h"

#include "Array.h"
#include "Error.h"
#include "KernelGuard.h"
#include "ModelSymbols.h"
#include "tcc/tcc.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace tcc::rt {
namespace {

int64_t descriptorWords(int32_t Rank) { return 3 + 2 * int64_t(Rank); }

void *allocatedOf(const int64_t *Words) {
  void *P;
  std::memcpy(&P, &Words[0], sizeof(P));
  return P;
}

/// Theano's tolerances (tensor/basic.py, used by DebugMode).
void tolerances(int32_t DType, double &Rtol, double &Atol) {
  bool Single = DType == TCC_FLOAT32 || DType == TCC_COMPLEX64;
  Rtol = 1e-5;
  Atol = Single ? 1e-5 : 1e-8;
}

bool closeEnough(double Actual, double Expected, double Rtol, double Atol) {
  if (std::isnan(Expected) || std::isnan(Actual))
    return std::isnan(Expected) && std::isnan(Actual);
  if (std::isinf(Expected) || std::isinf(Actual))
    return Actual == Expected;
  return std::fabs(Actual - Expected) <= Atol + Rtol * std::fabs(Expected);
}

std::string formatNumber(double V) {
  char Buffer[40];
  std::snprintf(Buffer, sizeof(Buffer), "%.17g", V);
  return Buffer;
}

/// The element's value(s) as doubles (a complex number is two).
int readElement(const char *P, int32_t DType, double Out[2]) {
  switch (DType) {
  case TCC_FLOAT32:
  case TCC_COMPLEX64: {
    float F[2];
    std::memcpy(F, P, DType == TCC_FLOAT32 ? 4 : 8);
    Out[0] = F[0];
    Out[1] = F[1];
    return DType == TCC_FLOAT32 ? 1 : 2;
  }
  default:
    std::memcpy(Out, P, DType == TCC_COMPLEX128 ? 16 : 8);
    return DType == TCC_COMPLEX128 ? 2 : 1;
  }
}

bool isInexact(int32_t DType) {
  return DType == TCC_FLOAT32 || DType == TCC_FLOAT64 ||
         DType == TCC_COMPLEX64 || DType == TCC_COMPLEX128;
}

std::string formatValue(const char *P, int32_t DType) {
  if (!isInexact(DType)) {
    // Integers and booleans: compared bytewise, shown as the bytes' value.
    int64_t Value = 0;
    std::memcpy(&Value, P, std::min<int64_t>(dtypeSize(DType), 8));
    return std::to_string(Value);
  }
  double V[2];
  if (readElement(P, DType, V) == 1)
    return formatNumber(V[0]);
  return "(" + formatNumber(V[0]) + (V[1] < 0 ? "" : "+") + formatNumber(V[1]) +
         "j)";
}

/// "" if `Actual` agrees with `Expected`, else what differs.
std::string compare(const DescriptorView &Actual,
                    const DescriptorView &Expected, int32_t DType) {
  Shape A, E;
  A.Rank = Actual.Rank;
  E.Rank = Expected.Rank;
  std::copy(Actual.Sizes, Actual.Sizes + Actual.Rank, A.Dims);
  std::copy(Expected.Sizes, Expected.Sizes + Expected.Rank, E.Dims);
  if (!std::equal(A.Dims, A.Dims + A.Rank, E.Dims, E.Dims + E.Rank))
    return "has shape " + formatShape(A) + " where the -O0 version's has " +
           formatShape(E);
  int64_t ElemSize = dtypeSize(DType), Count = 1;
  for (int32_t D = 0; D < A.Rank; ++D)
    Count *= A.Dims[D];
  double Rtol, Atol;
  tolerances(DType, Rtol, Atol);
  std::vector<int64_t> Index(A.Rank, 0);
  for (int64_t N = 0; N < Count; ++N) {
    const char *PA = Actual.Data, *PE = Expected.Data;
    for (int32_t D = 0; D < A.Rank; ++D) {
      PA += Index[D] * Actual.Strides[D] * ElemSize;
      PE += Index[D] * Expected.Strides[D] * ElemSize;
    }
    bool Same;
    if (isInexact(DType)) {
      double VA[2], VE[2];
      int Parts = readElement(PA, DType, VA);
      readElement(PE, DType, VE);
      Same = true;
      for (int P = 0; P < Parts; ++P)
        Same &= closeEnough(VA[P], VE[P], Rtol, Atol);
    } else {
      Same = std::memcmp(PA, PE, ElemSize) == 0;
    }
    if (!Same) {
      std::string Where = "(";
      for (int32_t D = 0; D < A.Rank; ++D)
        Where += (D ? ", " : "") + std::to_string(Index[D]);
      Where += A.Rank == 1 ? ",)" : ")";
      std::string Message = "is " + formatValue(PA, DType) +
                            (A.Rank ? " at index " + Where : "") +
                            " where the -O0 version computes " +
                            formatValue(PE, DType);
      if (isInexact(DType)) {
        char Tolerance[64];
        std::snprintf(Tolerance, sizeof(Tolerance),
                      " (beyond rtol %g, atol %g)", Rtol, Atol);
        Message += Tolerance;
      }
      return Message;
    }
    for (int32_t D = A.Rank - 1; D >= 0; --D) {
      if (++Index[D] < A.Dims[D])
        break;
      Index[D] = 0;
    }
  }
  return "";
}

/// The position of shared variable `Var` among F's kernel arguments.
size_t argumentOf(const FunctionSpec &F, int32_t Var) {
  auto It = std::find(F.Reads.begin(), F.Reads.end(), Var);
  return F.Inputs.size() + (It - F.Reads.begin());
}

} // namespace

DescriptorView::DescriptorView(const int64_t *Words, int32_t Rank,
                               int64_t ElemSize)
    : Rank(Rank), Sizes(Words + 3), Strides(Words + 3 + Rank) {
  const char *Aligned;
  std::memcpy(&Aligned, &Words[1], sizeof(Aligned));
  Data = Aligned + Words[2] * ElemSize;
}

ReferenceRun::~ReferenceRun() {
  for (void *P : Owned)
    poolFree(P);
}

int ReferenceRun::run(const Manifest &M, const FunctionSpec &F, int32_t Index,
                      void **ArgPtrs,
                      const std::vector<const char *> &ArgData) {
  // Outputs, then every update (none is written in place at -O0).
  std::vector<int32_t> Ranks;
  for (const TensorSpec &O : F.Outputs)
    Ranks.push_back(O.rank());
  for (int32_t U : F.Updates)
    Ranks.push_back(M.Shared[U].rank());
  size_t Total = 0;
  for (int32_t Rank : Ranks) {
    Offsets.push_back(Total);
    Total += descriptorWords(Rank);
  }
  Words.assign(Total, 0);
  if (int Status = runKernel(
          M, F, reinterpret_cast<KernelFn>(__tcc_reference_kernels[Index]),
          Words.data(), ArgPtrs))
    return Status;
  for (size_t J = 0; J < Ranks.size(); ++J) {
    void *P = allocatedOf(&Words[Offsets[J]]);
    if (P && std::find(ArgData.begin(), ArgData.end(), P) == ArgData.end() &&
        std::find(Owned.begin(), Owned.end(), P) == Owned.end())
      Owned.push_back(P);
  }

  Saved.resize(F.Updates.size());
  for (size_t U = 0; U < F.Updates.size(); ++U) {
    if (!F.InPlace[U])
      continue;
    size_t Arg = argumentOf(F, F.Updates[U]);
    const SharedSpec &S = M.Shared[F.Updates[U]];
    DescriptorView View(static_cast<const int64_t *>(ArgPtrs[Arg]), S.rank(),
                        dtypeSize(S.DType));
    int64_t Count, Bytes;
    countElements(View.Sizes, View.Rank, dtypeSize(S.DType), Count, Bytes);
    Saved[U].first = const_cast<char *>(View.Data);
    Saved[U].second.assign(View.Data, View.Data + Bytes);
  }
  return TCC_OK;
}

int ReferenceRun::check(const Manifest &M, const FunctionSpec &F,
                        const std::vector<int64_t> &OptWords,
                        const std::vector<size_t> &OptOffsets, void **ArgPtrs) {
  size_t NumOuts = F.Outputs.size();
  std::string What, Difference;
  for (size_t J = 0; J < NumOuts + F.Updates.size() && Difference.empty();
       ++J) {
    bool IsOutput = J < NumOuts;
    int32_t DType, Rank;
    const int64_t *Actual;
    if (IsOutput) {
      DType = F.Outputs[J].DType;
      Rank = F.Outputs[J].rank();
      Actual = &OptWords[OptOffsets[J]];
      What = "output " + std::to_string(J) + " ('" + F.Outputs[J].Name + "')";
    } else {
      size_t U = J - NumOuts;
      const SharedSpec &S = M.Shared[F.Updates[U]];
      DType = S.DType;
      Rank = S.rank();
      What = "the new value of shared variable '" + S.Name + "'";
      if (F.InPlace[U]) {
        Actual =
            static_cast<const int64_t *>(ArgPtrs[argumentOf(F, F.Updates[U])]);
      } else {
        size_t R = std::find(F.ResultUpdates.begin(), F.ResultUpdates.end(),
                             F.Updates[U]) -
                   F.ResultUpdates.begin();
        Actual = &OptWords[OptOffsets[NumOuts + R]];
      }
    }
    int64_t ElemSize = dtypeSize(DType);
    Difference =
        compare(DescriptorView(Actual, Rank, ElemSize),
                DescriptorView(&Words[Offsets[J]], Rank, ElemSize), DType);
  }
  if (Difference.empty())
    return TCC_OK;
  for (auto &[Buffer, Old] : Saved)
    if (!Old.empty())
      std::memcpy(Buffer, Old.data(), Old.size());
  return fail(TCC_ERROR_VALUE, F.Name + ": debug mode: " + What +
                                   " of the optimized function " + Difference);
}

} // namespace tcc::rt
