//===- Error.h - Thread-local last-error message ----------------*- C++ -*-===//
//
// Every failing runtime entry point records a message here and returns a
// status, so the C API never throws and tcc_last_error() can describe it.
//
//===----------------------------------------------------------------------===//

#ifndef TCC_RUNTIME_ERROR_H
#define TCC_RUNTIME_ERROR_H

#include <string>

namespace tcc::rt {

/// Records `Message` as this thread's last error and returns `Status`, so
/// callers can write `return fail(TCC_ERROR_ARGUMENT, ...)`.
int fail(int Status, std::string Message);

/// This thread's last error message ("" if no call failed yet).
const char *lastError();

} // namespace tcc::rt

#endif // TCC_RUNTIME_ERROR_H
