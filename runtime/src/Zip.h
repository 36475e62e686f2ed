//===- Zip.h - Uncompressed (stored) zip archives ---------------*- C++ -*-===//
//
// An .npz file is a zip archive of .npy files. NumPy's savez stores them
// uncompressed, so reading and writing stored entries (with zip64 for large
// arrays; numpy.savez always writes zip64 local headers) is all the runtime
// needs, and it keeps model libraries free of a zlib dependency.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_ZIP_H
#define TCC_RUNTIME_ZIP_H

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace tcc::rt {

/// CRC-32 (zip's polynomial) of `N` bytes, continuing from `Crc`.
uint32_t crc32Update(uint32_t Crc, const void *Data, uint64_t N);

/// An entry to write: its name and the byte ranges of its contents.
struct ZipWriteEntry {
  std::string Name;
  std::vector<std::pair<const void *, uint64_t>> Parts;
};

/// Writes `Entries` as a stored zip archive to `F`. Returns false and sets
/// `Error` on an I/O error.
bool writeZip(std::FILE *F, const std::vector<ZipWriteEntry> &Entries,
              std::string &Error);

/// A stored entry of an archive being read.
struct ZipReadEntry {
  std::string Name;
  /// File offset of the entry's contents and their size.
  uint64_t DataOffset = 0;
  uint64_t Size = 0;
  uint32_t Crc = 0;
};

/// Lists the entries of the zip archive open as `Fd`. Fails on compressed or
/// encrypted entries and on anything malformed, with an `Error` that reads
/// after the file's name ("is not a valid zip archive (...)").
bool listZip(int Fd, std::vector<ZipReadEntry> &Entries, std::string &Error);

/// Reads exactly `N` bytes at `Offset` of `Fd`.
bool readAt(int Fd, uint64_t Offset, void *Buffer, uint64_t N);

} // namespace tcc::rt

#endif // TCC_RUNTIME_ZIP_H
