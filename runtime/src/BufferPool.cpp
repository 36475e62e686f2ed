//===- BufferPool.cpp - Large buffers kept for the next call --------------===//

#include "BufferPool.h"

#include <algorithm>
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

struct Pool {
  std::mutex Mutex;
  const uint64_t Limit = cacheLimit();
  /// Blocks handed out, with their capacities: how poolFree knows a pooled
  /// block from a small one.
  std::unordered_map<void *, size_t> Out;
  /// Freed blocks (capacity, pointer), oldest first.
  std::deque<std::pair<size_t, void *>> Cached;
  uint64_t CachedBytes = 0;
};

Pool &pool() {
  // Never destroyed: buffers may be freed by static destructors of the
  // program after this file's would have run.
  static Pool *P = new Pool;
  return *P;
}

} // namespace

void *poolAllocate(size_t Alignment, size_t Bytes) {
  size_t Rounded = (Bytes + Alignment - 1) & ~(Alignment - 1);
  if (Rounded < Bytes)
    return nullptr;
  if (Rounded == 0)
    Rounded = Alignment;
  if (Rounded < kPoolMinBytes || Alignment > kPoolAlignment)
    return std::aligned_alloc(Alignment, Rounded);

  Pool &P = pool();
  Rounded = (Rounded + kPoolAlignment - 1) & ~(kPoolAlignment - 1);
  {
    std::lock_guard<std::mutex> Lock(P.Mutex);
    // The smallest cached block that fits and wastes at most a quarter.
    auto Best = P.Cached.end();
    for (auto It = P.Cached.begin(); It != P.Cached.end(); ++It)
      if (It->first >= Rounded && It->first - Rounded <= Rounded / 4 &&
          (Best == P.Cached.end() || It->first < Best->first))
        Best = It;
    if (Best != P.Cached.end()) {
      auto [Capacity, Block] = *Best;
      P.Cached.erase(Best);
      P.CachedBytes -= Capacity;
      P.Out.emplace(Block, Capacity);
      return Block;
    }
  }
  void *Block = std::aligned_alloc(kPoolAlignment, Rounded);
  if (!Block)
    return nullptr;
  std::lock_guard<std::mutex> Lock(P.Mutex);
  try {
    P.Out.emplace(Block, Rounded);
  } catch (...) {
    std::free(Block);
    return nullptr;
  }
  return Block;
}

void poolFree(void *Block) {
  if (!Block)
    return;
  // A pooled block holds at least kPoolMinBytes; anything smaller is freed
  // without the lock and the lookup (most frees are of small temporaries).
  if (malloc_usable_size(Block) < kPoolMinBytes) {
    std::free(Block);
    return;
  }
  Pool &P = pool();
  std::unique_lock<std::mutex> Lock(P.Mutex);
  auto It = P.Out.find(Block);
  if (It == P.Out.end()) {
    Lock.unlock();
    std::free(Block);
    return;
  }
  size_t Capacity = It->second;
  P.Out.erase(It);
  if (Capacity > P.Limit) {
    Lock.unlock();
    std::free(Block);
    return;
  }
  // Make room, oldest first.
  std::deque<std::pair<size_t, void *>> Evicted;
  while (P.CachedBytes + Capacity > P.Limit && !P.Cached.empty()) {
    Evicted.push_back(P.Cached.front());
    P.CachedBytes -= P.Cached.front().first;
    P.Cached.pop_front();
  }
  try {
    P.Cached.emplace_back(Capacity, Block);
    P.CachedBytes += Capacity;
  } catch (...) {
    Evicted.emplace_back(Capacity, Block);
  }
  Lock.unlock();
  for (auto &[Size, Old] : Evicted)
    std::free(Old);
}

uint64_t poolCachedBytes() {
  Pool &P = pool();
  std::lock_guard<std::mutex> Lock(P.Mutex);
  return P.CachedBytes;
}

} // namespace tcc::rt
