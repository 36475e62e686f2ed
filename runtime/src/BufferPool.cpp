//===- BufferPool.cpp - Large buffers kept for the next call --------------===//

#include "BufferPool.h"

#include "Cuda.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <deque>
#include <malloc.h>
#include <mutex>
#include <unordered_map>

namespace tcc::rt {
namespace {

/// Pooled blocks are at least this aligned (a cache line, and what
/// allocateBuffer and the generated code ask for).
constexpr size_t kPoolAlignment = 64;

uint64_t cacheLimit() {
  const char *Text = std::getenv("TCC_BUFFER_CACHE_MB");
  if (!Text || !*Text)
    return uint64_t(1024) << 20;
  char *End;
  unsigned long long MiB = std::strtoull(Text, &End, 10);
  if (*End != '\0')
    return uint64_t(1024) << 20;
  return static_cast<uint64_t>(MiB) << 20;
}

/// Where a pool's blocks come from: the host heap, or CUDA managed memory.
struct Backing {
  void *(*Allocate)(size_t Bytes);
  void (*Free)(void *Block);
};

void *hostAllocate(size_t Bytes) {
  return std::aligned_alloc(kPoolAlignment, Bytes);
}

struct Pool {
  const Backing Memory;
  std::mutex Mutex;
  const uint64_t Limit = cacheLimit();
  /// Blocks handed out, with their capacities: how poolFree knows a pooled
  /// block from a small one.
  std::unordered_map<void *, size_t> Out;
  /// Freed blocks (capacity, pointer), oldest first.
  std::deque<std::pair<size_t, void *>> Cached;
  uint64_t CachedBytes = 0;

  explicit Pool(Backing Memory) : Memory(Memory) {}
  void *allocate(size_t Rounded);
  /// Takes `Block` back; false if it is not one of this pool's.
  bool free(void *Block);
};

// Never destroyed: buffers may be freed by static destructors of the
// program after this file's would have run.
Pool &hostPool() {
  static Pool *P = new Pool({hostAllocate, std::free});
  return *P;
}

/// Every block of a CUDA model, whatever its size: cuMemAllocManaged is
/// slow, and managed blocks are not malloc's to free.
Pool &managedPool() {
  static Pool *P = new Pool({cudaAllocateManaged, cudaFreeManaged});
  return *P;
}

std::atomic<bool> ManagedMemory{false};

void *Pool::allocate(size_t Rounded) {
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    // The smallest cached block that fits and wastes at most a quarter.
    auto Best = Cached.end();
    for (auto It = Cached.begin(); It != Cached.end(); ++It)
      if (It->first >= Rounded && It->first - Rounded <= Rounded / 4 &&
          (Best == Cached.end() || It->first < Best->first))
        Best = It;
    if (Best != Cached.end()) {
      auto [Capacity, Block] = *Best;
      Cached.erase(Best);
      CachedBytes -= Capacity;
      Out.emplace(Block, Capacity);
      return Block;
    }
  }
  void *Block = Memory.Allocate(Rounded);
  if (!Block)
    return nullptr;
  std::lock_guard<std::mutex> Lock(Mutex);
  try {
    Out.emplace(Block, Rounded);
  } catch (...) {
    Memory.Free(Block);
    return nullptr;
  }
  return Block;
}

bool Pool::free(void *Block) {
  std::unique_lock<std::mutex> Lock(Mutex);
  auto It = Out.find(Block);
  if (It == Out.end())
    return false;
  size_t Capacity = It->second;
  Out.erase(It);
  if (Capacity > Limit) {
    Lock.unlock();
    Memory.Free(Block);
    return true;
  }
  // Make room, oldest first.
  std::deque<std::pair<size_t, void *>> Evicted;
  while (CachedBytes + Capacity > Limit && !Cached.empty()) {
    Evicted.push_back(Cached.front());
    CachedBytes -= Cached.front().first;
    Cached.pop_front();
  }
  try {
    Cached.emplace_back(Capacity, Block);
    CachedBytes += Capacity;
  } catch (...) {
    Evicted.emplace_back(Capacity, Block);
  }
  Lock.unlock();
  for (auto &[Size, Old] : Evicted)
    Memory.Free(Old);
  return true;
}

} // namespace

void useManagedMemory() { ManagedMemory.store(true); }

void *poolAllocate(size_t Alignment, size_t Bytes) {
  size_t Rounded = (Bytes + Alignment - 1) & ~(Alignment - 1);
  if (Rounded < Bytes)
    return nullptr;
  if (Rounded == 0)
    Rounded = Alignment;
  if (ManagedMemory.load(std::memory_order_relaxed)) {
    // cuMemAllocManaged aligns to 256 bytes at least.
    if (Alignment > 256)
      return nullptr;
    return managedPool().allocate(std::max<size_t>(
        (Rounded + kPoolAlignment - 1) & ~(kPoolAlignment - 1), 256));
  }
  if (Rounded < kPoolMinBytes || Alignment > kPoolAlignment)
    return std::aligned_alloc(Alignment, Rounded);
  return hostPool().allocate((Rounded + kPoolAlignment - 1) &
                             ~(kPoolAlignment - 1));
}

void poolFree(void *Block) {
  if (!Block)
    return;
  // Managed blocks first: malloc_usable_size must not see them.
  if (ManagedMemory.load(std::memory_order_relaxed) &&
      managedPool().free(Block))
    return;
  // A pooled block holds at least kPoolMinBytes; anything smaller is freed
  // without the lock and the lookup (most frees are of small temporaries).
  if (malloc_usable_size(Block) < kPoolMinBytes || !hostPool().free(Block))
    std::free(Block);
}

uint64_t poolCachedBytes() {
  Pool &P = ManagedMemory.load() ? managedPool() : hostPool();
  std::lock_guard<std::mutex> Lock(P.Mutex);
  return P.CachedBytes;
}

} // namespace tcc::rt
