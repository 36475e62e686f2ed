//===- Error.cpp - Thread-local last-error message ------------------------===//

#include "Error.h"

namespace tcc::rt {

// Thread-local so concurrent callers (e.g. Python threads releasing the GIL)
// each read the message of their own failed call.
static thread_local std::string LastError;

int fail(int Status, std::string Message) {
  LastError = std::move(Message);
  return Status;
}

const char *lastError() { return LastError.c_str(); }

} // namespace tcc::rt
