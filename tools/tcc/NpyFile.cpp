//===- NpyFile.cpp - Reading .npy arguments for `tcc run` -----------------===//

#include "NpyFile.h"

#include <fstream>
#include <sstream>

bool tcc::readNpy(const std::string &path, int64_t dtype,
                  std::vector<int64_t> &shape, std::vector<char> &data,
                  std::string &error) {
  // Indexed by tcc_dtype.
  static const char *descrs[] = {"|b1", "|i1", "<i2", "<i4", "<i8",
                                 "|u1", "<u2", "<u4", "<u8", "<f4",
                                 "<f8", "<c8", "<c16"};
  static const int64_t sizes[] = {1, 1, 2, 4, 8, 1, 2, 4, 8, 4, 8, 8, 16};
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return error = "cannot open '" + path + "'", false;
  char magic[8];
  if (!in.read(magic, 8) || std::string(magic + 1, 5) != "NUMPY")
    return error = "'" + path + "' is not a .npy file", false;
  uint32_t headerLen = 0;
  unsigned char b[4] = {0, 0, 0, 0};
  if (magic[6] == 1) {
    in.read(reinterpret_cast<char *>(b), 2);
    headerLen = b[0] | (b[1] << 8);
  } else {
    in.read(reinterpret_cast<char *>(b), 4);
    headerLen = b[0] | (b[1] << 8) | (b[2] << 16) | (uint32_t(b[3]) << 24);
  }
  std::string header(headerLen, '\0');
  if (!in.read(header.data(), headerLen))
    return error = "truncated .npy header in '" + path + "'", false;
  if (header.find("'fortran_order': False") == std::string::npos)
    return error = "'" + path + "' is Fortran-ordered; save it C-ordered",
           false;
  // Up to the closing quote: most type strings have 3 characters, "<c16"
  // has 4.
  size_t d = header.find("'descr': '");
  std::string descr =
      d == std::string::npos
          ? ""
          : header.substr(d + 10, header.find('\'', d + 10) - (d + 10));
  if (descr != descrs[dtype])
    return error = "'" + path + "' holds dtype '" + descr +
                   "' but the input needs '" + descrs[dtype] + "'",
           false;
  size_t s = header.find("'shape': (");
  if (s == std::string::npos)
    return error = "no shape in the .npy header of '" + path + "'", false;
  std::string dims = header.substr(s + 10, header.find(')', s) - s - 10);
  std::stringstream ss(dims);
  std::string item;
  int64_t count = 1;
  shape.clear();
  while (std::getline(ss, item, ','))
    if (item.find_first_not_of(' ') != std::string::npos) {
      shape.push_back(std::stoll(item));
      count *= shape.back();
    }
  data.resize(count * sizes[dtype]);
  if (!in.read(data.data(), data.size()))
    return error = "'" + path + "' has less data than its shape says", false;
  return true;
}
