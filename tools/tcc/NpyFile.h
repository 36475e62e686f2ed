//===- NpyFile.h - Reading .npy arguments for `tcc run` ---------*- C++ -*-===//

#ifndef TCC_TOOLS_NPYFILE_H
#define TCC_TOOLS_NPYFILE_H

#include <cstdint>
#include <string>
#include <vector>

namespace tcc {

/// Reads a C-ordered little-endian .npy file whose dtype is exactly `dtype`
/// (a tcc_dtype code). On failure returns false with a message in `error`.
bool readNpy(const std::string &path, int64_t dtype,
             std::vector<int64_t> &shape, std::vector<char> &data,
             std::string &error);

} // namespace tcc

#endif // TCC_TOOLS_NPYFILE_H
