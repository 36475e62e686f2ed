//===- Manifest.cpp - The model's manifest, parsed once -------------------===//

#include "Manifest.h"

#include "BufferPool.h"
#include "Cuda.h"

#include "Error.h"
#include "Json.h"
#include "ModelSymbols.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <tuple>

namespace tcc::rt {

int32_t Manifest::findFunction(const char *Name) const {
  for (size_t I = 0; I < Functions.size(); ++I)
    if (Functions[I].Name == Name)
      return static_cast<int32_t>(I);
  return -1;
}

int32_t Manifest::findShared(const char *Name) const {
  for (size_t I = 0; I < Shared.size(); ++I)
    if (Shared[I].Name == Name)
      return static_cast<int32_t>(I);
  return -1;
}

namespace {

/// Reads typed fields out of the JSON tree, remembering the first problem
/// with the path to it ("functions[0].inputs[1].dtype: ...").
class Reader {
public:
  std::string Error;

  bool fail(const std::string &Path, const std::string &What) {
    if (Error.empty())
      Error = Path + ": " + What;
    return false;
  }

  const JsonValue *field(const JsonValue &Obj, const std::string &Path,
                         const char *Key, JsonValue::Kind Kind,
                         const char *KindName) {
    const JsonValue *V = Obj.get(Key);
    if (!V) {
      fail(Path, std::string("missing \"") + Key + "\"");
      return nullptr;
    }
    if (V->K != Kind) {
      fail(Path + "." + Key, std::string("expected ") + KindName);
      return nullptr;
    }
    return V;
  }

  bool integer(const JsonValue &V, const std::string &Path, int64_t Min,
               int64_t Max, int64_t &Out) {
    if (V.K != JsonValue::Kind::Number || !V.IsInteger)
      return fail(Path, "expected an integer");
    if (V.Integer < Min || V.Integer > Max)
      return fail(Path,
                  "integer " + std::to_string(V.Integer) + " out of range");
    Out = V.Integer;
    return true;
  }

  bool intField(const JsonValue &Obj, const std::string &Path, const char *Key,
                int64_t Min, int64_t Max, int64_t &Out) {
    const JsonValue *V = Obj.get(Key);
    if (!V)
      return fail(Path, std::string("missing \"") + Key + "\"");
    return integer(*V, Path + "." + Key, Min, Max, Out);
  }

  bool indexList(const JsonValue &Obj, const std::string &Path, const char *Key,
                 int64_t Limit, std::vector<int32_t> &Out) {
    const JsonValue *V =
        field(Obj, Path, Key, JsonValue::Kind::Array, "an array");
    if (!V)
      return false;
    for (size_t I = 0; I < V->Array.size(); ++I) {
      int64_t Index;
      if (!integer(V->Array[I],
                   Path + "." + Key + "[" + std::to_string(I) + "]", 0,
                   Limit - 1, Index))
        return false;
      Out.push_back(static_cast<int32_t>(Index));
    }
    return true;
  }

  bool shape(const JsonValue &Obj, const std::string &Path, int32_t Rank,
             Shape &Out) {
    const JsonValue *V =
        field(Obj, Path, "shape", JsonValue::Kind::Array, "an array");
    if (!V)
      return false;
    if (static_cast<int32_t>(V->Array.size()) != Rank)
      return fail(Path + ".shape",
                  "expected " + std::to_string(Rank) + " dimensions");
    Out.Rank = Rank;
    for (int32_t I = 0; I < Rank; ++I) {
      int64_t D;
      if (!integer(V->Array[I], Path + ".shape[" + std::to_string(I) + "]", 0,
                   INT64_MAX, D))
        return false;
      Out.Dims[I] = D;
    }
    return true;
  }

  bool tensor(const JsonValue &Obj, const std::string &Path, TensorSpec &Out) {
    if (Obj.K != JsonValue::Kind::Object)
      return fail(Path, "expected an object");
    const JsonValue *Name =
        field(Obj, Path, "name", JsonValue::Kind::String, "a string");
    const JsonValue *DType =
        Name ? field(Obj, Path, "dtype", JsonValue::Kind::String, "a string")
             : nullptr;
    const JsonValue *Bcast = DType ? field(Obj, Path, "broadcastable",
                                           JsonValue::Kind::Array, "an array")
                                   : nullptr;
    if (!Bcast)
      return false;
    Out.Name = Name->String;
    Out.DType = dtypeFromName(DType->String);
    if (Out.DType < 0)
      return fail(Path + ".dtype", "unknown dtype '" + DType->String + "'");
    if (Bcast->Array.size() > TCC_MAX_RANK)
      return fail(Path + ".broadcastable",
                  "rank above " + std::to_string(TCC_MAX_RANK));
    for (const JsonValue &B : Bcast->Array) {
      if (B.K != JsonValue::Kind::Bool)
        return fail(Path + ".broadcastable", "expected booleans");
      Out.Broadcastable.push_back(B.Bool);
    }
    return true;
  }
};

/// Checks that a value of `S` elements of `DType` at `Offset` lies inside the
/// data blob and is aligned for its element type.
bool checkBlob(Reader &R, const std::string &Path, const Shape &S,
               int32_t DType, uint64_t Offset, uint64_t DataSize) {
  int64_t Count, Bytes;
  if (!countElements(S.Dims, S.Rank, dtypeSize(DType), Count, Bytes))
    return R.fail(Path + ".shape", "size overflows");
  if (Offset > DataSize || static_cast<uint64_t>(Bytes) > DataSize - Offset)
    return R.fail(Path + ".offset",
                  "value of " + std::to_string(Bytes) + " bytes at offset " +
                      std::to_string(Offset) + " lies outside __tcc_data (" +
                      std::to_string(DataSize) + " bytes)");
  if (Offset % dtypeSize(DType) != 0)
    return R.fail(Path + ".offset",
                  "not aligned for " + std::string(dtypeName(DType)));
  return true;
}

/// A size (ABI.md): `[argument, dimension]`, `{"value": argument}`, an
/// integer, `{"dims": [[argument, dimension], ...], "plus": constant}` (a
/// sum), `{"add": [...]}`, `{"mul": [...]}`, `{"floordiv": [a, b]}`,
/// `{"min": [a, b]}`, `{"max": [a, b]}` or `{"slice": size, "start": size|null, "stop": size|null, "step": int}`.
bool parseSizeExpr(Reader &R, const JsonValue &V, const std::string &Path,
                   const FunctionSpec &F, const Manifest &M, SizeExpr &Out,
                   int Depth = 0) {
  if (Depth > 64)
    return R.fail(Path, "size expression nested too deeply");
  auto SpecOf = [&](int64_t Arg) -> const TensorSpec & {
    if (Arg < static_cast<int64_t>(F.Inputs.size()))
      return F.Inputs[Arg];
    return M.Shared[F.Reads[Arg - F.Inputs.size()]];
  };
  auto Dim = [&](const JsonValue &Pair, const std::string &P, SizeExpr &E) {
    if (Pair.K != JsonValue::Kind::Array || Pair.Array.size() != 2)
      return R.fail(P, "expected [argument, dimension]");
    int64_t Arg, D;
    if (!R.integer(Pair.Array[0], P + "[0]", 0, F.numKernelArgs() - 1, Arg))
      return false;
    if (!R.integer(Pair.Array[1], P + "[1]", 0, SpecOf(Arg).rank() - 1, D))
      return false;
    E.K = SizeExpr::Kind::Dim;
    E.Arg = static_cast<int32_t>(Arg);
    E.Dim = static_cast<int32_t>(D);
    return true;
  };
  auto Sub = [&](const JsonValue &E, const std::string &P) {
    Out.Operands.emplace_back();
    return parseSizeExpr(R, E, P, F, M, Out.Operands.back(), Depth + 1);
  };
  auto Operands = [&](const JsonValue &List, const std::string &P,
                      size_t Count) {
    if (List.K != JsonValue::Kind::Array || List.Array.empty() ||
        (Count && List.Array.size() != Count))
      return R.fail(P, Count ? "expected " + std::to_string(Count) + " sizes"
                             : std::string("expected a non-empty array"));
    for (size_t I = 0; I < List.Array.size(); ++I)
      if (!Sub(List.Array[I], P + "[" + std::to_string(I) + "]"))
        return false;
    return true;
  };
  auto OptionalBound = [&](const char *Key, bool &Has) {
    const JsonValue *E = V.get(Key);
    Has = E && !E->isNull();
    return !Has || Sub(*E, Path + "." + Key);
  };
  if (V.K == JsonValue::Kind::Array)
    return Dim(V, Path, Out);
  if (V.K == JsonValue::Kind::Number) {
    // Negative constants occur in slice bounds computed from values.
    Out.K = SizeExpr::Kind::Const;
    return R.integer(V, Path, INT64_MIN + 1, INT64_MAX, Out.Value);
  }
  if (V.K != JsonValue::Kind::Object)
    return R.fail(Path, "expected a size expression");
  if (const JsonValue *Arg = V.get("value")) {
    int64_t K;
    if (!R.integer(*Arg, Path + ".value", 0, F.numKernelArgs() - 1, K))
      return false;
    const TensorSpec &S = SpecOf(K);
    if (S.rank() != 0 || S.DType == TCC_FLOAT32 || S.DType == TCC_FLOAT64 ||
        S.DType == TCC_COMPLEX64 || S.DType == TCC_COMPLEX128)
      return R.fail(Path + ".value", "argument " + std::to_string(K) +
                                         " is not an integer scalar");
    Out.K = SizeExpr::Kind::ArgValue;
    Out.Arg = static_cast<int32_t>(K);
    return true;
  }
  if (const JsonValue *Dims = V.get("dims")) {
    // A sum of dimensions and a constant.
    Out.K = SizeExpr::Kind::Add;
    if (Dims->K != JsonValue::Kind::Array)
      return R.fail(Path + ".dims", "expected an array");
    for (size_t I = 0; I < Dims->Array.size(); ++I) {
      Out.Operands.emplace_back();
      if (!Dim(Dims->Array[I], Path + ".dims[" + std::to_string(I) + "]",
               Out.Operands.back()))
        return false;
    }
    Out.Operands.emplace_back();
    return R.intField(V, Path, "plus", INT64_MIN + 1, INT64_MAX,
                      Out.Operands.back().Value);
  }
  for (auto [Key, Kind, Count] :
       {std::tuple{"add", SizeExpr::Kind::Add, size_t(0)},
        std::tuple{"mul", SizeExpr::Kind::Mul, size_t(0)},
        std::tuple{"floordiv", SizeExpr::Kind::FloorDiv, size_t(2)},
        std::tuple{"min", SizeExpr::Kind::Min, size_t(2)},
        std::tuple{"max", SizeExpr::Kind::Max, size_t(2)}})
    if (const JsonValue *List = V.get(Key)) {
      Out.K = Kind;
      return Operands(*List, Path + "." + Key, Count);
    }
  if (const JsonValue *Sliced = V.get("slice")) {
    Out.K = SizeExpr::Kind::SliceLength;
    if (!Sub(*Sliced, Path + ".slice") ||
        !OptionalBound("start", Out.HasStart) ||
        !OptionalBound("stop", Out.HasStop) ||
        !R.intField(V, Path, "step", INT64_MIN + 1, INT64_MAX, Out.Step))
      return false;
    if (Out.Step == 0)
      return R.fail(Path + ".step", "a slice step cannot be 0");
    return true;
  }
  return R.fail(Path, "expected a size expression");
}

bool parseFunction(Reader &R, const JsonValue &Obj, const std::string &Path,
                   const Manifest &M, uint64_t DataSize, FunctionSpec &F) {
  if (Obj.K != JsonValue::Kind::Object)
    return R.fail(Path, "expected an object");
  const JsonValue *Name =
      R.field(Obj, Path, "name", JsonValue::Kind::String, "a string");
  if (!Name)
    return false;
  F.Name = Name->String;
  // Optional: only reports use it.
  if (const JsonValue *Loc = Obj.get("loc");
      Loc && Loc->K == JsonValue::Kind::String)
    F.Loc = Loc->String;

  const JsonValue *Inputs =
      R.field(Obj, Path, "inputs", JsonValue::Kind::Array, "an array");
  if (!Inputs)
    return false;
  for (size_t I = 0; I < Inputs->Array.size(); ++I) {
    std::string IPath = Path + ".inputs[" + std::to_string(I) + "]";
    InputSpec In;
    if (!R.tensor(Inputs->Array[I], IPath, In))
      return false;
    const JsonValue *Default = Inputs->Array[I].get("default");
    if (Default && !Default->isNull()) {
      if (Default->K != JsonValue::Kind::Object)
        return R.fail(IPath + ".default", "expected null or an object");
      int64_t Offset;
      if (!R.shape(*Default, IPath + ".default", In.rank(), In.DefaultShape) ||
          !R.intField(*Default, IPath + ".default", "offset", 0, INT64_MAX,
                      Offset))
        return false;
      In.HasDefault = true;
      In.DefaultOffset = static_cast<uint64_t>(Offset);
      for (int32_t D = 0; D < In.rank(); ++D)
        if (In.Broadcastable[D] && In.DefaultShape.Dims[D] != 1)
          return R.fail(IPath + ".default.shape",
                        "broadcastable dimension is not 1");
      if (!checkBlob(R, IPath + ".default", In.DefaultShape, In.DType,
                     In.DefaultOffset, DataSize))
        return false;
    }
    F.Inputs.push_back(std::move(In));
  }
  // Callers may leave out only a trailing run of defaulted inputs.
  F.MinInputs = static_cast<int32_t>(F.Inputs.size());
  while (F.MinInputs > 0 && F.Inputs[F.MinInputs - 1].HasDefault)
    --F.MinInputs;

  int64_t NumShared = static_cast<int64_t>(M.Shared.size());
  if (!R.indexList(Obj, Path, "reads", NumShared, F.Reads) ||
      !R.indexList(Obj, Path, "updates", NumShared, F.Updates))
    return false;
  for (size_t I = 0; I < F.Updates.size(); ++I)
    for (size_t J = 0; J < I; ++J)
      if (F.Updates[I] == F.Updates[J])
        return R.fail(Path + ".updates", "shared variable '" +
                                             M.Shared[F.Updates[I]].Name +
                                             "' updated twice");
  if (const JsonValue *Downcast = Obj.get("allow_input_downcast")) {
    if (Downcast->K != JsonValue::Kind::Bool)
      return R.fail(Path + ".allow_input_downcast", "expected a boolean");
    F.AllowInputDowncast = Downcast->Bool;
  }
  // inplace is optional (no function of an -O0 model has one).
  std::vector<int32_t> InPlace;
  if (Obj.get("inplace") &&
      !R.indexList(Obj, Path, "inplace", NumShared, InPlace))
    return false;
  for (int32_t V : InPlace)
    if (std::find(F.Updates.begin(), F.Updates.end(), V) == F.Updates.end() ||
        std::find(F.Reads.begin(), F.Reads.end(), V) == F.Reads.end())
      return R.fail(Path + ".inplace", "shared variable '" + M.Shared[V].Name +
                                           "' is not both read and updated");
  for (int32_t U : F.Updates) {
    bool IsInPlace =
        std::find(InPlace.begin(), InPlace.end(), U) != InPlace.end();
    F.InPlace.push_back(IsInPlace);
    if (!IsInPlace)
      F.ResultUpdates.push_back(U);
  }

  const JsonValue *Outputs =
      R.field(Obj, Path, "outputs", JsonValue::Kind::Array, "an array");
  if (!Outputs)
    return false;
  for (size_t I = 0; I < Outputs->Array.size(); ++I) {
    TensorSpec Out;
    if (!R.tensor(Outputs->Array[I],
                  Path + ".outputs[" + std::to_string(I) + "]", Out))
      return false;
    F.Outputs.push_back(std::move(Out));
  }

  // shape_checks is optional: a function without broadcasting ops has none.
  if (const JsonValue *Checks = Obj.get("shape_checks")) {
    if (Checks->K != JsonValue::Kind::Array)
      return R.fail(Path + ".shape_checks", "expected an array");
    for (size_t I = 0; I < Checks->Array.size(); ++I) {
      std::string CPath = Path + ".shape_checks[" + std::to_string(I) + "]";
      const JsonValue &C = Checks->Array[I];
      if (C.K != JsonValue::Kind::Object)
        return R.fail(CPath, "expected an object");
      ShapeCheck Check;
      // "a" is always a size of the arguments; the other side is another
      // ("b"), an exact size ("size") or a lower bound ("min_size").
      const JsonValue *Size = C.get("size");
      const JsonValue *MinSize = C.get("min_size");
      bool HasB = C.get("b") != nullptr;
      if (!HasB && (Size || MinSize)) {
        Check.K = Size ? ShapeCheck::Kind::Size : ShapeCheck::Kind::MinSize;
        const char *Key = Size ? "size" : "min_size";
        if (!R.integer(*(Size ? Size : MinSize), CPath + "." + Key, 0,
                       INT64_MAX, Check.Value))
          return false;
      }
      for (int Side = 0; Side < (Check.K == ShapeCheck::Kind::Equal ? 2 : 1);
           ++Side) {
        const char *Key = Side ? "b" : "a";
        const JsonValue *V = C.get(Key);
        if (!V)
          return R.fail(CPath, std::string("missing \"") + Key + "\"");
        if (!parseSizeExpr(R, *V, CPath + "." + Key, F, M,
                           Side ? Check.B : Check.A))
          return false;
      }
      if (const JsonValue *Reason = C.get("reason"))
        if (Reason->K == JsonValue::Kind::String)
          Check.Reason = Reason->String;
      F.Checks.push_back(std::move(Check));
    }
  }
  return true;
}

} // namespace

/// The "profile" section of a `tcc --profile` model: one entry per kernel.
static bool parseProfile(Reader &R, const JsonValue &Profile, Manifest &M) {
  if (Profile.K != JsonValue::Kind::Object)
    return R.fail("profile", "expected an object");
  const JsonValue *Kernels = R.field(Profile, "profile", "kernels",
                                     JsonValue::Kind::Array, "an array");
  if (!Kernels)
    return false;
  for (size_t I = 0; I < Kernels->Array.size(); ++I) {
    const JsonValue &K = Kernels->Array[I];
    std::string Path = "profile.kernels[" + std::to_string(I) + "]";
    ProfiledKernel Out;
    int64_t Function;
    if (!R.intField(K, Path, "function", -1,
                    static_cast<int64_t>(M.Functions.size()) - 1, Function))
      return false;
    Out.Function = static_cast<int32_t>(Function);
    const JsonValue *Kind =
        R.field(K, Path, "kind", JsonValue::Kind::String, "a string");
    const JsonValue *Ops =
        R.field(K, Path, "ops", JsonValue::Kind::String, "a string");
    const JsonValue *Locs =
        R.field(K, Path, "locs", JsonValue::Kind::Array, "an array");
    if (!Kind || !Ops || !Locs)
      return false;
    Out.Kind = Kind->String;
    Out.Ops = Ops->String;
    for (size_t L = 0; L < Locs->Array.size(); ++L) {
      if (Locs->Array[L].K != JsonValue::Kind::String)
        return R.fail(Path + ".locs[" + std::to_string(L) + "]",
                      "expected a string");
      Out.Locs.push_back(Locs->Array[L].String);
    }
    M.ProfileKernels.push_back(std::move(Out));
  }
  M.Profiled = true;
  return true;
}

bool parseManifest(const char *Text, uint64_t DataSize, Manifest &M,
                   std::string &Error) {
  JsonValue Root;
  if (!parseJson(Text, Root, Error)) {
    Error = "manifest: " + Error;
    return false;
  }
  Reader R;
  auto Done = [&](bool Ok) {
    if (!Ok)
      Error = "manifest: " + R.Error;
    return Ok;
  };
  if (Root.K != JsonValue::Kind::Object)
    return Done(R.fail("(root)", "expected an object"));
  if (!R.intField(Root, "(root)", "tcc_abi", 0, INT64_MAX, M.Abi))
    return Done(false);
  if (M.Abi != 1)
    return Done(R.fail("tcc_abi", "this runtime implements ABI 1, got " +
                                      std::to_string(M.Abi)));
  if (const JsonValue *Model = Root.get("model"))
    if (Model->K == JsonValue::Kind::String)
      M.Model = Model->String;

  const JsonValue *Shared =
      R.field(Root, "(root)", "shared", JsonValue::Kind::Array, "an array");
  if (!Shared)
    return Done(false);
  for (size_t I = 0; I < Shared->Array.size(); ++I) {
    std::string Path = "shared[" + std::to_string(I) + "]";
    SharedSpec S;
    int64_t Offset;
    if (!R.tensor(Shared->Array[I], Path, S) ||
        !R.shape(Shared->Array[I], Path, S.rank(), S.InitialShape) ||
        !R.intField(Shared->Array[I], Path, "offset", 0, INT64_MAX, Offset))
      return Done(false);
    S.Offset = static_cast<uint64_t>(Offset);
    for (int32_t D = 0; D < S.rank(); ++D)
      if (S.Broadcastable[D] && S.InitialShape.Dims[D] != 1)
        return Done(
            R.fail(Path + ".shape", "broadcastable dimension is not 1"));
    if (!checkBlob(R, Path, S.InitialShape, S.DType, S.Offset, DataSize))
      return Done(false);
    M.Shared.push_back(std::move(S));
  }

  const JsonValue *Functions =
      R.field(Root, "(root)", "functions", JsonValue::Kind::Array, "an array");
  if (!Functions)
    return Done(false);
  for (size_t I = 0; I < Functions->Array.size(); ++I) {
    FunctionSpec F;
    if (!parseFunction(R, Functions->Array[I],
                       "functions[" + std::to_string(I) + "]", M, DataSize, F))
      return Done(false);
    M.Functions.push_back(std::move(F));
  }
  // These lists are optional: only kernels that read indices at run time,
  // were compiled with --nan-guard, or allocate, number what they check.
  for (auto [Key, List] : {std::pair{"index_checks", &M.IndexChecks},
                           std::pair{"nan_checks", &M.NanChecks},
                           std::pair{"alloc_sites", &M.AllocSites}}) {
    const JsonValue *Checks = Root.get(Key);
    if (!Checks)
      continue;
    if (Checks->K != JsonValue::Kind::Array)
      return Done(R.fail(Key, "expected an array"));
    for (size_t I = 0; I < Checks->Array.size(); ++I) {
      if (Checks->Array[I].K != JsonValue::Kind::String)
        return Done(R.fail(std::string(Key) + "[" + std::to_string(I) + "]",
                           "expected a string"));
      List->push_back(Checks->Array[I].String);
    }
  }
  if (const JsonValue *Debug = Root.get("debug_mode"))
    M.DebugMode = Debug->K == JsonValue::Kind::Bool && Debug->Bool;
  if (const JsonValue *Device = Root.get("device")) {
    if (Device->K != JsonValue::Kind::String ||
        (Device->String != "cpu" && Device->String != "cuda"))
      return Done(R.fail("device", "expected \"cpu\" or \"cuda\""));
    M.Cuda = Device->String == "cuda";
  }
  if (const JsonValue *Index = Root.get("cuda_device")) {
    if (Index->K != JsonValue::Kind::Number || Index->Number < 0 ||
        Index->Number != static_cast<int32_t>(Index->Number))
      return Done(R.fail("cuda_device", "expected a GPU number"));
    M.CudaDevice = static_cast<int32_t>(Index->Number);
  }
  if (const JsonValue *Profile = Root.get("profile"))
    if (!parseProfile(R, *Profile, M))
      return Done(false);
  // The API finds functions and shared variables (and .npz entries) by name.
  for (size_t I = 0; I < M.Shared.size(); ++I)
    for (size_t J = 0; J < I; ++J)
      if (M.Shared[I].Name == M.Shared[J].Name)
        return Done(R.fail("shared[" + std::to_string(I) + "].name",
                           "duplicate name '" + M.Shared[I].Name + "'"));
  for (size_t I = 0; I < M.Functions.size(); ++I)
    for (size_t J = 0; J < I; ++J)
      if (M.Functions[I].Name == M.Functions[J].Name)
        return Done(R.fail("functions[" + std::to_string(I) + "].name",
                           "duplicate name '" + M.Functions[I].Name + "'"));
  return true;
}

const Manifest *getManifest() {
  static std::once_flag Once;
  static Manifest M;
  static std::string ParseError;
  static bool Ok = false;
  std::call_once(Once, [] {
    Ok = parseManifest(__tcc_manifest, __tcc_data_size, M, ParseError);
    // A CUDA model's buffers are all managed memory, from the first one on
    // (its shared variables' initial values).
    if (Ok && M.Cuda) {
      setCudaDevice(M.CudaDevice);
      useManagedMemory();
    }
    if (Ok)
      for (size_t I = 0; I < M.Functions.size(); ++I)
        if (!__tcc_kernels[I] ||
            (M.DebugMode &&
             (!__tcc_reference_kernels || !__tcc_reference_kernels[I]))) {
          ParseError =
              "manifest: no kernel for function '" + M.Functions[I].Name + "'";
          Ok = false;
          break;
        }
  });
  if (!Ok) {
    fail(TCC_ERROR_INTERNAL, ParseError);
    return nullptr;
  }
  return &M;
}

} // namespace tcc::rt
