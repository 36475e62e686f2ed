//===- Zip.cpp - Uncompressed (stored) zip archives -----------------------===//
//
// Format: PKWARE APPNOTE.TXT, sections 4.3 (records) and 4.5.3 (zip64).
//
//===----------------------------------------------------------------------===//

#include "Zip.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/stat.h>
#include <unistd.h>

namespace tcc::rt {

namespace {

constexpr uint32_t LocalSig = 0x04034b50;
constexpr uint32_t CentralSig = 0x02014b50;
constexpr uint32_t EndSig = 0x06054b50;
constexpr uint32_t End64Sig = 0x06064b50;
constexpr uint32_t End64LocatorSig = 0x07064b50;
constexpr uint32_t Max32 = 0xFFFFFFFFu;
constexpr uint16_t Max16 = 0xFFFF;

struct CrcTable {
  uint32_t T[256];
  CrcTable() {
    for (uint32_t I = 0; I < 256; ++I) {
      uint32_t C = I;
      for (int K = 0; K < 8; ++K)
        C = (C & 1) ? 0xEDB88320u ^ (C >> 1) : C >> 1;
      T[I] = C;
    }
  }
};

/// Little-endian record builder.
class Record {
public:
  std::string Bytes;
  Record &u16(uint16_t V) { return put(V, 2); }
  Record &u32(uint32_t V) { return put(V, 4); }
  Record &u64(uint64_t V) { return put(V, 8); }
  Record &str(const std::string &S) {
    Bytes += S;
    return *this;
  }

private:
  Record &put(uint64_t V, int N) {
    for (int I = 0; I < N; ++I)
      Bytes += char((V >> (8 * I)) & 0xFF);
    return *this;
  }
};

uint64_t le(const unsigned char *P, int N) {
  uint64_t V = 0;
  for (int I = N - 1; I >= 0; --I)
    V = (V << 8) | P[I];
  return V;
}

/// MS-DOS time and date of now, as zip stores them.
void dosTime(uint16_t &Time, uint16_t &Date) {
  std::time_t Now = std::time(nullptr);
  std::tm Tm;
  localtime_r(&Now, &Tm);
  if (Tm.tm_year < 80) {
    Time = 0;
    Date = (1 << 5) | 1; // 1980-01-01
    return;
  }
  Time = uint16_t((Tm.tm_hour << 11) | (Tm.tm_min << 5) | (Tm.tm_sec / 2));
  Date =
      uint16_t(((Tm.tm_year - 80) << 9) | ((Tm.tm_mon + 1) << 5) | Tm.tm_mday);
}

} // namespace

uint32_t crc32Update(uint32_t Crc, const void *Data, uint64_t N) {
  static const CrcTable Table;
  const unsigned char *P = static_cast<const unsigned char *>(Data);
  Crc = ~Crc;
  for (uint64_t I = 0; I < N; ++I)
    Crc = Table.T[(Crc ^ P[I]) & 0xFF] ^ (Crc >> 8);
  return ~Crc;
}

bool writeZip(std::FILE *F, const std::vector<ZipWriteEntry> &Entries,
              std::string &Error) {
  uint16_t Time, Date;
  dosTime(Time, Date);
  uint64_t Offset = 0;
  bool Ok = true;
  auto Write = [&](const void *P, uint64_t N) {
    if (Ok && N && std::fwrite(P, 1, N, F) != N) {
      Error = std::strerror(errno);
      Ok = false;
    }
    Offset += N;
  };

  Record Central;
  for (const ZipWriteEntry &E : Entries) {
    uint64_t Size = 0;
    uint32_t Crc = 0;
    for (const auto &Part : E.Parts) {
      Size += Part.second;
      Crc = crc32Update(Crc, Part.first, Part.second);
    }
    uint64_t HeaderOffset = Offset;
    bool BigSize = Size >= Max32;
    bool BigOffset = HeaderOffset >= Max32;
    uint16_t Version = BigSize || BigOffset ? 45 : 20;

    Record Local;
    Record LocalExtra;
    if (BigSize)
      LocalExtra.u16(1).u16(16).u64(Size).u64(Size);
    Local.u32(LocalSig).u16(Version).u16(0).u16(0).u16(Time).u16(Date);
    Local.u32(Crc).u32(BigSize ? Max32 : uint32_t(Size));
    Local.u32(BigSize ? Max32 : uint32_t(Size));
    Local.u16(uint16_t(E.Name.size())).u16(uint16_t(LocalExtra.Bytes.size()));
    Local.str(E.Name).str(LocalExtra.Bytes);
    Write(Local.Bytes.data(), Local.Bytes.size());
    for (const auto &Part : E.Parts)
      Write(Part.first, Part.second);

    // The central zip64 extra holds only the fields that overflowed, in the
    // order uncompressed size, compressed size, header offset.
    Record Extra;
    if (BigSize || BigOffset) {
      Record Fields;
      if (BigSize)
        Fields.u64(Size).u64(Size);
      if (BigOffset)
        Fields.u64(HeaderOffset);
      Extra.u16(1).u16(uint16_t(Fields.Bytes.size())).str(Fields.Bytes);
    }
    Central.u32(CentralSig).u16(uint16_t((3 << 8) | Version)).u16(Version);
    Central.u16(0).u16(0).u16(Time).u16(Date).u32(Crc);
    Central.u32(BigSize ? Max32 : uint32_t(Size));
    Central.u32(BigSize ? Max32 : uint32_t(Size));
    Central.u16(uint16_t(E.Name.size())).u16(uint16_t(Extra.Bytes.size()));
    Central.u16(0).u16(0).u16(0);
    Central.u32(0100644u << 16); // a regular file, rw-r--r--
    Central.u32(BigOffset ? Max32 : uint32_t(HeaderOffset));
    Central.str(E.Name).str(Extra.Bytes);
  }

  uint64_t CentralOffset = Offset;
  uint64_t CentralSize = Central.Bytes.size();
  Write(Central.Bytes.data(), CentralSize);
  uint64_t Count = Entries.size();
  bool Zip64 = Count >= Max16 || CentralOffset >= Max32 || CentralSize >= Max32;
  Record End;
  if (Zip64) {
    uint64_t End64Offset = Offset;
    End.u32(End64Sig).u64(44).u16(45).u16(45).u32(0).u32(0);
    End.u64(Count).u64(Count).u64(CentralSize).u64(CentralOffset);
    End.u32(End64LocatorSig).u32(0).u64(End64Offset).u32(1);
  }
  uint16_t Count16 = Count >= Max16 ? Max16 : uint16_t(Count);
  End.u32(EndSig).u16(0).u16(0).u16(Count16).u16(Count16);
  End.u32(CentralSize >= Max32 ? Max32 : uint32_t(CentralSize));
  End.u32(CentralOffset >= Max32 ? Max32 : uint32_t(CentralOffset));
  End.u16(0);
  Write(End.Bytes.data(), End.Bytes.size());
  return Ok;
}

bool readAt(int Fd, uint64_t Offset, void *Buffer, uint64_t N) {
  char *P = static_cast<char *>(Buffer);
  while (N > 0) {
    ssize_t Got = pread(Fd, P, N > (1u << 30) ? (1u << 30) : N, Offset);
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got <= 0)
      return false;
    P += Got;
    Offset += Got;
    N -= Got;
  }
  return true;
}

bool listZip(int Fd, std::vector<ZipReadEntry> &Entries, std::string &Error) {
  struct stat St;
  if (fstat(Fd, &St) != 0) {
    Error = std::string("cannot be read: ") + std::strerror(errno);
    return false;
  }
  uint64_t FileSize = St.st_size;
  auto Bad = [&](const std::string &What) {
    Error = "is not a valid zip archive (" + What + ")";
    return false;
  };

  // The end record is in the last 22 + 65535 (comment) bytes.
  uint64_t TailSize = FileSize < 22 + 65535 ? FileSize : 22 + 65535;
  std::vector<unsigned char> Tail(TailSize);
  if (!readAt(Fd, FileSize - TailSize, Tail.data(), TailSize))
    return Bad("cannot read its end");
  int64_t EndPos = -1;
  for (int64_t I = int64_t(TailSize) - 22; I >= 0; --I)
    if (le(&Tail[I], 4) == EndSig) {
      EndPos = I;
      break;
    }
  if (EndPos < 0)
    return Bad("no end of central directory");
  const unsigned char *End = &Tail[EndPos];
  uint64_t Count = le(End + 10, 2);
  uint64_t CentralSize = le(End + 12, 4);
  uint64_t CentralOffset = le(End + 16, 4);
  if (Count == Max16 || CentralSize == Max32 || CentralOffset == Max32) {
    uint64_t EndFileOffset = FileSize - TailSize + EndPos;
    unsigned char Locator[20], End64[56];
    if (EndFileOffset < 20 || !readAt(Fd, EndFileOffset - 20, Locator, 20) ||
        le(Locator, 4) != End64LocatorSig)
      return Bad("no zip64 end locator");
    if (!readAt(Fd, le(Locator + 8, 8), End64, 56) || le(End64, 4) != End64Sig)
      return Bad("no zip64 end record");
    Count = le(End64 + 32, 8);
    CentralSize = le(End64 + 40, 8);
    CentralOffset = le(End64 + 48, 8);
  }
  if (CentralOffset > FileSize || CentralSize > FileSize - CentralOffset)
    return Bad("central directory outside the file");
  std::vector<unsigned char> Central(CentralSize);
  if (!readAt(Fd, CentralOffset, Central.data(), CentralSize))
    return Bad("cannot read the central directory");

  uint64_t Pos = 0;
  for (uint64_t I = 0; I < Count; ++I) {
    if (Pos + 46 > CentralSize || le(&Central[Pos], 4) != CentralSig)
      return Bad("bad central directory entry");
    const unsigned char *C = &Central[Pos];
    uint64_t Flags = le(C + 8, 2), Method = le(C + 10, 2);
    uint64_t Compressed = le(C + 20, 4), Size = le(C + 24, 4);
    uint64_t NameLen = le(C + 28, 2), ExtraLen = le(C + 30, 2);
    uint64_t CommentLen = le(C + 32, 2), HeaderOffset = le(C + 42, 4);
    if (Pos + 46 + NameLen + ExtraLen + CommentLen > CentralSize)
      return Bad("bad central directory entry");
    ZipReadEntry E;
    E.Name.assign(reinterpret_cast<const char *>(C + 46), NameLen);
    E.Crc = uint32_t(le(C + 16, 4));
    // Zip64 extra: the 64-bit values of exactly the fields that are Max32.
    const unsigned char *X = C + 46 + NameLen, *XEnd = X + ExtraLen;
    while (X + 4 <= XEnd) {
      uint64_t Id = le(X, 2), Len = le(X + 2, 2);
      if (X + 4 + Len > XEnd)
        break;
      if (Id == 1) {
        const unsigned char *F = X + 4, *FEnd = X + 4 + Len;
        for (uint64_t *Field : {&Size, &Compressed, &HeaderOffset})
          if (*Field == Max32 && F + 8 <= FEnd) {
            *Field = le(F, 8);
            F += 8;
          }
      }
      X += 4 + Len;
    }
    if (Flags & 1)
      return Bad("entry '" + E.Name + "' is encrypted");
    if (Method != 0) {
      Error = "has a compressed entry '" + E.Name + "' (method " +
              std::to_string(Method) +
              "); only uncompressed archives (numpy.savez, not "
              "numpy.savez_compressed) can be loaded";
      return false;
    }
    if (Compressed != Size)
      return Bad("entry '" + E.Name + "' has inconsistent sizes");
    unsigned char Local[30];
    if (HeaderOffset > FileSize || !readAt(Fd, HeaderOffset, Local, 30) ||
        le(Local, 4) != LocalSig)
      return Bad("bad local header for '" + E.Name + "'");
    E.DataOffset = HeaderOffset + 30 + le(Local + 26, 2) + le(Local + 28, 2);
    E.Size = Size;
    if (E.DataOffset > FileSize || E.Size > FileSize - E.DataOffset)
      return Bad("entry '" + E.Name + "' is truncated");
    Entries.push_back(std::move(E));
    Pos += 46 + NameLen + ExtraLen + CommentLen;
  }
  return true;
}

} // namespace tcc::rt
