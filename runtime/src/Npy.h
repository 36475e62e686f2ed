//===- Npy.h - NumPy .npy headers -------------------------------*- C++ -*-===//
//
// Format: numpy/lib/format.py. A header is the magic "\x93NUMPY", a version,
// a length and a Python dict literal {'descr', 'fortran_order', 'shape'}.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_NPY_H
#define TCC_RUNTIME_NPY_H

#include "Array.h"

#include <cstdint>
#include <string>
#include <vector>

namespace tcc::rt {

/// NumPy's little-endian type string of `DType` ("<f8", "|b1").
std::string npyDescr(int32_t DType);

/// The dtype a type string denotes, or -1 if it is none of ours in native
/// (little-endian) byte order.
int32_t dtypeFromDescr(const std::string &Descr);

/// A version 1.0 header for a C-ordered array, padded as NumPy pads it.
std::string npyHeader(int32_t DType, const Shape &S);

struct NpyHeader {
  std::string Descr;
  bool FortranOrder = false;
  std::vector<int64_t> Dims;
  /// Bytes from the magic to the start of the data.
  uint64_t Size = 0;
};

/// Bytes of the fixed preamble to read before npyHeaderLength can tell the
/// rest: magic, version and the (2- or 4-byte) length.
constexpr uint64_t NpyPreambleSize = 12;

/// From the first `N` (>= 10) bytes, the total header size. False if the
/// magic or version is wrong.
bool npyHeaderSize(const unsigned char *Bytes, uint64_t N, uint64_t &Size,
                   std::string &Error);

/// Parses a whole header (`Size` bytes as npyHeaderSize said).
bool parseNpyHeader(const unsigned char *Bytes, uint64_t Size, NpyHeader &Out,
                    std::string &Error);

} // namespace tcc::rt

#endif // TCC_RUNTIME_NPY_H
