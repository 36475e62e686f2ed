//===- Shared.h - Storage of the model's shared variables -------*- C++ -*-===//
//
// Each shared variable's current value is a contiguous buffer behind a
// shared_ptr: a call takes a snapshot of the values it reads (so a concurrent
// commit cannot free them under its kernel), and committing an update swaps
// a new buffer in. Buffers are never written after they are published, which
// is what makes a failed call leave every shared variable as it was.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_SHARED_H
#define TCC_RUNTIME_SHARED_H

#include "Array.h"

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace tcc::rt {

struct Manifest;

/// A contiguous value (immutable unless written in place, see above).
struct SharedValue {
  std::shared_ptr<void> Data;
  Shape S;
};

class SharedState {
public:
  /// The state of this model, initialized on first use from __tcc_data.
  /// Returns nullptr (error recorded) if the manifest is malformed.
  static SharedState *get();

  /// Guards `Values`; held only to copy or swap pointers.
  std::mutex StateMutex;
  /// Serializes everything that replaces values (calls with updates, set,
  /// reset, load), so an update computed from old values is never committed
  /// over a value stored in between: the state moves as if these ran one at
  /// a time.
  std::mutex UpdateMutex;
  /// Held shared by everything that reads values' buffers (calls, get,
  /// save) and exclusively by a call whose kernel writes buffers in place.
  /// Lock order: UpdateMutex, BufferMutex, StateMutex.
  std::shared_mutex BufferMutex;

  const Manifest &M;
  std::vector<SharedValue> Values;
  /// The compiled-in values (pointing into __tcc_data), for reset.
  std::vector<SharedValue> Initial;

  /// Copies of the values at `Indices`, taken under StateMutex.
  std::vector<SharedValue> snapshot(const std::vector<int32_t> &Indices);
  /// The same into `Out` (cleared first), whose capacity calls reuse.
  void snapshot(const std::vector<int32_t> &Indices,
                std::vector<SharedValue> &Out);

  /// Makes the value at `Index` a buffer a kernel may overwrite: owned by
  /// the runtime (not the read-only initial value) and referenced by no
  /// snapshot, copying it if needed. Needs UpdateMutex and BufferMutex held
  /// exclusively; `Fn` names the caller in the out-of-memory error.
  int makeWritable(int32_t Index, const std::string &Fn);

private:
  explicit SharedState(const Manifest &M);
};

int sharedGet(const char *Name, tcc_array *Out);
int sharedSet(const char *Name, const tcc_array *Value);
int sharedReset();

} // namespace tcc::rt

#endif // TCC_RUNTIME_SHARED_H
