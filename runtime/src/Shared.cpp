//===- Shared.cpp - Storage of the model's shared variables ---------------===//

#include "Shared.h"

#include "Error.h"
#include "Manifest.h"
#include "ModelSymbols.h"
#include "Validate.h"

#include <cstring>

namespace tcc::rt {

SharedState::SharedState(const Manifest &M) : M(M) {
  for (const SharedSpec &Spec : M.Shared) {
    // The initial values are used in place: published buffers are never
    // written, so .rodata is as good as a copy and reset costs nothing. The
    // no-op deleter is because __tcc_data is not ours to free.
    void *P = const_cast<uint8_t *>(__tcc_data + Spec.Offset);
    SharedValue V;
    V.Data = std::shared_ptr<void>(P, [](void *) {});
    V.S = Spec.InitialShape;
    Initial.push_back(V);
  }
  Values = Initial;
}

SharedState *SharedState::get() {
  const Manifest *M = getManifest();
  if (!M)
    return nullptr;
  // A function-local static is initialized once even with concurrent callers.
  static SharedState State(*M);
  return &State;
}

std::vector<SharedValue>
SharedState::snapshot(const std::vector<int32_t> &Indices) {
  std::vector<SharedValue> Out;
  snapshot(Indices, Out);
  return Out;
}

void SharedState::snapshot(const std::vector<int32_t> &Indices,
                           std::vector<SharedValue> &Out) {
  Out.clear();
  Out.reserve(Indices.size());
  std::lock_guard<std::mutex> Lock(StateMutex);
  for (int32_t I : Indices)
    Out.push_back(Values[I]);
}

int SharedState::makeWritable(int32_t Index, const std::string &Fn) {
  std::lock_guard<std::mutex> Lock(StateMutex);
  SharedValue &V = Values[Index];
  const auto *P = static_cast<const uint8_t *>(V.Data.get());
  bool InData = P >= __tcc_data && P < __tcc_data + __tcc_data_size;
  if (!InData && V.Data.use_count() == 1)
    return TCC_OK;
  const SharedSpec &Spec = M.Shared[Index];
  int64_t Count, Bytes;
  countElements(V.S.Dims, V.S.Rank, dtypeSize(Spec.DType), Count, Bytes);
  UniqueBuffer Copy(allocateBuffer(Bytes));
  if (!Copy)
    return fail(TCC_ERROR_MEMORY, Fn + ": cannot allocate " +
                                      std::to_string(Bytes) +
                                      " bytes to update '" + Spec.Name +
                                      "' in place");
  if (Bytes)
    std::memcpy(Copy.get(), V.Data.get(), Bytes);
  // An equal value: replacing it changes nothing anyone can observe.
  V.Data = std::shared_ptr<void>(std::move(Copy));
  return TCC_OK;
}

/// Looks up `Name` for the API function `Api`, recording an error if absent.
static int findShared(SharedState &State, const char *Api, const char *Name,
                      int32_t &Index) {
  if (!Name)
    return fail(TCC_ERROR_ARGUMENT, std::string(Api) + ": name is null");
  Index = State.M.findShared(Name);
  if (Index < 0)
    return fail(TCC_ERROR_NOT_FOUND,
                std::string(Api) + ": no shared variable named '" + Name + "'");
  return TCC_OK;
}

int sharedGet(const char *Name, tcc_array *Out) {
  SharedState *State = SharedState::get();
  if (!State)
    return TCC_ERROR_INTERNAL;
  int32_t Index;
  if (int Status = findShared(*State, "tcc_shared_get", Name, Index))
    return Status;
  if (!Out)
    return fail(TCC_ERROR_ARGUMENT, "tcc_shared_get: out is null");
  std::shared_lock<std::shared_mutex> Reading(State->BufferMutex);
  std::vector<SharedValue> V = State->snapshot({Index});
  const SharedSpec &Spec = State->M.Shared[Index];
  int64_t Count, Bytes;
  countElements(V[0].S.Dims, V[0].S.Rank, dtypeSize(Spec.DType), Count, Bytes);
  void *Buffer = allocateBuffer(Bytes);
  if (!Buffer)
    return fail(TCC_ERROR_MEMORY, "tcc_shared_get: cannot allocate " +
                                      std::to_string(Bytes) + " bytes for '" +
                                      Spec.Name + "'");
  if (Bytes)
    std::memcpy(Buffer, V[0].Data.get(), Bytes);
  fillOwnedArray(*Out, Buffer, Buffer, Spec.DType, V[0].S);
  return TCC_OK;
}

int sharedSet(const char *Name, const tcc_array *Value) {
  SharedState *State = SharedState::get();
  if (!State)
    return TCC_ERROR_INTERNAL;
  int32_t Index;
  if (int Status = findShared(*State, "tcc_shared_set", Name, Index))
    return Status;
  const SharedSpec &Spec = State->M.Shared[Index];
  if (!Value)
    return fail(TCC_ERROR_ARGUMENT, "tcc_shared_set: value is null");
  SharedValue New;
  if (int Status =
          checkArray("tcc_shared_set: shared variable '" + Spec.Name + "'",
                     *Value, Spec.DType, Spec.Broadcastable, New.S))
    return Status;
  int64_t ElemSize = dtypeSize(Spec.DType);
  int64_t Count, Bytes;
  countElements(New.S.Dims, New.S.Rank, ElemSize, Count, Bytes);
  UniqueBuffer Buffer(allocateBuffer(Bytes));
  if (!Buffer)
    return fail(TCC_ERROR_MEMORY, "tcc_shared_set: cannot allocate " +
                                      std::to_string(Bytes) + " bytes for '" +
                                      Spec.Name + "'");
  copyToContiguous(static_cast<char *>(Buffer.get()),
                   static_cast<const char *>(Value->data), New.S.Dims,
                   Value->strides, New.S.Rank, ElemSize);
  New.Data = std::shared_ptr<void>(std::move(Buffer));
  std::lock_guard<std::mutex> Update(State->UpdateMutex);
  std::lock_guard<std::mutex> Lock(State->StateMutex);
  State->Values[Index].Data.swap(New.Data);
  State->Values[Index].S = New.S;
  // The old buffer is released here, or by the last call still reading it.
  return TCC_OK;
}

int sharedReset() {
  SharedState *State = SharedState::get();
  if (!State)
    return TCC_ERROR_INTERNAL;
  std::vector<SharedValue> Old;
  {
    std::lock_guard<std::mutex> Update(State->UpdateMutex);
    std::lock_guard<std::mutex> Lock(State->StateMutex);
    Old = State->Initial;
    State->Values.swap(Old);
  }
  return TCC_OK;
}

} // namespace tcc::rt
