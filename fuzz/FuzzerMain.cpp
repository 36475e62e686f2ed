//===- FuzzerMain.cpp - Runs a fuzz target without libFuzzer --------------===//
//
// In a build without libFuzzer (the normal, gcc-built tree) each fuzz target
// links this main instead, so the test suite runs every target in every
// build:
//
//   tcc-fuzz-X [-runs=N] [-seed=S] [-max_len=N] FILE_OR_DIR...
//
// runs each input file once (the corpus and the crash regressions), then N
// mutated inputs: a random input of the corpus changed by the target's
// LLVMFuzzerCustomMutator; for a target without one, random bytes or a
// corpus input with random byte mutations.
// Without libFuzzer's coverage feedback this is random testing around the
// corpus, bounded and reproducible (the seed); scripts/fuzz.sh runs the real,
// coverage-guided fuzzer.
//
//===----------------------------------------------------------------------===//

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc,
                                                          char ***argv);
extern "C" __attribute__((weak)) size_t
LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize,
                        unsigned int seed);

static std::mt19937 rng;

/// The input being run, written out if it crashes the target (as libFuzzer
/// writes crash-<hash>): a crash of a bounded run becomes a regression input.
static const uint8_t *currentData;
static size_t currentSize;
static const char kCrashFile[] = "fuzzer-crash-input";

static void saveCrashInput(int signal) {
  int fd = open(kCrashFile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    ssize_t written = write(fd, currentData, currentSize);
    (void)written;
    close(fd);
    static const char note[] = "fuzzer: the input is in fuzzer-crash-input\n";
    written = write(2, note, sizeof note - 1);
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

static int runInput(const uint8_t *data, size_t size) {
  currentData = data;
  currentSize = size;
  return LLVMFuzzerTestOneInput(data, size);
}

/// libFuzzer's byte mutator, which custom mutators call for the plain
/// mutations: flip, insert or erase a byte.
extern "C" size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize) {
  switch (rng() % 3) {
  case 0:
    if (size) {
      data[rng() % size] ^= static_cast<uint8_t>(1u << (rng() % 8));
      return size;
    }
    [[fallthrough]];
  case 1:
    if (size < maxSize) {
      size_t at = rng() % (size + 1);
      std::memmove(data + at + 1, data + at, size - at);
      data[at] = static_cast<uint8_t>(rng());
      return size + 1;
    }
    [[fallthrough]];
  default:
    if (size) {
      size_t at = rng() % size;
      std::memmove(data + at, data + at + 1, size - at - 1);
      return size - 1;
    }
    return size;
  }
}

static bool readFile(const std::filesystem::path &path,
                     std::vector<uint8_t> &bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return false;
  bytes.assign(std::istreambuf_iterator<char>(in), {});
  return true;
}

static long flagValue(const char *arg, const char *name, long fallback) {
  size_t n = std::strlen(name);
  return std::strncmp(arg, name, n) == 0 ? std::atol(arg + n) : fallback;
}

int main(int argc, char **argv) {
  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize(&argc, &argv);
  for (int signal : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL})
    std::signal(signal, saveCrashInput);
  long runs = 0, seed = 1, maxLen = 4096;
  std::vector<std::vector<uint8_t>> corpus;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (arg[0] == '-') {
      runs = flagValue(arg, "-runs=", runs);
      seed = flagValue(arg, "-seed=", seed);
      maxLen = flagValue(arg, "-max_len=", maxLen);
      continue;
    }
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(arg)) {
      for (const auto &entry : std::filesystem::directory_iterator(arg))
        if (entry.is_regular_file())
          files.push_back(entry.path());
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(arg);
    }
    for (const auto &file : files) {
      std::vector<uint8_t> bytes;
      if (!readFile(file, bytes)) {
        std::fprintf(stderr, "fuzzer: cannot read '%s'\n", file.c_str());
        return 1;
      }
      runInput(bytes.data(), bytes.size());
      corpus.push_back(std::move(bytes));
    }
  }
  std::printf("fuzzer: ran %zu inputs\n", corpus.size());
  rng.seed(static_cast<unsigned>(seed));
  if (runs > 0 && corpus.empty())
    corpus.emplace_back();
  for (long run = 0; run < runs; ++run) {
    std::vector<uint8_t> input = corpus[rng() % corpus.size()];
    size_t size = input.size();
    size_t capacity = std::max<size_t>(size, maxLen);
    input.resize(capacity);
    if (LLVMFuzzerCustomMutator) {
      size = LLVMFuzzerCustomMutator(input.data(), size, capacity, rng());
    } else if (rng() % 2) {
      // Fresh random bytes: a target without a mutator decodes its input
      // (FuzzedDataProvider), so any bytes are a meaningful input.
      size = rng() % std::min<size_t>(capacity, 512);
      for (size_t i = 0; i < size; ++i)
        input[i] = static_cast<uint8_t>(rng());
    } else {
      for (unsigned n = 1 + rng() % 8; n; --n)
        size = LLVMFuzzerMutate(input.data(), size, capacity);
    }
    runInput(input.data(), size);
  }
  if (runs > 0)
    std::printf("fuzzer: ran %ld mutated inputs (seed %ld)\n", runs, seed);
  return 0;
}
