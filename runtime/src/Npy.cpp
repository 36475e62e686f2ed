//===- Npy.cpp - NumPy .npy headers ---------------------------------------===//

#include "Npy.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace tcc::rt {

namespace {
// Indexed by tcc_dtype.
const char *const Descrs[] = {"b1", "i1", "i2", "i4", "i8", "u1", "u2",
                              "u4", "u8", "f4", "f8", "c8", "c16"};
constexpr int32_t NumDescrs = sizeof(Descrs) / sizeof(Descrs[0]);
} // namespace

std::string npyDescr(int32_t DType) {
  if (DType < 0 || DType >= NumDescrs)
    return "";
  // One-byte types have no byte order; NumPy writes '|' for them.
  return std::string(dtypeSize(DType) == 1 ? "|" : "<") + Descrs[DType];
}

int32_t dtypeFromDescr(const std::string &Descr) {
  if (Descr.size() < 3)
    return -1;
  std::string Code = Descr.substr(1);
  for (int32_t I = 0; I < NumDescrs; ++I) {
    if (Code != Descrs[I])
      continue;
    char Order = Descr[0];
    if (Order == '<' || Order == '=' || (Order == '|' && dtypeSize(I) == 1) ||
        (Order == '>' && dtypeSize(I) == 1))
      return I;
    return -1;
  }
  return -1;
}

std::string npyHeader(int32_t DType, const Shape &S) {
  std::string Dict = "{'descr': '" + npyDescr(DType) +
                     "', 'fortran_order': False, 'shape': " + formatShape(S) +
                     ", }";
  // NumPy pads with spaces and a newline so the data starts 64-byte aligned.
  size_t Total = 10 + Dict.size() + 1;
  size_t Padded = (Total + 63) / 64 * 64;
  Dict.append(Padded - Total, ' ');
  Dict += '\n';
  std::string Header("\x93NUMPY\x01\x00", 8);
  Header += char(Dict.size() & 0xFF);
  Header += char(Dict.size() >> 8);
  return Header + Dict;
}

bool npyHeaderSize(const unsigned char *Bytes, uint64_t N, uint64_t &Size,
                   std::string &Error) {
  if (N < 10 || std::memcmp(Bytes, "\x93NUMPY", 6) != 0) {
    Error = "is not a .npy file";
    return false;
  }
  unsigned Major = Bytes[6];
  if (Major == 1) {
    Size = 10 + (uint64_t(Bytes[8]) | uint64_t(Bytes[9]) << 8);
    return true;
  }
  if ((Major == 2 || Major == 3) && N >= 12) {
    Size = 12 + (uint64_t(Bytes[8]) | uint64_t(Bytes[9]) << 8 |
                 uint64_t(Bytes[10]) << 16 | uint64_t(Bytes[11]) << 24);
    return true;
  }
  Error = "has unsupported .npy version " + std::to_string(Major);
  return false;
}

namespace {

/// Reads the Python literal NumPy writes: a dict of str keys whose values
/// are str, bool or a tuple of ints.
class DictParser {
public:
  DictParser(const char *Begin, const char *End) : Cur(Begin), End(End) {}

  bool parse(NpyHeader &Out) {
    bool HaveDescr = false, HaveOrder = false, HaveShape = false;
    if (!expect('{'))
      return false;
    for (;;) {
      skip();
      if (peek() == '}')
        break;
      std::string Key;
      if (!string(Key) || !expect(':'))
        return false;
      skip();
      if (Key == "descr") {
        HaveDescr = string(Out.Descr);
        if (!HaveDescr)
          return false;
      } else if (Key == "fortran_order") {
        if (word("True"))
          Out.FortranOrder = true;
        else if (word("False"))
          Out.FortranOrder = false;
        else
          return false;
        HaveOrder = true;
      } else if (Key == "shape") {
        HaveShape = tuple(Out.Dims);
        if (!HaveShape)
          return false;
      } else {
        return false;
      }
      skip();
      if (peek() == ',') {
        ++Cur;
        continue;
      }
      if (peek() != '}')
        return false;
    }
    return HaveDescr && HaveOrder && HaveShape;
  }

private:
  const char *Cur, *End;

  char peek() const { return Cur < End ? *Cur : '\0'; }
  void skip() {
    while (Cur < End && (*Cur == ' ' || *Cur == '\n' || *Cur == '\t'))
      ++Cur;
  }
  bool expect(char C) {
    skip();
    if (peek() != C)
      return false;
    ++Cur;
    return true;
  }
  bool word(const char *W) {
    size_t N = std::strlen(W);
    if (size_t(End - Cur) < N || std::strncmp(Cur, W, N) != 0)
      return false;
    Cur += N;
    return true;
  }
  bool string(std::string &Out) {
    skip();
    char Quote = peek();
    if (Quote != '\'' && Quote != '"')
      return false;
    ++Cur;
    const char *Start = Cur;
    while (Cur < End && *Cur != Quote)
      ++Cur;
    if (Cur == End)
      return false;
    Out.assign(Start, Cur);
    ++Cur;
    return true;
  }
  bool tuple(std::vector<int64_t> &Out) {
    if (!expect('('))
      return false;
    for (;;) {
      skip();
      if (peek() == ')') {
        ++Cur;
        return true;
      }
      if (!(peek() >= '0' && peek() <= '9'))
        return false;
      errno = 0;
      char *After;
      long long V = std::strtoll(Cur, &After, 10);
      if (errno != 0 || After > End)
        return false;
      Out.push_back(V);
      Cur = After;
      if (peek() == 'L') // Python 2 longs
        ++Cur;
      skip();
      if (peek() == ',')
        ++Cur;
      else if (peek() != ')')
        return false;
    }
  }
};

} // namespace

bool parseNpyHeader(const unsigned char *Bytes, uint64_t Size, NpyHeader &Out,
                    std::string &Error) {
  uint64_t Expected;
  if (!npyHeaderSize(Bytes, Size, Expected, Error))
    return false;
  uint64_t DictStart = Bytes[6] == 1 ? 10 : 12;
  const char *Begin = reinterpret_cast<const char *>(Bytes) + DictStart;
  const char *End = reinterpret_cast<const char *>(Bytes) + Expected;
  Out = NpyHeader();
  Out.Size = Expected;
  if (!DictParser(Begin, End).parse(Out)) {
    Error = "has a malformed .npy header";
    return false;
  }
  return true;
}

} // namespace tcc::rt
