//===- Npz.cpp - Saving and loading shared state as .npz ------------------===//

#include "Npz.h"

#include <shared_mutex>

#include "Array.h"
#include "Error.h"
#include "Manifest.h"
#include "Npy.h"
#include "Shared.h"
#include "Validate.h"
#include "Zip.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tcc::rt {

namespace {

/// Closes a file descriptor on every path out of loadState.
struct FdCloser {
  int Fd;
  ~FdCloser() {
    if (Fd >= 0)
      ::close(Fd);
  }
};

std::string quote(const char *Path) { return std::string("'") + Path + "'"; }

} // namespace

int saveState(const char *Path) {
  if (!Path)
    return fail(TCC_ERROR_ARGUMENT, "tcc_shared_save: path is null");
  SharedState *State = SharedState::get();
  if (!State)
    return TCC_ERROR_INTERNAL;
  const Manifest &M = State->M;
  std::vector<int32_t> All;
  for (size_t I = 0; I < M.Shared.size(); ++I)
    All.push_back(static_cast<int32_t>(I));
  // While BufferMutex is held shared no kernel writes a value in place, so
  // the snapshot is consistent; new values committed meanwhile are other
  // buffers.
  std::shared_lock<std::shared_mutex> Reading(State->BufferMutex);
  std::vector<SharedValue> Values = State->snapshot(All);

  std::vector<std::string> Headers;
  std::vector<ZipWriteEntry> Entries;
  for (size_t I = 0; I < M.Shared.size(); ++I)
    Headers.push_back(npyHeader(M.Shared[I].DType, Values[I].S));
  for (size_t I = 0; I < M.Shared.size(); ++I) {
    int64_t Count, Bytes;
    countElements(Values[I].S.Dims, Values[I].S.Rank,
                  dtypeSize(M.Shared[I].DType), Count, Bytes);
    ZipWriteEntry E;
    E.Name = M.Shared[I].Name + ".npy";
    E.Parts.push_back({Headers[I].data(), Headers[I].size()});
    E.Parts.push_back({Values[I].Data.get(), uint64_t(Bytes)});
    Entries.push_back(std::move(E));
  }

  // Write beside the target so the rename stays on one file system and is
  // atomic: a reader sees the old file or the new one, never a partial one.
  std::string Temp = std::string(Path) + ".tmpXXXXXX";
  int Fd = mkstemp(&Temp[0]);
  if (Fd < 0)
    return fail(TCC_ERROR_IO, "tcc_shared_save: cannot create a temporary "
                              "file beside " +
                                  quote(Path) + ": " + std::strerror(errno));
  fchmod(Fd, 0644); // mkstemp creates 0600; match what numpy.savez makes.
  std::FILE *F = fdopen(Fd, "wb");
  std::string Error;
  bool Ok = F != nullptr;
  if (!Ok) {
    Error = std::strerror(errno);
    ::close(Fd);
  }
  Ok = Ok && writeZip(F, Entries, Error);
  if (Ok && (std::fflush(F) != 0 || fsync(fileno(F)) != 0)) {
    Error = std::strerror(errno);
    Ok = false;
  }
  if (F && std::fclose(F) != 0 && Ok) {
    Error = std::strerror(errno);
    Ok = false;
  }
  if (Ok && std::rename(Temp.c_str(), Path) != 0) {
    Error = std::strerror(errno);
    Ok = false;
  }
  if (!Ok) {
    std::remove(Temp.c_str());
    return fail(TCC_ERROR_IO,
                "tcc_shared_save: cannot write " + quote(Path) + ": " + Error);
  }
  return TCC_OK;
}

int loadState(const char *Path) {
  if (!Path)
    return fail(TCC_ERROR_ARGUMENT, "tcc_shared_load: path is null");
  SharedState *State = SharedState::get();
  if (!State)
    return TCC_ERROR_INTERNAL;
  const Manifest &M = State->M;
  std::string Where = "tcc_shared_load: " + quote(Path);

  FdCloser File{::open(Path, O_RDONLY | O_CLOEXEC)};
  if (File.Fd < 0)
    return fail(TCC_ERROR_IO, "tcc_shared_load: cannot open " + quote(Path) +
                                  ": " + std::strerror(errno));
  std::vector<ZipReadEntry> Entries;
  std::string Error;
  if (!listZip(File.Fd, Entries, Error))
    return fail(TCC_ERROR_IO, Where + " " + Error);

  // Match entries to shared variables: exactly one each, nothing else, so a
  // file from another model is refused rather than half applied.
  std::vector<const ZipReadEntry *> ByShared(M.Shared.size(), nullptr);
  for (const ZipReadEntry &E : Entries) {
    const std::string &N = E.Name;
    std::string Stem = N.size() > 4 && N.compare(N.size() - 4, 4, ".npy") == 0
                           ? N.substr(0, N.size() - 4)
                           : N;
    int32_t Index = M.findShared(Stem.c_str());
    if (Index < 0)
      return fail(TCC_ERROR_ARGUMENT, Where + " has an array '" + Stem +
                                          "' but the model has no shared "
                                          "variable of that name");
    if (ByShared[Index])
      return fail(TCC_ERROR_ARGUMENT,
                  Where + " has two arrays named '" + Stem + "'");
    ByShared[Index] = &E;
  }
  for (size_t I = 0; I < M.Shared.size(); ++I)
    if (!ByShared[I])
      return fail(TCC_ERROR_ARGUMENT,
                  Where + " has no array for shared variable '" +
                      M.Shared[I].Name + "'");

  // Check every header before reading any data.
  std::vector<NpyHeader> Headers(M.Shared.size());
  std::vector<Shape> Shapes(M.Shared.size());
  for (size_t I = 0; I < M.Shared.size(); ++I) {
    const SharedSpec &Spec = M.Shared[I];
    const ZipReadEntry &E = *ByShared[I];
    std::string Subject = Where + ": array '" + Spec.Name + "'";
    unsigned char Preamble[NpyPreambleSize];
    uint64_t HeaderSize;
    uint64_t PreambleSize = E.Size < NpyPreambleSize ? E.Size : NpyPreambleSize;
    if (!readAt(File.Fd, E.DataOffset, Preamble, PreambleSize) ||
        !npyHeaderSize(Preamble, PreambleSize, HeaderSize, Error))
      return fail(TCC_ERROR_IO,
                  Subject + " " + (Error.empty() ? "cannot be read" : Error));
    if (HeaderSize > E.Size || HeaderSize > (1u << 20))
      return fail(TCC_ERROR_IO, Subject + " has a truncated .npy header");
    // One byte more, zero, so number parsing cannot run off the end.
    std::vector<unsigned char> Bytes(HeaderSize + 1, 0);
    if (!readAt(File.Fd, E.DataOffset, Bytes.data(), HeaderSize) ||
        !parseNpyHeader(Bytes.data(), HeaderSize, Headers[I], Error))
      return fail(TCC_ERROR_IO, Subject + " " + Error);
    const NpyHeader &H = Headers[I];
    int32_t DType = dtypeFromDescr(H.Descr);
    if (DType != Spec.DType)
      return fail(TCC_ERROR_ARGUMENT,
                  Subject + " must be " + dtypeName(Spec.DType) + ", got " +
                      (DType >= 0 ? std::string(dtypeName(DType))
                                  : "'" + H.Descr + "'"));
    int32_t Rank = static_cast<int32_t>(H.Dims.size());
    if (Rank != Spec.rank()) {
      std::string Got = "rank " + std::to_string(Rank);
      if (Rank <= TCC_MAX_RANK)
        Got += " (shape " + formatShape(H.Dims.data(), Rank) + ")";
      return fail(TCC_ERROR_ARGUMENT, Subject + " must have rank " +
                                          std::to_string(Spec.rank()) +
                                          ", got " + Got);
    }
    Shapes[I].Rank = Rank;
    std::copy(H.Dims.begin(), H.Dims.end(), Shapes[I].Dims);
    if (int Status = checkShape(Subject, Shapes[I], DType, Spec.Broadcastable,
                                TCC_ERROR_ARGUMENT))
      return Status;
    int64_t Count, DataBytes;
    countElements(Shapes[I].Dims, Rank, dtypeSize(DType), Count, DataBytes);
    if (E.Size - HeaderSize != uint64_t(DataBytes))
      return fail(TCC_ERROR_IO,
                  Subject + " has " + std::to_string(E.Size - HeaderSize) +
                      " bytes of data, expected " + std::to_string(DataBytes));
  }

  // Read the data into new buffers (checking each entry's CRC).
  std::vector<SharedValue> NewValues(M.Shared.size());
  for (size_t I = 0; I < M.Shared.size(); ++I) {
    const SharedSpec &Spec = M.Shared[I];
    const ZipReadEntry &E = *ByShared[I];
    const NpyHeader &H = Headers[I];
    int64_t ElemSize = dtypeSize(Spec.DType), Count, Bytes;
    countElements(Shapes[I].Dims, Shapes[I].Rank, ElemSize, Count, Bytes);
    UniqueBuffer Data(allocateBuffer(Bytes));
    if (!Data)
      return fail(TCC_ERROR_MEMORY, Where + ": cannot allocate " +
                                        std::to_string(Bytes) + " bytes for '" +
                                        Spec.Name + "'");
    std::vector<unsigned char> Header(H.Size);
    if (!readAt(File.Fd, E.DataOffset, Header.data(), H.Size) ||
        !readAt(File.Fd, E.DataOffset + H.Size, Data.get(), Bytes))
      return fail(TCC_ERROR_IO, Where + ": cannot read array '" + Spec.Name +
                                    "': " + std::strerror(errno));
    uint32_t Crc = crc32Update(0, Header.data(), H.Size);
    Crc = crc32Update(Crc, Data.get(), Bytes);
    if (Crc != E.Crc)
      return fail(TCC_ERROR_IO, Where + ": array '" + Spec.Name +
                                    "' is corrupt (CRC mismatch)");
    if (H.FortranOrder && Shapes[I].Rank > 1) {
      // Column-major on disk: its strides grow from the first dimension.
      int64_t Strides[TCC_MAX_RANK];
      int64_t S = ElemSize;
      for (int32_t D = 0; D < Shapes[I].Rank; ++D) {
        Strides[D] = S;
        S *= Shapes[I].Dims[D];
      }
      UniqueBuffer C(allocateBuffer(Bytes));
      if (!C)
        return fail(TCC_ERROR_MEMORY, Where + ": cannot allocate " +
                                          std::to_string(Bytes) +
                                          " bytes for '" + Spec.Name + "'");
      copyToContiguous(static_cast<char *>(C.get()),
                       static_cast<const char *>(Data.get()), Shapes[I].Dims,
                       Strides, Shapes[I].Rank, ElemSize);
      Data = std::move(C);
    }
    NewValues[I].Data = std::shared_ptr<void>(std::move(Data));
    NewValues[I].S = Shapes[I];
  }

  {
    std::lock_guard<std::mutex> Update(State->UpdateMutex);
    std::lock_guard<std::mutex> Lock(State->StateMutex);
    State->Values.swap(NewValues);
  }
  return TCC_OK;
}

} // namespace tcc::rt
