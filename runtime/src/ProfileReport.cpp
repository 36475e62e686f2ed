//===- ProfileReport.cpp - The --profile report as text or JSON -----------===//
//
// Theano's profile lists, per function, its calls and time and then its
// ops by time with their share and the running sum; ours lists kernels (a
// fused loop nest is one), with the th ops they compute and where the
// program wrote them. Functions, too, come by time.
//
//===----------------------------------------------------------------------===//

#include "Profile.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <numeric>
#include <vector>

namespace tcc::rt {
namespace {

/// The counters as they were when the report started.
struct KernelRow {
  size_t Id;
  const ProfiledKernel *Spec;
  uint64_t Calls, Nanos, Bytes;
};

struct FunctionRow {
  size_t Id;
  const FunctionSpec *Spec;
  uint64_t Calls, Failed, Nanos, GeneratedNanos, PeakBytes, Bytes, Allocations;
  std::vector<KernelRow> Kernels; // By time, the slowest first.
  uint64_t KernelNanos = 0;
};

std::vector<FunctionRow> snapshot(const ProfileCounters &C) {
  const Manifest &M = *C.M;
  std::vector<FunctionRow> Rows;
  for (size_t F = 0; F < M.Functions.size(); ++F) {
    const FunctionCounters &Fn = C.Functions[F];
    Rows.push_back({F,
                    &M.Functions[F],
                    Fn.Calls.load(),
                    Fn.Failed.load(),
                    Fn.Nanos.load(),
                    Fn.GeneratedNanos.load(),
                    Fn.PeakBytes.load(),
                    Fn.Bytes.load(),
                    Fn.Allocations.load(),
                    {}});
  }
  for (size_t K = 0; K < M.ProfileKernels.size(); ++K) {
    const ProfiledKernel &Spec = M.ProfileKernels[K];
    if (Spec.Function < 0)
      continue;
    FunctionRow &F = Rows[Spec.Function];
    KernelRow Row{K, &Spec, C.Kernels[K].Calls.load(),
                  C.Kernels[K].Nanos.load(), C.Kernels[K].Bytes.load()};
    F.KernelNanos += Row.Nanos;
    F.Kernels.push_back(Row);
  }
  for (FunctionRow &F : Rows)
    std::stable_sort(F.Kernels.begin(), F.Kernels.end(),
                     [](const KernelRow &A, const KernelRow &B) {
                       return A.Nanos > B.Nanos;
                     });
  std::stable_sort(Rows.begin(), Rows.end(),
                   [](const FunctionRow &A, const FunctionRow &B) {
                     return A.Nanos > B.Nanos;
                   });
  return Rows;
}

std::string format(const char *Fmt, double Value, const char *Unit) {
  char Buffer[64];
  std::snprintf(Buffer, sizeof(Buffer), Fmt, Value, Unit);
  return Buffer;
}

std::string duration(double Nanos) {
  if (Nanos >= 1e9)
    return format("%.3f %s", Nanos / 1e9, "s");
  if (Nanos >= 1e6)
    return format("%.3f %s", Nanos / 1e6, "ms");
  if (Nanos >= 1e3)
    return format("%.3f %s", Nanos / 1e3, "us");
  return format("%.0f %s", Nanos, "ns");
}

std::string bytes(double Bytes) {
  static const char *const Units[] = {"KiB", "MiB", "GiB", "TiB"};
  if (Bytes < 1024)
    return format("%.0f %s", Bytes, "B");
  int U = 0;
  for (Bytes /= 1024; Bytes >= 1024 && U < 3; Bytes /= 1024)
    ++U;
  return format("%.1f %s", Bytes, Units[U]);
}

std::string percent(double Part, double Whole) {
  return format("%.1f%s", Whole > 0 ? 100.0 * Part / Whole : 0.0, "%");
}

std::string padLeft(const std::string &S, size_t Width) {
  return S.size() >= Width ? S : std::string(Width - S.size(), ' ') + S;
}

std::string padRight(const std::string &S, size_t Width) {
  return S.size() >= Width ? S : S + std::string(Width - S.size(), ' ');
}

std::string kernelName(const ProfiledKernel &K) {
  if (K.Ops.empty() || K.Ops == K.Kind)
    return K.Kind;
  return K.Kind + ": " + K.Ops;
}

std::string formatText(const ProfileCounters &C,
                       const std::vector<FunctionRow> &Rows) {
  uint64_t Calls = 0, Nanos = 0;
  for (const FunctionRow &F : Rows) {
    Calls += F.Calls;
    Nanos += F.Nanos;
  }
  std::string Out = "tcc profile of model '" + C.M->Model +
                    "': " + std::to_string(Calls) + " calls, " +
                    duration(Nanos) + "\n";
  for (const FunctionRow &F : Rows) {
    if (F.Calls == 0)
      continue;
    double PerCall = double(F.Nanos) / F.Calls;
    Out += "\nFunction " + F.Spec->Name +
           (F.Spec->Loc.empty() ? "" : " (" + F.Spec->Loc + ")") + "\n";
    Out += "  " + std::to_string(F.Calls) + " calls" +
           (F.Failed ? " (" + std::to_string(F.Failed) + " failed)" : "") +
           ", " + duration(F.Nanos) + ", " + duration(PerCall) + " per call\n";
    uint64_t Between =
        F.GeneratedNanos > F.KernelNanos ? F.GeneratedNanos - F.KernelNanos : 0;
    uint64_t Runtime =
        F.Nanos > F.GeneratedNanos ? F.Nanos - F.GeneratedNanos : 0;
    Out += "  in kernels " + duration(F.KernelNanos) + " (" +
           percent(F.KernelNanos, F.Nanos) + "), between kernels " +
           duration(Between) + " (" + percent(Between, F.Nanos) +
           "), in the runtime (checks, copies) " + duration(Runtime) + " (" +
           percent(Runtime, F.Nanos) + ")\n";
    Out += "  memory: peak " + bytes(F.PeakBytes) +
           " of kernel buffers live in a call; " +
           bytes(double(F.Bytes) / F.Calls) + " in " +
           format("%.3g%s", double(F.Allocations) / F.Calls, "") +
           " buffers allocated per call\n\n";

    size_t KindWidth = 6;
    for (const KernelRow &K : F.Kernels)
      KindWidth =
          std::max(KindWidth, std::min<size_t>(kernelName(*K.Spec).size(), 48));
    Out += "   time %  cumul %        time    per call   calls  alloc/call  " +
           padRight("kernel", KindWidth) + "  source\n";
    uint64_t Sum = 0;
    size_t NotCalled = 0;
    for (const KernelRow &K : F.Kernels) {
      if (K.Calls == 0) {
        ++NotCalled;
        continue;
      }
      Sum += K.Nanos;
      std::string Name = kernelName(*K.Spec);
      if (Name.size() > 48)
        Name = Name.substr(0, 45) + "...";
      std::string Source = K.Spec->Locs.empty() ? "?" : K.Spec->Locs[0];
      if (K.Spec->Locs.size() > 1)
        Source += " (+" + std::to_string(K.Spec->Locs.size() - 1) + ")";
      Out += "  " + padLeft(percent(K.Nanos, F.Nanos), 7) + "  " +
             padLeft(percent(Sum, F.Nanos), 7) + "  " +
             padLeft(duration(K.Nanos), 10) + "  " +
             padLeft(duration(double(K.Nanos) / K.Calls), 10) + "  " +
             padLeft(std::to_string(K.Calls), 6) + "  " +
             padLeft(bytes(double(K.Bytes) / K.Calls), 10) + "  " +
             padRight(Name, KindWidth) + "  " + Source + "\n";
    }
    if (NotCalled)
      Out += "  (" + std::to_string(NotCalled) +
             (NotCalled == 1 ? " kernel" : " kernels") +
             " in branches not taken)\n";
  }
  size_t Idle = std::count_if(Rows.begin(), Rows.end(),
                              [](const FunctionRow &F) { return !F.Calls; });
  if (Idle)
    Out += "\n(" + std::to_string(Idle) +
           (Idle == 1 ? " function" : " functions") + " not called)\n";
  return Out;
}

std::string jsonString(const std::string &S) {
  std::string Out = "\"";
  for (char Ch : S) {
    unsigned char U = static_cast<unsigned char>(Ch);
    if (Ch == '"' || Ch == '\\') {
      Out += '\\';
      Out += Ch;
    } else if (U < 0x20) {
      char Escape[8];
      std::snprintf(Escape, sizeof(Escape), "\\u%04x", U);
      Out += Escape;
    } else {
      Out += Ch;
    }
  }
  return Out + "\"";
}

std::string seconds(uint64_t Nanos) {
  char Buffer[32];
  std::snprintf(Buffer, sizeof(Buffer), "%.9g", Nanos / 1e9);
  return Buffer;
}

std::string formatJson(const ProfileCounters &C,
                       const std::vector<FunctionRow> &Rows) {
  std::string Out =
      "{\"model\": " + jsonString(C.M->Model) + ", \"functions\": [";
  for (size_t I = 0; I < Rows.size(); ++I) {
    const FunctionRow &F = Rows[I];
    Out += (I ? ", " : "") + std::string("{\"name\": ") +
           jsonString(F.Spec->Name) + ", \"loc\": " + jsonString(F.Spec->Loc) +
           ", \"calls\": " + std::to_string(F.Calls) +
           ", \"failed_calls\": " + std::to_string(F.Failed) +
           ", \"time_s\": " + seconds(F.Nanos) +
           ", \"generated_code_time_s\": " + seconds(F.GeneratedNanos) +
           ", \"kernel_time_s\": " + seconds(F.KernelNanos) +
           ", \"peak_bytes\": " + std::to_string(F.PeakBytes) +
           ", \"allocated_bytes\": " + std::to_string(F.Bytes) +
           ", \"allocations\": " + std::to_string(F.Allocations) +
           ", \"kernels\": [";
    for (size_t J = 0; J < F.Kernels.size(); ++J) {
      const KernelRow &K = F.Kernels[J];
      Out += (J ? ", " : "") + std::string("{\"id\": ") + std::to_string(K.Id) +
             ", \"kind\": " + jsonString(K.Spec->Kind) +
             ", \"ops\": " + jsonString(K.Spec->Ops) + ", \"locs\": [";
      for (size_t L = 0; L < K.Spec->Locs.size(); ++L)
        Out += (L ? ", " : "") + jsonString(K.Spec->Locs[L]);
      Out += "], \"calls\": " + std::to_string(K.Calls) +
             ", \"time_s\": " + seconds(K.Nanos) +
             ", \"allocated_bytes\": " + std::to_string(K.Bytes) + "}";
    }
    Out += "]}";
  }
  return Out + "]}\n";
}

} // namespace

std::string formatProfile(const ProfileCounters &C, bool Json) {
  std::vector<FunctionRow> Rows = snapshot(C);
  return Json ? formatJson(C, Rows) : formatText(C, Rows);
}

} // namespace tcc::rt
