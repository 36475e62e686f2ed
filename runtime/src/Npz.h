//===- Npz.h - Saving and loading shared state as .npz ----------*- C++ -*-===//

#ifndef TCC_RUNTIME_NPZ_H
#define TCC_RUNTIME_NPZ_H

namespace tcc::rt {

/// Writes every shared variable as `<name>.npy` into an uncompressed .npz at
/// `Path`, through a temporary file renamed over it.
int saveState(const char *Path);

/// Restores every shared variable from an .npz holding exactly one array per
/// shared variable; all arrays are checked before any value changes.
int loadState(const char *Path);

} // namespace tcc::rt

#endif // TCC_RUNTIME_NPZ_H
